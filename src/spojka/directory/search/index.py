"""The search index of services: what is indexed, with which weight, and how it is kept current.

Every write that changes a service or its parts calls `reindex_services` on commit (the
contract below is final). Only services the public may see (active, temporarily closed) are
indexed; the others are dropped from the index.
"""

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final
from uuid import UUID

from django.db import transaction
from django.db.models import Prefetch, QuerySet

from spojka.core.folding import tokens
from spojka.core.translated import site_language
from spojka.directory.enums import LocationType, ServiceStatus
from spojka.directory.models import (
    SearchDocument,
    SearchIndexVersion,
    SearchPosting,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from spojka.geo.models import AdministrativeUnit

# Statuses under which the public portal shows a service.
VISIBLE_STATUSES: Final = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)

# How much a word counts by the field it occurs in (the best field wins).
WEIGHT_NAME: Final = 10
WEIGHT_ALTERNATE_NAME: Final = 8
WEIGHT_NEED: Final = 6
WEIGHT_BROADER_NEED: Final = 3
WEIGHT_ORGANIZATION: Final = 4
WEIGHT_DESCRIPTION: Final = 3
WEIGHT_PLACE: Final = 2
WEIGHT_ELIGIBILITY: Final = 2
WEIGHT_APPLICATION: Final = 1

_SERVICE_FIELDS: Final = (
    ("name", WEIGHT_NAME),
    ("alternate_name", WEIGHT_ALTERNATE_NAME),
    ("description", WEIGHT_DESCRIPTION),
    ("eligibility_description", WEIGHT_ELIGIBILITY),
    ("application_process", WEIGHT_APPLICATION),
)
_BATCH: Final = 500


def reindex_services(*, service_ids: Iterable[UUID]) -> None:
    """Rebuild the index entries of these services (deleted ones are dropped). Idempotent."""
    ids = list(dict.fromkeys(service_ids))
    for start in range(0, len(ids), _BATCH):
        _reindex_batch(ids[start : start + _BATCH])
    if ids:
        _bump_version()


def reindex_all() -> int:
    """Rebuild the whole index; return how many services it holds."""
    with transaction.atomic():
        SearchPosting.objects.all().delete()
        SearchDocument.objects.all().delete()
    ids = list(Service.objects.filter(status__in=VISIBLE_STATUSES).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), _BATCH):
        _reindex_batch(ids[start : start + _BATCH], fresh=True)
    _bump_version()
    return len(ids)


def index_stamp() -> uuid.UUID | None:
    """Return the stamp of the index's current contents (None before anything was indexed)."""
    return SearchIndexVersion.objects.filter(pk=1).values_list("stamp", flat=True).first()


def _bump_version() -> None:
    SearchIndexVersion.objects.update_or_create(pk=1, defaults={"stamp": uuid.uuid4()})


@dataclass(frozen=True)
class _Entry:
    postings: dict[str, int]
    points: list[list[float]]


def _services_to_index(ids: list[UUID]) -> QuerySet[Service]:
    return (
        Service.objects.filter(pk__in=ids, status__in=VISIBLE_STATUSES)
        .select_related("organization")
        .prefetch_related(
            Prefetch("needs", queryset=TaxonomyTerm.objects.select_related("parent")),
            Prefetch("areas__unit"),
            Prefetch(
                "at_locations",
                queryset=ServiceAtLocation.objects.select_related("location"),
            ),
        )
    )


@transaction.atomic
def _reindex_batch(ids: list[UUID], *, fresh: bool = False) -> None:
    services = list(_services_to_index(ids))
    units = _unit_names(services)
    if not fresh:
        SearchPosting.objects.filter(service_id__in=ids).delete()
        SearchDocument.objects.filter(service_id__in=ids).delete()
    postings: list[SearchPosting] = []
    documents: list[SearchDocument] = []
    for service in services:
        entry = _entry_for(service, units)
        postings.extend(
            SearchPosting(token=token, service_id=service.pk, weight=weight) for token, weight in entry.postings.items()
        )
        documents.append(SearchDocument(service_id=service.pk, points=entry.points))
    SearchPosting.objects.bulk_create(postings, batch_size=2000)
    SearchDocument.objects.bulk_create(documents, batch_size=2000)


def _unit_names(services: list[Service]) -> dict[UUID, tuple[str, UUID | None]]:
    """Return the name and parent of every unit the services touch, with all their ancestors."""
    wanted: set[UUID] = set()
    for service in services:
        wanted.update(area.unit_id for area in service.areas.all())
        wanted.update(
            link.location.municipality_id for link in service.at_locations.all() if link.location.municipality_id
        )
    units: dict[UUID, tuple[str, UUID | None]] = {}
    # One query per level of the tree (a few levels).
    while wanted:
        rows = AdministrativeUnit.objects.filter(pk__in=wanted).values_list("pk", "name", "parent_id")
        wanted = set()
        for pk, name, parent_id in rows:
            units[pk] = (name, parent_id)
            if parent_id and parent_id not in units:
                wanted.add(parent_id)
    return units


def _place_names(unit_id: UUID | None, units: dict[UUID, tuple[str, UUID | None]]) -> Iterator[str]:
    seen = set()
    while unit_id is not None and unit_id in units and unit_id not in seen:
        seen.add(unit_id)
        name, unit_id = units[unit_id]
        yield name


def _entry_for(service: Service, units: dict[UUID, tuple[str, UUID | None]]) -> _Entry:
    postings: dict[str, int] = {}

    def add(text: str, weight: int) -> None:
        for token in tokens(text):
            if postings.get(token, 0) < weight:
                postings[token] = weight

    languages = [site_language(), *(code for code in service.translations if code != site_language())]
    for field, weight in _SERVICE_FIELDS:
        for language in languages:
            add(service.text_in(field, language), weight)
    add(service.organization.name, WEIGHT_ORGANIZATION)
    add(service.organization.short_name, WEIGHT_ORGANIZATION)
    for term in service.needs.all():
        for word in term.all_words():
            add(word, WEIGHT_NEED)
        if term.parent is not None:
            for word in term.parent.all_words():
                add(word, WEIGHT_BROADER_NEED)
    for area in service.areas.all():
        for name in _place_names(area.unit_id, units):
            add(name, WEIGHT_PLACE)
    points: list[list[float]] = []
    for link in service.at_locations.all():
        location = link.location
        add(location.city, WEIGHT_PLACE)
        for name in _place_names(location.municipality_id, units):
            add(name, WEIGHT_PLACE)
        if location.location_type != LocationType.VIRTUAL and location.has_coordinates:
            points.append([float(location.latitude), float(location.longitude)])  # type: ignore[arg-type]  # has_coordinates
    return _Entry(postings=postings, points=points)
