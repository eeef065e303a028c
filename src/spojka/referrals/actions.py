"""Writes of referrals: drafting, the transitions of the state machine, messages, notifications.

Each action is atomic and leaves an audit entry. Lock order: the referral row first (on
PostgreSQL `SELECT … FOR UPDATE`), then the cases it touches. Every change of status is a
conditional UPDATE on the version the person saw (`… WHERE version = %s AND status = %s`), so
of two people changing the same referral at once the second is refused, never overwriting.
"""

import datetime
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.accounts.models import User
from spojka.audit.actions import record_access
from spojka.audit.enums import AuditAction, AuditPurpose
from spojka.cases import actions as case_actions
from spojka.cases.enums import NeedStatus
from spojka.cases.models import Case, CaseNeed, Note, Task
from spojka.clients.enums import DataCategory
from spojka.clients.models import Client, Consent
from spojka.clients.queries import covered_categories
from spojka.directory.models import Service
from spojka.network.rules import active_membership
from spojka.referrals.deadlines import add_working_days, country_of
from spojka.referrals.enums import LegalBasis, NotificationEvent, ReferralKind, ReferralStatus, Side, Transition
from spojka.referrals.models import Notification, Referral, ReferralEvent, ReferralMessage
from spojka.referrals.queries import child_protection_office_for, handlers_of, sides_of
from spojka.referrals.tasks import send_notification_email
from spojka.referrals.transitions import ForbiddenTransitionError, transition_for

# Vulnerability codes of the country packs that make a person a child for child protection whatever the birth date.
UNACCOMPANIED_MINOR_CODES = frozenset({"unaccompanied_minor", "unaccompanied-minor"})


class ReferralError(ValueError):
    """A referral cannot be made or changed as asked; the message is for the user."""


class ConsentRequiredError(ReferralError):
    """No standing consent lets the client's data go to the recipient."""


class ConcurrentChangeError(ReferralError):
    """Someone else changed the referral since the person loaded it."""


def _audit(*, by: User, referral: Referral, action: AuditAction, fields: Iterable[str], obj: Any = None) -> None:
    record_access(
        user=by,
        action=action,
        purpose=AuditPurpose.CHILD_PROTECTION if referral.is_child_protection else AuditPurpose.REFERRAL,
        obj=obj if obj is not None else referral,
        client_id=referral.client_id,
        fields=list(fields),
    )


def _check_case(case: Case, client: Client, by: User) -> None:
    membership = active_membership(by)
    if membership is None or membership.organization_id != case.organization_id:
        raise ReferralError(_("You can refer only from your organisation's cases."))
    if not case.is_open:
        raise ReferralError(_("The case is closed; reopen it before referring."))
    in_case = client.pk == case.client_id or (
        case.household_id is not None and client.household_id == case.household_id
    )
    if not in_case:
        raise ReferralError(_("The client is not the one the case is about."))
    if client.organization_id != case.organization_id:
        raise ReferralError(_("Only your organisation's own clients can be referred on."))
    if client.is_erased:
        raise ReferralError(_("The client's data have been erased."))


def _check_needs(case: Case, needs: Sequence[CaseNeed]) -> None:
    if any(need.case_id != case.pk for need in needs):
        raise ReferralError(_("Choose needs of this case."))


@transaction.atomic
def draft_referral(
    *,
    case: Case,
    client: Client,
    service: Service,
    needs: Sequence[CaseNeed],
    message: str = "",
    by: User,
) -> Referral:
    """Prepare a referral of a case's client to a service; nothing is shared until it is sent."""
    _check_case(case, client, by)
    _check_needs(case, needs)
    if not needs:
        raise ReferralError(_("Choose at least one need the referral is for."))
    referral = Referral.objects.create(
        kind=ReferralKind.REFERRAL,
        sender_organization_id=case.organization_id,
        case=case,
        client=client,
        service=service,
        recipient_organization_id=service.organization_id,
        message=message.strip(),
        created_by=by,
    )
    referral.needs.set(needs)
    _audit(by=by, referral=referral, action=AuditAction.CREATE, fields=["client", "service", "needs", "message"])
    return referral


def consent_problem(*, client: Client, service: Service) -> str | None:
    """Say why the client's data may not go to the service, or None when a standing consent covers some of it."""
    if not covered_categories(client=client, recipient_organization=service.organization, service=service):
        return _(
            "No standing consent of the client lets you share their data with %(organization)s. "
            "Record the client's consent first."
        ) % {"organization": service.organization.display_name}
    return None


def _lock(referral_id: uuid.UUID) -> Referral:
    rows = Referral.objects.select_related("service", "recipient_organization", "case", "client")
    if connection.features.has_select_for_update:
        # PostgreSQL: the second of two concurrent changes waits here, then sees the new version.
        rows = rows.select_for_update(of=("self",))
    return rows.get(pk=referral_id)


def _apply(
    *,
    referral: Referral,
    transition: Transition,
    expected_version: int,
    by: User,
    reason: str = "",
    changes: dict[str, Any] | None = None,
) -> tuple[Referral, ReferralStatus]:
    """Move the referral along the table unless someone changed it since `expected_version`; return it, old status."""
    current = _lock(referral.pk)
    if current.version != expected_version:
        raise ConcurrentChangeError(
            _("Someone else changed this referral a moment ago. Look at it again before you change it.")
        )
    move = transition_for(transition, current.status)
    if move.side not in sides_of(by, current):
        if move.side == Side.SENDER:
            raise ForbiddenTransitionError(_("Only the sending organisation may do this."))
        raise ForbiddenTransitionError(_("Only the receiving organisation may do this."))
    if move.needs_reason and not reason.strip():
        raise ReferralError(_("Say why, for the other organisation."))
    values = dict(changes or {})
    updated = Referral.objects.filter(pk=current.pk, version=expected_version, status=current.status).update(
        status=move.target, version=F("version") + 1, updated_at=timezone.now(), **values
    )
    if updated != 1:
        raise ConcurrentChangeError(
            _("Someone else changed this referral a moment ago. Look at it again before you change it.")
        )
    previous = ReferralStatus(current.status)
    current.refresh_from_db()
    membership = active_membership(by)
    ReferralEvent.objects.create(
        referral=current,
        transition=transition,
        from_status=previous,
        to_status=move.target,
        by=by,
        organization_id=membership.organization_id if membership else None,
        note=reason.strip(),
    )
    if move.event is not None and not (transition == Transition.CANCEL and previous == ReferralStatus.DRAFT):
        notify(referral=current, event=move.event, by=by)
    _audit(by=by, referral=current, action=AuditAction.UPDATE, fields=["status", *values.keys()])
    return current, previous


@transaction.atomic
def send_referral(
    *, referral: Referral, expected_version: int, by: User, now: datetime.datetime | None = None
) -> Referral:
    """Send a draft with the kinds of data a standing consent covers now; the answer is due in working days."""
    now = now or timezone.now()
    service = referral.service
    if service is None:
        raise ReferralError(_("Choose the service to refer to."))
    covered = covered_categories(client=referral.client, recipient_organization=service.organization, service=service)
    if not covered:
        raise ConsentRequiredError(
            _(
                "No standing consent of the client lets you share their data with %(organization)s. "
                "Record the client's consent first."
            )
            % {"organization": service.organization.display_name}
        )
    consent = (
        Consent.objects.filter(
            client=referral.client, recipient_organization=service.organization, withdrawn_at__isnull=True
        )
        .order_by("-given_on", "-recorded_at")
        .first()
    )
    due = add_working_days(timezone.localdate(now), service.response_days, country=country_of(service.organization))
    sent, _previous = _apply(
        referral=referral,
        transition=Transition.SEND,
        expected_version=expected_version,
        by=by,
        changes={
            "sent_at": now,
            "sent_by_id": by.pk,
            "response_due_on": due,
            "consent_id": consent.pk if consent else None,
            "shared_categories": sorted(category.value for category in covered),
        },
    )
    return sent


@transaction.atomic
def accept_referral(*, referral: Referral, expected_version: int, by: User, note: str = "") -> Referral:
    """Accept a referral: a case opens at the recipient, linked to the sender's; the sender's needs are in progress.

    For a child-protection notification, accepting confirms receipt; the office keeps its own files.
    """
    accepted, _previous = _apply(
        referral=referral,
        transition=Transition.ACCEPT,
        expected_version=expected_version,
        by=by,
        reason=note,
        changes={"responded_at": timezone.now(), "responded_by_id": by.pk},
    )
    if not accepted.is_child_protection:
        case = case_actions.open_case(
            organization=accepted.recipient_organization,
            client=accepted.client,
            title=accepted.service.name if accepted.service else "",
            caseworker=by,
            by=by,
            shared_client=True,
        )
        Referral.objects.filter(pk=accepted.pk).update(recipient_case=case)
        accepted.recipient_case = case
    case_actions.set_needs_status(
        needs=accepted.needs.all(), status=NeedStatus.IN_PROGRESS, only_from=[NeedStatus.OPEN]
    )
    return accepted


@transaction.atomic
def decline_referral(*, referral: Referral, expected_version: int, reason: str, by: User) -> Referral:
    """Decline a referral, saying why."""
    declined, _previous = _apply(
        referral=referral,
        transition=Transition.DECLINE,
        expected_version=expected_version,
        by=by,
        reason=reason,
        changes={"responded_at": timezone.now(), "responded_by_id": by.pk, "decline_reason": reason.strip()},
    )
    return declined


@transaction.atomic
def complete_referral(*, referral: Referral, expected_version: int, outcome: str = "", by: User) -> Referral:
    """Record that the service was given: the outcome comes back to the sender's case and its needs are met."""
    completed, _previous = _apply(
        referral=referral,
        transition=Transition.COMPLETE,
        expected_version=expected_version,
        by=by,
        reason=outcome,
        changes={"closed_at": timezone.now(), "closed_by_id": by.pk, "outcome_note": outcome.strip()},
    )
    case_actions.set_needs_status(
        needs=completed.needs.all(), status=NeedStatus.MET, only_from=[NeedStatus.OPEN, NeedStatus.IN_PROGRESS]
    )
    return completed


@transaction.atomic
def fail_referral(*, referral: Referral, expected_version: int, outcome: str, by: User) -> Referral:
    """Record that the service could not be given, and why: the sender's needs stay unmet."""
    failed, _previous = _apply(
        referral=referral,
        transition=Transition.NOT_COMPLETE,
        expected_version=expected_version,
        by=by,
        reason=outcome,
        changes={"closed_at": timezone.now(), "closed_by_id": by.pk, "outcome_note": outcome.strip()},
    )
    case_actions.set_needs_status(
        needs=failed.needs.all(), status=NeedStatus.UNMET, only_from=[NeedStatus.OPEN, NeedStatus.IN_PROGRESS]
    )
    return failed


@transaction.atomic
def cancel_referral(*, referral: Referral, expected_version: int, reason: str = "", by: User) -> Referral:
    """Cancel a referral that is not yet accepted; the recipient is told and sees nothing more."""
    cancelled, _previous = _apply(
        referral=referral,
        transition=Transition.CANCEL,
        expected_version=expected_version,
        by=by,
        reason=reason,
        changes={"closed_at": timezone.now(), "closed_by_id": by.pk},
    )
    return cancelled


def take_transition(
    *, referral: Referral, transition: Transition, expected_version: int, by: User, reason: str = ""
) -> Referral:
    """Take any transition of the table by its name (the views' one entry point)."""
    if transition == Transition.SEND:
        return send_referral(referral=referral, expected_version=expected_version, by=by)
    if transition == Transition.ACCEPT:
        return accept_referral(referral=referral, expected_version=expected_version, by=by, note=reason)
    if transition == Transition.DECLINE:
        return decline_referral(referral=referral, expected_version=expected_version, reason=reason, by=by)
    if transition == Transition.COMPLETE:
        return complete_referral(referral=referral, expected_version=expected_version, outcome=reason, by=by)
    if transition == Transition.NOT_COMPLETE:
        return fail_referral(referral=referral, expected_version=expected_version, outcome=reason, by=by)
    return cancel_referral(referral=referral, expected_version=expected_version, reason=reason, by=by)


def is_child(client: Client) -> bool:
    """Say whether child protection concerns the client: under 18, or recorded as an unaccompanied minor."""
    if client.is_child:
        return True
    return client.vulnerabilities.filter(code__in=UNACCOMPANIED_MINOR_CODES).exists()


@transaction.atomic
def notify_child_protection(
    *,
    case: Case,
    client: Client,
    legal_basis: LegalBasis,
    message: str,
    by: User,
    now: datetime.datetime | None = None,
) -> Referral:
    """Send a child-protection notification about a child to the office (OSPOD) of the child's municipality.

    No consent is asked: the recorded legal basis carries every kind of the child's data.
    """
    _check_case(case, client, by)
    if legal_basis not in LegalBasis.values:
        raise ReferralError(_("Choose the legal basis of the notification."))
    if not is_child(client):
        raise ReferralError(_("A child-protection notification is only about a child or an unaccompanied minor."))
    if not message.strip():
        raise ReferralError(_("Describe what the office should know."))
    office = child_protection_office_for(municipality=client.municipality)
    if office is None:
        raise ReferralError(
            _("No child-protection office serves the child's municipality. Record where the child lives first.")
        )
    now = now or timezone.now()
    referral = Referral.objects.create(
        kind=ReferralKind.CHILD_PROTECTION,
        sender_organization_id=case.organization_id,
        case=case,
        client=client,
        service=office.service,
        recipient_organization=office.organization,
        legal_basis=legal_basis,
        message=message.strip(),
        created_by=by,
    )
    _audit(by=by, referral=referral, action=AuditAction.CREATE, fields=["client", "legal_basis", "message"])
    due = add_working_days(
        timezone.localdate(now),
        office.service.response_days if office.service else 1,
        country=country_of(office.organization),
    )
    sent, _previous = _apply(
        referral=referral,
        transition=Transition.SEND,
        expected_version=referral.version,
        by=by,
        changes={
            "sent_at": now,
            "sent_by_id": by.pk,
            "response_due_on": due,
            "shared_categories": sorted(category.value for category in DataCategory),
        },
    )
    return sent


@transaction.atomic
def post_message(*, referral: Referral, text: str, by: User) -> ReferralMessage:
    """Write a message to the other side of a referral; they are notified."""
    membership = active_membership(by)
    sides = sides_of(by, referral)
    if membership is None or not sides:
        raise ReferralError(_("Only the sending and the receiving organisation can write here."))
    if referral.status == ReferralStatus.DRAFT:
        raise ReferralError(_("Send the referral before writing messages."))
    if not text.strip():
        raise ReferralError(_("Write the message first."))
    message = ReferralMessage.objects.create(
        referral=referral, author=by, organization_id=membership.organization_id, text=text.strip()
    )
    _audit(by=by, referral=referral, action=AuditAction.CREATE, fields=["messages"], obj=message)
    notify(referral=referral, event=NotificationEvent.MESSAGE, by=by)
    return message


def _people_to_tell(referral: Referral, event: NotificationEvent, by: User) -> list[User]:
    membership = active_membership(by)
    by_recipient = membership is not None and membership.organization_id == referral.recipient_organization_id
    by_sender = membership is not None and membership.organization_id == referral.sender_organization_id
    tell_recipient = event in {NotificationEvent.SENT, NotificationEvent.CANCELLED, NotificationEvent.CONSENT_WITHDRAWN}
    if event == NotificationEvent.MESSAGE:
        tell_recipient = by_sender and not by_recipient
    people: dict[int, User] = {}
    if tell_recipient:
        people.update((user.pk, user) for user in handlers_of(referral=referral))
    else:
        senders = {referral.sent_by_id, referral.created_by_id, referral.case.caseworker_id} - {None}
        people.update((user.pk, user) for user in User.objects.filter(pk__in=senders, is_active=True))
    people.pop(by.pk, None)
    return list(people.values())


def notify(*, referral: Referral, event: NotificationEvent, by: User) -> list[Notification]:
    """Tell the other side about an event in the workspace, and by e-mail once the change is committed."""
    notifications = Notification.objects.bulk_create(
        [Notification(user=user, referral=referral, event=event) for user in _people_to_tell(referral, event, by)]
    )
    for notification in notifications:
        notification_id = str(notification.pk)
        transaction.on_commit(lambda notification_id=notification_id: send_notification_email.enqueue(notification_id))  # type: ignore[misc]  # bound per loop turn
    return notifications


@transaction.atomic
def notify_consent_withdrawn(*, consent: Consent, by: User) -> int:
    """Tell the recipients of the client's referrals that the consent was withdrawn; return how many referrals.

    For the clients app to call after `withdraw_consent`; recipients also see it on the referral at once.
    """
    referrals = Referral.objects.filter(
        client_id=consent.client_id,
        recipient_organization_id=consent.recipient_organization_id,
        kind=ReferralKind.REFERRAL,
        status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED],
    ).select_related("case")
    count = 0
    for referral in referrals:
        notify(referral=referral, event=NotificationEvent.CONSENT_WITHDRAWN, by=by)
        count += 1
    return count


@transaction.atomic
def mark_notifications_read(*, user: User, notification_ids: Iterable[uuid.UUID] | None = None) -> int:
    """Mark the user's notifications read (all of them without ids); return how many."""
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        rows = rows.filter(pk__in=list(notification_ids))
    return rows.update(read_at=timezone.now())


@transaction.atomic
def erase_casework_of(*, client: Client, by: User) -> int:
    """Clear the free texts of a client's cases and referrals when the client is erased; return how many records.

    For the clients app's erasure (`clients.actions.erase_client`) to call. Statuses, dates, needs
    and outcomes chosen from lists stay for anonymous statistics; notes, subjects, messages and
    reasons in words go, since they may name the person.
    """
    cases = Case.objects.filter(client=client)
    referrals = Referral.objects.filter(client=client)
    changed = cases.update(title="", outcome_note="")
    changed += Note.objects.filter(case__in=cases).update(text="")
    changed += Task.objects.filter(case__in=cases).update(title="")
    changed += CaseNeed.objects.filter(case__in=cases).update(note="")
    changed += referrals.update(message="", decline_reason="", outcome_note="")
    changed += ReferralMessage.objects.filter(referral__in=referrals).update(text="")
    changed += ReferralEvent.objects.filter(referral__in=referrals).update(note="")
    record_access(
        user=by,
        action=AuditAction.ERASE,
        purpose=AuditPurpose.DATA_SUBJECT_REQUEST,
        object_type="clients.client",
        object_id=str(client.pk),
        client_id=client.pk,
        fields=["cases", "notes", "tasks", "referrals", "messages"],
    )
    return changed
