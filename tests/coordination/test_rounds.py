"""Reporting rounds: definition, recipients, answering, reminders, permissions."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from spojka.accounts.models import User
from spojka.coordination import actions_rounds as actions
from spojka.coordination import tasks
from spojka.coordination.actions_rounds import QuestionSpec, RoundError
from spojka.coordination.enums_rounds import QuestionKind, RecipientRule, RecipientStatus, RoundStatus
from spojka.coordination.models import AnswerRevision, AnswerValue, ReportingRound, RoundQuestion, RoundRecipient
from spojka.coordination.queries_rounds import rounds_awaiting_answer
from spojka.network.enums import Role, Sector
from tests.conftest import Personas
from tests.coordination.rounds_world import CHILDREN, NEEDS, PLACES, SITUATION, World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas: Personas) -> World:
    return build_world(personas)


def _draft(w: World, **overrides: Any) -> ReportingRound:
    arguments: dict[str, Any] = {
        "title": "Places in autumn",
        "instructions": "",
        "deadline": timezone.now() + datetime.timedelta(days=7),
        "recipient_rule": RecipientRule.DISTRICT_MUNICIPALITIES,
        "district": w.north,
        "by": w.coordinator,
    }
    arguments.update(overrides)
    return actions.create_round(**arguments)


def _expire(reporting_round: ReportingRound) -> None:
    ReportingRound.objects.filter(pk=reporting_round.pk).update(deadline=timezone.now() - datetime.timedelta(minutes=1))


# Defining a round.


def test_questions_with_duplicate_keys_are_refused_and_nothing_is_saved(world: World) -> None:
    reporting_round = _draft(world)
    actions.set_questions(reporting_round=reporting_round, questions=[PLACES], by=world.coordinator)
    twice = QuestionSpec(key="free-places", label="Free places again", kind=QuestionKind.NUMBER)
    with pytest.raises(ValidationError) as refused:
        actions.set_questions(reporting_round=reporting_round, questions=[PLACES, NEEDS, twice], by=world.coordinator)
    assert "free-places" in refused.value.messages[0]
    assert list(RoundQuestion.objects.filter(round=reporting_round).values_list("key", flat=True)) == ["free-places"]


def test_question_editor_shows_duplicate_keys_and_saves_nothing(world: World, login: Callable[[User], Client]) -> None:
    reporting_round = _draft(world)
    client = login(world.coordinator)
    data = {"questions-TOTAL_FORMS": "3", "questions-INITIAL_FORMS": "0", "action": "save"}
    for index, label in enumerate(["Free places", "Beds again"]):
        data |= {
            f"questions-{index}-key": "places",
            f"questions-{index}-label": label,
            f"questions-{index}-kind": "number",
        }
    response = client.post(reverse("coordination:round_questions", kwargs={"round_id": reporting_round.pk}), data)
    assert response.status_code == 200
    assert "The key “places” is used by more than one question" in response.content.decode()
    assert 'value="Beds again"' in response.content.decode()  # what was typed stays
    assert not RoundQuestion.objects.filter(round=reporting_round).exists()


def test_question_editor_saves_every_kind(world: World, login: Callable[[User], Client]) -> None:
    reporting_round = _draft(world)
    client = login(world.coordinator)
    data = {"questions-TOTAL_FORMS": "5", "questions-INITIAL_FORMS": "0", "action": "save"}
    rows = [
        ("free-places", "Free places", "number", ""),
        ("situation", "Situation", "choice", "Calm\nStrained"),
        ("children", "Children", "table", ""),
        ("needs", "Needs", "text", ""),
    ]
    for index, (key, label, kind, options) in enumerate(rows):
        data |= {
            f"questions-{index}-key": key,
            f"questions-{index}-label": label,
            f"questions-{index}-kind": kind,
            f"questions-{index}-options": options,
            f"questions-{index}-min_value": "0",
        }
    response = client.post(reverse("coordination:round_questions", kwargs={"round_id": reporting_round.pk}), data)
    assert response.status_code == 302
    saved = list(RoundQuestion.objects.filter(round=reporting_round).order_by("position"))
    assert [question.key for question in saved] == ["free-places", "situation", "children", "needs"]
    assert saved[1].options == ["Calm", "Strained"]


def test_choice_without_options_is_refused(world: World) -> None:
    reporting_round = _draft(world)
    lonely = QuestionSpec(key="mood", label="Mood", kind=QuestionKind.CHOICE, options=("Fine",))
    with pytest.raises(ValidationError, match="at least two options"):
        actions.set_questions(reporting_round=reporting_round, questions=[lonely], by=world.coordinator)


def test_publishing_locks_the_questions(world: World) -> None:
    reporting_round = world.round(PLACES)
    with pytest.raises(RoundError):
        actions.set_questions(reporting_round=reporting_round, questions=[NEEDS], by=world.coordinator)
    assert reporting_round.questions.count() == 1


def test_round_without_questions_cannot_be_published(world: World) -> None:
    reporting_round = _draft(world)
    with pytest.raises(RoundError, match="at least one question"):
        actions.publish_round(reporting_round=reporting_round, by=world.coordinator)
    reporting_round.refresh_from_db()
    assert reporting_round.status == RoundStatus.DRAFT


def test_copy_starts_a_draft_with_the_same_questions(world: World) -> None:
    source = world.round(PLACES, SITUATION)
    copy = actions.copy_round(source=source, by=world.coordinator)
    assert copy.status == RoundStatus.DRAFT
    assert copy.copied_from == source
    assert list(copy.questions.values_list("key", flat=True)) == ["free-places", "situation"]
    assert copy.deadline > timezone.now()
    assert not copy.recipients.exists()


# Recipients.


def test_district_rule_reaches_the_municipal_organisations_of_the_district_only(world: World) -> None:
    reporting_round = world.round(PLACES)
    organizations = set(reporting_round.recipients.values_list("organization__name", flat=True))
    assert organizations == {"Town of Northtown", "Village of Smallvillage"}  # not the South, not the non-profit


def test_sector_rule_reaches_every_organisation_of_the_sector(world: World) -> None:
    reporting_round = _draft(world, recipient_rule=RecipientRule.SECTOR, sector=Sector.NON_PROFIT, district=None)
    actions.set_questions(reporting_round=reporting_round, questions=[PLACES], by=world.coordinator)
    actions.publish_round(reporting_round=reporting_round, by=world.coordinator)
    names = set(reporting_round.recipients.values_list("organization__name", flat=True))
    assert "Northern Helpers" in names
    assert "Helping Hands Theirs" in names
    assert "Town of Northtown" not in names


def test_chosen_rule_reaches_the_chosen_list(world: World) -> None:
    reporting_round = _draft(
        world, recipient_rule=RecipientRule.CHOSEN, district=None, organizations=[world.ngo, world.town_south]
    )
    actions.set_questions(reporting_round=reporting_round, questions=[PLACES], by=world.coordinator)
    actions.publish_round(reporting_round=reporting_round, by=world.coordinator)
    assert set(reporting_round.recipients.values_list("organization", flat=True)) == {world.ngo.pk, world.town_south.pk}


def _spy_languages(monkeypatch: pytest.MonkeyPatch) -> dict[str, set[str | None]]:
    """Record in which language each person's e-mail was rendered."""
    languages: dict[str, set[str | None]] = {}
    original = tasks.render_to_string

    def spy(template: str, context: dict[str, Any], *args: Any, **kwargs: Any) -> str:
        languages.setdefault(context["user"].email, set()).add(translation.get_language())
        return original(template, context, *args, **kwargs)

    monkeypatch.setattr(tasks, "render_to_string", spy)
    return languages


def test_publishing_emails_the_recipients_after_commit_in_their_language(
    world: World, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    languages = _spy_languages(monkeypatch)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reporting_round = world.round(PLACES)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    # The managers answer; the town's caseworker is not e-mailed while the town has a manager.
    assert sorted(email.to[0] for email in mail.outbox) == [
        "manager@northtown.example.org",
        "mayor@smallvillage.example.org",
    ]
    assert languages == {"manager@northtown.example.org": {"uk"}, "mayor@smallvillage.example.org": {"cs"}}
    ukrainian = next(email for email in mail.outbox if email.to == ["manager@northtown.example.org"])
    assert "Places in autumn" in ukrainian.subject
    assert str(reporting_round.pk) in ukrainian.body
    assert world.recipient(reporting_round, world.town_north).invited_at is not None


# Answering.


def _answer_url(reporting_round: ReportingRound) -> str:
    return reverse("coordination:round_answer", kwargs={"round_id": reporting_round.pk})


def test_opening_the_round_marks_it_opened(world: World, login: Callable[[User], Client]) -> None:
    reporting_round = world.round(PLACES)
    response = login(world.manager_village).get(_answer_url(reporting_round))
    assert response.status_code == 200
    assert "Free accommodation places" in response.content.decode()
    assert ">Opened<" in response.content.decode()
    assert world.recipient(reporting_round, world.village).status == RecipientStatus.OPENED


def test_draft_is_saved_then_submitted_then_corrected(world: World, login: Callable[[User], Client]) -> None:
    reporting_round = world.round(PLACES, SITUATION)
    client = login(world.manager_village)
    response = client.post(_answer_url(reporting_round), {"free-places": "4", "action": "draft"})
    assert response.status_code == 302
    recipient = world.recipient(reporting_round, world.village)
    assert recipient.status == RecipientStatus.DRAFT
    client.post(_answer_url(reporting_round), {"free-places": "5", "situation": "Calm", "action": "submit"})
    recipient.refresh_from_db()
    assert recipient.status == RecipientStatus.SUBMITTED
    assert recipient.submitted_by == world.manager_village
    client.post(_answer_url(reporting_round), {"free-places": "6", "situation": "Strained", "action": "submit"})
    values = {
        value.question.key: value.number or value.text for value in AnswerValue.objects.filter(recipient=recipient)
    }
    assert values == {"free-places": 6, "situation": "Strained"}
    revisions = list(AnswerRevision.objects.filter(recipient=recipient).order_by("saved_at", "id"))
    assert [revision.values.get("free-places") for revision in revisions] == [4, 5, 6]
    assert [revision.submitted for revision in revisions] == [False, True, True]
    assert all(revision.saved_by == world.manager_village for revision in revisions)


def test_submitting_without_a_required_answer_is_refused(world: World, login: Callable[[User], Client]) -> None:
    reporting_round = world.round(PLACES, NEEDS)
    response = login(world.manager_village).post(
        _answer_url(reporting_round), {"open-needs": "Interpreters", "action": "submit"}
    )
    assert response.status_code == 200
    assert "Answer this question before submitting." in response.content.decode()
    assert "Interpreters" in response.content.decode()
    assert not AnswerValue.objects.exists()
    assert world.recipient(reporting_round, world.village).submitted_at is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-3", "The count cannot be negative."),
        ("twelve", "Enter a whole number, such as 12."),
        ("2.5", "Enter a whole number"),
    ],
)
def test_bad_number_gets_a_clear_message_and_nothing_is_saved(
    world: World, login: Callable[[User], Client], typed: str, message: str
) -> None:
    reporting_round = world.round(PLACES, NEEDS)
    response = login(world.manager_village).post(
        _answer_url(reporting_round), {"free-places": typed, "open-needs": "Interpreters", "action": "draft"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'value="{typed}"' in page  # what was typed stays in the form
    assert "Interpreters" in page
    assert not AnswerValue.objects.exists()
    assert not AnswerRevision.objects.exists()


def test_bad_number_in_a_municipality_table_is_refused(world: World, login: Callable[[User], Client]) -> None:
    reporting_round = world.round(CHILDREN)
    response = login(world.manager_north).post(
        _answer_url(reporting_round),
        {"children-enrolled__100001": "12", "children-enrolled__100002": "-1", "action": "submit"},
    )
    assert response.status_code == 200
    assert "The count cannot be negative." in response.content.decode()
    assert not AnswerValue.objects.exists()


def test_action_refuses_negative_numbers_too(world: World) -> None:
    reporting_round = world.round(PLACES)
    recipient = world.recipient(reporting_round, world.village)
    with pytest.raises(RoundError, match="cannot be negative"):
        actions.save_answer(recipient=recipient, answers={"free-places": -1}, submit=True, by=world.manager_village)
    assert not AnswerValue.objects.exists()


def test_answer_after_the_deadline_is_refused_and_nothing_changes(
    world: World, login: Callable[[User], Client]
) -> None:
    reporting_round = world.round(PLACES)
    client = login(world.manager_village)
    client.post(_answer_url(reporting_round), {"free-places": "5", "action": "submit"})
    _expire(reporting_round)
    response = client.post(_answer_url(reporting_round), {"free-places": "9", "action": "submit"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The deadline has passed; answers can no longer be changed." in page
    assert 'value="9"' in page
    assert AnswerValue.objects.get().number == 5
    recipient = world.recipient(reporting_round, world.village)
    with pytest.raises(RoundError, match="deadline has passed"):
        actions.save_answer(recipient=recipient, answers={"free-places": 9}, submit=True, by=world.manager_village)
    assert AnswerValue.objects.get().number == 5
    assert AnswerRevision.objects.count() == 1


def test_closed_round_refuses_answers(world: World) -> None:
    reporting_round = world.round(PLACES)
    actions.close_round(reporting_round=reporting_round, by=world.coordinator)
    recipient = world.recipient(reporting_round, world.village)
    with pytest.raises(RoundError, match="closed"):
        actions.save_answer(recipient=recipient, answers={"free-places": 1}, submit=True, by=world.manager_village)


def test_last_write_is_the_answer_and_both_writers_are_in_the_history(world: World) -> None:
    reporting_round = world.round(PLACES)
    recipient = world.recipient(reporting_round, world.town_north)
    actions.save_answer(recipient=recipient, answers={"free-places": 3}, submit=False, by=world.manager_north)
    actions.save_answer(recipient=recipient, answers={"free-places": 8}, submit=False, by=world.caseworker_north)
    assert AnswerValue.objects.get(recipient=recipient).number == 8
    writers = list(AnswerRevision.objects.filter(recipient=recipient).order_by("id").values_list("saved_by", flat=True))
    assert writers == [world.manager_north.pk, world.caseworker_north.pk]


def test_town_with_extended_powers_answers_for_every_municipality_of_its_district(
    world: World, login: Callable[[User], Client]
) -> None:
    reporting_round = world.round(CHILDREN)
    page = login(world.manager_north).get(_answer_url(reporting_round)).content.decode()
    assert "Northtown" in page
    assert "Smallvillage" in page
    assert "Southtown" not in page


# Permissions.


def test_caseworker_of_another_organisation_cannot_answer_for_ours(
    world: World, login: Callable[[User], Client]
) -> None:
    reporting_round = world.round(PLACES)
    # The personas' caseworker works for an organisation the round did not go to.
    outsider = world.personas.user(Role.CASEWORKER)
    client = login(outsider)
    assert client.get(_answer_url(reporting_round)).status_code == 404
    assert client.post(_answer_url(reporting_round), {"free-places": "1", "action": "submit"}).status_code == 404
    assert not AnswerValue.objects.exists()


def test_draft_round_is_not_shown_to_its_future_recipients(world: World, login: Callable[[User], Client]) -> None:
    reporting_round = _draft(world)
    RoundRecipient.objects.create(round=reporting_round, organization=world.village)
    assert login(world.manager_village).get(_answer_url(reporting_round)).status_code == 404


def test_recipient_cannot_see_the_results(world: World, login: Callable[[User], Client]) -> None:
    reporting_round = world.round(PLACES)
    url = reverse("coordination:round_results", kwargs={"round_id": reporting_round.pk})
    assert login(world.manager_village).get(url).status_code == 403


# Tasks: what is waiting for an organisation.


def test_rounds_awaiting_answer_lists_open_unsubmitted_rounds_only(world: World) -> None:
    waiting = world.round(PLACES, title="Waiting")
    submitted = world.round(PLACES, title="Submitted")
    expired = world.round(PLACES, title="Expired")
    world.round(PLACES, title="Other district", district=world.south)
    _draft(world, title="Draft")
    actions.save_answer(
        recipient=world.recipient(submitted, world.village),
        answers={"free-places": 1},
        submit=True,
        by=world.manager_village,
    )
    _expire(expired)
    titles = [reporting_round.title for reporting_round in rounds_awaiting_answer(world.village)]
    assert titles == ["Waiting"]
    first = rounds_awaiting_answer(world.village).get()
    assert first.answer_status == RecipientStatus.NOT_OPENED
    assert first.answer_url == _answer_url(waiting)


def test_received_rounds_page_lists_only_our_rounds(world: World, login: Callable[[User], Client]) -> None:
    world.round(PLACES, title="For the North")
    world.round(PLACES, title="For the South", district=world.south)
    page = login(world.manager_village).get(reverse("coordination:rounds_received")).content.decode()
    assert "For the North" in page
    assert "For the South" not in page


# Reminders.


def test_reminder_goes_only_to_those_without_a_submitted_answer_in_their_language(
    world: World,
    django_capture_on_commit_callbacks: Any,
    login: Callable[[User], Client],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reporting_round = world.round(PLACES)
    actions.save_answer(
        recipient=world.recipient(reporting_round, world.village),
        answers={"free-places": 2},
        submit=True,
        by=world.manager_village,
    )
    mail.outbox.clear()
    languages = _spy_languages(monkeypatch)
    client = login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("coordination:round_remind", kwargs={"round_id": reporting_round.pk}))
    assert response.status_code == 302
    assert [email.to for email in mail.outbox] == [["manager@northtown.example.org"]]
    assert languages == {"manager@northtown.example.org": {"uk"}}
    assert "Reminder" in mail.outbox[0].subject or "Нагадування" in mail.outbox[0].subject
    reminded = world.recipient(reporting_round, world.town_north)
    assert reminded.reminded_at is not None
    assert reminded.reminder_count == 1
    assert world.recipient(reporting_round, world.village).reminded_at is None


def test_second_reminder_within_a_day_emails_nobody(world: World, django_capture_on_commit_callbacks: Any) -> None:
    reporting_round = world.round(PLACES)
    with django_capture_on_commit_callbacks(execute=True):
        first = actions.remind_unanswered(reporting_round=reporting_round, by=world.coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        second = actions.remind_unanswered(reporting_round=reporting_round, by=world.coordinator)
    assert first.reminded == 2
    assert (second.reminded, second.recently_reminded) == (0, 2)
    assert mail.outbox == []


def test_reminder_task_run_twice_emails_once(world: World, django_capture_on_commit_callbacks: Any) -> None:
    from spojka.coordination.tasks import EmailKind, send_round_email

    reporting_round = world.round(PLACES)
    with django_capture_on_commit_callbacks(execute=True):
        actions.remind_unanswered(reporting_round=reporting_round, by=world.coordinator)
    mail.outbox.clear()
    recipient = world.recipient(reporting_round, world.village)
    send_round_email.call(str(recipient.pk), EmailKind.REMINDER)
    assert mail.outbox == []


# The coordinator's pages.


def test_round_detail_shows_status_per_recipient(world: World, login: Callable[[User], Client]) -> None:
    reporting_round = world.round(PLACES)
    actions.save_answer(
        recipient=world.recipient(reporting_round, world.village),
        answers={"free-places": 2},
        submit=False,
        by=world.manager_village,
    )
    page = (
        login(world.coordinator)
        .get(reverse("coordination:round", kwargs={"round_id": reporting_round.pk}))
        .content.decode()
    )
    assert "Village of Smallvillage" in page
    assert "Draft" in page
    assert "Not opened" in page
    assert "Remind the 2 organisations that have not submitted" in page


def test_creating_a_round_in_the_browser_form(world: World, login: Callable[[User], Client]) -> None:
    client = login(world.coordinator)
    deadline = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("coordination:round_new"),
        {
            "title": "Winter",
            "instructions": "",
            "deadline": deadline,
            "recipient_rule": "district",
            "district": world.north.pk,
        },
    )
    assert response.status_code == 302
    created = ReportingRound.objects.get(title="Winter")
    assert created.district == world.north
    assert timezone.localtime(created.deadline).strftime("%Y-%m-%dT%H:%M") == deadline


def test_round_form_refuses_a_past_deadline(world: World, login: Callable[[User], Client]) -> None:
    response = login(world.coordinator).post(
        reverse("coordination:round_new"),
        {"title": "Late", "deadline": "2020-01-01T10:00", "recipient_rule": "district", "district": world.north.pk},
    )
    assert "The deadline must be in the future." in response.content.decode()
    assert not ReportingRound.objects.filter(title="Late").exists()


def _count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_round_list_and_detail_take_a_fixed_number_of_queries(world: World, login: Callable[[User], Client]) -> None:
    reporting_round = world.round(PLACES)
    client = login(world.coordinator)
    list_url = reverse("coordination:rounds")
    detail_url = reverse("coordination:round", kwargs={"round_id": reporting_round.pk})
    results_url = reverse("coordination:round_results", kwargs={"round_id": reporting_round.pk})
    before = [_count_queries(client, url) for url in (list_url, detail_url, results_url)]
    for _ in range(3):
        world.round(PLACES, district=world.south)
    for number in range(5):
        organization = world.village.__class__.objects.create(
            name=f"Extra {number}", sector=Sector.MUNICIPAL_SELF_GOVERNMENT
        )
        recipient = RoundRecipient.objects.create(round=reporting_round, organization=organization)
        actions.save_answer(recipient=recipient, answers={"free-places": number}, submit=True, by=world.coordinator)
    after = [_count_queries(client, url) for url in (list_url, detail_url, results_url)]
    assert after == before
