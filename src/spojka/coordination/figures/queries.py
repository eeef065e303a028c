"""The pieces every figure is built from: persons, districts, durations in bins, the suppressed table."""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    Case,
    Count,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    Max,
    Q,
    QuerySet,
    When,
)
from django.db.models import Value as SqlValue
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from spojka.cases.enums import NeedStatus
from spojka.clients.models import Client
from spojka.coordination import suppression
from spojka.coordination.figures.tables import Column, ColumnKind, Period, Row, Table, Value
from spojka.directory.models import TaxonomyTerm
from spojka.geo.models import AdministrativeUnit
from spojka.referrals.enums import ReferralStatus

UNKNOWN: Final = "__unknown__"
ACCEPTED_STATUSES: Final = (ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED, ReferralStatus.NOT_COMPLETED)
OPEN_NEED_STATUSES: Final = (NeedStatus.OPEN, NeedStatus.IN_PROGRESS)


# --- shared pieces ------------------------------------------------------------------------------


def with_person(queryset: QuerySet[Any], prefix: str = "") -> QuerySet[Any]:
    """Annotate `person`: the person a client record belongs to, the record itself when linked to nobody.

    The same value as `spojka.linkage.queries.person_expression` (a test holds them equal), read through
    a LEFT JOIN on the open link instead of a subquery per record: on 200,000 clients the join is
    several times faster, and a record has at most one open link (a unique constraint says so).
    """
    relation = f"{prefix}person_links"
    annotated: QuerySet[Any] = queryset.annotate(
        open_link=FilteredRelation(relation, condition=Q(**{f"{relation}__unlinked_at__isnull": True})),
        person=Coalesce(F("open_link__person_id"), F(f"{prefix}id")),
    )
    return annotated


def district_of(municipality_field: str) -> Coalesce:
    """Return the district a municipality lies in: its parent unit, or the unit itself when it has none."""
    return Coalesce(F(f"{municipality_field}__parent_id"), F(f"{municipality_field}_id"))


def in_district(municipality_field: str, district: AdministrativeUnit | None) -> Q:
    if district is None:
        return Q()
    return Q(**{f"{municipality_field}_id": district.pk}) | Q(**{f"{municipality_field}__parent_id": district.pk})


def district_places(district: AdministrativeUnit) -> list[Any]:
    """Return the ids of the units `in_district` counts in the district: the district and its children."""
    return list(AdministrativeUnit.objects.filter(Q(pk=district.pk) | Q(parent=district)).values_list("pk", flat=True))


def district_units() -> list[AdministrativeUnit]:
    """Return the districts figures group by: units whose children are municipalities (CZ: ORP)."""
    units = list(
        AdministrativeUnit.objects.filter(children__isnull=False, children__children__isnull=True)
        .distinct()
        .order_by("name")
    )
    return units or list(AdministrativeUnit.objects.filter(parent__isnull=True).order_by("name"))


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Return the continuous percentile as PostgreSQL's percentile_cont computes it."""
    position = fraction * (len(sorted_values) - 1)
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


# Durations are binned on a logarithmic scale of minutes: BIN_SCALE bins per unit of ln(1 + minutes),
# so a bin is about 5% wide whatever the duration (a minute at a desk, a month for a referral), and a
# percentile read from the bins is within about 2.5% of the exact one.
BIN_SCALE: Final = 20


def bin_bounds(bin_number: int) -> tuple[float, float]:
    """Return the seconds a logarithmic bin spans."""
    return (math.exp(bin_number / BIN_SCALE) - 1) * 60, (math.exp((bin_number + 1) / BIN_SCALE) - 1) * 60


# Where every bin but the first begins, as durations. PostgreSQL finds a duration's bin by a binary
# search of these (width_bucket compares intervals), several times cheaper per row than the logarithm
# of its seconds (EXTRACT and date_part compute in numeric): the same bin, floor(BIN_SCALE * ln(1 +
# minutes)), to a microsecond. A negative duration falls in bin 0, as if it were none; the last bin
# holds everything from about 1,500 years on.
BIN_COUNT: Final = 410
BIN_STARTS: Final = tuple(datetime.timedelta(seconds=bin_bounds(number)[0]) for number in range(1, BIN_COUNT))


class DurationBin(Func):
    """The logarithmic bin of a duration (an expression of two timestamps' difference); PostgreSQL only."""

    output_field = IntegerField()

    def as_sql(
        self, compiler: Any, connection: BaseDatabaseWrapper, *args: Any, **kwargs: Any
    ) -> tuple[str, tuple[Any, ...]]:
        duration, duration_params = compiler.compile(self.source_expressions[0])
        return f"width_bucket({duration}, %s::interval[])", (*duration_params, list(BIN_STARTS))


def percentiles_of_bins(bins: Sequence[tuple[int, int]], fractions: Sequence[float]) -> list[float | None]:
    """Return percentiles (hours) of durations given as (bin, count), the items of a bin spread evenly in it."""
    bins = sorted(bins)
    total = sum(count for _bin, count in bins)
    if not total:
        return [None for _ in fractions]

    def item(rank: int) -> float:
        seen = 0
        for bin_number, count in bins:
            if rank < seen + count:
                low, high = bin_bounds(bin_number)
                return low + (high - low) * (rank - seen + 0.5) / count
            seen += count
        raise IndexError(rank)

    result: list[float | None] = []
    for fraction in fractions:
        position = fraction * (total - 1)
        low = int(position)
        high = min(low + 1, total - 1)
        value = item(low) + (item(high) - item(low)) * (position - low)
        result.append(round(value / 3600, 1))
    return result


Percentiles = dict[tuple[Any, ...], list[float | None]]
Counts = dict[tuple[Any, ...], dict[str, int]]


@dataclass(frozen=True)
class Span:
    """A duration to measure: from one timestamp field to another, over the rows matching `only`."""

    start: str
    end: str
    only: Q = field(default_factory=Q)


@dataclass
class Binned:
    """Records counted per group, and their durations counted per span, group and logarithmic bin.

    Additive: the Binned of two sets of records that do not overlap (two months) is the sum of theirs,
    so a figure can be put together from stored months (`figures.parts`) and the days around them.
    """

    counts: dict[tuple[Any, ...], dict[str, int]] = field(default_factory=dict)
    bins: dict[str, dict[tuple[Any, ...], dict[int, int]]] = field(default_factory=dict)

    def add(self, other: Binned) -> None:
        """Add the records of `other` to these."""
        for key, found in other.counts.items():
            mine = self.counts.setdefault(key, dict.fromkeys(found, 0))
            for name, n in found.items():
                mine[name] = mine.get(name, 0) + n
        for span, by_key in other.bins.items():
            ours = self.bins.setdefault(span, {})
            for key, found_bins in by_key.items():
                target = ours.setdefault(key, {})
                for bin_number, n in found_bins.items():
                    target[bin_number] = target.get(bin_number, 0) + n

    def percentiles(
        self,
        fractions: Sequence[float],
        *,
        count_names: Sequence[str],
        regroup: Callable[[tuple[Any, ...]], tuple[Any, ...] | None] | None = None,
    ) -> tuple[dict[str, Percentiles], Counts]:
        """Return per span the percentiles (hours) per group and for all groups under the key (), and the counts.

        `regroup` maps a stored group to the figure's (a station to its kind; None leaves the group out).
        """
        regroup = regroup or (lambda key: key)
        totals: Counts = defaultdict(lambda: dict.fromkeys(count_names, 0))
        for stored, found in self.counts.items():
            key = regroup(stored)
            if key is None:
                continue
            for target in (totals[key], totals[()]) if key else (totals[()],):
                for name in count_names:
                    target[name] += found.get(name, 0)
        percentiles: dict[str, Percentiles] = {}
        for span, by_key in self.bins.items():
            merged: dict[tuple[Any, ...], dict[int, int]] = defaultdict(lambda: defaultdict(int))
            for stored, found_bins in by_key.items():
                key = regroup(stored)
                if key is None:
                    continue
                for into in (merged[key], merged[()]) if key else (merged[()],):
                    for bin_number, n in found_bins.items():
                        into[bin_number] += n
            percentiles[span] = {
                key: percentiles_of_bins(list(found_bins.items()), fractions) for key, found_bins in merged.items()
            }
        return percentiles, dict(totals)

    def as_json(self) -> dict[str, Any]:
        """Return the records as JSON-ready lists (group keys as lists, bins as pairs)."""
        return {
            "counts": [[_json_key(key), found] for key, found in self.counts.items()],
            "bins": {
                span: [[_json_key(key), sorted(found.items())] for key, found in by_key.items()]
                for span, by_key in self.bins.items()
            },
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Binned:
        return cls(
            counts={tuple(key): dict(found) for key, found in data["counts"]},
            bins={
                span: {tuple(key): {int(b): int(n) for b, n in found} for key, found in rows}
                for span, rows in data["bins"].items()
            },
        )


def _json_key(key: tuple[Any, ...]) -> list[Any]:
    return [str(part) if part is not None and not isinstance(part, (str, int, float)) else part for part in key]


def binned(
    queryset: QuerySet[Any],
    *,
    group: Sequence[str],
    spans: Mapping[str, Span],
    counts: Mapping[str, Count],
) -> Binned:
    """Return the `counts` of the records per group and their durations per span in logarithmic bins (PostgreSQL).

    One scan: the database counts the durations of every span in bins per group (a hash aggregate, no
    sort of hundreds of thousands of rows), together with the group's counts. A missing timestamp gives
    no bin. Group values come as the database gives them (UUIDs as UUIDs).
    """
    keys = list(group)
    if not spans:
        plain = Binned()
        if not keys:
            whole = queryset.aggregate(**counts)
            plain.counts[()] = {name: int(whole[name] or 0) for name in counts}
            return plain
        for row in queryset.values(*keys).annotate(**counts).order_by().values_list(*keys, *counts):
            plain.counts[tuple(row[: len(keys)])] = dict(zip(counts, row[len(keys) :], strict=True))
        return plain
    bin_names = {name: f"bin_{name}" for name in spans}
    annotations: dict[str, Any] = {}
    for name, span in spans.items():
        # A missing timestamp gives no bin (NULL in, NULL out); only a further condition needs a CASE.
        duration_bin = DurationBin(F(span.end) - F(span.start))
        annotations[bin_names[name]] = (
            Case(When(span.only, then=duration_bin), default=None, output_field=IntegerField())
            if span.only
            else duration_bin
        )
    grouped = (
        queryset.annotate(**annotations).values(*keys, *bin_names.values()).annotate(n=Count("*"), **counts).order_by()
    )
    result = Binned(bins={name: {} for name in spans})
    names = list(spans)
    for index, found, bin_number, n, found_counts in _rows_per_span(grouped, keys, list(bin_names.values()), counts):
        if index == 0:
            # Every record is in one row of the first span's (bins, NULL included): these count it once.
            target = result.counts.setdefault(found, dict.fromkeys(counts, 0))
            for count_name, value in zip(counts, found_counts, strict=True):
                target[count_name] += value
        if bin_number is None:
            continue
        by_bin = result.bins[names[index]].setdefault(found, {})
        by_bin[bin_number] = by_bin.get(bin_number, 0) + n
    return result


def durations(
    queryset: QuerySet[Any],
    *,
    group: Sequence[str],
    spans: Mapping[str, Span],
    fractions: Sequence[float],
    counts: Mapping[str, Count] | None = None,
    regroup: Callable[[tuple[Any, ...]], tuple[Any, ...]] | None = None,
) -> tuple[dict[str, Percentiles], Counts]:
    """Return, per span, percentiles of its duration in hours per group (all groups under the key ()), and `counts`.

    `regroup` maps the database's group to the figure's (a station to its kind), so the database
    groups by a plain column of the table and needs no join. PostgreSQL counts the durations in
    logarithmic bins (`binned`) and the percentiles are read from the bins. SQLite, the small
    embedded database, fetches the sorted pairs of timestamps of the groups (no identifiers) and
    computes exact percentiles in Python.
    """
    keys = list(group)
    counts = dict(counts or {})
    regroup = regroup or (lambda key: key)
    if connection.vendor == "postgresql":
        found = binned(queryset, group=keys, spans=spans, counts=counts)
        return found.percentiles(fractions, count_names=list(counts), regroup=regroup)
    totals: Counts = defaultdict(lambda: dict.fromkeys(counts, 0))

    def measured(span: Span) -> Q:
        return Q(**{f"{span.start}__isnull": False, f"{span.end}__isnull": False}) & span.only

    if counts:
        for row in queryset.values(*keys).annotate(**counts).order_by():
            key = regroup(tuple(row[k] for k in keys))
            for name in counts:
                totals[key][name] += row[name]
                if keys:
                    totals[()][name] += row[name]
    result: dict[str, Percentiles] = {}
    for name, span in spans.items():
        samples: dict[tuple[Any, ...], list[float]] = defaultdict(list)
        for *key, started, ended in queryset.filter(measured(span)).values_list(*keys, span.start, span.end).order_by():
            duration = (ended - started).total_seconds()
            samples[regroup(tuple(key))].append(duration)
            if keys:
                samples[()].append(duration)
        result[name] = {}
        for key, values in samples.items():
            values.sort()
            result[name][key] = [round(percentile(values, f) / 3600, 1) for f in fractions]
    return result, dict(totals)


def _rows_per_span(
    grouped: QuerySet[Any], keys: Sequence[str], bin_columns: Sequence[str], counts: Mapping[str, Count]
) -> list[tuple[int, tuple[Any, ...], int | None, int, tuple[int, ...]]]:
    """Return (span, group, bin, records, counts) of the grouped records, per span apart (PostgreSQL).

    With two spans the database groups by both bins at once (one scan), so its rows are their
    combinations, tens of thousands over a year of referrals; GROUPING SETS sums them per span's bin
    in the database, and the rows come back as plain tuples, without the ORM's conversions.
    """
    quote = connection.ops.quote_name
    sql, params = grouped.query.sql_with_params()
    group = [quote(key) for key in keys]
    bins = [quote(column) for column in bin_columns]
    sums = ", ".join(f"CAST(SUM({quote(name)}) AS bigint)" for name in ["n", *counts])
    sets = ", ".join(f"({', '.join([*group, bin_column])})" for bin_column in bins)
    grouping = ", ".join(f"GROUPING({bin_column})" for bin_column in bins)
    # The SQL is our own compiled queryset and quoted constant names; every value goes as a parameter.
    statement = (
        f"SELECT {', '.join([*group, *bins])}, {grouping}, {sums} "  # noqa: S608
        f"FROM ({sql}) grouped GROUP BY GROUPING SETS ({sets})"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        found = cursor.fetchall()
    width = len(keys)
    rows = []
    for row in found:
        span = list(row[width + len(bins) : width + 2 * len(bins)]).index(0)
        n, *found_counts = row[width + 2 * len(bins) :]
        rows.append((span, tuple(row[:width]), row[width + span], int(n), tuple(int(c) for c in found_counts)))
    return rows


def protected_table(
    *,
    key: str,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Row],
    total: Row | None,
    note: str = "",
    additive_rows: bool = False,
) -> Table:
    """Return the figure, suppressed: every figure leaves through here."""
    raw = Table(
        key=key,
        title=title,
        columns=tuple(columns),
        rows=tuple(rows),
        total=total,
        note=note,
        additive_rows=additive_rows,
    )
    return suppression.suppress_table(raw)


def label_column(label: str) -> Column:
    return Column("label", label, ColumnKind.LABEL)


def total_row(*values: Value) -> Row:
    return Row("total", (gettext("Total"), *values))


def clients_registered(period: Period, district: AdministrativeUnit | None) -> QuerySet[Any]:
    """Return client records registered in the period, in the district."""
    return with_person(
        Client.objects.filter(
            in_district("municipality", district),
            created_at__gte=period.start_datetime,
            created_at__lt=period.end_datetime,
        )
    )


def persons_note() -> str:
    return gettext(
        "Persons registered in the period; a person with several linked records counts once, and in each "
        "group one of their records belongs to."
    )


def grouped_persons(clients: QuerySet[Any], group: Any) -> tuple[dict[Any, int], int]:
    """Return persons per group of client records, and persons in all groups together.

    A record linked to nobody is a person of its own, so records are simply counted (a hash
    aggregate) and only the few linked records are replaced by COUNT(DISTINCT person), which sorts.
    Splitting the two keeps the figures fast on hundreds of thousands of records.
    """
    clients = clients.annotate(group=group)
    if connection.vendor == "postgresql":
        return _grouped_persons_rollup(clients)
    linked = clients.filter(open_link__person_id__isnull=False)
    counts: dict[Any, int] = defaultdict(int)
    total = 0
    # All records per group (a plain count), then the linked ones replaced by their persons. Filtering
    # the records linked to nobody instead joins the links twice and misleads the planner into a sort.
    for row in clients.values("group").annotate(n=Count("pk")).order_by():
        counts[row["group"]] += row["n"]
        total += row["n"]  # a record is in one group: these add up
    for row in (
        linked.values("group").annotate(records=Count("pk"), n=Count("open_link__person_id", distinct=True)).order_by()
    ):
        counts[row["group"]] += row["n"] - row["records"]
        total -= row["records"]
    # A linked person may be in several groups: counted once overall.
    total += linked.aggregate(n=Count("open_link__person_id", distinct=True))["n"]
    return dict(counts), total


def _grouped_persons_rollup(clients: QuerySet[Any]) -> tuple[dict[Any, int], int]:
    """Return persons per group and overall in one scan (PostgreSQL): records alone plus distinct linked persons.

    COUNT(DISTINCT) sorts only the few linked records (the FILTER), and ROLLUP adds the overall row
    from the same pass, so a costly queryset (a semi-join, say) runs once rather than three times.
    """
    records = clients.annotate(linked_person=F("open_link__person_id")).values("group", "linked_person").order_by()
    sql, params = records.query.sql_with_params()
    return persons_rollup(sql, params)


def persons_rollup(records_sql: str, params: Sequence[Any]) -> tuple[dict[Any, int], int]:
    """Return persons per group and overall of records given as SQL with the columns "group" and "linked_person".

    A record whose "linked_person" is NULL is a person of its own; linked records count once per person.
    """
    quote = connection.ops.quote_name
    group_name, linked_name = quote("group"), quote("linked_person")
    # The SQL is our own compiled queryset or constant names; every value goes as a parameter.
    statement = (
        f"SELECT GROUPING({group_name}), {group_name}, "  # noqa: S608
        f"COUNT(*) FILTER (WHERE {linked_name} IS NULL) "
        f"+ COUNT(DISTINCT {linked_name}) FILTER (WHERE {linked_name} IS NOT NULL) "
        f"FROM ({records_sql}) records GROUP BY ROLLUP ({group_name})"
    )
    counts: dict[Any, int] = {}
    total = 0
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        for whole, found, persons in cursor.fetchall():
            if whole:
                total = persons
            else:
                counts[found] = persons
    return counts, total


def persons_by_group(
    queryset: QuerySet[Any], group: Any, flags: Mapping[str, Q]
) -> tuple[dict[Any, dict[str, int]], dict[str, int]]:
    """Return, per group and for all groups together, persons (`persons`) and persons with each flag.

    Over records passed through `with_person` (needs, for instance), a person may have several
    records in a group: the records are first reduced to one row per (group, person) with a flag
    "any of their records matches" (one hash aggregate), then counted. That is one pass instead of a
    COUNT(DISTINCT) per column, each of which sorts all the records.
    """
    quote = connection.ops.quote_name
    marks = {
        name: Max(Case(When(condition, then=SqlValue(1)), default=SqlValue(0), output_field=IntegerField()))
        for name, condition in flags.items()
    }
    names = [quote(name) for name in flags]
    sums = "".join(f", SUM({name})" for name in names)
    maxima = "".join(f", MAX({name}) AS {name}" for name in names)
    group_name, person_name = quote("group"), quote("person")
    pairs = queryset.annotate(group=group).values("group", "person")
    # With no flags to aggregate, only DISTINCT reduces the records to one row per (group, person).
    pairs = (pairs.annotate(**marks) if marks else pairs.distinct()).order_by()
    sql, params = pairs.query.sql_with_params()
    # One scan of the records: the (group, person) pairs once, counted per group and, reduced to one
    # row per person, for all groups together (PostgreSQL materialises a CTE used twice).
    # The SQL is our own compiled queryset and quoted constant names; every value goes as a parameter.
    statement = (
        f"WITH pairs AS ({sql}) "  # noqa: S608
        f"SELECT 0, {group_name}, COUNT(*){sums} FROM pairs GROUP BY {group_name} "
        f"UNION ALL SELECT 1, NULL, COUNT(*){sums} FROM "
        f"(SELECT {person_name}{maxima} FROM pairs GROUP BY {person_name}) people"
    )
    by_group: dict[Any, dict[str, int]] = {}
    overall: dict[str, int] = {"persons": 0, **dict.fromkeys(flags, 0)}
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        for whole, found, persons, *flagged in cursor.fetchall():
            counts = {"persons": persons, **{name: int(n or 0) for name, n in zip(flags, flagged, strict=True)}}
            if whole:
                overall = counts
            else:
                by_group[found] = counts
    return by_group, overall


# Categories a bigint's bits hold: 63, the sign bit left alone.
_WORD_BITS: Final = 63


def persons_by_need_category(
    needs: QuerySet[Any], flags: Mapping[str, Q]
) -> tuple[dict[Any, dict[str, int]], dict[str, int]]:
    """Return `persons_by_group` of needs grouped by category (a term's parent, else the term) on PostgreSQL.

    `needs` are `coordination.NeedPerson` rows: each need with its person and category, kept by triggers.
    The same counts as `persons_by_group` in fewer passes: the needs are reduced to one row per person in
    one hash aggregate, the categories of the person's needs (and of those with each flag) gathered as bits
    of bigints, and those rows counted per combination of bits, of which there are few: the categories'
    counts are summed from the combinations here. Neither the cases, the clients, the links nor the
    terms are joined: one index holds what is read.
    """
    marks = {name: Case(When(condition, then=SqlValue(1)), default=SqlValue(0)) for name, condition in flags.items()}
    records = needs.annotate(**{f"flag_{name}": mark for name, mark in marks.items()}).values(
        "person", "category", *(f"flag_{name}" for name in flags)
    )
    records_sql, records_params = records.order_by().query.sql_with_params()
    categories = TaxonomyTerm.objects.aggregate(n=Count(Coalesce("parent_id", "id"), distinct=True))["n"]
    words = max(1, math.ceil(categories / _WORD_BITS))
    while True:
        found = _persons_by_category_bits(records_sql, records_params, words=words, flags=list(flags))
        if found is not None:
            return found
        words += 1  # a category was added meanwhile: once more, with room for it


def _persons_by_category_bits(
    records_sql: str, records_params: Sequence[Any], *, words: int, flags: Sequence[str]
) -> tuple[dict[Any, dict[str, int]], dict[str, int]] | None:
    """Run `persons_by_need_category`'s query with this many bigints per set of categories; None if too few."""
    quote = connection.ops.quote_name
    sets = ["all", *flags]
    columns = [f"{name}_{word}" for name in sets for word in range(words)]
    bits = []
    for name in sets:
        for word in range(words):
            # With one bigint, a category numbered past its bits is caught below, and the query repeated.
            conditions = [f"c.k / {_WORD_BITS} = {word}"] if words > 1 else []
            if name != "all":
                conditions.append(f"r.{quote('flag_' + name)} = 1")
            only = f" FILTER (WHERE {' AND '.join(conditions)})" if conditions else ""
            bits.append(f"BIT_OR(CAST(1 AS bigint) << (c.k %% {_WORD_BITS})){only} AS {quote(name + '_' + str(word))}")
    category = f"COALESCE(t.{quote('parent_id')}, t.{quote('id')})"
    terms = quote(TaxonomyTerm._meta.db_table)
    listed = ", ".join(quote(column) for column in columns)
    nulls = ", ".join("CAST(NULL AS bigint)" for _ in columns)
    # The SQL is our own compiled queryset and constant names; every value goes as a parameter.
    statement = (
        "WITH cats AS (SELECT category, CAST(DENSE_RANK() OVER (ORDER BY category) - 1 AS integer) AS k "  # noqa: S608
        f"FROM (SELECT DISTINCT {category} AS category FROM {terms} t) terms), "
        f"people AS (SELECT {', '.join(bits)} FROM ({records_sql}) r "
        f"JOIN cats c ON c.category = r.{quote('category')} GROUP BY r.{quote('person')}) "
        f"SELECT 0, CAST(NULL AS integer), CAST(NULL AS uuid), {listed}, COUNT(*) FROM people GROUP BY {listed} "
        f"UNION ALL SELECT 1, k, category, {nulls}, 0 FROM cats"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, records_params)
        rows = cursor.fetchall()
    category_of = {k: found for kind, k, found, *_rest in rows if kind == 1}
    if category_of and max(category_of) >= words * _WORD_BITS:
        return None
    by_category: dict[Any, dict[str, int]] = defaultdict(lambda: dict.fromkeys(["persons", *flags], 0))
    overall: dict[str, int] = dict.fromkeys(["persons", *flags], 0)
    for kind, _k, _category, *masks, persons in rows:
        if kind == 1:
            continue
        for index, name in enumerate(sets):
            counted = "persons" if name == "all" else name
            chosen = [int(mask or 0) for mask in masks[index * words : (index + 1) * words]]
            if any(chosen):
                overall[counted] += persons
            for word, mask in enumerate(chosen):
                while mask:
                    low = mask & -mask
                    by_category[category_of[word * _WORD_BITS + low.bit_length() - 1]][counted] += persons
                    mask ^= low
    return dict(by_category), overall
