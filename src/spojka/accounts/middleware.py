"""Keeps the workspace closed until two-factor sign-in is complete, and where a role needs it, set up."""

from collections.abc import Callable
from typing import Any, Final
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from spojka.accounts.models import User
from spojka.accounts.queries import has_two_factor, requires_two_factor

# Pages a user who has given the password but not yet the code may open.
OPEN_BEFORE_CODE: Final = frozenset({"accounts:login_verify", "accounts:logout"})

# Pages a user whose role needs two-factor sign-in may open before turning it on. The language
# switch (`/i18n/language/`) is outside the workspace and always open.
OPEN_BEFORE_SETUP: Final = frozenset({"accounts:two_factor", "accounts:two_factor_setup", "accounts:logout"})


def second_step_url(*, next_url: str) -> str:
    """Return the address of the code step that continues to `next_url`."""
    return f"{reverse('accounts:login_verify')}?{urlencode({'next': next_url})}"


class TwoFactorMiddleware:
    """Send a signed-in user to the code step, or to set up two-factor sign-in, before any workspace page.

    Runs in `process_view`, after every middleware has prepared the request: django-otp has marked
    whether the session passed the code step, and network has chosen the membership the user acts
    through (the role decides whether two-factor sign-in is required).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        """Return a redirect for a workspace page the user may not open yet, otherwise None."""
        user = request.user
        if not isinstance(user, User) or getattr(user, "otp_device", None) is not None:
            return None  # anonymous visitors meet login_required; a verified session has its device
        pending = has_two_factor(user=user)
        request.two_factor_pending = pending  # type: ignore[attr-defined]  # read by the header
        if not request.path_info.startswith(reverse("core:workspace")):
            return None  # the public portal holds no personal data
        view_name = request.resolver_match.view_name if request.resolver_match else ""
        if pending:
            if view_name in OPEN_BEFORE_CODE:
                return None
            if request.method in {"GET", "HEAD"}:
                return _redirect(request, second_step_url(next_url=request.get_full_path()))
            return _redirect(request, reverse("accounts:login_verify"))
        if view_name not in OPEN_BEFORE_SETUP and requires_two_factor(user=user):
            return _redirect(request, reverse("accounts:two_factor"))
        return None


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    # htmx would swap the redirected page into a fragment; ask it to load the whole page instead.
    if request.headers.get("HX-Request") == "true":
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)
