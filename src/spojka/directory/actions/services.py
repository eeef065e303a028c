"""Writing services: their texts in every language, what they are for, and their status."""

from collections.abc import Iterable, Mapping

import structlog
from django.db import transaction
from django.utils import timezone

from spojka.accounts.models import User
from spojka.directory.actions._common import reindex_on_commit
from spojka.directory.enums import ServiceStatus
from spojka.directory.history import recorded_as
from spojka.directory.models import (
    Language,
    Location,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceEligibility,
    ServiceNeed,
    TaxonomyTerm,
)
from spojka.geo.models import AdministrativeUnit, ResidenceStatus

log = structlog.get_logger(__name__)


@transaction.atomic
def save_service(
    *,
    service: Service,
    texts: Mapping[str, Mapping[str, str]],
    needs: Iterable[TaxonomyTerm],
    residence_statuses: Iterable[ResidenceStatus],
    areas: Iterable[AdministrativeUnit],
    languages: Iterable[str],
    by: User,
    locations: Iterable[Location] | None = None,
) -> Service:
    """Record a new or edited service with its texts by language and what it is for.

    `texts` maps a language to the translatable fields written in it; the site's language
    fills the ordinary columns, an emptied field of another language is removed. Given
    `locations` (of the service's organisation), the service is given at exactly those. Saving
    a service counts as reviewing it.
    """
    is_new = service._state.adding
    with recorded_as(by):
        for language, values in texts.items():
            service.set_translations(language, {k: v for k, v in values.items() if k in Service.TRANSLATED_FIELDS})
        service.reviewed_at = timezone.now()
        service.reviewed_by = by
        service.full_clean()
        service.save()
        _replace_links(service, ServiceNeed, "term", {term.pk: term for term in needs})
        _replace_links(
            service, ServiceEligibility, "residence_status", {status.pk: status for status in residence_statuses}
        )
        _replace_links(service, ServiceArea, "unit", {unit.pk: unit for unit in areas})
        _replace_languages(service, set(languages))
        if locations is not None:
            _replace_locations(service, locations)
    log.info("service_saved", service=str(service.pk), created=is_new, by=by.pk)
    reindex_on_commit([service.pk])
    return service


def _replace_links(service: Service, model: type, field: str, wanted: Mapping[object, object]) -> None:
    """Make the service's rows of a link model point at exactly the wanted objects, one row at a time.

    Rows are deleted and created one by one (not in bulk) so that the change history sees each.
    """
    existing = {getattr(row, f"{field}_id"): row for row in model.objects.filter(service=service)}  # type: ignore[attr-defined]  # every link model has `objects`
    for key, row in existing.items():
        if key not in wanted:
            row.delete()
    for key, target in wanted.items():
        if key not in existing:
            model.objects.create(service=service, **{field: target})  # type: ignore[attr-defined]


def _replace_languages(service: Service, codes: set[str]) -> None:
    existing = {language.code: language for language in service.languages.all()}
    for code, language in existing.items():
        if code not in codes:
            language.delete()
    for code in sorted(codes - set(existing)):
        Language.objects.create(service=service, code=code)


@transaction.atomic
def set_service_status(*, service: Service, status: ServiceStatus, by: User) -> Service:
    """Withdraw a service (inactive, temporarily closed, discontinued) or make it active again."""
    with recorded_as(by):
        service.status = status
        service.save(update_fields=["status", "updated_at"])
    log.info("service_status_set", service=str(service.pk), status=status.value, by=by.pk)
    reindex_on_commit([service.pk])
    return service


@transaction.atomic
def delete_service(*, service: Service, by: User) -> None:
    """Delete a service and everything that belongs to it (its history stays)."""
    service_id = service.pk
    with recorded_as(by):
        service.delete()
    log.info("service_deleted", service=str(service_id), by=by.pk)
    reindex_on_commit([service_id])


@transaction.atomic
def mark_service_reviewed(*, service: Service, by: User) -> Service:
    """Confirm that a service's details are still right (it stops being stale)."""
    with recorded_as(by):
        service.reviewed_at = timezone.now()
        service.reviewed_by = by
        service.save(update_fields=["reviewed_at", "reviewed_by", "updated_at"])
    log.info("service_reviewed", service=str(service.pk), by=by.pk)
    return service


@transaction.atomic
def link_service_to_locations(*, service: Service, locations: Iterable[Location], by: User) -> Service:
    """Make the service given at exactly these locations (of its own organisation)."""
    with recorded_as(by):
        count = _replace_locations(service, locations)
    log.info("service_locations_set", service=str(service.pk), locations=count, by=by.pk)
    reindex_on_commit([service.pk])
    return service


def _replace_locations(service: Service, locations: Iterable[Location]) -> int:
    wanted = {location.pk: location for location in locations}
    if any(location.organization_id != service.organization_id for location in wanted.values()):
        raise ValueError("a service is given only at its own organisation's locations")
    existing = {link.location_id: link for link in ServiceAtLocation.objects.filter(service=service)}
    for location_id, link in existing.items():
        if location_id not in wanted:
            link.delete()
    for location_id, location in wanted.items():
        if location_id not in existing:
            ServiceAtLocation.objects.create(service=service, location=location)
    return len(wanted)
