"""The organisations and staff lists download as CSV and XLSX: the page's rows, to the page's readers only."""

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
from spojka.network.enums import Role, Sector
from spojka.network.models import Membership
from tests.conftest import Personas
from tests.factories import AdministrativeUnitFactory, MembershipFactory, OrganizationFactory, UserFactory

Login = Callable[[User], Client]


def _csv(response: HttpResponse) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx(response: HttpResponse) -> list[tuple[object, ...]]:
    assert response.status_code == 200
    return list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def _staff_url(organization_id: object) -> str:
    return reverse("network:organization_staff", kwargs={"organization_id": organization_id})


# Organisations.


@pytest.mark.parametrize("filters", [{}, {"sector": Sector.NON_PROFIT}, {"q": "ours"}, {"q": "nothing like it"}])
def test_organisations_export_has_the_rows_the_page_shows(
    filters: dict[str, str], personas: Personas, login: Login
) -> None:
    client = login(personas.user(Role.CASEWORKER))
    shown = [
        organization.name
        for organization in client.get(reverse("network:organizations"), filters).context["organizations"]
    ]
    exported = _csv(client.get(reverse("network:organizations"), {**filters, "format": "csv"}))
    assert exported[0][0] == "Name"
    assert [row[0] for row in exported[1:]] == shown


def test_organisations_export_filters_by_sector_and_search(personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.CASEWORKER))
    by_sector = _csv(client.get(reverse("network:organizations"), {"sector": Sector.NON_PROFIT, "format": "csv"}))
    assert [row[0] for row in by_sector[1:]] == ["Helping Hands Theirs"]
    by_search = _xlsx(client.get(reverse("network:organizations"), {"q": "ours", "format": "xlsx"}))
    assert [row[0] for row in by_search[1:]] == ["Integration Centre Ours"]


def test_organisations_export_speaks_the_users_language(personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.CASEWORKER))
    with translation.override("cs"):
        url = reverse("network:organizations")
    rows = _xlsx(client.get(url, {"q": "ours", "format": "xlsx"}))
    header = dict(zip(rows[0], rows[1], strict=True))
    assert header["Název"] == "Integration Centre Ours"
    assert header["Sektor"] == "Integrační centrum"
    assert header["Aktivní"] == "ano"
    assert header["Pracovníci"] == len(Role)


def test_organisation_names_that_look_like_formulas_are_defused(personas: Personas, login: Login) -> None:
    OrganizationFactory(name='=HYPERLINK("https://evil.example","ours")')
    client = login(personas.user(Role.CASEWORKER))
    rows = _csv(client.get(reverse("network:organizations"), {"q": "ours", "format": "csv"}))
    assert '\'=HYPERLINK("https://evil.example","ours")' in [row[0] for row in rows]


def test_organisations_page_links_to_its_downloads_with_the_filters(personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.CASEWORKER))
    page = client.get(reverse("network:organizations"), {"sector": Sector.NON_PROFIT, "q": "hands"}).content.decode()
    assert "?sector=non_profit&amp;q=hands&amp;format=csv" in page
    assert "?sector=non_profit&amp;q=hands&amp;format=xlsx" in page


def test_unknown_export_format_is_not_found(personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    assert client.get(reverse("network:organizations"), {"format": "pdf"}).status_code == 404
    assert client.get(_staff_url(personas.ours.pk), {"format": "ods"}).status_code == 404


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_organisations_export_costs_a_fixed_number_of_queries(
    file_format: str, personas: Personas, login: Login, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    # Every row with a municipality and a parent, so that a missing select_related would show.
    municipality = AdministrativeUnitFactory()
    OrganizationFactory.create_batch(25, municipality=municipality, parent=personas.ours)
    client = login(personas.user(Role.CASEWORKER))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("network:organizations"), {"format": file_format})
    assert response.status_code == 200


# Staff.


def test_staff_export_lists_our_people_and_never_theirs(personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = client.get(_staff_url(personas.ours.pk), {"format": "csv"})
    emails = {row[2] for row in _csv(response)[1:]}
    assert emails == {user.email for user in personas.by_role.values()}
    assert b"theirs.example.org" not in response.content


def test_staff_export_shows_roles_status_and_dates(personas: Personas, login: Login) -> None:
    manager = personas.user(Role.ORGANIZATION_MANAGER)
    invited = MembershipFactory(organization=personas.ours, role=Role.DESK_OPERATOR, invited_by=manager, title="Desk")
    caseworker = Membership.objects.get(user=personas.user(Role.CASEWORKER))
    client = login(manager)
    client.post(reverse("network:deactivate", kwargs={"membership_id": caseworker.pk}))
    caseworker.refresh_from_db()

    rows = _xlsx(client.get(_staff_url(personas.ours.pk), {"format": "xlsx"}))
    by_email = {row[2]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}

    assert rows[0] == (
        "Name",
        "Job title",
        "E-mail",
        "Role",
        "Active",
        "Invitation pending",
        "Created",
        "Deactivated",
        "Invited by",
    )
    desk = by_email[invited.user.email]
    assert (desk["Role"], desk["Job title"], desk["Active"], desk["Invitation pending"], desk["Invited by"]) == (
        "Desk operator",
        "Desk",
        "yes",
        "yes",
        manager.get_full_name(),
    )
    assert by_email[manager.email]["Invitation pending"] == "no"
    gone = by_email[caseworker.user.email]
    assert gone["Active"] == "no"
    assert caseworker.deactivated_at is not None
    assert gone["Deactivated"] == caseworker.deactivated_at.date().isoformat()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_manager_cannot_export_another_organisations_staff(file_format: str, personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = client.get(_staff_url(personas.theirs.pk), {"format": file_format})
    assert response.status_code == 404
    assert b"theirs.example.org" not in response.content


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.DESK_OPERATOR, Role.ANALYST, Role.REGIONAL_COORDINATOR])
def test_staff_who_do_not_manage_staff_cannot_export_it(role: Role, personas: Personas, login: Login) -> None:
    client = login(personas.user(role))
    for organization in (personas.ours, personas.theirs):
        assert client.get(_staff_url(organization.pk), {"format": "csv"}).status_code in {403, 404}


def test_platform_admin_exports_any_organisations_staff(personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.PLATFORM_ADMIN))
    rows = _csv(client.get(_staff_url(personas.theirs.pk), {"format": "csv"}))
    assert [row[2] for row in rows[1:]] == ["manager@theirs.example.org"]


def test_staff_download_is_named_without_people(personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    disposition = client.get(_staff_url(personas.ours.pk), {"format": "xlsx"})["Content-Disposition"]
    assert disposition.startswith('attachment; filename="staff-')
    assert disposition.endswith('.xlsx"')


def test_staff_page_links_to_its_downloads(personas: Personas, login: Login) -> None:
    page = login(personas.user(Role.ORGANIZATION_MANAGER)).get(_staff_url(personas.ours.pk)).content.decode()
    assert 'href="?format=csv"' in page
    assert 'href="?format=xlsx"' in page


@pytest.mark.parametrize("name", ["network:organizations", "network:organization_staff"])
def test_anonymous_visitor_is_sent_to_login_instead_of_a_download(
    name: str, personas: Personas, client: Client
) -> None:
    kwargs = {"organization_id": personas.ours.pk} if name == "network:organization_staff" else {}
    response = client.get(reverse(name, kwargs=kwargs), {"format": "csv"})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_staff_export_costs_a_fixed_number_of_queries(
    file_format: str, personas: Personas, login: Login, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    manager = personas.user(Role.ORGANIZATION_MANAGER)
    for _ in range(20):  # each with its own inviter, so that a missing select_related would show
        MembershipFactory(organization=personas.ours, invited_by=UserFactory())
    client = login(manager)
    with django_assert_max_num_queries(10):
        response = client.get(_staff_url(personas.ours.pk), {"format": file_format})
    assert response.status_code == 200
