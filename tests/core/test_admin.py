"""The technical administration opens for the platform's operators, and for nobody else."""

from collections.abc import Callable

import pytest
from django.test import Client

from spojka.accounts.models import User
from spojka.network.enums import Role
from tests.conftest import Personas
from tests.factories import AdministrativeUnitFactory

PAGES = [
    "/en/app/admin/",
    "/en/app/admin/accounts/user/",
    "/en/app/admin/accounts/user/add/",
    "/en/app/admin/network/organization/",
    "/en/app/admin/network/organization/add/",
    "/en/app/admin/network/membership/",
    "/en/app/admin/geo/administrativeunit/",
    "/en/app/admin/geo/country/",
    "/en/app/admin/geo/residencestatus/",
]


@pytest.mark.parametrize("path", PAGES)
def test_admin_pages_open_for_a_superuser(path: str, personas: Personas, login: Callable[[User], Client]) -> None:
    AdministrativeUnitFactory()
    operator = personas.user(Role.PLATFORM_ADMIN)
    operator.is_staff = operator.is_superuser = True
    operator.save(update_fields=["is_staff", "is_superuser"])
    assert login(operator).get(path).status_code == 200


def test_superuser_adds_a_user_by_email(personas: Personas, login: Callable[[User], Client]) -> None:
    operator = personas.user(Role.PLATFORM_ADMIN)
    operator.is_staff = operator.is_superuser = True
    operator.save(update_fields=["is_staff", "is_superuser"])
    response = login(operator).post(
        "/en/app/admin/accounts/user/add/",
        {
            "email": "new@example.org",
            "full_name": "New Person",
            "password1": "x-long-passw0rd-2026",
            "password2": "x-long-passw0rd-2026",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(email="new@example.org").exists()


def test_admin_is_closed_to_staff_without_the_flag(personas: Personas, login: Callable[[User], Client]) -> None:
    response = login(personas.user(Role.PLATFORM_ADMIN)).get("/en/app/admin/network/organization/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
