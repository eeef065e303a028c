"""The coordination dashboard's figures: aggregates of clients, needs, referrals, desk visits and capacity.

One function per figure, `figure_<key>(*, period, district=None) -> Table`, each aggregating in the
database (GROUP BY, no loop over records) and returning a table that has already passed the
small-count suppression. Clients are counted as persons (`spojka.linkage.queries.person_expression`):
two linked records of one person count once. No name and no record id leaves these functions.

The types are in `figures.tables` (documented there); `FIGURES` lists the figures in dashboard order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from django.db import connection, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from spojka.coordination.figures.activity import (
    figure_capacity_by_district,
    figure_desk_visits,
    figure_referrals_by_sector_pair,
)
from spojka.coordination.figures.people import (
    figure_clients_by_citizenship,
    figure_clients_by_district,
    figure_clients_by_month,
    figure_clients_by_status,
    figure_needs_by_category,
)
from spojka.coordination.figures.queries import district_units
from spojka.coordination.figures.tables import (
    Column,
    ColumnKind,
    Grain,
    Period,
    PeriodError,
    Row,
    Table,
    Value,
)
from spojka.geo.models import AdministrativeUnit

__all__ = [
    "FIGURES",
    "MAP_INDICATORS",
    "Column",
    "ColumnKind",
    "Figure",
    "Grain",
    "Period",
    "PeriodError",
    "Row",
    "Table",
    "Value",
    "compute_figure",
    "district_units",
    "district_values",
    "figure_capacity_by_district",
    "figure_clients_by_citizenship",
    "figure_clients_by_district",
    "figure_clients_by_month",
    "figure_clients_by_status",
    "figure_desk_visits",
    "figure_needs_by_category",
    "figure_referrals_by_sector_pair",
]

FigureFunction = Callable[..., Table]


@dataclass(frozen=True)
class Figure:
    """A dashboard figure: its function and how it is charted (which column, bars or a line)."""

    key: str
    title: str | Promise
    function: FigureFunction
    chart: str  # "bar" or "line"
    value_column: str
    label_column: str = "label"
    # PostgreSQL may scan the period's rows with parallel workers; off where the planner, unable to
    # estimate the number of duration bins, then sorts every row instead of hashing them (desk waits).
    parallel: bool = True
    # PostgreSQL reads the period's rows from a covering index (an index-only scan), not the table.
    index_only: bool = False
    # Off where the planner, misjudging a district's share, would look up each of its clients' records one by
    # one instead of hashing the district's clients once (a district's referrals of the current month).
    nested_loops: bool = True


FIGURES: Final[dict[str, Figure]] = {
    figure.key: figure
    for figure in (
        Figure(
            "clients_by_month", _("New clients by month"), figure_clients_by_month, "line", "persons", index_only=True
        ),
        Figure(
            "clients_by_status",
            _("Clients by residence status"),
            figure_clients_by_status,
            "bar",
            "persons",
            index_only=True,
        ),
        Figure(
            "clients_by_citizenship",
            _("Clients by citizenship"),
            figure_clients_by_citizenship,
            "bar",
            "persons",
            index_only=True,
        ),
        Figure(
            "clients_by_district",
            _("Clients by district"),
            figure_clients_by_district,
            "bar",
            "persons",
            index_only=True,
        ),
        Figure(
            "needs_by_category",
            _("Needs open and met by category"),
            figure_needs_by_category,
            "bar",
            "open",
            index_only=True,
        ),
        Figure(
            "referrals_by_sector_pair",
            _("Referrals by sector of sender and recipient"),
            figure_referrals_by_sector_pair,
            "bar",
            "sent",
            index_only=True,
            nested_loops=False,
        ),
        Figure(
            "desk_visits",
            _("One-stop-shop visits and waiting times"),
            figure_desk_visits,
            "bar",
            "visits",
            parallel=False,
            index_only=True,
        ),
        Figure(
            "capacity_by_district",
            _("Capacity against demand by district"),
            figure_capacity_by_district,
            "bar",
            "demand",
        ),
    )
}


def compute_figure(key: str, *, period: Period, district: AdministrativeUnit | None = None) -> Table:
    """Return the figure with this key for the period and district (KeyError for an unknown key)."""
    figure = FIGURES[key]
    function = figure.function
    if connection.vendor != "postgresql":
        return function(period=period, district=district)
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Aggregates over hundreds of thousands of rows: PostgreSQL's JIT compiler costs seconds
            # of compiling for queries that run in a fraction of that, and the default 4 MB of
            # work memory sends their hash tables and sorts to disk. Both only for this transaction.
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL work_mem = '32MB'")
            if figure.index_only:
                # At the default cost of a random page (4, a spinning disk's) the planner prefers to
                # read the whole table, several times larger than the covering index, from end to end.
                # These tables are read often and live in memory or on SSD, where a random page costs
                # little more than the next one.
                cursor.execute("SET LOCAL random_page_cost = 1.1")
            # A year of a big table is scanned by parallel workers as well as this process; the
            # default costs of starting workers and passing rows on keep the planner from doing so
            # for scans of this size. Lowered only for this transaction.
            if not figure.nested_loops:
                cursor.execute("SET LOCAL enable_nestloop = off")
            if figure.parallel:
                cursor.execute("SET LOCAL parallel_setup_cost = 100")
                cursor.execute("SET LOCAL parallel_tuple_cost = 0.01")
            else:
                cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        return function(period=period, district=district)


# Indicators a district map can be coloured by: (figure, value column).
MAP_INDICATORS: Final[dict[str, tuple[str, str, str | Promise]]] = {
    "clients": ("clients_by_district", "persons", _("Clients (persons)")),
    "demand": ("capacity_by_district", "demand", _("Persons with open needs")),
    "places": ("capacity_by_district", "reported_places", _("Free places reported")),
}


def district_values(indicator: str, *, period: Period) -> dict[str, float | None]:
    """Return an indicator per district unit code for the map; None where suppressed or unknown."""
    figure_key, column, _label = MAP_INDICATORS[indicator]
    table = compute_figure(figure_key, period=period)
    index = table.column_index(column)
    values: dict[str, float | None] = {}
    for row in table.rows:
        value = row.values[index]
        values[row.key] = None if value is None or row.suppressed[index] else float(value)
    return values
