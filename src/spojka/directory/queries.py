"""Reads of the directory for the staff side, each taking the viewer where it matters."""

from typing import Any
from uuid import UUID

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from spojka.accounts.models import User
from spojka.directory.enums import ServiceStatus
from spojka.directory.models import (
    STALE_AFTER,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceCapacity,
    Taxonomy,
    TaxonomyTerm,
)
from spojka.network.models import Organization
from spojka.network.rules import active_membership


def stale_before() -> Any:
    """Return the moment before which a review is too old: services reviewed earlier are stale."""
    return timezone.now() - STALE_AFTER


def _for_listing(services: QuerySet[Service]) -> QuerySet[Service]:
    return services.select_related("organization", "reviewed_by").prefetch_related(
        Prefetch("needs", queryset=TaxonomyTerm.objects.order_by("position", "code")),
        Prefetch("capacities", queryset=ServiceCapacity.objects.select_related("unit")),
    )


def services_visible_to(*, user: User) -> QuerySet[Service]:
    """Return the services a member of staff may see in the workspace: the whole network's."""
    if not user.has_perm("directory.view_services"):
        return Service.objects.none()
    return _for_listing(Service.objects.all()).order_by("name")


def services_for_listing(
    *,
    user: User,
    organization_id: UUID | None = None,
    need_id: UUID | None = None,
    status: str = "",
    stale: bool = False,
    query: str = "",
) -> QuerySet[Service]:
    """Return the staff directory list, filtered by organisation, need, status, staleness or words."""
    services = services_visible_to(user=user)
    if organization_id is not None:
        services = services.filter(organization_id=organization_id)
    if need_id is not None:
        services = services.filter(need_links__term_id=need_id)
    if status in ServiceStatus.values:
        services = services.filter(status=status)
    if stale:
        services = services.filter(reviewed_at__lt=stale_before())
    if query:
        services = services.filter(Q(name__icontains=query) | Q(alternate_name__icontains=query))
    return services.distinct()


def services_of(*, organization: Organization) -> QuerySet[Service]:
    """Return an organisation's services, with what their list rows show."""
    return _for_listing(Service.objects.filter(organization=organization)).order_by("name")


def stale_services(*, viewer: User) -> QuerySet[Service]:
    """Return the services nobody has reviewed for six months that the viewer should review.

    Those who review the whole network (the coordinator) see every organisation's; an
    organisation's manager sees their own organisation's; others see none.
    """
    stale = Service.objects.filter(reviewed_at__lt=stale_before()).exclude(status=ServiceStatus.DEFUNCT)
    if viewer.has_perm("directory.review_stale_services"):
        return _for_listing(stale).order_by("organization__name", "reviewed_at")
    membership = active_membership(viewer)
    if membership is None or not viewer.has_perm("directory.manage_services", membership.organization):
        return Service.objects.none()
    return _for_listing(stale.filter(organization_id=membership.organization_id)).order_by("reviewed_at")


def stale_counts_by_organization() -> list[tuple[Organization, int]]:
    """Return every organisation with stale services and how many it has, most first."""
    organizations = (
        Organization.objects.annotate(
            stale_count=Count(
                "services",
                filter=Q(services__reviewed_at__lt=stale_before()) & ~Q(services__status=ServiceStatus.DEFUNCT),
            )
        )
        .filter(stale_count__gt=0)
        .order_by("-stale_count", "name")
    )
    return [(organization, organization.stale_count) for organization in organizations]


def service_for_detail(*, service_id: Any) -> Service | None:
    """Return a service with everything its staff page shows, or None."""
    return (
        Service.objects.select_related("organization", "reviewed_by")
        .prefetch_related(
            Prefetch("needs", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
            "residence_statuses",
            "areas__unit",
            "languages",
            "phones",
            "contacts",
            Prefetch("capacities", queryset=ServiceCapacity.objects.select_related("unit", "updated_by")),
            Prefetch(
                "schedules", queryset=Schedule.objects.order_by("is_exception", "weekday", "opens_at", "valid_from")
            ),
            Prefetch("at_locations", queryset=ServiceAtLocation.objects.select_related("location__municipality")),
        )
        .filter(pk=service_id)
        .first()
    )


def locations_visible_to(*, user: User, organization_id: UUID | None = None) -> QuerySet[Location]:
    """Return the locations of the network a member of staff may see, with their service counts."""
    if not user.has_perm("directory.view_services"):
        return Location.objects.none()
    locations = Location.objects.select_related("organization", "municipality").annotate(
        service_count=Count("services_here")
    )
    if organization_id is not None:
        locations = locations.filter(organization_id=organization_id)
    return locations.order_by("organization__name", "name")


def locations_of(*, organization: Organization) -> QuerySet[Location]:
    """Return an organisation's locations."""
    return Location.objects.filter(organization=organization).select_related("municipality").order_by("name")


def need_terms() -> QuerySet[TaxonomyTerm]:
    """Return every term of every taxonomy, in the order they are shown."""
    return TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__code", "position", "code")


def taxonomies_with_terms() -> QuerySet[Taxonomy]:
    """Return the taxonomies with their terms, for the administrator's page."""
    return Taxonomy.objects.prefetch_related(
        Prefetch(
            "terms",
            queryset=TaxonomyTerm.objects.order_by("position", "code").annotate(service_count=Count("service_links")),
        )
    ).order_by("code")


def managed_organization(*, user: User) -> Organization | None:
    """Return the organisation whose services the user manages through their active membership."""
    membership = active_membership(user)
    if membership is None or not user.has_perm("directory.manage_services", membership.organization):
        return None
    organization: Organization = membership.organization
    return organization
