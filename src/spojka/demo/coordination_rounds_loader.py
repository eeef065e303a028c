"""Write the demo's reporting rounds and capacity registry: two finished rounds, one open, figures for towns.

Runs after the directory and the organisations are loaded. Deterministic and idempotent: every record
has a UUID 5 of its role in the demo and dates count from the day of the load. Writes go straight to
the models, as in the other demo loaders, so loading sends no e-mail.
"""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, Final

import structlog
from django.db import transaction
from django.utils import timezone

from spojka.accounts.models import User
from spojka.coordination.actions_capacity import refresh_capacity_from_directory
from spojka.coordination.enums_rounds import (
    CapacityKind,
    CapacitySource,
    QuestionKind,
    RecipientRule,
    RecipientStatus,
    RoundStatus,
)
from spojka.coordination.models import (
    AnswerRevision,
    AnswerValue,
    CapacityFigure,
    ReportingRound,
    RoundQuestion,
    RoundRecipient,
)
from spojka.coordination.queries_rounds import area_of
from spojka.demo import liberec
from spojka.demo.actions import demo_organization_id
from spojka.geo.models import AdministrativeUnit
from spojka.network.enums import Role, Sector
from spojka.network.models import Membership, Organization

log = structlog.get_logger(__name__)

_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_DNS, f"rounds.{liberec.EMAIL_DOMAIN}")

MUNICIPAL: Final = ("mesto-liberec", "mesto-jablonec", "mesto-ceska-lipa", "mesto-turnov", "mesto-semily")

QUESTIONS: Final[tuple[dict[str, Any], ...]] = (
    {
        "key": "volna-mista-ubytovani",
        "label": "Kolik volných míst v ubytování pro uprchlíky je ve vašem městě?",
        "help_text": "Obecní i soukromé ubytovny, které s městem spolupracují; stav k 1. dni měsíce.",
        "kind": QuestionKind.NUMBER,
        "required": True,
        "capacity_kind": CapacityKind.ACCOMMODATION,
    },
    {
        "key": "deti-zapsane-ve-skolach",
        "label": "Ukrajinské děti zapsané ve školách (podle obcí správního obvodu)",
        "help_text": "Počet žáků s dočasnou ochranou zapsaných v základních školách.",
        "kind": QuestionKind.MUNICIPALITY_TABLE,
    },
    {
        "key": "volna-mista-skoly",
        "label": "Volná místa pro děti cizinců ve školách (podle obcí správního obvodu)",
        "kind": QuestionKind.MUNICIPALITY_TABLE,
        "capacity_kind": CapacityKind.SCHOOL,
    },
    {
        "key": "situace",
        "label": "Jak hodnotíte situaci ve vašem obvodu?",
        "kind": QuestionKind.CHOICE,
        "options": ["Klidná", "Napjatá", "Kritická"],
    },
    {
        "key": "nepokryte-potreby",
        "label": "Potřeby, které nedokážete pokrýt",
        "kind": QuestionKind.TEXT,
    },
)


@dataclass(frozen=True)
class DemoRound:
    key: str
    title: str
    days_to_deadline: int  # negative: in the past
    status: RoundStatus
    # How far each municipal organisation got (missing: not opened).
    answers: dict[str, RecipientStatus]


ROUNDS: Final[tuple[DemoRound, ...]] = (
    DemoRound(
        key="jaro",
        title="Kapacity a potřeby obcí \N{EN DASH} jaro",
        days_to_deadline=-150,
        status=RoundStatus.CLOSED,
        answers=dict.fromkeys(MUNICIPAL, RecipientStatus.SUBMITTED),
    ),
    DemoRound(
        key="leto",
        title="Kapacity a potřeby obcí \N{EN DASH} léto",
        days_to_deadline=-60,
        status=RoundStatus.CLOSED,
        answers={
            "mesto-liberec": RecipientStatus.SUBMITTED,
            "mesto-jablonec": RecipientStatus.SUBMITTED,
            "mesto-ceska-lipa": RecipientStatus.SUBMITTED,
            "mesto-turnov": RecipientStatus.SUBMITTED,
            "mesto-semily": RecipientStatus.OPENED,
        },
    ),
    DemoRound(
        key="podzim",
        title="Kapacity a potřeby obcí \N{EN DASH} podzim",
        days_to_deadline=10,
        status=RoundStatus.PUBLISHED,
        answers={
            "mesto-jablonec": RecipientStatus.SUBMITTED,
            "mesto-ceska-lipa": RecipientStatus.SUBMITTED,
            "mesto-turnov": RecipientStatus.DRAFT,
        },
    ),
)

NEEDS_TEXTS: Final = (
    "Chybí tlumočníci do ukrajinštiny pro jednání na úřadě.",
    "Málo míst v mateřských školách, čekací listiny do jara.",
    "Dostupné nájemní byty pro rodiny s dětmi.",
    "Psychologická pomoc pro děti v češtině i ukrajinštině.",
)

# Municipalities (ČSÚ codes) with a figure the coordinator entered herself, with the kind and places.
MANUAL_FIGURES: Final[tuple[tuple[str, CapacityKind, int, int], ...]] = (
    (liberec.LIBEREC, CapacityKind.LANGUAGE_COURSE, 45, 20),
    (liberec.LIBEREC, CapacityKind.KINDERGARTEN, 6, 20),
    (liberec.JABLONEC_NAD_NISOU, CapacityKind.KINDERGARTEN, 3, 40),
    (liberec.CESKA_LIPA, CapacityKind.LANGUAGE_COURSE, 15, 130),
    (liberec.TURNOV, CapacityKind.KINDERGARTEN, 2, 15),
    (liberec.SEMILY, CapacityKind.LANGUAGE_COURSE, 8, 110),
)


@dataclass(frozen=True)
class DemoRoundsLoaded:
    rounds: int
    answers: int
    capacity_figures: int


def _id(*parts: object) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, "-".join(str(part) for part in parts))


def _number(*parts: object, low: int, high: int) -> int:
    """Return a stable pseudo-random number for the parts, so that reloads give the same figures."""
    digest = hashlib.sha256("-".join(str(part) for part in parts).encode()).digest()
    return low + int.from_bytes(digest[:4], "big") % (high - low + 1)


def _coordinator() -> User | None:
    membership = (
        Membership.objects.filter(role=Role.REGIONAL_COORDINATOR, is_active=True)
        .select_related("user")
        .order_by("user__email")
        .first()
    )
    return membership.user if membership is not None else None


def _answerer(organization: Organization) -> User | None:
    membership = (
        Membership.objects.filter(
            organization=organization, role__in=(Role.ORGANIZATION_MANAGER, Role.CASEWORKER), is_active=True
        )
        .select_related("user")
        .order_by("role", "user__email")
        .first()
    )
    return membership.user if membership is not None else None


@transaction.atomic
def load_demo_rounds() -> DemoRoundsLoaded:
    """Write the demo's rounds, their answers and the capacity registry; safe to run again."""
    coordinator = _coordinator()
    organizations = {
        key: organization
        for key in MUNICIPAL
        if (
            organization := Organization.objects.select_related("municipality__parent")
            .filter(pk=demo_organization_id(key))
            .first()
        )
        is not None
    }
    if coordinator is None or not organizations:
        return DemoRoundsLoaded(rounds=0, answers=0, capacity_figures=0)
    today = timezone.localdate()
    answers = 0
    for demo in ROUNDS:
        deadline = timezone.make_aware(datetime.combine(today + timedelta(days=demo.days_to_deadline), time(16, 0)))
        published = deadline - timedelta(days=21)
        reporting_round, _created = ReportingRound.objects.update_or_create(
            pk=_id("round", demo.key),
            defaults={
                "title": demo.title,
                "instructions": (
                    "Prosíme obce s rozšířenou působností o údaje za celý správní obvod, stav k 1. dni měsíce. "
                    "Odpověď můžete průběžně ukládat a do termínu opravovat."
                ),
                "deadline": deadline,
                "status": demo.status,
                "recipient_rule": RecipientRule.SECTOR,
                "sector": Sector.MUNICIPAL_SELF_GOVERNMENT,
                "created_by": coordinator,
                "created_at": published - timedelta(days=2),
                "published_at": published,
                "closed_at": deadline + timedelta(days=1) if demo.status == RoundStatus.CLOSED else None,
            },
        )
        questions = []
        for position, spec in enumerate(QUESTIONS):
            question, _created = RoundQuestion.objects.update_or_create(
                pk=_id("question", demo.key, spec["key"]),
                defaults={
                    "round": reporting_round,
                    "key": spec["key"],
                    "label": spec["label"],
                    "help_text": spec.get("help_text", ""),
                    "kind": spec["kind"],
                    "required": spec.get("required", False),
                    "min_value": 0 if spec["kind"] in {QuestionKind.NUMBER, QuestionKind.MUNICIPALITY_TABLE} else None,
                    "options": spec.get("options", []),
                    "capacity_kind": spec.get("capacity_kind", ""),
                    "position": position,
                },
            )
            questions.append(question)
        for key, organization in organizations.items():
            status = demo.answers.get(key, RecipientStatus.NOT_OPENED)
            answers += _load_answer(demo, reporting_round, questions, organization, status, published)
    figures = _load_capacity(coordinator, today)
    loaded = DemoRoundsLoaded(rounds=len(ROUNDS), answers=answers, capacity_figures=figures)
    log.info("demo_rounds_loaded", rounds=loaded.rounds, answers=answers, capacity_figures=figures)
    return loaded


def _load_answer(
    demo: DemoRound,
    reporting_round: ReportingRound,
    questions: list[RoundQuestion],
    organization: Organization,
    status: RecipientStatus,
    published: datetime,
) -> int:
    answerer = _answerer(organization)
    saved = published + timedelta(days=_number(demo.key, organization.pk, "day", low=2, high=14), hours=3)
    # An answer of the open round was saved in the past, however the days fall.
    saved = min(saved, timezone.now() - timedelta(hours=_number(organization.pk, "hours", low=2, high=30)))
    answered = status in {RecipientStatus.DRAFT, RecipientStatus.SUBMITTED}
    recipient, _created = RoundRecipient.objects.update_or_create(
        pk=_id("recipient", demo.key, organization.pk),
        defaults={
            "round": reporting_round,
            "organization": organization,
            "status": status,
            "invited_at": published,
            "opened_at": published + timedelta(days=1) if status != RecipientStatus.NOT_OPENED else None,
            "saved_at": saved if answered else None,
            "submitted_at": saved if status == RecipientStatus.SUBMITTED else None,
            "submitted_by": answerer if status == RecipientStatus.SUBMITTED else None,
            "reminded_at": published + timedelta(days=15) if status != RecipientStatus.SUBMITTED else None,
            "reminder_count": 1 if status != RecipientStatus.SUBMITTED else 0,
        },
    )
    AnswerValue.objects.filter(recipient=recipient).delete()
    AnswerRevision.objects.filter(recipient=recipient).delete()
    if not answered:
        return 0
    rows: list[AnswerValue] = []
    snapshot: dict[str, Any] = {}
    # Of a district, the seat and a few more municipalities: enough to see the table at work.
    area = area_of(organization=organization)
    area = [unit for unit in area if unit.pk == organization.municipality_id] + [
        unit for unit in area if unit.pk != organization.municipality_id
    ][:3]
    for question in questions:
        if question.kind == QuestionKind.NUMBER:
            number = _number(demo.key, organization.pk, question.key, low=0, high=40)
            rows.append(AnswerValue(recipient=recipient, question=question, number=number))
            snapshot[question.key] = number
        elif question.kind == QuestionKind.MUNICIPALITY_TABLE:
            cells = {}
            for unit in area:
                high = 120 if unit.pk == organization.municipality_id else 15
                cells[unit.code] = _number(demo.key, unit.code, question.key, low=0, high=high)
                rows.append(
                    AnswerValue(recipient=recipient, question=question, municipality=unit, number=cells[unit.code])
                )
            snapshot[question.key] = cells
        elif question.kind == QuestionKind.CHOICE:
            option = question.options[_number(demo.key, organization.pk, low=0, high=len(question.options) - 1)]
            rows.append(AnswerValue(recipient=recipient, question=question, text=option))
            snapshot[question.key] = option
        else:
            text = NEEDS_TEXTS[_number(demo.key, organization.pk, "needs", low=0, high=len(NEEDS_TEXTS) - 1)]
            rows.append(AnswerValue(recipient=recipient, question=question, text=text))
            snapshot[question.key] = text
    AnswerValue.objects.bulk_create(rows)
    AnswerRevision.objects.create(
        recipient=recipient,
        saved_by=answerer,
        saved_at=saved,
        submitted=status == RecipientStatus.SUBMITTED,
        values=snapshot,
    )
    if status == RecipientStatus.SUBMITTED:
        for value in rows:
            question = next(q for q in questions if q.pk == value.question_id)
            municipality_id = value.municipality_id or organization.municipality_id
            if not question.capacity_kind or municipality_id is None or value.number is None:
                continue
            # Later rounds overwrite earlier ones: the registry keeps the newest confirmation.
            existing = CapacityFigure.objects.filter(
                municipality_id=municipality_id,
                kind=question.capacity_kind,
                source=CapacitySource.ROUND,
                organization=organization,
            ).first()
            if existing is not None and existing.confirmed_at > saved:
                continue
            CapacityFigure.objects.update_or_create(
                municipality_id=municipality_id,
                kind=question.capacity_kind,
                source=CapacitySource.ROUND,
                organization=organization,
                defaults={
                    "places": value.number,
                    "round": reporting_round,
                    "confirmed_at": saved,
                    "confirmed_by": answerer,
                },
            )
    return 1


def _load_capacity(coordinator: User, today: Any) -> int:
    units = {unit.code: unit for unit in AdministrativeUnit.objects.filter(code__in=[f[0] for f in MANUAL_FIGURES])}
    for code, kind, places, days_ago in MANUAL_FIGURES:
        unit = units.get(code)
        if unit is None:
            continue
        CapacityFigure.objects.update_or_create(
            municipality=unit,
            kind=kind,
            source=CapacitySource.MANUAL,
            organization=None,
            defaults={
                "places": places,
                "note": "Podle telefonátu s odborem školství."
                if kind == CapacityKind.KINDERGARTEN
                else "Podle jazykových škol.",
                "confirmed_at": timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(9, 0))),
                "confirmed_by": coordinator,
            },
        )
    refresh_capacity_from_directory()
    return CapacityFigure.objects.count()
