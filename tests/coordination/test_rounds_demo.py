"""The demo's reporting rounds and capacity registry: two finished rounds, one open, loaded alike each time."""

import pytest
from django.test import Client
from django.urls import reverse

from spojka.coordination.enums_rounds import CapacitySource, RecipientStatus, RoundStatus
from spojka.coordination.models import AnswerValue, CapacityFigure, ReportingRound, RoundRecipient
from spojka.coordination.queries_rounds import question_history, round_results, rounds_awaiting_answer
from spojka.demo.actions import demo_organization_id, load_liberec_demo
from spojka.demo.coordination_rounds_loader import DemoRoundsLoaded, load_demo_rounds
from spojka.demo.directory_loader import load_demo_directory
from spojka.geo.packs.loader import load_country_pack
from spojka.network.enums import Role
from spojka.network.models import Membership, Organization


@pytest.fixture
def demo_rounds(db: None) -> DemoRoundsLoaded:
    load_country_pack("cz-liberec")
    load_liberec_demo(password="demo-password-for-tests")
    load_demo_directory()
    return load_demo_rounds()


def test_demo_has_two_finished_rounds_and_one_open(demo_rounds: DemoRoundsLoaded) -> None:
    statuses = sorted(ReportingRound.objects.values_list("status", flat=True))
    assert statuses == sorted([RoundStatus.CLOSED, RoundStatus.CLOSED, RoundStatus.PUBLISHED])
    open_round = ReportingRound.objects.get(status=RoundStatus.PUBLISHED)
    assert open_round.accepts_answers
    statuses_open = set(RoundRecipient.objects.filter(round=open_round).values_list("status", flat=True))
    assert {RecipientStatus.SUBMITTED, RecipientStatus.DRAFT, RecipientStatus.NOT_OPENED} <= statuses_open
    results = round_results(reporting_round=open_round)
    assert any(result.regions for result in results)
    assert len(question_history(key="volna-mista-ubytovani")) == 3
    liberec = Organization.objects.get(pk=demo_organization_id("mesto-liberec"))
    assert [reporting_round.pk for reporting_round in rounds_awaiting_answer(liberec)] == [open_round.pk]


def test_demo_fills_the_capacity_registry_from_every_source(demo_rounds: DemoRoundsLoaded) -> None:
    sources = set(CapacityFigure.objects.values_list("source", flat=True))
    assert sources == {CapacitySource.ROUND, CapacitySource.MANUAL, CapacitySource.DIRECTORY}
    assert CapacityFigure.objects.values("municipality").distinct().count() >= 10


def test_loading_the_demo_rounds_twice_changes_nothing(demo_rounds: DemoRoundsLoaded) -> None:
    counts = (ReportingRound.objects.count(), AnswerValue.objects.count(), CapacityFigure.objects.count())
    again = load_demo_rounds()
    assert again == demo_rounds
    assert (ReportingRound.objects.count(), AnswerValue.objects.count(), CapacityFigure.objects.count()) == counts


def test_coordinator_pages_render_the_demo(demo_rounds: DemoRoundsLoaded, client: Client) -> None:
    coordinator = Membership.objects.filter(role=Role.REGIONAL_COORDINATOR).select_related("user").first()
    assert coordinator is not None
    client.force_login(coordinator.user, backend="spojka.accounts.backends.PasswordBackend")
    open_round = ReportingRound.objects.get(status=RoundStatus.PUBLISHED)
    pages = [
        reverse("coordination:rounds"),
        reverse("coordination:round", kwargs={"round_id": open_round.pk}),
        reverse("coordination:round_results", kwargs={"round_id": open_round.pk}),
        reverse("coordination:round_history", kwargs={"key": "volna-mista-ubytovani"}),
        reverse("coordination:capacity"),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
    results = client.get(pages[2]).content.decode()
    assert "Liberecký kraj" in results
    assert "Municipal self-government" in client.get(pages[1]).content.decode()


def test_municipality_answers_on_demo_data(demo_rounds: DemoRoundsLoaded, client: Client) -> None:
    caseworker = Membership.objects.get(
        organization_id=demo_organization_id("mesto-liberec"), role=Role.CASEWORKER
    ).user
    client.force_login(caseworker, backend="spojka.accounts.backends.PasswordBackend")
    open_round = ReportingRound.objects.get(status=RoundStatus.PUBLISHED)
    page = client.get(reverse("coordination:round_answer", kwargs={"round_id": open_round.pk})).content.decode()
    assert "Liberec" in page
    assert "Chrastava" in page  # a municipality of the Liberec district, in the per-municipality table
