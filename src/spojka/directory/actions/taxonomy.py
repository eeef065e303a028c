"""Writes of the taxonomy of needs and the units of capacity, as a country pack ships them.

Ids are stable: a term gets a UUID 5 of the taxonomy's and the term's codes, so the same pack
gives the same HSDS ids on every installation. Loading again updates what the pack says in
place. The administrator's own work survives: terms the pack does not have are kept, and so
are labels, descriptions and synonyms in languages the pack does not give.
"""

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import structlog
from django.db import transaction

from spojka.directory.history import recorded_as
from spojka.directory.models import CapacityUnit, ServiceNeed, Taxonomy, TaxonomyTerm
from spojka.geo.packs.loader import Outcome, Tally
from spojka.geo.packs.manifest import CapacityUnitSpec, TaxonomySpec
from spojka.geo.packs.tables import TermRow

log = structlog.get_logger(__name__)

# Never change it: every installation derives the ids of pack taxonomies, terms and units from it.
PACK_ID_NAMESPACE: Final = uuid.UUID("6f0c1d52-3b8e-5d55-9a51-4f1f2c6e7a10")


def taxonomy_id(code: str) -> uuid.UUID:
    """Return the stable id of the taxonomy with this code."""
    return uuid.uuid5(PACK_ID_NAMESPACE, f"taxonomy/{code}")


def term_id(taxonomy_code: str, term_code: str) -> uuid.UUID:
    """Return the stable id of a term of a pack taxonomy."""
    return uuid.uuid5(PACK_ID_NAMESPACE, f"taxonomy/{taxonomy_code}/{term_code}")


def capacity_unit_id(code: str) -> uuid.UUID:
    """Return the stable id of a unit of capacity."""
    return uuid.uuid5(PACK_ID_NAMESPACE, f"capacity-unit/{code}")


@dataclass(frozen=True)
class TaxonomyLoaded:
    """What loading a pack's taxonomy and units of capacity did."""

    taxonomy: Outcome | None
    terms: Tally
    capacity_units: Tally


@transaction.atomic
def load_taxonomy_from_pack(
    *,
    taxonomy: TaxonomySpec | None,
    terms: Sequence[TermRow],
    capacity_units: Sequence[CapacityUnitSpec],
) -> TaxonomyLoaded:
    """Create or update a pack's taxonomy of needs and its units of capacity.

    `terms` come parents first, as the pack reader returns them. Services whose needs changed
    their words are reindexed after the commit.
    """
    with recorded_as(None):
        outcome, term_tally, changed_terms = (
            _save_taxonomy(taxonomy, terms) if taxonomy is not None else (None, Tally(), [])
        )
        unit_tally = _save_capacity_units(capacity_units)
    if changed_terms:
        service_ids = list(
            ServiceNeed.objects.filter(term_id__in=changed_terms).values_list("service_id", flat=True).distinct()
        )
        if service_ids:
            transaction.on_commit(lambda: _reindex(service_ids))
    loaded = TaxonomyLoaded(taxonomy=outcome, terms=term_tally, capacity_units=unit_tally)
    log.info(
        "taxonomy_loaded",
        taxonomy=taxonomy.code if taxonomy else None,
        terms_created=term_tally.created,
        terms_updated=term_tally.updated,
        units_created=unit_tally.created,
        units_updated=unit_tally.updated,
    )
    return loaded


def _reindex(service_ids: Iterable[uuid.UUID]) -> None:
    from spojka.directory.search.index import reindex_services

    reindex_services(service_ids=service_ids)


def _save_taxonomy(spec: TaxonomySpec, rows: Sequence[TermRow]) -> tuple[Outcome, Tally, list[uuid.UUID]]:
    taxonomy = Taxonomy.objects.select_for_update().filter(code=spec.code).first()
    if taxonomy is None:
        taxonomy = Taxonomy.objects.create(
            id=taxonomy_id(spec.code), code=spec.code, labels=spec.labels, version=spec.version
        )
        outcome: Outcome = "created"
    else:
        changed = _apply(taxonomy, {"labels": _merged(taxonomy.labels, spec.labels), "version": spec.version})
        if changed:
            taxonomy.save(update_fields=changed)
        outcome = "updated" if changed else "unchanged"

    existing = {term.code: term for term in TaxonomyTerm.objects.filter(taxonomy=taxonomy)}
    by_code: dict[str, TaxonomyTerm] = {}
    created = updated = 0
    changed_words: list[uuid.UUID] = []
    for row in rows:
        term = existing.get(row.code)
        values: dict[str, Any] = {
            "parent_id": by_code[row.parent_code].pk if row.parent_code else None,
            "position": row.position,
            "icon": row.icon,
        }
        if term is None:
            term = TaxonomyTerm.objects.create(
                id=term_id(spec.code, row.code),
                taxonomy=taxonomy,
                code=row.code,
                labels=row.labels,
                descriptions=row.descriptions,
                synonyms=row.synonyms,
                **values,
            )
            created += 1
        else:
            values |= {
                "labels": _merged(term.labels, row.labels),
                "descriptions": _merged(term.descriptions, row.descriptions),
                "synonyms": _merged(term.synonyms, row.synonyms),
            }
            changed = _apply(term, values)
            if changed:
                term.save(update_fields=changed)
                updated += 1
                if {"labels", "synonyms"} & set(changed):
                    changed_words.append(term.pk)
        by_code[row.code] = term
    tally = Tally(
        created=created,
        updated=updated,
        unchanged=len(rows) - created - updated,
        not_in_pack=len(existing.keys() - by_code.keys()),
    )
    return outcome, tally, changed_words


def _save_capacity_units(specs: Sequence[CapacityUnitSpec]) -> Tally:
    existing = {unit.code: unit for unit in CapacityUnit.objects.filter(code__in=[spec.code for spec in specs])}
    created = updated = 0
    for spec in specs:
        unit = existing.get(spec.code)
        if unit is None:
            CapacityUnit.objects.create(id=capacity_unit_id(spec.code), code=spec.code, labels=spec.labels)
            created += 1
        elif changed := _apply(unit, {"labels": _merged(unit.labels, spec.labels)}):
            unit.save(update_fields=changed)
            updated += 1
    return Tally(
        created=created,
        updated=updated,
        unchanged=len(specs) - created - updated,
        not_in_pack=CapacityUnit.objects.exclude(code__in=[spec.code for spec in specs]).count(),
    )


def _merged(current: Mapping[str, Any], from_pack: Mapping[str, Any]) -> dict[str, Any]:
    """Return the texts by language: the pack's where it gives one, the administrator's elsewhere."""
    return {**current, **from_pack}


def _apply(instance: Any, values: Mapping[str, Any]) -> list[str]:
    """Set the values that differ on the instance and return the names of those fields."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    return changed
