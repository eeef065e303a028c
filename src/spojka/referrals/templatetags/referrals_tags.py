"""The referrals' card on the workspace home and the notifications link in the header."""

from typing import Any

from django import template
from rules.permissions import has_perm as matrix_allows

from spojka.referrals.queries import overdue_count, waiting_for

register = template.Library()

SHOWN = 5


@register.inclusion_tag("referrals/_workspace_card.html", takes_context=True)
def referrals_workspace_card(context: template.Context) -> dict[str, Any]:
    """Show the referrals waiting for the organisation's answer, the overdue ones counted."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("referrals.view_referrals"):
        return {"show": False}
    return {
        "show": True,
        "waiting": list(waiting_for(user=user)[:SHOWN]),
        "overdue_count": overdue_count(viewer=user),
    }


@register.inclusion_tag("referrals/_header_link.html", takes_context=True)
def notifications_link(context: template.Context) -> dict[str, Any]:
    """Link to the user's notifications; htmx fetches how many are unread, so pages pay no query for it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    # The matrix's rule alone: on every page, a refusal must not fall back to Django's permission tables (2 queries).
    if user is None or not user.is_authenticated or not matrix_allows("referrals.view_referrals", user):  # type: ignore[no-untyped-call]  # rules ships no annotations
        return {"show": False}
    return {"show": True}
