"""The clients' card on the workspace home."""

from typing import Any

from django import template

from spojka.clients.queries import expiring_documents

register = template.Library()

SHOWN = 5


@register.inclusion_tag("clients/_workspace_card.html", takes_context=True)
def clients_workspace_card(context: template.Context) -> dict[str, Any]:
    """Show residence documents of the organisation's clients expiring within 60 days."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("clients.view_clients"):
        return {"show": False}
    expiring = expiring_documents(viewer=user)
    count = expiring.count()
    return {"show": True, "expiring": list(expiring[:SHOWN]) if count else [], "expiring_count": count}
