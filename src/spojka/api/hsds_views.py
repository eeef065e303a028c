"""The read-only HSDS 3.0 API (https://docs.openreferral.org/en/latest/hsds/api_reference.html).

Anonymous JSON GET endpoints with the specification's paging envelope (`total_items`,
`total_pages`, `page_number`, `size`, `first_page`, `last_page`, `empty`, `contents`) and its
cumulative filters. Unknown ids answer 404 and bad parameters 400, both with a JSON error;
every answer carries `Access-Control-Allow-Origin: *` so that other sites' scripts may read it.
Only public data is served: who reviewed or updated a record never is.
"""

import json
import math
import re
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, time
from functools import wraps
from typing import Any, Final, TypeVar

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from spojka.directory.hsds import serialize
from spojka.directory.models import Location, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from spojka.geo.models import AdministrativeUnit, Country, ResidenceStatus
from spojka.network.models import Organization

DEFAULT_PER_PAGE: Final = 50
MAX_PER_PAGE: Final = 200
PROFILE: Final = "https://docs.openreferral.org/en/v3.0/hsds/"
OPENAPI_URL: Final = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"

View = TypeVar("View", bound=Callable[..., HttpResponse])


class BadParameterError(Exception):
    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message


class NotFoundError(Exception):
    """A record the API was asked for by id does not exist (answered with a JSON 404)."""


def _json(data: Any, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(status: int, message: str, parameter: str | None = None) -> JsonResponse:
    error: dict[str, Any] = {"status": status, "message": message}
    if parameter:
        error["parameter"] = parameter
    return _json({"error": error}, status=status)


def api_view(view: View) -> View:
    """GET only (and CORS preflight); turn bad parameters into 400 and unknown records into 404, as JSON."""

    @require_http_methods(["GET", "HEAD", "OPTIONS"])
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Max-Age"] = "86400"
            return response
        try:
            return view(request, *args, **kwargs)
        except BadParameterError as error:
            return _error(400, error.message, error.parameter)
        except NotFoundError:
            return _error(404, _("There is no record with this id."))

    return wrapper  # type: ignore[return-value]


# Parameters.


def _uuid(request: HttpRequest, name: str) -> str | None:
    value = request.GET.get(name)
    if value is None or value == "":
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise BadParameterError(name, _("%(name)s must be a UUID.") % {"name": name}) from None


def _integer(request: HttpRequest, name: str, default: int, *, low: int, high: int | None = None) -> int:
    value = request.GET.get(name)
    if value is None or value == "":
        return default
    if not re.fullmatch(r"\d{1,9}", value) or int(value) < low or (high is not None and int(value) > high):
        limits = {"name": name, "low": low, "high": high}
        message = (
            _("%(name)s must be a whole number from %(low)d to %(high)d.") % limits
            if high is not None
            else _("%(name)s must be a whole number from %(low)d up.") % limits
        )
        raise BadParameterError(name, message)
    return int(value)


def _boolean(request: HttpRequest, name: str) -> bool:
    value = request.GET.get(name, "").lower()
    if value in ("", "false", "0", "no"):
        return False
    if value in ("true", "1", "yes"):
        return True
    raise BadParameterError(name, _("%(name)s must be true or false.") % {"name": name})


def _datetime(request: HttpRequest, name: str) -> datetime | None:
    value = request.GET.get(name)
    if not value:
        return None
    try:
        parsed = parse_datetime(value)
        if parsed is None and (day := parse_date(value)) is not None:
            parsed = datetime.combine(day, time.min)
    except ValueError:
        parsed = None
    if parsed is None:
        raise BadParameterError(name, _("%(name)s must be a date or a date and time (ISO 8601).") % {"name": name})
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def _search(request: HttpRequest) -> str:
    return request.GET.get("search", "").strip()[:200]


def _check_format(request: HttpRequest) -> None:
    if request.GET.get("format", "json") != "json":
        raise BadParameterError("format", _("Only the json format is served."))


def _identifier(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise NotFoundError from None


# Paging.


def _page(
    request: HttpRequest, items: QuerySet[Any] | Sequence[Any], render: Callable[[Any], dict[str, Any]]
) -> JsonResponse:
    _check_format(request)
    per_page = _integer(request, "per_page", DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE)
    page = _integer(request, "page", 1, low=1)
    total = items.count() if isinstance(items, QuerySet) else len(items)
    pages = max(1, math.ceil(total / per_page))
    chunk = list(items[(page - 1) * per_page : page * per_page])
    return _json(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": page,
            "size": len(chunk),
            "first_page": page == 1,
            "last_page": page >= pages,
            "empty": not chunk,
            "contents": [render(item) for item in chunk],
        }
    )


# The root.


@api_view
def root(request: HttpRequest) -> HttpResponse:
    """Say which version of HSDS this API speaks."""
    return _json(
        {
            "version": "3.0",
            "profile": PROFILE,
            "openapi_url": OPENAPI_URL,
            "services_url": request.build_absolute_uri(reverse("hsds:services")),
        }
    )


# Services.


def _service_filters(request: HttpRequest, services: QuerySet[Service], prefix: str = "") -> QuerySet[Service]:
    """Apply the cumulative service filters of the specification (search, taxonomy, organisation, date)."""
    if search := _search(request):
        # JSON columns may hold non-ASCII text escaped (SQLite): look for both spellings.
        spellings = {search, json.dumps(search)[1:-1]}
        matches = Q(**{f"{prefix}name__icontains": search}) | Q(**{f"{prefix}alternate_name__icontains": search})
        matches |= Q(**{f"{prefix}description__icontains": search})
        for spelling in spellings:
            matches |= Q(**{f"{prefix}translations__icontains": spelling})
            matches |= Q(**{f"{prefix}need_links__term__labels__icontains": spelling})
        services = services.filter(matches)
    if term_id := _uuid(request, "taxonomy_term_id"):
        services = services.filter(
            Q(**{f"{prefix}need_links__term_id": term_id})
            | Q(**{f"{prefix}eligibility_links__residence_status_id": term_id})
        )
    if taxonomy_id := _uuid(request, "taxonomy_id"):
        countries = {
            serialize.residence_taxonomy_id(code): code for code in Country.objects.values_list("code", flat=True)
        }
        if taxonomy_id in countries:
            services = services.filter(
                **{f"{prefix}eligibility_links__residence_status__country_id": countries[taxonomy_id]}
            )
        else:
            services = services.filter(**{f"{prefix}need_links__term__taxonomy_id": taxonomy_id})
    if organization_id := _uuid(request, "organization_id"):
        services = services.filter(**{f"{prefix}organization_id": organization_id})
    if modified_after := _datetime(request, "modified_after"):
        services = services.filter(**{f"{prefix}updated_at__gte": modified_after})
    return services.distinct()


@api_view
def services(request: HttpRequest) -> HttpResponse:
    """List services: one-to-one fields (`full=true`: fully nested; `minimal=true`: id and date only)."""
    full, minimal = _boolean(request, "full"), _boolean(request, "minimal")
    listed = _service_filters(request, Service.objects.all()).order_by("name", "id")
    if minimal:
        return _page(
            request,
            listed,
            lambda item: serialize.compact(
                {"id": str(item.id), "last_modified": serialize.hsds_datetime(item.updated_at)}
            ),
        )
    if full:
        queryset = serialize.service_queryset().filter(id__in=listed.values("id")).order_by("name", "id")
        return _page(
            request,
            queryset,
            lambda item: serialize.service_object(item, organization=serialize.organization_basic(item.organization)),
        )
    return _page(request, listed.select_related("organization"), serialize.service_list_item)


@api_view
def service(request: HttpRequest, identifier: str) -> HttpResponse:
    """Return a fully nested service, its organisation included."""
    found = serialize.service_queryset().filter(id=_identifier(identifier)).first()
    if found is None:
        raise NotFoundError
    return _json(serialize.service_object(found, organization=serialize.organization_basic(found.organization)))


# Organisations.


def _organization_full(organization: Organization, *, full_service: bool) -> dict[str, Any]:
    locations = serialize.location_queryset().filter(organization=organization).order_by("id")
    services_of = Service.objects.filter(organization=organization).order_by("id")
    if full_service:
        nested = serialize.service_queryset().filter(organization=organization).order_by("id")
        result = serialize.organization_object(organization, services=nested, locations=locations)
    else:
        result = serialize.organization_object(organization, services=[], locations=locations)
        listed = [serialize.service_scalars(item) for item in services_of]
        if listed:
            result["services"] = listed
    return result


@api_view
def organizations(request: HttpRequest) -> HttpResponse:
    """List organisations (`full=true`: with phones, locations and services nested)."""
    full, full_service = _boolean(request, "full"), _boolean(request, "full_service")
    listed = Organization.objects.filter(is_active=True).order_by("name", "id")
    if search := _search(request):
        listed = listed.filter(
            Q(name__icontains=search) | Q(short_name__icontains=search) | Q(description__icontains=search)
        )
    if full or full_service:
        return _page(request, listed, lambda item: _organization_full(item, full_service=full_service))
    return _page(request, listed, serialize.organization_basic)


@api_view
def organization(request: HttpRequest, identifier: str) -> HttpResponse:
    """Return an organisation with its locations and services (`full_service=true`: fully nested)."""
    found = Organization.objects.filter(id=_identifier(identifier), is_active=True).first()
    if found is None:
        raise NotFoundError
    return _json(_organization_full(found, full_service=_boolean(request, "full_service")))


# Taxonomies: the directory's own, and one per country built from its residence statuses.


def _all_taxonomies() -> list[dict[str, Any]]:
    items = [serialize.taxonomy_object(item) for item in Taxonomy.objects.order_by("code")]
    items += [
        serialize.residence_taxonomy_object(code)
        for code in Country.objects.order_by("code").values_list("code", flat=True)
    ]
    return items


@api_view
def taxonomies(request: HttpRequest) -> HttpResponse:
    items = _all_taxonomies()
    if search := _search(request).lower():
        items = [
            item for item in items if search in item["name"].lower() or search in item.get("description", "").lower()
        ]
    return _page(request, items, lambda item: item)


@api_view
def taxonomy(request: HttpRequest, identifier: str) -> HttpResponse:
    wanted = _identifier(identifier)
    found = next((item for item in _all_taxonomies() if item["id"] == wanted), None)
    if found is None:
        raise NotFoundError
    return _json(found)


def _all_terms() -> list[dict[str, Any]]:
    terms = [
        serialize.term_object(term)
        for term in TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__code", "position", "code")
    ]
    terms += [
        serialize.residence_term_object(status) for status in ResidenceStatus.objects.order_by("country_id", "position")
    ]
    return terms


@api_view
def taxonomy_terms(request: HttpRequest) -> HttpResponse:
    items = _all_terms()
    if search := _search(request).lower():
        items = [
            item
            for item in items
            if search in item["name"].lower()
            or any(search in text.lower() for texts in item.get("translations", {}).values() for text in texts.values())
            or any(search in word.lower() for words in item.get("synonyms", {}).values() for word in words)
        ]
    if taxonomy_id := _uuid(request, "taxonomy_id"):
        items = [item for item in items if item.get("taxonomy_id") == taxonomy_id]
    if parent_id := _uuid(request, "parent_id"):
        items = [item for item in items if item.get("parent_id") == parent_id]
    if _boolean(request, "top_only"):
        items = [item for item in items if "parent_id" not in item]
    return _page(request, items, lambda item: item)


@api_view
def taxonomy_term(request: HttpRequest, identifier: str) -> HttpResponse:
    wanted = _identifier(identifier)
    term = TaxonomyTerm.objects.select_related("taxonomy").filter(id=wanted).first()
    if term is not None:
        return _json(serialize.term_object(term))
    status = ResidenceStatus.objects.filter(id=wanted).first()
    if status is None:
        raise NotFoundError
    return _json(serialize.residence_term_object(status))


# Services at locations.


def _at_location_item(at: ServiceAtLocation) -> dict[str, Any]:
    return serialize.service_at_location_scalars(at) | {
        "location": serialize.location_scalars(at.location),
        "service": serialize.service_list_item(at.service),
    }


def _postcode_filter(request: HttpRequest, listed: QuerySet[ServiceAtLocation]) -> QuerySet[ServiceAtLocation]:
    postcode = re.sub(r"\s", "", request.GET.get("postcode", ""))
    proximity = request.GET.get("proximity")
    if proximity and not postcode:
        raise BadParameterError("proximity", _("proximity needs a postcode."))
    if not postcode:
        return listed
    units = [
        unit
        for unit in AdministrativeUnit.objects.exclude(attributes={})
        if re.sub(r"\s", "", str(unit.attributes.get("postcode", ""))) == postcode
    ]
    if proximity:
        if not re.fullmatch(r"\d{1,7}(\.\d+)?", proximity):
            raise BadParameterError("proximity", _("proximity must be a distance in metres."))
        centres = [
            (float(unit.latitude), float(unit.longitude))
            for unit in units
            if unit.latitude is not None and unit.longitude is not None
        ]
        if not centres:
            return listed.none()
        near = [
            location.id
            for location in Location.objects.exclude(latitude=None).exclude(longitude=None)
            if _metres(centres[0], (float(location.latitude), float(location.longitude))) <= float(proximity)  # type: ignore[arg-type]
        ]
        return listed.filter(location_id__in=near)
    spaced = {postcode, f"{postcode[:3]} {postcode[3:]}"}
    return listed.filter(Q(location__postal_code__in=spaced) | Q(service__areas__unit__in=units)).distinct()


def _metres(one: tuple[float, float], other: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*one, *other))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6_371_000 * 2 * math.asin(math.sqrt(a))


@api_view
def service_at_locations(request: HttpRequest) -> HttpResponse:
    """List services at locations, each with its location and service (`full=true`: nested)."""
    full = _boolean(request, "full")
    matching = _service_filters(request, Service.objects.all())
    listed = ServiceAtLocation.objects.filter(service__in=matching.values("id")).order_by("service__name", "id")
    listed = _postcode_filter(request, listed)
    if full:
        listed = listed.select_related("service__organization").prefetch_related(
            Prefetch("location", queryset=serialize.location_queryset()), "schedules"
        )
        return _page(request, listed, _at_location_full)
    return _page(request, listed.select_related("location", "service__organization"), _at_location_item)


def _at_location_full(at: ServiceAtLocation) -> dict[str, Any]:
    return serialize.service_at_location_scalars(at) | serialize.compact(
        {
            "schedules": serialize.by_id(serialize.schedule_object(item) for item in at.schedules.all()),
            "location": serialize.location_object(at.location),
            "service": serialize.service_list_item(at.service),
        }
    )


@api_view
def service_at_location(request: HttpRequest, identifier: str) -> HttpResponse:
    """Return a service at a location with its location and service nested."""
    found = (
        ServiceAtLocation.objects.filter(id=_identifier(identifier))
        .select_related("service__organization")
        .prefetch_related(Prefetch("location", queryset=serialize.location_queryset()), "schedules")
        .first()
    )
    if found is None:
        raise NotFoundError
    return _json(_at_location_full(found))


@api_view
def not_found(request: HttpRequest) -> HttpResponse:
    return _error(404, _("There is no such address in the HSDS API."))
