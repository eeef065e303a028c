"""Reads of cases with business meaning. Every list of cases starts from `cases_visible_to`."""

import datetime
import uuid

from django.db.models import Case as DbCase
from django.db.models import Count, IntegerField, Q, QuerySet, When
from django.utils import timezone

from spojka.accounts.models import User
from spojka.cases.enums import CaseStatus, NeedStatus, NoteConfidentiality
from spojka.cases.models import Case, CaseNeed, Note, Task
from spojka.network.enums import Role
from spojka.network.models import Membership
from spojka.network.rules import active_membership

# Tasks due within this many days show on the caseworker's home page.
TASKS_DUE_WITHIN_DAYS = 7


def cases_visible_to(user: object) -> QuerySet[Case]:
    """Return the cases the user may see: those of the organisation they act for, if they hold `cases.view_cases`.

    The one door to every list of cases. Coordinators, analysts, desk operators and child-protection
    officers see none; nobody sees another organisation's cases (referrals share data, not cases).
    """
    membership = active_membership(user)
    if membership is None or not user.has_perm("cases.view_cases"):  # type: ignore[attr-defined]  # a User
        return Case.objects.none()
    return Case.objects.filter(organization_id=membership.organization_id)


def cases_for_listing(
    *, viewer: object, status: str = "", caseworker_id: int | None = None, mine: bool = False
) -> QuerySet[Case]:
    """Return the cases a list page shows, filtered, with what the rows show (constant queries)."""
    cases = cases_visible_to(viewer)
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    if mine:
        cases = cases.filter(caseworker_id=getattr(viewer, "pk", None))
    elif caseworker_id is not None:
        cases = cases.filter(caseworker_id=caseworker_id)
    return (
        cases.select_related("client", "client__organization", "household", "caseworker")
        .annotate(
            open_need_count=Count(
                "needs", filter=Q(needs__status__in=[NeedStatus.OPEN, NeedStatus.IN_PROGRESS]), distinct=True
            ),
            open_task_count=Count("tasks", filter=Q(tasks__done_at__isnull=True), distinct=True),
        )
        .annotate(closed_last=DbCase(When(status=CaseStatus.CLOSED, then=1), default=0, output_field=IntegerField()))
        .order_by("closed_last", "-opened_on", "-created_at", "id")
    )


def case_for_record(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Return the cases with what the case page shows about each."""
    return queryset.select_related(
        "organization", "client", "client__organization", "household", "caseworker", "created_by", "closed_by"
    )


def needs_of(*, case: Case) -> QuerySet[CaseNeed]:
    return CaseNeed.objects.filter(case=case).select_related("term").order_by("created_at", "id")


def notes_of(*, case: Case) -> QuerySet[Note]:
    """Return every note of a case, for its own organisation."""
    return Note.objects.filter(case=case).select_related("author").order_by("-created_at", "-id")


def shared_notes_of(*, case_id: uuid.UUID) -> QuerySet[Note]:
    """Return the notes of a case its organisation shares with the recipients of the client's referrals.

    The caller (the referrals app) has checked that the consent still stands.
    """
    return (
        Note.objects.filter(case_id=case_id, confidentiality=NoteConfidentiality.SHARED)
        .select_related("author")
        .order_by("-created_at", "-id")
    )


def tasks_of(*, case: Case) -> QuerySet[Task]:
    return Task.objects.filter(case=case).select_related("assignee", "done_by").order_by("done_at", "due_on", "id")


def _open_tasks_of(user: User) -> QuerySet[Task]:
    return (
        Task.objects.filter(assignee=user, done_at__isnull=True, case__in=cases_visible_to(user))
        .select_related("case", "case__client", "case__client__organization", "case__household")
        .order_by("due_on", "id")
    )


def overdue_tasks(*, user: User, today: datetime.date | None = None) -> QuerySet[Task]:
    """Return the user's unfinished tasks whose day has passed (the caseworker's "overdue" list)."""
    return _open_tasks_of(user).filter(due_on__lt=today or timezone.localdate())


def tasks_due(
    *, user: User, within_days: int = TASKS_DUE_WITHIN_DAYS, today: datetime.date | None = None
) -> QuerySet[Task]:
    """Return the user's unfinished tasks due from today within the days given."""
    today = today or timezone.localdate()
    return _open_tasks_of(user).filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=within_days))


def open_tasks(*, user: User) -> QuerySet[Task]:
    """Return all the user's unfinished tasks, the oldest due first."""
    return _open_tasks_of(user)


def open_cases_of(*, user: User) -> QuerySet[Case]:
    """Return the open cases the user is the caseworker of."""
    return (
        cases_visible_to(user)
        .filter(status=CaseStatus.OPEN, caseworker=user)
        .select_related("client", "client__organization", "household")
        .order_by("-opened_on", "id")
    )


def caseworkers_of(*, membership: Membership | None) -> QuerySet[User]:
    """Return the people of the organisation who may work on cases (for assigning a caseworker)."""
    if membership is None:
        return User.objects.none()
    return (
        User.objects.filter(
            memberships__organization_id=membership.organization_id,
            memberships__is_active=True,
            memberships__role__in=[Role.CASEWORKER, Role.ORGANIZATION_MANAGER],
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "email")
    )
