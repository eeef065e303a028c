"""The organisation's task page: open action items of meetings and reporting rounds awaiting its answer."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from spojka.accounts.access import signed_in_user
from spojka.coordination.forms_meetings import CloseActionItemForm
from spojka.coordination.queries_meetings import open_action_items_of, overdue_count
from spojka.coordination.queries_rounds import rounds_awaiting_answer
from spojka.network.rules import active_membership


@login_required
@permission_required("coordination.handle_tasks", raise_exception=True)
def tasks(request: HttpRequest) -> HttpResponse:
    """Show our organisation's open action items by due date, overdue flagged, and the rounds to answer."""
    user = signed_in_user(request)
    membership = active_membership(user)
    organization = membership.organization if membership is not None else None
    items = list(open_action_items_of(organization=organization))
    rounds = list(rounds_awaiting_answer(organization)) if organization is not None else []
    return render(
        request,
        "coordination/tasks/list.html",
        {
            "organization": organization,
            "items": items,
            "overdue": overdue_count(items),
            "rounds": rounds,
            "today": timezone.localdate(),
            "close_form": CloseActionItemForm(),
        },
    )
