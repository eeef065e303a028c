"""Reads of reporting rounds: who they go to, who answered, what is waiting, and the results.

Results are organisations' answers (a municipality's free places, a school's enrolled children),
not personal data: they are shown with the organisations' names and need no small-count
suppression. A question that asked for figures about individual people would be a badly drafted
round, not a reason to hide what organisations report about themselves.
"""

import statistics
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.accounts.models import User
from spojka.coordination.enums_rounds import QuestionKind, RecipientRule, RecipientStatus, RoundStatus
from spojka.coordination.models import AnswerRevision, AnswerValue, ReportingRound, RoundQuestion, RoundRecipient
from spojka.geo.models import AdministrativeUnit
from spojka.network.enums import Role, Sector
from spojka.network.models import Membership, Organization
from spojka.network.rules import active_membership

# The roles that answer for an organisation and get its e-mails about rounds, in order of preference.
ANSWERING_ROLES = (Role.ORGANIZATION_MANAGER, Role.CASEWORKER)


# Who a round goes to.


def municipal_organizations_of(*, district: AdministrativeUnit) -> QuerySet[Organization]:
    """Return the active municipal organisations whose municipality lies in the district (or is it)."""
    return Organization.objects.filter(
        Q(municipality=district) | Q(municipality__parent=district),
        is_active=True,
        sector=Sector.MUNICIPAL_SELF_GOVERNMENT,
    ).order_by("name")


def resolve_recipients(*, reporting_round: ReportingRound) -> QuerySet[Organization]:
    """Return the organisations the round's rule chooses, as they are now."""
    if reporting_round.recipient_rule == RecipientRule.DISTRICT_MUNICIPALITIES:
        if reporting_round.district is None:
            return Organization.objects.none()
        return municipal_organizations_of(district=reporting_round.district)
    if reporting_round.recipient_rule == RecipientRule.SECTOR:
        return Organization.objects.filter(is_active=True, sector=reporting_round.sector).order_by("name")
    return reporting_round.chosen_organizations.filter(is_active=True).order_by("name")


def districts() -> QuerySet[AdministrativeUnit]:
    """Return the units directly above municipalities (ORP districts in Czechia), the rule's choices."""
    return (
        AdministrativeUnit.objects.filter(children__level="municipality")
        .distinct()
        .select_related("parent")
        .order_by("search_name", "name")
    )


def municipalities() -> QuerySet[AdministrativeUnit]:
    """Return every municipality, by name."""
    return AdministrativeUnit.objects.filter(level="municipality").select_related("parent").order_by("search_name")


def contacts_of(*, organization_id: uuid.UUID) -> list[User]:
    """Return who answers for the organisation: its active managers, or its caseworkers when it has no manager."""
    memberships = (
        Membership.objects.filter(
            organization_id=organization_id, is_active=True, user__is_active=True, role__in=ANSWERING_ROLES
        )
        .select_related("user")
        .order_by("user__email")
    )
    by_role: dict[str, list[User]] = defaultdict(list)
    for membership in memberships:
        if membership.user not in by_role[membership.role]:
            by_role[membership.role].append(membership.user)
    for role in ANSWERING_ROLES:
        if by_role[role]:
            return by_role[role]
    return []


def area_of(*, organization: Organization) -> list[AdministrativeUnit]:
    """Return the municipalities an organisation answers per-municipality questions for.

    Its own municipality; when that municipality is the seat of its district (a municipality with
    extended powers, which serves the whole district), every municipality of the district, its own first.
    """
    municipality = organization.municipality
    if municipality is None:
        return []
    district = municipality.parent
    if district is not None and str(district.attributes.get("seat_code", "")) == municipality.code:
        units = AdministrativeUnit.objects.filter(parent=district, level=municipality.level).order_by("search_name")
        return sorted(units, key=lambda unit: unit.pk != municipality.pk)
    return [municipality]


# The coordinator's lists.


def rounds_for_coordinator() -> QuerySet[ReportingRound]:
    """Return every round, newest deadline first, with how many recipients it has and how many submitted."""
    return (
        ReportingRound.objects.select_related("district")
        .annotate(
            recipient_count=Count("recipients", distinct=True),
            submitted_count=Count("recipients", filter=Q(recipients__status=RecipientStatus.SUBMITTED), distinct=True),
        )
        .order_by("-deadline", "title")
    )


def get_round_for_coordinator(user: User, round_id: uuid.UUID) -> ReportingRound:
    """Return a round for the coordinator, else raise 404."""
    reporting_round = ReportingRound.objects.select_related("district", "created_by").filter(pk=round_id).first()
    if reporting_round is None or not user.has_perm("coordination.manage_rounds"):
        raise Http404
    return reporting_round


def questions_of(*, reporting_round: ReportingRound) -> QuerySet[RoundQuestion]:
    """Return the round's questions in their order."""
    return RoundQuestion.objects.filter(round=reporting_round).order_by("position", "key")


def recipients_of(*, reporting_round: ReportingRound) -> QuerySet[RoundRecipient]:
    """Return the round's recipients with their organisations, by name."""
    return (
        RoundRecipient.objects.filter(round=reporting_round)
        .select_related("organization", "organization__municipality", "submitted_by")
        .order_by("organization__name")
    )


def status_counts(*, reporting_round: ReportingRound) -> dict[str, int]:
    """Return how many recipients are in each status."""
    rows = RoundRecipient.objects.filter(round=reporting_round).values("status").annotate(n=Count("id")).order_by()
    counts = dict.fromkeys(RecipientStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


# The recipient's side.


def rounds_awaiting_answer(organization: Organization) -> QuerySet[ReportingRound]:
    """Return the open rounds the organisation has not submitted yet, earliest deadline first.

    Each round carries `answer_status` (a `RecipientStatus` value) and `answer_url`.
    """
    mine = RoundRecipient.objects.filter(round=OuterRef("pk"), organization=organization)
    return (
        ReportingRound.objects.filter(
            Exists(mine.exclude(status=RecipientStatus.SUBMITTED)),
            status=RoundStatus.PUBLISHED,
            deadline__gt=timezone.now(),
        )
        .annotate(answer_status=Subquery(mine.values("status")[:1]))
        .order_by("deadline", "title")
    )


def rounds_for_organization(*, organization: Organization) -> QuerySet[RoundRecipient]:
    """Return the published and closed rounds sent to the organisation, with its status in each."""
    return (
        RoundRecipient.objects.filter(organization=organization)
        .exclude(round__status=RoundStatus.DRAFT)
        .select_related("round")
        .order_by("-round__deadline")
    )


def get_recipient_for_user(user: User, round_id: uuid.UUID) -> RoundRecipient:
    """Return the user's organisation's place in a round, else raise 404 (missing and not theirs alike)."""
    membership = active_membership(user)
    if membership is None:
        raise Http404
    recipient = (
        RoundRecipient.objects.select_related("round", "organization", "organization__municipality__parent")
        .exclude(round__status=RoundStatus.DRAFT)
        .filter(round_id=round_id, organization_id=membership.organization_id)
        .first()
    )
    if recipient is None or not user.has_perm("coordination.answer_rounds", recipient.organization):
        raise Http404
    return recipient


def current_values(*, recipient: RoundRecipient) -> dict[str, Any]:
    """Return the recipient's saved answer as form data: `key` or `key__<unit code>` to value."""
    data: dict[str, Any] = {}
    for value in AnswerValue.objects.filter(recipient=recipient).select_related("question", "municipality"):
        name = value.question.key
        if value.municipality is not None:
            name = f"{name}__{value.municipality.code}"
        data[name] = value.number if value.question.is_numeric else value.text
    return data


def revisions_of(*, recipient: RoundRecipient) -> QuerySet[AnswerRevision]:
    """Return every saved version of the recipient's answer, newest first, with who saved it."""
    return AnswerRevision.objects.filter(recipient=recipient).select_related("saved_by").order_by("-saved_at", "-id")


# Results.


@dataclass(frozen=True)
class Area:
    """Where a value belongs: its district and region (either may be unknown)."""

    district: str
    region: str


UNKNOWN = "\N{EN DASH}"


class AreaMap:
    """Municipality → district → region, read once for all values of a page or an export."""

    def __init__(self) -> None:
        units = AdministrativeUnit.objects.values_list("id", "parent_id", "name", "level")
        self._rows = {unit_id: (parent_id, name, level) for unit_id, parent_id, name, level in units}

    def name(self, unit_id: uuid.UUID | None) -> str:
        """Return a unit's name."""
        return self._rows[unit_id][1] if unit_id in self._rows else UNKNOWN

    def area(self, municipality_id: uuid.UUID | None) -> Area:
        """Return the district and region of a municipality (a district given itself counts as the district)."""
        if municipality_id is None or municipality_id not in self._rows:
            return Area(district=_("Without a municipality"), region=UNKNOWN)
        parent_id, name, level = self._rows[municipality_id]
        district_id = parent_id if level == "municipality" else municipality_id
        if district_id is None:
            return Area(district=name, region=name)
        district_parent, district_name, _level = self._rows[district_id]
        region_name = self._rows[district_parent][1] if district_parent in self._rows else district_name
        return Area(district=district_name, region=region_name)


@dataclass(frozen=True)
class Answer:
    """One submitted value with whose it is and where it belongs."""

    organization: str
    municipality: str
    area: Area
    number: int | None
    text: str


@dataclass(frozen=True)
class NumberRow:
    """Numbers of one area summed up."""

    area: str
    count: int
    total: int
    mean: float
    median: float

    @classmethod
    def of(cls, area: str, numbers: Sequence[int]) -> "NumberRow":
        return cls(
            area=area,
            count=len(numbers),
            total=sum(numbers),
            mean=round(statistics.fmean(numbers), 1),
            median=float(statistics.median(numbers)),
        )


@dataclass(frozen=True)
class ChoiceRow:
    """How often each option was chosen in one area."""

    area: str
    counts: list[int]
    total: int


@dataclass
class QuestionResult:
    """A question's submitted answers, summed up by district and region."""

    question: RoundQuestion
    answers: list[Answer] = field(default_factory=list)
    districts: list[Any] = field(default_factory=list)
    regions: list[Any] = field(default_factory=list)
    options: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return str(self.question.kind)


def submitted_answers(*, reporting_round: ReportingRound) -> dict[uuid.UUID, list[Answer]]:
    """Return the submitted values of a round per question id, in the order of organisations."""
    areas = AreaMap()
    values = (
        AnswerValue.objects.filter(recipient__round=reporting_round, recipient__status=RecipientStatus.SUBMITTED)
        .select_related("recipient__organization")
        .order_by("recipient__organization__name", "municipality__search_name", "id")
    )
    by_question: dict[uuid.UUID, list[Answer]] = defaultdict(list)
    for value in values:
        organization = value.recipient.organization
        municipality_id = value.municipality_id or organization.municipality_id
        by_question[value.question_id].append(
            Answer(
                organization=organization.display_name,
                municipality=areas.name(value.municipality_id) if value.municipality_id else "",
                area=areas.area(municipality_id),
                number=value.number,
                text=value.text,
            )
        )
    return by_question


def _numbers_by(answers: Iterable[Answer], level: str) -> list[NumberRow]:
    grouped: dict[str, list[int]] = defaultdict(list)
    for answer in answers:
        if answer.number is not None:
            grouped[getattr(answer.area, level)].append(answer.number)
    return [NumberRow.of(area, numbers) for area, numbers in sorted(grouped.items())]


def _choices_by(answers: Iterable[Answer], level: str, options: list[str]) -> list[ChoiceRow]:
    grouped: dict[str, list[int]] = {}
    for answer in answers:
        if answer.text in options:
            counts = grouped.setdefault(getattr(answer.area, level), [0] * len(options))
            counts[options.index(answer.text)] += 1
    return [ChoiceRow(area=area, counts=counts, total=sum(counts)) for area, counts in sorted(grouped.items())]


def round_results(*, reporting_round: ReportingRound) -> list[QuestionResult]:
    """Return each question's submitted answers summed up by district and by region.

    Numbers: count, sum, mean and median; choices: counts per option; texts: listed with the
    organisations' names (organisations' answers, not personal data, so nothing is suppressed).
    """
    by_question = submitted_answers(reporting_round=reporting_round)
    results = []
    for question in questions_of(reporting_round=reporting_round):
        answers = by_question.get(question.pk, [])
        result = QuestionResult(question=question, answers=answers)
        if question.is_numeric:
            result.districts = _numbers_by(answers, "district")
            result.regions = _numbers_by(answers, "region")
        elif question.kind == QuestionKind.CHOICE:
            result.options = [str(option) for option in question.options]
            result.districts = _choices_by(answers, "district", result.options)
            result.regions = _choices_by(answers, "region", result.options)
        results.append(result)
    return results


# History across rounds.


@dataclass(frozen=True)
class HistoryPoint:
    """A question's region-wide figures in one round."""

    reporting_round: ReportingRound
    label: str
    answers: int
    total: int | None
    mean: float | None
    median: float | None
    counts: dict[str, int]


def question_history(*, key: str) -> list[HistoryPoint]:
    """Return the figures of every published or closed round that asked the question key, oldest first."""
    questions = (
        RoundQuestion.objects.filter(key=key)
        .exclude(round__status=RoundStatus.DRAFT)
        .select_related("round")
        .order_by("round__deadline")
    )
    points = []
    for question in questions:
        values = AnswerValue.objects.filter(question=question, recipient__status=RecipientStatus.SUBMITTED)
        if question.is_numeric:
            numbers = [number for number in values.values_list("number", flat=True) if number is not None]
            row = NumberRow.of("", numbers) if numbers else None
            points.append(
                HistoryPoint(
                    reporting_round=question.round,
                    label=question.label,
                    answers=len(numbers),
                    total=row.total if row else None,
                    mean=row.mean if row else None,
                    median=row.median if row else None,
                    counts={},
                )
            )
        else:
            counts = {
                row["text"]: row["n"]
                for row in values.values("text").annotate(n=Count("id")).order_by("text")
                if question.kind == QuestionKind.CHOICE
            }
            points.append(
                HistoryPoint(
                    reporting_round=question.round,
                    label=question.label,
                    answers=values.count(),
                    total=None,
                    mean=None,
                    median=None,
                    counts=counts,
                )
            )
    return points


def keys_with_history(*, reporting_round: ReportingRound) -> set[str]:
    """Return the question keys of the round that other published or closed rounds asked too."""
    keys = list(questions_of(reporting_round=reporting_round).values_list("key", flat=True))
    return set(
        RoundQuestion.objects.filter(key__in=keys)
        .exclude(round=reporting_round)
        .exclude(round__status=RoundStatus.DRAFT)
        .values_list("key", flat=True)
    )


def last_submission(*, reporting_round: ReportingRound) -> datetime | None:
    """Return when the last answer was submitted."""
    return (
        RoundRecipient.objects.filter(round=reporting_round, submitted_at__isnull=False)
        .order_by(F("submitted_at").desc())
        .values_list("submitted_at", flat=True)
        .first()
    )
