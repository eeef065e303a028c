"""Writes of reporting rounds: defining, publishing, answering, reminding, closing.

Lock order: the round row, then a recipient row (`SELECT … FOR UPDATE` on PostgreSQL). Two people
of one organisation saving at once are serialised on the recipient row; the last save is the
organisation's answer and every save stays in the revision history. E-mails leave after commit.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Final

import structlog
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.accounts.models import User
from spojka.coordination import actions_capacity
from spojka.coordination.enums_rounds import QuestionKind, RecipientRule, RecipientStatus, RoundStatus
from spojka.coordination.models import AnswerRevision, AnswerValue, ReportingRound, RoundQuestion, RoundRecipient
from spojka.coordination.queries_rounds import area_of, resolve_recipients
from spojka.coordination.tasks import EmailKind, send_round_email
from spojka.geo.models import AdministrativeUnit
from spojka.network.models import Organization

log = structlog.get_logger(__name__)

# A second click on "remind" within this time e-mails nobody twice.
REMINDER_PAUSE: Final = datetime.timedelta(hours=24)


class RoundError(ValueError):
    """A round cannot be changed or answered as asked; the message is for the user."""


@dataclass(frozen=True)
class QuestionSpec:
    """A question as the coordinator defines it."""

    key: str
    label: str
    kind: str
    help_text: str = ""
    required: bool = False
    min_value: int | None = 0
    max_value: int | None = None
    options: Sequence[str] = field(default_factory=tuple)
    capacity_kind: str = ""


def check_questions(questions: Sequence[QuestionSpec]) -> None:
    """Raise ValidationError with every problem of a set of questions: duplicate keys, empty choices, bad ranges."""
    problems: list[str] = []
    seen: set[str] = set()
    duplicates: list[str] = []
    for question in questions:
        if question.key in seen and question.key not in duplicates:
            duplicates.append(question.key)
        seen.add(question.key)
        if question.kind not in QuestionKind.values:
            problems.append(_("Question “%(key)s” has an unknown kind of answer.") % {"key": question.key})
        if question.kind == QuestionKind.CHOICE and len([o for o in question.options if o.strip()]) < 2:
            problems.append(_("Question “%(key)s” needs at least two options to choose from.") % {"key": question.key})
        if (
            question.min_value is not None
            and question.max_value is not None
            and question.min_value > question.max_value
        ):
            problems.append(
                _("In question “%(key)s” the smallest number is larger than the largest.") % {"key": question.key}
            )
        if question.capacity_kind and question.kind not in {QuestionKind.NUMBER, QuestionKind.MUNICIPALITY_TABLE}:
            problems.append(
                _("Only a number question can feed the capacity registry (question “%(key)s”).") % {"key": question.key}
            )
    for key in duplicates:
        problems.insert(
            0,
            _("The key “%(key)s” is used by more than one question; every question needs its own key.") % {"key": key},
        )
    if problems:
        raise ValidationError(problems)


def _check_rule(
    *, recipient_rule: str, district: AdministrativeUnit | None, sector: str, organizations: Iterable[Organization]
) -> None:
    if recipient_rule == RecipientRule.DISTRICT_MUNICIPALITIES and district is None:
        raise RoundError(_("Choose the district whose municipalities the round goes to."))
    if recipient_rule == RecipientRule.SECTOR and not sector:
        raise RoundError(_("Choose the sector whose organisations the round goes to."))
    if recipient_rule == RecipientRule.CHOSEN and not list(organizations):
        raise RoundError(_("Choose at least one organisation the round goes to."))


def _email_after_commit(recipient_id: str, kind: EmailKind) -> None:
    transaction.on_commit(partial(send_round_email.enqueue, recipient_id, kind))


def _lock_round(reporting_round: ReportingRound) -> ReportingRound:
    rows = ReportingRound.objects.all()
    if connection.features.has_select_for_update:
        rows = rows.select_for_update()
    return rows.get(pk=reporting_round.pk)


@transaction.atomic
def create_round(
    *,
    title: str,
    instructions: str,
    deadline: datetime.datetime,
    recipient_rule: str,
    district: AdministrativeUnit | None = None,
    sector: str = "",
    organizations: Sequence[Organization] = (),
    by: User,
) -> ReportingRound:
    """Start a round as a draft: nothing goes out until it is published."""
    _check_rule(recipient_rule=recipient_rule, district=district, sector=sector, organizations=organizations)
    reporting_round = ReportingRound.objects.create(
        title=title.strip(),
        instructions=instructions.strip(),
        deadline=deadline,
        recipient_rule=recipient_rule,
        district=district if recipient_rule == RecipientRule.DISTRICT_MUNICIPALITIES else None,
        sector=sector if recipient_rule == RecipientRule.SECTOR else "",
        created_by=by,
    )
    if recipient_rule == RecipientRule.CHOSEN:
        reporting_round.chosen_organizations.set(organizations)
    log.info("round_created", round=str(reporting_round.pk), by=by.pk)
    return reporting_round


@transaction.atomic
def update_round(
    *,
    reporting_round: ReportingRound,
    title: str,
    instructions: str,
    deadline: datetime.datetime,
    recipient_rule: str,
    district: AdministrativeUnit | None = None,
    sector: str = "",
    organizations: Sequence[Organization] = (),
    by: User,
) -> ReportingRound:
    """Change a round's title, instructions and deadline; its recipients only while it is a draft."""
    reporting_round = _lock_round(reporting_round)
    if reporting_round.status == RoundStatus.CLOSED:
        raise RoundError(_("The round is closed and cannot be changed."))
    reporting_round.title = title.strip()
    reporting_round.instructions = instructions.strip()
    reporting_round.deadline = deadline
    fields = ["title", "instructions", "deadline"]
    if reporting_round.status == RoundStatus.DRAFT:
        _check_rule(recipient_rule=recipient_rule, district=district, sector=sector, organizations=organizations)
        reporting_round.recipient_rule = recipient_rule
        reporting_round.district = district if recipient_rule == RecipientRule.DISTRICT_MUNICIPALITIES else None
        reporting_round.sector = sector if recipient_rule == RecipientRule.SECTOR else ""
        fields += ["recipient_rule", "district", "sector"]
        reporting_round.chosen_organizations.set(organizations if recipient_rule == RecipientRule.CHOSEN else [])
    reporting_round.save(update_fields=fields)
    log.info("round_updated", round=str(reporting_round.pk), by=by.pk)
    return reporting_round


@transaction.atomic
def set_questions(*, reporting_round: ReportingRound, questions: Sequence[QuestionSpec], by: User) -> None:
    """Replace the questions of a draft round; refused, with nothing saved, when any is wrong."""
    reporting_round = _lock_round(reporting_round)
    if reporting_round.status != RoundStatus.DRAFT:
        raise RoundError(_("The questions of a published round cannot change."))
    check_questions(questions)
    RoundQuestion.objects.filter(round=reporting_round).delete()
    RoundQuestion.objects.bulk_create(
        RoundQuestion(
            round=reporting_round,
            key=spec.key,
            label=spec.label.strip(),
            help_text=spec.help_text.strip(),
            kind=spec.kind,
            required=spec.required,
            min_value=spec.min_value if spec.kind in {QuestionKind.NUMBER, QuestionKind.MUNICIPALITY_TABLE} else None,
            max_value=spec.max_value if spec.kind in {QuestionKind.NUMBER, QuestionKind.MUNICIPALITY_TABLE} else None,
            options=[option.strip() for option in spec.options if option.strip()]
            if spec.kind == QuestionKind.CHOICE
            else [],
            capacity_kind=spec.capacity_kind,
            position=position,
        )
        for position, spec in enumerate(questions)
    )
    log.info("round_questions_set", round=str(reporting_round.pk), questions=len(questions), by=by.pk)


@transaction.atomic
def publish_round(*, reporting_round: ReportingRound, by: User) -> int:
    """Send a draft round: lock its questions, resolve its recipients, e-mail them after commit.

    Returns how many organisations it went to.
    """
    reporting_round = _lock_round(reporting_round)
    if reporting_round.status != RoundStatus.DRAFT:
        raise RoundError(_("The round has already been published."))
    if not RoundQuestion.objects.filter(round=reporting_round).exists():
        raise RoundError(_("Add at least one question before publishing the round."))
    if reporting_round.deadline <= timezone.now():
        raise RoundError(_("The deadline has passed; set a later one before publishing the round."))
    organizations = list(resolve_recipients(reporting_round=reporting_round))
    if not organizations:
        raise RoundError(_("No organisation matches the round's recipients; choose others before publishing."))
    recipients = RoundRecipient.objects.bulk_create(
        RoundRecipient(round=reporting_round, organization=organization) for organization in organizations
    )
    reporting_round.status = RoundStatus.PUBLISHED
    reporting_round.published_at = timezone.now()
    reporting_round.save(update_fields=["status", "published_at"])
    for recipient in recipients:
        _email_after_commit(str(recipient.pk), EmailKind.INVITATION)
    log.info("round_published", round=str(reporting_round.pk), recipients=len(recipients), by=by.pk)
    return len(recipients)


@transaction.atomic
def close_round(*, reporting_round: ReportingRound, by: User) -> ReportingRound:
    """Close a published round: no more answers or corrections, its results final."""
    reporting_round = _lock_round(reporting_round)
    if reporting_round.status != RoundStatus.PUBLISHED:
        raise RoundError(_("Only an open round can be closed."))
    reporting_round.status = RoundStatus.CLOSED
    reporting_round.closed_at = timezone.now()
    reporting_round.save(update_fields=["status", "closed_at"])
    log.info("round_closed", round=str(reporting_round.pk), by=by.pk)
    return reporting_round


@transaction.atomic
def copy_round(*, source: ReportingRound, by: User) -> ReportingRound:
    """Start a new draft round with the questions and recipients of an earlier one, due in two weeks."""
    local_deadline = timezone.localtime(source.deadline)
    deadline = timezone.localtime() + datetime.timedelta(days=14)
    deadline = deadline.replace(hour=local_deadline.hour, minute=local_deadline.minute, second=0, microsecond=0)
    copy = ReportingRound.objects.create(
        title=source.title,
        instructions=source.instructions,
        deadline=deadline,
        recipient_rule=source.recipient_rule,
        district=source.district,
        sector=source.sector,
        copied_from=source,
        created_by=by,
    )
    copy.chosen_organizations.set(source.chosen_organizations.all())
    RoundQuestion.objects.bulk_create(
        RoundQuestion(
            round=copy,
            key=question.key,
            label=question.label,
            help_text=question.help_text,
            kind=question.kind,
            required=question.required,
            min_value=question.min_value,
            max_value=question.max_value,
            options=question.options,
            capacity_kind=question.capacity_kind,
            position=question.position,
        )
        for question in RoundQuestion.objects.filter(round=source)
    )
    log.info("round_copied", round=str(copy.pk), source=str(source.pk), by=by.pk)
    return copy


# The recipient's side.


def _lock_recipient(recipient: RoundRecipient) -> RoundRecipient:
    rows = RoundRecipient.objects.select_related("round", "organization", "organization__municipality")
    if connection.features.has_select_for_update:
        rows = rows.select_for_update(of=("self",))
    return rows.get(pk=recipient.pk)


@transaction.atomic
def record_round_opened(*, recipient: RoundRecipient, by: User) -> None:
    """Note the first time the organisation opened the round (the coordinator sees "opened")."""
    RoundRecipient.objects.filter(pk=recipient.pk, opened_at__isnull=True).update(opened_at=timezone.now())
    RoundRecipient.objects.filter(pk=recipient.pk, status=RecipientStatus.NOT_OPENED).update(
        status=RecipientStatus.OPENED
    )


def _check_number(question: RoundQuestion, number: Any) -> int | None:
    if number is None or number == "":
        return None
    if isinstance(number, bool) or not isinstance(number, int):
        raise RoundError(_("“%(question)s” needs a whole number.") % {"question": question.label})
    if question.min_value is not None and number < question.min_value:
        if question.min_value == 0:
            raise RoundError(_("“%(question)s” cannot be negative.") % {"question": question.label})
        raise RoundError(
            _("“%(question)s” must be at least %(min)s.") % {"question": question.label, "min": question.min_value}
        )
    if question.max_value is not None and number > question.max_value:
        raise RoundError(
            _("“%(question)s” must be at most %(max)s.") % {"question": question.label, "max": question.max_value}
        )
    return int(number)


def _values_for(
    *, recipient: RoundRecipient, questions: Sequence[RoundQuestion], answers: Mapping[str, Any], submit: bool
) -> tuple[list[AnswerValue], dict[str, Any]]:
    """Check the answers against the questions; return the rows to store and the revision's snapshot."""
    area = {unit.code: unit for unit in area_of(organization=recipient.organization)}
    rows: list[AnswerValue] = []
    snapshot: dict[str, Any] = {}
    missing: list[str] = []
    for question in questions:
        answer = answers.get(question.key)
        if question.kind == QuestionKind.MUNICIPALITY_TABLE:
            cells = dict(answer or {})
            unknown = set(cells) - set(area)
            if unknown:
                raise RoundError(
                    _("“%(question)s” lists a municipality outside your area.") % {"question": question.label}
                )
            kept = {code: _check_number(question, number) for code, number in cells.items()}
            kept = {code: number for code, number in kept.items() if number is not None}
            rows += [
                AnswerValue(recipient=recipient, question=question, municipality=area[code], number=number)
                for code, number in kept.items()
            ]
            if kept:
                snapshot[question.key] = kept
            elif question.required:
                missing.append(question.label)
        elif question.kind == QuestionKind.NUMBER:
            number = _check_number(question, answer)
            if number is not None:
                rows.append(AnswerValue(recipient=recipient, question=question, number=number))
                snapshot[question.key] = number
            elif question.required:
                missing.append(question.label)
        else:
            text = str(answer or "").strip()
            if question.kind == QuestionKind.CHOICE and text and text not in question.options:
                raise RoundError(_("Choose one of the options of “%(question)s”.") % {"question": question.label})
            if text:
                rows.append(AnswerValue(recipient=recipient, question=question, text=text))
                snapshot[question.key] = text
            elif question.required:
                missing.append(question.label)
    if submit and missing:
        raise RoundError(
            _("Answer every required question before submitting: %(questions)s.") % {"questions": "; ".join(missing)}
        )
    return rows, snapshot


@transaction.atomic
def save_answer(*, recipient: RoundRecipient, answers: Mapping[str, Any], submit: bool, by: User) -> RoundRecipient:
    """Save the organisation's answer as a draft or submit it; refused after the deadline, changing nothing.

    `answers` maps question keys to a number, an option, a text, or (per-municipality questions) a
    mapping of municipality codes to numbers. The last save is the answer; each is kept as a revision.
    """
    recipient = _lock_recipient(recipient)
    reporting_round = recipient.round
    if reporting_round.status == RoundStatus.CLOSED:
        raise RoundError(_("The round is closed; answers can no longer be changed."))
    if reporting_round.status != RoundStatus.PUBLISHED:
        raise RoundError(_("The round has not been published."))
    if reporting_round.is_past_deadline:
        raise RoundError(_("The deadline has passed; answers can no longer be changed."))
    if recipient.is_submitted and not submit:
        raise RoundError(_("The answer has been submitted; submit the corrected answer instead of saving a draft."))
    questions = list(RoundQuestion.objects.filter(round=reporting_round).order_by("position", "key"))
    rows, snapshot = _values_for(recipient=recipient, questions=questions, answers=answers, submit=submit)
    AnswerValue.objects.filter(recipient=recipient).delete()
    AnswerValue.objects.bulk_create(rows)
    now = timezone.now()
    AnswerRevision.objects.create(recipient=recipient, saved_by=by, saved_at=now, submitted=submit, values=snapshot)
    recipient.saved_at = now
    recipient.opened_at = recipient.opened_at or now
    fields = ["saved_at", "opened_at", "status"]
    if submit:
        recipient.status = RecipientStatus.SUBMITTED
        recipient.submitted_at = now
        recipient.submitted_by = by
        fields += ["submitted_at", "submitted_by"]
        actions_capacity.record_capacity_from_answer(recipient=recipient, questions=questions, values=rows, by=by)
    else:
        recipient.status = RecipientStatus.DRAFT
    recipient.save(update_fields=fields)
    log.info("round_answer_saved", round=str(reporting_round.pk), recipient=str(recipient.pk), submit=submit)
    return recipient


@dataclass(frozen=True)
class Reminded:
    """How many organisations a click on "remind" e-mailed, and how many it left alone as reminded lately."""

    reminded: int
    recently_reminded: int


def _awaiting(reporting_round: ReportingRound) -> QuerySet[RoundRecipient]:
    return RoundRecipient.objects.filter(round=reporting_round).exclude(status=RecipientStatus.SUBMITTED)


@transaction.atomic
def remind_unanswered(*, reporting_round: ReportingRound, by: User) -> Reminded:
    """E-mail a reminder to the recipients that have not submitted, unless reminded in the last day."""
    reporting_round = _lock_round(reporting_round)
    if not reporting_round.accepts_answers:
        raise RoundError(_("The round no longer takes answers, so there is nobody to remind."))
    now = timezone.now()
    recent = Q(reminded_at__gt=now - REMINDER_PAUSE)
    awaiting = _awaiting(reporting_round)
    recently = awaiting.filter(recent).count()
    due = list(awaiting.exclude(recent).values_list("pk", flat=True))
    RoundRecipient.objects.filter(pk__in=due).update(reminded_at=now, reminder_count=F("reminder_count") + 1)
    for pk in due:
        _email_after_commit(str(pk), EmailKind.REMINDER)
    log.info("round_reminded", round=str(reporting_round.pk), reminded=len(due), skipped=recently, by=by.pk)
    return Reminded(reminded=len(due), recently_reminded=recently)
