"""When a service is open: weekly hours, exceptions, closures and the country's public holidays.

A service's hours are its own schedule rows; a service without any is open when one of its
places is — the rows of the service at that location, or else the location's own rows. Each
such set is read on its own, so a closure at one place does not close the others.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, NamedTuple
from uuid import UUID

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from spojka.core.public_holidays import is_public_holiday
from spojka.directory.enums import Weekday
from spojka.directory.models import Schedule, Service, ServiceAtLocation
from spojka.geo.models import Country
from spojka.geo.packs import available_packs

_END_OF_DAY: Final = datetime.time(23, 59, 59, 999999)
_FIELDS: Final = ("is_exception", "weekday", "opens_at", "closes_at", "valid_from", "valid_to")


class HoursRow(NamedTuple):
    """The fields of a schedule row that opening needs: lighter than a model instance."""

    is_exception: bool
    weekday: int | None
    opens_at: datetime.time | None
    closes_at: datetime.time | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None

    @property
    def is_closure(self) -> bool:
        return self.is_exception and self.opens_at is None


Hours = Schedule | HoursRow


def _covers(row: Hours, day: datetime.date) -> bool:
    if row.is_exception:
        return row.valid_from is not None and row.valid_from <= day <= (row.valid_to or row.valid_from)
    return (row.valid_from is None or row.valid_from <= day) and (row.valid_to is None or day <= row.valid_to)


def _within(row: Hours, moment: datetime.time) -> bool:
    return row.opens_at is not None and row.opens_at <= moment < (row.closes_at or _END_OF_DAY)


def is_open_by(rows: Sequence[Hours], at: datetime.datetime) -> bool:
    """Say whether one set of schedule rows is open at a local date and time (holidays aside)."""
    day, moment = at.date(), at.time()
    exceptions = [row for row in rows if row.is_exception and _covers(row, day)]
    if exceptions:
        if any(row.is_closure for row in exceptions):
            return False
        return any(_within(row, moment) for row in exceptions)
    return any(
        not row.is_exception and row.weekday == day.weekday() and _covers(row, day) and _within(row, moment)
        for row in rows
    )


def holiday_country() -> str:
    """Return the code of the country whose public holidays close services (the pack's)."""
    return _pack_country(settings.SPOJKA_COUNTRY_PACK) or _any_loaded_country()


@lru_cache(maxsize=4)
def _pack_country(pack: str) -> str:
    # Read from the pack's manifest (a file), so that it costs no query per page.
    return next((found.country_code for found in available_packs() if found.name == pack), "")


def _any_loaded_country() -> str:
    return Country.objects.order_by("code").values_list("code", flat=True).first() or ""


def is_open(
    groups: Iterable[Sequence[Hours]], at: datetime.datetime, *, closed_on_public_holidays: bool, country_code: str
) -> bool:
    """Say whether a service with these sets of hours is open at a moment."""
    local = timezone.localtime(at)
    if closed_on_public_holidays and is_public_holiday(local.date(), country_code=country_code):
        return False
    return any(is_open_by(rows, local) for rows in groups)


def schedule_groups(service: Service) -> list[list[Schedule]]:
    """Return the sets of hours of a service (prefetched: schedules, at_locations with theirs)."""
    own = list(service.schedules.all())
    if own:
        return [own]
    groups = []
    for link in service.at_locations.all():
        rows = list(link.schedules.all()) or list(link.location.schedules.all())
        if rows:
            groups.append(rows)
    return groups


def opening_states_of(services: Sequence[Service], at: datetime.datetime | None = None) -> dict[UUID, bool]:
    """Return whether each service with known hours is open, in one query (`at_locations` prefetched)."""
    if not services:
        return {}
    links = [link for service in services for link in service.at_locations.all()]
    rows = Schedule.objects.filter(
        Q(service_id__in=[service.pk for service in services])
        | Q(service_at_location_id__in=[link.pk for link in links])
        | Q(location_id__in={link.location_id for link in links})
    ).values_list("service_id", "service_at_location_id", "location_id", *_FIELDS)
    by_owner: dict[UUID, list[HoursRow]] = defaultdict(list)
    for service_id, link_id, location_id, *fields in rows:
        by_owner[service_id or link_id or location_id].append(HoursRow(*fields))
    moment = at or timezone.now()
    country = holiday_country()
    states = {}
    for service in services:
        own = by_owner.get(service.pk)
        groups = (
            [own]
            if own
            else [
                rows_here
                for link in service.at_locations.all()
                if (rows_here := by_owner.get(link.pk) or by_owner.get(link.location_id))
            ]
        )
        if groups:
            states[service.pk] = is_open(
                groups, moment, closed_on_public_holidays=service.closed_on_public_holidays, country_code=country
            )
    return states


def open_services(
    service_ids: Sequence[UUID], at: datetime.datetime | None = None, *, country_code: str | None = None
) -> set[UUID]:
    """Return which of the services are open at a moment (default: now), in a few queries."""
    states = opening_states(service_ids, at, country_code=country_code)
    return {service_id for service_id, is_open_then in states.items() if is_open_then}


def opening_states(
    service_ids: Sequence[UUID], at: datetime.datetime | None = None, *, country_code: str | None = None
) -> dict[UUID, bool]:
    """Return whether each service with known hours is open at a moment (default: now)."""
    if not service_ids:
        return {}
    moment = at or timezone.now()
    country = holiday_country() if country_code is None else country_code
    own: dict[UUID, list[HoursRow]] = defaultdict(list)
    for service_id, *fields in Schedule.objects.filter(service_id__in=service_ids).values_list("service_id", *_FIELDS):
        own[service_id].append(HoursRow(*fields))
    at_place: dict[UUID, list[HoursRow]] = defaultdict(list)
    for link_id, *fields in Schedule.objects.filter(service_at_location__service_id__in=service_ids).values_list(
        "service_at_location_id", *_FIELDS
    ):
        at_place[link_id].append(HoursRow(*fields))
    links = list(
        ServiceAtLocation.objects.filter(service_id__in=service_ids).values_list("pk", "service_id", "location_id")
    )
    by_location: dict[UUID, list[HoursRow]] = defaultdict(list)
    for location_id, *fields in Schedule.objects.filter(
        location_id__in={location_id for _, _, location_id in links}
    ).values_list("location_id", *_FIELDS):
        by_location[location_id].append(HoursRow(*fields))
    groups: dict[UUID, list[list[HoursRow]]] = defaultdict(list)
    for link_id, service_id, location_id in links:
        rows = at_place.get(link_id) or by_location.get(location_id)
        if rows:
            groups[service_id].append(rows)
    closing = dict(Service.objects.filter(pk__in=service_ids).values_list("pk", "closed_on_public_holidays"))
    states = {}
    for service_id in service_ids:
        service_groups = [own[service_id]] if own.get(service_id) else groups.get(service_id, [])
        if service_groups:
            states[service_id] = is_open(
                service_groups,
                moment,
                closed_on_public_holidays=closing.get(service_id, True),
                country_code=country,
            )
    return states


@dataclass(frozen=True)
class DayHours:
    """The regular opening intervals of one day of the week."""

    weekday: Weekday
    intervals: list[Schedule]


def weekly_hours(rows: Iterable[Schedule], *, on: datetime.date | None = None) -> list[DayHours]:
    """Return the regular hours valid on a date (default: today), Monday to Sunday."""
    day = on or timezone.localdate()
    by_day: dict[int, list[Schedule]] = defaultdict(list)
    for row in rows:
        if not row.is_exception and row.weekday is not None and _covers(row, day):
            by_day[row.weekday].append(row)
    return [
        DayHours(
            weekday=weekday,
            intervals=sorted(by_day.get(weekday.value, []), key=lambda row: row.opens_at or datetime.time.min),
        )
        for weekday in Weekday
    ]


def upcoming_exceptions(rows: Iterable[Schedule], *, on: datetime.date | None = None) -> list[Schedule]:
    """Return the exceptions that cover a date (default: today) or a later one."""
    day = on or timezone.localdate()
    return sorted(
        (row for row in rows if row.is_exception and (row.valid_to or row.valid_from or day) >= day),
        key=lambda row: row.valid_from or day,
    )
