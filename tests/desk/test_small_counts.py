"""Small counts: suppressed for people outside the site's host organisation, exact for its operators and managers."""

import pytest

from spojka.desk.statistics import (
    SUPPRESSED,
    Times,
    day_statistics,
    sees_exact_figures,
    suppress_comparison,
    suppress_count,
    suppress_day,
    suppress_times,
    weeks_comparison,
)
from spojka.network.enums import Role
from spojka.network.models import Membership
from tests.conftest import Personas
from tests.desk.factories import Shop
from tests.desk.test_statistics import DAY, Login, build_worked_day, statistics_url


@pytest.fixture
def worked_day(shop: Shop) -> Shop:
    """The day worked out by hand in test_statistics: four visits, each station's counts under five."""
    return build_worked_day(shop)


EXACT_ROW = "1 Registration,,4,2,1,1,5.0,10.0,10.0,12.0"
SUPPRESSED_ROW = "1 Registration,,<5,<5,<5,<5,,,,"


def test_counts_under_five_are_suppressed_and_zero_is_not() -> None:
    assert [suppress_count(count) for count in (0, 1, 4, 5, 12)] == [0, SUPPRESSED, SUPPRESSED, 5, 12]
    assert suppress_times(Times(count=4, median=3.0, p90=5.0)) == Times(count=SUPPRESSED, median=None, p90=None)
    assert suppress_times(Times(count=5, median=3.0, p90=5.0)) == Times(count=5, median=3.0, p90=5.0)


def test_suppressed_day_leaves_out_the_times_of_small_cells(worked_day: Shop) -> None:
    figures = suppress_day(day_statistics(site=worked_day.site, day=DAY))

    assert figures.visits == SUPPRESSED
    assert figures.dropped == SUPPRESSED
    assert [count for _purpose, count in figures.per_purpose] == [SUPPRESSED, SUPPRESSED]
    registration = figures.per_station[0]
    assert (registration.visitors, registration.served, registration.waiting.median, registration.service.p90) == (
        SUPPRESSED,
        SUPPRESSED,
        None,
        None,
    )
    # Seven waits across the stations: enough for the day's median, but the station rows show none.
    assert figures.waiting.median is not None
    assert all(row.waiting.median is None for row in figures.per_station_hour)
    comparison = suppress_comparison(weeks_comparison(site=worked_day.site, day=DAY))
    assert [summary.visits for summary in comparison] == [0, 0, 0, SUPPRESSED, SUPPRESSED]
    assert comparison[3].waiting.median is None


@pytest.mark.parametrize("role", [Role.REGIONAL_COORDINATOR, Role.ANALYST])
def test_statistics_are_suppressed_for_network_wide_roles(
    worked_day: Shop, personas: Personas, login: Login, role: Role
) -> None:
    client = login(personas.user(role))

    page = client.get(statistics_url(worked_day), {"day": DAY.isoformat()}).content.decode()
    lines = client.get(statistics_url(worked_day), {"day": DAY.isoformat(), "format": "csv"}).content.decode(
        "utf-8-sig"
    )

    assert "&lt;5" in page
    assert "Counts from 1 to 4 are shown as" in page
    assert ">4<" not in page  # neither the tables nor the charts give the exact count
    assert SUPPRESSED_ROW in lines.splitlines()
    assert EXACT_ROW not in lines
    assert "1 Registration,09:00,<5,<5,<5,0,,,," in lines.splitlines()
    xlsx = client.get(statistics_url(worked_day), {"day": DAY.isoformat(), "format": "xlsx"})
    assert xlsx.status_code == 200


def test_statistics_are_suppressed_for_the_manager_of_an_agency_at_the_site(
    worked_day: Shop, personas: Personas, login: Login
) -> None:
    worked_day.police.organization = personas.theirs
    worked_day.police.save(update_fields=["organization"])
    manager = Membership.objects.get(organization=personas.theirs, role=Role.ORGANIZATION_MANAGER).user

    lines = login(manager).get(statistics_url(worked_day), {"day": DAY.isoformat(), "format": "csv"})

    assert lines.status_code == 200
    assert SUPPRESSED_ROW in lines.content.decode("utf-8-sig").splitlines()


@pytest.mark.parametrize("role", [Role.ORGANIZATION_MANAGER, Role.DESK_OPERATOR])
def test_statistics_are_exact_for_the_host_organisation(
    worked_day: Shop, personas: Personas, login: Login, role: Role
) -> None:
    client = login(personas.user(role))

    page = client.get(statistics_url(worked_day), {"day": DAY.isoformat()}).content.decode()
    lines = client.get(statistics_url(worked_day), {"day": DAY.isoformat(), "format": "csv"}).content.decode(
        "utf-8-sig"
    )

    assert "&lt;5" not in page
    assert "Counts from 1 to 4 are shown as" not in page
    assert EXACT_ROW in lines.splitlines()


def test_exact_figures_need_the_host_organisation_and_an_operator_or_manager_role(
    worked_day: Shop, personas: Personas
) -> None:
    site = worked_day.site
    assert sees_exact_figures(user=personas.user(Role.ORGANIZATION_MANAGER), site=site)
    assert sees_exact_figures(user=personas.user(Role.DESK_OPERATOR), site=site)
    assert not sees_exact_figures(user=personas.user(Role.REGIONAL_COORDINATOR), site=site)
    assert not sees_exact_figures(user=personas.user(Role.ANALYST), site=site)
    assert not sees_exact_figures(user=personas.outsider, site=site)
    theirs = Membership.objects.get(organization=personas.theirs, role=Role.ORGANIZATION_MANAGER).user
    assert not sees_exact_figures(user=theirs, site=site)
