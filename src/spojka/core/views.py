"""Pages that belong to no single app: the front page, the workspace home, language, health."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, get_language_from_path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language

from spojka.network.enums import Role, Sector
from spojka.network.middleware import SESSION_KEY
from spojka.network.queries import (
    organizations_in_network,
    organizations_without_manager,
    sector_counts,
    staff_of,
)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Show the public front page: what the network is and who belongs to it."""
    organizations = list(organizations_in_network())
    by_sector = [
        (Sector(value).label, [org for org in organizations if org.sector == value]) for value in Sector.values
    ]
    return render(
        request,
        "core/home.html",
        {
            "by_sector": [(label, orgs) for label, orgs in by_sector if orgs],
            "organization_count": len(organizations),
        },
    )


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    """Show the staff member's home page, shaped by the role they act in."""
    membership = getattr(request.user, "active_membership", None)
    if membership is None:
        return render(request, "core/no_membership.html", status=403)
    if not request.user.has_perm("core.use_workspace"):
        raise PermissionDenied
    colleagues = list(
        {
            m.user_id: m
            for m in staff_of(organization=membership.organization)
            if m.is_active and m.user_id != request.user.pk
        }.values()
    )
    return render(
        request,
        "core/workspace.html",
        {
            "membership": membership,
            "role": Role(membership.role),
            "colleagues": colleagues,
            "sector_counts": [(Sector(s).label, n) for s, n in sorted(sector_counts().items())],
            "without_manager": (
                list(organizations_without_manager()) if request.user.has_perm("network.manage_organizations") else None
            ),
        },
    )


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language, remembering it in a cookie and, for staff, on their account."""
    # Django translates `next` from the language being served; this address has none, so serve
    # in the language of the page the visitor came from, or `/uk/` would not become `/en/`.
    came_from = get_language_from_path(request.POST.get("next", "")) or get_language()
    with translation.override(came_from):
        response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    return response


@login_required
@require_POST
def switch_membership(request: HttpRequest) -> HttpResponse:
    """Act for another of the user's organisations or roles."""
    chosen = request.POST.get("membership", "")
    memberships = getattr(request.user, "memberships_cache", [])
    if any(str(m.pk) == chosen for m in memberships):
        request.session[SESSION_KEY] = chosen
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return HttpResponseRedirect(target)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer whether the database is reachable (for load balancers and monitoring)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "not healthy"; the reason goes to the log
        import structlog

        structlog.get_logger(__name__).exception("healthz_database_unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
