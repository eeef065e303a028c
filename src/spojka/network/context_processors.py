"""Template context of the workspace header: who is acting, for whom, and where they may go."""

from typing import Any

from django.http import HttpRequest


def workspace(request: HttpRequest) -> dict[str, Any]:
    """Return the active membership and the user's other memberships."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if getattr(request, "two_factor_pending", False):
        # Password given, code not yet: show nothing of the account until the second step.
        return {"two_factor_pending": True}
    return {
        "active_membership": getattr(user, "active_membership", None),
        "memberships": getattr(user, "memberships_cache", []),
    }
