"""The only doors to one case and its parts: "not found" for missing and forbidden alike."""

import uuid

from django.http import Http404

from spojka.cases.models import Case, CaseNeed, Task
from spojka.cases.queries import case_for_record, cases_visible_to


def get_case_for_user(user: object, case_id: uuid.UUID, *, permission: str = "cases.view_cases") -> Case:
    """Return a case of the user's organisation they hold the permission for, else raise 404."""
    case = case_for_record(cases_visible_to(user)).filter(pk=case_id).first()
    if case is None or not user.has_perm(permission):  # type: ignore[attr-defined]  # a User
        raise Http404
    return case


def get_need_for_user(user: object, need_id: uuid.UUID) -> CaseNeed:
    """Return a need of a case the user may manage, else raise 404."""
    need = CaseNeed.objects.select_related("case", "term").filter(pk=need_id).first()
    if need is None:
        raise Http404
    get_case_for_user(user, need.case_id, permission="cases.manage_cases")
    return need


def get_task_for_user(user: object, task_id: uuid.UUID) -> Task:
    """Return a task of a case the user may manage, else raise 404."""
    task = Task.objects.select_related("case").filter(pk=task_id).first()
    if task is None:
        raise Http404
    get_case_for_user(user, task.case_id, permission="cases.manage_cases")
    return task
