"""Reads of clients with business meaning. Every list of clients starts from `clients_visible_to`."""

import datetime
import uuid
from typing import TYPE_CHECKING

from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils import timezone

from spojka.clients.enums import BirthDatePrecision, DataCategory, Relationship
from spojka.clients.models import Client, Consent, Household, Vulnerability
from spojka.clients.names import query_keys
from spojka.network.models import Membership, Organization
from spojka.network.rules import active_membership

if TYPE_CHECKING:
    from spojka.linkage.queries import Candidate

# Residence documents expiring within this many days show on the caseworker's home page.
EXPIRY_WARNING_DAYS = 60


def _shared_through_referrals(membership: Membership) -> QuerySet[Client]:
    """Return clients another organisation shared with the membership's one through a referral.

    The referrals app decides (`referrals.queries.clients_shared_with`): the clients of ordinary
    referrals received by `membership.organization` while a consent to it still stands.
    """
    # Imported here: the referrals app reads this module's consent queries at import time.
    from spojka.referrals.queries import clients_shared_with

    return clients_shared_with(membership=membership)


def clients_visible_to(user: object) -> QuerySet[Client]:
    """Return the clients whose personal data the user may see: the one door to every list.

    Staff holding `clients.view_clients` see their active organisation's clients, plus what
    referrals shared with it. Erased clients are no one's to see. Everyone else sees none.
    """
    membership = active_membership(user)
    if membership is None or not user.has_perm("clients.view_clients"):  # type: ignore[attr-defined]  # a User
        return Client.objects.none()
    scope = Q(organization_id=membership.organization_id)
    shared = _shared_through_referrals(membership)
    if not shared.query.is_empty():
        scope |= Q(pk__in=shared.values("pk"))
    return Client.objects.filter(scope, erased_at__isnull=True)


def owned_clients(*, user: object) -> QuerySet[Client]:
    """Return the visible clients that belong to the user's own organisation (the ones they may change)."""
    membership = active_membership(user)
    if membership is None:
        return Client.objects.none()
    return clients_visible_to(user).filter(organization_id=membership.organization_id)


def shared_categories_for(*, viewer: object) -> dict[uuid.UUID, frozenset[DataCategory]]:
    """Return the other organisations' clients referrals share with the viewer's one, with the kinds of data shared.

    Two queries whatever the number of clients, for the lists (see `referrals.queries`).
    """
    membership = active_membership(viewer)
    if membership is None or not viewer.has_perm("clients.view_clients"):  # type: ignore[attr-defined]  # a User
        return {}
    # Imported here: referrals builds on clients (imports this module at load time).
    from spojka.referrals.queries import shared_categories_by_client

    return shared_categories_by_client(membership=membership)


def _shared_showing(shared: dict[uuid.UUID, frozenset[DataCategory]], category: DataCategory) -> list[uuid.UUID]:
    return [client_id for client_id, categories in shared.items() if category in categories]


def clients_for_listing(
    *,
    viewer: object,
    query: str = "",
    residence_status_id: uuid.UUID | None = None,
    vulnerability_id: uuid.UUID | None = None,
    municipality_id: uuid.UUID | None = None,
    expiring_only: bool = False,
    shared: dict[uuid.UUID, frozenset[DataCategory]] | None = None,
) -> QuerySet[Client]:
    """Return the clients a list page shows, filtered, with what the rows show.

    Another organisation's client shared through a referral is listed while some kinds of data
    are shared (`shared`, from `shared_categories_for`), and a filter about a kind of data not
    shared never matches them, so that filtering cannot reveal what the consent does not cover
    (a name search needs the identity, a residence filter the residence, …). They are ordered
    by name only when the name is shared.
    """
    membership = active_membership(viewer)
    if membership is None:
        return Client.objects.none()
    if shared is None:
        shared = shared_categories_for(viewer=viewer)
    own = Q(organization_id=membership.organization_id)
    allowed = set(shared)
    clients = clients_visible_to(viewer)
    keys = query_keys(query)
    for key in keys:
        clients = clients.filter(search_names__contains=key)
    if keys:
        allowed &= set(_shared_showing(shared, DataCategory.IDENTITY))
    if residence_status_id:
        clients = clients.filter(residence_status_id=residence_status_id)
        allowed &= set(_shared_showing(shared, DataCategory.RESIDENCE))
    if vulnerability_id:
        clients = clients.filter(vulnerabilities__id=vulnerability_id)
        allowed &= set(_shared_showing(shared, DataCategory.VULNERABILITIES))
    if municipality_id:
        clients = clients.filter(municipality_id=municipality_id)
        allowed &= set(_shared_showing(shared, DataCategory.CONTACT))
    if expiring_only:
        clients = clients.filter(
            document_valid_until__lte=timezone.localdate() + datetime.timedelta(EXPIRY_WARNING_DAYS)
        )
        allowed &= set(_shared_showing(shared, DataCategory.RESIDENCE))
    clients = clients.filter(own | Q(pk__in=sorted(allowed))) if allowed else clients.filter(own)
    named = own | Q(pk__in=_shared_showing(shared, DataCategory.IDENTITY))

    def by_name(field: str) -> Case:
        return Case(When(named, then=F(field)), default=Value(""))

    return (
        clients.select_related("organization", "residence_status", "municipality", "household")
        .prefetch_related("vulnerabilities")
        .annotate(
            sort_family=by_name("family_name"),
            sort_given=by_name("given_name"),
            sort_native_family=by_name("native_family_name"),
        )
        .order_by("sort_family", "sort_given", "sort_native_family", "id")
        .distinct()
    )


def client_for_record(queryset: QuerySet[Client]) -> QuerySet[Client]:
    """Return the clients with what the record page shows about each."""
    return queryset.select_related(
        "organization", "residence_status", "municipality", "household", "created_by", "updated_by"
    ).prefetch_related("vulnerabilities")


def expiring_documents(*, viewer: object, within_days: int = EXPIRY_WARNING_DAYS) -> QuerySet[Client]:
    """Return the visible own clients whose residence document expires within the days given (or has expired)."""
    today = timezone.localdate()
    return (
        owned_clients(user=viewer)
        .filter(document_valid_until__isnull=False, document_valid_until__lte=today + datetime.timedelta(within_days))
        .select_related("residence_status")
        .order_by("document_valid_until", "family_name", "id")
    )


def household_members(*, household: Household) -> QuerySet[Client]:
    """Return the members of a household (erased ones left out), the reference person first."""
    return (
        Client.objects.filter(household=household, erased_at__isnull=True)
        .annotate(is_reference=Case(When(relationship=Relationship.REFERENCE, then=0), default=1))
        .order_by("is_reference", "birth_date", "id")
        .select_related("residence_status")
    )


def consents_of(*, client: Client) -> QuerySet[Consent]:
    """Return a client's consents, standing ones first, with their recipients."""
    return (
        Consent.objects.filter(client=client)
        .select_related("recipient_organization", "service", "recorded_by", "withdrawn_by")
        .order_by("withdrawn_at", "-given_on", "-recorded_at")
    )


def _standing_consents(
    *, client: Client, recipient_organization: Organization, service: object = None
) -> QuerySet[Consent]:
    consents = Consent.objects.filter(
        client=client, recipient_organization=recipient_organization, withdrawn_at__isnull=True
    )
    if service is None:
        return consents.filter(service__isnull=True)
    return consents.filter(Q(service__isnull=True) | Q(service=service))


def covered_categories(
    *, client: Client, recipient_organization: Organization, service: object = None
) -> frozenset[DataCategory]:
    """Return the kinds of a client's data their standing consents let us share with the recipient.

    A consent for the whole organisation covers each of its services; a consent for one
    service covers only that one. A withdrawn consent covers nothing from the moment of
    withdrawal. An erased client has nothing to share.
    """
    if client.is_erased:
        return frozenset()
    categories: set[DataCategory] = set()
    for values in _standing_consents(
        client=client, recipient_organization=recipient_organization, service=service
    ).values_list("categories", flat=True):
        categories.update(DataCategory(value) for value in values if value in DataCategory.values)
    return frozenset(categories)


def consent_covers(
    *,
    client: Client,
    recipient_organization: Organization,
    categories: "set[DataCategory] | frozenset[DataCategory] | list[DataCategory]",
    service: object = None,
) -> bool:
    """Say whether standing consents let us share every one of these kinds of data with the recipient."""
    wanted = {DataCategory(value) for value in categories}
    if not wanted:
        return False
    return wanted <= covered_categories(client=client, recipient_organization=recipient_organization, service=service)


def likely_duplicates(
    *,
    viewer: object,
    given_name: str,
    family_name: str,
    native_given_name: str,
    native_family_name: str,
    birth_date: datetime.date | None,
    birth_date_precision: str,
    exclude_id: uuid.UUID | None = None,
    sex: str = "",
    citizenship: str = "",
    document_number: str = "",
    phone: str = "",
    municipality_id: uuid.UUID | None = None,
) -> "list[Candidate]":
    """Return the organisation's clients who are likely the same person, best first, with score and reasons.

    Identity matching decides (`linkage.queries.candidates_for`): names meet across scripts,
    transliterations and diminutives, a day and month swapped or a typo still match, and each
    candidate says why. Only the viewer's organisation's own clients are candidates.
    """
    # Imported here: linkage builds on clients (imports this module at load time).
    from spojka.linkage.client_records import record_of
    from spojka.linkage.queries import candidates_for

    record = record_of(
        record_id="typed",
        given_name=given_name,
        family_name=family_name,
        native_given_name=native_given_name,
        native_family_name=native_family_name,
        birth_date=birth_date,
        year_only=birth_date_precision == BirthDatePrecision.YEAR,
        sex=sex,
        citizenship=citizenship,
        document_number=document_number,
        phone=phone,
        municipality_id=municipality_id,
    )
    return candidates_for(viewer=viewer, record=record, exclude_id=exclude_id)


def vulnerabilities_for(*, organization: Organization | None) -> QuerySet[Vulnerability]:
    """Return the vulnerabilities of the country pack of the organisation's country (all when unknown)."""
    vulnerabilities = Vulnerability.objects.all()
    country_id = (
        organization.municipality.country_id if organization is not None and organization.municipality else None
    )
    if country_id:
        vulnerabilities = vulnerabilities.filter(country_id=country_id)
    return vulnerabilities.order_by("position", "code")
