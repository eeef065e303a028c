"""What the public portal shows of the services found, and of one service: reads for anonymous visitors.

The directory is public: these reads take no viewer, and show only services whose status
lets the public see them.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from babel import Locale, UnknownLocaleError
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from spojka.directory.enums import LocationType
from spojka.directory.models import (
    Language,
    Location,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceCapacity,
    TaxonomyTerm,
)
from spojka.directory.opening_hours import opening_states_of
from spojka.directory.search.index import VISIBLE_STATUSES, index_stamp
from spojka.geo.models import AdministrativeUnit, ResidenceStatus


@dataclass(frozen=True)
class ResultItem:
    """One service in the list of results."""

    service: Service
    distance_km: float | None
    is_open: bool | None  # None when the service has no hours
    location: Location | None
    needs: list[TaxonomyTerm]
    capacities: list[ServiceCapacity]


def visible_services() -> QuerySet[Service]:
    """Return the services the public may see."""
    return Service.objects.filter(status__in=VISIBLE_STATUSES)


def _first_place(service: Service) -> Location | None:
    places = [link.location for link in service.at_locations.all()]
    physical = [place for place in places if place.location_type == LocationType.PHYSICAL]
    chosen = physical or places
    return chosen[0] if chosen else None


def result_items(page: Sequence[tuple[UUID, float | None]]) -> list[ResultItem]:
    """Return the services of one page of results, in the ranking's order, with what the list shows."""
    ids = [service_id for service_id, _ in page]
    services = {
        service.pk: service
        for service in visible_services()
        .filter(pk__in=ids)
        .select_related("organization")
        .prefetch_related(
            "needs",
            Prefetch("at_locations", queryset=ServiceAtLocation.objects.select_related("location")),
            Prefetch("capacities", queryset=ServiceCapacity.objects.select_related("unit")),
        )
    }
    states = opening_states_of(list(services.values()))
    return [
        ResultItem(
            service=services[service_id],
            distance_km=distance,
            is_open=states.get(service_id),
            location=_first_place(services[service_id]),
            needs=list(services[service_id].needs.all()),
            capacities=list(services[service_id].capacities.all()),
        )
        for service_id, distance in page
        if service_id in services
    ]


def map_markers(items: Sequence[ResultItem], *, urls: dict[UUID, str]) -> list[dict[str, Any]]:
    """Return the map's markers: every place with coordinates of the services listed."""
    markers = []
    for item in items:
        for link in item.service.at_locations.all():
            place = link.location
            if place.has_coordinates:
                markers.append(
                    {
                        "lat": float(place.latitude),  # type: ignore[arg-type]  # has_coordinates
                        "lon": float(place.longitude),  # type: ignore[arg-type]  # has_coordinates
                        "name": str(item.service.t.name),
                        "address": place.one_line_address,
                        "url": urls[item.service.pk],
                    }
                )
    return markers


def service_for_portal(service_id: UUID) -> Service:
    """Return a visible service with everything its public page shows; 404 when there is none."""
    return get_object_or_404(
        visible_services()
        .select_related("organization")
        .prefetch_related(
            "needs",
            "eligibility_links__residence_status",
            "schedules",
            "phones",
            "languages",
            "cost_options",
            "required_documents",
            "contacts",
            "areas__unit",
            Prefetch("capacities", queryset=ServiceCapacity.objects.select_related("unit")),
            Prefetch(
                "at_locations",
                queryset=ServiceAtLocation.objects.select_related("location__municipality").prefetch_related(
                    "schedules", "location__schedules", "location__phones", "location__accessibility"
                ),
            ),
        ),
        pk=service_id,
    )


def language_name(code: str, *, language: str | None = None) -> str:
    """Return a language's name in the visitor's language (or the code when Babel knows none)."""
    try:
        locale = Locale.parse((language or get_language() or "en").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return code
    name = locale.languages.get(code)
    return name or code


def needs_to_choose() -> list[TaxonomyTerm]:
    """Return the needs a visitor may filter by, broader terms first in the pack's order."""
    return list(TaxonomyTerm.objects.filter(taxonomy__code="needs").order_by("position", "code"))


def places_to_choose() -> list[AdministrativeUnit]:
    """Return the places where visible services are given or offered, with the units above them."""
    visible = visible_services().values("pk")
    wanted = set(
        ServiceAtLocation.objects.filter(service__in=visible, location__municipality__isnull=False).values_list(
            "location__municipality_id", flat=True
        )
    )
    wanted |= set(ServiceArea.objects.filter(service__in=visible).values_list("unit_id", flat=True))
    units: dict[UUID, AdministrativeUnit] = {}
    while wanted:  # one query per level of the tree
        found = list(AdministrativeUnit.objects.filter(pk__in=wanted).select_related("country"))
        units.update((unit.pk, unit) for unit in found)
        wanted = {unit.parent_id for unit in found if unit.parent_id and unit.parent_id not in units}
    return sorted(units.values(), key=lambda unit: (unit.depth, unit.search_name or unit.name))


def languages_to_choose() -> list[str]:
    """Return the codes of the languages spoken at visible services."""
    return sorted(
        set(
            Language.objects.filter(service__in=visible_services().values("pk"))
            .values_list("code", flat=True)
            .distinct()
        )
    )


@dataclass(frozen=True)
class Choices:
    """What the search form offers to choose from."""

    stamp: UUID | None
    needs: list[TaxonomyTerm]
    places: list[AdministrativeUnit]
    language_codes: list[str]
    statuses: list[ResidenceStatus]

    def languages(self) -> list[tuple[str, str]]:
        """Return the codes and names (in the active language) of the languages, by name."""
        named = ((code, language_name(code)) for code in self.language_codes)
        return sorted(named, key=lambda pair: pair[1].casefold())


_choices: Choices | None = None


def search_form_choices() -> Choices:
    """Return the form's choices, cached in the process until the search index changes."""
    global _choices  # the per-process cache
    stamp = index_stamp()
    cached = _choices
    # Nothing indexed yet (no stamp): read afresh every time rather than cache under no name.
    if cached is None or stamp is None or cached.stamp != stamp:
        cached = Choices(
            stamp=stamp,
            needs=needs_to_choose(),
            places=places_to_choose(),
            language_codes=languages_to_choose(),
            statuses=list(ResidenceStatus.objects.select_related("country").order_by("country_id", "position")),
        )
        _choices = cached
    return cached
