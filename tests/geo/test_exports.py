"""The lists of units download as CSV and XLSX: the rows the page shows, every page of them."""

import csv
import io
from collections.abc import Callable

import openpyxl
import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from spojka.accounts.models import User
from spojka.geo.packs import PackReport
from spojka.network.enums import Role
from tests.conftest import Personas
from tests.geo.conftest import unit_by_code

Login = Callable[[User], Client]

HEADER = ["Name", "Code", "Level", "Part of", "Country", "Population", "Units inside", "Latitude", "Longitude"]


def _unit_url(code: str) -> str:
    return reverse("geo:unit", kwargs={"unit_id": unit_by_code(code).pk})


def _csv(response: HttpResponse) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx(response: HttpResponse) -> list[tuple[object, ...]]:
    assert response.status_code == 200
    return list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


@pytest.mark.parametrize(
    "filters",
    [{}, {"country": "CZ"}, {"q": "liberec"}, {"q": "causeni", "country": "MD"}, {"q": "causeni", "country": "CZ"}],
)
def test_units_export_has_the_units_the_page_shows(
    filters: dict[str, str], personas: Personas, login: Login, liberec: PackReport, moldova: PackReport
) -> None:
    client = login(personas.user(Role.CASEWORKER))
    context = client.get(reverse("geo:units"), filters).context
    shown = context["page"].object_list if filters.get("q") else context["top_units"]
    exported = _csv(client.get(reverse("geo:units"), {**filters, "format": "csv"}))
    assert [row["Code"] for row in exported] == [unit.code for unit in shown]


def test_units_export_keeps_the_search_and_the_country(
    personas: Personas, login: Login, liberec: PackReport, moldova: PackReport
) -> None:
    client = login(personas.user(Role.CASEWORKER))
    found = _csv(client.get(reverse("geo:units"), {"q": "causeni", "country": "MD", "format": "csv"}))
    assert [row["Code"] for row in found] == ["MD-CS"]
    assert _csv(client.get(reverse("geo:units"), {"q": "causeni", "country": "CZ", "format": "csv"})) == []
    top = _csv(client.get(reverse("geo:units"), {"country": "CZ", "format": "csv"}))
    assert [row["Code"] for row in top] == ["CZ051"]


def test_units_export_has_every_page_of_a_search(personas: Personas, login: Login, liberec: PackReport) -> None:
    client = login(personas.user(Role.CASEWORKER))
    total = client.get(reverse("geo:units"), {"q": "a"}).context["page"].paginator.count
    assert total > 100  # more than one page
    rows = _xlsx(client.get(reverse("geo:units"), {"q": "a", "page": "2", "format": "xlsx"}))
    assert len(rows) == total + 1


def test_units_export_shows_where_each_unit_belongs(personas: Personas, login: Login, liberec: PackReport) -> None:
    client = login(personas.user(Role.CASEWORKER))
    rows = _csv(client.get(reverse("geo:units"), {"q": "liberec", "format": "csv"}))
    assert list(rows[0]) == HEADER
    by_code = {row["Code"]: row for row in rows}
    assert by_code["563889"]["Part of"] == "Liberec"
    assert by_code["563889"]["Level"] == "Municipality"
    assert by_code["563889"]["Population"] == "104802"
    assert by_code["5105"]["Part of"] == "Liberecký kraj"
    assert by_code["CZ051"]["Part of"] == "Czechia"


def test_unit_export_lists_the_units_inside_and_no_others(
    personas: Personas, login: Login, liberec: PackReport
) -> None:
    client = login(personas.user(Role.CASEWORKER))
    response = client.get(_unit_url("5105"), {"format": "csv"})
    names = {row["Name"] for row in _csv(response)}
    assert len(names) == 28
    assert "Chrastava" in names
    assert "Tanvald" not in names  # another ORP's municipality
    assert response["Content-Disposition"].startswith('attachment; filename="units-in-5105-')


def test_unit_export_speaks_ukrainian_and_keeps_numbers(personas: Personas, login: Login, liberec: PackReport) -> None:
    client = login(personas.user(Role.CASEWORKER))
    with translation.override("uk"):
        url = _unit_url("5105")
    rows = _xlsx(client.get(url, {"format": "xlsx"}))
    assert rows[0][:3] == ("Назва", "Код", "Рівень")
    liberec_city = next(row for row in rows[1:] if row[1] == "563889")
    assert liberec_city[2] == "Громада"
    assert liberec_city[5] == 104802


def test_unit_pages_link_to_their_downloads(personas: Personas, login: Login, liberec: PackReport) -> None:
    client = login(personas.user(Role.CASEWORKER))
    search = client.get(reverse("geo:units"), {"q": "a", "page": "2"}).content.decode()
    assert "?q=a&amp;format=csv" in search  # the search kept, the page dropped
    assert "?q=a&amp;format=xlsx" in search
    within = client.get(_unit_url("5105")).content.decode()
    assert 'href="?format=csv"' in within


@pytest.mark.parametrize("name", ["geo:units", "geo:unit"])
def test_unknown_export_format_is_not_found(name: str, personas: Personas, login: Login, liberec: PackReport) -> None:
    url = _unit_url("5105") if name == "geo:unit" else reverse(name)
    assert login(personas.user(Role.CASEWORKER)).get(url, {"format": "pdf"}).status_code == 404


@pytest.mark.parametrize("name", ["geo:units", "geo:unit"])
def test_anonymous_visitor_is_sent_to_login_instead_of_a_download(
    name: str, client: Client, liberec: PackReport
) -> None:
    url = _unit_url("5105") if name == "geo:unit" else reverse(name)
    response = client.get(url, {"format": "csv"})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("name", ["geo:units", "geo:unit"])
def test_user_without_a_role_cannot_download(name: str, personas: Personas, login: Login, liberec: PackReport) -> None:
    url = _unit_url("5105") if name == "geo:unit" else reverse(name)
    assert login(personas.outsider).get(url, {"format": "xlsx"}).status_code == 403


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_units_exports_cost_a_fixed_number_of_queries(
    file_format: str,
    personas: Personas,
    login: Login,
    liberec: PackReport,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    # Of each budget, seven go to the session, the user, the two-factor device check, the membership
    # and the permissions.
    client = login(personas.user(Role.CASEWORKER))
    with django_assert_max_num_queries(10):
        client.get(reverse("geo:units"), {"q": "a", "format": file_format})  # 150-odd units
    with django_assert_max_num_queries(10):
        client.get(_unit_url("5109"), {"format": file_format})  # 36 municipalities
