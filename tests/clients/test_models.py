"""A client's record refuses impossible dates and malformed contacts with a clear message; nothing is saved."""

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import Client as DjangoClient
from django.urls import reverse
from django.utils import timezone

from spojka.accounts.models import User
from spojka.clients.enums import BirthDatePrecision
from spojka.clients.models import Client
from spojka.network.enums import Role
from tests.clients.factories import ClientFactory
from tests.conftest import Personas

VALID = {
    "given_name": "Olena",
    "family_name": "Kovalenko",
    "native_given_name": "Олена",
    "native_family_name": "Коваленко",
    "birth_date": "1988-04-12",
    "sex": "female",
    "citizenship": "UA",
    "languages": ["uk"],
    "preferred_language": "uk",
    "document_type": "temporary_protection",
    "document_number": "TP123456",
    "document_valid_from": "2026-03-05",
    "document_valid_until": "2027-03-04",
    "phone": "+420 777 123 456",
    "email": "olena@example.org",
    "street": "Nádražní 1",
}


def _register(client: DjangoClient, **changes: object) -> object:
    return client.post(reverse("clients:new"), {**VALID, **changes})


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"birth_date": "2999-01-01"}, "birth_date", "The date of birth cannot be in the future."),
        (
            {"birth_date": "", "birth_year": str(timezone.localdate().year + 1)},
            "birth_year",
            "The date of birth cannot be in the future.",
        ),
        (
            {"document_valid_from": "2027-03-05", "document_valid_until": "2026-03-04"},
            "document_valid_until",
            "The document cannot expire before it becomes valid.",
        ),
        ({"phone": "12ab"}, "phone", "Enter a valid phone number"),
        ({"email": "olena@"}, "email", "Enter a valid email address."),
        (
            {"given_name": "", "family_name": "", "native_given_name": "", "native_family_name": ""},
            "family_name",
            "Write the name as in the document, or in the person's own script.",
        ),
    ],
    ids=["birth-in-future", "birth-year-in-future", "validity-reversed", "phone", "email", "no-name"],
)
def test_registration_refuses_bad_input_with_a_message_and_saves_nothing(
    personas: Personas, login: Callable[[User], DjangoClient], changes: dict[str, object], field: str, message: str
) -> None:
    response = _register(login(personas.user(Role.CASEWORKER)), **changes)
    assert response.status_code == 200  # type: ignore[attr-defined]
    errors = response.context["form"].errors  # type: ignore[attr-defined]
    assert any(message in error for error in errors[field]), errors
    assert not Client.objects.exists()


def test_registration_speaks_the_users_language(personas: Personas, login: Callable[[User], DjangoClient]) -> None:
    response = login(personas.user(Role.CASEWORKER)).post(
        reverse("clients:new").replace("/cs/", "/en/"), {**VALID, "birth_date": "2999-01-01"}
    )
    assert "The date of birth cannot be in the future." in response.content.decode()


def test_registration_with_a_year_only_keeps_the_precision(
    personas: Personas, login: Callable[[User], DjangoClient]
) -> None:
    response = _register(login(personas.user(Role.CASEWORKER)), birth_date="", birth_year="1990")
    assert response.status_code == 302  # type: ignore[attr-defined]
    client = Client.objects.get()
    assert client.birth_date == datetime.date(1990, 1, 1)
    assert client.birth_date_precision == BirthDatePrecision.YEAR
    assert client.birth_display == "1990"


def test_registration_saves_the_client_for_the_callers_organisation(
    personas: Personas, login: Callable[[User], DjangoClient]
) -> None:
    user = personas.user(Role.CASEWORKER)
    response = _register(login(user))
    client = Client.objects.get()
    assert response["Location"] == reverse("clients:detail", kwargs={"client_id": client.pk})  # type: ignore[index]
    assert client.organization == personas.ours
    assert client.created_by == user
    assert str(client.phone) == "+420777123456"
    assert client.name_key == client.native_name_key == "kovalenko olena"


def test_database_refuses_validity_ending_before_it_starts(personas: Personas) -> None:
    with pytest.raises(IntegrityError):
        ClientFactory(
            organization=personas.ours,
            document_valid_from=datetime.date(2026, 5, 1),
            document_valid_until=datetime.date(2026, 4, 1),
        )


def test_clean_refuses_birth_in_the_future(personas: Personas) -> None:
    client = ClientFactory.build(organization=personas.ours, birth_date=timezone.localdate() + datetime.timedelta(1))
    with pytest.raises(ValidationError) as raised:
        client.clean()
    assert "birth_date" in raised.value.message_dict


def test_child_is_flagged_from_the_birth_date(personas: Personas) -> None:
    today = timezone.localdate()
    child = ClientFactory.build(birth_date=today.replace(year=today.year - 7))
    adult = ClientFactory.build(birth_date=datetime.date(1980, 1, 1))
    year_only = ClientFactory.build(
        birth_date=datetime.date(today.year - 17, 1, 1), birth_date_precision=BirthDatePrecision.YEAR
    )
    assert child.is_child
    assert year_only.is_child
    assert not adult.is_child
