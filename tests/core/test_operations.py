"""Health check, error pages, configuration safety and migrations."""

import io
import os
import subprocess
import sys
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.test import Client

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_ok(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_unreachable_database(client: Client) -> None:
    with mock.patch("spojka.core.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_every_response_carries_a_strict_content_security_policy(client: Client) -> None:
    policy = client.get("/cs/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def _import_settings(**environment: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SPOJKA_TESTING", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-c", "import spojka.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_mode_refuses_the_development_secret_key() -> None:
    result = _import_settings(DEBUG="false")
    assert result.returncode != 0
    assert "insecure SECRET_KEY" in result.stderr


def test_production_mode_refuses_a_short_secret_key() -> None:
    result = _import_settings(DEBUG="false", SECRET_KEY="short")
    assert result.returncode != 0


def test_production_mode_starts_with_a_strong_secret_key() -> None:
    result = _import_settings(DEBUG="false", SECRET_KEY="k3" * 10 + "a-long-random-looking-secret-key-9f8e7d6c5b4a")
    assert result.returncode == 0, result.stderr


def test_recommended_production_configuration_passes_the_deployment_checks() -> None:
    environment = {
        "DEBUG": "false",
        "SECRET_KEY": "k3" * 10 + "a-long-random-looking-secret-key-9f8e7d6c5b4a",
        "ALLOWED_HOSTS": "spojka.example.org",
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
        "SECURE_HSTS_PRELOAD": "true",
        "BEHIND_PROXY": "true",
    }
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SPOJKA_TESTING", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(environment)
    result = subprocess.run(
        [sys.executable, "-m", "spojka", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_development_mode_accepts_the_built_in_key() -> None:
    assert _import_settings(DEBUG="true").returncode == 0


def test_a_misspelled_switch_is_refused() -> None:
    result = _import_settings(DEBUG="maybe")
    assert "DEBUG must be true or false" in result.stderr


def test_no_model_change_lacks_a_migration() -> None:
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
