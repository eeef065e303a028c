"""The day's figures of a site: visits per purpose and station, waiting and service times, no-shows.

A day is small (hundreds of rows), so the figures are computed in Python over the day's steps.
Times are in minutes. The median of an even count is the mean of the middle two; the 90th
percentile is the nearest rank (the smallest value with at least 90 % of values at or below it).
Waiting runs from joining a station's queue to the first call; service from the first call to
finishing (served or sent on). A step counts in the hour (local time) it joined the queue.

Small counts: people outside the site's host organisation (coordinators, analysts, managers of
other organisations) see counts from 1 to 4 as "<5", and no median or percentile computed from
fewer than 5 times (`suppress_day`, `suppress_comparison`); the desk operators and managers of
the site's host organisation see the exact figures (`sees_exact_figures`).
"""

import math
import statistics as pystatistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Final

from django.db.models import Prefetch
from django.utils import timezone

from spojka.accounts.models import User
from spojka.desk.enums import StepStatus, VisitStatus
from spojka.desk.models import Purpose, Site, Station, Step, Visit
from spojka.network.enums import Role
from spojka.network.rules import active_membership

SERVED_STATUSES: Final = (StepStatus.SERVED, StepStatus.TRANSFERRED)
COMPARED_WEEKS: Final = 4

# Counts below this are shown as SUPPRESSED to people outside the site's host organisation.
SMALL_COUNT: Final = 5
SUPPRESSED: Final = f"<{SMALL_COUNT}"

# The roles of the site's host organisation that see exact figures.
EXACT_FIGURES_ROLES: Final = frozenset({Role.DESK_OPERATOR, Role.ORGANIZATION_MANAGER})

# A count as shown: the number, or SUPPRESSED.
Count = int | str


def median(values: Sequence[float]) -> float | None:
    """Return the median, or None for no values."""
    return round(pystatistics.median(values), 1) if values else None


def percentile_90(values: Sequence[float]) -> float | None:
    """Return the 90th percentile by the nearest-rank method, or None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[math.ceil(0.9 * len(ordered)) - 1], 1)


@dataclass(frozen=True)
class Times:
    """How many times were measured, their median and 90th percentile (minutes)."""

    count: Count
    median: float | None
    p90: float | None

    @classmethod
    def of(cls, values: Sequence[float]) -> "Times":
        return cls(count=len(values), median=median(values), p90=percentile_90(values))


@dataclass
class _Bucket:
    visitors: int = 0
    served: int = 0
    transferred: int = 0
    no_shows: int = 0
    waits: list[float] = field(default_factory=list)
    services: list[float] = field(default_factory=list)

    def add(self, step: Step) -> None:
        self.visitors += 1
        self.served += step.status == StepStatus.SERVED
        self.transferred += step.status == StepStatus.TRANSFERRED
        self.no_shows += step.status == StepStatus.NO_SHOW
        if step.joined_at and step.called_at:
            self.waits.append((step.called_at - step.joined_at).total_seconds() / 60)
        if step.status in SERVED_STATUSES and step.called_at and step.finished_at:
            self.services.append((step.finished_at - step.called_at).total_seconds() / 60)


@dataclass(frozen=True)
class StationFigures:
    """A station's figures for the day, or for one hour of it (`hour` is None for the whole day)."""

    station: Station
    hour: int | None
    visitors: Count
    served: Count
    transferred: Count
    no_shows: Count
    waiting: Times
    service: Times

    @classmethod
    def of(cls, station: Station, hour: int | None, bucket: _Bucket) -> "StationFigures":
        return cls(
            station=station,
            hour=hour,
            visitors=bucket.visitors,
            served=bucket.served,
            transferred=bucket.transferred,
            no_shows=bucket.no_shows,
            waiting=Times.of(bucket.waits),
            service=Times.of(bucket.services),
        )


@dataclass(frozen=True)
class DayStatistics:
    """Everything the statistics page shows for one site and day."""

    site: Site
    day: date
    visits: Count
    dropped: Count
    per_purpose: Sequence[tuple[Purpose, Count]]
    per_station: list[StationFigures]
    per_station_hour: list[StationFigures]
    waiting: Times
    service: Times


@dataclass(frozen=True)
class DaySummary:
    """One day of the comparison with previous weeks."""

    day: date
    visits: Count
    no_shows: Count
    waiting: Times
    service: Times


def _joined_steps(site: Site, days: Iterable[date]) -> list[Step]:
    """Return the steps that reached a station's queue on these days (not the planned or cancelled)."""
    return list(
        Step.objects.filter(visit__site=site, visit__service_date__in=list(days), joined_at__isnull=False)
        .exclude(status=StepStatus.CANCELLED)
        .select_related("station", "visit")
        .order_by("joined_at", "pk")
    )


def day_statistics(*, site: Site, day: date) -> DayStatistics:
    """Return the figures of a site's day."""
    visits = list(
        Visit.objects.filter(site=site, service_date=day).prefetch_related(
            Prefetch("purposes", queryset=Purpose.objects.order_by("position"))
        )
    )
    purpose_counts: Counter[Purpose] = Counter(purpose for visit in visits for purpose in visit.purposes.all())
    per_purpose = sorted(purpose_counts.items(), key=lambda item: (item[0].position, item[0].label))

    steps = _joined_steps(site, [day])
    stations: dict[object, Station] = {}
    whole = _Bucket()
    by_station: dict[object, _Bucket] = defaultdict(_Bucket)
    by_station_hour: dict[tuple[object, int], _Bucket] = defaultdict(_Bucket)
    for step in steps:
        stations[step.station_id] = step.station
        hour = timezone.localtime(step.joined_at).hour
        whole.add(step)
        by_station[step.station_id].add(step)
        by_station_hour[(step.station_id, hour)].add(step)

    def station_order(station_id: object) -> tuple[int, str]:
        station = stations[station_id]
        return (station.position, station.code)

    per_station = [
        StationFigures.of(stations[station_id], None, by_station[station_id])
        for station_id in sorted(by_station, key=station_order)
    ]
    per_station_hour = [
        StationFigures.of(stations[station_id], hour, by_station_hour[(station_id, hour)])
        for station_id, hour in sorted(by_station_hour, key=lambda key: (station_order(key[0]), key[1]))
    ]
    return DayStatistics(
        site=site,
        day=day,
        visits=len(visits),
        dropped=sum(1 for visit in visits if visit.status == VisitStatus.LEFT),
        per_purpose=per_purpose,
        per_station=per_station,
        per_station_hour=per_station_hour,
        waiting=Times.of(whole.waits),
        service=Times.of(whole.services),
    )


def compared_days(day: date, *, weeks: int = COMPARED_WEEKS) -> list[date]:
    """Return the same weekday of the previous weeks, oldest first, then the day itself."""
    return [day - timedelta(weeks=back) for back in range(weeks, -1, -1)]


def weeks_comparison(*, site: Site, day: date, weeks: int = COMPARED_WEEKS) -> list[DaySummary]:
    """Return the day next to the same weekday of the previous weeks, oldest first."""
    days = compared_days(day, weeks=weeks)
    visit_counts = Counter(
        Visit.objects.filter(site=site, service_date__in=days).values_list("service_date", flat=True)
    )
    buckets: dict[date, _Bucket] = defaultdict(_Bucket)
    for step in _joined_steps(site, days):
        buckets[step.visit.service_date].add(step)
    return [
        DaySummary(
            day=compared,
            visits=visit_counts.get(compared, 0),
            no_shows=buckets[compared].no_shows,
            waiting=Times.of(buckets[compared].waits),
            service=Times.of(buckets[compared].services),
        )
        for compared in days
    ]


# Small counts.


def sees_exact_figures(*, user: User, site: Site) -> bool:
    """Say whether the user sees the site's exact figures: a desk operator or manager of its host organisation.

    Everyone else who may see the statistics (regional coordinators and analysts, whatever their
    organisation; managers and operators of the agencies at the site) sees small counts suppressed.
    """
    membership = active_membership(user)
    if membership is None:
        return False
    return bool(membership.organization_id == site.organization_id and membership.role in EXACT_FIGURES_ROLES)


def suppress_count(count: Count) -> Count:
    """Return a count from 1 to SMALL_COUNT - 1 as SUPPRESSED; others as they are."""
    return SUPPRESSED if isinstance(count, int) and 0 < count < SMALL_COUNT else count


def suppress_times(times: Times) -> Times:
    """Leave out the median and percentile of fewer than SMALL_COUNT times."""
    if isinstance(times.count, int) and 0 < times.count < SMALL_COUNT:
        return Times(count=SUPPRESSED, median=None, p90=None)
    return times


def _suppress_station(row: StationFigures) -> StationFigures:
    small = suppress_count(row.visitors) == SUPPRESSED
    return replace(
        row,
        visitors=suppress_count(row.visitors),
        served=suppress_count(row.served),
        transferred=suppress_count(row.transferred),
        no_shows=suppress_count(row.no_shows),
        # A cell of fewer visitors than SMALL_COUNT shows no times at all.
        waiting=Times(count=SUPPRESSED, median=None, p90=None) if small else suppress_times(row.waiting),
        service=Times(count=SUPPRESSED, median=None, p90=None) if small else suppress_times(row.service),
    )


def suppress_day(figures: DayStatistics) -> DayStatistics:
    """Return the day's figures with small counts suppressed, for people outside the host organisation."""
    return replace(
        figures,
        visits=suppress_count(figures.visits),
        dropped=suppress_count(figures.dropped),
        per_purpose=[(purpose, suppress_count(count)) for purpose, count in figures.per_purpose],
        per_station=[_suppress_station(row) for row in figures.per_station],
        per_station_hour=[_suppress_station(row) for row in figures.per_station_hour],
        waiting=suppress_times(figures.waiting),
        service=suppress_times(figures.service),
    )


def suppress_comparison(summaries: Sequence[DaySummary]) -> list[DaySummary]:
    """Return the comparison with previous weeks with small counts suppressed."""
    return [
        replace(
            summary,
            visits=suppress_count(summary.visits),
            no_shows=suppress_count(summary.no_shows),
            waiting=suppress_times(summary.waiting),
            service=suppress_times(summary.service),
        )
        for summary in summaries
    ]
