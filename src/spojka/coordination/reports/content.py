"""What the periodic report says: its sections, figures, charts and notes, in the active language.

The PDF and the XLSX are two renderings of one `Report`, computed once from the dashboard's figures
(`spojka.coordination.figures`, already suppressed) and the cooperation network.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spojka.coordination.charts.figures import bar_scene, line_scene
from spojka.coordination.charts.maps import district_scene
from spojka.coordination.charts.scene import Scene
from spojka.coordination.figures import FIGURES, MAP_INDICATORS, compute_figure
from spojka.coordination.figures.tables import Period, Table
from spojka.coordination.network import Network, cooperation_network, network_scene


class ReportLanguage(StrEnum):
    """The languages a report is written in: for the regional council and for foreign delegations."""

    CZECH = "cs"
    ENGLISH = "en"


REPORT_LANGUAGES: Final[dict[ReportLanguage, Promise]] = {
    ReportLanguage.CZECH: gettext_lazy("Czech"),
    ReportLanguage.ENGLISH: gettext_lazy("English"),
}

# Topics in the report's order: (title, figure keys, map indicator shown with them).
TOPICS: Final[tuple[tuple[Promise, tuple[str, ...], str], ...]] = (
    (
        gettext_lazy("Clients"),
        ("clients_by_month", "clients_by_status", "clients_by_citizenship", "clients_by_district"),
        "clients",
    ),
    (gettext_lazy("Needs"), ("needs_by_category",), ""),
    (gettext_lazy("Referrals"), ("referrals_by_sector_pair",), ""),
    (gettext_lazy("One-stop shop"), ("desk_visits",), ""),
    (gettext_lazy("Capacity"), ("capacity_by_district",), "demand"),
)


@dataclass(frozen=True)
class FigureSection:
    """A figure in the report: its table and the chart drawn from it (None when there is nothing to draw)."""

    table: Table
    chart: Scene | None


@dataclass(frozen=True)
class Topic:
    """A section of the report: its figures, and optionally a map and the network."""

    title: str
    figures: tuple[FigureSection, ...]
    map: Scene | None = None
    network: Network | None = None
    network_picture: Scene | None = None


@dataclass(frozen=True)
class Summary:
    """A headline figure: what it counts and its total (None when hidden)."""

    label: str
    value: int | float | None
    hidden: bool


@dataclass(frozen=True)
class Report:
    """The whole report for a period, in the language it was built in."""

    period: Period
    language: ReportLanguage
    region: str
    title: str
    generated_at: str
    summary: tuple[Summary, ...]
    topics: tuple[Topic, ...]
    notes: tuple[tuple[str, str], ...]

    def is_empty(self) -> bool:
        """Say whether the period has no data at all."""
        return all(figure.table.is_empty() for topic in self.topics for figure in topic.figures) and all(
            topic.network is None or topic.network.is_empty() for topic in self.topics
        )

    def tables(self) -> list[Table]:
        """Return every table in the report's order."""
        tables = [figure.table for topic in self.topics for figure in topic.figures]
        for topic in self.topics:
            if topic.network is not None:
                tables.append(topic.network.matrix)
        return tables


def region_name() -> str:
    """Return the name of the region the platform serves (its top administrative unit)."""
    from spojka.geo.models import AdministrativeUnit  # models load after the app registry

    unit = AdministrativeUnit.objects.filter(parent__isnull=True).order_by("name").first()
    return unit.name if unit is not None else ""


def _chart(key: str, table: Table) -> Scene | None:
    if not table.rows:
        return None
    figure = FIGURES[key]
    if figure.chart == "line":
        return line_scene(table, value_columns=[figure.value_column], label_column=figure.label_column)
    return bar_scene(table, value_columns=[figure.value_column], label_column=figure.label_column)


def _summary(tables: dict[str, Table]) -> tuple[Summary, ...]:
    rows = []
    for key, table in tables.items():
        figure = FIGURES[key]
        if table.total is None:
            continue
        index = table.column_index(figure.value_column)
        value = table.total.values[index]
        rows.append(
            Summary(
                f"{table.title}: {table.column(figure.value_column).label}",
                value if isinstance(value, int | float) else None,
                table.total.suppressed[index],
            )
        )
    return tuple(rows)


def notes() -> tuple[tuple[str, str], ...]:
    """Return the report's notes on suppression and sources, as (heading, text)."""
    return (
        (
            _("Small numbers"),
            _(
                "No count from 1 to 4 is published: such a count is shown as <5. Some larger counts are hidden "
                "as well (also shown as <5), so that a small count cannot be worked out by subtracting the others "
                "from a total. Medians measured on fewer than 5 cases are left out. Zero is shown as 0."
            ),
        ),
        (
            _("Persons, not records"),
            _(
                "Clients are counted as persons: records of one person kept by several organisations and linked "
                "by the identity matching count once."
            ),
        ),
        (
            _("Sources"),
            _(
                "Records kept in Spojka by the organisations of the regional network: clients and their needs, "
                "referrals between organisations, visits of the one-stop shop, capacity reported by "
                "municipalities and organisations. Districts and municipalities: Czech Statistical Office (ČSÚ). "
                "The figures show what was recorded by the date of the report; later records may change them."
            ),
        ),
        (
            _("Maps and the network"),
            _(
                "District shapes on the maps are approximate, drawn from the centres of municipalities, and are "
                "not official boundaries. The network shows referrals between organisations, without "
                "child-protection notifications."
            ),
        ),
    )


def build_report(period: Period, *, language: ReportLanguage) -> Report:
    """Compute the report for a period in the active language (call inside `translation.override`)."""
    tables = {key: compute_figure(key, period=period) for _title, keys, _map in TOPICS for key in keys}
    topics = []
    for title, keys, indicator in TOPICS:
        figures = tuple(FigureSection(tables[key], _chart(key, tables[key])) for key in keys)
        district_map = None
        if indicator:
            figure_key, column, legend = MAP_INDICATORS[indicator]
            table = tables[figure_key]
            index = table.column_index(column)
            values: dict[str, float | None] = {}
            for row in table.rows:
                value = row.values[index]
                if row.suppressed[index]:
                    values[row.key] = None
                elif isinstance(value, int | float):
                    values[row.key] = float(value)
            district_map = district_scene(values, title=f"{table.title}: {legend}", legend=str(legend))
        network = picture = None
        if "referrals_by_sector_pair" in keys:
            network = cooperation_network(period)
            picture = network_scene(network)
        topics.append(Topic(str(title), figures, district_map, network, picture))
    region = region_name()
    return Report(
        period=period,
        language=language,
        region=region,
        title=_("Integration of foreigners in the region: %(period)s") % {"period": period.label()},
        generated_at=timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        summary=_summary(tables),
        topics=tuple(topics),
        notes=notes(),
    )
