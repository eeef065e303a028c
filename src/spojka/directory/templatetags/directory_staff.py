"""Template helpers of the staff side of the directory."""

from collections.abc import Mapping
from typing import Any

from django import template

from spojka.directory.queries import managed_organization, stale_services

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, Any] | None, key: str) -> Any:
    """Return `mapping[key]`, or None (for labels and synonyms kept by language)."""
    return mapping.get(key) if isinstance(mapping, Mapping) else None


@register.inclusion_tag("directory/staff/_workspace_card.html", takes_context=True)
def directory_workspace_card(context: template.Context) -> dict[str, Any]:
    """The workspace home's card: links to the directory and how many services wait for review."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("directory.view_services"):
        return {"show": False}
    network_wide = user.has_perm("directory.review_stale_services")
    may_manage = managed_organization(user=user) is not None
    stale_count = stale_services(viewer=user).count() if network_wide or may_manage else None
    return {
        "show": True,
        "network_wide": network_wide,
        "may_manage": may_manage,
        "stale_count": stale_count,
    }
