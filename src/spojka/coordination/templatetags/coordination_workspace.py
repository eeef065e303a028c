"""The coordination card on the workspace home: our organisation's open action items and rounds to answer."""

from typing import Any, Final

from django import template

from spojka.coordination.queries_meetings import open_action_items_of
from spojka.coordination.queries_rounds import rounds_awaiting_answer
from spojka.network.rules import active_membership

register = template.Library()

SHOWN: Final = 3


@register.inclusion_tag("coordination/tasks/_workspace_card.html", takes_context=True)
def coordination_workspace_card(context: template.Context) -> dict[str, Any]:
    """Show how many action items and reporting rounds wait for the organisation, and the next ones."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("coordination.handle_tasks"):
        return {"show": False}
    membership = active_membership(user)
    organization = membership.organization if membership is not None else None
    if organization is None:
        return {"show": False}
    items = list(open_action_items_of(organization=organization))
    rounds = list(rounds_awaiting_answer(organization))
    return {
        "show": True,
        "items": items[:SHOWN],
        "item_count": len(items),
        "overdue_count": sum(1 for item in items if item.is_overdue),
        "rounds": rounds[:SHOWN],
        "round_count": len(rounds),
    }
