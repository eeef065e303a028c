"""The periodic report: PDF and XLSX, in Czech and English, with the charts, the network and the tables."""

import datetime
import io
import re
from collections.abc import Callable

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from spojka.accounts.models import User
from spojka.coordination.figures.tables import Period
from spojka.coordination.reports.content import ReportLanguage, build_report
from spojka.coordination.reports.pdf import report_pdf, report_xlsx
from spojka.network.enums import Role, Sector
from tests.conftest import Personas
from tests.coordination.pictures_data import make_clients, make_flows
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

Q1 = Period.quarter(2026, 1)


@pytest.fixture
def quarter() -> None:
    """Clients and referrals in the first quarter of 2026, with small counts among them."""
    centre = OrganizationFactory(name="Integration Centre Liberec", sector=Sector.INTEGRATION_CENTRE)
    ngo = OrganizationFactory(name="Charity North", sector=Sector.NON_PROFIT)
    town = OrganizationFactory(name="Town Hall", sector=Sector.MUNICIPAL_SELF_GOVERNMENT)
    make_clients({"UA": 23, "RU": 3, "MD": 7}, day=datetime.date(2026, 2, 10), organization=centre)
    make_flows({(centre, ngo): 17, (ngo, town): 2, (ngo, centre): 6}, day=datetime.date(2026, 2, 12))


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def translated(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


@pytest.mark.parametrize("language", list(ReportLanguage))
def test_report_pdf_has_cover_contents_sections_notes_and_page_numbers(quarter: None, language: ReportLanguage) -> None:
    content = report_pdf(Q1, language=language)
    reader = PdfReader(io.BytesIO(content))
    text = pdf_text(content)
    for heading in ("Contents", "Summary", "Clients", "Referrals", "The cooperation network", "Notes on the figures"):
        assert translated(language.value, heading) in text, heading
    assert "23" in text  # Ukrainian clients
    assert "17" in text  # referrals from the centre to the charity
    assert "<5" in text
    assert "Charity North" in text  # the network picture's labels are text, not pixels
    pages = len(reader.pages)
    assert translated(language.value, "page %(page)s of %(pages)s") % {"page": pages, "pages": pages} in text
    assert reader.trailer["/Root"]["/Lang"] == language.value


def test_report_pdf_in_czech_and_english_differ_in_language_only(quarter: None) -> None:
    czech = build_report(Q1, language=ReportLanguage.CZECH)
    english = build_report(Q1, language=ReportLanguage.ENGLISH)
    assert [t.rows for t in czech.tables()] != []
    assert len(czech.tables()) == len(english.tables())
    numbers = [[row.values[1:] for row in t.rows] for t in english.tables()]
    assert numbers == [[row.values[1:] for row in t.rows] for t in czech.tables()]


def test_report_publishes_no_count_from_1_to_4(quarter: None) -> None:
    report = build_report(Q1, language=ReportLanguage.ENGLISH)
    for table in report.tables():
        for _row, column, value, _hidden in table.iter_cells():
            if column.kind.value == "count" and value is not None:
                assert not 0 < int(value) < 5, (table.key, column.key, value)
    for item in report.summary:
        assert item.value is None or not 0 < item.value < 5
    text = pdf_text(report_pdf(Q1, language=ReportLanguage.ENGLISH))
    # The only small referral count (2) and citizenship count (3) never appear as table cells.
    table_lines = [line for line in text.splitlines() if re.fullmatch(r"[A-Za-z ]+ [0-9]+", line.strip())]
    assert not [line for line in table_lines if line.rsplit(" ", 1)[1] in {"1", "2", "3", "4"}]


def test_report_of_an_empty_period_is_an_empty_report(db: None) -> None:
    period = Period.month(2025, 1)
    text = pdf_text(report_pdf(period, language=ReportLanguage.ENGLISH))
    assert "Nothing was recorded in this period." in text
    assert "Notes on the figures" in text
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(period, language=ReportLanguage.ENGLISH)))
    assert book.sheetnames[0] == "About"


def test_report_xlsx_has_a_sheet_per_figure_in_the_language(quarter: None) -> None:
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(Q1, language=ReportLanguage.CZECH)))
    report = build_report(Q1, language=ReportLanguage.CZECH)
    assert len(book.sheetnames) == 1 + len(report.tables())
    numbers = [cell for name in book.sheetnames[1:] for row in book[name].iter_rows(values_only=True) for cell in row]
    assert 17 in numbers
    assert "<5" in numbers
    assert not [n for n in numbers if isinstance(n, int) and 0 < n < 5]


# Pages


def test_coordinator_downloads_the_report_pdf_in_czech(
    quarter: None, personas: Personas, login: Callable[[User], Client]
) -> None:
    client = login(personas.by_role[Role.REGIONAL_COORDINATOR])
    response = client.get(reverse("coordination:reports"), {"period": "2026-Q1", "language": "cs", "format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="report-2026-Q1-cs.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_reports_page_shows_the_form(personas: Personas, login: Callable[[User], Client]) -> None:
    response = login(personas.by_role[Role.ANALYST]).get(reverse("coordination:reports"))
    assert response.status_code == 200
    assert 'name="language"' in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"period": "2026-Q5", "language": "en", "format": "pdf"}, "Choose the period as a month"),
        ({"period": "2026-Q1", "language": "de", "format": "pdf"}, "Choose the language of the report"),
        ({"period": "2026-Q1", "language": "en", "format": "doc"}, "Choose PDF or XLSX."),
    ],
)
def test_reports_page_explains_bad_input(
    params: dict[str, str], message: str, personas: Personas, login: Callable[[User], Client]
) -> None:
    response = login(personas.by_role[Role.REGIONAL_COORDINATOR]).get(reverse("coordination:reports"), params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_reports_are_closed_to_caseworkers(personas: Personas, login: Callable[[User], Client]) -> None:
    assert login(personas.by_role[Role.CASEWORKER]).get(reverse("coordination:reports")).status_code == 403
