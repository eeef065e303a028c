"""Geography pages of the workspace: the tree of administrative units and the country packs."""

import uuid

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from spojka.geo.queries import (
    ancestors_of,
    loaded_countries,
    loaded_country_packs,
    packs_not_loaded,
    search_units,
    top_units,
    units_for_detail,
    units_within,
)

PAGE_SIZE = 100


@login_required
@permission_required("geo.view_geography", raise_exception=True)
def units(request: HttpRequest) -> HttpResponse:
    """Show the top of each country's tree of units, or the units whose name matches a search."""
    query = request.GET.get("q", "").strip()
    countries = list(loaded_countries())
    country = next((c for c in countries if c.code == request.GET.get("country")), None)
    country_code = country.code if country else ""
    page = (
        Paginator(search_units(query=query, country_code=country_code), PAGE_SIZE).get_page(request.GET.get("page"))
        if query
        else None
    )
    return render(
        request,
        "geo/units.html",
        {
            "countries": countries,
            "country": country,
            "query": query,
            "page": page,
            "top_units": top_units(country_code=country_code) if not query else None,
        },
    )


@login_required
@permission_required("geo.view_geography", raise_exception=True)
def unit(request: HttpRequest, unit_id: uuid.UUID) -> HttpResponse:
    """Show an administrative unit, the units above it and the units within it."""
    found = get_object_or_404(units_for_detail(), pk=unit_id)
    return render(
        request,
        "geo/unit.html",
        {
            "unit": found,
            "ancestors": ancestors_of(unit=found),
            "page": Paginator(units_within(parent=found), PAGE_SIZE).get_page(request.GET.get("page")),
        },
    )


@login_required
@permission_required("geo.view_country_packs", raise_exception=True)
def packs(request: HttpRequest) -> HttpResponse:
    """Show the loaded countries with their levels, unit counts and residence statuses."""
    return render(
        request,
        "geo/packs.html",
        {"country_packs": loaded_country_packs(), "packs_not_loaded": packs_not_loaded()},
    )
