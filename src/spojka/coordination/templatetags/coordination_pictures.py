"""Template filters of the coordination pictures: a suppressed table's cells."""

from django import template

from spojka.coordination.charts.figures import Cell, table_cells
from spojka.coordination.figures.tables import Table

register = template.Library()


@register.filter(name="table_cells")
def table_cells_filter(table: Table) -> list[list[Cell]]:
    """Return the table's rows as cells ("<5" where hidden)."""
    return table_cells(table)
