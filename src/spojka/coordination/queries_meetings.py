"""Reads of coordination meetings and their action items, each taking the viewer."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from spojka.accounts.models import User
from spojka.coordination.models import ActionItem, ActionItemStatus, AgendaItem, Meeting, MeetingAttachment
from spojka.network.models import Organization
from spojka.network.rules import active_membership


def _sees_every_meeting(viewer: User) -> bool:
    return bool(viewer.has_perm("coordination.manage_meetings"))


def meetings_visible_to(*, viewer: User) -> QuerySet[Meeting]:
    """Return the meetings the viewer may see: all for the coordinator, else those of their organisation or theirs.

    Staff see a meeting when their organisation takes part in it or they are listed as a participant.
    """
    if not viewer.has_perm("coordination.view_meetings"):
        return Meeting.objects.none()
    meetings = Meeting.objects.all()
    if _sees_every_meeting(viewer):
        return meetings
    listed = Meeting.participants.through.objects.filter(meeting_id=OuterRef("pk"), user_id=viewer.pk)
    membership = active_membership(viewer)
    if membership is None:
        return meetings.filter(Exists(listed))
    taking_part = Meeting.organizations.through.objects.filter(
        meeting_id=OuterRef("pk"), organization_id=membership.organization_id
    )
    return meetings.filter(Q(Exists(taking_part)) | Q(Exists(listed)))


def meetings_for_listing(*, viewer: User, past: bool) -> QuerySet[Meeting]:
    """Return the viewer's upcoming meetings (soonest first) or past ones (latest first), with counts."""
    now = timezone.now()
    meetings = meetings_visible_to(viewer=viewer).annotate(
        organization_count=Count("organizations", distinct=True),
        open_item_count=Count("action_items", filter=Q(action_items__status=ActionItemStatus.OPEN), distinct=True),
    )
    if past:
        return meetings.filter(starts_at__lt=now).order_by("-starts_at")
    return meetings.filter(starts_at__gte=now).order_by("starts_at")


def get_meeting_for_user(
    user: User, meeting_id: uuid.UUID, *, permission: str = "coordination.view_meetings"
) -> Meeting:
    """Return a meeting the user may see and holds the permission for, else raise 404."""
    meeting = meetings_visible_to(viewer=user).filter(pk=meeting_id).first()
    if meeting is None or not user.has_perm(permission):
        raise Http404
    return meeting


def meeting_for_detail(*, meeting: Meeting) -> Meeting:
    """Return the meeting again with everything its page shows, in a fixed number of queries."""
    return (
        Meeting.objects.prefetch_related(
            Prefetch("organizations", queryset=Organization.objects.order_by("name")),
            Prefetch("participants", queryset=User.objects.order_by("full_name")),
            Prefetch("agenda", queryset=AgendaItem.objects.order_by("position", "pk")),
            Prefetch("attachments", queryset=MeetingAttachment.objects.order_by("uploaded_at")),
            Prefetch(
                "action_items",
                queryset=ActionItem.objects.select_related("owner", "closed_by").order_by("due_on", "created_at"),
            ),
        )
        .select_related("created_by")
        .get(pk=meeting.pk)
    )


def get_attachment_for_user(user: User, attachment_id: uuid.UUID) -> MeetingAttachment:
    """Return an attachment of a meeting the user may see, else raise 404."""
    attachment = MeetingAttachment.objects.select_related("meeting").filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    get_meeting_for_user(user, attachment.meeting_id)
    return attachment


def get_action_item_for_user(user: User, item_id: uuid.UUID) -> ActionItem:
    """Return an action item the user may close: their organisation's (or any, for the coordinator), else 404."""
    item = ActionItem.objects.select_related("meeting", "owner").filter(pk=item_id).first()
    if item is None or not user.has_perm("coordination.handle_tasks", item.owner):
        raise Http404
    return item


def open_action_items_of(*, organization: Organization | None) -> QuerySet[ActionItem]:
    """Return an organisation's open action items, soonest due first."""
    if organization is None:
        return ActionItem.objects.none()
    return (
        ActionItem.objects.filter(owner=organization, status=ActionItemStatus.OPEN)
        .select_related("meeting")
        .order_by("due_on", "created_at")
    )


def overdue_count(items: Iterable[ActionItem]) -> int:
    """Return how many of the items are past their due date."""
    return sum(1 for item in items if item.is_overdue)


def open_action_items_for_coordinator(*, viewer: User) -> QuerySet[ActionItem]:
    """Return every organisation's open action items, by organisation then due date (the coordinator's list)."""
    if not _sees_every_meeting(viewer):
        return ActionItem.objects.none()
    return (
        ActionItem.objects.filter(status=ActionItemStatus.OPEN)
        .select_related("meeting", "owner")
        .order_by("owner__name", "due_on", "created_at")
    )


@dataclass(frozen=True)
class OrganizationItems:
    """One organisation's open action items, for the coordinator's grouped list."""

    organization: Organization
    items: list[ActionItem]

    @property
    def overdue(self) -> int:
        """Return how many of its items are overdue."""
        return overdue_count(self.items)


def group_by_owner(items: Iterable[ActionItem]) -> list[OrganizationItems]:
    """Group action items (already ordered by owner) into one entry per organisation."""
    groups: list[OrganizationItems] = []
    for item in items:
        if not groups or groups[-1].organization.pk != item.owner_id:
            groups.append(OrganizationItems(organization=item.owner, items=[]))
        groups[-1].items.append(item)
    return groups


def participant_choices() -> QuerySet[User]:
    """Return the staff users who can be invited to meetings: active people with an active membership."""
    return (
        User.objects.filter(is_active=True, memberships__is_active=True, memberships__organization__is_active=True)
        .distinct()
        .order_by("full_name", "email")
    )
