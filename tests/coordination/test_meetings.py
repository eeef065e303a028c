"""Coordination meetings: planning, minutes, attachments, action items, who sees what, the calendar file."""

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from spojka.accounts.models import User
from spojka.coordination.actions_meetings import MAX_ATTACHMENT_BYTES
from spojka.coordination.models import ActionItem, ActionItemStatus, Meeting, MeetingAttachment
from spojka.network.enums import Role
from tests.conftest import Personas
from tests.coordination.factories_meetings import (
    ActionItemFactory,
    AgendaItemFactory,
    MeetingAttachmentFactory,
    MeetingFactory,
)
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: object, tmp_path: Path) -> None:
    settings.STORAGES = {  # type: ignore[attr-defined]  # pytest-django's settings fixture
        **settings.STORAGES,  # type: ignore[attr-defined]
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def _theirs_manager(personas: Personas) -> User:
    return User.objects.get(email="manager@theirs.example.org")


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_coordinator_plans_a_meeting_with_agenda_and_participants(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    coordinator = personas.user(Role.REGIONAL_COORDINATOR)
    starts = timezone.now() + datetime.timedelta(days=10)
    response = login(coordinator).post(
        reverse("coordination:meeting_new"),
        {
            "title": "Housing for families from Ukraine",
            "starts_at": _local(starts),
            "ends_at": _local(starts + datetime.timedelta(hours=2)),
            "place": "Regional office",
            "organizations": [personas.ours.pk, personas.theirs.pk],
            "participants": [personas.user(Role.ORGANIZATION_MANAGER).pk],
            "guests": "Jana Nováková, Liberec school\n\n",
            "agenda": "Free places\n\nSchools\n",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("coordination:meeting", kwargs={"meeting_id": meeting.pk})
    assert [item.title for item in meeting.agenda.all()] == ["Free places", "Schools"]
    assert set(meeting.organizations.all()) == {personas.ours, personas.theirs}
    assert meeting.guest_list == ["Jana Nováková, Liberec school"]


def test_meeting_ending_before_it_starts_is_refused_and_nothing_saved(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    starts = timezone.now() + datetime.timedelta(days=10)
    response = login(personas.user(Role.REGIONAL_COORDINATOR)).post(
        reverse("coordination:meeting_new"),
        {"title": "Backwards", "starts_at": _local(starts), "ends_at": _local(starts - datetime.timedelta(hours=1)),
         "place": "Office", "agenda": "Keep me"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "The meeting cannot end before it starts." in response.content.decode()
    assert "Keep me" in response.content.decode()
    assert not Meeting.objects.exists()


def test_meeting_without_place_or_link_is_refused(personas: Personas, login: Callable[[User], Client]) -> None:
    response = login(personas.user(Role.REGIONAL_COORDINATOR)).post(
        reverse("coordination:meeting_new"),
        {"title": "Nowhere", "starts_at": _local(timezone.now())},
    )
    assert "Say where the meeting takes place" in response.content.decode()
    assert not Meeting.objects.exists()


def test_coordinator_edits_a_meeting(personas: Personas, login: Callable[[User], Client]) -> None:
    meeting = MeetingFactory(organizations=[personas.ours])
    AgendaItemFactory(meeting=meeting, title="Old item")
    response = login(personas.user(Role.REGIONAL_COORDINATOR)).post(
        reverse("coordination:meeting_edit", kwargs={"meeting_id": meeting.pk}),
        {"title": "Renamed", "starts_at": _local(meeting.starts_at), "online_url": "https://meet.example.org/abc",
         "organizations": [personas.theirs.pk], "agenda": "New item"},
    )  # fmt: skip
    meeting.refresh_from_db()
    assert response.status_code == 302
    assert meeting.title == "Renamed"
    assert meeting.online_url == "https://meet.example.org/abc"
    assert [item.title for item in meeting.agenda.all()] == ["New item"]
    assert list(meeting.organizations.all()) == [personas.theirs]


def test_manager_cannot_plan_meetings(personas: Personas, login: Callable[[User], Client]) -> None:
    response = login(personas.user(Role.ORGANIZATION_MANAGER)).get(reverse("coordination:meeting_new"))
    assert response.status_code == 403


def test_staff_see_meetings_of_their_organisation_but_not_others(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    ours = MeetingFactory(title="Our platform meeting", organizations=[personas.ours])
    theirs = MeetingFactory(title="Their platform meeting", organizations=[personas.theirs])
    client = login(personas.user(Role.CASEWORKER))
    page = client.get(reverse("coordination:meetings")).content.decode()
    assert "Our platform meeting" in page
    assert "Their platform meeting" not in page
    assert client.get(reverse("coordination:meeting", kwargs={"meeting_id": ours.pk})).status_code == 200
    assert client.get(reverse("coordination:meeting", kwargs={"meeting_id": theirs.pk})).status_code == 404


def test_a_person_invited_by_name_sees_the_meeting(personas: Personas, login: Callable[[User], Client]) -> None:
    caseworker = personas.user(Role.CASEWORKER)
    meeting = MeetingFactory(organizations=[personas.theirs])
    meeting.participants.add(caseworker)
    response = login(caseworker).get(reverse("coordination:meeting", kwargs={"meeting_id": meeting.pk}))
    assert response.status_code == 200


def test_coordinator_sees_every_meeting(personas: Personas, login: Callable[[User], Client]) -> None:
    meeting = MeetingFactory(title="Their platform meeting", organizations=[personas.theirs])
    client = login(personas.user(Role.REGIONAL_COORDINATOR))
    assert "Their platform meeting" in client.get(reverse("coordination:meetings")).content.decode()
    assert client.get(reverse("coordination:meeting", kwargs={"meeting_id": meeting.pk})).status_code == 200


def test_meeting_list_splits_upcoming_and_past(personas: Personas, login: Callable[[User], Client]) -> None:
    MeetingFactory(title="Next week", starts_at=timezone.now() + datetime.timedelta(days=7))
    MeetingFactory(title="Last week", starts_at=timezone.now() - datetime.timedelta(days=7))
    page = login(personas.user(Role.REGIONAL_COORDINATOR)).get(reverse("coordination:meetings")).content.decode()
    assert page.index("Next week") < page.index("Past") < page.index("Last week")


def test_meeting_list_runs_a_fixed_number_of_queries(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.user(Role.CASEWORKER))
    MeetingFactory(organizations=[personas.ours])
    client.get(reverse("coordination:meetings"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("coordination:meetings"))
    for days in range(1, 8):
        meeting = MeetingFactory(
            organizations=[personas.ours, OrganizationFactory()],
            starts_at=timezone.now() + datetime.timedelta(days=days * (1 if days % 2 else -1)),
        )
        ActionItemFactory(meeting=meeting, owner=personas.ours)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("coordination:meetings"))
    assert len(many) == len(few)


def test_meeting_detail_runs_a_fixed_number_of_queries(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.user(Role.REGIONAL_COORDINATOR))
    meeting = MeetingFactory(organizations=[personas.ours])
    url = reverse("coordination:meeting", kwargs={"meeting_id": meeting.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _index in range(5):
        ActionItemFactory(meeting=meeting, owner=OrganizationFactory())
        AgendaItemFactory(meeting=meeting)
        MeetingAttachmentFactory(meeting=meeting)
        meeting.organizations.add(OrganizationFactory())
        meeting.participants.add(UserFactory())
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_minutes_are_saved_after_the_meeting(personas: Personas, login: Callable[[User], Client]) -> None:
    meeting = MeetingFactory()
    response = login(personas.user(Role.REGIONAL_COORDINATOR)).post(
        reverse("coordination:meeting_minutes", kwargs={"meeting_id": meeting.pk}),
        {"minutes": "Agreed: the region pays interpreters."},
    )
    meeting.refresh_from_db()
    assert response.status_code == 302
    assert meeting.minutes == "Agreed: the region pays interpreters."
    assert meeting.minutes_updated_at is not None


def test_minutes_of_an_upcoming_meeting_are_refused(personas: Personas, login: Callable[[User], Client]) -> None:
    meeting = MeetingFactory(starts_at=timezone.now() + datetime.timedelta(days=3))
    response = login(personas.user(Role.REGIONAL_COORDINATOR)).post(
        reverse("coordination:meeting_minutes", kwargs={"meeting_id": meeting.pk}), {"minutes": "Too early"}
    )
    meeting.refresh_from_db()
    assert "Minutes can be written once the meeting has begun." in response.content.decode()
    assert meeting.minutes == ""


def test_minutes_print_without_the_forms(personas: Personas, login: Callable[[User], Client]) -> None:
    meeting = MeetingFactory(minutes="We met.")
    page = login(personas.user(Role.REGIONAL_COORDINATOR)).get(
        reverse("coordination:meeting", kwargs={"meeting_id": meeting.pk})
    )
    assert 'class="no-print"' in page.content.decode()
    assert "We met." in page.content.decode()


def test_attachment_is_stored_and_served_only_to_staff_who_see_the_meeting(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    meeting = MeetingFactory(organizations=[personas.ours])
    upload = SimpleUploadedFile("Prezentace KACPU.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    response = login(personas.user(Role.REGIONAL_COORDINATOR)).post(
        reverse("coordination:attachment_add", kwargs={"meeting_id": meeting.pk}), {"file": upload}
    )
    attachment = MeetingAttachment.objects.get()
    assert response.status_code == 302
    assert attachment.name == "Prezentace KACPU.pdf"
    assert "Prezentace" not in attachment.file.name  # stored under a random name
    url = reverse("coordination:attachment", kwargs={"attachment_id": attachment.pk})
    ours = login(personas.user(Role.CASEWORKER)).get(url)
    assert ours.status_code == 200
    assert b"".join(ours.streaming_content) == b"%PDF-1.4 demo"  # type: ignore[attr-defined]  # a FileResponse
    assert "attachment" in ours["Content-Disposition"]
    assert "no-cache" in ours["Cache-Control"] or "no-store" in ours["Cache-Control"]
    assert login(_theirs_manager(personas)).get(url).status_code == 404


def test_attachment_is_not_public(personas: Personas, client: Client) -> None:
    attachment = MeetingAttachmentFactory()
    response = client.get(reverse("coordination:attachment", kwargs={"attachment_id": attachment.pk}))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_attachment_too_large_is_refused_with_a_clear_message(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    meeting = MeetingFactory()
    upload = SimpleUploadedFile("big.pdf", b"x" * (MAX_ATTACHMENT_BYTES + 1), content_type="application/pdf")
    response = login(personas.user(Role.REGIONAL_COORDINATOR)).post(
        reverse("coordination:attachment_add", kwargs={"meeting_id": meeting.pk}), {"file": upload}
    )
    assert "attachments may have at most 10.0" in response.content.decode()
    assert not MeetingAttachment.objects.exists()


def test_attachment_of_a_forbidden_type_is_refused(personas: Personas, login: Callable[[User], Client]) -> None:
    meeting = MeetingFactory()
    upload = SimpleUploadedFile("run.html", b"<script>alert(1)</script>", content_type="text/html")
    response = login(personas.user(Role.REGIONAL_COORDINATOR)).post(
        reverse("coordination:attachment_add", kwargs={"meeting_id": meeting.pk}), {"file": upload}
    )
    assert "Files of this type cannot be attached." in response.content.decode()
    assert not MeetingAttachment.objects.exists()


def test_attachment_is_removed_with_its_file(personas: Personas, login: Callable[[User], Client]) -> None:
    attachment = MeetingAttachmentFactory()
    storage, name = attachment.file.storage, attachment.file.name
    with pytest.raises(AssertionError):
        assert not storage.exists(name)
    from django.test import TestCase  # only for captureOnCommitCallbacks

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = login(personas.user(Role.REGIONAL_COORDINATOR)).post(
            reverse("coordination:attachment_remove", kwargs={"attachment_id": attachment.pk})
        )
    assert response.status_code == 302
    assert not MeetingAttachment.objects.exists()
    assert not storage.exists(name)


def test_action_item_is_added_with_owner_and_due_date(personas: Personas, login: Callable[[User], Client]) -> None:
    meeting = MeetingFactory(organizations=[personas.ours, personas.theirs])
    due = timezone.localdate() + datetime.timedelta(days=30)
    response = login(personas.user(Role.REGIONAL_COORDINATOR)).post(
        reverse("coordination:action_item_add", kwargs={"meeting_id": meeting.pk}),
        {"text": "Send the list of free flats", "owner": personas.theirs.pk, "due_on": due.isoformat()},
    )
    item = ActionItem.objects.get()
    assert response.status_code == 302
    assert (item.owner, item.due_on, item.status) == (personas.theirs, due, ActionItemStatus.OPEN)


def test_action_item_due_before_the_meeting_is_refused(personas: Personas, login: Callable[[User], Client]) -> None:
    meeting = MeetingFactory(organizations=[personas.ours])
    before = timezone.localdate(meeting.starts_at) - datetime.timedelta(days=1)
    response = login(personas.user(Role.REGIONAL_COORDINATOR)).post(
        reverse("coordination:action_item_add", kwargs={"meeting_id": meeting.pk}),
        {"text": "Too early", "owner": personas.ours.pk, "due_on": before.isoformat()},
    )
    assert "The due date cannot be before the meeting" in response.content.decode()
    assert "Too early" in response.content.decode()
    assert not ActionItem.objects.exists()


def test_action_item_with_a_malformed_date_is_refused(personas: Personas, login: Callable[[User], Client]) -> None:
    meeting = MeetingFactory()
    response = login(personas.user(Role.REGIONAL_COORDINATOR)).post(
        reverse("coordination:action_item_add", kwargs={"meeting_id": meeting.pk}),
        {"text": "Something", "owner": personas.ours.pk, "due_on": "31.02.2026"},
    )
    assert response.status_code == 200
    assert "field__errors" in response.content.decode()
    assert not ActionItem.objects.exists()


def test_coordinator_cancels_an_action_item_with_a_reason(personas: Personas, login: Callable[[User], Client]) -> None:
    item = ActionItemFactory(owner=personas.theirs)
    client = login(personas.user(Role.REGIONAL_COORDINATOR))
    url = reverse("coordination:action_item_cancel", kwargs={"item_id": item.pk})
    client.post(url, {"note": ""})
    item.refresh_from_db()
    assert item.status == ActionItemStatus.OPEN
    client.post(url, {"note": "The school found its own interpreter."})
    item.refresh_from_db()
    assert item.status == ActionItemStatus.CANCELLED
    assert item.closed_by == personas.user(Role.REGIONAL_COORDINATOR)


def test_meeting_calendar_file(personas: Personas, login: Callable[[User], Client]) -> None:
    meeting = MeetingFactory(title="Platform meeting", organizations=[personas.ours], place="Liberec")
    AgendaItemFactory(meeting=meeting, title="Schools")
    response = login(personas.user(Role.CASEWORKER)).get(
        reverse("coordination:meeting_ics", kwargs={"meeting_id": meeting.pk})
    )
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in body
    assert "SUMMARY:Platform meeting" in body
    assert "LOCATION:Liberec" in body
    assert "1. Schools" in body


def test_new_staff_of_another_organisation_do_not_get_our_calendar_file(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    meeting = MeetingFactory(organizations=[personas.ours])
    stranger = MembershipFactory(organization=personas.theirs, role=Role.CASEWORKER).user
    response = login(stranger).get(reverse("coordination:meeting_ics", kwargs={"meeting_id": meeting.pk}))
    assert response.status_code == 404
