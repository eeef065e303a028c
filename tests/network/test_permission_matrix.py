"""Every role against every protected view: allowed where the matrix says so, denied elsewhere."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from spojka.accounts.models import User
from spojka.network.enums import Role
from spojka.network.rules import MATRIX
from tests.conftest import Personas
from tests.factories import AdministrativeUnitFactory


@dataclass(frozen=True)
class ProtectedView:
    name: str
    permission: str
    kwargs: Callable[[Personas], dict[str, object]]
    method: str = "get"

    def url(self, personas: Personas) -> str:
        return reverse(self.name, kwargs=self.kwargs(personas))


def _no_kwargs(personas: Personas) -> dict[str, object]:
    return {}


def _our_org(personas: Personas) -> dict[str, object]:
    return {"organization_id": personas.ours.pk}


def _a_unit(personas: Personas) -> dict[str, object]:
    return {"unit_id": AdministrativeUnitFactory().pk}


def _caseworker_membership(personas: Personas) -> dict[str, object]:
    return {"membership_id": personas.user(Role.CASEWORKER).memberships.get().pk}


PROTECTED_VIEWS = [
    ProtectedView("core:workspace", "core.use_workspace", _no_kwargs),
    ProtectedView("network:organizations", "network.view_organizations", _no_kwargs),
    ProtectedView("network:organization", "network.view_organizations", _our_org),
    ProtectedView("network:organization_new", "network.manage_organizations", _no_kwargs),
    ProtectedView("network:organization_edit", "network.manage_organizations", _our_org),
    ProtectedView("network:organization_staff", "network.manage_staff", _our_org),
    ProtectedView("network:invite", "network.manage_staff", _our_org),
    ProtectedView("network:staff", "network.manage_staff", _no_kwargs),
    ProtectedView("network:deactivate", "network.manage_staff", _caseworker_membership, "post"),
    ProtectedView("network:reactivate", "network.manage_staff", _caseworker_membership, "post"),
    ProtectedView("network:resend_invitation", "network.manage_staff", _caseworker_membership, "post"),
    ProtectedView("network:roles", "network.view_roles", _no_kwargs),
    ProtectedView("geo:units", "geo.view_geography", _no_kwargs),
    ProtectedView("geo:unit", "geo.view_geography", _a_unit),
    ProtectedView("geo:packs", "geo.view_country_packs", _no_kwargs),
]

# Workspace pages any signed-in person may open, whatever their role.
OPEN_TO_EVERY_USER = {
    "core:switch_membership",
    "accounts:login",
    "accounts:login_verify",
    "accounts:logout",
    "accounts:two_factor",
    "accounts:two_factor_setup",
    "accounts:two_factor_backup_codes",
    "accounts:two_factor_disable",
    "accounts:profile",
    "accounts:password_change",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
}


def _workspace_url_names() -> set[str]:
    """Return the names of every URL under /app/, except the Django admin."""
    names: set[str] = set()

    def walk(patterns: list[URLPattern | URLResolver], namespace: str, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            elif pattern.name and (prefix + str(pattern.pattern)).startswith("app/"):
                names.add(namespace + pattern.name)

    for top in get_resolver().url_patterns:
        if isinstance(top, URLResolver) and "LocalePrefixPattern" in type(top.pattern).__name__:
            walk(top.url_patterns, "", "")
    return names


def test_matrix_covers_every_workspace_view() -> None:
    covered = {view.name for view in PROTECTED_VIEWS} | OPEN_TO_EVERY_USER
    assert _workspace_url_names() - covered == set(), "add the new view to PROTECTED_VIEWS"


def test_every_permission_in_the_matrix_guards_a_view() -> None:
    assert {view.permission for view in PROTECTED_VIEWS} == set(MATRIX)


def _request(client: Client, view: ProtectedView, personas: Personas) -> int:
    url = view.url(personas)
    response = client.post(url) if view.method == "post" else client.get(url)
    return response.status_code


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
@pytest.mark.parametrize("view", PROTECTED_VIEWS, ids=lambda view: view.name)
def test_role_is_allowed_exactly_where_the_matrix_says(
    role: Role, view: ProtectedView, personas: Personas, login: Callable[[User], Client]
) -> None:
    client = login(personas.user(role))
    status = _request(client, view, personas)
    if role in MATRIX[view.permission]:
        assert status in {200, 302}, f"{role} should reach {view.name}"
    else:
        assert status in {403, 404}, f"{role} must not reach {view.name}"


@pytest.mark.parametrize("view", PROTECTED_VIEWS, ids=lambda view: view.name)
def test_anonymous_visitor_is_sent_to_login(view: ProtectedView, personas: Personas, client: Client) -> None:
    response = client.post(view.url(personas)) if view.method == "post" else client.get(view.url(personas))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("view", PROTECTED_VIEWS, ids=lambda view: view.name)
def test_user_without_any_role_is_denied(
    view: ProtectedView, personas: Personas, login: Callable[[User], Client]
) -> None:
    client = login(personas.outsider)
    assert _request(client, view, personas) in {403, 404}
