"""Anonymised open data: the region's aggregate figures per calendar month, as CSV and JSON, with a data dictionary.

Designed against differencing:

- Only fixed calendar-month cells are published. A requested period is expanded to the whole
  months it touches; a month that has not ended yet is left out (it would change tomorrow and
  two downloads a day apart would differ by a few people).
- Each month's tables are computed and suppressed on their own (`figures` → `suppression`), so a
  month's cells and the suppression decisions are the same in every export that contains that
  month, whatever the requested period: exports of January-March and January-April share the
  January-March cells exactly, and April's are April's own.
- Nothing is summed across months (no period totals): a period total minus its visible monthly
  cells would give away hidden cells. Within a month, a figure's totals row is published with the
  table's complementary suppression; figures about one population (clients by status, by
  citizenship, by district) share the same monthly total, hidden in all of them or in none (it is
  hidden only when it is itself 1 to 4).
"""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from spojka.coordination.figures import compute_figure
from spojka.coordination.figures.tables import ColumnKind, Period, Table

# The figures that are published, in this order. Capacity is left out: it is reported by
# organisations about themselves and is published by them.
DATASETS: Final = (
    "clients_by_status",
    "clients_by_citizenship",
    "clients_by_district",
    "needs_by_category",
    "referrals_by_sector_pair",
    "desk_visits",
)
MAX_MONTHS: Final = 36
LICENCE: Final = "CC-BY-4.0"
LICENCE_URL: Final = "https://creativecommons.org/licenses/by/4.0/"
TOTAL_KEY: Final = "__total__"
CSV_FIELDS: Final = (
    "month",
    "dataset",
    "category",
    "category_label",
    "measure",
    "measure_label",
    "kind",
    "value",
    "suppressed",
)


class OpenDataError(ValueError):
    """A period that cannot be exported; the message is translated and shown to the user."""


@dataclass(frozen=True)
class MonthTable:
    """One figure for one calendar month, suppressed."""

    month: date
    table: Table


@dataclass(frozen=True)
class Export:
    """The published months of a requested period and their tables."""

    requested: Period
    months: tuple[date, ...]
    left_out: tuple[date, ...]
    tables: tuple[MonthTable, ...]


def published_months(period: Period, *, today: date | None = None) -> tuple[list[date], list[date]]:
    """Return the whole months a period touches that have ended, and those left out because they have not."""
    today = today or timezone.localdate()
    current = today.replace(day=1)
    months = period.months()
    return [m for m in months if m < current], [m for m in months if m >= current]


def build_export(period: Period, *, today: date | None = None) -> Export:
    """Compute every published dataset for every ended month of the period (raises OpenDataError)."""
    months, left_out = published_months(period, today=today)
    if len(months) > MAX_MONTHS:
        raise OpenDataError(
            _("Choose at most %(count)s months for one export; download longer periods in parts.")
            % {"count": MAX_MONTHS}
        )
    tables = tuple(
        MonthTable(month, compute_figure(key, period=Period.month(month.year, month.month)))
        for month in months
        for key in DATASETS
    )
    for item in tables:
        if not item.table.protected:
            raise RuntimeError(f"Figure {item.table.key!r} was not suppressed.")  # a programming error
    return Export(period, tuple(months), tuple(left_out), tables)


def _records(export: Export) -> Iterator[dict[str, Any]]:
    """Yield one record per published cell (counts, durations, numbers), in long form."""
    for item in export.tables:
        table = item.table
        rows = [*table.rows, *([table.total] if table.total else [])]
        for row in rows:
            is_total = row is table.total
            label_value = "" if is_total else str(row.values[0]) if table.columns[0].kind is ColumnKind.LABEL else ""
            for index, column in enumerate(table.columns):
                if column.kind is ColumnKind.LABEL:
                    continue
                value = row.values[index]
                hidden = row.suppressed[index]
                if isinstance(value, float):
                    value = round(value, 1)
                yield {
                    "month": f"{item.month:%Y-%m}",
                    "dataset": table.key,
                    "category": TOTAL_KEY if is_total else row.key,
                    "category_label": _("Total") if is_total else label_value,
                    "measure": column.key,
                    "measure_label": column.label,
                    "kind": column.kind.value,
                    "value": None if hidden else value,
                    "suppressed": hidden,
                }


def export_csv(export: Export) -> bytes:
    """Return the export as CSV (UTF-8 with a byte order mark for spreadsheets), one row per cell."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in _records(export):
        writer.writerow(
            {
                **record,
                "value": "" if record["value"] is None else record["value"],
                "suppressed": "true" if record["suppressed"] else "false",
            }
        )
    return buffer.getvalue().encode("utf-8-sig")


def _metadata(export: Export) -> dict[str, Any]:
    return {
        "title": _("Integration of foreigners in the region: monthly aggregates"),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "requested_period": {"start": export.requested.start.isoformat(), "end": export.requested.end.isoformat()},
        "months": [f"{month:%Y-%m}" for month in export.months],
        "months_left_out": [f"{month:%Y-%m}" for month in export.left_out],
        "note": _(
            "Only whole calendar months that have ended are published; counts from 1 to 4 and their "
            "complements are suppressed (value null, suppressed true). See the data dictionary."
        ),
        "made_at": timezone.localtime().isoformat(timespec="seconds"),
    }


def export_json(export: Export) -> bytes:
    """Return the export as JSON: metadata and one record per cell (the same records as the CSV)."""
    document = {"metadata": _metadata(export), "records": list(_records(export))}
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def _in_languages(message: str, languages: tuple[str, ...] = ("cs", "en")) -> dict[str, str]:
    texts = {}
    for language in languages:
        with translation.override(language):
            texts[language] = _(message)
    return texts


# The descriptions are translated when the dictionary is written, in each of its languages.
FIELD_DESCRIPTIONS: Final = (
    ("month", "string (YYYY-MM)", gettext_noop("The calendar month the cell counts.")),
    ("dataset", "string", gettext_noop("Which figure the cell belongs to (see datasets).")),
    (
        "category",
        "string",
        gettext_noop(
            "The category's stable code: a residence status, an ISO 3166 country code, a district's statistical "
            "code, a need, a pair of sectors or a kind of desk station; __total__ for the figure's total."
        ),
    ),
    ("category_label", "string", gettext_noop("The category's name in the language of the download.")),
    ("measure", "string", gettext_noop("What is counted or measured (see datasets).")),
    ("measure_label", "string", gettext_noop("The measure's name in the language of the download.")),
    (
        "kind",
        "string: count | duration | number",
        gettext_noop("count: persons, referrals or visits; duration: hours (median); number: places."),
    ),
    ("value", "integer, decimal or null", gettext_noop("The value; null when suppressed.")),
    ("suppressed", "boolean", gettext_noop("True when the value is hidden to protect people (see suppression).")),
)


def data_dictionary() -> bytes:
    """Return the data dictionary as JSON: fields, types, meaning, datasets, suppression and licence, in cs and en."""
    datasets = []
    sample = Period.month(2000, 1)  # an empty month: only the tables' shapes and labels are needed
    tables: dict[str, dict[str, Table]] = {}
    for language in ("cs", "en"):
        with translation.override(language):
            tables[language] = {key: compute_figure(key, period=sample) for key in DATASETS}
    for key in DATASETS:
        cs, en = tables["cs"][key], tables["en"][key]
        datasets.append(
            {
                "key": key,
                "title": {"cs": cs.title, "en": en.title},
                "measures": [
                    {
                        "key": column.key,
                        "kind": column.kind.value,
                        "label": {"cs": cs_column.label, "en": column.label},
                        **({"hidden_with": column.basis} if column.basis else {}),
                    }
                    for column, cs_column in zip(en.columns, cs.columns, strict=True)
                    if column.kind is not ColumnKind.LABEL
                ],
            }
        )
    document = {
        "title": _in_languages(gettext_noop("Integration of foreigners in the region: monthly aggregates")),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "formats": ["csv", "json"],
        "fields": [
            {"name": name, "type": kind, "description": _in_languages(description)}
            for name, kind, description in FIELD_DESCRIPTIONS
        ],
        "datasets": datasets,
        "suppression": _in_languages(
            gettext_noop(
                "A count from 1 to 4 is never published. In each month's table, further cells are hidden so that no "
                "hidden count can be worked out from the totals (complementary suppression); a median time is "
                "hidden with the count it was measured on. Zero is published."
            )
        ),
        "differencing": _in_languages(
            gettext_noop(
                "Only whole calendar months that have ended are published, each suppressed on its own and the same "
                "way in every download; nothing is summed across months. Two downloads of overlapping periods "
                "therefore share identical monthly cells and reveal nothing one of them does not."
            )
        ),
        "persons": _in_languages(
            gettext_noop(
                "Clients are counted as persons: linked records of one person kept by several organisations count once."
            )
        ),
        "source": _in_languages(
            gettext_noop(
                "Records kept in Spojka by the organisations of the regional network; districts from the Czech "
                "Statistical Office (ČSÚ)."
            )
        ),
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()
