"""Writes of cases, needs, notes and tasks. Each one is atomic and leaves an audit entry."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.accounts.models import User
from spojka.audit.actions import record_access
from spojka.audit.enums import AuditAction, AuditPurpose
from spojka.cases.enums import CaseOutcome, CaseStatus, NeedPriority, NeedStatus, NoteConfidentiality
from spojka.cases.models import Case, CaseNeed, Note, Task
from spojka.clients.models import Client, Household
from spojka.directory.models import TaxonomyTerm
from spojka.network.models import Organization


class CaseError(ValueError):
    """A change the case's state does not allow; the message is for the user."""


def _audit(*, by: User, case: Case, action: AuditAction, fields: Iterable[str], obj: object = None) -> None:
    record_access(
        user=by,
        action=action,
        purpose=AuditPurpose.CASEWORK,
        obj=obj if obj is not None else case,  # type: ignore[arg-type]  # a model of this app
        client_id=case.client_id,
        fields=list(fields),
    )


@transaction.atomic
def open_case(
    *,
    organization: Organization,
    client: Client | None = None,
    household: Household | None = None,
    title: str = "",
    caseworker: User | None = None,
    by: User,
    shared_client: bool = False,
    opened_on: datetime.date | None = None,
) -> Case:
    """Open a case of the organisation for a client or household of its own.

    `shared_client` lets a case point at another organisation's client: only for the case the
    recipient of a referral opens by accepting it (`spojka.referrals.actions`).
    """
    if client is None and household is None:
        raise CaseError(_("Choose the client or household the case is about."))
    if client is not None and client.organization_id != organization.pk and not shared_client:
        raise CaseError(_("A case can be opened only for your organisation's own client."))
    if household is not None and household.organization_id != organization.pk:
        raise CaseError(_("A case can be opened only for your organisation's own household."))
    case = Case.objects.create(
        organization=organization,
        client=client,
        household=household,
        title=title.strip(),
        caseworker=caseworker,
        created_by=by,
        opened_on=opened_on or timezone.localdate(),
    )
    _audit(by=by, case=case, action=AuditAction.CREATE, fields=["client", "household", "title", "caseworker"])
    return case


@transaction.atomic
def update_case(*, case: Case, title: str, caseworker: User | None, by: User) -> Case:
    """Change a case's subject and who works on it."""
    case.title = title.strip()
    case.caseworker = caseworker
    case.save(update_fields=["title", "caseworker", "updated_at"])
    _audit(by=by, case=case, action=AuditAction.UPDATE, fields=["title", "caseworker"])
    return case


def _require_open(case: Case) -> None:
    if case.status != CaseStatus.OPEN:
        raise CaseError(_("The case is closed; reopen it first."))


@transaction.atomic
def add_need(
    *, case: Case, term: TaxonomyTerm, priority: NeedPriority = NeedPriority.NORMAL, note: str = "", by: User
) -> CaseNeed:
    """Record a need of the client that the case works on."""
    _require_open(case)
    if CaseNeed.objects.filter(case=case, term=term).exists():
        raise CaseError(_("The case already has this need."))
    need = CaseNeed.objects.create(case=case, client_id=case.client_id, term=term, priority=priority, note=note.strip())
    _audit(by=by, case=case, action=AuditAction.CREATE, fields=["needs"], obj=need)
    return need


@transaction.atomic
def change_need(*, need: CaseNeed, status: NeedStatus, priority: NeedPriority, by: User) -> CaseNeed:
    """Change where the work on a need stands and how urgent it is."""
    need.status = status
    need.priority = priority
    need.save(update_fields=["status", "priority", "updated_at"])
    _audit(by=by, case=need.case, action=AuditAction.UPDATE, fields=["needs"], obj=need)
    return need


def set_needs_status(*, needs: Iterable[CaseNeed], status: NeedStatus, only_from: Iterable[NeedStatus] = ()) -> int:
    """Move needs to a status (the closed loop of referrals does this); return how many changed.

    With `only_from`, only needs now in one of those statuses move. The caller audits.
    """
    ids = [need.pk for need in needs]
    rows = CaseNeed.objects.filter(pk__in=ids)
    allowed = list(only_from)
    if allowed:
        rows = rows.filter(status__in=allowed)
    return rows.update(status=status, updated_at=timezone.now())


@transaction.atomic
def add_note(*, case: Case, text: str, confidentiality: NoteConfidentiality, by: User) -> Note:
    """Write a note on a case; a shared one reaches the recipients of the client's referrals while consent stands."""
    if not text.strip():
        raise CaseError(_("Write the note first."))
    note = Note.objects.create(case=case, author=by, text=text.strip(), confidentiality=confidentiality)
    _audit(by=by, case=case, action=AuditAction.CREATE, fields=["notes"], obj=note)
    return note


@transaction.atomic
def add_task(*, case: Case, title: str, due_on: datetime.date, assignee: User | None, by: User) -> Task:
    """Plan something to do for a case by a day."""
    _require_open(case)
    task = Task.objects.create(case=case, title=title.strip(), due_on=due_on, assignee=assignee, created_by=by)
    _audit(by=by, case=case, action=AuditAction.CREATE, fields=["tasks"], obj=task)
    return task


@transaction.atomic
def complete_task(*, task: Task, by: User) -> Task:
    """Mark a task done; doing it twice changes nothing."""
    updated = Task.objects.filter(pk=task.pk, done_at__isnull=True).update(done_at=timezone.now(), done_by=by)
    task.refresh_from_db()
    if updated:
        _audit(by=by, case=task.case, action=AuditAction.UPDATE, fields=["tasks"], obj=task)
    return task


@transaction.atomic
def close_case(*, case: Case, outcome: CaseOutcome, outcome_note: str = "", by: User) -> Case:
    """Close a case with its outcome; a closed case stays readable."""
    closed = Case.objects.filter(pk=case.pk, status=CaseStatus.OPEN).update(
        status=CaseStatus.CLOSED,
        outcome=outcome,
        outcome_note=outcome_note.strip(),
        closed_at=timezone.now(),
        closed_by=by,
        updated_at=timezone.now(),
    )
    if closed != 1:
        raise CaseError(_("The case is already closed."))
    case.refresh_from_db()
    _audit(by=by, case=case, action=AuditAction.UPDATE, fields=["status", "outcome", "outcome_note"])
    return case


@transaction.atomic
def reopen_case(*, case: Case, by: User) -> Case:
    """Open a closed case again; its outcome is cleared."""
    reopened = Case.objects.filter(pk=case.pk, status=CaseStatus.CLOSED).update(
        status=CaseStatus.OPEN, outcome="", outcome_note="", closed_at=None, closed_by=None, updated_at=timezone.now()
    )
    if reopened != 1:
        raise CaseError(_("The case is open already."))
    case.refresh_from_db()
    _audit(by=by, case=case, action=AuditAction.UPDATE, fields=["status", "outcome"])
    return case
