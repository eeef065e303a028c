"""Identity matching in other apps' pages: the workspace card (pairs waiting) and the link to a record's person."""

from typing import Any

from django import template

from spojka.clients.models import Client
from spojka.linkage.queries import open_pairs_count, person_of

register = template.Library()


@register.inclusion_tag("linkage/_workspace_card.html", takes_context=True)
def linkage_workspace_card(context: template.Context) -> dict[str, Any]:
    """Show the number of candidate pairs waiting in the reviewer's queue."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("linkage.review_matches"):
        return {"show": False}
    return {"show": True, "open_count": open_pairs_count(viewer=user)}


@register.inclusion_tag("linkage/_person_link.html")
def linkage_person_link(client: Client) -> dict[str, Any]:
    """Link a client's record to the page of the person it is linked to, when it is linked."""
    person = person_of(client=client)
    return {"person": person}
