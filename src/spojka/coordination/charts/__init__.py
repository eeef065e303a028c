"""Server-rendered charts of the coordination figures: SVG on the page, the same drawing in the PDF, PNG on demand.

`bar_chart`, `line_chart` and `district_map` return SVG strings (escaped, with <title> and <desc>);
the `*_scene` functions return the `Scene` behind them for the PDF (`scene.drawing()`) and PNG
(`scene.png()`).
"""

from collections.abc import Mapping, Sequence

from django.utils.safestring import SafeString

from spojka.coordination.charts.figures import SUPPRESSED_LABEL, bar_scene, cell_text, line_scene, value_text
from spojka.coordination.charts.maps import District, district_scene, districts_of
from spojka.coordination.charts.scene import Scene
from spojka.coordination.figures.tables import Table

__all__ = [
    "SUPPRESSED_LABEL",
    "District",
    "Scene",
    "bar_chart",
    "bar_scene",
    "cell_text",
    "district_map",
    "district_scene",
    "districts_of",
    "line_chart",
    "line_scene",
    "value_text",
]


def bar_chart(
    table: Table,
    *,
    value_column: str | Sequence[str],
    label_column: str,
    title: str = "",
    stacked: bool = False,
) -> SafeString:
    """Return a horizontal bar chart (grouped or stacked for several value columns) as SVG."""
    columns = [value_column] if isinstance(value_column, str) else list(value_column)
    return bar_scene(table, value_columns=columns, label_column=label_column, title=title, stacked=stacked).svg()


def line_chart(table: Table, *, value_column: str | Sequence[str], label_column: str, title: str = "") -> SafeString:
    """Return a line chart over the table's rows (months) as SVG."""
    columns = [value_column] if isinstance(value_column, str) else list(value_column)
    return line_scene(table, value_columns=columns, label_column=label_column, title=title).svg()


def district_map(values: Mapping[str, float | None], *, title: str, legend: str) -> SafeString:
    """Return a map of districts (by unit code) coloured by value, None drawn hatched, as SVG."""
    return district_scene(values, title=title, legend=legend).svg()
