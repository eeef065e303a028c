"""Figures put together from stored months: the additive figures' counts and duration bins (PostgreSQL).

A figure of referrals or desk visits counts records and the durations of their spans in bins
(`queries.Binned`), and those add up over months. The calendar months a period covers whole are read
from `FigureMonth` rows, one per month for the whole region and one per month and district, computed
the first time a figure needs them; the days of the period outside whole months (the current month so
far, say) are counted from the records themselves. A year's figure then reads twelve small rows and
scans at most two partial months, instead of a year of records.

The stored months are always those the records give: a trigger in the database (see the migration
`coordination.0002_figure_months`) deletes a month whenever a record in it, or a record it was grouped
by, changes, whatever wrote it (an action, the admin, an import, SQL). A month is computed under an
exclusive advisory lock that those triggers take shared, so a month is never stored from records that
a concurrent write has since changed.

SQLite, the small embedded database, computes every figure from the records (`queries.durations`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from django.db import connection, models, transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from spojka.coordination.figures.queries import Binned, Span, binned, district_places, district_units
from spojka.coordination.figures.tables import Period
from spojka.coordination.models import ClientDemand, FigureMonth, NeedPerson
from spojka.geo.models import AdministrativeUnit

# The first key of the advisory locks the triggers and `stored_months` take ("SP"); the second is the figure's.
LOCK_CLASS: Final = 0x5350
# The figures kept by month, with their advisory lock numbers (the migration's triggers use the same).
FIGURE_LOCKS: Final = {"referrals_by_sector_pair": 1, "desk_visits": 2}
WHOLE_REGION: Final = ""


@dataclass(frozen=True)
class Source:
    """Records a figure counts: which, by which date, where, grouped how, and which durations of them.

    `place` is a column of the records (or a short path) whose value `municipalities` maps to the
    municipality that puts the record in a district (None: the value is the municipality), so the
    records are grouped by a plain value and no join reaches the districts. The counts of the records
    come keyed by `(name, *group values)`.
    """

    name: str
    records: Callable[[], QuerySet[Any]]
    at: str  # the date or timestamp field that puts a record in a period
    place: str
    municipalities: Callable[[], Mapping[str, str]] | None
    group: Sequence[str]
    counts: Mapping[str, Count]
    spans: Mapping[str, Span]

    def _timestamped(self) -> bool:
        """Say whether `at` is a timestamp (cut into days in the current time zone) rather than a date."""
        return isinstance(self.records().model._meta.get_field(self.at), models.DateTimeField)

    def in_period(self, period: Period) -> Q:
        if self._timestamped():
            return Q(**{f"{self.at}__gte": period.start_datetime, f"{self.at}__lt": period.end_datetime})
        return Q(**{f"{self.at}__gte": period.start, f"{self.at}__lte": period.end})

    def month(self) -> TruncMonth:
        if self._timestamped():
            return TruncMonth(self.at, tzinfo=timezone.get_current_timezone())
        return TruncMonth(self.at)

    def areas(self, units: Mapping[str, str]) -> dict[str, str]:
        """Return the area of each value of `place`, given the area of each unit."""
        if self.municipalities is None:
            return dict(units)
        return {place: units[unit] for place, unit in self.municipalities().items() if unit in units}


def district_areas() -> dict[str, str]:
    """Return the district of each unit as `queries.in_district` decides: itself when it is one, else its parent.

    Units in no listed district are left out: their records count in the whole region only.
    """
    districts = {str(unit.pk) for unit in district_units()}
    found = {}
    for pk, parent in AdministrativeUnit.objects.values_list("pk", "parent_id"):
        if str(pk) in districts:
            found[str(pk)] = str(pk)
        elif parent is not None and str(parent) in districts:
            found[str(pk)] = str(parent)
    return found


def municipalities_of(model: type[models.Model], municipality: str) -> Callable[[], dict[str, str]]:
    """Return a function giving the municipality of each row of a small table (stations, sites) by a path."""

    def municipalities() -> dict[str, str]:
        return {
            str(pk): str(unit)
            for pk, unit in model._default_manager.values_list("pk", f"{municipality}_id")
            if unit is not None
        }

    return municipalities


def whole_months(period: Period) -> list[datetime.date]:
    """Return the first days of the calendar months that lie wholly in the period."""
    return [month for month in period.months() if month >= period.start and _month_end(month) <= period.end]


def _month_end(month: datetime.date) -> datetime.date:
    following = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def figure_binned(
    figure: str, sources: Sequence[Source], *, period: Period, district: AdministrativeUnit | None
) -> Binned:
    """Return the figure's counts and bins for the period and district: stored months and the days around them."""
    area = WHOLE_REGION if district is None else str(district.pk)
    units = district_areas() if district is not None else {}
    if district is not None and area not in units:
        # Not a district the figures group by (stored months are by district; each maps to itself): its own
        # records, counted.
        units = {str(pk): area for pk in district_places(district)}
        return _summed(_area_binned(sources, period, area=area, units=units, by_month=False))
    months = whole_months(period)
    day = datetime.timedelta(days=1)
    edges = (
        [(period.start, months[0] - day), (_month_end(months[-1]) + day, period.end)]
        if months
        else [(period.start, period.end)]
    )
    result = Binned()
    for start, end in edges:
        if start <= end:
            result.add(_summed(_area_binned(sources, Period(start, end), area=area, units=units, by_month=False)))
    if months:
        for found in stored_months(figure, sources, months=months, area=area, units=units).values():
            result.add(found)
    return result


def stored_months(
    figure: str,
    sources: Sequence[Source],
    *,
    months: Sequence[datetime.date],
    area: str,
    units: Mapping[str, str],
) -> dict[datetime.date, Binned]:
    """Return the figure's stored months for the area, computing and storing those missing.

    `units` gives the district of each unit (empty for the whole region). Each area's months are computed
    when a view of that area first needs them: the whole region's without looking at places at all, a
    district's from its own records only.
    """
    stored = {
        row.month: Binned.from_json(row.data)
        for row in FigureMonth.objects.filter(figure=figure, area=area, month__in=months)
    }
    missing = [month for month in months if month not in stored]
    if not missing:
        return stored
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_CLASS, FIGURE_LOCKS[figure]])
        # Another reader may have stored them while this one waited for the lock.
        for row in FigureMonth.objects.filter(figure=figure, area=area, month__in=missing):
            stored[row.month] = Binned.from_json(row.data)
        missing = [month for month in missing if month not in stored]
        if missing:
            computed = _area_binned(
                sources, Period(missing[0], _month_end(missing[-1])), area=area, units=units, by_month=True
            )
            rows = []
            for month in missing:
                # An empty month is stored too: the area is known to have had no records in it.
                stored[month] = computed.get(month, Binned())
                rows.append(FigureMonth(figure=figure, month=month, area=area, data=stored[month].as_json()))
            FigureMonth.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["figure", "month", "area"],
                update_fields=["data", "computed_at"],
            )
    return stored


def _summed(by_month: Mapping[datetime.date, Binned]) -> Binned:
    result = Binned()
    for found in by_month.values():
        result.add(found)
    return result


def _area_binned(
    sources: Sequence[Source], period: Period, *, area: str, units: Mapping[str, str], by_month: bool
) -> dict[datetime.date, Binned]:
    """Return the sources' counts and bins in the period in the area, per month (else all under the first month).

    The whole region's records are counted without looking at their place; an area's are those of its
    places, found by the place's plain value (or a semi-join to the related rows of those places).
    """
    result: dict[datetime.date, Binned] = {}
    first_month = period.start.replace(day=1)
    for source in sources:
        records = source.records().filter(source.in_period(period))
        if area != WHOLE_REGION:
            places = [place for place, found in source.areas(units).items() if found == area]
            if not places:
                continue
            records = records.filter(_in_places(source, records, places))
        columns = list(source.group)
        if by_month:
            records = records.annotate(figure_month=source.month())
            columns = ["figure_month", *columns]
        found = binned(records, group=columns, spans=source.spans, counts=source.counts)

        for key, counts in found.counts.items():
            month, group = _split(key, source.name, first_month if not by_month else None)
            result.setdefault(month, Binned()).counts[group] = counts
        for span, by_key in found.bins.items():
            for key, bins in by_key.items():
                month, group = _split(key, source.name, first_month if not by_month else None)
                result.setdefault(month, Binned()).bins.setdefault(span, {})[group] = bins
    return {month: _json_round_trip(found) for month, found in result.items()}


def _split(key: tuple[Any, ...], name: str, month: datetime.date | None) -> tuple[datetime.date, tuple[Any, ...]]:
    """Return the month of a grouped key (its first value, unless the month is given) and the key of the source."""
    if month is None:
        return _month_of(key[0]), (name, *key[1:])
    return month, (name, *key)


def _in_places(source: Source, records: QuerySet[Any], places: Sequence[str]) -> Q:
    relation, _, rest = source.place.partition("__")
    if not rest:
        return Q(**{f"{source.place}__in": list(places)})
    # A place across a relation (a referral's client's municipality): the related rows of those places as a
    # semi-join, which reads only them, instead of joining every related row to the records.
    related = records.model._meta.get_field(relation).related_model
    return Q(**{f"{relation}__in": related._default_manager.filter(**{f"{rest}__in": list(places)}).values("pk")})


def _month_of(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _json_round_trip(found: Binned) -> Binned:
    """Return the counts with their keys as stored months give them (UUIDs as text), so the two add up."""
    return Binned.from_json(found.as_json())


def rebuild_figure_tables() -> dict[str, int]:
    """Fill the tables the figures read anew from the records, and forget every stored month (PostgreSQL).

    The triggers keep these tables whatever writes the records; this is for after a bulk load that ran with
    the triggers off (`session_replication_role = replica`). Returns the rows of each table. On SQLite,
    which keeps none of them, it does nothing.
    """
    if connection.vendor != "postgresql":
        return {}
    with transaction.atomic(), connection.cursor() as cursor:
        for number in FIGURE_LOCKS.values():
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_CLASS, number])
        cursor.execute("SELECT coordination_rebuild_client_demand()")
        cursor.execute("SELECT coordination_rebuild_need_person()")
        FigureMonth.objects.all().delete()
    return {"client_demand": ClientDemand.objects.count(), "need_person": NeedPerson.objects.count()}
