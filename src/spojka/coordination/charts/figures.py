"""Bar and line charts of a figure's table, laid out once for the page, the PDF and the PNG.

Suppressed cells are never drawn as numbers: a hatched stub labelled "<5" stands in for the bar
or the point, and the description says how many values are hidden.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from spojka.coordination.charts.scene import (
    GRID,
    INK,
    MUTED,
    Circle,
    Group,
    Polygon,
    Scene,
    Shape,
    Text,
    line,
    rect,
    shorten,
    text_width,
)
from spojka.coordination.figures.tables import ColumnKind, Table, Value

# Okabe & Ito's palette: told apart by people with any common colour-vision deficiency.
PALETTE: Final = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SUPPRESSED_LABEL: Final = "<5"
FONT_SIZE: Final = 11.0
WIDTH: Final = 640.0
ROW: Final = 24.0
PAD: Final = 8.0


def value_text(value: Value, kind: ColumnKind = ColumnKind.COUNT) -> str:
    """Return a value as the charts and tables write it (suppressed: "<5"; missing: a dash)."""
    if value is None:
        return "\N{EN DASH}"
    if kind is ColumnKind.DURATION and isinstance(value, int | float):
        return number_format(round(float(value), 1), decimal_pos=1)
    if isinstance(value, float):
        return number_format(round(value, 1), decimal_pos=1 if value % 1 else 0)
    return number_format(value) if isinstance(value, int) else str(value)


def cell_text(value: Value, suppressed: bool, kind: ColumnKind = ColumnKind.COUNT) -> str:
    """Return a cell for people: "<5" when suppressed."""
    return SUPPRESSED_LABEL if suppressed else value_text(value, kind)


def _hidden_description(hidden: int) -> str:
    if not hidden:
        return ""
    return " " + ngettext(
        "%(count)s value is hidden because it counts fewer than 5 people or is a complement of one; it is hatched.",
        "%(count)s values are hidden because they count fewer than 5 people or are complements of them; "
        "they are hatched.",
        hidden,
    ) % {"count": hidden}


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(10 * magnitude)


def _legend(names: Sequence[str], *, y: float, width: float) -> tuple[list[Shape], float]:
    """Lay out colour keys in rows; return the shapes and the height used."""
    shapes: list[Shape] = []
    x, row_y = PAD, y
    for index, name in enumerate(names):
        label = shorten(name, size=FONT_SIZE, width=width / 2)
        span = 18 + text_width(label, FONT_SIZE) + 16
        if x + span > width and x > PAD:
            x, row_y = PAD, row_y + 18
        shapes.append(rect(x, row_y - 10, 12, 12, fill=PALETTE[index % len(PALETTE)]))
        shapes.append(Text(x + 17, row_y, label, FONT_SIZE))
        x += span
    return shapes, row_y - y + 18


def bar_scene(
    table: Table,
    *,
    value_columns: Sequence[str],
    label_column: str,
    title: str = "",
    stacked: bool = False,
    width: float = WIDTH,
) -> Scene:
    """Lay out a horizontal bar chart: one bar per row, or a group (or stack) of bars per row."""
    title = title or table.title
    columns = [table.column(key) for key in value_columns]
    indices = [table.column_index(key) for key in value_columns]
    label_index = table.column_index(label_column)
    labels = [str(row.values[label_index] or "") for row in table.rows]
    label_width = min(width * 0.38, max((text_width(text, FONT_SIZE) for text in labels), default=40) + PAD)
    value_width = 52.0
    area = width - label_width - value_width - 2 * PAD
    bars_per_row = 1 if stacked or len(indices) == 1 else len(indices)
    bar_height = 16.0 if bars_per_row == 1 else 12.0
    row_height = max(ROW, bars_per_row * bar_height + 8)

    def number(row_values: tuple[Value, ...], index: int) -> float:
        value = row_values[index]
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0

    if stacked:
        top = max((sum(number(row.values, i) for i in indices) for row in table.rows), default=0.0)
    else:
        top = max((number(row.values, i) for row in table.rows for i in indices), default=0.0)
    top = _nice_max(top)
    shapes: list[Shape] = []
    legend_height = 0.0
    if len(indices) > 1:
        legend, legend_height = _legend([column.label for column in columns], y=PAD + 12, width=width)
        shapes.extend(legend)
    origin_y = PAD + legend_height + 4
    x0 = PAD + label_width
    hidden = 0
    for r, row in enumerate(table.rows):
        y = origin_y + r * row_height
        children: list[Shape] = [
            Text(x0 - 6, y + row_height / 2 + 4, shorten(labels[r], size=FONT_SIZE, width=label_width - 6),
                 FONT_SIZE, anchor="end"),
        ]  # fmt: skip
        cursor = x0
        for slot, (index, column) in enumerate(zip(indices, columns, strict=True)):
            colour = PALETTE[slot % len(PALETTE)]
            suppressed = row.suppressed[index]
            value = number(row.values, index)
            if stacked:
                bar_y, length = y + (row_height - bar_height) / 2, area * value / top
                bar_x = cursor
            else:
                bar_y = y + (row_height - bars_per_row * bar_height) / 2 + slot * bar_height
                length, bar_x = area * value / top, x0
            if suppressed:
                hidden += 1
                stub = 18.0
                children.append(rect(bar_x, bar_y + 1, stub, bar_height - 2, fill="#ffffff", stroke=colour,
                                     hatched=True))  # fmt: skip
                if not stacked:
                    children.append(Text(bar_x + stub + 4, bar_y + bar_height - 4, SUPPRESSED_LABEL, FONT_SIZE - 1,
                                         fill=MUTED))  # fmt: skip
                cursor += stub
                continue
            if length > 0:
                children.append(rect(bar_x, bar_y + 1, length, bar_height - 2, fill=colour))
            cursor += length
            if not stacked:
                children.append(Text(bar_x + length + 4, bar_y + bar_height - 4,
                                     value_text(row.values[index], column.kind), FONT_SIZE - 1))  # fmt: skip
        if stacked:
            shown = [row.values[i] for i in indices if not row.suppressed[i]]
            total = sum(float(v) for v in shown if isinstance(v, int | float))
            marker = value_text(int(total)) + ("+" if len(shown) < len(indices) else "")
            children.append(Text(cursor + 4, y + row_height / 2 + 4, marker, FONT_SIZE - 1))
        shapes.append(Group(tuple(children), attrs=(("class", "chart__row"),)))
    height = origin_y + max(1, len(table.rows)) * row_height + PAD + 14
    shapes.append(line((x0, origin_y), (x0, origin_y + len(table.rows) * row_height), stroke=INK))
    shapes.append(Text(x0 + area, height - 6, value_text(int(top) if top == int(top) else top), FONT_SIZE - 2,
                       anchor="end", fill=MUTED))  # fmt: skip
    shapes.append(Text(x0, height - 6, "0", FONT_SIZE - 2, anchor="middle", fill=MUTED))
    if not table.rows:
        shapes.append(Text(width / 2, origin_y + row_height / 2 + 4, _("Nothing to show for this period."),
                           FONT_SIZE, anchor="middle", fill=MUTED))  # fmt: skip
    description = _("A bar chart of %(what)s by %(by)s; the table below gives every value.") % {
        "what": ", ".join(column.label for column in columns),
        "by": table.column(label_column).label,
    } + _hidden_description(hidden)
    return Scene(width, height, title, description, tuple(shapes))


def line_scene(
    table: Table,
    *,
    value_columns: Sequence[str],
    label_column: str,
    title: str = "",
    width: float = WIDTH,
    height: float = 260.0,
) -> Scene:
    """Lay out a line chart over the table's rows in order (months); hidden points break the line."""
    title = title or table.title
    columns = [table.column(key) for key in value_columns]
    indices = [table.column_index(key) for key in value_columns]
    label_index = table.column_index(label_column)
    shapes: list[Shape] = []
    legend_height = 0.0
    if len(indices) > 1:
        legend, legend_height = _legend([column.label for column in columns], y=PAD + 12, width=width)
        shapes.extend(legend)
    left, right = 46.0, width - PAD - 8
    top_y, bottom_y = PAD + legend_height + 10, height - 40
    values = [row.values[i] for row in table.rows for i in indices]
    top = _nice_max(max((float(v) for v in values if isinstance(v, int | float)), default=0.0))
    count = len(table.rows)

    def x_of(position: int) -> float:
        return left + (right - left) * (position + 0.5) / max(count, 1)

    def y_of(value: float) -> float:
        return bottom_y - (bottom_y - top_y) * value / top

    for step in range(5):
        level = top * step / 4
        y = y_of(level)
        shapes.append(line((left, y), (right, y), stroke=GRID))
        shapes.append(Text(left - 4, y + 4, value_text(round(level) if level == round(level) else level),
                           FONT_SIZE - 2, anchor="end", fill=MUTED))  # fmt: skip
    # Show as many month labels as fit side by side.
    widest = max((text_width(str(row.values[label_index] or ""), FONT_SIZE - 2) for row in table.rows), default=0.0)
    every = max(1, math.ceil(count * (widest + 8) / (right - left)))
    for position, row in enumerate(table.rows):
        if position % every == 0:
            shapes.append(Text(x_of(position), bottom_y + 16, str(row.values[label_index] or ""), FONT_SIZE - 2,
                               anchor="middle", fill=MUTED))  # fmt: skip
    hidden = 0
    for slot, index in enumerate(indices):
        colour = PALETTE[slot % len(PALETTE)]
        run: list[tuple[float, float]] = []
        runs: list[list[tuple[float, float]]] = []
        for position, row in enumerate(table.rows):
            value = row.values[index]
            if row.suppressed[index] or not isinstance(value, int | float):
                if row.suppressed[index]:
                    hidden += 1
                    shapes.append(rect(x_of(position) - 5, bottom_y - 12 - 12 * slot, 10, 10, fill="#ffffff",
                                       stroke=colour, hatched=True))  # fmt: skip
                if run:
                    runs.append(run)
                run = []
                continue
            run.append((x_of(position), y_of(float(value))))
        if run:
            runs.append(run)
        for points in runs:
            if len(points) > 1:
                shapes.append(Polygon(tuple(points), stroke=colour, stroke_width=2.0, closed=False))
            for x, y in points:
                shapes.append(Circle(x, y, 3.0, fill=colour))
    shapes.append(line((left, bottom_y), (right, bottom_y), stroke=INK))
    if hidden:
        shapes.append(rect(left, height - 16, 10, 10, fill="#ffffff", stroke=MUTED, hatched=True))
        shapes.append(Text(left + 14, height - 7, _("fewer than 5 (hidden)"), FONT_SIZE - 2, fill=MUTED))
    if not table.rows:
        shapes.append(Text(width / 2, (top_y + bottom_y) / 2, _("Nothing to show for this period."), FONT_SIZE,
                           anchor="middle", fill=MUTED))  # fmt: skip
    description = _("A line chart of %(what)s by %(by)s; the table below gives every value.") % {
        "what": ", ".join(column.label for column in columns),
        "by": table.column(label_column).label,
    } + _hidden_description(hidden)
    return Scene(width, height, title, description, tuple(shapes))


@dataclass(frozen=True)
class Cell:
    """A table cell for a template: its text, whether it is a number, a row header, or hidden."""

    text: str
    numeric: bool
    header: bool
    hidden: bool


def table_cells(table: Table) -> list[list[Cell]]:
    """Return the body and totals rows of a suppressed table as cells for a template."""
    rows = []
    for row in (*table.rows, *([table.total] if table.total else [])):
        cells = []
        for index, (column, value, hidden) in enumerate(zip(table.columns, row.values, row.suppressed, strict=True)):
            numeric = column.kind is not ColumnKind.LABEL
            cells.append(Cell(cell_text(value, hidden, column.kind), numeric, index == 0 and not numeric, hidden))
        rows.append(cells)
    return rows
