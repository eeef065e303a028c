"""The staff home page and acting for one of several organisations."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from spojka.accounts.models import User
from spojka.network.enums import Role
from tests.conftest import Personas
from tests.factories import MembershipFactory, OrganizationFactory


def test_home_shows_organisation_role_and_colleagues(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.user(Role.CASEWORKER))
    body = client.get("/en/app/").content.decode()
    assert personas.ours.name in body
    assert "Caseworker" in body
    assert personas.user(Role.ANALYST).full_name in body
    assert "manager@theirs.example.org" not in body


def test_user_without_role_sees_explanation(personas: Personas, login: Callable[[User], Client]) -> None:
    response = login(personas.outsider).get("/en/app/")
    assert response.status_code == 403
    assert "You are not working for any organisation" in response.content.decode()


def test_user_with_two_memberships_switches_between_them(personas: Personas, login: Callable[[User], Client]) -> None:
    user = personas.user(Role.CASEWORKER)
    other = MembershipFactory(user=user, organization=personas.theirs, role=Role.ORGANIZATION_MANAGER)
    client = login(user)
    client.post(
        reverse("core:switch_membership"),
        {"membership": str(user.memberships.get(organization=personas.ours).pk)},
    )
    staff_url = reverse("network:organization_staff", kwargs={"organization_id": personas.theirs.pk})
    assert client.get(staff_url).status_code in {403, 404}

    response = client.post(reverse("core:switch_membership"), {"membership": str(other.pk), "next": "/en/app/"})

    assert response["Location"] == "/en/app/"
    assert client.get(staff_url).status_code == 200


def test_switching_to_someone_elses_membership_is_ignored(personas: Personas, login: Callable[[User], Client]) -> None:
    user = personas.user(Role.CASEWORKER)
    foreign = personas.user(Role.PLATFORM_ADMIN).memberships.get()
    client = login(user)
    client.post(reverse("core:switch_membership"), {"membership": str(foreign.pk), "next": "/en/app/"})
    assert client.get(reverse("network:organization_new")).status_code == 403


def test_switch_refuses_foreign_redirect(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.user(Role.CASEWORKER))
    response = client.post(reverse("core:switch_membership"), {"membership": "", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_front_page_lists_network_without_personal_data(personas: Personas, client: Client) -> None:
    body = client.get("/en/").content.decode()
    assert personas.ours.name in body
    assert personas.theirs.name in body
    assert personas.user(Role.CASEWORKER).email not in body


def test_administrator_sees_organisations_without_a_manager(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    nobody_manages = OrganizationFactory(name="Obec Bez Vedení")
    MembershipFactory(organization=nobody_manages, role=Role.CASEWORKER)
    deactivated = OrganizationFactory(name="Spolek Odešlých")
    MembershipFactory(organization=deactivated, role=Role.ORGANIZATION_MANAGER, is_active=False)

    response = login(personas.user(Role.PLATFORM_ADMIN)).get("/en/app/")

    names = [organization.name for organization in response.context["without_manager"]]
    assert "Obec Bez Vedení" in names
    assert "Spolek Odešlých" in names
    assert personas.ours.name not in names  # has a manager
    assert "Organisations without a manager" in response.content.decode()


def test_other_roles_do_not_get_the_administrators_to_do(personas: Personas, login: Callable[[User], Client]) -> None:
    response = login(personas.user(Role.ORGANIZATION_MANAGER)).get("/en/app/")
    assert response.context["without_manager"] is None
    assert "Organisations without a manager" not in response.content.decode()
