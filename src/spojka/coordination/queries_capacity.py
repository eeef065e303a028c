"""Reads of the capacity registry: free places per municipality and district, stale figures flagged.

Capacity figures are what organisations report about their own places: no personal data, nothing
to suppress.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Min, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from spojka.accounts.models import User
from spojka.coordination.enums_rounds import CapacityKind
from spojka.coordination.models import STALE_AFTER, CapacityFigure
from spojka.geo.models import AdministrativeUnit


def capacity_figures(*, district: AdministrativeUnit | None = None, kind: str = "") -> QuerySet[CapacityFigure]:
    """Return the registry's figures with their municipality, district and source, by municipality."""
    figures = CapacityFigure.objects.select_related(
        "municipality", "municipality__parent", "organization", "round", "confirmed_by"
    )
    if district is not None:
        figures = figures.filter(Q(municipality=district) | Q(municipality__parent=district))
    if kind in CapacityKind.values:
        figures = figures.filter(kind=kind)
    return figures.order_by("municipality__parent__search_name", "municipality__search_name", "kind", "source")


def get_figure_for_user(user: User, figure_id: uuid.UUID) -> CapacityFigure:
    """Return a figure the user may change, else raise 404."""
    figure = CapacityFigure.objects.select_related("municipality").filter(pk=figure_id).first()
    if figure is None or not user.has_perm("coordination.manage_capacity"):
        raise Http404
    return figure


@dataclass
class KindTotal:
    """Free places of one kind in one municipality or district, and how old the oldest figure is."""

    places: int = 0
    figures: int = 0
    stale: int = 0
    oldest: datetime | None = None

    def add(self, figure: CapacityFigure) -> None:
        self.places += figure.places
        self.figures += 1
        self.stale += int(figure.is_stale)
        self.oldest = figure.confirmed_at if self.oldest is None else min(self.oldest, figure.confirmed_at)


@dataclass
class MunicipalityCapacity:
    """A municipality's row of the registry: totals per kind and the figures behind them."""

    municipality: AdministrativeUnit
    totals: dict[str, KindTotal] = field(default_factory=dict)
    figures: list[CapacityFigure] = field(default_factory=list)

    @property
    def cells(self) -> list[KindTotal | None]:
        """Return the totals in the order of `CapacityKind`, None where nothing is known."""
        return [self.totals.get(kind) for kind in CapacityKind.values]

    @property
    def has_stale(self) -> bool:
        return any(total.stale for total in self.totals.values())


def capacity_by_municipality(
    *, district: AdministrativeUnit | None = None, kind: str = ""
) -> list[MunicipalityCapacity]:
    """Return the registry per municipality, by district and name."""
    rows: dict[uuid.UUID, MunicipalityCapacity] = {}
    for figure in capacity_figures(district=district, kind=kind):
        row = rows.setdefault(figure.municipality_id, MunicipalityCapacity(municipality=figure.municipality))
        row.totals.setdefault(figure.kind, KindTotal()).add(figure)
        row.figures.append(figure)
    return list(rows.values())


@dataclass(frozen=True)
class DistrictCapacity:
    """Free places of one kind in one district: the sum of its municipalities' figures."""

    district: AdministrativeUnit
    kind: CapacityKind
    places: int
    municipalities: int
    figures: int
    stale_figures: int
    oldest_confirmed_at: datetime | None


def capacity_by_district(*, district: AdministrativeUnit | None = None, kind: str = "") -> list[DistrictCapacity]:
    """Return free places per district and kind (for the dashboard's capacity against demand).

    A figure counts in its municipality's parent unit (the ORP district in Czechia). One query
    for the sums, one for the districts.
    """
    stale_before = timezone.now() - STALE_AFTER
    figures = CapacityFigure.objects.filter(municipality__parent__isnull=False)
    if district is not None:
        figures = figures.filter(municipality__parent=district)
    if kind in CapacityKind.values:
        figures = figures.filter(kind=kind)
    rows = list(
        figures.values("municipality__parent_id", "kind")
        .annotate(
            places=Sum("places"),
            municipalities=Count("municipality", distinct=True),
            figures=Count("id"),
            stale=Count("id", filter=Q(confirmed_at__lt=stale_before)),
            oldest=Min("confirmed_at"),
        )
        .order_by()
    )
    units = AdministrativeUnit.objects.in_bulk({row["municipality__parent_id"] for row in rows})
    result = [
        DistrictCapacity(
            district=units[row["municipality__parent_id"]],
            kind=CapacityKind(row["kind"]),
            places=row["places"] or 0,
            municipalities=row["municipalities"],
            figures=row["figures"],
            stale_figures=row["stale"],
            oldest_confirmed_at=row["oldest"],
        )
        for row in rows
    ]
    order = {value: position for position, value in enumerate(CapacityKind.values)}
    return sorted(result, key=lambda row: (row.district.search_name, row.district.name, order[row.kind]))


def district_totals(
    *, district: AdministrativeUnit | None = None, kind: str = ""
) -> tuple[list[CapacityKind], list[tuple[AdministrativeUnit, list[int | None]]]]:
    """Return the kinds with any figure, and each district with its free places of those kinds (None: unknown)."""
    table: dict[uuid.UUID, dict[str, int]] = defaultdict(dict)
    units: dict[uuid.UUID, AdministrativeUnit] = {}
    for row in capacity_by_district(district=district, kind=kind):
        table[row.district.pk][row.kind] = row.places
        units[row.district.pk] = row.district
    # Only the kinds somebody reported: the table stays narrow enough for a phone.
    kinds = [value for value in CapacityKind if any(value in places for places in table.values())]
    rows = [
        (units[pk], [table[pk].get(kind_value) for kind_value in kinds])
        for pk in sorted(units, key=lambda pk: (units[pk].search_name, units[pk].name))
    ]
    return kinds, rows
