"""Puts the membership a user acts through on the request."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from spojka.network.queries import active_memberships

SESSION_KEY = "spojka_membership"


class ActiveMembershipMiddleware:
    """Resolve the session's chosen membership (or the default one) once per request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            memberships = list(active_memberships(user=user))
            chosen = request.session.get(SESSION_KEY)
            active = next((m for m in memberships if str(m.pk) == chosen), None)
            if active is None and memberships:
                active = memberships[0]
            user.active_membership = active  # read by network.rules
            user.memberships_cache = memberships  # read by the header
        return self.get_response(request)
