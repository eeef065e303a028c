"""Meeting action items reaching the owners' task lists (and leaving them when done), the workspace card,
and the coordinator's list of every organisation's open items."""

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from spojka.accounts.models import User
from spojka.coordination.models import ActionItemStatus
from spojka.network.enums import Role
from tests.conftest import Personas
from tests.coordination.factories_meetings import ActionItemFactory, MeetingFactory
from tests.coordination.factories_rounds import ReportingRoundFactory, RoundRecipientFactory
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def _theirs_manager(personas: Personas) -> User:
    return User.objects.get(email="manager@theirs.example.org")


def _tasks_page(client: Client) -> str:
    return client.get(reverse("coordination:tasks")).content.decode()


def test_action_item_reaches_the_owner_organisations_task_list(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    meeting = MeetingFactory(organizations=[personas.ours, personas.theirs])
    ActionItemFactory(meeting=meeting, owner=personas.ours, text="Find interpreters for two schools")
    ActionItemFactory(meeting=meeting, owner=personas.theirs, text="Count the free flats")
    ours = _tasks_page(login(personas.user(Role.CASEWORKER)))
    assert "Find interpreters for two schools" in ours
    assert "Count the free flats" not in ours
    theirs = _tasks_page(login(_theirs_manager(personas)))
    assert "Count the free flats" in theirs
    assert "Find interpreters for two schools" not in theirs


def test_task_list_is_sorted_by_due_date_with_overdue_flagged(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    today = timezone.localdate()
    meeting = MeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=60))
    ActionItemFactory(meeting=meeting, owner=personas.ours, text="Later one", due_on=today + datetime.timedelta(days=9))
    ActionItemFactory(meeting=meeting, owner=personas.ours, text="Late one", due_on=today - datetime.timedelta(days=3))
    page = _tasks_page(login(personas.user(Role.ORGANIZATION_MANAGER)))
    assert page.index("Late one") < page.index("Later one")
    assert "1 action item overdue" in page
    assert "action-item--overdue" in page


def test_action_item_leaves_the_task_list_when_done(personas: Personas, login: Callable[[User], Client]) -> None:
    item = ActionItemFactory(owner=personas.ours, text="Send the school list")
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = client.post(
        reverse("coordination:action_item_done", kwargs={"item_id": item.pk}),
        {"note": "Sent to the regional office on Monday.", "next": "tasks"},
    )
    item.refresh_from_db()
    assert response["Location"] == reverse("coordination:tasks")
    assert item.status == ActionItemStatus.DONE
    assert item.closed_by == personas.user(Role.ORGANIZATION_MANAGER)
    assert item.closed_at is not None
    assert item.closing_note == "Sent to the regional office on Monday."
    assert "Send the school list" not in _tasks_page(client)


def test_closing_an_item_twice_says_so(personas: Personas, login: Callable[[User], Client]) -> None:
    item = ActionItemFactory(owner=personas.ours, status=ActionItemStatus.DONE, closed_at=timezone.now())
    client = login(personas.user(Role.CASEWORKER))
    response = client.post(reverse("coordination:action_item_done", kwargs={"item_id": item.pk}), follow=True)
    assert "This action item has already been closed." in response.content.decode()


def test_another_organisations_staff_cannot_close_our_action_item(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    meeting = MeetingFactory(organizations=[personas.ours, personas.theirs])
    item = ActionItemFactory(meeting=meeting, owner=personas.ours)
    response = login(_theirs_manager(personas)).post(
        reverse("coordination:action_item_done", kwargs={"item_id": item.pk})
    )
    item.refresh_from_db()
    assert response.status_code == 404
    assert item.status == ActionItemStatus.OPEN


def test_meeting_page_offers_closing_only_to_the_owner(personas: Personas, login: Callable[[User], Client]) -> None:
    meeting = MeetingFactory(organizations=[personas.ours, personas.theirs])
    item = ActionItemFactory(meeting=meeting, owner=personas.ours)
    done_url = reverse("coordination:action_item_done", kwargs={"item_id": item.pk})
    url = reverse("coordination:meeting", kwargs={"meeting_id": meeting.pk})
    assert done_url in login(personas.user(Role.CASEWORKER)).get(url).content.decode()
    assert done_url not in login(_theirs_manager(personas)).get(url).content.decode()


def test_coordinator_closes_any_organisations_item(personas: Personas, login: Callable[[User], Client]) -> None:
    item = ActionItemFactory(owner=personas.theirs)
    login(personas.user(Role.REGIONAL_COORDINATOR)).post(
        reverse("coordination:action_item_done", kwargs={"item_id": item.pk})
    )
    item.refresh_from_db()
    assert item.status == ActionItemStatus.DONE


def test_task_list_shows_rounds_awaiting_our_answer(personas: Personas, login: Callable[[User], Client]) -> None:
    RoundRecipientFactory(organization=personas.ours, round=ReportingRoundFactory(title="Free places in November"))
    RoundRecipientFactory(organization=personas.theirs, round=ReportingRoundFactory(title="Their own round"))
    page = _tasks_page(login(personas.user(Role.ORGANIZATION_MANAGER)))
    assert "Free places in November" in page
    assert "Their own round" not in page


def test_task_list_when_nothing_waits(personas: Personas, login: Callable[[User], Client]) -> None:
    page = _tasks_page(login(personas.user(Role.CASEWORKER)))
    assert "Our organisation has no open action item." in page
    assert "No reporting round is waiting for our answer." in page


def test_task_list_runs_a_fixed_number_of_queries(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.user(Role.CASEWORKER))
    ActionItemFactory(owner=personas.ours)
    client.get(reverse("coordination:tasks"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("coordination:tasks"))
    for _index in range(6):
        ActionItemFactory(owner=personas.ours)
        RoundRecipientFactory(organization=personas.ours)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("coordination:tasks"))
    assert len(many) == len(few)


def test_workspace_card_counts_our_items_and_rounds(personas: Personas, login: Callable[[User], Client]) -> None:
    meeting = MeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=30))
    ActionItemFactory(meeting=meeting, owner=personas.ours, text="Overdue thing",
                      due_on=timezone.localdate() - datetime.timedelta(days=1))  # fmt: skip
    ActionItemFactory(meeting=meeting, owner=personas.ours, text="Upcoming thing")
    ActionItemFactory(meeting=meeting, owner=personas.theirs, text="Their thing")
    RoundRecipientFactory(organization=personas.ours, round=ReportingRoundFactory(title="School places"))
    page = login(personas.user(Role.CASEWORKER)).get(reverse("core:workspace")).content.decode()
    assert "coordination-tasks-heading" in page
    assert "Overdue thing" in page
    assert "Upcoming thing" in page
    assert "School places" in page
    assert "Their thing" not in page
    assert "1 action item overdue" in page


def test_workspace_card_is_not_shown_to_the_platform_administrator(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    page = login(personas.user(Role.PLATFORM_ADMIN)).get(reverse("core:workspace")).content.decode()
    assert "coordination-tasks-heading" not in page


def test_coordinator_lists_open_items_grouped_by_organisation(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    ActionItemFactory(owner=personas.theirs, text="Their open item")
    ActionItemFactory(owner=personas.ours, text="Our open item")
    ActionItemFactory(owner=personas.ours, text="Our done item", status=ActionItemStatus.DONE, closed_at=timezone.now())
    page = login(personas.user(Role.REGIONAL_COORDINATOR)).get(reverse("coordination:action_items")).content.decode()
    assert page.index("Helping Hands Theirs") < page.index("Their open item")
    assert page.index("Integration Centre Ours") < page.index("Our open item")
    assert "Our done item" not in page


def test_coordinators_open_items_export_as_csv_and_xlsx(personas: Personas, login: Callable[[User], Client]) -> None:
    ActionItemFactory(owner=personas.theirs, text="=HYPERLINK(1)")
    client = login(personas.user(Role.REGIONAL_COORDINATOR))
    csv = client.get(reverse("coordination:action_items"), {"format": "csv"})
    body = csv.content.decode("utf-8-sig")
    assert csv["Content-Type"].startswith("text/csv")
    assert "Helping Hands Theirs" in body
    assert "'=HYPERLINK(1)" in body
    xlsx = client.get(reverse("coordination:action_items"), {"format": "xlsx"})
    assert xlsx.content[:2] == b"PK"


def test_coordinators_open_items_list_runs_a_fixed_number_of_queries(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    client = login(personas.user(Role.REGIONAL_COORDINATOR))
    ActionItemFactory()
    client.get(reverse("coordination:action_items"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("coordination:action_items"))
    for _index in range(6):
        ActionItemFactory(owner=OrganizationFactory())
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("coordination:action_items"))
    assert len(many) == len(few)


def test_manager_cannot_see_every_organisations_items(personas: Personas, login: Callable[[User], Client]) -> None:
    response = login(personas.user(Role.ORGANIZATION_MANAGER)).get(reverse("coordination:action_items"))
    assert response.status_code == 403
