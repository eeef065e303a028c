"""Geography pages of the workspace: the tree of administrative units and the country packs."""

import uuid
from typing import Final

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from spojka.core.exports import Column, export_response, requested_format
from spojka.geo.models import AdministrativeUnit
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

# The columns of an exported list of units: the page's table, with the country and centroid.
UNIT_COLUMNS: Final[tuple[Column[AdministrativeUnit], ...]] = (
    Column(_("Name"), lambda unit: unit.name),
    Column(_("Code"), lambda unit: unit.code),
    Column(_("Level"), lambda unit: unit.level_label),
    Column(_("Part of"), lambda unit: unit.parent.name if unit.parent else unit.country.name),
    Column(_("Country"), lambda unit: unit.country.name),
    Column(_("Population"), lambda unit: unit.population),
    # Annotated by the listing queries, which django-stubs cannot see.
    Column(_("Units inside"), lambda unit: unit.child_count),  # type: ignore[attr-defined]
    Column(_("Latitude"), lambda unit: unit.latitude),
    Column(_("Longitude"), lambda unit: unit.longitude),
)


@login_required
@permission_required("geo.view_geography", raise_exception=True)
def units(request: HttpRequest) -> HttpResponse:
    """Show the top of each country's tree of units, or the units whose name matches a search; or download them."""
    query = request.GET.get("q", "").strip()
    countries = list(loaded_countries())
    country = next((c for c in countries if c.code == request.GET.get("country")), None)
    country_code = country.code if country else ""
    listed = search_units(query=query, country_code=country_code) if query else top_units(country_code=country_code)
    if file_format := requested_format(request):
        return export_response(rows=listed, columns=UNIT_COLUMNS, name="units", file_format=file_format)
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page")) if query else None
    return render(
        request,
        "geo/units.html",
        {
            "countries": countries,
            "country": country,
            "query": query,
            "page": page,
            "top_units": listed if not query else None,
        },
    )


@login_required
@permission_required("geo.view_geography", raise_exception=True)
def unit(request: HttpRequest, unit_id: uuid.UUID) -> HttpResponse:
    """Show an administrative unit, the units above it and the units within it; or download those within."""
    found = get_object_or_404(units_for_detail(), pk=unit_id)
    within = units_within(parent=found)
    if file_format := requested_format(request):
        return export_response(
            rows=within, columns=UNIT_COLUMNS, name=f"units-in-{found.code}", file_format=file_format
        )
    return render(
        request,
        "geo/unit.html",
        {
            "unit": found,
            "ancestors": ancestors_of(unit=found),
            "page": Paginator(within, PAGE_SIZE).get_page(request.GET.get("page")),
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
