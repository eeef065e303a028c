"""Shared fixtures: personas of two organisations, so every test can ask "and the other one?"."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import translation

from spojka.accounts.models import User
from spojka.network.enums import Role, Sector
from spojka.network.models import Membership, Organization
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory


@dataclass(frozen=True)
class Personas:
    """Two organisations of the network and a member of staff in every role."""

    ours: Organization
    theirs: Organization
    by_role: dict[Role, User]
    outsider: User  # a user with no role anywhere

    def user(self, role: Role) -> User:
        return self.by_role[role]


@pytest.fixture(autouse=True)
def _english_outside_requests() -> Iterator[None]:
    """Speak English in code called directly (commands, loaders); requests choose their own language."""
    with translation.override("en"):
        yield


@pytest.fixture
def personas(db: None) -> Personas:
    ours = OrganizationFactory(name="Integration Centre Ours", sector=Sector.INTEGRATION_CENTRE)
    theirs = OrganizationFactory(name="Helping Hands Theirs", sector=Sector.NON_PROFIT)
    by_role = {
        role: MembershipFactory(
            organization=ours, role=role, user=UserFactory(email=f"{role.value}@ours.example.org")
        ).user
        for role in Role
    }
    MembershipFactory(
        organization=theirs,
        role=Role.ORGANIZATION_MANAGER,
        user=UserFactory(email="manager@theirs.example.org"),
    )
    outsider = UserFactory(email="outsider@example.org")
    return Personas(ours=ours, theirs=theirs, by_role=by_role, outsider=outsider)


@pytest.fixture
def login(client: Client) -> Callable[[User], Client]:
    """Return a function that logs the test client in as a user, skipping the login form."""

    def _login(user: User) -> Client:
        client.force_login(user, backend="spojka.accounts.backends.PasswordBackend")
        return client

    return _login


__all__ = ["Membership", "Personas"]
