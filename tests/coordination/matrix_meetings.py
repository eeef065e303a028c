"""Meetings, action items and good practices of "ours" for the permission-matrix test."""

from tests.conftest import Personas
from tests.coordination.factories_meetings import (
    ActionItemFactory,
    GoodPracticeFactory,
    MeetingAttachmentFactory,
    MeetingFactory,
)


def our_meeting(personas: Personas) -> dict[str, object]:
    return {"meeting_id": MeetingFactory(organizations=[personas.ours]).pk}


def our_attachment(personas: Personas) -> dict[str, object]:
    meeting = MeetingFactory(organizations=[personas.ours])
    return {"attachment_id": MeetingAttachmentFactory(meeting=meeting).pk}


def our_action_item(personas: Personas) -> dict[str, object]:
    meeting = MeetingFactory(organizations=[personas.ours])
    return {"item_id": ActionItemFactory(meeting=meeting, owner=personas.ours).pk}


def our_practice(personas: Personas) -> dict[str, object]:
    return {"practice_id": GoodPracticeFactory(organization=personas.ours).pk}
