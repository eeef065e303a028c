"""The day's figures against a day worked out by hand, the comparison with previous weeks, the page and exports."""

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from spojka.accounts.models import User
from spojka.desk.enums import StepStatus, VisitStatus
from spojka.desk.models import Purpose, Station, Step, Visit, ticket_code
from spojka.desk.statistics import day_statistics, median, percentile_90, weeks_comparison
from spojka.network.enums import Role
from spojka.network.models import Membership
from tests.conftest import Personas
from tests.desk.factories import Shop

PRAGUE = ZoneInfo("Europe/Prague")
DAY = date(2026, 11, 18)

Login = Callable[[User], Client]


def at(hour: int, minute: int, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PRAGUE)


def visit(shop: Shop, number: int, purpose: Purpose, *, day: date = DAY, status: str = VisitStatus.DONE) -> Visit:
    created = Visit.objects.create(
        site=shop.site,
        service_date=day,
        number=number,
        ticket=ticket_code(prefix="A", number=number),
        language="uk",
        created_at=at(9, 0, day),
        status=status,
    )
    created.purposes.set([purpose])
    return created


def step(
    of: Visit,
    station: Station,
    position: int,
    status: str,
    joined: datetime | None,
    called: datetime | None = None,
    finished: datetime | None = None,
    recalled: datetime | None = None,
) -> Step:
    return Step.objects.create(
        visit=of,
        station=station,
        position=position,
        status=status,
        joined_at=joined,
        called_at=called,
        finished_at=finished,
        recalled_at=recalled,
    )


@pytest.fixture
def worked_day(shop: Shop) -> Shop:
    """Four visits on DAY, figures worked out by hand in the tests below; one visit a week before."""
    return build_worked_day(shop)


def build_worked_day(shop: Shop) -> Shop:
    """Add the worked day's visits to the shop (see `worked_day`)."""
    v1 = visit(shop, 1, shop.register)
    step(v1, shop.registration, 0, StepStatus.SERVED, at(9, 0), at(9, 5), at(9, 15))
    step(v1, shop.police, 1, StepStatus.SERVED, at(9, 15), at(9, 20), at(9, 30))
    v2 = visit(shop, 2, shop.register)
    step(v2, shop.registration, 0, StepStatus.SERVED, at(9, 10), at(9, 15), at(9, 23))
    step(v2, shop.police, 1, StepStatus.SERVED, at(9, 23), at(9, 30), at(9, 36))
    v3 = visit(shop, 3, shop.insure)
    step(v3, shop.registration, 0, StepStatus.TRANSFERRED, at(9, 40), at(9, 50), at(10, 2))
    step(v3, shop.police, 1, StepStatus.SERVED, at(10, 2), at(10, 6), at(10, 10))
    step(v3, shop.insurance, 2, StepStatus.SERVED, at(10, 10), at(10, 12), at(10, 20))
    v4 = visit(shop, 4, shop.register, status=VisitStatus.LEFT)
    step(v4, shop.registration, 0, StepStatus.NO_SHOW, at(10, 30), at(10, 34), at(10, 38), recalled=at(10, 36))
    step(v4, shop.police, 1, StepStatus.CANCELLED, None)
    week_before = date(2026, 11, 11)
    v5 = visit(shop, 1, shop.register, day=week_before)
    step(
        v5, shop.registration, 0, StepStatus.SERVED, at(9, 0, week_before), at(9, 3, week_before), at(9, 9, week_before)
    )
    return shop


def test_median_and_nearest_rank_percentile() -> None:
    assert median([]) is None
    assert percentile_90([]) is None
    assert median([4, 5, 5, 10]) == 5.0
    assert percentile_90([4, 5, 5, 10]) == 10.0
    assert median([2, 4, 4, 5, 5, 5, 7, 10]) == 5.0
    assert percentile_90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == 9.0
    assert median([1.0, 2.0]) == 1.5


def test_day_figures_match_the_hand_computed_day(worked_day: Shop) -> None:
    figures = day_statistics(site=worked_day.site, day=DAY)

    assert figures.visits == 4
    assert figures.dropped == 1
    assert [(purpose.label, count) for purpose, count in figures.per_purpose] == [("Registration", 3), ("Insurance", 1)]
    # Waits 5 5 10 4 | 5 7 4 | 2 → 2 4 4 5 5 5 7 10; services 10 8 12 | 10 6 4 | 8 → 4 6 8 8 10 10 12.
    assert (figures.waiting.count, figures.waiting.median, figures.waiting.p90) == (8, 5.0, 10.0)
    assert (figures.service.count, figures.service.median, figures.service.p90) == (7, 8.0, 12.0)

    rows = {row.station.code: row for row in figures.per_station}
    registration, police, insurance = rows["1"], rows["2"], rows["3"]
    assert (registration.visitors, registration.served, registration.transferred, registration.no_shows) == (4, 2, 1, 1)
    assert (registration.waiting.median, registration.waiting.p90) == (5.0, 10.0)
    assert (registration.service.median, registration.service.p90) == (10.0, 12.0)
    assert (police.visitors, police.served, police.no_shows) == (3, 3, 0)
    assert (police.waiting.median, police.waiting.p90) == (5.0, 7.0)
    assert (police.service.median, police.service.p90) == (6.0, 10.0)
    assert (insurance.waiting.median, insurance.service.median) == (2.0, 8.0)


def test_hourly_figures_count_a_step_in_the_hour_it_joined_the_queue(worked_day: Shop) -> None:
    figures = day_statistics(site=worked_day.site, day=DAY)

    hourly = {(row.station.code, row.hour): row for row in figures.per_station_hour}
    assert sorted(hourly) == [("1", 9), ("1", 10), ("2", 9), ("2", 10), ("3", 10)]
    nine = hourly[("1", 9)]
    assert (nine.visitors, nine.waiting.median, nine.waiting.p90, nine.service.median, nine.service.p90) == (
        3,
        5.0,
        10.0,
        10.0,
        12.0,
    )
    ten = hourly[("1", 10)]
    assert (ten.visitors, ten.no_shows, ten.waiting.median, ten.service.median) == (1, 1, 4.0, None)
    police_nine = hourly[("2", 9)]
    assert (police_nine.waiting.median, police_nine.waiting.p90, police_nine.service.median) == (6.0, 7.0, 8.0)


def test_comparison_shows_the_same_weekday_of_the_four_weeks_before(worked_day: Shop) -> None:
    comparison = weeks_comparison(site=worked_day.site, day=DAY)

    assert [summary.day for summary in comparison] == [
        date(2026, 10, 21),
        date(2026, 10, 28),
        date(2026, 11, 4),
        date(2026, 11, 11),
        DAY,
    ]
    assert [summary.visits for summary in comparison] == [0, 0, 0, 1, 4]
    assert comparison[3].waiting.median == 3.0
    assert comparison[4].no_shows == 1


def statistics_url(shop: Shop, language: str = "en") -> str:
    with translation.override(language):
        return reverse("desk:statistics", kwargs={"site_id": shop.site.pk})


def test_statistics_page_shows_charts_with_tables_behind(worked_day: Shop, personas: Personas, login: Login) -> None:
    response = login(personas.user(Role.ANALYST)).get(statistics_url(worked_day), {"day": DAY.isoformat()})

    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('<svg class="chart"') == 4
    assert "<title id=" in body
    assert "<desc id=" in body
    assert "Visits per purpose" in body
    assert body.count("<table") >= 4


def test_statistics_export_has_the_station_and_hour_figures(worked_day: Shop, personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))  # of the host organisation: exact figures

    response = client.get(statistics_url(worked_day), {"day": DAY.isoformat(), "format": "csv"})

    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Station,Hour,Visitors,Served,Sent on,No-shows,Waiting, median (min)") or lines[
        0
    ].startswith('Station,Hour,Visitors,Served,Sent on,No-shows,"Waiting, median (min)"')
    assert "1 Registration,,4,2,1,1,5.0,10.0,10.0,12.0" in lines
    assert "1 Registration,09:00,3,2,1,0,5.0,10.0,10.0,12.0" in lines
    xlsx = client.get(statistics_url(worked_day), {"day": DAY.isoformat(), "format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_statistics_with_a_bad_day_show_today(worked_day: Shop, personas: Personas, login: Login) -> None:
    response = login(personas.user(Role.ANALYST)).get(statistics_url(worked_day), {"day": "not-a-day"})

    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()


def test_statistics_of_a_site_the_manager_takes_no_part_in_are_not_found(
    worked_day: Shop, personas: Personas, login: Login
) -> None:
    manager = Membership.objects.get(organization=personas.theirs, role=Role.ORGANIZATION_MANAGER).user

    assert login(manager).get(statistics_url(worked_day)).status_code == 404


def test_statistics_are_not_for_caseworkers(worked_day: Shop, personas: Personas, login: Login) -> None:
    assert login(personas.user(Role.CASEWORKER)).get(statistics_url(worked_day)).status_code == 403


def test_statistics_query_count_does_not_grow_with_visits(
    worked_day: Shop, personas: Personas, login: Login, django_assert_max_num_queries: Callable[..., object]
) -> None:
    for number in range(10, 30):
        extra = visit(worked_day, number, worked_day.register)
        step(extra, worked_day.registration, 0, StepStatus.SERVED, at(11, 0), at(11, 5), at(11, 9))
    client = login(personas.user(Role.ANALYST))
    with django_assert_max_num_queries(16):  # type: ignore[operator]
        assert client.get(statistics_url(worked_day), {"day": DAY.isoformat()}).status_code == 200
