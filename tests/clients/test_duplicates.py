"""Registration warns about likely existing records of the same person, in either script, before creating."""

import datetime
from collections.abc import Callable

from django.test import Client as DjangoClient
from django.urls import reverse

from spojka.accounts.models import User
from spojka.clients.enums import BirthDatePrecision
from spojka.clients.models import Client
from spojka.clients.queries import likely_duplicates
from spojka.network.enums import Role
from tests.clients.factories import ClientFactory
from tests.conftest import Personas


def _look(personas: Personas, **person: object) -> list[Client]:
    defaults: dict[str, object] = {
        "given_name": "",
        "family_name": "",
        "native_given_name": "",
        "native_family_name": "",
        "birth_date": datetime.date(1985, 2, 3),
        "birth_date_precision": BirthDatePrecision.DAY,
    }
    found = likely_duplicates(viewer=personas.user(Role.CASEWORKER), **{**defaults, **person})  # type: ignore[arg-type]
    return [duplicate.client for duplicate in found]


def test_latin_passport_name_finds_the_cyrillic_record(personas: Personas) -> None:
    existing = ClientFactory(
        organization=personas.ours,
        given_name="",
        family_name="",
        native_given_name="Олександр",
        native_family_name="Шевченко",
        birth_date=datetime.date(1985, 2, 3),
    )
    assert _look(personas, given_name="OLEKSANDR", family_name="SHEVCHENKO") == [existing]


def test_cyrillic_name_finds_the_latin_record_with_names_swapped(personas: Personas) -> None:
    existing = ClientFactory(
        organization=personas.ours,
        given_name="Hryhorii",
        family_name="Tkachuk",
        native_given_name="",
        native_family_name="",
        birth_date=datetime.date(1985, 2, 3),
    )
    assert _look(personas, native_given_name="Ткачук", native_family_name="Григорій") == [existing]


def test_year_only_birth_matches_a_full_date_in_that_year(personas: Personas) -> None:
    existing = ClientFactory(
        organization=personas.ours, given_name="Iryna", family_name="Bondar", birth_date=datetime.date(1985, 7, 9)
    )
    found = _look(
        personas,
        given_name="Iryna",
        family_name="Bondar",
        birth_date=datetime.date(1985, 1, 1),
        birth_date_precision=BirthDatePrecision.YEAR,
    )
    assert found == [existing]


def test_different_full_birth_dates_are_different_people(personas: Personas) -> None:
    # Another year, day and month: a namesake. (The same year with another day is shown, with low confidence:
    # a date typed wrongly is likelier than two people of one name born in one year in one organisation.)
    ClientFactory(
        organization=personas.ours, given_name="Iryna", family_name="Bondar", birth_date=datetime.date(1979, 7, 9)
    )
    assert _look(personas, given_name="Iryna", family_name="Bondar") == []


def test_other_organisations_clients_are_not_suggested(personas: Personas) -> None:
    ClientFactory(
        organization=personas.theirs, given_name="Iryna", family_name="Bondar", birth_date=datetime.date(1985, 2, 3)
    )
    assert _look(personas, given_name="Iryna", family_name="Bondar") == []


def test_registration_form_shows_duplicates_and_asks_to_confirm(
    personas: Personas, login: Callable[[User], DjangoClient]
) -> None:
    existing = ClientFactory(
        organization=personas.ours,
        given_name="",
        family_name="",
        native_given_name="Олена",
        native_family_name="Коваленко",
        birth_date=datetime.date(1988, 4, 12),
    )
    client = login(personas.user(Role.CASEWORKER))
    data = {"given_name": "Olena", "family_name": "Kovalenko", "birth_date": "1988-04-12", "sex": "female"}
    first = client.post(reverse("clients:new"), data)
    assert first.status_code == 200
    assert [duplicate.client for duplicate in first.context["duplicates"]] == [existing]
    content = first.content.decode()
    assert reverse("clients:detail", kwargs={"client_id": existing.pk}) in content
    assert 'name="create_anyway"' in content
    assert 'type="checkbox"' in content
    assert Client.objects.count() == 1
    second = client.post(reverse("clients:new"), {**data, "create_anyway": "on"})
    assert second.status_code == 302
    assert Client.objects.count() == 2
