"""`python -m spojka demo_accounts`: the list of demo logins that `make run` prints."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from spojka.demo import liberec
from spojka.network.enums import Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def demo_accounts(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("demo_accounts", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def demo() -> None:
    call_command("load_demo", stdout=StringIO())


@pytest.mark.usefixtures("demo")
def test_demo_accounts_json_lists_every_account_with_exactly_the_agreed_keys() -> None:
    out, _err = demo_accounts("--json")

    accounts = json.loads(out)
    assert len(accounts) == len(liberec.PEOPLE)
    keys = {"email", "password", "role", "organization"}
    assert all(set(account) == keys for account in accounts)
    assert {account["role"] for account in accounts} == set(Role.values)
    assert {account["email"] for account in accounts} == {person.email for person in liberec.PEOPLE}
    assert {account["password"] for account in accounts} == {settings.SPOJKA_DEMO_PASSWORD}
    coordinator = next(a for a in accounts if a["email"] == "martin.prikladny@demo.spojka.example")
    assert coordinator == {
        "email": "martin.prikladny@demo.spojka.example",
        "password": settings.SPOJKA_DEMO_PASSWORD,
        "role": "regional_coordinator",
        "organization": "Krajský úřad Libereckého kraje",
    }


@pytest.mark.usefixtures("demo")
def test_demo_accounts_table_lists_every_account_with_its_role() -> None:
    with translation.override("en"):
        out, _err = demo_accounts()

    lines = out.splitlines()
    for person in liberec.PEOPLE:
        line = next(line for line in lines if line.startswith(person.email + " "))
        assert settings.SPOJKA_DEMO_PASSWORD in line
        assert str(person.role.label) in line


@pytest.mark.usefixtures("demo")
def test_demo_accounts_table_aligns_its_columns() -> None:
    out, _err = demo_accounts()

    rows = [line for line in out.splitlines() if "@demo.spojka.example" in line]
    password_columns = {row.index(settings.SPOJKA_DEMO_PASSWORD) for row in rows}
    assert len(password_columns) == 1


@pytest.mark.usefixtures("demo")
def test_demo_accounts_lists_only_the_demo_domain() -> None:
    MembershipFactory(user=UserFactory(email="real.person@kraj.example.org"), role=Role.CASEWORKER)

    out, _err = demo_accounts("--json")
    table, _err = demo_accounts()

    assert "real.person" not in out
    assert "real.person" not in table


def test_demo_accounts_without_the_demo_says_how_to_load_it() -> None:
    out, _err = demo_accounts()

    assert "load_demo" in out


def test_demo_accounts_json_without_the_demo_is_an_empty_list() -> None:
    out, err = demo_accounts("--json")

    assert json.loads(out) == []
    assert "load_demo" in err
