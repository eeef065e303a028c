"""The organisations of the network: listing, detail, and the administrator's edits."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from spojka.accounts.models import User
from spojka.network.enums import Role, Sector
from spojka.network.models import Organization
from tests.conftest import Personas
from tests.factories import OrganizationFactory


def test_list_filters_by_sector_and_search(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.user(Role.CASEWORKER))
    listed = client.get(reverse("network:organizations"), {"sector": Sector.NON_PROFIT}).context["organizations"]
    assert list(listed) == [personas.theirs]
    listed = client.get(reverse("network:organizations"), {"q": "ours"}).context["organizations"]
    assert list(listed) == [personas.ours]


def test_list_query_count_does_not_grow_with_organisations(
    personas: Personas,
    login: Callable[[User], Client],
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    OrganizationFactory.create_batch(20)
    client = login(personas.user(Role.CASEWORKER))
    with django_assert_max_num_queries(10):  # type: ignore[operator]
        assert client.get(reverse("network:organizations")).status_code == 200


def test_admin_adds_an_organisation(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.user(Role.PLATFORM_ADMIN))
    response = client.post(
        reverse("network:organization_new"),
        {
            "name": "Obec Příkladov",
            "sector": Sector.MUNICIPAL_SELF_GOVERNMENT,
            "identifier": "00000001",
            "is_active": "on",
            "website": "obec.example",
        },
    )
    organization = Organization.objects.get(name="Obec Příkladov")
    assert response["Location"] == reverse("network:organization", kwargs={"organization_id": organization.pk})
    assert organization.website == "https://obec.example"


def test_invalid_organisation_form_keeps_input_and_saves_nothing(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    OrganizationFactory(identifier="12345678")
    client = login(personas.user(Role.PLATFORM_ADMIN))
    before = Organization.objects.count()
    response = client.post(
        "/en" + reverse("network:organization_new")[3:],
        {"name": "Duplicate Number", "sector": "nonsense", "identifier": "12345678"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice." in body
    assert 'value="Duplicate Number"' in body
    assert Organization.objects.count() == before


def test_duplicate_identification_number_is_refused(personas: Personas, login: Callable[[User], Client]) -> None:
    OrganizationFactory(identifier="12345678")
    client = login(personas.user(Role.PLATFORM_ADMIN))
    response = client.post(
        "/en" + reverse("network:organization_new")[3:],
        {"name": "Another", "sector": Sector.NON_PROFIT, "identifier": "12345678"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def test_detail_shows_public_facts(personas: Personas, login: Callable[[User], Client]) -> None:
    personas.theirs.email = "info@theirs.example.org"
    personas.theirs.save()
    client = login(personas.user(Role.DESK_OPERATOR))
    response = client.get(reverse("network:organization", kwargs={"organization_id": personas.theirs.pk}))
    assert "info@theirs.example.org" in response.content.decode()


def test_unknown_organisation_is_not_found(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.user(Role.PLATFORM_ADMIN))
    url = reverse("network:organization", kwargs={"organization_id": "00000000-0000-0000-0000-000000000000"})
    assert client.get(url).status_code == 404
