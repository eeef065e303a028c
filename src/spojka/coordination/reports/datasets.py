"""Figures' tables as spreadsheets: numbers stay numbers, hidden cells say "<5", text is defused."""

import re

import tablib
from django.utils.text import slugify

from spojka.coordination.charts.figures import SUPPRESSED_LABEL
from spojka.coordination.figures.tables import ColumnKind, Table
from spojka.core.exports import defuse

# Excel refuses sheet titles longer than this.
SHEET_TITLE_LIMIT = 31


def table_dataset(table: Table, *, title: str = "") -> tablib.Dataset:
    """Return a suppressed table as a dataset: one row per category, then the totals row."""
    if not table.protected:
        raise ValueError(f"Table {table.key!r} has not been through suppression.")
    dataset = tablib.Dataset(headers=[defuse(column.label) for column in table.columns])
    dataset.title = (title or slugify(table.title) or table.key)[:SHEET_TITLE_LIMIT]
    for row in (*table.rows, *([table.total] if table.total else [])):
        cells: list[str | int | float] = []
        for column, value, hidden in zip(table.columns, row.values, row.suppressed, strict=True):
            if hidden:
                cells.append(SUPPRESSED_LABEL)
            elif value is None:
                cells.append("")
            elif column.kind is ColumnKind.LABEL or isinstance(value, str):
                cells.append(defuse(str(value)))
            elif column.kind is ColumnKind.DURATION:
                cells.append(round(float(value), 1))
            else:
                cells.append(value)
        dataset.append(cells)
    return dataset


def unique_titles(datasets: list[tablib.Dataset]) -> list[tablib.Dataset]:
    """Make the sheet titles unique (Excel requires it), numbering repeats."""
    seen: set[str] = set()
    for index, dataset in enumerate(datasets, start=1):
        title = re.sub(r"[\[\]:*?/\\]", " ", dataset.title or f"sheet-{index}").strip()[:SHEET_TITLE_LIMIT]
        while title.casefold() in seen:
            suffix = f"-{index}"
            title = title[: SHEET_TITLE_LIMIT - len(suffix)] + suffix
            index += 1000
        seen.add(title.casefold())
        dataset.title = title
    return datasets
