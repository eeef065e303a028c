"""Template filters of the dashboard figures: cells as people read them, "<5" where suppressed."""

from dataclasses import dataclass

from django import template

from spojka.coordination.charts import value_text
from spojka.coordination.figures.tables import Row, Table

register = template.Library()


@dataclass(frozen=True)
class CellView:
    """A cell of a figure ready for the page: its text, or only the mark that it is hidden."""

    text: str
    suppressed: bool


@register.filter
def figure_cells(row: Row, table: Table) -> list[CellView]:
    """Return a row's cells as text in the active language; a suppressed cell carries no text."""
    return [
        CellView("", True) if row.suppressed[i] else CellView(value_text(value, column.kind), False)
        for i, (value, column) in enumerate(zip(row.values, table.columns, strict=True))
    ]
