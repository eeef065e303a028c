"""The coordinator's dashboard: every figure as a chart and a table, filtered by period and district."""

from dataclasses import dataclass
from typing import Final
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from spojka.coordination import charts
from spojka.coordination.figures import (
    FIGURES,
    MAP_INDICATORS,
    Column,
    ColumnKind,
    Period,
    PeriodError,
    Row,
    Table,
    compute_figure,
    district_units,
    district_values,
)
from spojka.core import exports
from spojka.geo.models import AdministrativeUnit

SUPPRESSED: Final = "<5"
DEFAULT_INDICATOR: Final = "clients"


class FilterError(ValueError):
    """A filter the dashboard cannot read; the message is for the user."""


@dataclass(frozen=True)
class Filters:
    """What the dashboard shows: a period, a district or the whole region, an indicator for the map."""

    period: Period
    district: AdministrativeUnit | None
    indicator: str

    def query(self) -> str:
        """Return the query string that shows the same again (bookmarkable)."""
        params = dict(self.period.as_query())
        if self.district is not None:
            params["district"] = self.district.code
        return urlencode(params)


@dataclass(frozen=True)
class Panel:
    """A figure on the page: its table, its chart and the links to download it."""

    table: Table
    chart: SafeString
    exports: dict[str, str]


def read_filters(request: HttpRequest, districts: list[AdministrativeUnit]) -> Filters:
    """Read the filters from the query string; raise PeriodError or FilterError with a message."""
    period = Period.parse(
        period=request.GET.get("period", ""), start=request.GET.get("start", ""), end=request.GET.get("end", "")
    )
    code = request.GET.get("district", "").strip()
    district = None
    if code:
        district = next((unit for unit in districts if unit.code == code), None)
        if district is None:
            raise FilterError(_("There is no district with the code %(code)s.") % {"code": code})
    indicator = request.GET.get("map", "").strip() or DEFAULT_INDICATOR
    if indicator not in MAP_INDICATORS:
        raise FilterError(_("The map cannot be coloured by %(indicator)s.") % {"indicator": indicator})
    return Filters(period=period, district=district, indicator=indicator)


def _chart(key: str, table: Table) -> SafeString:
    figure = FIGURES[key]
    if figure.chart == "line":
        return charts.line_chart(table, value_column=figure.value_column, label_column=figure.label_column)
    return charts.bar_chart(table, value_column=figure.value_column, label_column=figure.label_column)


def _export_links(key: str, filters: Filters) -> dict[str, str]:
    query = filters.query()
    links = {}
    for file_format in exports.ExportFormat:
        url = reverse("coordination:dashboard_export", kwargs={"figure": key, "file_format": file_format.value})
        links[file_format.value] = f"{url}?{query}" if query else url
    return links


@login_required
@permission_required("coordination.view_dashboard", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Show every figure of the region for the chosen period and district, with a district map."""
    districts = district_units()
    context: dict[str, object] = {
        "districts": districts,
        "values": request.GET,
        "indicators": [(key, label) for key, (_f, _c, label) in MAP_INDICATORS.items()],
    }
    try:
        filters = read_filters(request, districts)
    except (PeriodError, FilterError) as error:
        context["error"] = str(error)
        return render(request, "coordination/dashboard/index.html", context, status=400)
    tables = {key: compute_figure(key, period=filters.period, district=filters.district) for key in FIGURES}
    panels = [
        Panel(table=table, chart=_chart(key, table), exports=_export_links(key, filters))
        for key, table in tables.items()
    ]
    map_figure, map_column, legend = MAP_INDICATORS[filters.indicator]
    # The map shows every district: the figure on the page serves it unless the page is of one district.
    values = (
        values_by_district(tables[map_figure], map_column)
        if filters.district is None
        else district_values(filters.indicator, period=filters.period)
    )
    district_map = charts.district_map(
        values, title=_("%(indicator)s by district") % {"indicator": legend}, legend=str(legend)
    )
    context.update(
        filters=filters,
        period=filters.period,
        panels=panels,
        district_map=district_map,
        empty=all(panel.table.is_empty() for panel in panels if panel.table.key != "capacity_by_district"),
    )
    return render(request, "coordination/dashboard/index.html", context)


def values_by_district(table: Table, column: str) -> dict[str, float | None]:
    """Return a figure's column by district unit code for the map; None where suppressed."""
    index = table.column_index(column)
    return {
        row.key: None if row.suppressed[index] or row.values[index] is None else float(row.values[index] or 0)
        for row in table.rows
    }


def _cell(row: Row, index: int, column: Column) -> exports.Cell:
    if row.suppressed[index]:
        return SUPPRESSED
    value = row.values[index]
    if column.kind is ColumnKind.DURATION and isinstance(value, float):
        return round(value, 1)
    return value


def table_export_columns(table: Table) -> list[exports.Column[Row]]:
    """Return the export columns of a figure: suppressed cells are written "<5", never their number."""
    return [
        exports.Column(column.label, lambda row, i=index, c=column: _cell(row, i, c))  # type: ignore[misc]
        for index, column in enumerate(table.columns)
    ]


@login_required
@permission_required("coordination.view_dashboard", raise_exception=True)
def dashboard_export(request: HttpRequest, figure: str, file_format: str) -> HttpResponse:
    """Download one figure's table as CSV or XLSX, for the same filters as the page."""
    if figure not in FIGURES:
        raise Http404("No such figure.")
    try:
        chosen = exports.ExportFormat(file_format)
    except ValueError:
        raise Http404("No such format.") from None
    try:
        filters = read_filters(request, district_units())
    except (PeriodError, FilterError) as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    table = compute_figure(figure, period=filters.period, district=filters.district)
    if not table.protected:  # Defence in depth: a figure that skipped suppression never leaves.
        raise RuntimeError("An unsuppressed table reached the export.")
    rows = [*table.rows, *([table.total] if table.total else [])]
    name = f"{figure}-{filters.period.slug()}" + (f"-{filters.district.code}" if filters.district else "")
    return exports.export_response(rows=rows, columns=table_export_columns(table), name=name, file_format=chosen)
