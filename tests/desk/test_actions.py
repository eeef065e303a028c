"""Reception, the queue and routing: what each desk action does to visits and steps."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from spojka.accounts.models import User
from spojka.desk import actions
from spojka.desk.actions import DeskError
from spojka.desk.enums import Priority, StepStatus, VisitStatus
from spojka.desk.models import Step, Visit
from spojka.desk.queries import estimate_wait, queue_of
from spojka.network.enums import Role
from tests.conftest import Personas
from tests.desk.factories import PurposeFactory, Shop, StationFactory, make_shop

Receive = Callable[..., Visit]


def statuses(visit: Visit) -> list[tuple[str, str]]:
    return [(step.station.code, step.status) for step in visit.steps.select_related("station").order_by("position")]


def test_receive_visitor_issues_a_numbered_ticket_and_queues_the_first_station(shop: Shop, receive: Receive) -> None:
    first = receive()
    second = receive()

    assert (first.ticket, second.ticket) == ("A-001", "A-002")
    assert statuses(first) == [("1", StepStatus.WAITING), ("2", StepStatus.PLANNED)]
    assert first.steps.get(position=0).joined_at is not None


def test_receive_visitor_merges_the_routes_of_several_purposes_without_repeating_a_station(
    shop: Shop, receive: Receive
) -> None:
    visit = receive(purposes=[shop.insure, shop.register])

    assert [code for code, _status in statuses(visit)] == ["1", "2", "3"]


def test_ticket_numbers_start_again_each_day(shop: Shop, receive: Receive) -> None:
    yesterday = timezone.now() - timedelta(days=1)
    receive(now=yesterday)
    receive(now=yesterday)

    assert receive().ticket == "A-001"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"purposes": []}, "at least one purpose"),
        ({"language": "ru"}, "site's languages"),
        ({"party_size": 0}, "1 to 20"),
        ({"party_size": 21}, "1 to 20"),
        ({"priority": "vip"}, "priority"),
    ],
)
def test_receive_visitor_refuses_bad_input_and_saves_nothing(
    shop: Shop, receive: Receive, overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(DeskError, match=message):
        receive(**overrides)

    assert not Visit.objects.exists()
    assert not Step.objects.exists()


def test_receive_visitor_refuses_a_purpose_of_another_site(shop: Shop, receive: Receive) -> None:
    elsewhere = PurposeFactory()

    with pytest.raises(DeskError, match="this site's list"):
        receive(purposes=[elsewhere])
    assert not Visit.objects.exists()


def test_receive_visitor_refuses_a_purpose_without_stations(shop: Shop, receive: Receive) -> None:
    empty = PurposeFactory(site=shop.site)

    with pytest.raises(DeskError, match="No open station"):
        receive(purposes=[empty])
    assert not Visit.objects.exists()


def test_call_next_takes_priority_first_then_arrival(shop: Shop, receive: Receive, personas: Personas) -> None:
    now = timezone.now()
    early = receive(now=now - timedelta(minutes=30))
    later = receive(now=now - timedelta(minutes=20))
    pregnant = receive(now=now - timedelta(minutes=10), priority=Priority.PREGNANT)
    operator = personas.user(Role.DESK_OPERATOR)

    assert [step.visit for step in queue_of(station=shop.registration)] == [pregnant, early, later]
    order = []
    for _ in range(3):
        step = actions.call_next_visitor(station=shop.registration, by=operator)
        assert step is not None
        order.append(step.visit)
        actions.mark_served(step=step, by=operator)

    assert order == [pregnant, early, later]


def test_call_next_with_nobody_waiting_returns_none(shop: Shop, personas: Personas) -> None:
    assert actions.call_next_visitor(station=shop.registration, by=personas.user(Role.DESK_OPERATOR)) is None


def test_call_next_refuses_while_the_operator_has_a_visitor(shop: Shop, receive: Receive, personas: Personas) -> None:
    receive()
    receive()
    operator = personas.user(Role.DESK_OPERATOR)
    actions.call_next_visitor(station=shop.registration, by=operator)

    with pytest.raises(DeskError, match="Finish with the visitor"):
        actions.call_next_visitor(station=shop.registration, by=operator)
    assert Step.objects.filter(status=StepStatus.CALLED).count() == 1


def test_served_visitor_joins_the_next_station_of_the_route(shop: Shop, receive: Receive, personas: Personas) -> None:
    visit = receive()
    operator = personas.user(Role.DESK_OPERATOR)
    step = actions.call_next_visitor(station=shop.registration, by=operator)
    assert step is not None

    following = actions.mark_served(step=step, by=operator)

    assert following is not None
    assert following.station == shop.police
    assert statuses(visit) == [("1", StepStatus.SERVED), ("2", StepStatus.WAITING)]
    last = actions.call_next_visitor(station=shop.police, by=operator)
    assert last is not None
    assert actions.mark_served(step=last, by=operator) is None
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DONE
    assert visit.finished_at is not None


def test_no_show_is_called_once_more_then_dropped(shop: Shop, receive: Receive, personas: Personas) -> None:
    visit = receive()
    operator = personas.user(Role.DESK_OPERATOR)
    step = actions.call_next_visitor(station=shop.registration, by=operator)
    assert step is not None

    assert actions.mark_no_show(step=step, by=operator) is False
    step.refresh_from_db()
    assert step.status == StepStatus.CALLED
    assert step.recalled_at is not None

    assert actions.mark_no_show(step=step, by=operator) is True
    assert statuses(visit) == [("1", StepStatus.NO_SHOW), ("2", StepStatus.CANCELLED)]
    visit.refresh_from_db()
    assert visit.status == VisitStatus.LEFT


def test_transfer_sends_the_visitor_out_of_route_and_the_route_goes_on(
    shop: Shop, receive: Receive, personas: Personas
) -> None:
    visit = receive()
    operator = personas.user(Role.DESK_OPERATOR)
    step = actions.call_next_visitor(station=shop.registration, by=operator)
    assert step is not None

    transferred = actions.transfer_visitor(step=step, to_station=shop.insurance, by=operator)

    assert transferred.out_of_route
    assert statuses(visit) == [("1", StepStatus.TRANSFERRED), ("3", StepStatus.WAITING), ("2", StepStatus.PLANNED)]
    at_insurance = actions.call_next_visitor(station=shop.insurance, by=operator)
    assert at_insurance is not None
    actions.mark_served(step=at_insurance, by=operator)
    assert statuses(visit)[-1] == ("2", StepStatus.WAITING)


def test_transfer_to_a_station_later_on_the_route_goes_there_now_once(
    shop: Shop, receive: Receive, personas: Personas
) -> None:
    visit = receive()
    operator = personas.user(Role.DESK_OPERATOR)
    step = actions.call_next_visitor(station=shop.registration, by=operator)
    assert step is not None

    actions.transfer_visitor(step=step, to_station=shop.police, by=operator)

    assert statuses(visit) == [("1", StepStatus.TRANSFERRED), ("2", StepStatus.WAITING), ("2", StepStatus.CANCELLED)]


def test_transfer_refuses_a_station_of_another_site_or_the_same_station(
    shop: Shop, receive: Receive, personas: Personas
) -> None:
    receive()
    operator = personas.user(Role.DESK_OPERATOR)
    step = actions.call_next_visitor(station=shop.registration, by=operator)
    assert step is not None

    with pytest.raises(DeskError, match="open station of this site"):
        actions.transfer_visitor(step=step, to_station=StationFactory(), by=operator)
    with pytest.raises(DeskError, match="at this station already"):
        actions.transfer_visitor(step=step, to_station=shop.registration, by=operator)
    step.refresh_from_db()
    assert step.status == StepStatus.CALLED


def test_acting_on_a_step_no_longer_called_is_refused(shop: Shop, receive: Receive, personas: Personas) -> None:
    receive()
    operator = personas.user(Role.DESK_OPERATOR)
    step = actions.call_next_visitor(station=shop.registration, by=operator)
    assert step is not None
    stale = Step.objects.select_related("visit", "station").get(pk=step.pk)
    actions.mark_served(step=step, by=operator)

    with pytest.raises(DeskError, match="no longer called"):
        actions.mark_served(step=stale, by=operator)
    assert Step.objects.filter(visit=step.visit, status=StepStatus.WAITING).count() == 1


def test_estimate_uses_the_station_usual_time_until_the_day_has_served_visitors(
    shop: Shop, receive: Receive, personas: Personas
) -> None:
    now = timezone.now()
    for minutes in (40, 30, 20):
        receive(now=now - timedelta(minutes=minutes))
    assert estimate_wait(station=shop.registration, now=now).minutes == 30  # 3 waiting, 10 usual minutes each

    operator = personas.user(Role.DESK_OPERATOR)
    step = actions.call_next_visitor(station=shop.registration, by=operator, now=now - timedelta(minutes=10))
    assert step is not None
    actions.mark_served(step=step, by=operator, now=now - timedelta(minutes=6))  # served in 4 minutes

    estimate = estimate_wait(station=shop.registration, now=now)
    assert (estimate.waiting, estimate.service_minutes, estimate.counters, estimate.minutes) == (2, 4, 1, 8)


def test_estimate_divides_among_the_operators_at_work(
    shop: Shop, receive: Receive, personas: Personas, colleague: User
) -> None:
    now = timezone.now()
    for minutes in range(60, 54, -1):
        receive(now=now - timedelta(minutes=minutes))
    for operator in (personas.user(Role.DESK_OPERATOR), colleague):
        step = actions.call_next_visitor(station=shop.registration, by=operator, now=now - timedelta(minutes=10))
        assert step is not None
        actions.mark_served(step=step, by=operator, now=now - timedelta(minutes=4))  # 6 minutes each

    estimate = estimate_wait(station=shop.registration, now=now)
    assert (estimate.waiting, estimate.counters, estimate.minutes) == (4, 2, 12)


def test_assign_operator_refuses_someone_of_an_unrelated_organisation(shop: Shop, personas: Personas) -> None:
    other_shop = make_shop()
    operator = personas.user(Role.DESK_OPERATOR).memberships.get()

    with pytest.raises(DeskError, match="Only desk operators"):
        actions.assign_operator(
            station=other_shop.registration, membership=operator, by=personas.user(Role.PLATFORM_ADMIN)
        )
