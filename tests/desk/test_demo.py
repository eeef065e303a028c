"""The demo's one-stop shop: KACPU Liberec with its stations, operators and generated days."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from spojka.accounts.models import User
from spojka.desk.enums import StationKind
from spojka.desk.models import Site, Station, StationOperator, Step, Visit
from spojka.desk.statistics import day_statistics

pytestmark = pytest.mark.django_db


def load_demo() -> None:
    call_command("load_demo", stdout=StringIO())


def test_demo_sets_up_kacpu_liberec_with_stations_of_several_agencies() -> None:
    load_demo()

    site = Site.objects.get(name="KACPU Liberec")
    stations = list(Station.objects.filter(site=site).select_related("organization"))
    assert {station.kind for station in stations} >= {
        StationKind.REGISTRATION,
        StationKind.FOREIGN_POLICE,
        StationKind.HEALTH_INSURANCE,
        StationKind.LABOUR_OFFICE,
        StationKind.ACCOMMODATION,
        StationKind.NON_PROFIT,
        StationKind.INTERPRETER,
    }
    assert len({station.organization_id for station in stations}) >= 6
    assert all(station.hours.exists() for station in stations)
    assert StationOperator.objects.filter(station__site=site).count() == len(stations)


def test_demo_generates_today_and_the_same_weekday_of_four_weeks_before() -> None:
    load_demo()

    site = Site.objects.get(name="KACPU Liberec")
    today = timezone.localdate()
    days = set(Visit.objects.filter(site=site).values_list("service_date", flat=True))
    assert days >= {today - timedelta(weeks=weeks) for weeks in range(1, 5)}
    assert day_statistics(site=site, day=today - timedelta(weeks=1)).per_station


def test_loading_the_demo_again_duplicates_nothing() -> None:
    load_demo()
    counts = (Site.objects.count(), Station.objects.count(), Visit.objects.count(), Step.objects.count())

    load_demo()

    assert (Site.objects.count(), Station.objects.count(), Visit.objects.count(), Step.objects.count()) == counts


def test_demo_desk_operator_reaches_a_queue_and_the_statistics(client: Client) -> None:
    load_demo()
    operator = User.objects.get(email="veronika.poradnikova@demo.spojka.example")
    client.force_login(operator, backend="spojka.accounts.backends.PasswordBackend")
    site = Site.objects.get(name="KACPU Liberec")
    station = Station.objects.filter(operators__membership__user=operator).first()
    assert station is not None

    with translation.override("cs"):
        assert client.get(reverse("desk:station", kwargs={"station_id": station.pk})).status_code == 200
        day = (timezone.localdate() - timedelta(weeks=1)).isoformat()
        response = client.get(reverse("desk:statistics", kwargs={"site_id": site.pk}), {"day": day})
    assert response.status_code == 200
    assert response.context["figures"].visits > 0


def test_display_of_the_demo_site_opens_without_login(client: Client) -> None:
    load_demo()
    site = Site.objects.get(name="KACPU Liberec")

    with translation.override("uk"):
        assert client.get(reverse("desk:display", kwargs={"site_id": site.pk})).status_code == 200
