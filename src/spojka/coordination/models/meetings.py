"""Coordination meetings of the regional platform: agenda, minutes, attachments and action items.

A meeting has participating organisations (their staff see it) and people (staff users and
free-text guests). Action items belong to an owner organisation and stay in its task list
until someone of that organisation (or the coordinator) marks them done or cancelled.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = ["ActionItem", "ActionItemStatus", "AgendaItem", "Meeting", "MeetingAttachment"]


class ActionItemStatus(models.TextChoices):
    """Where an action item of a meeting stands."""

    OPEN = "open", pgettext_lazy("action item", "Open")
    DONE = "done", pgettext_lazy("action item", "Done")
    CANCELLED = "cancelled", pgettext_lazy("action item", "Cancelled")


class Meeting(models.Model):
    """A meeting of the regional coordination platform."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    organizations = models.ManyToManyField(
        "network.Organization",
        verbose_name=_("participating organisations"),
        related_name="coordination_meetings",
        blank=True,
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participants"),
        related_name="coordination_meetings",
        blank=True,
    )
    guests = models.TextField(
        _("guests"), blank=True, help_text=_("People from outside the platform, one per line (name and affiliation).")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_updated_at = models.DateTimeField(_("minutes updated"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("coordination meeting")
        verbose_name_plural = _("coordination meetings")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["starts_at"], name="coord_meeting_starts")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True) | models.Q(ends_at__gte=models.F("starts_at")),
                name="coord_meeting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_past(self) -> bool:
        """Say whether the meeting has begun (its minutes may be written)."""
        return self.starts_at <= timezone.now()

    @property
    def guest_list(self) -> list[str]:
        """Return the guests, one per line, without blank lines."""
        return [line.strip() for line in self.guests.splitlines() if line.strip()]


class AgendaItem(models.Model):
    """One point of a meeting's agenda, in order."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("agenda item"), max_length=255)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return self.title


def attachment_path(instance: "MeetingAttachment", filename: str) -> str:
    """Return where an attachment is stored: under the meeting's id, with a random name and the original suffix."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"coordination/meetings/{instance.meeting_id}/{uuid.uuid4().hex}{suffix}"


class MeetingAttachment(models.Model):
    """A file of a meeting (a presentation, a signed attendance list); served only to staff through a view."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["meeting", "uploaded_at"]

    def __str__(self) -> str:
        return self.name


class ActionItem(models.Model):
    """Something a meeting agreed an organisation will do by a date."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="action_items"
    )
    text = models.TextField(_("what is to be done"))
    owner = models.ForeignKey(
        "network.Organization",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        related_name="coordination_action_items",
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=16, choices=ActionItemStatus.choices, default=ActionItemStatus.OPEN
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closing_note = models.TextField(_("note on closing"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "created_at"]
        indexes = [models.Index(fields=["owner", "status", "due_on"], name="coord_action_owner_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ActionItemStatus.values), name="coord_action_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status=ActionItemStatus.OPEN) | models.Q(closed_at__isnull=False),
                name="coord_action_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        """Say whether the item still waits for its owner."""
        return self.status == ActionItemStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        """Say whether the item is open after its due date."""
        return self.is_open and self.due_on < timezone.localdate()
