"""Results of reporting rounds: sums by district and region, choices counted, texts listed, history, XLSX."""

import datetime
import io
from collections.abc import Callable

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spojka.accounts.models import User
from spojka.coordination import actions_rounds as actions
from spojka.coordination.models import ReportingRound
from spojka.coordination.queries_rounds import QuestionResult, question_history, round_results
from tests.conftest import Personas
from tests.coordination.rounds_world import CHILDREN, NEEDS, PLACES, SITUATION, World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas: Personas) -> World:
    return build_world(personas)


def _answered(w: World) -> ReportingRound:
    """A round to both districts' municipalities (chosen list), answered by the three towns and villages."""
    reporting_round = actions.create_round(
        title="Autumn",
        instructions="",
        deadline=timezone.now() + datetime.timedelta(days=7),
        recipient_rule="chosen",
        organizations=[w.town_north, w.village, w.town_south],
        by=w.coordinator,
    )
    actions.set_questions(
        reporting_round=reporting_round, questions=[PLACES, CHILDREN, SITUATION, NEEDS], by=w.coordinator
    )
    actions.publish_round(reporting_round=reporting_round, by=w.coordinator)
    answers = {
        w.town_north: (
            {
                "free-places": 10,
                "children-enrolled": {"100001": 30, "100002": 4},
                "situation": "Strained",
                "open-needs": "Interpreters for Ukrainian",
            },
            w.manager_north,
        ),
        w.village: ({"free-places": 2, "children-enrolled": {"100002": 1}, "situation": "Calm"}, w.manager_village),
        w.town_south: (
            {
                "free-places": 7,
                "children-enrolled": {"200001": 12},
                "situation": "Strained",
                "open-needs": "Kindergarten places",
            },
            w.manager_south,
        ),
    }
    for organization, (answer, user) in answers.items():
        recipient = w.recipient(reporting_round, organization)
        actions.save_answer(recipient=recipient, answers=answer, submit=True, by=user)
    return reporting_round


def _result(results: list[QuestionResult], key: str) -> QuestionResult:
    return next(result for result in results if result.question.key == key)


def test_numbers_are_summed_by_district_and_region(world: World) -> None:
    results = round_results(reporting_round=_answered(world))
    places = _result(results, "free-places")
    by_district = {row.area: (row.count, row.total, row.mean, row.median) for row in places.districts}
    assert by_district == {"North": (2, 12, 6.0, 6.0), "South": (1, 7, 7.0, 7.0)}
    assert [(row.area, row.count, row.total, row.median) for row in places.regions] == [("Region R", 3, 19, 7.0)]


def test_municipality_tables_count_each_municipality_in_its_own_district(world: World) -> None:
    results = round_results(reporting_round=_answered(world))
    children = _result(results, "children-enrolled")
    by_district = {row.area: (row.count, row.total) for row in children.districts}
    # Smallvillage appears twice: reported by the town for its district and by the village itself.
    assert by_district == {"North": (3, 35), "South": (1, 12)}
    assert children.regions[0].total == 47


def test_choices_are_counted_per_option(world: World) -> None:
    results = round_results(reporting_round=_answered(world))
    situation = _result(results, "situation")
    assert situation.options == ["Calm", "Strained", "Critical"]
    assert {row.area: row.counts for row in situation.districts} == {"North": [1, 1, 0], "South": [0, 1, 0]}
    assert situation.regions[0].counts == [1, 2, 0]


def test_texts_are_listed_with_the_organisations_names(world: World) -> None:
    results = round_results(reporting_round=_answered(world))
    needs = _result(results, "open-needs")
    assert [(answer.organization, answer.text) for answer in needs.answers] == [
        ("Town of Northtown", "Interpreters for Ukrainian"),
        ("Town of Southtown", "Kindergarten places"),
    ]


def test_drafts_do_not_count_in_the_results(world: World) -> None:
    reporting_round = world.round(PLACES)
    actions.save_answer(
        recipient=world.recipient(reporting_round, world.village),
        answers={"free-places": 99},
        submit=False,
        by=world.manager_village,
    )
    assert _result(round_results(reporting_round=reporting_round), "free-places").answers == []


def test_results_page_shows_the_aggregate(world: World, login: Callable[[User], Client]) -> None:
    reporting_round = _answered(world)
    page = (
        login(world.coordinator)
        .get(reverse("coordination:round_results", kwargs={"round_id": reporting_round.pk}))
        .content.decode()
    )
    assert "Region R" in page
    assert "North" in page
    assert ">19<" in page
    assert "Interpreters for Ukrainian" in page


def test_results_of_an_empty_round_render_as_empty(world: World, login: Callable[[User], Client]) -> None:
    reporting_round = world.round(PLACES, SITUATION)
    response = login(world.coordinator).get(
        reverse("coordination:round_results", kwargs={"round_id": reporting_round.pk})
    )
    assert response.status_code == 200
    assert "No submitted answer yet." in response.content.decode()


def test_history_follows_a_question_key_across_rounds(world: World, login: Callable[[User], Client]) -> None:
    first = _answered(world)
    second = world.round(PLACES, SITUATION, title="Winter")
    actions.save_answer(
        recipient=world.recipient(second, world.village),
        answers={"free-places": 5, "situation": "Critical"},
        submit=True,
        by=world.manager_village,
    )
    points = question_history(key="free-places")
    by_round = {point.reporting_round.title: (point.answers, point.total) for point in points}
    assert by_round["Autumn"] == (3, 19)
    assert by_round["Winter"] == (1, 5)
    situation = {point.reporting_round.title: point.counts for point in question_history(key="situation")}
    assert situation["Winter"] == {"Critical": 1}
    page = (
        login(world.coordinator)
        .get(reverse("coordination:round_history", kwargs={"key": "free-places"}))
        .content.decode()
    )
    assert "Autumn" in page
    assert "Winter" in page
    results_page = (
        login(world.coordinator)
        .get(reverse("coordination:round_results", kwargs={"round_id": first.pk}))
        .content.decode()
    )
    assert reverse("coordination:round_history", kwargs={"key": "free-places"}) in results_page


def test_xlsx_export_has_answers_summary_and_recipients(world: World, login: Callable[[User], Client]) -> None:
    reporting_round = _answered(world)
    response = login(world.coordinator).get(
        reverse("coordination:round_export", kwargs={"round_id": reporting_round.pk})
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Summary", "Answers", "Recipients"]
    answers = list(book["Answers"].iter_rows(values_only=True))
    assert answers[0][:4] == ("Question key", "Question", "Organisation", "Municipality")
    # openpyxl reads empty cells back as None.
    assert (
        "free-places",
        "Free accommodation places",
        "Town of Southtown",
        None,
        "South",
        "Region R",
        7,
        None,
    ) in answers
    assert (
        "children-enrolled",
        "Ukrainian children enrolled in your schools",
        "Town of Northtown",
        "Smallvillage",
        "North",
        "Region R",
        4,
        None,
    ) in answers
    summary = list(book["Summary"].iter_rows(values_only=True))
    assert ("free-places", "Free accommodation places", "Region", "Region R", None, 3, 19, 6.3, 7) in summary
    assert ("situation", "How is the situation?", "District", "North", "Strained", 1, None, None, None) in summary
    recipients = list(book["Recipients"].iter_rows(values_only=True))
    assert len(recipients) == 4
    assert all(row[1] == "Submitted" for row in recipients[1:])
