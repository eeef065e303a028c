"""Signing in: the form, the language afterwards, throttling and deactivated accounts."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from spojka.network.enums import Role
from tests.conftest import Personas
from tests.factories import PASSWORD

LOGIN_URL = "/cs/app/accounts/login/"


def _sign_in(client: Client, email: str, password: str) -> object:
    return client.post(LOGIN_URL, {"username": email, "password": password})


def test_login_with_right_password_opens_workspace_in_preferred_language(client: Client, personas: Personas) -> None:
    user = personas.user(Role.CASEWORKER)
    user.preferred_language = "uk"
    user.save(update_fields=["preferred_language"])

    response = _sign_in(client, user.email, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/uk/app/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "uk"


def test_login_email_is_case_insensitive(client: Client, personas: Personas) -> None:
    user = personas.user(Role.CASEWORKER)
    response = _sign_in(client, user.email.upper(), PASSWORD)
    assert response.status_code == 302


def test_login_with_wrong_password_keeps_email_and_explains(client: Client, personas: Personas) -> None:
    user = personas.user(Role.CASEWORKER)
    response = client.post("/en/app/accounts/login/", {"username": user.email, "password": "nope"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "The e-mail or the password is incorrect" in body
    assert f'value="{user.email}"' in body


def test_login_error_is_in_the_users_language(client: Client, personas: Personas) -> None:
    user = personas.user(Role.CASEWORKER)
    response = client.post("/cs/app/accounts/login/", {"username": user.email, "password": "nope"})
    assert "The e-mail or the password is incorrect" not in response.content.decode()


def test_login_is_locked_after_repeated_failures(client: Client, personas: Personas) -> None:
    user = personas.user(Role.CASEWORKER)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, user.email, "wrong-password")

    response = _sign_in(client, user.email, PASSWORD)

    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert "_auth_user_id" not in client.session


def test_lockout_of_one_account_leaves_others_alone(client: Client, personas: Personas) -> None:
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, personas.user(Role.CASEWORKER).email, "wrong-password")

    response = _sign_in(client, personas.user(Role.ANALYST).email, PASSWORD)

    assert response.status_code == 302


def test_deactivated_user_cannot_log_in(client: Client, personas: Personas) -> None:
    user = personas.user(Role.CASEWORKER)
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = _sign_in(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_needs_post_and_ends_session(client: Client, personas: Personas) -> None:
    client.force_login(personas.user(Role.CASEWORKER), backend="spojka.accounts.backends.PasswordBackend")
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_session_expires_after_inactivity() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


@pytest.mark.django_db
def test_password_reset_sends_link_in_page_language(client: Client, personas: Personas) -> None:
    user = personas.user(Role.CASEWORKER)
    response = client.post("/en/app/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/en/app/accounts/password/reset/" in mail.outbox[0].body


def test_password_reset_for_unknown_email_reveals_nothing(client: Client, personas: Personas) -> None:
    response = client.post("/en/app/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
