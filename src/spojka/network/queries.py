"""Reads of the network with business meaning."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from spojka.accounts.models import User
from spojka.network.enums import Role, Sector
from spojka.network.models import Membership, Organization


def active_memberships(*, user: User) -> QuerySet[Membership]:
    """Return the memberships through which the user may act, in a stable order."""
    return (
        Membership.objects.filter(user=user, is_active=True, organization__is_active=True)
        .select_related("organization")
        .order_by("organization__name", "role")
    )


def default_membership(*, user: User) -> Membership | None:
    """Return the membership a user acts through when they have not chosen one."""
    return active_memberships(user=user).first()


def organizations_in_network() -> QuerySet[Organization]:
    """Return the active organisations of the network; public information, no personal data."""
    return Organization.objects.filter(is_active=True).select_related("municipality", "parent").order_by("name")


def organizations_for_listing(*, sector: str = "", query: str = "") -> QuerySet[Organization]:
    """Return the organisations shown in the workspace list, with their staff counts."""
    organizations = Organization.objects.select_related("municipality", "parent").annotate(
        staff_count=Count("memberships", filter=Q(memberships__is_active=True))
    )
    if sector in Sector.values:
        organizations = organizations.filter(sector=sector)
    if query:
        organizations = organizations.filter(
            Q(name__icontains=query) | Q(short_name__icontains=query) | Q(identifier__icontains=query)
        )
    return organizations.order_by("name")


def organizations_without_manager() -> QuerySet[Organization]:
    """Return the active organisations where nobody may manage the staff (the administrator's to-do)."""
    has_manager = Membership.objects.filter(
        organization=OuterRef("pk"), role=Role.ORGANIZATION_MANAGER, is_active=True, user__is_active=True
    )
    return Organization.objects.filter(is_active=True).exclude(Exists(has_manager)).order_by("name")


def staff_of(*, organization: Organization) -> QuerySet[Membership]:
    """Return every membership of an organisation, active first."""
    return (
        Membership.objects.filter(organization=organization)
        .select_related("user", "invited_by")
        .order_by("-is_active", "user__full_name", "role")
    )


def sector_counts() -> dict[str, int]:
    """Return how many active organisations each sector has."""
    rows = Organization.objects.filter(is_active=True).values("sector").annotate(count=Count("id")).order_by()
    return {row["sector"]: row["count"] for row in rows}
