"""Cases' pages of the workspace: thin views over access helpers, forms, actions and queries.

Every page that shows a case (it carries personal data) writes an audit entry.
"""

import uuid
from typing import Any, Final

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from spojka.accounts.access import signed_in_user
from spojka.accounts.models import User
from spojka.audit.actions import record_access, record_accesses
from spojka.audit.enums import AuditAction, AuditPurpose
from spojka.cases import actions
from spojka.cases.access import get_case_for_user, get_need_for_user, get_task_for_user
from spojka.cases.actions import CaseError
from spojka.cases.enums import CaseOutcome, CaseStatus, NeedPriority, NeedStatus, NoteConfidentiality
from spojka.cases.forms import CaseForm, CloseCaseForm, NeedChangeForm, NeedForm, NoteForm, TaskForm
from spojka.cases.models import Case
from spojka.cases.queries import (
    cases_for_listing,
    caseworkers_of,
    needs_of,
    notes_of,
    open_tasks,
    overdue_tasks,
    tasks_of,
)
from spojka.clients.access import get_client_for_user, get_household_for_user
from spojka.core.exports import Column, export_response, requested_format
from spojka.directory.models import TaxonomyTerm
from spojka.network.rules import active_membership
from spojka.referrals.actions import is_child
from spojka.referrals.queries import SharedView, origin_referrals_of_case, referrals_of_case, shared_view

PAGE_SIZE: Final = 50


def _columns(own_organization_id: object) -> tuple[Column[Case], ...]:
    return (
        Column(gettext_lazy("Opened"), lambda case: case.opened_on),
        Column(gettext_lazy("Subject"), lambda case: case.title),
        Column(gettext_lazy("Client"), lambda case: case.client_label_for(own_organization_id)),
        Column(gettext_lazy("Caseworker"), lambda case: case.caseworker.get_full_name() if case.caseworker else ""),
        Column(gettext_lazy("Status"), lambda case: case.get_status_display()),
        Column(gettext_lazy("Outcome"), lambda case: case.get_outcome_display() if case.outcome else ""),
        Column(gettext_lazy("Open needs"), lambda case: case.open_need_count),
        Column(gettext_lazy("Open tasks"), lambda case: case.open_task_count),
    )


@login_required
@permission_required("cases.view_cases", raise_exception=True)
def case_list(request: HttpRequest) -> HttpResponse:
    """List the organisation's cases, open first, filtered by status and caseworker; or download the list."""
    user = signed_in_user(request)
    membership = active_membership(user)
    own_id = membership.organization_id if membership else None
    status = request.GET.get("status", "")
    mine = request.GET.get("mine") == "1"
    listed = cases_for_listing(viewer=user, status=status, mine=mine)
    file_format = requested_format(request)
    if file_format is not None:
        rows = list(listed)
        record_accesses(
            user=user,
            action=AuditAction.EXPORT,
            purpose=AuditPurpose.LIST_EXPORT,
            objects=rows,
            fields=["opened_on", "title", "client", "caseworker", "status", "outcome", "needs", "tasks"],
        )
        return export_response(rows=rows, columns=_columns(own_id), name="cases", file_format=file_format)
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    labelled = [(case, case.client_label_for(own_id)) for case in page.object_list]
    return render(
        request,
        "cases/list.html",
        {"page": page, "rows": labelled, "status": status, "mine": mine, "statuses": CaseStatus.choices},
    )


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@login_required
@permission_required("cases.manage_cases", raise_exception=True)
def case_new(request: HttpRequest) -> HttpResponse:
    """Open a case for one of the organisation's clients or households."""
    user = signed_in_user(request)
    membership = active_membership(user)
    client_id = _uuid(request.GET.get("client", ""))
    household_id = _uuid(request.GET.get("household", ""))
    client = get_client_for_user(user, client_id) if client_id else None
    household = get_household_for_user(user, household_id) if household_id else None
    if client is None and household is None:
        messages.info(request, _("Open a case from a client's record."))
        return redirect("clients:list")
    form = CaseForm(
        request.POST or None, caseworkers=caseworkers_of(membership=membership), initial={"caseworker": user}
    )
    if request.method == "POST" and form.is_valid() and membership is not None:
        try:
            case = actions.open_case(
                organization=membership.organization,
                client=client,
                household=household,
                title=form.cleaned_data["title"],
                caseworker=form.cleaned_data["caseworker"],
                by=user,
            )
        except CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The case has been opened."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/form.html", {"form": form, "client": client, "household": household, "case": None})


def _client_view(user: User, case: Case) -> tuple[SharedView, Any]:
    """Return what the user sees of the case's client, and the referral that shared them (for a received case)."""
    membership = active_membership(user)
    if case.client is None or (membership is not None and case.client.organization_id == membership.organization_id):
        return SharedView(own=True, categories=frozenset(), withdrawn=False), None
    origin = (
        origin_referrals_of_case(case_id=case.pk, viewer=user)
        .select_related("client", "recipient_organization")
        .first()
    )
    if origin is None:
        return SharedView(own=False, categories=frozenset(), withdrawn=False), None
    return shared_view(viewer=user, referral=origin), origin


@login_required
@permission_required("cases.view_cases", raise_exception=True)
def case_detail(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """Show a case: the client, needs, notes, tasks and the referrals sent from it with their outcome."""
    user = signed_in_user(request)
    case = get_case_for_user(user, case_id)
    seen, origin = _client_view(user, case)
    record_access(
        user=user,
        action=AuditAction.READ,
        purpose=AuditPurpose.CASEWORK,
        obj=case,
        fields=["client" if seen.identity else "case", "needs", "notes", "tasks", "referrals"],
    )
    membership = active_membership(user)
    may_manage = user.has_perm("cases.manage_cases")
    own_client = case.client is not None and seen.own
    used_terms = [need.term_id for need in needs_of(case=case)]
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "seen": seen,
            "origin": origin,
            "needs": list(needs_of(case=case)),
            "notes": list(notes_of(case=case)),
            "tasks": list(tasks_of(case=case)),
            "referrals": list(referrals_of_case(case_id=case.pk, viewer=user)),
            "may_manage": may_manage and case.is_open,
            "may_reopen": may_manage and not case.is_open,
            "may_refer": case.is_open and own_client and user.has_perm("referrals.send_referrals"),
            "may_notify": case.is_open
            and own_client
            and case.client is not None
            and is_child(case.client)
            and user.has_perm("referrals.notify_child_protection"),
            "need_form": NeedForm(terms=TaxonomyTerm.objects.exclude(pk__in=used_terms).order_by("position", "code")),
            "note_form": NoteForm(),
            "task_form": TaskForm(people=caseworkers_of(membership=membership), initial={"assignee": user}),
            "need_statuses": NeedStatus.choices,
            "need_priorities": NeedPriority.choices,
            "shared_note": NoteConfidentiality.SHARED,
        },
    )


@login_required
@permission_required("cases.manage_cases", raise_exception=True)
def case_edit(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """Change a case's subject or caseworker."""
    user = signed_in_user(request)
    case = get_case_for_user(user, case_id, permission="cases.manage_cases")
    form = CaseForm(
        request.POST or None,
        caseworkers=caseworkers_of(membership=active_membership(user)),
        initial={"title": case.title, "caseworker": case.caseworker},
    )
    if request.method == "POST" and form.is_valid():
        actions.update_case(
            case=case, title=form.cleaned_data["title"], caseworker=form.cleaned_data["caseworker"], by=user
        )
        messages.success(request, _("The case has been saved."))
        return redirect("cases:detail", case_id=case.pk)
    return render(
        request, "cases/form.html", {"form": form, "client": case.client, "household": case.household, "case": case}
    )


def _back(case_id: uuid.UUID, anchor: str) -> HttpResponse:
    return redirect(f"{reverse('cases:detail', kwargs={'case_id': case_id})}#{anchor}")


def _form_errors(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
@require_POST
@permission_required("cases.manage_cases", raise_exception=True)
def need_add(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """Add a need from the taxonomy to a case."""
    user = signed_in_user(request)
    case = get_case_for_user(user, case_id, permission="cases.manage_cases")
    form = NeedForm(request.POST, terms=TaxonomyTerm.objects.all())
    if form.is_valid():
        try:
            actions.add_need(
                case=case,
                term=form.cleaned_data["term"],
                priority=NeedPriority(form.cleaned_data["priority"]),
                note=form.cleaned_data["note"],
                by=user,
            )
        except CaseError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The need has been added."))
    else:
        _form_errors(request, form)
    return _back(case.pk, "needs-heading")


@login_required
@require_POST
@permission_required("cases.manage_cases", raise_exception=True)
def need_change(request: HttpRequest, need_id: uuid.UUID) -> HttpResponse:
    """Change a need's status and priority."""
    user = signed_in_user(request)
    need = get_need_for_user(user, need_id)
    form = NeedChangeForm(request.POST)
    if form.is_valid():
        actions.change_need(
            need=need,
            status=NeedStatus(form.cleaned_data["status"]),
            priority=NeedPriority(form.cleaned_data["priority"]),
            by=user,
        )
        messages.success(request, _("The need has been updated."))
    else:
        _form_errors(request, form)
    return _back(need.case_id, "needs-heading")


@login_required
@require_POST
@permission_required("cases.manage_cases", raise_exception=True)
def note_add(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """Write a note on a case."""
    user = signed_in_user(request)
    case = get_case_for_user(user, case_id, permission="cases.manage_cases")
    form = NoteForm(request.POST)
    if form.is_valid():
        actions.add_note(
            case=case,
            text=form.cleaned_data["text"],
            confidentiality=NoteConfidentiality(form.cleaned_data["confidentiality"]),
            by=user,
        )
        messages.success(request, _("The note has been saved."))
    else:
        _form_errors(request, form)
    return _back(case.pk, "notes-heading")


@login_required
@require_POST
@permission_required("cases.manage_cases", raise_exception=True)
def task_add(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """Plan a task on a case."""
    user = signed_in_user(request)
    case = get_case_for_user(user, case_id, permission="cases.manage_cases")
    form = TaskForm(request.POST, people=caseworkers_of(membership=active_membership(user)))
    if form.is_valid():
        try:
            actions.add_task(
                case=case,
                title=form.cleaned_data["title"],
                due_on=form.cleaned_data["due_on"],
                assignee=form.cleaned_data["assignee"],
                by=user,
            )
        except CaseError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The task has been planned."))
    else:
        _form_errors(request, form)
    return _back(case.pk, "tasks-heading")


@login_required
@require_POST
@permission_required("cases.manage_cases", raise_exception=True)
def task_done(request: HttpRequest, task_id: uuid.UUID) -> HttpResponse:
    """Mark a task done."""
    user = signed_in_user(request)
    task = get_task_for_user(user, task_id)
    actions.complete_task(task=task, by=user)
    messages.success(request, _("The task is done."))
    if request.POST.get("next") == "tasks":
        return redirect("cases:tasks")
    return _back(task.case_id, "tasks-heading")


@login_required
@permission_required("cases.manage_cases", raise_exception=True)
def case_close(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """Close a case with its outcome."""
    user = signed_in_user(request)
    case = get_case_for_user(user, case_id, permission="cases.manage_cases")
    form = CloseCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.close_case(
                case=case,
                outcome=CaseOutcome(form.cleaned_data["outcome"]),
                outcome_note=form.cleaned_data["outcome_note"],
                by=user,
            )
        except CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The case has been closed."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/close.html", {"form": form, "case": case})


@login_required
@require_POST
@permission_required("cases.manage_cases", raise_exception=True)
def case_reopen(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """Open a closed case again."""
    user = signed_in_user(request)
    case = get_case_for_user(user, case_id, permission="cases.manage_cases")
    try:
        actions.reopen_case(case=case, by=user)
    except CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The case is open again."))
    return redirect("cases:detail", case_id=case.pk)


@login_required
@permission_required("cases.view_cases", raise_exception=True)
def tasks(request: HttpRequest) -> HttpResponse:
    """List the user's unfinished tasks: overdue ones first, then the rest by day."""
    user = signed_in_user(request)
    overdue = list(overdue_tasks(user=user))
    overdue_ids = {task.pk for task in overdue}
    upcoming = [task for task in open_tasks(user=user) if task.pk not in overdue_ids]
    membership = active_membership(user)
    own_id = membership.organization_id if membership else None
    return render(
        request,
        "cases/tasks.html",
        {
            "overdue": [(task, task.case.client_label_for(own_id)) for task in overdue],
            "upcoming": [(task, task.case.client_label_for(own_id)) for task in upcoming],
        },
    )
