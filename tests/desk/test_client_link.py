"""Reception links a visit to a client record of its own organisation, and to no one else's."""

from collections.abc import Callable

import pytest
from django.test import Client as WebClient
from django.urls import reverse
from django.utils import translation

from spojka.accounts.models import User
from spojka.audit.enums import AuditAction
from spojka.audit.models import AccessEntry
from spojka.clients.models import Client
from spojka.desk import actions
from spojka.desk.actions import DeskError
from spojka.desk.models import Visit
from spojka.network.enums import Role
from tests.clients.factories import ClientFactory
from tests.conftest import Personas
from tests.desk.factories import Shop

Login = Callable[[User], WebClient]


def url(name: str, **kwargs: object) -> str:
    with translation.override("en"):
        return reverse(f"desk:{name}", kwargs=kwargs)


@pytest.fixture
def our_client(personas: Personas) -> Client:
    return ClientFactory(organization=personas.ours, given_name="Olena", family_name="Ourclient")


@pytest.fixture
def their_client(personas: Personas) -> Client:
    return ClientFactory(organization=personas.theirs, given_name="Olena", family_name="Theirclient")


def visit_data(shop: Shop, **extra: str) -> dict[str, object]:
    return {"purposes": [str(shop.register.pk)], "language": "uk", "party_size": "1", **extra}


def test_reception_offers_only_our_organisations_clients(
    shop: Shop, personas: Personas, login: Login, our_client: Client, their_client: Client
) -> None:
    body = login(personas.user(Role.DESK_OPERATOR)).get(url("reception", site_id=shop.site.pk)).content.decode()

    assert "Olena Ourclient" in body
    assert str(our_client.pk) in body
    assert "Theirclient" not in body
    assert str(their_client.pk) not in body


def test_reception_client_search_filters_the_choice(
    shop: Shop, personas: Personas, login: Login, our_client: Client
) -> None:
    other = ClientFactory(organization=personas.ours, given_name="Petro", family_name="Shevchenko")
    client = login(personas.user(Role.DESK_OPERATOR))

    body = client.get(url("reception", site_id=shop.site.pk), {"client_query": "shevchenko"}).content.decode()

    assert str(other.pk) in body
    assert str(our_client.pk) not in body
    theirs_search = client.get(url("reception", site_id=shop.site.pk), {"client_query": "theirclient"})
    assert "Theirclient" not in theirs_search.content.decode()


def test_reception_links_our_client_and_audits_it(
    shop: Shop, personas: Personas, login: Login, our_client: Client
) -> None:
    client = login(personas.user(Role.DESK_OPERATOR))

    response = client.post(url("reception", site_id=shop.site.pk), visit_data(shop, client=str(our_client.pk)))

    visit = Visit.objects.get()
    assert response.status_code == 302
    assert visit.client_id == our_client.pk
    entry = AccessEntry.objects.get(client_id=our_client.pk)
    assert (entry.action, entry.object_type, entry.object_id, entry.fields) == (
        AuditAction.CREATE,
        "desk.visit",
        str(visit.pk),
        ["client"],
    )
    assert entry.organization_id == personas.ours.pk
    # The ticket and the public display never name the visitor.
    ticket = client.get(url("ticket", visit_id=visit.pk)).content.decode()
    display = WebClient().get(url("display", site_id=shop.site.pk)).content.decode()
    for page in (ticket, display):
        assert "Ourclient" not in page
        assert "Olena" not in page


def test_reception_without_a_client_records_no_access(shop: Shop, personas: Personas, login: Login) -> None:
    login(personas.user(Role.DESK_OPERATOR)).post(url("reception", site_id=shop.site.pk), visit_data(shop))

    assert Visit.objects.get().client_id is None
    assert not AccessEntry.objects.exists()


def test_reception_refuses_another_organisations_client_in_a_forged_post(
    shop: Shop, personas: Personas, login: Login, their_client: Client
) -> None:
    client = login(personas.user(Role.DESK_OPERATOR))

    response = client.post(url("reception", site_id=shop.site.pk), visit_data(shop, client=str(their_client.pk)))

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert "Theirclient" not in response.content.decode()
    assert not Visit.objects.exists()
    assert not AccessEntry.objects.exists()


def test_receive_visitor_refuses_a_client_the_user_may_not_link(
    shop: Shop, personas: Personas, their_client: Client
) -> None:
    with pytest.raises(DeskError, match="You may not link this visit to that client record"):
        actions.receive_visitor(
            site=shop.site,
            purposes=[shop.register],
            language="uk",
            party_size=1,
            priority="",
            by=personas.user(Role.DESK_OPERATOR),
            client=their_client,
        )

    assert not Visit.objects.exists()
    assert not AccessEntry.objects.exists()


def test_receive_visitor_refuses_an_erased_client(shop: Shop, personas: Personas, our_client: Client) -> None:
    Client.objects.filter(pk=our_client.pk).update(erased_at="2026-11-01T10:00:00+00:00")
    our_client.refresh_from_db()

    with pytest.raises(DeskError):
        actions.receive_visitor(
            site=shop.site,
            purposes=[shop.register],
            language="uk",
            party_size=1,
            priority="",
            by=personas.user(Role.DESK_OPERATOR),
            client=our_client,
        )


def test_deleting_the_client_keeps_the_visit(shop: Shop, personas: Personas, our_client: Client) -> None:
    visit = actions.receive_visitor(
        site=shop.site,
        purposes=[shop.register],
        language="uk",
        party_size=1,
        priority="",
        by=personas.user(Role.DESK_OPERATOR),
        client=our_client,
    )

    Client.objects.filter(pk=our_client.pk).delete()

    visit.refresh_from_db()
    assert visit.client_id is None


def test_reception_query_count_with_clients_does_not_grow(
    shop: Shop, personas: Personas, login: Login, django_assert_max_num_queries: Callable[..., object]
) -> None:
    for number in range(30):
        ClientFactory(organization=personas.ours, family_name=f"Client{number}")
    client = login(personas.user(Role.DESK_OPERATOR))
    with django_assert_max_num_queries(30):  # type: ignore[operator]
        assert client.get(url("reception", site_id=shop.site.pk)).status_code == 200
