"""Reads of the one-stop shop with business meaning; each takes the viewer where it matters."""

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from spojka.accounts.models import User
from spojka.clients.models import Client
from spojka.clients.names import query_keys
from spojka.clients.queries import owned_clients
from spojka.desk.enums import StepStatus
from spojka.desk.models import Purpose, Site, Station, StationOperator, Step, Visit
from spojka.network.enums import Role
from spojka.network.models import Membership
from spojka.network.rules import active_membership

# Roles that see every site of the network (they coordinate, administer or analyse the whole).
NETWORK_WIDE_ROLES: Final = frozenset({Role.PLATFORM_ADMIN, Role.REGIONAL_COORDINATOR, Role.ANALYST})

# How long back "the last hour" of an operator's work reaches, for the number of open counters.
RECENT_SERVICE_WINDOW: Final = timedelta(hours=1)

# Reception's choice of a client record to link a visit to lists at most this many.
LINKABLE_CLIENTS: Final = 50

# The public display lists this many of the latest calls.
DISPLAY_CALLS: Final = 8


def sites_visible_to(*, user: User) -> QuerySet[Site]:
    """Return the active sites the user takes part in: as host, as a station's agency or as an operator.

    The platform administrator, the regional coordinators and analysts see every site.
    """
    membership = active_membership(user)
    sites = Site.objects.filter(is_active=True).select_related("organization").order_by("name")
    if membership is None:
        return sites.none()
    if membership.role in NETWORK_WIDE_ROLES:
        return sites
    organization_id = membership.organization_id
    visible = (
        Q(organization_id=organization_id)
        | Q(stations__organization_id=organization_id)
        | Q(stations__operators__membership=membership)
    )
    ids = Site.objects.filter(visible).values("pk")
    return sites.filter(pk__in=ids)


def sites_receiving(*, user: User) -> QuerySet[Site]:
    """Return the sites where the user may issue tickets: their organisation hosts it or they serve there."""
    membership = active_membership(user)
    if membership is None:
        return Site.objects.none()
    ids = Site.objects.filter(
        Q(organization_id=membership.organization_id) | Q(stations__operators__membership=membership)
    ).values("pk")
    return Site.objects.filter(is_active=True, pk__in=ids).select_related("organization").order_by("name")


def stations_served_by(*, user: User) -> QuerySet[Station]:
    """Return the active stations whose queue the user may call, through their active membership."""
    membership = active_membership(user)
    if membership is None:
        return Station.objects.none()
    return (
        Station.objects.filter(is_active=True, site__is_active=True, operators__membership=membership)
        .select_related("site", "organization")
        .order_by("site__name", "position", "code")
    )


def stations_of(*, site: Site) -> QuerySet[Station]:
    """Return the site's active stations with their agency, hours and operators' names."""
    return (
        Station.objects.filter(site=site, is_active=True)
        .select_related("organization")
        .prefetch_related(
            "hours",
            Prefetch(
                "operators",
                queryset=StationOperator.objects.select_related("membership__user").order_by(
                    "membership__user__full_name"
                ),
            ),
        )
        .annotate(
            waiting_count=Count("steps", filter=Q(steps__status=StepStatus.WAITING)),
            called_count=Count("steps", filter=Q(steps__status=StepStatus.CALLED)),
        )
        .order_by("position", "code")
    )


def purposes_of(*, site: Site) -> QuerySet[Purpose]:
    """Return the site's active purposes with their routes in order."""
    return (
        Purpose.objects.filter(site=site, is_active=True)
        .prefetch_related(Prefetch("route", queryset=_route_queryset()))
        .order_by("position")
    )


def _route_queryset() -> QuerySet[Any]:
    from spojka.desk.models import RouteStep

    return RouteStep.objects.select_related("station").order_by("position")


def visits_of_day(*, site: Site, day: date | None = None) -> QuerySet[Visit]:
    """Return the visits of a site on a day (today by default), latest first, with purposes and steps."""
    return (
        Visit.objects.filter(site=site, service_date=day or timezone.localdate())
        .prefetch_related("purposes", Prefetch("steps", queryset=Step.objects.select_related("station")))
        .order_by("-number")
    )


def visit_steps(*, visit: Visit) -> QuerySet[Step]:
    """Return the visit's route, in order, with the stations."""
    return visit.steps.select_related("station").order_by("position")


def queue_of(*, station: Station) -> QuerySet[Step]:
    """Return the station's waiting visitors in the order they will be called: priority first, then arrival."""
    return (
        Step.objects.filter(station=station, status=StepStatus.WAITING)
        .select_related("visit")
        .prefetch_related("visit__purposes")
        .order_by("-visit__is_priority", "joined_at", "pk")
    )


def called_by(*, station: Station, user: User) -> Step | None:
    """Return the visitor the user has called at the station and not yet finished with, if any."""
    return (
        Step.objects.filter(station=station, status=StepStatus.CALLED, called_by=user)
        .select_related("visit")
        .prefetch_related("visit__purposes")
        .first()
    )


def eligible_operators(*, station: Station) -> QuerySet[Membership]:
    """Return the memberships that may be assigned to serve the station.

    Active desk operators of the agency running the station or of the organisation hosting the site.
    """
    return (
        Membership.objects.filter(
            role=Role.DESK_OPERATOR,
            is_active=True,
            user__is_active=True,
            organization_id__in=[station.organization_id, station.site.organization_id],
        )
        .select_related("user", "organization")
        .order_by("user__full_name")
    )


def operators_of(*, station: Station) -> QuerySet[StationOperator]:
    """Return who serves the station, by name."""
    return (
        StationOperator.objects.filter(station=station)
        .select_related("membership__user", "membership__organization", "assigned_by")
        .order_by("membership__user__full_name")
    )


# Waiting-time estimate.


@dataclass(frozen=True)
class WaitEstimate:
    """How long a visitor joining a station's queue now would wait, and what the guess rests on."""

    waiting: int
    minutes: int
    service_minutes: float
    counters: int


def estimate_wait(*, station: Station, now: datetime | None = None) -> WaitEstimate:
    """Estimate the wait at one station; see `estimate_waits`."""
    return estimate_waits(stations=[station], now=now)[station.pk]


def estimate_waits(*, stations: Sequence[Station], now: datetime | None = None) -> dict[Any, WaitEstimate]:
    """Estimate the wait at each station from the day's service times there, by station id.

    The median service time of today's finished visitors (the station's usual time until there
    are some), times the visitors waiting, divided among the operators who called someone in the
    last hour (at least one). Three queries, however many stations.
    """
    now = now or timezone.now()
    day_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    ids = [station.pk for station in stations]
    durations: dict[Any, list[float]] = defaultdict(list)
    served = (
        Step.objects.filter(
            station_id__in=ids,
            status__in=[StepStatus.SERVED, StepStatus.TRANSFERRED],
            called_at__gte=day_start,
            finished_at__isnull=False,
        )
        .values_list("station_id", "called_at", "finished_at")
        .order_by()
    )
    for station_id, called, finished in served:
        if called and finished:
            durations[station_id].append((finished - called).total_seconds() / 60)
    counters: Counter[Any] = Counter(
        station_id
        for station_id, _operator in Step.objects.filter(
            station_id__in=ids, called_at__gte=now - RECENT_SERVICE_WINDOW, called_by__isnull=False
        )
        .values_list("station_id", "called_by")
        .order_by()
        .distinct()
    )
    waiting: Counter[Any] = Counter(
        Step.objects.filter(station_id__in=ids, status=StepStatus.WAITING)
        .values_list("station_id", flat=True)
        .order_by()
    )
    estimates = {}
    for station in stations:
        times = durations[station.pk]
        service = statistics.median(times) if times else float(station.service_minutes)
        open_counters = max(1, counters[station.pk])
        estimates[station.pk] = WaitEstimate(
            waiting=waiting[station.pk],
            minutes=math.ceil(waiting[station.pk] * service / open_counters),
            service_minutes=service,
            counters=open_counters,
        )
    return estimates


# The public display.


def latest_calls(*, site: Site, limit: int = DISPLAY_CALLS) -> list[Step]:
    """Return the site's visitors being called now, the latest call first (for the public display)."""
    steps = list(
        Step.objects.filter(
            station__site=site, status=StepStatus.CALLED, visit__service_date=timezone.localdate()
        ).select_related("station", "visit")
    )
    steps.sort(key=lambda step: step.announced_at or step.joined_at or timezone.now(), reverse=True)
    return steps[:limit]


def linkable_clients(*, user: User, query: str = "") -> QuerySet[Client]:
    """Return the client records reception may link a visit to: its own organisation's, found by name.

    Only the clients the user may see (`clients_visible_to`) that belong to their own
    organisation: a client another organisation shared through a referral is not linked here.
    At most `LINKABLE_CLIENTS`, by name; the queryset stays filterable, so a posted choice is
    validated against the same list the page showed.
    """
    clients = owned_clients(user=user)
    for key in query_keys(query):
        clients = clients.filter(search_names__contains=key)
    first = clients.order_by("family_name", "given_name", "id").values("pk")[:LINKABLE_CLIENTS]
    return Client.objects.filter(pk__in=first).order_by("family_name", "given_name", "id")


def may_link_client(*, user: User, client: Client) -> bool:
    """Say whether the user may link a visit to this client: one of their own organisation's, visible to them."""
    return owned_clients(user=user).filter(pk=client.pk).exists()
