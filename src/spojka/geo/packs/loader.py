"""Load a country pack into the database: the country, its units, residence statuses and taxonomy.

The pack is read and checked in full first (`reader`), then written in one transaction, so a
malformed pack changes nothing. Loading is idempotent: units and statuses are matched by
(country, code), keep their ids, and are written only when something differs. Units and
statuses that a newer version of the pack no longer has are kept, because other records
(organisations, clients) may point at them; the report counts them. The taxonomy of needs
and the units of capacity are the directory's: the directory's action writes them.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import structlog
from django.db import transaction

from spojka.core.labels import pick_label
from spojka.geo.models import AdministrativeUnit, Country, ResidenceStatus
from spojka.geo.packs.errors import CountryPackError
from spojka.geo.packs.reader import (
    PACKS_DIR,
    PackContents,
    pack_names,
    read_manifest_of,
    read_pack,
)

if TYPE_CHECKING:
    from spojka.directory.actions.taxonomy import TaxonomyLoaded

log = structlog.get_logger(__name__)

Outcome = Literal["created", "updated", "unchanged"]

_UNIT_FIELDS = (
    "name",
    "search_name",
    "level",
    "depth",
    "parent_id",
    "latitude",
    "longitude",
    "population",
    "attributes",
)


@dataclass(frozen=True)
class Tally:
    """How many records of one kind a load created, updated and left as they were."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_in_pack: int = 0  # kept in the database, since other records may point at them


@dataclass(frozen=True)
class PackReport:
    """What loading a country pack did."""

    pack: str
    country_code: str
    country: Outcome
    units: Tally
    residence_statuses: Tally
    taxonomy: Outcome | None = None  # None: the pack has no taxonomy of needs
    taxonomy_terms: Tally = Tally()
    capacity_units: Tally = Tally()
    vulnerabilities: Tally = Tally()

    @property
    def _tallies(self) -> tuple[Tally, ...]:
        return (self.units, self.residence_statuses, self.taxonomy_terms, self.capacity_units, self.vulnerabilities)

    @property
    def created(self) -> int:
        """Return how many records were created, the country and the taxonomy included."""
        outcomes = (self.country, self.taxonomy)
        return sum(tally.created for tally in self._tallies) + outcomes.count("created")

    @property
    def updated(self) -> int:
        """Return how many records were changed, the country and the taxonomy included."""
        outcomes = (self.country, self.taxonomy)
        return sum(tally.updated for tally in self._tallies) + outcomes.count("updated")

    @property
    def unchanged(self) -> int:
        """Return how many records were already as the pack says, the country and the taxonomy included."""
        outcomes = (self.country, self.taxonomy)
        return sum(tally.unchanged for tally in self._tallies) + outcomes.count("unchanged")

    @property
    def changed_anything(self) -> bool:
        """Return whether the load wrote anything."""
        return bool(self.created or self.updated)


@dataclass(frozen=True)
class AvailablePack:
    """A pack found in the packs folder, for listing; `problem` says why it cannot load."""

    name: str
    country_code: str
    title: dict[str, str]
    problem: str = ""

    @property
    def label(self) -> str:
        """Return the pack's title in the active language."""
        return pick_label(self.title, fallback=self.name)


def available_packs(packs_dir: Path = PACKS_DIR) -> list[AvailablePack]:
    """Return the packs in the folder with their country and title (only pack.toml is read)."""
    packs = []
    for name in pack_names(packs_dir):
        try:
            manifest = read_manifest_of(name, packs_dir)
        except CountryPackError as error:
            packs.append(AvailablePack(name=name, country_code="", title={}, problem=str(error)))
            continue
        packs.append(
            AvailablePack(
                name=name,
                country_code=manifest.country_code,
                title=manifest.title or manifest.country_labels,
            )
        )
    return packs


def load_country_pack(name: str, *, packs_dir: Path = PACKS_DIR) -> PackReport:
    """Load the named country pack, writing only what differs.

    Raises CountryPackError, naming the file and the line, if the pack is malformed; the
    database is then left as it was.
    """
    contents = read_pack(name, packs_dir)
    with transaction.atomic():
        country, country_outcome = _save_country(contents)
        units = _save_units(country, contents)
        statuses = _save_statuses(country, contents)
        taxonomy = _save_taxonomy(contents)
        vulnerabilities = _save_vulnerabilities(country, contents)
    report = PackReport(
        pack=contents.manifest.name,
        country_code=country.code,
        country=country_outcome,
        units=units,
        residence_statuses=statuses,
        taxonomy=taxonomy.taxonomy if taxonomy else None,
        taxonomy_terms=taxonomy.terms if taxonomy else Tally(),
        capacity_units=taxonomy.capacity_units if taxonomy else Tally(),
        vulnerabilities=vulnerabilities,
    )
    log.info(
        "country_pack_loaded",
        pack=report.pack,
        country=report.country_code,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
    )
    return report


def _save_country(contents: PackContents) -> tuple[Country, Outcome]:
    manifest = contents.manifest
    values: dict[str, Any] = {
        "labels": manifest.country_labels,
        "pack": manifest.name,
        "levels": contents.levels_as_json(),
        "languages": manifest.languages,
        "attribute_labels": contents.attributes_as_json(),
    }
    country = Country.objects.select_for_update().filter(code=manifest.country_code).first()
    if country is None:
        return Country.objects.create(code=manifest.country_code, **values), "created"
    changed = _apply(country, values)
    if not changed:
        return country, "unchanged"
    country.save(update_fields=[*changed, "loaded_at"])
    return country, "updated"


def _save_units(country: Country, contents: PackContents) -> Tally:
    existing = {unit.code: unit for unit in AdministrativeUnit.objects.filter(country=country)}
    by_code: dict[str, AdministrativeUnit] = {}
    created: list[AdministrativeUnit] = []
    updated: list[AdministrativeUnit] = []
    changed_fields: set[str] = set()
    # The reader returns parents before their children, so every parent is already in by_code.
    for row in contents.units:
        parent = by_code[row.parent_code] if row.parent_code else None
        values: dict[str, Any] = {
            "name": row.name,
            "search_name": row.search_name,
            "level": row.level,
            "depth": row.depth,
            "parent_id": parent.pk if parent else None,
            "latitude": row.latitude,
            "longitude": row.longitude,
            "population": row.population,
            "attributes": row.attributes,
        }
        unit = existing.get(row.code)
        if unit is None:
            unit = AdministrativeUnit(country=country, code=row.code, **values)
            created.append(unit)
        elif changed := _apply(unit, values):
            changed_fields.update(changed)
            updated.append(unit)
        by_code[row.code] = unit
    AdministrativeUnit.objects.bulk_create(created, batch_size=500)
    if updated:
        AdministrativeUnit.objects.bulk_update(
            updated, [field for field in _UNIT_FIELDS if field in changed_fields], batch_size=500
        )
    return Tally(
        created=len(created),
        updated=len(updated),
        unchanged=len(contents.units) - len(created) - len(updated),
        not_in_pack=len(existing.keys() - by_code.keys()),
    )


def _save_statuses(country: Country, contents: PackContents) -> Tally:
    existing = {status.code: status for status in ResidenceStatus.objects.filter(country=country)}
    created = updated = 0
    for row in contents.statuses:
        values: dict[str, Any] = {"labels": row.labels, "position": row.position}
        status = existing.get(row.code)
        if status is None:
            ResidenceStatus.objects.create(country=country, code=row.code, **values)
            created += 1
        elif changed := _apply(status, values):
            status.save(update_fields=changed)
            updated += 1
    return Tally(
        created=created,
        updated=updated,
        unchanged=len(contents.statuses) - created - updated,
        not_in_pack=len(existing.keys() - {row.code for row in contents.statuses}),
    )


def _save_taxonomy(contents: PackContents) -> "TaxonomyLoaded | None":
    if contents.taxonomy is None and not contents.capacity_units:
        return None
    # The directory builds on geography, not the other way round: geography reaches for the
    # directory's action only here, when a pack brings a taxonomy to load.
    from spojka.directory.actions.taxonomy import load_taxonomy_from_pack

    return load_taxonomy_from_pack(
        taxonomy=contents.taxonomy, terms=contents.terms, capacity_units=contents.capacity_units
    )


def _save_vulnerabilities(country: Country, contents: PackContents) -> Tally:
    if not contents.vulnerabilities:
        return Tally()
    # Clients build on geography: geography hands the plain rows to the clients' action here only.
    from spojka.clients.actions import load_vulnerabilities

    return load_vulnerabilities(
        country_code=country.code,
        entries=[
            {"code": row.code, "labels": row.labels, "position": row.position} for row in contents.vulnerabilities
        ],
    )


def _apply(instance: Any, values: dict[str, Any]) -> list[str]:
    """Set the values that differ on the instance and return the names of those fields."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    return changed
