"""Lists as spreadsheets: the rows of a workspace list, downloaded as CSV or XLSX.

A list declares its columns once (a translatable header and how to read the value from a
row); `export_response` turns the rows the page shows into a file in the user's language.
Every cell is plain text or a number: dates in ISO 8601, booleans and choices as their
translated labels, and text that a spreadsheet would run as a formula defused.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Final, Generic, TypeAlias, TypeVar

import tablib
from django.db.models import Choices
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext

RowT = TypeVar("RowT")

# What a column may read from a row. Booleans (a kind of int), datetimes (a kind of date) and
# members of TextChoices/IntegerChoices (kinds of str and int) are covered and rendered apart.
Cell: TypeAlias = str | Promise | int | float | Decimal | date | None

# What a cell holds once rendered: text, or a number the spreadsheet can add up.
Value: TypeAlias = str | int | float | Decimal


class ExportFormat(StrEnum):
    """The file formats a list downloads as; the value is the `format` GET parameter and the extension."""

    CSV = "csv"
    XLSX = "xlsx"


FORMAT_PARAMETER: Final = "format"

CONTENT_TYPES: Final[dict[ExportFormat, str]] = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection); tab and
# carriage return let such a cell hide behind whitespace.
FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")

# Control characters that XLSX cannot hold (openpyxl refuses them) and no one means to export.
_CONTROL_CHARACTERS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Column(Generic[RowT]):
    """A column of an exported list: its header (lazily translated) and how to read a row's value."""

    header: str | Promise
    value: Callable[[RowT], Cell]


def requested_format(request: HttpRequest) -> ExportFormat | None:
    """Return the export format the request asks for, or None when it asks for the page.

    An unknown format raises Http404: there is no such download.
    """
    asked = request.GET.get(FORMAT_PARAMETER, "")
    if not asked:
        return None
    try:
        return ExportFormat(asked)
    except ValueError:
        raise Http404(f"There is no export as {asked!r}.") from None


def defuse(text: str) -> str:
    """Return the text so that no spreadsheet runs it as a formula, without control characters."""
    text = _CONTROL_CHARACTERS.sub("", text)
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def render_cell(value: Cell) -> Value:
    """Return a value as it goes into a cell, in the active language."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, Choices):
        return defuse(str(value.label))
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return value
    return defuse(str(value))


def build_dataset(*, rows: Iterable[RowT], columns: Sequence[Column[RowT]], title: str = "") -> tablib.Dataset:
    """Return the rows as a tablib dataset, with the headers in the active language."""
    dataset = tablib.Dataset(headers=[render_cell(column.header) for column in columns], title=title)
    for row in rows:
        dataset.append([render_cell(column.value(row)) for column in columns])
    return dataset


def export_filename(*, name: str, file_format: ExportFormat) -> str:
    """Return an ASCII file name for a download made today, such as `organizations-2026-11-26.csv`."""
    return f"{slugify(name) or 'export'}-{timezone.localdate().isoformat()}.{file_format.value}"


def export_response(
    *, rows: Iterable[RowT], columns: Sequence[Column[RowT]], name: str, file_format: ExportFormat
) -> HttpResponse:
    """Return the rows as a CSV or XLSX download named after `name` (ASCII, never a person's name)."""
    dataset = build_dataset(rows=rows, columns=columns, title=slugify(name))
    if file_format is ExportFormat.CSV:
        # The byte order mark tells Excel the file is UTF-8, so Czech and Cyrillic come out right.
        content: bytes = dataset.export("csv").encode("utf-8-sig")
    else:
        content = dataset.export("xlsx")
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    # The name is a slug, a date and an extension: nothing to quote or escape.
    response["Content-Disposition"] = f'attachment; filename="{export_filename(name=name, file_format=file_format)}"'
    # Lists may name people: no shared cache keeps a copy.
    add_never_cache_headers(response)
    return response
