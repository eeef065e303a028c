"""A service nobody has reviewed for six months is flagged to its organisation and the coordinator."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spojka.accounts.models import User
from spojka.directory.enums import ServiceStatus
from spojka.directory.models import STALE_AFTER, Service
from spojka.directory.queries import stale_services
from spojka.network.enums import Role
from tests.conftest import Personas
from tests.directory.factories import ServiceFactory

pytestmark = pytest.mark.django_db

Login = Callable[[User], Client]


@pytest.fixture(autouse=True)
def _no_search_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("spojka.directory.actions._common.reindex_services", lambda *, service_ids: None)


def _seven_months_ago() -> Any:
    return timezone.now() - STALE_AFTER - timedelta(days=30)


@pytest.fixture
def services(personas: Personas) -> dict[str, Service]:
    return {
        "our_stale": ServiceFactory(organization=personas.ours, name="Naše stará", reviewed_at=_seven_months_ago()),
        "our_fresh": ServiceFactory(organization=personas.ours, name="Naše čerstvá"),
        "their_stale": ServiceFactory(
            organization=personas.theirs, name="Jejich stará", reviewed_at=_seven_months_ago()
        ),
        "our_defunct": ServiceFactory(
            organization=personas.ours,
            name="Naše zrušená",
            reviewed_at=_seven_months_ago(),
            status=ServiceStatus.DEFUNCT,
        ),
    }


def test_manager_sees_only_their_organisations_stale_services(personas: Personas, services: dict[str, Service]) -> None:
    assert list(stale_services(viewer=personas.user(Role.ORGANIZATION_MANAGER))) == [services["our_stale"]]


def test_coordinator_sees_every_organisations_stale_services(personas: Personas, services: dict[str, Service]) -> None:
    stale = set(stale_services(viewer=personas.user(Role.REGIONAL_COORDINATOR)))
    assert stale == {services["our_stale"], services["their_stale"]}


def test_caseworker_is_flagged_nothing(personas: Personas, services: dict[str, Service]) -> None:
    assert not stale_services(viewer=personas.user(Role.CASEWORKER)).exists()


def test_service_reviewed_just_under_six_months_ago_is_not_stale(personas: Personas) -> None:
    ServiceFactory(organization=personas.ours, reviewed_at=timezone.now() - STALE_AFTER + timedelta(hours=1))
    assert not stale_services(viewer=personas.user(Role.ORGANIZATION_MANAGER)).exists()


def test_review_page_of_a_manager_does_not_leak_other_organisations(
    personas: Personas, services: dict[str, Service], login: Login
) -> None:
    response = login(personas.user(Role.ORGANIZATION_MANAGER)).get(reverse("directory:review"))
    assert "Naše stará" in response.text
    assert "Naše čerstvá" not in response.text
    assert "Jejich stará" not in response.text


def test_review_page_of_the_coordinator_lists_every_organisation(
    personas: Personas, services: dict[str, Service], login: Login
) -> None:
    client = login(personas.user(Role.REGIONAL_COORDINATOR))
    response = client.get(reverse("directory:review"))
    assert "Naše stará" in response.text
    assert "Jejich stará" in response.text
    assert reverse("directory:review_organization", kwargs={"organization_id": personas.theirs.pk}) in response.text
    one = client.get(reverse("directory:review_organization", kwargs={"organization_id": personas.theirs.pk}))
    assert "Jejich stará" in one.text
    assert "Naše stará" not in one.text


def test_stale_services_are_flagged_on_the_lists(
    personas: Personas, services: dict[str, Service], login: Login
) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    mine = client.get("/en/app/directory/ours/")
    assert "to review" in mine.text
    assert "1 service has not been reviewed for six months." in mine.text
    only_stale = client.get("/en/app/directory/", {"stale": "1"})
    assert "Naše stará" in only_stale.text
    assert "Jejich stará" in only_stale.text
    assert "Naše čerstvá" not in only_stale.text


def test_workspace_card_tells_the_manager_how_many_to_review(
    personas: Personas, services: dict[str, Service], login: Login
) -> None:
    response = login(personas.user(Role.ORGANIZATION_MANAGER)).get("/en/app/")
    assert "1 of your services has not been reviewed for six months." in response.text


def test_workspace_card_tells_the_coordinator_the_whole_networks_count(
    personas: Personas, services: dict[str, Service], login: Login
) -> None:
    response = login(personas.user(Role.REGIONAL_COORDINATOR)).get("/en/app/")
    assert "2 services in the network have not been reviewed for six months." in response.text


def test_marking_as_reviewed_takes_the_service_off_the_list(
    personas: Personas, services: dict[str, Service], login: Login
) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = client.post(
        reverse("directory:service_reviewed", kwargs={"service_id": services["our_stale"].pk}), {"next": "review"}
    )
    assert response["Location"] == reverse("directory:review")
    assert not stale_services(viewer=personas.user(Role.ORGANIZATION_MANAGER)).exists()


def test_manager_cannot_mark_another_organisations_service_reviewed(
    personas: Personas, services: dict[str, Service], login: Login
) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = client.post(reverse("directory:service_reviewed", kwargs={"service_id": services["their_stale"].pk}))
    assert response.status_code == 404
    services["their_stale"].refresh_from_db()
    assert services["their_stale"].is_stale


def test_review_page_query_count_is_bounded(
    personas: Personas, login: Login, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    for _ in range(10):
        ServiceFactory(organization=personas.theirs, reviewed_at=_seven_months_ago())
    client = login(personas.user(Role.REGIONAL_COORDINATOR))
    with django_assert_max_num_queries(14):
        client.get(reverse("directory:review"))
