"""Writes of coordination meetings, their minutes, attachments and action items.

Meetings carry no client data, so they leave no access-audit entries; each write logs an event
with ids only.
"""

import datetime
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import Final

import structlog
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.accounts.models import User
from spojka.coordination.models import ActionItem, ActionItemStatus, AgendaItem, Meeting, MeetingAttachment
from spojka.network.models import Organization

log = structlog.get_logger(__name__)

MAX_ATTACHMENT_BYTES: Final = 10 * 1024 * 1024

# Office documents, PDF, plain text and pictures; no executables, archives or HTML (which a browser would run).
ALLOWED_SUFFIXES: Final = frozenset(
    {".pdf", ".txt", ".csv", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".png", ".jpg",
     ".jpeg"}
)  # fmt: skip


class MeetingError(ValueError):
    """A change the meeting or action item does not allow; the message is for the user."""


def attachment_problem(upload: UploadedFile) -> str | None:
    """Return why an uploaded file cannot be attached (too large, a type we do not keep), or None."""
    if upload.size is None or upload.size == 0:
        return _("The file is empty.")
    if upload.size > MAX_ATTACHMENT_BYTES:
        return _("The file is %(size)s; attachments may have at most %(limit)s.") % {
            "size": filesizeformat(upload.size),
            "limit": filesizeformat(MAX_ATTACHMENT_BYTES),
        }
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        return _("Files of this type cannot be attached. Attach a PDF, an office document, a text file or a picture.")
    return None


def _agenda(meeting: Meeting, agenda: Sequence[str]) -> None:
    meeting.agenda.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=position, title=title.strip()[:255])
        for position, title in enumerate(agenda, start=1)
        if title.strip()
    )


def _check_times(starts_at: datetime.datetime, ends_at: datetime.datetime | None) -> None:
    if ends_at is not None and ends_at < starts_at:
        raise MeetingError(_("The meeting cannot end before it starts."))


@transaction.atomic
def plan_meeting(
    *,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    place: str = "",
    online_url: str = "",
    organizations: Iterable[Organization] = (),
    participants: Iterable[User] = (),
    guests: str = "",
    agenda: Sequence[str] = (),
    by: User,
) -> Meeting:
    """Plan a meeting of the platform with its participants and agenda."""
    _check_times(starts_at, ends_at)
    if not place.strip() and not online_url.strip():
        raise MeetingError(_("Say where the meeting takes place, or give the link to join it online."))
    meeting = Meeting.objects.create(
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        online_url=online_url.strip(),
        guests=guests.strip(),
        created_by=by,
    )
    meeting.organizations.set(list(organizations))
    meeting.participants.set(list(participants))
    _agenda(meeting, agenda)
    log.info("coordination.meeting_planned", meeting_id=str(meeting.pk), by=str(by.pk))
    return meeting


@transaction.atomic
def change_meeting(
    *,
    meeting: Meeting,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    place: str = "",
    online_url: str = "",
    organizations: Iterable[Organization] = (),
    participants: Iterable[User] = (),
    guests: str = "",
    agenda: Sequence[str] = (),
    by: User,
) -> Meeting:
    """Change a meeting's time, place, participants or agenda."""
    _check_times(starts_at, ends_at)
    if not place.strip() and not online_url.strip():
        raise MeetingError(_("Say where the meeting takes place, or give the link to join it online."))
    meeting.title = title.strip()
    meeting.starts_at = starts_at
    meeting.ends_at = ends_at
    meeting.place = place.strip()
    meeting.online_url = online_url.strip()
    meeting.guests = guests.strip()
    meeting.save(update_fields=["title", "starts_at", "ends_at", "place", "online_url", "guests", "updated_at"])
    meeting.organizations.set(list(organizations))
    meeting.participants.set(list(participants))
    _agenda(meeting, agenda)
    log.info("coordination.meeting_changed", meeting_id=str(meeting.pk), by=str(by.pk))
    return meeting


@transaction.atomic
def write_minutes(*, meeting: Meeting, minutes: str, by: User) -> Meeting:
    """Write or correct the minutes of a meeting that has begun."""
    if not meeting.is_past:
        raise MeetingError(_("Minutes can be written once the meeting has begun."))
    meeting.minutes = minutes.strip()
    meeting.minutes_updated_at = timezone.now()
    meeting.save(update_fields=["minutes", "minutes_updated_at", "updated_at"])
    log.info("coordination.minutes_written", meeting_id=str(meeting.pk), by=str(by.pk))
    return meeting


@transaction.atomic
def attach_file(*, meeting: Meeting, upload: UploadedFile, by: User) -> MeetingAttachment:
    """Attach a file to a meeting, refusing files that are too large or of a type we do not keep."""
    problem = attachment_problem(upload)
    if problem:
        raise MeetingError(problem)
    name = PurePath(upload.name or "attachment").name[:200]
    attachment = MeetingAttachment(
        meeting=meeting,
        name=name,
        content_type=(upload.content_type or "application/octet-stream")[:100],
        size=upload.size or 0,
        uploaded_by=by,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    log.info("coordination.attachment_added", meeting_id=str(meeting.pk), attachment_id=str(attachment.pk))
    return attachment


@transaction.atomic
def remove_attachment(*, attachment: MeetingAttachment, by: User) -> None:
    """Remove an attachment and its file."""
    storage, path = attachment.file.storage, attachment.file.name
    attachment.delete()
    if path:
        transaction.on_commit(lambda: storage.delete(path))
    log.info("coordination.attachment_removed", meeting_id=str(attachment.meeting_id), by=str(by.pk))


@transaction.atomic
def add_action_item(*, meeting: Meeting, text: str, owner: Organization, due_on: datetime.date, by: User) -> ActionItem:
    """Record what an organisation agreed to do by a date; it appears in that organisation's tasks."""
    if not text.strip():
        raise MeetingError(_("Say what is to be done."))
    meeting_day = timezone.localdate(meeting.starts_at)
    if due_on < meeting_day:
        raise MeetingError(
            _("The due date cannot be before the meeting (%(day)s).") % {"day": meeting_day.strftime("%d.%m.%Y")}
        )
    item = ActionItem.objects.create(meeting=meeting, text=text.strip(), owner=owner, due_on=due_on)
    log.info("coordination.action_item_added", meeting_id=str(meeting.pk), item_id=str(item.pk), by=str(by.pk))
    return item


def _close(*, item: ActionItem, status: ActionItemStatus, note: str, by: User) -> ActionItem:
    locked = ActionItem.objects.select_for_update().get(pk=item.pk)
    if locked.status != ActionItemStatus.OPEN:
        raise MeetingError(_("This action item has already been closed."))
    locked.status = status
    locked.closing_note = note.strip()
    locked.closed_by = by
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closing_note", "closed_by", "closed_at"])
    log.info("coordination.action_item_closed", item_id=str(item.pk), status=status.value, by=str(by.pk))
    return locked


@transaction.atomic
def complete_action_item(*, item: ActionItem, note: str = "", by: User) -> ActionItem:
    """Mark an action item done, with a note on what was done; it leaves the owner's task list."""
    return _close(item=item, status=ActionItemStatus.DONE, note=note, by=by)


@transaction.atomic
def cancel_action_item(*, item: ActionItem, note: str, by: User) -> ActionItem:
    """Cancel an action item that is no longer needed, saying why."""
    if not note.strip():
        raise MeetingError(_("Say why the action item is cancelled."))
    return _close(item=item, status=ActionItemStatus.CANCELLED, note=note, by=by)
