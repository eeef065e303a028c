"""Lists as spreadsheets: CSV that Excel opens right, XLSX that openpyxl reads, nothing that runs."""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from spojka.core.exports import (
    CONTENT_TYPES,
    Column,
    ExportFormat,
    build_dataset,
    export_filename,
    export_response,
    requested_format,
)
from spojka.network.enums import Role

TODAY = date(2026, 11, 26)


@dataclass
class Row:
    name: str
    count: int | None = None
    active: bool = False
    role: Role = Role.CASEWORKER
    since: date | datetime | None = None
    share: Decimal | None = None


COLUMNS = (
    Column(gettext_lazy("Name"), lambda row: row.name),
    Column(gettext_lazy("Staff"), lambda row: row.count),
    Column(gettext_lazy("Role"), lambda row: row.role),
    Column(gettext_lazy("active"), lambda row: row.active),
    Column("Since", lambda row: row.since),
    Column("Share", lambda row: row.share),
)

FORMULAS = ["=1+1", "+420 777 123 456", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fix the day the file is made, which its name carries."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def _export(rows: list[Row], file_format: ExportFormat, name: str = "organizations") -> HttpResponse:
    return export_response(rows=rows, columns=COLUMNS, name=name, file_format=file_format)


def _csv_rows(response: HttpResponse) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx_sheet(response: HttpResponse) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def test_csv_starts_with_a_byte_order_mark_and_keeps_czech_and_cyrillic() -> None:
    response = _export([Row(name="Obec Příkladov"), Row(name="Київський центр")], ExportFormat.CSV)
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert [row[0] for row in _csv_rows(response)] == ["Name", "Obec Příkladov", "Київський центр"]


def test_xlsx_is_readable_with_openpyxl_and_keeps_numbers_as_numbers() -> None:
    response = _export([Row(name="Київ", count=12, share=Decimal("0.25"))], ExportFormat.XLSX)
    assert response["Content-Type"] == CONTENT_TYPES[ExportFormat.XLSX]
    sheet = _xlsx_sheet(response)
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Name", "Staff", "Role", "active", "Since", "Share")
    assert rows[1][:2] == ("Київ", 12)
    assert rows[1][5] == pytest.approx(0.25)


@pytest.mark.parametrize("file_format", list(ExportFormat))
def test_download_is_an_attachment_with_an_ascii_name(file_format: ExportFormat) -> None:
    response = _export([Row(name="x")], file_format)
    assert response["Content-Disposition"] == f'attachment; filename="organizations-2026-11-26.{file_format}"'
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("organizations", "organizations-2026-11-26.csv"),
        ("units-in-MD-CS", "units-in-md-cs-2026-11-26.csv"),
        ("Obec Příkladov", "obec-prikladov-2026-11-26.csv"),
        ("Київ", "export-2026-11-26.csv"),
        ('../"evil"\r\nSet-Cookie: x', "evil-set-cookie-x-2026-11-26.csv"),
    ],
)
def test_filename_is_ascii_safe(name: str, expected: str) -> None:
    assert export_filename(name=name, file_format=ExportFormat.CSV) == expected


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_defuses_cells_a_spreadsheet_would_run(formula: str) -> None:
    assert _csv_rows(_export([Row(name=formula)], ExportFormat.CSV))[1][0] == "'" + formula


@pytest.mark.parametrize("formula", FORMULAS)
def test_xlsx_defuses_cells_a_spreadsheet_would_run(formula: str) -> None:
    cell = _xlsx_sheet(_export([Row(name=formula)], ExportFormat.XLSX))["A2"]
    assert cell.data_type == "s"
    assert cell.value == "'" + formula.replace("\r", "\n")  # XML reads a carriage return back as a newline


def test_ordinary_text_and_negative_numbers_are_left_alone() -> None:
    dataset = build_dataset(rows=[Row(name="Liberec - centrum", count=-3)], columns=COLUMNS)
    assert dataset[0][:2] == ("Liberec - centrum", -3)


def test_control_characters_are_dropped_so_xlsx_can_hold_the_text() -> None:
    response = _export([Row(name="Bell\x07 and\x0b tab")], ExportFormat.XLSX)
    assert _xlsx_sheet(response)["A2"].value == "Bell and tab"


def test_headers_booleans_and_choices_speak_the_active_language() -> None:
    rows = [Row(name="a", active=True, role=Role.CASEWORKER), Row(name="b", active=False)]
    with translation.override("cs"):
        czech = build_dataset(rows=rows, columns=COLUMNS)
    with translation.override("uk"):
        ukrainian = build_dataset(rows=rows, columns=COLUMNS)
    assert (czech.headers[0], czech.headers[3]) == ("Název", "aktivní")
    assert czech[0][2:4] == ("Sociální pracovník", "ano")
    assert czech[1][3] == "ne"
    assert ukrainian.headers[0] == "Назва"
    assert ukrainian[0][2:4] == ("Соціальний працівник", "так")


def test_dates_are_iso_and_datetimes_local() -> None:
    moment = datetime(2026, 11, 26, 13, 3, tzinfo=ZoneInfo("UTC"))
    dataset = build_dataset(rows=[Row(name="a", since=TODAY), Row(name="b", since=moment)], columns=COLUMNS)
    assert dataset[0][4] == "2026-11-26"
    local = timezone.localtime(moment)
    assert dataset[1][4] == f"2026-11-26 {local:%H:%M}"


def test_missing_values_are_empty_cells() -> None:
    assert build_dataset(rows=[Row(name="a")], columns=COLUMNS)[0][1] == ""


@pytest.mark.parametrize(("query", "expected"), [({}, None), ({"format": ""}, None), ({"format": "xlsx"}, "xlsx")])
def test_format_parameter_chooses_the_download(query: dict[str, str], expected: str | None) -> None:
    assert requested_format(RequestFactory().get("/", query)) == expected


@pytest.mark.parametrize("asked", ["pdf", "CSV", "../csv"])
def test_unknown_format_is_not_found(asked: str) -> None:
    with pytest.raises(Http404):
        requested_format(RequestFactory().get("/", {"format": asked}))
