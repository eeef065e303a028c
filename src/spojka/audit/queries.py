"""Reads of the audit trail, for the organisation manager and the data-protection officer."""

import datetime
import uuid

from django.db.models import QuerySet
from django.utils import timezone

from spojka.audit.models import AccessEntry
from spojka.network.rules import active_membership


def _visible_entries(viewer: object) -> QuerySet[AccessEntry]:
    membership = active_membership(viewer)
    if membership is None or not viewer.has_perm("audit.view_audit"):  # type: ignore[attr-defined]  # a User
        return AccessEntry.objects.none()
    return AccessEntry.objects.select_related("user", "organization")


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_trail(
    *,
    viewer: object,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    user_id: int | None = None,
    client_id: uuid.UUID | None = None,
) -> QuerySet[AccessEntry]:
    """Return the accesses to personal data made by the staff of the viewer's organisation, newest first.

    `since` and `until` are days, both included.
    """
    membership = active_membership(viewer)
    entries = _visible_entries(viewer)
    if membership is None:
        return entries
    entries = entries.filter(organization_id=membership.organization_id)
    if since is not None:
        entries = entries.filter(at__gte=_start_of(since))
    if until is not None:
        entries = entries.filter(at__lt=_start_of(until + datetime.timedelta(days=1)))
    if user_id is not None:
        entries = entries.filter(user_id=user_id)
    if client_id is not None:
        entries = entries.filter(client_id=client_id)
    return entries.order_by("-at", "-id")


def accesses_to_client(*, viewer: object, client_id: uuid.UUID) -> QuerySet[AccessEntry]:
    """Return every recorded access to one client's data, by anyone, newest first.

    The caller has already checked that the client belongs to the viewer's organisation.
    """
    return _visible_entries(viewer).filter(client_id=client_id).order_by("-at", "-id")
