"""Personal data stays inside the organisation that collected it; others get 404, never a name."""

import datetime
import uuid
from collections.abc import Callable

import pytest
from django.http import Http404
from django.test import Client as DjangoClient
from django.urls import reverse
from django.utils import timezone

from spojka.accounts.models import User
from spojka.clients.access import get_client_for_user
from spojka.clients.models import Client
from spojka.clients.queries import clients_visible_to
from spojka.network.enums import Role
from spojka.network.rules import MATRIX
from tests.clients.factories import ClientFactory, ConsentFactory
from tests.conftest import Personas

CLIENT_URLS = [
    ("clients:detail", "get"),
    ("clients:edit", "get"),
    ("clients:edit", "post"),
    ("clients:household", "get"),
    ("clients:household", "post"),
    ("clients:household_leave", "post"),
    ("clients:consent_new", "get"),
    ("clients:consent_new", "post"),
    ("clients:reminder", "get"),
    ("clients:data_export", "get"),
    ("clients:data_export_json", "get"),
    ("clients:erase", "get"),
    ("clients:erase", "post"),
]
CONSENT_URLS = [
    ("clients:consent_withdraw", "get"),
    ("clients:consent_withdraw", "post"),
    ("clients:consent_print", "get"),
]
LIST_URLS = ["clients:list", "clients:expiring"]
PERMISSIONS = {
    "clients:detail": "clients.view_clients",
    "clients:reminder": "clients.view_clients",
    "clients:edit": "clients.manage_clients",
    "clients:household": "clients.manage_clients",
    "clients:household_leave": "clients.manage_clients",
    "clients:consent_new": "clients.record_consent",
    "clients:data_export": "clients.export_client_data",
    "clients:data_export_json": "clients.export_client_data",
    "clients:erase": "clients.erase_clients",
}

NAME = "Zakharchenko"
NATIVE_NAME = "Захарченко"


def _theirs(personas: Personas) -> Client:
    return ClientFactory(
        organization=personas.theirs,
        family_name=NAME,
        native_family_name=NATIVE_NAME,
        document_valid_until=timezone.localdate() + datetime.timedelta(days=10),
    )


def _request(client: DjangoClient, name: str, method: str, kwargs: dict[str, object]) -> object:
    url = reverse(name, kwargs=kwargs)
    return client.post(url, {"reason": "x", "confirm": "on"}) if method == "post" else client.get(url)


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.ORGANIZATION_MANAGER, Role.DESK_OPERATOR])
@pytest.mark.parametrize(("name", "method"), CLIENT_URLS)
def test_other_organisations_client_is_not_found(
    personas: Personas, login: Callable[[User], DjangoClient], role: Role, name: str, method: str
) -> None:
    theirs = _theirs(personas)
    response = _request(login(personas.user(role)), name, method, {"client_id": theirs.pk})
    # Where the role holds the permission, the answer is "not found", never "forbidden".
    expected = 404 if role in MATRIX[PERMISSIONS[name]] else 403
    assert response.status_code == expected  # type: ignore[attr-defined]
    theirs.refresh_from_db()
    assert theirs.family_name == NAME  # nothing changed, nothing erased


@pytest.mark.parametrize(("name", "method"), CONSENT_URLS)
def test_other_organisations_consent_is_not_found(
    personas: Personas, login: Callable[[User], DjangoClient], name: str, method: str
) -> None:
    consent = ConsentFactory(client=_theirs(personas), recipient_organization=personas.ours)
    response = _request(login(personas.user(Role.CASEWORKER)), name, method, {"consent_id": consent.pk})
    assert response.status_code == 404  # type: ignore[attr-defined]
    consent.refresh_from_db()
    assert consent.is_active


def test_caseworker_gets_404_for_a_missing_and_a_forbidden_client_alike(
    personas: Personas, login: Callable[[User], DjangoClient]
) -> None:
    client = login(personas.user(Role.CASEWORKER))
    missing = client.get(reverse("clients:detail", kwargs={"client_id": uuid.uuid4()}))
    forbidden = client.get(reverse("clients:detail", kwargs={"client_id": _theirs(personas).pk}))
    assert missing.status_code == forbidden.status_code == 404


@pytest.mark.parametrize("name", LIST_URLS)
def test_lists_leave_out_other_organisations_clients(
    personas: Personas, login: Callable[[User], DjangoClient], name: str
) -> None:
    _theirs(personas)
    ours = ClientFactory(
        organization=personas.ours,
        family_name="Melnyk",
        document_valid_until=timezone.localdate() + datetime.timedelta(days=10),
    )
    client = login(personas.user(Role.CASEWORKER))
    for query in ({}, {"format": "csv"}):
        response = client.get(reverse(name), query)
        content = response.content.decode("utf-8-sig")
        assert "Melnyk" in content, ours
        assert NAME not in content
        assert NATIVE_NAME not in content


@pytest.mark.parametrize(
    "role", [Role.REGIONAL_COORDINATOR, Role.ANALYST, Role.PLATFORM_ADMIN, Role.CHILD_PROTECTION_OFFICER]
)
def test_roles_without_personal_data_never_see_a_name(
    personas: Personas, login: Callable[[User], DjangoClient], role: Role
) -> None:
    ours = ClientFactory(
        organization=personas.ours,
        family_name=NAME,
        native_family_name=NATIVE_NAME,
        document_valid_until=timezone.localdate() + datetime.timedelta(days=10),
    )
    consent = ConsentFactory(client=ours, recipient_organization=personas.theirs)
    client = login(personas.user(role))
    responses = [client.get(reverse(name)) for name in LIST_URLS]
    responses += [client.get(reverse(name), {"format": "csv"}) for name in LIST_URLS]
    responses += [_request(client, name, method, {"client_id": ours.pk}) for name, method in CLIENT_URLS]
    responses += [_request(client, name, method, {"consent_id": consent.pk}) for name, method in CONSENT_URLS]
    responses.append(client.get(reverse("core:workspace")))
    for response in responses:
        assert response.status_code in {200, 403, 404}  # type: ignore[attr-defined]
        content = response.content.decode("utf-8-sig")  # type: ignore[attr-defined]
        assert NAME not in content
        assert NATIVE_NAME not in content
    assert not clients_visible_to(personas.user(role)).exists()


def test_access_helper_refuses_changes_to_clients_the_user_may_only_see(personas: Personas) -> None:
    ours = ClientFactory(organization=personas.ours)
    assert get_client_for_user(personas.user(Role.DESK_OPERATOR), ours.pk) == ours
    with pytest.raises(Http404):
        get_client_for_user(personas.user(Role.DESK_OPERATOR), ours.pk, permission="clients.erase_clients")


def test_erased_clients_are_visible_to_nobody(personas: Personas) -> None:
    ClientFactory(organization=personas.ours, erased_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    assert not clients_visible_to(personas.user(Role.CASEWORKER)).exists()
