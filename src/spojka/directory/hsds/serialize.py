"""The directory's records as HSDS 3.0 objects (plain dicts, ready for JSON).

Used by the export (whole organisations with everything nested) and by the API. Every id is
the record's stable UUID; values Spojka keeps as plain fields (an organisation's phone, its
registry number, the residence-status taxonomy) get ids derived with uuid5 from their owner's
id, so two exports of the same data are identical. Empty optional fields are left out (HSDS
allows no `null`). Texts in the other UI languages travel in the extra property
`translations` ({"uk": {"name": …}}); HSDS 3.0 allows extra properties.

Extra properties Spojka adds (all optional, ignored by other HSDS consumers):
organization `sector`; service `is_free`, `closed_on_public_holidays`, `capacities` (HSDS 3.1);
location and service_area `administrative_unit_code`; taxonomy and unit `code`; taxonomy_term
`synonyms`; every translatable record `translations`.
"""

import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any, Final

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from spojka.core.translated import site_language
from spojka.directory.enums import Weekday
from spojka.directory.models import (
    CapacityUnit,
    Contact,
    CostOption,
    Language,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceCapacity,
    ServiceEligibility,
    ServiceNeed,
    Taxonomy,
    TaxonomyTerm,
)
from spojka.geo.models import ResidenceStatus
from spojka.network.models import Organization

# Derived ids of things Spojka keeps without an id of their own.
NAMESPACE: Final = uuid.UUID("6f0f6a4e-5b7c-4d5e-9c0a-2f1d3b5a7c91")
ELIGIBILITY: Final = "eligibility"
IDENTIFIER_TYPE: Final = "registry_number"


def derived_id(owner_id: Any, what: str) -> str:
    """Return the stable id of a value kept as a plain field of its owner."""
    return str(uuid.uuid5(uuid.UUID(str(owner_id)), what))


def residence_taxonomy_id(country_code: str) -> str:
    """Return the id of the taxonomy built from a country's residence statuses."""
    return str(uuid.uuid5(NAMESPACE, f"residence-statuses:{country_code}"))


def compact(values: Mapping[str, Any]) -> dict[str, Any]:
    """Drop the empty optional values: HSDS allows no null, and empty texts say nothing."""
    return {key: value for key, value in values.items() if value is not None and value != "" and value != []}


def number(value: Decimal | int | float | None) -> int | float | None:
    """Return a JSON number: integral values as int, so that 150.00 and 150 export alike."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    as_decimal = Decimal(value)
    return int(as_decimal) if as_decimal == as_decimal.to_integral_value() else float(as_decimal)


def hsds_time(value: time | None) -> str | None:
    if value is None:
        return None
    return value.strftime("%H:%M") if not value.second else value.strftime("%H:%M:%S")


def hsds_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def hsds_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def translations_of(record: Any) -> dict[str, dict[str, str]] | None:
    """Return the texts in the other languages, only the non-empty ones (None when there are none)."""
    fields = getattr(record, "TRANSLATED_FIELDS", ())
    result: dict[str, dict[str, str]] = {}
    for language, texts in sorted((record.translations or {}).items()):
        if language == site_language() or not isinstance(texts, Mapping):
            continue
        kept = {field: str(text) for field, text in sorted(texts.items()) if field in fields and text}
        if kept:
            result[language] = kept
    return result or None


def label_translations(
    labels: Mapping[str, str], descriptions: Mapping[str, str] | None = None
) -> dict[str, Any] | None:
    """Return multilingual labels (and descriptions) as `translations`, the site language left out."""
    result: dict[str, dict[str, str]] = {}
    for field, texts in (("name", labels), ("description", descriptions or {})):
        for language, text in texts.items():
            if language != site_language() and text:
                result.setdefault(language, {})[field] = str(text)
    return {language: result[language] for language in sorted(result)} or None


def language_name(code: str) -> str:
    """Return a language's English name (HSDS `language.name`), or the code when unknown."""
    return str(LANG_INFO.get(code, {}).get("name", code))


def by_id(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sort HSDS objects by id, so that every array comes out in the same order."""
    return sorted(items, key=lambda item: str(item["id"]))


# Prefetching: one query per kind of record, however many services are exported.


def phone_prefetch(prefix: str = "") -> list[Prefetch[Any]]:
    return [Prefetch(f"{prefix}phones", queryset=Phone.objects.prefetch_related("languages"))]


def location_queryset() -> QuerySet[Location]:
    return Location.objects.select_related(
        "municipality__country", "municipality__parent__parent__parent"
    ).prefetch_related(
        "accessibility",
        "languages",
        Prefetch("phones", queryset=Phone.objects.prefetch_related("languages")),
        Prefetch("contacts", queryset=Contact.objects.prefetch_related("phones__languages")),
        "schedules",
    )


def service_queryset() -> QuerySet[Service]:
    return Service.objects.select_related("organization").prefetch_related(
        Prefetch("phones", queryset=Phone.objects.prefetch_related("languages")),
        "schedules",
        Prefetch("areas", queryset=ServiceArea.objects.select_related("unit")),
        Prefetch("at_locations", queryset=ServiceAtLocation.objects.prefetch_related("schedules")),
        "languages",
        "cost_options",
        "required_documents",
        Prefetch("contacts", queryset=Contact.objects.prefetch_related("phones__languages")),
        Prefetch("need_links", queryset=ServiceNeed.objects.select_related("term__taxonomy")),
        Prefetch("eligibility_links", queryset=ServiceEligibility.objects.select_related("residence_status__country")),
        Prefetch("capacities", queryset=ServiceCapacity.objects.select_related("unit")),
    )


# The objects.


def organization_basic(organization: Organization) -> dict[str, Any]:
    """Return an organisation's own fields (HSDS `organization` without nested arrays)."""
    return compact(
        {
            "id": str(organization.id),
            "name": organization.name,
            "alternate_name": organization.short_name,
            "description": organization.description,
            "email": organization.email,
            "website": organization.website,
            "parent_organization_id": str(organization.parent_id) if organization.parent_id else None,
            "sector": organization.sector,
        }
    ) | {"description": organization.description}


def organization_parts(organization: Organization) -> dict[str, Any]:
    """Return the organisation's phone and registry number as HSDS arrays."""
    parts: dict[str, Any] = {}
    if organization.phone:
        parts["phones"] = [
            {
                "id": derived_id(organization.id, "phone"),
                "organization_id": str(organization.id),
                "number": organization.phone,
            }
        ]
    if organization.identifier:
        parts["organization_identifiers"] = [
            {
                "id": derived_id(organization.id, "organization_identifier"),
                "organization_id": str(organization.id),
                "identifier_type": IDENTIFIER_TYPE,
                "identifier": organization.identifier,
            }
        ]
    return parts


def language_object(language: Language) -> dict[str, Any]:
    return compact(
        {
            "id": str(language.id),
            "service_id": str(language.service_id) if language.service_id else None,
            "location_id": str(language.location_id) if language.location_id else None,
            "phone_id": str(language.phone_id) if language.phone_id else None,
            "name": language_name(language.code),
            "code": language.code,
            "note": language.note,
        }
    )


def phone_object(phone: Phone) -> dict[str, Any]:
    return compact(
        {
            "id": str(phone.id),
            "service_id": str(phone.service_id) if phone.service_id else None,
            "location_id": str(phone.location_id) if phone.location_id else None,
            "contact_id": str(phone.contact_id) if phone.contact_id else None,
            "number": phone.number,
            "extension": phone.extension,
            "type": phone.type,
            "description": phone.description,
            "languages": by_id(language_object(language) for language in phone.languages.all()),
            "translations": translations_of(phone),
        }
    )


def contact_object(contact: Contact) -> dict[str, Any]:
    return compact(
        {
            "id": str(contact.id),
            "service_id": str(contact.service_id) if contact.service_id else None,
            "location_id": str(contact.location_id) if contact.location_id else None,
            "name": contact.name,
            "title": contact.title,
            "department": contact.department,
            "email": contact.email,
            "phones": by_id(phone_object(phone) for phone in contact.phones.all()),
        }
    )


def schedule_object(schedule: Schedule) -> dict[str, Any]:
    """Return opening hours: a weekly interval as an RRULE, an exception as dates without one."""
    regular = not schedule.is_exception and schedule.weekday is not None
    return compact(
        {
            "id": str(schedule.id),
            "service_id": str(schedule.service_id) if schedule.service_id else None,
            "location_id": str(schedule.location_id) if schedule.location_id else None,
            "service_at_location_id": str(schedule.service_at_location_id) if schedule.service_at_location_id else None,
            "valid_from": hsds_date(schedule.valid_from),
            "valid_to": hsds_date(schedule.valid_to),
            "freq": "WEEKLY" if regular else None,
            "interval": 1 if regular else None,
            "byday": Weekday(schedule.weekday).ical if regular and schedule.weekday is not None else None,
            "opens_at": hsds_time(schedule.opens_at),
            "closes_at": hsds_time(schedule.closes_at),
            "description": schedule.description,
        }
    )


def location_object(location: Location) -> dict[str, Any]:
    """Return a location with its address, accessibility, languages, phones, contacts and hours."""
    municipality = location.municipality
    address = None
    if location.address_1:
        region = municipality
        while region is not None and region.parent_id is not None:
            region = region.parent
        address = {
            "id": str(location.address_id),
            "location_id": str(location.id),
            "address_1": location.address_1,
            "address_2": location.address_2,
            "city": location.city,
            "state_province": region.name if region is not None else "",
            "postal_code": location.postal_code,
            "country": municipality.country_id if municipality is not None else "",
            "address_type": location.location_type,
        }
        address = compact(address) | {key: address[key] for key in ("city", "state_province", "postal_code", "country")}
    return compact(
        {
            "id": str(location.id),
            "organization_id": str(location.organization_id),
            "location_type": location.location_type,
            "url": location.url,
            "name": location.name,
            "alternate_name": location.alternate_name,
            "description": location.description,
            "transportation": location.transportation,
            "latitude": number(location.latitude),
            "longitude": number(location.longitude),
            "external_identifier": location.external_identifier,
            "external_identifier_type": location.external_identifier_type,
            "administrative_unit_code": municipality.code if municipality is not None else None,
            "languages": by_id(language_object(language) for language in location.languages.all()),
            "addresses": [address] if address else [],
            "contacts": by_id(contact_object(contact) for contact in location.contacts.all()),
            "accessibility": by_id(
                compact(
                    {
                        "id": str(item.id),
                        "location_id": str(location.id),
                        "description": item.description,
                        "details": item.details,
                        "url": item.url,
                        "translations": translations_of(item),
                    }
                )
                for item in location.accessibility.all()
            ),
            "phones": by_id(phone_object(phone) for phone in location.phones.all()),
            "schedules": by_id(schedule_object(schedule) for schedule in location.schedules.all()),
            "translations": translations_of(location),
        }
    )


def taxonomy_object(taxonomy: Taxonomy) -> dict[str, Any]:
    base = site_language()
    return compact(
        {
            "id": str(taxonomy.id),
            "name": taxonomy.labels.get(base) or taxonomy.name,
            "description": taxonomy.descriptions.get(base, ""),
            "uri": taxonomy.uri,
            "version": taxonomy.version,
            "code": taxonomy.code,
            "translations": label_translations(taxonomy.labels, taxonomy.descriptions),
        }
    ) | {"description": taxonomy.descriptions.get(base, "")}


def term_object(term: TaxonomyTerm, *, with_taxonomy: bool = True) -> dict[str, Any]:
    base = site_language()
    synonyms = {language: list(words) for language, words in sorted(term.synonyms.items()) if words}
    result = compact(
        {
            "id": str(term.id),
            "code": term.code,
            "name": term.labels.get(base) or term.name,
            "description": term.descriptions.get(base, ""),
            "parent_id": str(term.parent_id) if term.parent_id else None,
            "taxonomy": term.taxonomy.labels.get(base) or term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy_id),
            "language": base,
            "term_uri": term.term_uri,
            "synonyms": synonyms or None,
            "translations": label_translations(term.labels, term.descriptions),
        }
    ) | {"description": term.descriptions.get(base, "")}
    if with_taxonomy:
        result["taxonomy_detail"] = taxonomy_object(term.taxonomy)
    return result


def residence_taxonomy_object(country_code: str) -> dict[str, Any]:
    return {
        "id": residence_taxonomy_id(country_code),
        "name": f"Residence statuses ({country_code})",
        "description": f"Residence statuses of the country pack {country_code}, for service eligibility.",
        "code": f"residence-statuses-{country_code.lower()}",
    }


def residence_term_object(status: ResidenceStatus) -> dict[str, Any]:
    base = site_language()
    return compact(
        {
            "id": str(status.id),
            "code": status.code,
            "name": status.labels.get(base) or status.name,
            "description": "",
            "taxonomy": residence_taxonomy_object(status.country_id)["name"],
            "taxonomy_id": residence_taxonomy_id(status.country_id),
            "language": base,
            "translations": label_translations(status.labels),
        }
    ) | {"description": "", "taxonomy_detail": residence_taxonomy_object(status.country_id)}


def unit_object(unit: CapacityUnit) -> dict[str, Any]:
    return compact(
        {
            "id": str(unit.id),
            "name": unit.labels.get(site_language()) or unit.name,
            "scheme": unit.scheme,
            "identifier": unit.identifier,
            "uri": unit.uri,
            "code": unit.code,
            "translations": label_translations(unit.labels),
        }
    )


def capacity_object(capacity: ServiceCapacity) -> dict[str, Any]:
    """Return capacity as HSDS 3.1 `service_capacity` (who updated it stays out: personal data)."""
    return compact(
        {
            "id": str(capacity.id),
            "service_id": str(capacity.service_id),
            "unit_id": str(capacity.unit_id),
            "unit": unit_object(capacity.unit),
            "available": capacity.available,
            "maximum": capacity.maximum,
            "description": capacity.description,
            "updated": hsds_datetime(capacity.updated_at),
        }
    )


def attributes_of(service: Service) -> list[dict[str, Any]]:
    """Return needs (taxonomy terms) and residence-status eligibility as HSDS attributes."""
    attributes = [
        {
            "id": str(link.id),
            "link_id": str(service.id),
            "link_entity": "service",
            "link_type": "need",
            "taxonomy_term_id": str(link.term_id),
            "taxonomy_term": term_object(link.term),
        }
        for link in service.need_links.all()
    ]
    attributes += [
        {
            "id": str(link.id),
            "link_id": str(service.id),
            "link_entity": "service",
            "link_type": ELIGIBILITY,
            "taxonomy_term_id": str(link.residence_status_id),
            "taxonomy_term": residence_term_object(link.residence_status),
        }
        for link in service.eligibility_links.all()
    ]
    return by_id(attributes)


def service_scalars(service: Service) -> dict[str, Any]:
    """Return a service's own (one-to-one) fields."""
    return compact(
        {
            "id": str(service.id),
            "organization_id": str(service.organization_id),
            "name": service.name,
            "alternate_name": service.alternate_name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "interpretation_services": service.interpretation_services,
            "application_process": service.application_process,
            "fees_description": service.fees_description,
            "accreditations": service.accreditations,
            "eligibility_description": service.eligibility_description,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": hsds_date(timezone.localdate(service.reviewed_at)),
            "alert": service.alert,
            "last_modified": hsds_datetime(service.updated_at),
            "is_free": service.is_free,
            "closed_on_public_holidays": service.closed_on_public_holidays,
            "translations": translations_of(service),
        }
    )


def service_object(service: Service, *, organization: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return a fully nested service (the organisation nested only when given)."""
    result = service_scalars(service) | compact(
        {
            "phones": by_id(phone_object(phone) for phone in service.phones.all()),
            "schedules": by_id(schedule_object(schedule) for schedule in service.schedules.all()),
            "service_areas": by_id(
                compact(
                    {
                        "id": str(area.id),
                        "service_id": str(service.id),
                        "name": area.unit.name,
                        "description": area.description,
                        "administrative_unit_code": area.unit.code,
                    }
                )
                for area in service.areas.all()
            ),
            "service_at_locations": by_id(
                compact(
                    {
                        "id": str(at.id),
                        "service_id": str(service.id),
                        "location_id": str(at.location_id),
                        "description": at.description,
                        "schedules": by_id(schedule_object(schedule) for schedule in at.schedules.all()),
                        "translations": translations_of(at),
                    }
                )
                for at in service.at_locations.all()
            ),
            "languages": by_id(language_object(language) for language in service.languages.all()),
            "cost_options": by_id(cost_option_object(option) for option in service.cost_options.all()),
            "required_documents": by_id(
                compact(
                    {
                        "id": str(document.id),
                        "service_id": str(service.id),
                        "document": document.document,
                        "uri": document.uri,
                        "translations": translations_of(document),
                    }
                )
                for document in service.required_documents.all()
            ),
            "contacts": by_id(contact_object(contact) for contact in service.contacts.all()),
            "attributes": attributes_of(service),
            "capacities": by_id(capacity_object(capacity) for capacity in service.capacities.all()),
        }
    )
    if organization is not None:
        result["organization"] = organization
    return result


def cost_option_object(option: CostOption) -> dict[str, Any]:
    return compact(
        {
            "id": str(option.id),
            "service_id": str(option.service_id),
            "valid_from": hsds_date(option.valid_from),
            "valid_to": hsds_date(option.valid_to),
            "option": option.option,
            "currency": option.currency,
            "amount": number(option.amount),
            "amount_description": option.amount_description,
        }
    )


def organization_object(
    organization: Organization, *, services: Iterable[Service], locations: Iterable[Location]
) -> dict[str, Any]:
    """Return an organisation with its phones, identifiers, locations and services nested."""
    return compact(
        organization_basic(organization)
        | organization_parts(organization)
        | {
            "locations": by_id(location_object(location) for location in locations),
            "services": by_id(service_object(service) for service in services),
        }
    ) | {"description": organization.description}


def service_list_item(service: Service) -> dict[str, Any]:
    """Return a service's one-to-one fields with its organisation (HSDS `compiled/service_list`)."""
    return service_scalars(service) | {"organization": organization_basic(service.organization)}


def location_scalars(location: Location) -> dict[str, Any]:
    """Return a location's own (one-to-one) fields."""
    return compact(
        {
            "id": str(location.id),
            "organization_id": str(location.organization_id),
            "location_type": location.location_type,
            "url": location.url,
            "name": location.name,
            "alternate_name": location.alternate_name,
            "description": location.description,
            "transportation": location.transportation,
            "latitude": number(location.latitude),
            "longitude": number(location.longitude),
            "external_identifier": location.external_identifier,
            "external_identifier_type": location.external_identifier_type,
            "translations": translations_of(location),
        }
    )


def service_at_location_scalars(at: ServiceAtLocation) -> dict[str, Any]:
    return compact(
        {
            "id": str(at.id),
            "service_id": str(at.service_id),
            "location_id": str(at.location_id),
            "description": at.description,
            "translations": translations_of(at),
        }
    )


def site_languages() -> list[str]:
    """Return the UI languages other than the site's (those `translations` may hold)."""
    return [code for code, _name in settings.LANGUAGES if code != site_language()]
