"""The dashboard pages: who may see them, filters, empty periods, exports without small counts."""

import csv
import io
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from spojka.network.enums import Role
from tests.conftest import Personas
from tests.coordination.test_figures import Region, _clients

pytestmark = pytest.mark.django_db

SMALL = re.compile(r"(?<![\d.,<])([1-4])(?![\d.,])")


def _page(login, personas: Personas, params: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return login(personas.user(Role.REGIONAL_COORDINATOR)).get(reverse("coordination:dashboard"), params or {})


@pytest.mark.parametrize("role", [Role.REGIONAL_COORDINATOR, Role.ANALYST])
def test_dashboard_opens_for_coordinator_and_analyst(login, personas: Personas, role: Role) -> None:  # type: ignore[no-untyped-def]
    response = login(personas.user(role)).get(reverse("coordination:dashboard"))

    assert response.status_code == 200
    assert b'<caption class="visually-hidden">New clients by month</caption>' in response.content


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.ORGANIZATION_MANAGER, Role.DESK_OPERATOR])
def test_dashboard_refuses_other_roles(login, personas: Personas, role: Role) -> None:  # type: ignore[no-untyped-def]
    client = login(personas.user(role))

    assert client.get(reverse("coordination:dashboard")).status_code == 403
    export = reverse("coordination:dashboard_export", kwargs={"figure": "clients_by_district", "file_format": "csv"})
    assert client.get(export).status_code == 403


def test_dashboard_shows_small_counts_as_hidden_and_never_their_value(login, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    region = Region()
    _clients(9, municipality=region.north_town)
    _clients(3, municipality=region.south_town)

    response = _page(login, personas, {"period": "2026-03", "district": ""})

    html = response.content.decode()
    tables = "".join(re.findall(r"<table.*?</table>", html, flags=re.S))
    cells = re.findall(r"<td class=\"numeric\">(.*?)</td>", tables, flags=re.S)
    assert any("&lt;5" in cell for cell in cells)
    assert not [cell for cell in cells if SMALL.fullmatch(cell.strip())]


def test_dashboard_exports_contain_no_small_counts(login, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    region = Region()
    _clients(9, municipality=region.north_town)
    _clients(3, municipality=region.south_town)
    client = login(personas.user(Role.ANALYST))
    url = reverse("coordination:dashboard_export", kwargs={"figure": "clients_by_district", "file_format": "csv"})

    rows = list(csv.reader(io.StringIO(client.get(url, {"period": "2026-03"}).content.decode("utf-8-sig"))))
    xlsx = client.get(url.replace(".csv", ".xlsx"), {"period": "2026-03"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    xlsx_rows = [[cell.value for cell in row] for row in sheet.iter_rows()]

    assert rows[1:] == [["North", "<5"], ["South", "<5"], ["Total", "12"]]
    assert xlsx_rows[1:] == [["North", "<5"], ["South", "<5"], ["Total", 12]]


def test_dashboard_bad_period_gives_a_message_not_an_error(login, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    response = _page(login, personas, {"period": "2026-13"})

    assert response.status_code == 400
    assert b"There is no month 2026-13." in response.content


def test_dashboard_unknown_district_gives_a_message(login, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    response = _page(login, personas, {"district": "nowhere"})

    assert response.status_code == 400
    assert b"There is no district with the code nowhere." in response.content


def test_dashboard_empty_period_renders_with_a_note(login, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    Region()

    response = _page(login, personas, {"period": "2024-01"})

    assert response.status_code == 200
    assert b"Nothing was recorded in this period." in response.content


def test_dashboard_unknown_figure_export_is_not_found(login, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    client = login(personas.user(Role.ANALYST))
    url = reverse("coordination:dashboard_export", kwargs={"figure": "names", "file_format": "csv"})

    assert client.get(url).status_code == 404


def test_dashboard_query_count_does_not_grow_with_data(login, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    region = Region()
    _clients(5, municipality=region.north_town)
    client = login(personas.user(Role.REGIONAL_COORDINATOR))
    # The first view stores the month's additive figures (PostgreSQL); later views read them.
    client.get(reverse("coordination:dashboard"), {"period": "2026-03"})
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("coordination:dashboard"), {"period": "2026-03"})
    _clients(30, municipality=region.south_town)
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("coordination:dashboard"), {"period": "2026-03"})

    assert len(more) == len(few)
    assert len(few) < 100  # eight figures of a few queries each (on PostgreSQL also their settings)


def test_coordination_index_links_by_permission(login, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    coordinator = login(personas.user(Role.REGIONAL_COORDINATOR)).get(reverse("coordination:index"))
    caseworker = login(personas.user(Role.CASEWORKER)).get(reverse("coordination:index"))

    assert reverse("coordination:dashboard").encode() in coordinator.content
    assert reverse("coordination:dashboard").encode() not in caseworker.content
    assert caseworker.status_code == 200
