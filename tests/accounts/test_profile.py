"""The user's own account page."""

from collections.abc import Callable

from django.test import Client

from spojka.accounts.models import User
from spojka.network.enums import Role
from tests.conftest import Personas


def test_profile_saves_language_and_continues_in_it(personas: Personas, login: Callable[[User], Client]) -> None:
    user = personas.user(Role.CASEWORKER)
    client = login(user)
    response = client.post("/cs/app/accounts/profile/", {"full_name": "Jana Nová", "preferred_language": "en"})
    user.refresh_from_db()
    assert (user.full_name, user.preferred_language) == ("Jana Nová", "en")
    assert response["Location"] == "/en/app/accounts/profile/"


def test_profile_with_empty_name_shows_error_and_keeps_input(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    user = personas.user(Role.CASEWORKER)
    client = login(user)
    response = client.post("/en/app/accounts/profile/", {"full_name": "", "preferred_language": "xx"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in body
    assert "Select a valid choice." in body
    user.refresh_from_db()
    assert user.preferred_language == "cs"


def test_profile_lists_the_users_roles(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.user(Role.ANALYST))
    body = client.get("/en/app/accounts/profile/").content.decode()
    assert personas.ours.name in body
    assert "Analyst" in body
