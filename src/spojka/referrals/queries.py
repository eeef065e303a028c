"""Reads of referrals with business meaning. Every list of referrals starts from `referrals_visible_to`.

Who sees a referral:
- the sending organisation's staff holding `referrals.send_referrals` (every referral it sent, drafts too);
- the receiving organisation's staff holding `referrals.handle_referrals` (ordinary referrals, once sent);
- the receiving organisation's child-protection officers, holding `referrals.handle_child_protection`
  (child-protection notifications, once sent) — and nothing else.
What of the client a recipient sees is `shared_view`: the kinds of data covered when the referral
was sent, as long as a consent still covers them (a legal basis for child protection).
"""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from spojka.accounts.models import User
from spojka.clients.enums import DataCategory
from spojka.clients.models import Client, Consent
from spojka.clients.queries import covered_categories
from spojka.directory.enums import ServiceStatus
from spojka.directory.models import Service, ServiceCapacity
from spojka.geo.models import AdministrativeUnit
from spojka.network.enums import Role
from spojka.network.models import Membership
from spojka.network.rules import MATRIX, active_membership
from spojka.referrals.enums import ReferralKind, ReferralStatus, Side
from spojka.referrals.models import ChildProtectionOffice, Notification, Referral, ReferralEvent, ReferralMessage

# Statuses in which an ordinary referral shares the client's data with the recipient (while consent stands).
SHARING_STATUSES = frozenset(
    {ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED, ReferralStatus.NOT_COMPLETED}
)


def referrals_visible_to(user: object) -> QuerySet[Referral]:
    """Return the referrals the user may see: the one door to every list and record of referrals."""
    membership = active_membership(user)
    if membership is None or not user.has_perm("referrals.view_referrals"):  # type: ignore[attr-defined]  # a User
        return Referral.objects.none()
    organization_id = membership.organization_id
    scope = Q(pk__in=[])
    if user.has_perm("referrals.send_referrals"):  # type: ignore[attr-defined]  # a User
        scope |= Q(sender_organization_id=organization_id)
    received = Q(recipient_organization_id=organization_id) & ~Q(status=ReferralStatus.DRAFT)
    if user.has_perm("referrals.handle_referrals"):  # type: ignore[attr-defined]  # a User
        scope |= received & Q(kind=ReferralKind.REFERRAL)
    if user.has_perm("referrals.handle_child_protection"):  # type: ignore[attr-defined]  # a User
        scope |= received & Q(kind=ReferralKind.CHILD_PROTECTION)
    return Referral.objects.filter(scope)


def sides_of(user: object, referral: Referral) -> frozenset[Side]:
    """Return the sides of the referral the user acts on (both, for a referral within one organisation)."""
    membership = active_membership(user)
    if membership is None:
        return frozenset()
    sides = set()
    if membership.organization_id == referral.sender_organization_id and user.has_perm("referrals.send_referrals"):  # type: ignore[attr-defined]  # a User
        sides.add(Side.SENDER)
    if membership.organization_id == referral.recipient_organization_id and referral.status != ReferralStatus.DRAFT:
        permission = (
            "referrals.handle_child_protection" if referral.is_child_protection else "referrals.handle_referrals"
        )
        if user.has_perm(permission):  # type: ignore[attr-defined]  # a User
            sides.add(Side.RECIPIENT)
    return frozenset(sides)


def _with_rows(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.select_related(
        "service", "sender_organization", "recipient_organization", "client", "case", "case__caseworker"
    )


def _filtered(
    referrals: QuerySet[Referral], *, status: str = "", overdue_only: bool = False, kind: str = ""
) -> QuerySet[Referral]:
    if status in ReferralStatus.values:
        referrals = referrals.filter(status=status)
    if kind in ReferralKind.values:
        referrals = referrals.filter(kind=kind)
    if overdue_only:
        referrals = referrals.filter(status=ReferralStatus.SENT, response_due_on__lt=timezone.localdate())
    return referrals


def incoming_referrals(
    *, viewer: object, status: str = "", overdue_only: bool = False, kind: str = ""
) -> QuerySet[Referral]:
    """Return the referrals sent to the viewer's organisation that the viewer may see (the inbox)."""
    membership = active_membership(viewer)
    if membership is None:
        return Referral.objects.none()
    referrals = referrals_visible_to(viewer).filter(recipient_organization_id=membership.organization_id)
    referrals = referrals.exclude(status=ReferralStatus.DRAFT)
    return _with_rows(_filtered(referrals, status=status, overdue_only=overdue_only, kind=kind)).order_by(
        "-sent_at", "-created_at", "id"
    )


def sent_referrals(
    *, viewer: object, status: str = "", overdue_only: bool = False, kind: str = ""
) -> QuerySet[Referral]:
    """Return the referrals the viewer's organisation sent (and its drafts)."""
    membership = active_membership(viewer)
    if membership is None:
        return Referral.objects.none()
    referrals = referrals_visible_to(viewer).filter(sender_organization_id=membership.organization_id)
    return _with_rows(_filtered(referrals, status=status, overdue_only=overdue_only, kind=kind)).order_by(
        "-created_at", "id"
    )


def waiting_for(*, user: object) -> QuerySet[Referral]:
    """Return the referrals waiting for the user's organisation to answer (sent, not yet accepted or declined)."""
    return incoming_referrals(viewer=user, status=ReferralStatus.SENT).order_by("response_due_on", "sent_at", "id")


def referral_for_record(queryset: QuerySet[Referral]) -> QuerySet[Referral]:
    return queryset.select_related(
        "service",
        "sender_organization",
        "recipient_organization",
        "client",
        "client__organization",
        "client__municipality",
        "client__residence_status",
        "case",
        "case__caseworker",
        "consent",
        "recipient_case",
        "created_by",
        "sent_by",
        "responded_by",
        "closed_by",
    )


def referrals_of_case(*, case_id: uuid.UUID, viewer: object) -> QuerySet[Referral]:
    """Return the referrals sent from a case, with their status and outcome (the closed loop)."""
    return (
        referrals_visible_to(viewer)
        .filter(case_id=case_id)
        .select_related("service", "recipient_organization")
        .order_by("-created_at", "id")
    )


def origin_referrals_of_case(*, case_id: uuid.UUID, viewer: object) -> QuerySet[Referral]:
    """Return the referrals whose acceptance opened the case (the sender's side of the link)."""
    return (
        referrals_visible_to(viewer)
        .filter(recipient_case_id=case_id)
        .select_related("service", "sender_organization", "case")
        .order_by("-created_at", "id")
    )


def messages_of(*, referral: Referral) -> QuerySet[ReferralMessage]:
    return (
        ReferralMessage.objects.filter(referral=referral)
        .select_related("author", "organization")
        .order_by("created_at", "id")
    )


def events_of(*, referral: Referral) -> QuerySet[ReferralEvent]:
    return ReferralEvent.objects.filter(referral=referral).select_related("by", "organization").order_by("at", "id")


def live_categories(referral: Referral) -> frozenset[DataCategory]:
    """Return the kinds of the client's data the recipient may see now.

    A child-protection notification shares what it carried on its legal basis (nothing of an
    erased client); an ordinary referral shares what was covered when it was sent and a consent
    still covers now: a withdrawal stops the sharing at once.
    """
    sent = {DataCategory(value) for value in referral.shared_categories if value in DataCategory.values}
    if referral.is_child_protection:
        return frozenset() if referral.client.is_erased else frozenset(sent)
    if referral.status not in SHARING_STATUSES:
        return frozenset()
    covered = covered_categories(
        client=referral.client, recipient_organization=referral.recipient_organization, service=referral.service
    )
    return frozenset(sent & covered)


@dataclass(frozen=True)
class SharedView:
    """What a viewer sees of a referral's client: everything (the sender's own client) or some kinds of data."""

    own: bool
    categories: frozenset[DataCategory]
    withdrawn: bool

    def shows(self, category: DataCategory | str) -> bool:
        return self.own or DataCategory(category) in self.categories

    @property
    def identity(self) -> bool:
        return self.shows(DataCategory.IDENTITY)

    @property
    def contact(self) -> bool:
        return self.shows(DataCategory.CONTACT)

    @property
    def residence(self) -> bool:
        return self.shows(DataCategory.RESIDENCE)

    @property
    def household(self) -> bool:
        return self.shows(DataCategory.HOUSEHOLD)

    @property
    def vulnerabilities(self) -> bool:
        return self.shows(DataCategory.VULNERABILITIES)

    @property
    def needs(self) -> bool:
        return self.shows(DataCategory.NEEDS)

    @property
    def notes(self) -> bool:
        return self.shows(DataCategory.NOTES)

    @property
    def nothing(self) -> bool:
        return not self.own and not self.categories


def shared_view(*, viewer: object, referral: Referral) -> SharedView:
    """Return what the viewer may see of the referral's client."""
    membership = active_membership(viewer)
    own = membership is not None and membership.organization_id == referral.client.organization_id
    if own:
        return SharedView(own=True, categories=frozenset(DataCategory), withdrawn=False)
    categories = live_categories(referral)
    withdrawn = (
        not referral.is_child_protection
        and bool(referral.shared_categories)
        and referral.status in SHARING_STATUSES
        and not categories
    )
    return SharedView(own=False, categories=categories, withdrawn=withdrawn)


def client_shared_view(*, viewer: object, client: Client) -> SharedView:
    """Return what the viewer may see of a client's record: all of their own client, else what referrals share now.

    For the client's record page: another organisation's client is visible there only through
    referrals (`clients_shared_with`), and only in the kinds of data they carry while consent stands.
    """
    membership = active_membership(viewer)
    if membership is not None and membership.organization_id == client.organization_id:
        return SharedView(own=True, categories=frozenset(DataCategory), withdrawn=False)
    if membership is None:
        return SharedView(own=False, categories=frozenset(), withdrawn=False)
    referrals = Referral.objects.filter(
        client=client,
        recipient_organization_id=membership.organization_id,
        kind=ReferralKind.REFERRAL,
        status__in=SHARING_STATUSES,
    ).select_related("client", "recipient_organization", "service")
    categories: set[DataCategory] = set()
    for referral in referrals:
        categories |= live_categories(referral)
    return SharedView(own=False, categories=frozenset(categories), withdrawn=False)


# Fields of a client by the kind of data they belong to: what the recipient's page may show.
FIELDS_BY_CATEGORY: dict[DataCategory, tuple[str, ...]] = {
    DataCategory.IDENTITY: (
        "given_name",
        "family_name",
        "native_given_name",
        "native_family_name",
        "birth_date",
        "sex",
        "citizenship",
        "languages",
        "preferred_language",
    ),
    DataCategory.CONTACT: ("phone", "email", "municipality", "street"),
    DataCategory.RESIDENCE: (
        "residence_status",
        "document_type",
        "document_number",
        "document_valid_from",
        "document_valid_until",
    ),
    DataCategory.HOUSEHOLD: ("household",),
    DataCategory.VULNERABILITIES: ("vulnerabilities",),
    DataCategory.NEEDS: ("needs",),
    DataCategory.NOTES: ("notes",),
}


def fields_seen(view: SharedView) -> list[str]:
    """Return the names of the client's fields a page shows under the view (for the audit entry)."""
    categories: Iterable[DataCategory] = DataCategory if view.own else view.categories
    return [field for category in categories for field in FIELDS_BY_CATEGORY[category]]


def clients_shared_with(*, membership: Membership) -> QuerySet[Client]:
    """Return the clients other organisations shared with the membership's one through ordinary referrals.

    Only while a consent to that organisation (for the whole organisation or for the referral's
    service) stands. Child-protection notifications are read on the notification itself.
    """
    standing = Consent.objects.filter(
        client_id=OuterRef("client_id"),
        recipient_organization_id=OuterRef("recipient_organization_id"),
        withdrawn_at__isnull=True,
    ).filter(Q(service__isnull=True) | Q(service_id=OuterRef("service_id")))
    referred = Referral.objects.filter(
        recipient_organization_id=membership.organization_id,
        kind=ReferralKind.REFERRAL,
        status__in=SHARING_STATUSES,
    ).filter(Exists(standing))
    return Client.objects.filter(pk__in=referred.values("client_id")).exclude(
        organization_id=membership.organization_id
    )


def shared_categories_by_client(*, membership: Membership) -> dict[uuid.UUID, frozenset[DataCategory]]:
    """Return, for each client other organisations share with the membership's one, the kinds of data shared now.

    The same rule as `live_categories`, for many clients at once in two queries (for lists):
    what an ordinary referral carried when sent, as far as a standing consent (for the whole
    organisation or the referral's service) still covers it. Clients with nothing left are left out.
    """
    organization_id = membership.organization_id
    referred = list(
        Referral.objects.filter(
            recipient_organization_id=organization_id,
            kind=ReferralKind.REFERRAL,
            status__in=SHARING_STATUSES,
            client__erased_at__isnull=True,
        )
        .exclude(client__organization_id=organization_id)
        .values_list("client_id", "service_id", "shared_categories")
    )
    if not referred:
        return {}
    covered: dict[tuple[uuid.UUID, uuid.UUID | None], set[str]] = {}
    for client_id, service_id, categories in Consent.objects.filter(
        client_id__in={client_id for client_id, _service, _sent in referred},
        recipient_organization_id=organization_id,
        withdrawn_at__isnull=True,
    ).values_list("client_id", "service_id", "categories"):
        covered.setdefault((client_id, service_id), set()).update(categories)
    shared: dict[uuid.UUID, set[DataCategory]] = {}
    for client_id, service_id, sent in referred:
        standing = covered.get((client_id, None), set()) | covered.get((client_id, service_id), set())
        live = {DataCategory(value) for value in sent if value in standing and value in DataCategory.values}
        if live:
            shared.setdefault(client_id, set()).update(live)
    return {client_id: frozenset(categories) for client_id, categories in shared.items()}


def handlers_of(*, referral: Referral) -> QuerySet[User]:
    """Return the people of the receiving organisation who may answer the referral (they are notified)."""
    permission = "referrals.handle_child_protection" if referral.is_child_protection else "referrals.handle_referrals"
    roles: frozenset[Role] = MATRIX[permission]
    return (
        User.objects.filter(
            is_active=True,
            memberships__organization_id=referral.recipient_organization_id,
            memberships__is_active=True,
            memberships__role__in=list(roles),
        )
        .distinct()
        .order_by("pk")
    )


def services_for_referral(*, term_ids: Iterable[object]) -> QuerySet[Service]:
    """Return the active services one may refer to, those answering the needs given first, with their capacity."""
    ids = list(term_ids)
    services = Service.objects.filter(status=ServiceStatus.ACTIVE).select_related("organization")
    matching = Q(need_links__term_id__in=ids) if ids else Q(pk__in=[])
    matching_ids = Service.objects.filter(matching).values("pk")
    return (
        services.annotate(
            answers_needs=Case(When(pk__in=matching_ids, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .prefetch_related("capacities__unit")
        .order_by("answers_needs", "organization__name", "name")
    )


def capacity_of(service: Service) -> list[ServiceCapacity]:
    """Return the service's capacities (prefetched by `services_for_referral`)."""
    return list(service.capacities.all())


def child_protection_office_for(*, municipality: AdministrativeUnit | None) -> ChildProtectionOffice | None:
    """Return the child-protection office serving a municipality: its own, or that of its nearest ancestor."""
    unit = municipality
    chain: list[uuid.UUID] = []
    while unit is not None and len(chain) < 12:
        chain.append(unit.pk)
        unit = unit.parent
    if not chain:
        return None
    offices = {
        office.unit_id: office
        for office in ChildProtectionOffice.objects.filter(unit_id__in=chain).select_related("organization", "service")
    }
    return next((offices[unit_id] for unit_id in chain if unit_id in offices), None)


def notifications_of(*, user: User) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(user=user)
        .select_related(
            "referral", "referral__service", "referral__sender_organization", "referral__recipient_organization"
        )
        .order_by("-created_at", "-id")
    )


def unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def overdue_count(*, viewer: object, today: datetime.date | None = None) -> int:
    return (
        incoming_referrals(viewer=viewer, status=ReferralStatus.SENT)
        .filter(response_due_on__lt=today or timezone.localdate())
        .count()
    )
