"""Fixtures of the desk tests: a one-stop shop hosted by "ours", served by our desk operator."""

from collections.abc import Callable

import pytest
from django.test import Client

from spojka.accounts.models import User
from spojka.desk import actions
from spojka.desk.models import Visit
from spojka.network.enums import Role
from spojka.network.models import Membership
from tests.conftest import Personas
from tests.desk.factories import Shop, assign, make_shop
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def shop(personas: Personas) -> Shop:
    """Return our site; our desk operator serves registration and police."""
    shop = make_shop(organization=personas.ours, name="Our one-stop shop")
    operator = personas.user(Role.DESK_OPERATOR).memberships.get()
    assign(shop.registration, operator)
    assign(shop.police, operator)
    return shop


@pytest.fixture
def colleague(personas: Personas, shop: Shop) -> User:
    """Return a second desk operator of ours, serving registration too."""
    membership = MembershipFactory(
        organization=personas.ours,
        role=Role.DESK_OPERATOR,
        user=UserFactory(email="colleague@ours.example.org", full_name="Colleague Deskworker"),
    )
    assign(shop.registration, membership)
    return membership.user


@pytest.fixture
def their_operator(personas: Personas) -> Membership:
    """Return a desk operator of the other organisation, serving nothing of ours."""
    return MembershipFactory(
        organization=personas.theirs,
        role=Role.DESK_OPERATOR,
        user=UserFactory(email="desk@theirs.example.org", full_name="Their Deskworker"),
    )


@pytest.fixture
def receive(personas: Personas, shop: Shop) -> Callable[..., Visit]:
    """Return a function that issues a ticket at our site (registration purpose by default)."""

    def _receive(**overrides: object) -> Visit:
        arguments: dict[str, object] = {
            "site": shop.site,
            "purposes": [shop.register],
            "language": "uk",
            "party_size": 1,
            "priority": "",
            "by": personas.user(Role.DESK_OPERATOR),
        }
        arguments.update(overrides)
        return actions.receive_visitor(**arguments)  # type: ignore[arg-type]

    return _receive


@pytest.fixture
def operator_client(personas: Personas, login: Callable[[User], Client]) -> Client:
    return login(personas.user(Role.DESK_OPERATOR))
