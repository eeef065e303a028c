"""The desk's pages: who may open what, what they show, and what bad input gets."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from spojka.accounts.models import User
from spojka.desk import actions
from spojka.desk.enums import StepStatus
from spojka.desk.models import Site, Station, StationOperator, Step, Visit
from spojka.network.enums import Role
from spojka.network.models import Membership
from tests.conftest import Personas
from tests.desk.factories import Shop, assign, make_shop
from tests.factories import OrganizationFactory

Receive = Callable[..., Visit]
Login = Callable[[User], Client]

STYLESHEET = Path(__file__).resolve().parents[2] / "src/spojka/static/spojka/spojka.css"


def url(name: str, **kwargs: object) -> str:
    with translation.override("en"):
        return reverse(f"desk:{name}", kwargs=kwargs)


# The desk home and the site.


def test_index_lists_the_sites_the_user_takes_part_in_only(
    shop: Shop, personas: Personas, login: Login, their_operator: Membership
) -> None:
    make_shop(name="Somebody else's shop")

    body = login(personas.user(Role.DESK_OPERATOR)).get(url("index")).content.decode()

    assert "Our one-stop shop" in body
    assert "Somebody else&#x27;s shop" not in body
    assert "Somebody else's shop" not in body
    assert url("station", station_id=shop.registration.pk) in body
    assert url("reception", site_id=shop.site.pk) in body
    assert url("statistics", site_id=shop.site.pk) in body
    assert url("display", site_id=shop.site.pk) in body


def test_index_of_another_organisation_does_not_show_our_site(
    shop: Shop, login: Login, their_operator: Membership
) -> None:
    body = login(their_operator.user).get(url("index")).content.decode()

    assert "Our one-stop shop" not in body


def test_coordinator_sees_every_site(shop: Shop, personas: Personas, login: Login) -> None:
    make_shop(name="Another region's shop")

    response = login(personas.user(Role.REGIONAL_COORDINATOR)).get(url("index"))

    assert {entry["site"].name for entry in response.context["sites"]} == {"Our one-stop shop", "Another region's shop"}


def test_site_of_another_organisation_is_not_found(shop: Shop, login: Login, their_operator: Membership) -> None:
    client = login(their_operator.user)

    assert client.get(url("site", site_id=shop.site.pk)).status_code == 404
    assert client.get(url("reception", site_id=shop.site.pk)).status_code == 404


def test_agency_running_a_station_sees_the_site(shop: Shop, personas: Personas, login: Login) -> None:
    shop.police.organization = personas.theirs
    shop.police.save(update_fields=["organization"])
    manager = Membership.objects.get(organization=personas.theirs, role=Role.ORGANIZATION_MANAGER).user

    assert login(manager).get(url("site", site_id=shop.site.pk)).status_code == 200


def test_site_lists_stations_with_queues_and_estimates(
    shop: Shop, personas: Personas, login: Login, receive: Receive
) -> None:
    receive()
    receive()

    response = login(personas.user(Role.DESK_OPERATOR)).get(url("site", site_id=shop.site.pk))

    registration = next(row for row in response.context["rows"] if row["station"] == shop.registration)
    assert registration["station"].waiting_count == 2
    assert registration["estimate"].minutes == 20
    assert registration["serves"]


def test_site_query_count_does_not_grow_with_stations(
    shop: Shop, personas: Personas, login: Login, django_assert_max_num_queries: Callable[..., object]
) -> None:
    from tests.desk.factories import StationFactory

    StationFactory.create_batch(10, site=shop.site)
    client = login(personas.user(Role.DESK_OPERATOR))
    client.get(url("site", site_id=shop.site.pk))
    with django_assert_max_num_queries(20):  # type: ignore[operator]
        assert client.get(url("site", site_id=shop.site.pk)).status_code == 200


# Reception.


def test_reception_issues_a_ticket_and_shows_it(shop: Shop, personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.DESK_OPERATOR))

    response = client.post(
        url("reception", site_id=shop.site.pk),
        {"purposes": [str(shop.register.pk)], "language": "uk", "party_size": "3", "priority": "elderly"},
    )

    visit = Visit.objects.get()
    assert response["Location"] == url("visit", visit_id=visit.pk)
    assert (visit.ticket, visit.language, visit.party_size, visit.priority, visit.is_priority) == (
        "A-001",
        "uk",
        3,
        "elderly",
        True,
    )
    page = client.get(response["Location"]).content.decode()
    assert "A-001" in page
    assert url("ticket", visit_id=visit.pk) in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"language": "uk", "party_size": "1"}, "Choose at least one purpose of the visit."),
        ({"purposes": ["x"], "language": "uk", "party_size": "1"}, "is not a valid UUID"),
        ({"purposes": ["PURPOSE"], "language": "ru", "party_size": "1"}, "Select a valid choice."),
        ({"purposes": ["PURPOSE"], "language": "uk", "party_size": "0"}, "greater than or equal to 1"),
        ({"purposes": ["PURPOSE"], "language": "uk", "party_size": "99"}, "less than or equal to 20"),
    ],
)
def test_reception_bad_input_gets_a_clear_message_and_saves_nothing(
    shop: Shop, personas: Personas, login: Login, data: dict[str, object], message: str
) -> None:
    if data.get("purposes") == ["PURPOSE"]:
        data = {**data, "purposes": [str(shop.register.pk)]}
    client = login(personas.user(Role.DESK_OPERATOR))

    response = client.post(url("reception", site_id=shop.site.pk), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Visit.objects.exists()


def test_reception_message_comes_in_the_user_language(shop: Shop, personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.DESK_OPERATOR))
    with translation.override("cs"):
        address = reverse("desk:reception", kwargs={"site_id": shop.site.pk})
        expected = translation.gettext("Choose at least one purpose of the visit.")

    response = client.post(address, {"language": "uk", "party_size": "1"})

    assert response.status_code == 400
    assert expected in response.content.decode()


def test_reception_refuses_a_purpose_of_another_site(shop: Shop, personas: Personas, login: Login) -> None:
    other = make_shop()
    client = login(personas.user(Role.DESK_OPERATOR))

    response = client.post(
        url("reception", site_id=shop.site.pk),
        {"purposes": [str(other.register.pk)], "language": "uk", "party_size": "1"},
    )

    assert response.status_code == 400
    assert not Visit.objects.exists()


def test_reception_list_exports_without_names(shop: Shop, personas: Personas, login: Login, receive: Receive) -> None:
    receive()
    client = login(personas.user(Role.DESK_OPERATOR))

    response = client.get(url("reception", site_id=shop.site.pk), {"format": "csv"})

    content = response.content.decode("utf-8-sig")
    assert "A-001" in content
    assert personas.user(Role.DESK_OPERATOR).full_name not in content


def test_reception_query_count_does_not_grow_with_visits(
    shop: Shop,
    personas: Personas,
    login: Login,
    receive: Receive,
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    for _ in range(15):
        receive()
    client = login(personas.user(Role.DESK_OPERATOR))
    with django_assert_max_num_queries(30):  # type: ignore[operator]
        assert client.get(url("reception", site_id=shop.site.pk)).status_code == 200


def test_ticket_prints_in_the_visitor_language_with_the_route(
    shop: Shop, personas: Personas, login: Login, receive: Receive
) -> None:
    visit = receive(language="uk")

    response = login(personas.user(Role.DESK_OPERATOR)).get(url("ticket", visit_id=visit.pk))

    body = response.content.decode()
    assert '<html lang="uk">' in body
    assert "A-001" in body
    assert "Реєстрація" in body
    assert "Іноземна поліція" in body
    assert "Registration" not in body
    assert 'class="ticket-print"' in body
    assert url("visit", visit_id=visit.pk) in body  # back to the receptionist's own language


def test_ticket_stylesheet_has_an_80_mm_page() -> None:
    css = STYLESHEET.read_text(encoding="utf-8")

    assert "@page ticket { size: 80mm auto;" in css
    assert "page: ticket;" in css


def test_visit_of_another_organisation_is_not_found(
    shop: Shop, receive: Receive, login: Login, their_operator: Membership
) -> None:
    visit = receive()
    client = login(their_operator.user)

    assert client.get(url("visit", visit_id=visit.pk)).status_code == 404
    assert client.get(url("ticket", visit_id=visit.pk)).status_code == 404


# The station's queue.


def test_operator_calls_serves_and_the_visitor_moves_on(
    shop: Shop, personas: Personas, login: Login, receive: Receive
) -> None:
    visit = receive()
    client = login(personas.user(Role.DESK_OPERATOR))

    client.post(url("call_next", station_id=shop.registration.pk))
    page = client.get(url("station", station_id=shop.registration.pk))
    step = page.context["current"]
    assert step.visit == visit
    assert "A-001" in page.content.decode()

    response = client.post(url("step_served", step_id=step.pk))

    assert response["Location"] == url("station", station_id=shop.registration.pk)
    assert visit.steps.get(station=shop.police).status == StepStatus.WAITING


def test_no_show_button_recalls_then_drops(shop: Shop, personas: Personas, login: Login, receive: Receive) -> None:
    visit = receive()
    client = login(personas.user(Role.DESK_OPERATOR))
    client.post(url("call_next", station_id=shop.registration.pk))
    step = Step.objects.get(visit=visit, station=shop.registration)

    client.post(url("step_no_show", step_id=step.pk))
    assert "call again" not in client.get(url("station", station_id=shop.registration.pk)).content.decode()
    client.post(url("step_no_show", step_id=step.pk))

    step.refresh_from_db()
    assert step.status == StepStatus.NO_SHOW


def test_transfer_button_sends_the_visitor_elsewhere(
    shop: Shop, personas: Personas, login: Login, receive: Receive
) -> None:
    visit = receive()
    client = login(personas.user(Role.DESK_OPERATOR))
    client.post(url("call_next", station_id=shop.registration.pk))
    step = Step.objects.get(visit=visit, station=shop.registration)

    client.post(url("step_transfer", step_id=step.pk), {"to_station": str(shop.insurance.pk)})

    assert visit.steps.get(station=shop.insurance).out_of_route


def test_transfer_without_a_station_says_so_and_changes_nothing(
    shop: Shop, personas: Personas, login: Login, receive: Receive
) -> None:
    visit = receive()
    client = login(personas.user(Role.DESK_OPERATOR))
    client.post(url("call_next", station_id=shop.registration.pk))
    step = Step.objects.get(visit=visit, station=shop.registration)

    response = client.post(url("step_transfer", step_id=step.pk), {"to_station": "nonsense"}, follow=True)

    assert "Choose the station to send the visitor to." in response.content.decode()
    step.refresh_from_db()
    assert step.status == StepStatus.CALLED


def test_call_next_with_an_empty_queue_says_so(shop: Shop, personas: Personas, login: Login) -> None:
    response = login(personas.user(Role.DESK_OPERATOR)).post(
        url("call_next", station_id=shop.registration.pk), follow=True
    )

    assert "Nobody is waiting at this station." in response.content.decode()


def test_operator_not_assigned_to_a_station_cannot_open_or_call_its_queue(
    shop: Shop, personas: Personas, login: Login, receive: Receive
) -> None:
    receive()
    client = login(personas.user(Role.DESK_OPERATOR))

    assert client.get(url("station", station_id=shop.insurance.pk)).status_code == 404
    assert client.post(url("call_next", station_id=shop.insurance.pk)).status_code == 404


def test_operator_cannot_act_on_a_step_of_a_station_they_do_not_serve(
    shop: Shop, personas: Personas, login: Login, receive: Receive, their_operator: Membership
) -> None:
    receive()
    step = actions.call_next_visitor(station=shop.registration, by=personas.user(Role.DESK_OPERATOR))
    assert step is not None
    client = login(their_operator.user)

    for name in ("step_served", "step_no_show", "step_transfer"):
        assert client.post(url(name, step_id=step.pk)).status_code == 404
    assert client.post(url("call_next", station_id=shop.registration.pk)).status_code == 404
    step.refresh_from_db()
    assert step.status == StepStatus.CALLED


def test_operator_of_another_organisation_assigned_elsewhere_cannot_reach_our_queue(
    shop: Shop, login: Login, their_operator: Membership
) -> None:
    theirs = make_shop(organization=their_operator.organization)
    assign(theirs.registration, their_operator)
    client = login(their_operator.user)

    assert client.get(url("station", station_id=theirs.registration.pk)).status_code == 200
    assert client.get(url("station", station_id=shop.registration.pk)).status_code == 404


def test_queue_refreshes_as_a_fragment_for_htmx(shop: Shop, personas: Personas, login: Login, receive: Receive) -> None:
    receive()
    client = login(personas.user(Role.DESK_OPERATOR))

    response = client.get(url("station", station_id=shop.registration.pk), headers={"HX-Request": "true"})

    body = response.content.decode()
    assert "A-001" in body
    assert "<html" not in body


def test_queue_query_count_does_not_grow_with_visitors(
    shop: Shop,
    personas: Personas,
    login: Login,
    receive: Receive,
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    for _ in range(15):
        receive()
    client = login(personas.user(Role.DESK_OPERATOR))
    with django_assert_max_num_queries(20):  # type: ignore[operator]
        assert client.get(url("station", station_id=shop.registration.pk)).status_code == 200


def test_queue_exports(shop: Shop, personas: Personas, login: Login, receive: Receive) -> None:
    receive()
    response = login(personas.user(Role.DESK_OPERATOR)).get(
        url("station", station_id=shop.registration.pk), {"format": "xlsx"}
    )

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


# The public display.


def test_display_needs_no_login_and_shows_called_tickets_with_their_station_in_each_language(
    shop: Shop, personas: Personas, receive: Receive, client: Client
) -> None:
    receive()
    actions.call_next_visitor(station=shop.registration, by=personas.user(Role.DESK_OPERATOR))

    response = client.get(url("display", site_id=shop.site.pk))

    body = response.content.decode()
    assert response.status_code == 200
    assert "A-001" in body
    assert "Registrace" in body
    assert "Реєстрація" in body
    assert "Registration" in body
    with translation.override("uk"):
        assert translation.gettext("Called tickets") in body
    assert 'hx-trigger="every 1s"' in body
    assert 'http-equiv="refresh"' in body


def test_display_shows_no_names(shop: Shop, personas: Personas, receive: Receive, client: Client) -> None:
    receive()
    operator = personas.user(Role.DESK_OPERATOR)
    actions.call_next_visitor(station=shop.registration, by=operator)

    for name in ("display", "display_now"):
        body = client.get(url(name, site_id=shop.site.pk)).content.decode()
        assert operator.full_name not in body
        assert operator.email not in body
        assert "A-001" in body


def test_display_fragment_shows_the_latest_call_first_and_drops_finished_ones(
    shop: Shop, personas: Personas, receive: Receive, client: Client, colleague: User
) -> None:
    receive()
    receive()
    first = actions.call_next_visitor(station=shop.registration, by=personas.user(Role.DESK_OPERATOR))
    actions.call_next_visitor(station=shop.registration, by=colleague)

    calls = client.get(url("display_now", site_id=shop.site.pk)).context["calls"]
    assert [call["step"].visit.ticket for call in calls] == ["A-002", "A-001"]

    assert first is not None
    actions.mark_served(step=first, by=personas.user(Role.DESK_OPERATOR))
    calls = client.get(url("display_now", site_id=shop.site.pk)).context["calls"]
    assert [call["step"].visit.ticket for call in calls] == ["A-002"]


def test_display_of_an_inactive_site_is_not_found(shop: Shop, client: Client) -> None:
    Site.objects.filter(pk=shop.site.pk).update(is_active=False)

    assert client.get(url("display", site_id=shop.site.pk)).status_code == 404


# Operators of a station.


def test_manager_assigns_and_removes_an_operator_of_the_station(shop: Shop, personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    membership = personas.user(Role.DESK_OPERATOR).memberships.get()

    response = client.post(url("station_operators", station_id=shop.insurance.pk), {"membership": str(membership.pk)})
    assert response.status_code == 302
    assert StationOperator.objects.filter(station=shop.insurance, membership=membership).exists()

    client.post(url("operator_remove", station_id=shop.insurance.pk, membership_id=membership.pk))
    assert not StationOperator.objects.filter(station=shop.insurance, membership=membership).exists()


def test_manager_cannot_assign_someone_of_an_unrelated_organisation(
    shop: Shop, personas: Personas, login: Login, their_operator: Membership
) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))

    response = client.post(
        url("station_operators", station_id=shop.insurance.pk), {"membership": str(their_operator.pk)}
    )

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not StationOperator.objects.filter(membership=their_operator).exists()


def test_manager_of_another_organisation_cannot_manage_our_station(
    shop: Shop, personas: Personas, login: Login
) -> None:
    manager = Membership.objects.get(organization=personas.theirs, role=Role.ORGANIZATION_MANAGER).user

    assert login(manager).get(url("station_operators", station_id=shop.registration.pk)).status_code == 404


# Sites and stations.


def test_coordinator_sets_up_a_site_and_a_station(personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.REGIONAL_COORDINATOR))
    host = OrganizationFactory(name="Host")

    response = client.post(
        url("site_new"),
        {
            "name": "KACPU Test",
            "organization": str(host.pk),
            "ticket_prefix": "B",
            "languages": ["uk", "cs"],
            "is_active": "on",
        },
    )
    site = Site.objects.get(name="KACPU Test")
    assert response["Location"] == url("site", site_id=site.pk)
    assert site.languages == ["cs", "uk"]

    response = client.post(
        url("station_new", site_id=site.pk),
        {
            "organization": str(host.pk),
            "kind": "registration",
            "code": "1",
            "position": "1",
            "service_minutes": "12",
            "is_active": "on",
            "name_cs": "Registrace",
            "name_uk": "Реєстрація",
            "open_days": ["0", "2"],
            "opens_at": "08:00",
            "closes_at": "12:00",
        },
    )
    station = Station.objects.get(site=site)
    assert response.status_code == 302
    assert station.labels == {"cs": "Registrace", "uk": "Реєстрація"}
    assert [str(hours) for hours in station.hours.all()] == ["Monday 08:00–12:00", "Wednesday 08:00–12:00"]  # noqa: RUF001


def test_station_with_a_taken_number_or_backwards_hours_is_refused(
    shop: Shop, personas: Personas, login: Login
) -> None:
    client = login(personas.user(Role.PLATFORM_ADMIN))

    response = client.post(
        url("station_new", site_id=shop.site.pk),
        {
            "organization": str(personas.ours.pk),
            "kind": "registration",
            "code": "1",
            "position": "1",
            "service_minutes": "10",
            "name_cs": "Druhá",
            "opens_at": "16:00",
            "closes_at": "08:00",
        },
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "Another station of this site has this number." in body
    assert "The station must close after it opens." in body
    assert shop.site.stations.count() == 3


def test_site_with_a_bad_ticket_prefix_is_refused(shop: Shop, personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.PLATFORM_ADMIN))

    response = client.post(
        url("site_edit", site_id=shop.site.pk),
        {"name": "Renamed", "organization": str(personas.ours.pk), "ticket_prefix": "a1", "languages": ["cs"]},
    )

    assert response.status_code == 400
    assert "Use one to three capital letters" in response.content.decode()
    shop.site.refresh_from_db()
    assert shop.site.name == "Our one-stop shop"


def test_coordinator_sets_a_purpose_and_its_route(shop: Shop, personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.REGIONAL_COORDINATOR))

    response = client.post(
        url("purpose_new", site_id=shop.site.pk),
        {
            "name_cs": "Práce",
            "name_uk": "Робота",
            "position": "3",
            "is_active": "on",
            "stop_0": str(shop.insurance.pk),
            "stop_1": str(shop.registration.pk),
        },
    )

    assert response["Location"] == url("site", site_id=shop.site.pk)
    purpose = shop.site.purposes.get(position=3)
    assert purpose.labels == {"cs": "Práce", "uk": "Робота"}
    assert [step.station for step in purpose.route.order_by("position")] == [shop.insurance, shop.registration]


def test_purpose_route_with_a_station_twice_is_refused(shop: Shop, personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.PLATFORM_ADMIN))

    response = client.post(
        url("purpose_edit", purpose_id=shop.register.pk),
        {"name_cs": "Registrace", "position": "1", "stop_0": str(shop.police.pk), "stop_1": str(shop.police.pk)},
    )

    assert response.status_code == 400
    assert "Each station comes once on a route." in response.content.decode()
    assert [step.station for step in shop.register.route.order_by("position")] == [shop.registration, shop.police]


def test_purpose_of_another_site_station_is_refused(shop: Shop, personas: Personas, login: Login) -> None:
    other = make_shop()
    client = login(personas.user(Role.PLATFORM_ADMIN))

    response = client.post(
        url("purpose_edit", purpose_id=shop.register.pk),
        {"name_cs": "Registrace", "position": "1", "stop_0": str(other.police.pk)},
    )

    assert response.status_code == 400
    assert shop.register.route.count() == 2
