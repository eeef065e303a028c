"""Every change at the one-stop shop goes through one of these functions.

Lock order, where a function takes more than one lock: the site (ticket numbers), then steps.
"""

from collections.abc import Sequence
from datetime import datetime, time
from typing import Final

import structlog
from django.db import connection, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.accounts.models import User
from spojka.audit.actions import record_access
from spojka.audit.enums import AuditAction, AuditPurpose
from spojka.clients.models import Client
from spojka.desk.enums import Priority, StepStatus, VisitStatus
from spojka.desk.models import (
    OpeningHours,
    Purpose,
    RouteStep,
    Site,
    Station,
    StationOperator,
    Step,
    Visit,
    ticket_code,
)
from spojka.desk.queries import eligible_operators, may_link_client
from spojka.network.models import Membership

log = structlog.get_logger(__name__)

# How often "call next" looks again when a colleague took the visitor it was about to call.
CALL_ATTEMPTS: Final = 5

MAX_PARTY_SIZE: Final = 20


class DeskError(Exception):
    """A desk action that cannot be done; the message is for the person who tried, in their language."""


# Reception.


def route_for(purposes: Sequence[Purpose]) -> list[Station]:
    """Return the stations a visit with these purposes passes, in order, each once.

    Purposes in the site's order, each with its route; a station already on the way is not repeated.
    """
    route: list[Station] = []
    for purpose in sorted(purposes, key=lambda purpose: (purpose.position, str(purpose.pk))):
        for route_step in purpose.route.select_related("station").order_by("position"):
            station = route_step.station
            if station.is_active and station not in route:
                route.append(station)
    return route


@transaction.atomic
def receive_visitor(
    *,
    site: Site,
    purposes: Sequence[Purpose],
    language: str,
    party_size: int,
    priority: str,
    by: User,
    client: Client | None = None,
    now: datetime | None = None,
) -> Visit:
    """Issue a ticket: create the visit with its route and put it in the first station's queue.

    The visit may be linked to a client record of the receptionist's own organisation they may
    see; the link is recorded in the audit trail. Another organisation's client is refused.
    """
    now = now or timezone.now()
    if client is not None and not may_link_client(user=by, client=client):
        raise DeskError(_("You may not link this visit to that client record; choose one of your organisation's."))
    if not purposes:
        raise DeskError(_("Choose at least one purpose of the visit."))
    if any(purpose.site_id != site.pk or not purpose.is_active for purpose in purposes):
        raise DeskError(_("Choose the purposes from this site's list."))
    if language not in site.languages:
        raise DeskError(_("Choose one of the site's languages."))
    if not 1 <= party_size <= MAX_PARTY_SIZE:
        raise DeskError(_("A party has 1 to %(max)d people.") % {"max": MAX_PARTY_SIZE})
    if priority not in Priority.values:
        raise DeskError(_("Choose a priority from the list."))
    route = route_for(purposes)
    if not route:
        raise DeskError(_("No open station serves the purposes chosen. Ask the site's coordinator to set the routes."))

    # One ticket number a day per site: the site's row lock (PostgreSQL) or the write lock of the
    # immediate transaction (SQLite) keeps two receptionists from counting the same number.
    locked_site = Site.objects.select_for_update().get(pk=site.pk)
    day = timezone.localdate(now)
    last = Visit.objects.filter(site=locked_site, service_date=day).aggregate(last=Max("number"))["last"] or 0
    number = last + 1
    visit = Visit.objects.create(
        site=locked_site,
        service_date=day,
        number=number,
        ticket=ticket_code(prefix=locked_site.ticket_prefix, number=number),
        language=language,
        party_size=party_size,
        priority=priority,
        is_priority=bool(priority),
        client=client,
        created_by=by,
        created_at=now,
    )
    visit.purposes.set(purposes)
    Step.objects.bulk_create(
        Step(
            visit=visit,
            station=station,
            position=position,
            status=StepStatus.WAITING if position == 0 else StepStatus.PLANNED,
            joined_at=now if position == 0 else None,
        )
        for position, station in enumerate(route)
    )
    if client is not None:
        record_access(
            user=by,
            action=AuditAction.CREATE,
            purpose=AuditPurpose.CASEWORK,
            obj=visit,
            client_id=client.pk,
            fields=["client"],
        )
    log.info("desk_visit_received", visit=str(visit.pk), site=str(site.pk), stations=len(route), by=by.pk)
    return visit


# The station's queue.


def _waiting_candidates(station: Station) -> QuerySet[Step]:
    """Return the station's waiting steps in calling order, row-locked where the database can skip locks."""
    candidates = Step.objects.filter(station=station, status=StepStatus.WAITING).order_by(
        "-visit__is_priority", "joined_at", "pk"
    )
    if connection.features.has_select_for_update_skip_locked:
        # PostgreSQL: a visitor a colleague's "call next" is claiming right now is skipped, not waited for.
        candidates = candidates.select_for_update(skip_locked=True, of=("self",))
    return candidates


@transaction.atomic
def call_next_visitor(*, station: Station, by: User, now: datetime | None = None) -> Step | None:
    """Call the next visitor to the station: priority first, then arrival. None when nobody waits.

    Two operators pressing "call next" at the same moment never get the same visitor: the claim is
    a conditional update (`… WHERE status = 'waiting'`) whose row count says who won, on every
    database; PostgreSQL also locks the row and lets the other operator skip it.
    """
    now = now or timezone.now()
    if Step.objects.filter(station=station, status=StepStatus.CALLED, called_by=by).exists():
        raise DeskError(_("Finish with the visitor you called before calling the next one."))
    for _attempt in range(CALL_ATTEMPTS):
        candidate = _waiting_candidates(station).first()
        if candidate is None:
            return None
        claimed = Step.objects.filter(pk=candidate.pk, status=StepStatus.WAITING).update(
            status=StepStatus.CALLED, called_at=now, called_by=by
        )
        if claimed == 1:
            candidate.refresh_from_db()
            log.info("desk_visitor_called", step=str(candidate.pk), station=str(station.pk), by=by.pk)
            return candidate
    raise DeskError(_("Colleagues are calling the same queue right now. Press the button once more."))


def _finish(step: Step, *, status: StepStatus, now: datetime) -> None:
    finished = Step.objects.filter(pk=step.pk, status=StepStatus.CALLED).update(status=status, finished_at=now)
    if finished != 1:
        raise DeskError(_("This visitor is no longer called at the station; the page was out of date."))
    step.status = status
    step.finished_at = now


def _advance(visit: Visit, *, now: datetime) -> Step | None:
    """Put the visitor in the next station's queue on their route, or finish the visit."""
    following = visit.steps.filter(status=StepStatus.PLANNED).order_by("position").first()
    if following is None:
        if not visit.steps.filter(status__in=[StepStatus.WAITING, StepStatus.CALLED]).exists():
            visit.status = VisitStatus.DONE
            visit.finished_at = now
            visit.save(update_fields=["status", "finished_at"])
        return None
    following.status = StepStatus.WAITING
    following.joined_at = now
    following.save(update_fields=["status", "joined_at"])
    return following


@transaction.atomic
def mark_served(*, step: Step, by: User, now: datetime | None = None) -> Step | None:
    """Record that the called visitor was served; they join the next station of their route.

    Returns the step of the next station, or None when the visit is over.
    """
    now = now or timezone.now()
    _finish(step, status=StepStatus.SERVED, now=now)
    following = _advance(step.visit, now=now)
    log.info("desk_visitor_served", step=str(step.pk), by=by.pk)
    return following


@transaction.atomic
def mark_no_show(*, step: Step, by: User, now: datetime | None = None) -> bool:
    """Record that the called visitor did not come: call them once more, the second time drop them.

    Returns True when the visitor was dropped (the rest of their route is cancelled).
    """
    now = now or timezone.now()
    if not step.was_recalled:
        recalled = Step.objects.filter(pk=step.pk, status=StepStatus.CALLED, recalled_at__isnull=True).update(
            recalled_at=now
        )
        if recalled != 1:
            raise DeskError(_("This visitor is no longer called at the station; the page was out of date."))
        step.recalled_at = now
        log.info("desk_visitor_recalled", step=str(step.pk), by=by.pk)
        return False
    _finish(step, status=StepStatus.NO_SHOW, now=now)
    visit = step.visit
    visit.steps.filter(status=StepStatus.PLANNED).update(status=StepStatus.CANCELLED)
    visit.status = VisitStatus.LEFT
    visit.finished_at = now
    visit.save(update_fields=["status", "finished_at"])
    log.info("desk_visitor_dropped", step=str(step.pk), by=by.pk)
    return True


@transaction.atomic
def transfer_visitor(*, step: Step, to_station: Station, by: User, now: datetime | None = None) -> Step:
    """Send the called visitor to another station of the site, out of their route; the route goes on after."""
    now = now or timezone.now()
    if to_station.site_id != step.station.site_id or not to_station.is_active:
        raise DeskError(_("Choose an open station of this site."))
    if to_station.pk == step.station_id:
        raise DeskError(_("The visitor is at this station already; choose another one."))
    _finish(step, status=StepStatus.TRANSFERRED, now=now)
    visit = step.visit
    # Going there now: a later visit to the same station on the route is no longer needed.
    visit.steps.filter(station=to_station, status=StepStatus.PLANNED).update(status=StepStatus.CANCELLED)
    # Make room right after this step; one row at a time, last first, keeps positions unique.
    for later in visit.steps.filter(position__gt=step.position).order_by("-position"):
        later.position += 1
        later.save(update_fields=["position"])
    transferred = Step.objects.create(
        visit=visit,
        station=to_station,
        position=step.position + 1,
        out_of_route=True,
        status=StepStatus.WAITING,
        joined_at=now,
    )
    log.info("desk_visitor_transferred", step=str(step.pk), to_station=str(to_station.pk), by=by.pk)
    return transferred


# Who serves which station.


@transaction.atomic
def assign_operator(*, station: Station, membership: Membership, by: User) -> StationOperator:
    """Let a desk operator serve the station."""
    if not eligible_operators(station=station).filter(pk=membership.pk).exists():
        raise DeskError(
            _("Only desk operators of the station's agency or of the site's host organisation can serve it.")
        )
    assignment, _created = StationOperator.objects.get_or_create(
        station=station, membership=membership, defaults={"assigned_by": by}
    )
    log.info("desk_operator_assigned", station=str(station.pk), membership=str(membership.pk), by=by.pk)
    return assignment


@transaction.atomic
def unassign_operator(*, assignment: StationOperator, by: User) -> None:
    """Stop a desk operator serving the station."""
    log.info(
        "desk_operator_unassigned",
        station=str(assignment.station_id),
        membership=str(assignment.membership_id),
        by=by.pk,
    )
    assignment.delete()


# Sites and stations.


@transaction.atomic
def save_site(*, site: Site, by: User) -> Site:
    """Record a new or edited one-stop-shop site."""
    is_new = site._state.adding
    site.full_clean()
    site.save()
    log.info("desk_site_saved", site=str(site.pk), created=is_new, by=by.pk)
    return site


@transaction.atomic
def save_station(
    *,
    station: Station,
    labels: dict[str, str],
    open_days: Sequence[int],
    opens_at: time,
    closes_at: time,
    by: User,
) -> Station:
    """Record a new or edited station of a site, with its name in each language and its opening hours."""
    is_new = station._state.adding
    station.labels = labels
    station.full_clean()
    station.save()
    station.hours.all().delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(station=station, weekday=day, opens_at=opens_at, closes_at=closes_at)
        for day in sorted(set(open_days))
    )
    log.info("desk_station_saved", station=str(station.pk), created=is_new, by=by.pk)
    return station


@transaction.atomic
def save_purpose(*, purpose: Purpose, labels: dict[str, str], route: Sequence[Station], by: User) -> Purpose:
    """Record a new or edited purpose of visits with its route, the stations in order."""
    if not route:
        raise DeskError(_("A purpose needs at least one station on its route."))
    if any(station.site_id != purpose.site_id for station in route) or len({s.pk for s in route}) != len(route):
        raise DeskError(_("Each station of the route must be of this site and come once."))
    is_new = purpose._state.adding
    purpose.labels = labels
    purpose.full_clean()
    purpose.save()
    purpose.route.all().delete()
    RouteStep.objects.bulk_create(
        RouteStep(purpose=purpose, station=station, position=position) for position, station in enumerate(route)
    )
    log.info("desk_purpose_saved", purpose=str(purpose.pk), created=is_new, stations=len(route), by=by.pk)
    return purpose
