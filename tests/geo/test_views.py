"""The geography pages: who may open them, what they show, and how many queries they cost."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from spojka.accounts.models import User
from spojka.geo.packs import PackReport
from spojka.network.enums import Role
from tests.conftest import Personas
from tests.factories import AdministrativeUnitFactory, CountryFactory, ResidenceStatusFactory
from tests.geo.conftest import unit_by_code

Login = Callable[[User], Client]

# The roles that may see the country packs page; every role may browse the units.
PACK_VIEWERS = {Role.PLATFORM_ADMIN, Role.REGIONAL_COORDINATOR, Role.ANALYST}


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_every_role_may_browse_the_units(role: Role, personas: Personas, login: Login, liberec: PackReport) -> None:
    client = login(personas.user(role))
    assert client.get(reverse("geo:units")).status_code == 200
    url = reverse("geo:unit", kwargs={"unit_id": unit_by_code("5105").pk})
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_only_administrators_coordinators_and_analysts_see_the_packs(
    role: Role, personas: Personas, login: Login, liberec: PackReport
) -> None:
    response = login(personas.user(role)).get(reverse("geo:packs"))
    assert response.status_code == (200 if role in PACK_VIEWERS else 403)


@pytest.mark.parametrize("name", ["geo:units", "geo:unit", "geo:packs"])
def test_anonymous_visitor_is_sent_to_login(name: str, client: Client, liberec: PackReport) -> None:
    kwargs = {"unit_id": unit_by_code("CZ051").pk} if name == "geo:unit" else {}
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("name", ["geo:units", "geo:unit", "geo:packs"])
def test_user_without_a_role_is_denied(name: str, personas: Personas, login: Login, liberec: PackReport) -> None:
    kwargs = {"unit_id": unit_by_code("CZ051").pk} if name == "geo:unit" else {}
    assert login(personas.outsider).get(reverse(name, kwargs=kwargs)).status_code == 403


def test_unknown_unit_is_not_found(personas: Personas, login: Login, db: None) -> None:
    client = login(personas.user(Role.CASEWORKER))
    url = reverse("geo:unit", kwargs={"unit_id": "00000000-0000-0000-0000-000000000000"})
    assert client.get(url).status_code == 404


def test_units_page_starts_at_the_top_of_each_country(
    personas: Personas, login: Login, liberec: PackReport, moldova: PackReport
) -> None:
    with translation.override("en"):
        page = login(personas.user(Role.CASEWORKER)).get(reverse("geo:units")).content.decode()
    assert "Czechia" in page
    assert "Liberecký kraj" in page
    assert "Chișinău" in page
    assert "Jablonec nad Nisou" not in page  # municipalities wait a level or two down


def test_units_page_without_packs_says_how_to_load_one(personas: Personas, login: Login, db: None) -> None:
    with translation.override("en"):
        page = login(personas.user(Role.CASEWORKER)).get(reverse("geo:units")).content.decode()
    assert "load_country_pack" in page


def test_unit_page_shows_breadcrumbs_facts_and_the_units_within(
    personas: Personas, login: Login, liberec: PackReport
) -> None:
    orp = unit_by_code("5105")
    with translation.override("en"):
        response = login(personas.user(Role.CASEWORKER)).get(reverse("geo:unit", kwargs={"unit_id": orp.pk}))
    page = response.content.decode()
    breadcrumbs = page[page.index('class="breadcrumbs"') : page.index("</nav>", page.index('class="breadcrumbs"'))]
    assert "Czechia" in breadcrumbs
    assert "Liberecký kraj" in breadcrumbs
    assert "ORP district" in page  # the level's name in English
    assert "144,062" in page  # the population, localised
    assert "Area (km²)" in page
    assert "578.4" in page
    assert "Chrastava" in page  # one of its 28 municipalities
    assert "Tanvald" not in page.split("Units inside", 1)[1]  # another ORP's municipality


def test_unit_page_speaks_czech_and_ukrainian(personas: Personas, login: Login, liberec: PackReport) -> None:
    client = login(personas.user(Role.CASEWORKER))
    unit_id = unit_by_code("563889").pk
    with translation.override("cs"):
        czech = client.get(reverse("geo:unit", kwargs={"unit_id": unit_id})).content.decode()
    with translation.override("uk"):
        ukrainian = client.get(reverse("geo:unit", kwargs={"unit_id": unit_id})).content.decode()
    assert "Obec" in czech
    assert "104\xa0802" in czech  # grouped the Czech way
    assert "Громада" in ukrainian


@pytest.mark.parametrize("query", ["ceska lipa", "ČESKÁ LÍPA", "lípa"])
def test_search_ignores_case_and_diacritics(query: str, personas: Personas, login: Login, liberec: PackReport) -> None:
    response = login(personas.user(Role.CASEWORKER)).get(reverse("geo:units"), {"q": query})
    names = {unit.name for unit in response.context["page"].object_list}
    assert "Česká Lípa" in names


def test_search_finds_romanian_names_typed_without_diacritics(
    personas: Personas, login: Login, moldova: PackReport, liberec: PackReport
) -> None:
    client = login(personas.user(Role.CASEWORKER))
    response = client.get(reverse("geo:units"), {"q": "causeni", "country": "MD"})
    assert [unit.code for unit in response.context["page"].object_list] == ["MD-CS"]
    assert client.get(reverse("geo:units"), {"q": "causeni", "country": "CZ"}).context["page"].paginator.count == 0


def test_search_shows_where_each_unit_belongs(personas: Personas, login: Login, liberec: PackReport) -> None:
    response = login(personas.user(Role.CASEWORKER)).get(reverse("geo:units"), {"q": "liberec"})
    found = {(unit.code, unit.parent.code if unit.parent else None) for unit in response.context["page"].object_list}
    assert ("563889", "5105") in found
    assert ("5105", "CZ051") in found


def test_packs_page_shows_levels_counts_and_statuses_in_the_users_language(
    personas: Personas, login: Login, liberec: PackReport
) -> None:
    client = login(personas.user(Role.REGIONAL_COORDINATOR))
    with translation.override("en"):
        page = client.get(reverse("geo:packs")).content.decode()
    assert "ORP district" in page
    assert ">215<" in page
    assert ">10<" in page
    assert "Subsidiary protection" in page
    assert "<code>md</code>" in page  # not loaded yet, so offered
    with translation.override("uk"):
        page = client.get(reverse("geo:packs")).content.decode()
    assert "Тимчасовий захист" in page


def test_units_list_costs_a_fixed_number_of_queries(
    personas: Personas,
    login: Login,
    liberec: PackReport,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    # Of each budget, seven go to the session, the user, the two-factor device check, the membership
    # and the permissions.
    client = login(personas.user(Role.CASEWORKER))
    client.get(reverse("geo:units"))
    with django_assert_max_num_queries(11):
        client.get(reverse("geo:units"))
    with django_assert_max_num_queries(12):
        client.get(reverse("geo:units"), {"q": "a"})  # 150-odd units found
    with django_assert_max_num_queries(13):
        client.get(reverse("geo:unit", kwargs={"unit_id": unit_by_code("5109").pk}))  # 36 municipalities


def test_packs_page_costs_a_fixed_number_of_queries(
    personas: Personas,
    login: Login,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    db: None,
) -> None:
    for code in ("CZ", "MD", "SK"):
        country = CountryFactory(code=code, pack=code.lower())
        AdministrativeUnitFactory.create_batch(3, country=country)
        ResidenceStatusFactory.create_batch(3, country=country)
    client = login(personas.user(Role.PLATFORM_ADMIN))
    client.get(reverse("geo:packs"))
    with django_assert_max_num_queries(11):
        client.get(reverse("geo:packs"))
