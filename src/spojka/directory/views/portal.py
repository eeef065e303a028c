"""The public portal: search services without logging in, read a service's page, print its poster."""

from typing import Final
from uuid import UUID

import segno
from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from spojka.directory.opening_hours import holiday_country, is_open, schedule_groups, upcoming_exceptions, weekly_hours
from spojka.directory.poster import service_poster
from spojka.directory.search.engine import Ranking, search
from spojka.directory.search.params import parse_portal_query
from spojka.directory.search.results import (
    language_name,
    map_markers,
    result_items,
    search_form_choices,
    service_for_portal,
)

PAGE_SIZE: Final = 20


def fallback_note() -> str:
    """Return the note after a text shown in the site's language because the visitor's is missing."""
    return _("(in %(language)s)") % {"language": language_name(settings.LANGUAGE_CODE)}


def _service_url(request: HttpRequest, service_id: UUID) -> str:
    return reverse("portal:service", kwargs={"service_id": service_id})


@require_GET
def search_services(request: HttpRequest) -> HttpResponse:
    """List the services matching the visitor's search, with a map when tiles are configured."""
    parsed = parse_portal_query(request.GET)
    ranking = search(parsed.query) if not parsed.is_empty else Ranking()
    page = Paginator(ranking.keys, PAGE_SIZE).get_page(parsed.page)
    items = result_items(ranking.page(page.start_index() - 1, page.end_index())) if ranking.total else []
    urls = {item.service.pk: _service_url(request, item.service.pk) for item in items}
    markers = map_markers(items, urls=urls) if settings.MAP_TILE_URL else []
    choices = search_form_choices()
    return render(
        request,
        "directory/portal/search.html",
        {
            "parsed": parsed,
            "values": parsed.values,
            "items": items,
            "total": ranking.total,
            "page": page,
            "fallback_note": fallback_note(),
            "needs": choices.needs,
            "places": choices.places,
            "languages": choices.languages(),
            "statuses": choices.statuses,
            "markers": markers,
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )


def _qr_svg(url: str) -> SafeString:
    svg = segno.make(url, error="m").svg_inline(scale=4, svgclass="qr", lineclass=None, omitsize=True)
    # segno's SVG has no inline style, so the Content-Security-Policy allows it as it is.
    label = format_html('<svg role="img" aria-label="{}"', _("QR code of this page"))
    return mark_safe(svg.replace("<svg", label, 1))  # noqa: S308  # segno's own markup, the label escaped


@require_GET
def service_page(request: HttpRequest, service_id: UUID) -> HttpResponse:
    """Show one service to the public: what, for whom, where, when, how to get in touch."""
    service = service_for_portal(service_id)
    groups = schedule_groups(service)
    own_rows = list(service.schedules.all())
    places = []
    for link in service.at_locations.all():
        rows = own_rows or list(link.schedules.all()) or list(link.location.schedules.all())
        places.append(
            {
                "location": link.location,
                "has_hours": bool(rows),
                "hours": weekly_hours(rows),
                "exceptions": upcoming_exceptions(rows),
            }
        )
    page_url = request.build_absolute_uri(_service_url(request, service.pk))
    return render(
        request,
        "directory/portal/service.html",
        {
            "service": service,
            "needs": list(service.needs.all()),
            "places": places,
            "own_hours": weekly_hours(own_rows) if own_rows else None,
            "own_exceptions": upcoming_exceptions(own_rows) if own_rows else None,
            "has_hours": bool(groups),
            "today_weekday": timezone.localdate().weekday(),
            "is_open": (
                is_open(
                    groups,
                    timezone.now(),
                    closed_on_public_holidays=service.closed_on_public_holidays,
                    country_code=holiday_country(),
                )
                if groups
                else None
            ),
            "languages": [(language_name(spoken.code), spoken.note) for spoken in service.languages.all()],
            "statuses": [link.residence_status for link in service.eligibility_links.all()],
            "last_updated": max(service.updated_at, service.reviewed_at),
            "fallback_note": fallback_note(),
            "qr_svg": _qr_svg(page_url),
        },
    )


@require_GET
def service_poster_pdf(request: HttpRequest, service_id: UUID) -> HttpResponse:
    """Return an A4 poster of the service in the page's language, for notice boards."""
    service = service_for_portal(service_id)
    page_url = request.build_absolute_uri(_service_url(request, service.pk))
    pdf = service_poster(service, language=get_language() or settings.LANGUAGE_CODE, url=page_url)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="service-{service.pk}.pdf"'
    return response
