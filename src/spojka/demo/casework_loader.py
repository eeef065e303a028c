"""Write the demo's casework over the demo clients: cases in every state and referrals between sectors.

Runs after `clients_loader.load_demo_clients`. Deterministic and idempotent like it: every record
has a UUID 5 of its role in the demo, dates count from the day of the load, and writes go
straight to the models (the demo is nobody's access to personal data, so no audit entries, no
notifications and no e-mails). It also says which municipal offices are the child-protection
offices (OSPOD) of their districts.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Final

import structlog
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from spojka.accounts.models import User
from spojka.cases.enums import CaseOutcome, CaseStatus, NeedPriority, NeedStatus, NoteConfidentiality
from spojka.cases.models import Case, CaseNeed, Note, Task
from spojka.clients.enums import ConsentChannel, DataCategory
from spojka.clients.models import Client, Consent
from spojka.demo import liberec
from spojka.demo.actions import demo_organization_id
from spojka.directory.models import Service, TaxonomyTerm
from spojka.network.enums import Role
from spojka.network.models import Membership, Organization
from spojka.referrals.deadlines import add_working_days
from spojka.referrals.enums import LegalBasis, ReferralKind, ReferralStatus, Transition
from spojka.referrals.models import ChildProtectionOffice, Referral, ReferralEvent, ReferralMessage
from spojka.referrals.queries import child_protection_office_for

log = structlog.get_logger(__name__)

_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_DNS, f"casework.{liberec.EMAIL_DOMAIN}")
CHILD_PROTECTION_NEED: Final = "child-protection"

# Municipalities with extended powers whose social department is the child-protection office of the district.
CHILD_PROTECTION_OFFICES: Final = (
    "mesto-liberec",
    "mesto-jablonec",
    "mesto-ceska-lipa",
    "mesto-turnov",
    "mesto-semily",
)


@dataclass(frozen=True)
class Scenario:
    """A referral of the demo: from which organisation to which, for which need, and how far it got."""

    sender: str
    recipient: str
    need: str
    status: ReferralStatus
    messages: int = 0
    overdue: bool = False
    consent_withdrawn: bool = False


SCENARIOS: Final[tuple[Scenario, ...]] = (
    Scenario("poradna-most", "up-liberec", "job-search", ReferralStatus.COMPLETED, messages=3),
    Scenario("poradna-most", "up-liberec", "social-benefits", ReferralStatus.SENT),
    Scenario("poradna-most", "up-liberec", "employment", ReferralStatus.SENT, overdue=True),
    Scenario("poradna-most", "cpic-liberec", "psychosocial-support", ReferralStatus.CANCELLED),
    Scenario("cpic-liberec", "poradna-most", "legal-counselling", ReferralStatus.ACCEPTED, messages=2),
    Scenario("cpic-liberec", "poradna-most", "legal-counselling", ReferralStatus.DECLINED),
    Scenario("cpic-liberec", "up-liberec", "job-search", ReferralStatus.NOT_COMPLETED, messages=1),
    Scenario("cpic-liberec", "up-liberec", "requalification", ReferralStatus.ACCEPTED, consent_withdrawn=True),
    Scenario("mesto-liberec", "poradna-most", "housing-search", ReferralStatus.COMPLETED),
    Scenario("mesto-liberec", "spolek-kalyna", "children-youth", ReferralStatus.ACCEPTED),
    Scenario("mesto-jablonec", "cpic-liberec", "czech-language", ReferralStatus.SENT),
    Scenario("mesto-jablonec", "cpic-liberec", "czech-language", ReferralStatus.DRAFT),
    Scenario("spolek-kalyna", "up-liberec", "requalification", ReferralStatus.ACCEPTED),
    Scenario("komunitni-centrum-setkani", "cpic-liberec", "czech-language", ReferralStatus.COMPLETED),
    Scenario("sit-horizont", "mesto-liberec", "housing-search", ReferralStatus.SENT, messages=1),
)

# Child-protection notifications: the sending organisation, and how far each got.
NOTIFICATIONS: Final[tuple[tuple[str, ReferralStatus], ...]] = (
    ("cpic-liberec", ReferralStatus.SENT),
    ("komunitni-centrum-setkani", ReferralStatus.ACCEPTED),
    ("poradna-most", ReferralStatus.COMPLETED),
)

# A year of earlier referrals between the organisations, so the network picture, the dashboard and the reports
# show the region's real flows (each count spread over the eleven months before this one): the sender, the
# recipient, the need, and how many.
HISTORY: Final[tuple[tuple[str, str, str, int], ...]] = (
    ("cpic-liberec", "up-liberec", "job-search", 30),
    ("poradna-most", "up-liberec", "job-search", 24),
    ("mesto-liberec", "cpic-liberec", "czech-language", 20),
    ("cpic-liberec", "poradna-most", "legal-counselling", 18),
    ("mesto-liberec", "poradna-most", "housing-search", 15),
    ("spolek-kalyna", "cpic-liberec", "czech-language", 12),
    ("mesto-jablonec", "cpic-liberec", "czech-language", 12),
    ("komunitni-centrum-setkani", "cpic-liberec", "czech-language", 10),
    ("poradna-most", "spolek-kalyna", "children-youth", 9),
    ("sit-horizont", "mesto-liberec", "housing-search", 8),
)
# How the earlier referrals ended, in turn: most were completed, some declined or not completed.
HISTORY_ENDINGS: Final = (
    ReferralStatus.COMPLETED,
    ReferralStatus.COMPLETED,
    ReferralStatus.COMPLETED,
    ReferralStatus.NOT_COMPLETED,
    ReferralStatus.COMPLETED,
    ReferralStatus.DECLINED,
    ReferralStatus.COMPLETED,
)

# Cases without referrals, per organisation that does casework: open ones with tasks, closed ones with outcomes.
EXTRA_CASES: Final = ("cpic-liberec", "poradna-most", "mesto-liberec", "mesto-jablonec", "spolek-kalyna")

# The path of statuses to each status, and the transition that leads to it.
PATHS: Final[dict[ReferralStatus, tuple[ReferralStatus, ...]]] = {
    ReferralStatus.DRAFT: (),
    ReferralStatus.SENT: (ReferralStatus.SENT,),
    ReferralStatus.CANCELLED: (ReferralStatus.SENT, ReferralStatus.CANCELLED),
    ReferralStatus.DECLINED: (ReferralStatus.SENT, ReferralStatus.DECLINED),
    ReferralStatus.ACCEPTED: (ReferralStatus.SENT, ReferralStatus.ACCEPTED),
    ReferralStatus.COMPLETED: (ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED),
    ReferralStatus.NOT_COMPLETED: (ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.NOT_COMPLETED),
}
LEADS_BY: Final[dict[ReferralStatus, Transition]] = {
    ReferralStatus.SENT: Transition.SEND,
    ReferralStatus.CANCELLED: Transition.CANCEL,
    ReferralStatus.DECLINED: Transition.DECLINE,
    ReferralStatus.ACCEPTED: Transition.ACCEPT,
    ReferralStatus.COMPLETED: Transition.COMPLETE,
    ReferralStatus.NOT_COMPLETED: Transition.NOT_COMPLETE,
}
MESSAGES: Final = (
    "Dobrý den, klientka může přijít v pondělí dopoledne, bude potřebovat tlumočníka.",
    "Děkujeme, tlumočení do ukrajinštiny zajistíme. Termín v pondělí v 9:00 platí.",
    "Klientka se dostavila, domluvili jsme další postup.",
)
REFERRAL_MESSAGE: Final = "Prosíme o převzetí, klient(ka) souhlasí s předáním kontaktu."
OUTCOME_NOTES: Final = {
    ReferralStatus.COMPLETED: "Služba poskytnuta, klient(ka) je v evidenci a má domluvený další termín.",
    ReferralStatus.NOT_COMPLETED: "Klient se na dva domluvené termíny nedostavil.",
    ReferralStatus.DECLINED: "Kapacita poradny je na tento měsíc plná, zkuste prosím Spolek Kalyna.",
}


@dataclass(frozen=True)
class DemoCaseworkLoaded:
    """How many cases and referrals the load wrote."""

    cases: int
    referrals: int
    offices: int


def _id(*parts: object) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, "-".join(str(part) for part in parts))


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _upsert(model: type[Model], pk: uuid.UUID, **values: Any) -> Any:
    record, _created = model.objects.update_or_create(pk=pk, defaults=values)  # type: ignore[attr-defined]  # every model has a manager
    return record


class _Demo:
    """What the load looks up once: organisations, their staff, needs and services."""

    def __init__(self) -> None:
        keys = {scenario.sender for scenario in SCENARIOS} | {scenario.recipient for scenario in SCENARIOS}
        keys |= {sender for sender, _status in NOTIFICATIONS} | set(EXTRA_CASES) | set(CHILD_PROTECTION_OFFICES)
        self.organizations = {
            organization.pk: organization
            for organization in Organization.objects.filter(
                pk__in=[demo_organization_id(key) for key in keys]
            ).select_related("municipality", "municipality__parent")
        }
        self.by_key = {
            key: self.organizations[demo_organization_id(key)]
            for key in keys
            if demo_organization_id(key) in self.organizations
        }
        self.staff: dict[tuple[uuid.UUID, Role], User] = {}
        for membership in (
            Membership.objects.filter(organization_id__in=list(self.organizations), is_active=True)
            .select_related("user")
            .order_by("user__email")
        ):
            self.staff.setdefault((membership.organization_id, Role(membership.role)), membership.user)
        self.terms = {term.code: term for term in TaxonomyTerm.objects.all()}
        self.used_clients: set[uuid.UUID] = set()
        self.today = timezone.localdate()

    def worker(self, organization: Organization) -> User | None:
        """Return who does casework at the organisation: a caseworker, else the manager."""
        return self.staff.get((organization.pk, Role.CASEWORKER)) or self.staff.get(
            (organization.pk, Role.ORGANIZATION_MANAGER)
        )

    def client(self, organization: Organization, *, child: bool) -> Client | None:
        """Return the next unused client of the organisation: a child, or an adult."""
        adult_born_before = self.today - timedelta(days=18 * 366)
        # Registered before the casework of the demo began (cases opened a month ago).
        clients = Client.objects.filter(
            organization=organization, erased_at__isnull=True, created_at__lt=_at(self.today - timedelta(days=31))
        ).exclude(pk__in=self.used_clients)
        if child:
            clients = clients.filter(birth_date__gt=adult_born_before, municipality__isnull=False)
        else:
            clients = clients.filter(birth_date__lte=adult_born_before)
        chosen = clients.order_by("id").first()
        if chosen is not None:
            self.used_clients.add(chosen.pk)
        return chosen

    def service(self, organization: Organization, need: str) -> Service | None:
        services = Service.objects.filter(organization=organization).order_by("name")
        return services.filter(need_links__term__code=need).first() or services.first()


@transaction.atomic
def load_demo_casework() -> DemoCaseworkLoaded:
    """Create or update the demo's child-protection offices, cases, needs, notes, tasks and referrals."""
    demo = _Demo()
    offices = _load_offices(demo)
    cases = referrals = 0
    for number, scenario in enumerate(SCENARIOS):
        if _load_scenario(demo, number, scenario):
            cases += 1
            referrals += 1
    for number, (sender, status) in enumerate(NOTIFICATIONS):
        if _load_notification(demo, number, sender, status):
            cases += 1
            referrals += 1
    for key in EXTRA_CASES:
        cases += _load_extra_cases(demo, key)
    history = _load_history(demo)
    cases += history
    referrals += history
    loaded = DemoCaseworkLoaded(cases=cases, referrals=referrals, offices=offices)
    log.info("demo_casework_loaded", cases=cases, referrals=referrals, offices=offices)
    return loaded


def _load_offices(demo: _Demo) -> int:
    count = 0
    for key in CHILD_PROTECTION_OFFICES:
        organization = demo.by_key.get(key)
        if organization is None or organization.municipality is None or organization.municipality.parent is None:
            continue
        district = organization.municipality.parent  # the ORP the municipality heads
        # The office's own service answers child protection alone (an asylum home may list it among others).
        candidates = Service.objects.filter(
            organization=organization, need_links__term__code=CHILD_PROTECTION_NEED
        ).order_by("name")
        service = min(candidates, key=lambda candidate: candidate.need_links.count(), default=None)
        ChildProtectionOffice.objects.update_or_create(
            unit=district, defaults={"organization": organization, "service": service}
        )
        count += 1
    return count


def _open_case(
    demo: _Demo, key: object, organization: Organization, client: Client, title: str, *, opened_on: date | None = None
) -> Case:
    case: Case = _upsert(
        Case,
        _id("case", key),
        organization=organization,
        client=client,
        household=None,
        title=title,
        caseworker=demo.worker(organization),
        created_by=demo.worker(organization),
        status=CaseStatus.OPEN,
        opened_on=opened_on or demo.today - timedelta(days=30),
        closed_at=None,
        closed_by=None,
        outcome="",
        outcome_note="",
    )
    return case


def _need(
    demo: _Demo, case: Case, key: object, code: str, status: NeedStatus, priority: NeedPriority
) -> CaseNeed | None:
    term = demo.terms.get(code)
    if term is None:
        return None
    CaseNeed.objects.filter(case=case, term=term).exclude(pk=_id("need", key)).delete()
    need: CaseNeed = _upsert(
        CaseNeed,
        _id("need", key),
        case=case,
        client_id=case.client_id,
        term=term,
        status=status,
        priority=priority,
        note="",
    )
    return need


def _consent(
    demo: _Demo,
    key: object,
    client: Client,
    recipient: Organization,
    *,
    withdrawn: bool,
    given_on: date | None = None,
) -> Consent:
    author = demo.worker(Organization.objects.get(pk=client.organization_id))
    given_on = given_on or demo.today - timedelta(days=20)
    consent: Consent = _upsert(
        Consent,
        _id("consent", key),
        client=client,
        recipient_organization=recipient,
        service=None,
        purpose="Předání kontaktu a potřeby kvůli doporučení ke službě",
        categories=sorted(
            category.value
            for category in (DataCategory.IDENTITY, DataCategory.CONTACT, DataCategory.NEEDS, DataCategory.NOTES)
        ),
        given_on=given_on,
        channel=ConsentChannel.SIGNED_PAPER,
        witness_name="",
        recorded_by=author,
        withdrawn_at=_at(demo.today - timedelta(days=2)) if withdrawn else None,
        withdrawn_by=author if withdrawn else None,
        withdrawal_reason="Klient si nepřeje další předávání údajů." if withdrawn else "",
    )
    return consent


def _load_scenario(demo: _Demo, number: int, scenario: Scenario) -> bool:
    sender = demo.by_key.get(scenario.sender)
    recipient = demo.by_key.get(scenario.recipient)
    if sender is None or recipient is None:
        return False
    client = demo.client(sender, child=False)
    service = demo.service(recipient, scenario.need)
    sender_worker, recipient_worker = demo.worker(sender), demo.worker(recipient)
    if client is None or service is None or sender_worker is None:
        return False
    case = _open_case(demo, f"referral-{number}", sender, client, f"Doporučení: {service.name}"[:200])
    need = _need(demo, case, f"referral-{number}", scenario.need, _need_status(scenario.status), NeedPriority.HIGH)
    consent = None
    if scenario.status != ReferralStatus.DRAFT:
        consent = _consent(demo, f"referral-{number}", client, recipient, withdrawn=scenario.consent_withdrawn)
    sent_on = demo.today - timedelta(days=12 if scenario.overdue else 6 + number % 4)
    referral = _write_referral(
        demo,
        key=f"referral-{number}",
        kind=ReferralKind.REFERRAL,
        case=case,
        client=client,
        service=service,
        recipient=recipient,
        status=scenario.status,
        sent_on=sent_on,
        consent=consent,
        sender_worker=sender_worker,
        recipient_worker=recipient_worker,
        legal_basis="",
        message=REFERRAL_MESSAGE,
    )
    referral.needs.set([need] if need is not None else [])
    if recipient_worker is not None and scenario.status in {
        ReferralStatus.ACCEPTED,
        ReferralStatus.COMPLETED,
        ReferralStatus.NOT_COMPLETED,
    }:
        recipient_case = _open_case(demo, f"received-{number}", recipient, client, service.name[:200])
        Referral.objects.filter(pk=referral.pk).update(recipient_case=recipient_case)
    if scenario.status == ReferralStatus.COMPLETED and number % 2 == 0:
        Case.objects.filter(pk=case.pk).update(
            status=CaseStatus.CLOSED,
            outcome=CaseOutcome.RESOLVED,
            outcome_note="Potřeba vyřešena doporučením.",
            closed_at=_at(demo.today - timedelta(days=1)),
            closed_by=sender_worker,
        )
    for index in range(scenario.messages):
        author, organization = (
            (sender_worker, sender) if index % 2 == 0 or recipient_worker is None else (recipient_worker, recipient)
        )
        _upsert(
            ReferralMessage,
            _id("message", number, index),
            referral=referral,
            author=author,
            organization=organization,
            text=MESSAGES[index % len(MESSAGES)],
            created_at=_at(sent_on + timedelta(days=index), 11 + index),
        )
    return True


def _need_status(status: ReferralStatus) -> NeedStatus:
    return {
        ReferralStatus.ACCEPTED: NeedStatus.IN_PROGRESS,
        ReferralStatus.COMPLETED: NeedStatus.MET,
        ReferralStatus.NOT_COMPLETED: NeedStatus.UNMET,
    }.get(status, NeedStatus.OPEN)


def _write_referral(
    demo: _Demo,
    *,
    key: str,
    kind: ReferralKind,
    case: Case,
    client: Client,
    service: Service | None,
    recipient: Organization,
    status: ReferralStatus,
    sent_on: date,
    consent: Consent | None,
    sender_worker: User,
    recipient_worker: User | None,
    legal_basis: str,
    message: str,
    answer_days: int = 1,
    close_days: int = 3,
) -> Referral:
    path = PATHS[status]
    if recipient_worker is None:
        path = tuple(step for step in path if step in {ReferralStatus.SENT, ReferralStatus.CANCELLED})
        status = path[-1] if path else ReferralStatus.DRAFT
    sent = bool(path)
    response_days = service.response_days if service is not None else 1
    country = recipient.municipality.country_id if recipient.municipality is not None else liberec.COUNTRY
    answered = ReferralStatus.ACCEPTED in path or ReferralStatus.DECLINED in path
    closed = status in {ReferralStatus.COMPLETED, ReferralStatus.NOT_COMPLETED, ReferralStatus.CANCELLED}
    if kind == ReferralKind.CHILD_PROTECTION:
        shared = sorted(category.value for category in DataCategory)
    else:
        shared = sorted(consent.categories) if consent is not None and sent else []
    referral: Referral = _upsert(
        Referral,
        _id("referral", key),
        kind=kind,
        status=status,
        version=len(path),
        sender_organization_id=case.organization_id,
        case=case,
        client=client,
        recipient_organization=recipient,
        service=service,
        message=message,
        consent=consent,
        legal_basis=legal_basis,
        shared_categories=shared,
        response_due_on=add_working_days(sent_on, response_days, country=str(country)) if sent else None,
        decline_reason=OUTCOME_NOTES[ReferralStatus.DECLINED] if status == ReferralStatus.DECLINED else "",
        outcome_note=_outcome_note(kind, status),
        recipient_case=None,
        created_by=sender_worker,
        created_at=_at(sent_on, 9),
        sent_at=_at(sent_on) if sent else None,
        sent_by=sender_worker if sent else None,
        responded_at=_at(sent_on + timedelta(days=answer_days), 10 + answer_days % 6) if answered else None,
        responded_by=recipient_worker if answered else None,
        closed_at=_at(sent_on + timedelta(days=close_days), 14) if closed else None,
        closed_by=(sender_worker if status == ReferralStatus.CANCELLED else recipient_worker) if closed else None,
    )
    previous = ReferralStatus.DRAFT
    for step, target in enumerate(path):
        transition = LEADS_BY[target]
        by_sender = transition in {Transition.SEND, Transition.CANCEL}
        _upsert(
            ReferralEvent,
            _id("event", key, step),
            referral=referral,
            transition=transition,
            from_status=previous,
            to_status=target,
            by=sender_worker if by_sender else recipient_worker,
            organization_id=case.organization_id if by_sender else recipient.pk,
            note=OUTCOME_NOTES.get(target, ""),
            at=_at(sent_on + timedelta(days=step), 10 + step),
        )
        previous = target
    ReferralEvent.objects.filter(referral=referral).exclude(
        pk__in=[_id("event", key, step) for step in range(len(path))]
    ).delete()
    return referral


def _outcome_note(kind: ReferralKind, status: ReferralStatus) -> str:
    if status == ReferralStatus.DECLINED:
        return ""
    if kind == ReferralKind.CHILD_PROTECTION and status == ReferralStatus.COMPLETED:
        return "Šetření provedeno, rodina je v péči OSPOD."
    return OUTCOME_NOTES.get(status, "")


def _load_notification(demo: _Demo, number: int, sender_key: str, status: ReferralStatus) -> bool:
    sender = demo.by_key.get(sender_key)
    if sender is None or (sender_worker := demo.worker(sender)) is None:
        return False
    child = demo.client(sender, child=True)
    if child is None:
        return False
    office = child_protection_office_for(municipality=child.municipality)
    if office is None:
        return False
    case = _open_case(demo, f"notification-{number}", sender, child, "Ohrožené dítě")
    _write_referral(
        demo,
        key=f"notification-{number}",
        kind=ReferralKind.CHILD_PROTECTION,
        case=case,
        client=child,
        service=office.service,
        recipient=office.organization,
        status=status,
        sent_on=demo.today - timedelta(days=3 + number),
        consent=None,
        sender_worker=sender_worker,
        recipient_worker=demo.staff.get((office.organization_id, Role.CHILD_PROTECTION_OFFICER)),
        legal_basis=LegalBasis.CZ_CHILD_PROTECTION_NOTIFICATION,
        message="Dítě opakovaně přichází samo a hladové, matka je dlouhodobě nemocná. Prosíme o prošetření.",
    )
    return True


def _load_extra_cases(demo: _Demo, key: str) -> int:
    organization = demo.by_key.get(key)
    if organization is None or (worker := demo.worker(organization)) is None:
        return 0
    count = 0
    outcomes = list(CaseOutcome)
    for number in range(4):
        client = demo.client(organization, child=False)
        if client is None:
            break
        case = _open_case(
            demo, f"{key}-extra-{number}", organization, client, ("Bydlení", "Zaměstnání", "Škola", "Doklady")[number]
        )
        statuses = list(NeedStatus)
        _need(demo, case, f"{key}-extra-{number}-a", "housing-search", statuses[number % 4], NeedPriority.URGENT)
        _need(demo, case, f"{key}-extra-{number}-b", "czech-language", statuses[(number + 1) % 4], NeedPriority.NORMAL)
        _upsert(
            Note,
            _id("note", key, number, "internal"),
            case=case,
            author=worker,
            text="Interní poznámka: klientka zvažuje přestěhování za prací.",
            confidentiality=NoteConfidentiality.ORGANIZATION,
            created_at=_at(demo.today - timedelta(days=10)),
        )
        _upsert(
            Note,
            _id("note", key, number, "shared"),
            case=case,
            author=worker,
            text="Potřebuje tlumočení do ukrajinštiny.",
            confidentiality=NoteConfidentiality.SHARED,
            created_at=_at(demo.today - timedelta(days=9)),
        )
        _upsert(
            Task,
            _id("task", key, number, "overdue"),
            case=case,
            title="Zavolat klientce kvůli dokladům",
            due_on=demo.today - timedelta(days=2 + number),
            assignee=worker,
            created_by=worker,
            done_at=None,
            done_by=None,
        )
        _upsert(
            Task,
            _id("task", key, number, "soon"),
            case=case,
            title="Ověřit termín na úřadu",
            due_on=demo.today + timedelta(days=1 + number),
            assignee=worker,
            created_by=worker,
            done_at=None,
            done_by=None,
        )
        if number >= 2:
            outcome = outcomes[(EXTRA_CASES.index(key) * 2 + number - 2) % len(outcomes)]
            Case.objects.filter(pk=case.pk).update(
                status=CaseStatus.CLOSED,
                outcome=outcome,
                outcome_note="Uzavřeno při revizi případů.",
                closed_at=_at(demo.today - timedelta(days=1)),
                closed_by=worker,
            )
            Task.objects.filter(case=case).update(done_at=_at(demo.today - timedelta(days=1)), done_by=worker)
        count += 1
    return count


def _load_history(demo: _Demo) -> int:
    """Write the year of earlier referrals (`HISTORY`): closed cases, each with its need, consent and referral.

    The clients are the sender's adults in turn, other than the scenarios' (one client may have been referred
    more than once over a year); answers took one to five days and completion one to four weeks.
    """
    count = 0
    for flow, (sender_key, recipient_key, need_code, total) in enumerate(HISTORY):
        sender, recipient = demo.by_key.get(sender_key), demo.by_key.get(recipient_key)
        if sender is None or recipient is None:
            continue
        sender_worker, recipient_worker = demo.worker(sender), demo.worker(recipient)
        service = demo.service(recipient, need_code)
        # Not the clients of this month's scenarios: their consents (one withdrawn) stay as the scenarios need.
        adults = list(
            Client.objects.filter(
                organization=sender, erased_at__isnull=True, birth_date__lte=demo.today - timedelta(days=18 * 366)
            )
            .exclude(pk__in=demo.used_clients)
            .order_by("id")
        )
        if sender_worker is None or service is None or not adults:
            continue
        for number in range(total):
            key = f"history-{flow}-{number}"
            status = HISTORY_ENDINGS[(flow + number) % len(HISTORY_ENDINGS)]
            # Spread over the eleven whole months before this one, a few days apart within a month.
            months_back = 1 + number % 11
            sent_on = demo.today.replace(day=1) - timedelta(days=30 * months_back - 2 - (number * 7 + flow) % 24)
            # The sender's adults in turn, of those registered by then.
            registered = [client for client in adults if timezone.localdate(client.created_at) < sent_on]
            if not registered:
                continue
            client = registered[number % len(registered)]
            case = _open_case(
                demo, key, sender, client, f"Doporučení: {service.name}"[:200], opened_on=sent_on - timedelta(days=2)
            )
            # Nothing happened after yesterday.
            close_days = min(7 + (number * 3 + flow) % 22, (demo.today - sent_on).days - 1)
            answer_days = min(1 + (number + flow) % 5, close_days)
            need = _need(demo, case, key, need_code, _need_status(status), NeedPriority.NORMAL)
            consent = _consent(demo, key, client, recipient, withdrawn=False, given_on=sent_on - timedelta(days=1))
            referral = _write_referral(
                demo,
                key=key,
                kind=ReferralKind.REFERRAL,
                case=case,
                client=client,
                service=service,
                recipient=recipient,
                status=status,
                sent_on=sent_on,
                consent=consent,
                sender_worker=sender_worker,
                recipient_worker=recipient_worker,
                legal_basis="",
                message=REFERRAL_MESSAGE,
                answer_days=answer_days,
                close_days=close_days,
            )
            referral.needs.set([need] if need is not None else [])
            Case.objects.filter(pk=case.pk).update(
                status=CaseStatus.CLOSED,
                outcome=CaseOutcome.RESOLVED if status == ReferralStatus.COMPLETED else CaseOutcome.NOT_RESOLVED,
                outcome_note="Uzavřeno po doporučení.",
                closed_at=_at(sent_on + timedelta(days=close_days), 16),
                closed_by=sender_worker,
            )
            count += 1
    return count
