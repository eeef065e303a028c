"""Addresses carry the language; the switcher remembers it; unknown languages fall back to Czech."""

from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client

from spojka.accounts.models import User
from spojka.network.enums import Role
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("uk-UA,uk;q=0.9", "/uk/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("cs", "/cs/"),
        ("de-DE,de;q=0.9", "/cs/"),
        ("", "/cs/"),
    ],
)
def test_root_redirects_by_browser_language(client: Client, accept_language: str, expected: str) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("path", ["/de/", "/de/app/network/organizations/", "/pt-br/app/?x=1"])
def test_unknown_language_code_falls_back_to_czech(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/cs/")
    assert response["Location"].endswith(path.split("/", 2)[2])


def test_paths_without_language_are_untouched(client: Client) -> None:
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("language", ["cs", "uk", "en"])
def test_page_is_served_in_the_language_of_its_address(client: Client, language: str) -> None:
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()


def test_switcher_remembers_choice_for_anonymous_visitor(client: Client) -> None:
    response = client.post("/i18n/language/", {"language": "uk", "next": "/cs/app/accounts/login/"})
    assert response["Location"] == "/uk/app/accounts/login/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "uk"
    assert client.get("/")["Location"] == "/uk/"


def test_switcher_remembers_choice_on_the_account(personas: Personas, login: Callable[[User], Client]) -> None:
    user = personas.user(Role.CASEWORKER)
    client = login(user)
    client.post("/i18n/language/", {"language": "en", "next": "/cs/app/"})
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_switcher_ignores_unknown_language(personas: Personas, login: Callable[[User], Client]) -> None:
    user = personas.user(Role.CASEWORKER)
    client = login(user)
    client.post("/i18n/language/", {"language": "xx", "next": "/cs/app/"})
    user.refresh_from_db()
    assert user.preferred_language == "cs"


def test_switcher_refuses_foreign_redirect(client: Client) -> None:
    response = client.post("/i18n/language/", {"language": "en", "next": "https://evil.example/"})
    assert "evil.example" not in response.get("Location", "")


@pytest.mark.parametrize("language", ["cs", "uk", "en"])
def test_not_found_page_is_in_the_users_language(client: Client, language: str) -> None:
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert f'<html lang="{language}"' in response.content.decode()


def test_switcher_works_from_a_page_in_another_language_than_the_cookie(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cs"
    response = client.post("/i18n/language/", {"language": "en", "next": "/uk/app/accounts/login/"})
    assert response["Location"] == "/en/app/accounts/login/"
