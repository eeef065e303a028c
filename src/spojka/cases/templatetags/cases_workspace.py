"""The cases' card on the workspace home: the caseworker's open cases and tasks due or overdue."""

from typing import Any

from django import template

from spojka.cases.queries import open_cases_of, overdue_tasks, tasks_due
from spojka.network.rules import active_membership

register = template.Library()

SHOWN = 5


@register.inclusion_tag("cases/_workspace_card.html", takes_context=True)
def cases_workspace_card(context: template.Context) -> dict[str, Any]:
    """Show the user's open cases, their tasks due this week and how many are overdue."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("cases.view_cases"):
        return {"show": False}
    membership = active_membership(user)
    own_id = membership.organization_id if membership else None
    cases = list(open_cases_of(user=user)[:SHOWN])
    case_count = open_cases_of(user=user).count()
    return {
        "show": True,
        "cases": [(case, case.client_label_for(own_id)) for case in cases],
        "more_cases": case_count > SHOWN,
        "case_count": case_count,
        "due": list(tasks_due(user=user)[:SHOWN]),
        "overdue_count": overdue_tasks(user=user).count(),
    }
