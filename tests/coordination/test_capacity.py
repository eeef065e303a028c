"""The capacity registry: figures from rounds, the directory and the coordinator; per municipality and district."""

import datetime
import io
from collections.abc import Callable

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from spojka.accounts.models import User
from spojka.coordination import actions_capacity
from spojka.coordination import actions_rounds as actions
from spojka.coordination.actions_capacity import CapacityError
from spojka.coordination.enums_rounds import CapacityKind, CapacitySource
from spojka.coordination.models import CapacityFigure
from spojka.coordination.queries_capacity import capacity_by_district, capacity_by_municipality
from spojka.network.enums import Role
from tests.conftest import Personas
from tests.coordination.factories_rounds import CapacityFigureFactory
from tests.coordination.rounds_world import CHILDREN, PLACES, World, build_world
from tests.directory.factories import (
    CapacityUnitFactory,
    ServiceAtLocationFactory,
    ServiceCapacityFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas: Personas) -> World:
    return build_world(personas)


def test_submitted_answers_feed_the_registry_per_municipality(world: World) -> None:
    reporting_round = world.round(CHILDREN)
    recipient = world.recipient(reporting_round, world.town_north)
    actions.save_answer(
        recipient=recipient,
        answers={"children-enrolled": {"100001": 30, "100002": 4}},
        submit=False,
        by=world.manager_north,
    )
    assert not CapacityFigure.objects.exists()  # a draft feeds nothing
    actions.save_answer(
        recipient=recipient,
        answers={"children-enrolled": {"100001": 30, "100002": 4}},
        submit=True,
        by=world.manager_north,
    )
    figures = {figure.municipality.name: figure for figure in CapacityFigure.objects.select_related("municipality")}
    assert {name: figure.places for name, figure in figures.items()} == {"Northtown": 30, "Smallvillage": 4}
    assert figures["Northtown"].kind == CapacityKind.SCHOOL
    assert figures["Northtown"].source == CapacitySource.ROUND
    assert figures["Northtown"].round == reporting_round
    assert figures["Northtown"].organization == world.town_north
    # A correction replaces the figure rather than adding one.
    actions.save_answer(
        recipient=recipient, answers={"children-enrolled": {"100001": 25}}, submit=True, by=world.manager_north
    )
    assert CapacityFigure.objects.get(municipality=world.northtown).places == 25
    assert CapacityFigure.objects.count() == 2


def test_directory_capacity_is_copied_per_municipality(world: World) -> None:
    service = ServiceFactory(organization=world.ngo)
    ServiceAtLocationFactory(service=service, location__municipality=world.smallvillage)
    updated = timezone.now() - datetime.timedelta(days=100)
    ServiceCapacityFactory(service=service, unit=CapacityUnitFactory(code="bed"), available=6, updated_at=updated)
    ServiceCapacityFactory(
        service=ServiceFactory(organization=world.ngo), unit=CapacityUnitFactory(code="consultation-slot"), available=3
    )
    assert actions_capacity.refresh_capacity_from_directory() == 1
    figure = CapacityFigure.objects.get()
    assert (figure.municipality, figure.kind, figure.places, figure.source) == (
        world.smallvillage,
        CapacityKind.ACCOMMODATION,
        6,
        CapacitySource.DIRECTORY,
    )
    assert figure.confirmed_at == updated
    assert figure.is_stale
    service.capacities.all().delete()
    assert actions_capacity.refresh_capacity_from_directory() == 0
    assert not CapacityFigure.objects.exists()


def test_coordinator_enters_and_replaces_a_figure(world: World) -> None:
    actions_capacity.set_capacity(
        municipality=world.southtown, kind=CapacityKind.LANGUAGE_COURSE, places=12, by=world.coordinator
    )
    actions_capacity.set_capacity(
        municipality=world.southtown, kind=CapacityKind.LANGUAGE_COURSE, places=15, by=world.coordinator
    )
    assert CapacityFigure.objects.get().places == 15


def test_negative_figure_is_refused(world: World, login: Callable[[User], Client]) -> None:
    with pytest.raises(CapacityError):
        actions_capacity.set_capacity(
            municipality=world.southtown, kind=CapacityKind.OTHER, places=-1, by=world.coordinator
        )
    response = login(world.coordinator).post(
        reverse("coordination:capacity_new"), {"municipality": world.southtown.pk, "kind": "other", "places": "-4"}
    )
    assert "The number of free places cannot be negative." in response.content.decode()
    assert not CapacityFigure.objects.exists()


def test_capacity_by_district_sums_municipalities_and_counts_stale_figures(world: World) -> None:
    old = timezone.now() - datetime.timedelta(days=120)
    CapacityFigureFactory(municipality=world.northtown, places=10)
    CapacityFigureFactory(municipality=world.smallvillage, places=3, confirmed_at=old)
    CapacityFigureFactory(municipality=world.southtown, places=8)
    CapacityFigureFactory(municipality=world.southtown, kind=CapacityKind.SCHOOL, places=20)
    rows = {(row.district.name, row.kind): row for row in capacity_by_district()}
    north = rows[("North", CapacityKind.ACCOMMODATION)]
    assert (north.places, north.municipalities, north.figures, north.stale_figures) == (13, 2, 2, 1)
    assert north.oldest_confirmed_at == old
    assert rows[("South", CapacityKind.SCHOOL)].places == 20
    assert [row.kind for row in capacity_by_district(district=world.south)] == [
        CapacityKind.ACCOMMODATION,
        CapacityKind.SCHOOL,
    ]
    assert [row.district.name for row in capacity_by_district(kind=CapacityKind.SCHOOL)] == ["South"]


def test_registry_page_lists_municipalities_and_flags_stale_figures(
    world: World, login: Callable[[User], Client]
) -> None:
    CapacityFigureFactory(
        municipality=world.northtown, places=10, confirmed_at=timezone.now() - datetime.timedelta(days=200)
    )
    CapacityFigureFactory(municipality=world.southtown, places=8)
    page = login(world.personas.user(Role.ANALYST)).get(reverse("coordination:capacity")).content.decode()
    assert "Northtown" in page
    assert "Southtown" in page
    assert "stale" in page
    assert "Enter a figure" not in page  # the analyst reads only
    filtered = (
        login(world.coordinator).get(reverse("coordination:capacity"), {"district": world.south.pk}).content.decode()
    )
    assert "Southtown" in filtered
    assert "Northtown" not in filtered


def test_registry_of_an_empty_region_renders_as_empty(world: World, login: Callable[[User], Client]) -> None:
    response = login(world.coordinator).get(reverse("coordination:capacity"))
    assert response.status_code == 200
    assert "No capacity figure yet." in response.content.decode()


def test_registry_exports_csv_and_xlsx(world: World, login: Callable[[User], Client]) -> None:
    CapacityFigureFactory(
        municipality=world.northtown, places=10, organization=world.town_north, source=CapacitySource.ROUND
    )
    client = login(world.coordinator)
    csv = client.get(reverse("coordination:capacity"), {"format": "csv"}).content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("District,Municipality,Municipality code,Kind of capacity,Free places")
    assert "North,Northtown,100001,Accommodation places,10,Reporting round,Town of Northtown" in csv
    xlsx = client.get(reverse("coordination:capacity"), {"format": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[1][:5] == ("North", "Northtown", "100001", "Accommodation places", 10)


def test_only_manual_figures_can_be_removed(world: World, login: Callable[[User], Client]) -> None:
    from_round = CapacityFigureFactory(
        municipality=world.northtown, source=CapacitySource.ROUND, organization=world.town_north
    )
    manual = CapacityFigureFactory(municipality=world.southtown)
    client = login(world.coordinator)
    client.post(reverse("coordination:capacity_remove", kwargs={"figure_id": from_round.pk}))
    client.post(reverse("coordination:capacity_remove", kwargs={"figure_id": manual.pk}))
    assert list(CapacityFigure.objects.all()) == [from_round]


def test_registry_takes_a_fixed_number_of_queries(world: World, login: Callable[[User], Client]) -> None:
    client = login(world.coordinator)
    CapacityFigureFactory(municipality=world.northtown, organization=world.town_north, source=CapacitySource.ROUND)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("coordination:capacity")).status_code == 200
        return len(captured)

    before = count()
    for municipality in (world.smallvillage, world.southtown):
        for kind in CapacityKind.values:
            CapacityFigureFactory(
                municipality=municipality, kind=kind, organization=world.village, source=CapacitySource.ROUND
            )
    assert count() == before
    assert len(capacity_by_municipality()) == 3


def test_number_question_feeds_the_organisations_own_municipality(world: World) -> None:
    from spojka.coordination.actions_rounds import QuestionSpec

    beds = QuestionSpec(key="beds", label="Free beds", kind="number", capacity_kind=CapacityKind.ACCOMMODATION)
    reporting_round = world.round(beds, PLACES)
    actions.save_answer(
        recipient=world.recipient(reporting_round, world.village),
        answers={"beds": 7, "free-places": 1},
        submit=True,
        by=world.manager_village,
    )
    figure = CapacityFigure.objects.get()
    assert (figure.municipality, figure.places, figure.kind) == (world.smallvillage, 7, CapacityKind.ACCOMMODATION)
