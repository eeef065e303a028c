"""Find a country pack and read all of it, checked, before anything touches the database."""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from django.utils.translation import gettext as _

from spojka.geo.packs.errors import CountryPackError, display_path
from spojka.geo.packs.manifest import PACK_FILE, CapacityUnitSpec, Manifest, TaxonomySpec, read_manifest
from spojka.geo.packs.tables import (
    StatusRow,
    TermRow,
    UnitRow,
    fill_population_from_children,
    read_statuses,
    read_terms,
    read_units,
)

PACKS_DIR: Final = Path(__file__).resolve().parent
STATUSES_FILE: Final = "residence_statuses.csv"
# Vulnerabilities clients may have (unaccompanied minor, single parent, …): same columns as the statuses.
VULNERABILITIES_FILE: Final = "vulnerabilities.csv"

_PACK_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class PackContents:
    """Everything a pack says, checked; units come parents first."""

    manifest: Manifest
    units: list[UnitRow]
    statuses: list[StatusRow]
    terms: list[TermRow] = field(default_factory=list)  # parents first
    vulnerabilities: list[StatusRow] = field(default_factory=list)

    @property
    def taxonomy(self) -> TaxonomySpec | None:
        """Return the pack's taxonomy of needs, if it has one."""
        return self.manifest.taxonomy

    @property
    def capacity_units(self) -> list[CapacityUnitSpec]:
        """Return the units of capacity the pack declares."""
        return self.manifest.capacity_units

    def levels_as_json(self) -> list[dict[str, Any]]:
        """Return the levels as the `Country.levels` field stores them."""
        return [{"code": level.code, "labels": level.labels} for level in self.manifest.levels]

    def attributes_as_json(self) -> list[dict[str, Any]]:
        """Return the names of unit attributes as `Country.attribute_labels` stores them."""
        return [{"code": code, "labels": labels} for code, labels in self.manifest.attribute_labels.items()]


def pack_names(packs_dir: Path = PACKS_DIR) -> list[str]:
    """Return the names of the packs in a folder: its subfolders that have a pack.toml."""
    if not packs_dir.is_dir():
        return []
    return sorted(
        path.name for path in packs_dir.iterdir() if _PACK_NAME.match(path.name) and (path / PACK_FILE).is_file()
    )


def read_manifest_of(name: str, packs_dir: Path = PACKS_DIR) -> Manifest:
    """Read only the pack.toml of the named pack (enough to list packs)."""
    return read_manifest(_pack_folder(name, packs_dir), packs_dir)


def read_pack(name: str, packs_dir: Path = PACKS_DIR) -> PackContents:
    """Read and check the named pack: pack.toml, its units, residence statuses, vulnerabilities and taxonomy."""
    folder = _pack_folder(name, packs_dir)
    manifest = read_manifest(folder, packs_dir)
    units: dict[str, UnitRow] = {}
    # Files of upper levels first, so that every parent is known before its children.
    for spec in sorted(manifest.units_files, key=lambda spec: manifest.level_index(spec.level)):
        path = folder / spec.file
        if not path.is_file():
            raise CountryPackError(
                manifest.file,
                spec.line,
                _('the units file "%(file)s" is not in the pack folder') % {"file": spec.file},
            )
        for unit in read_units(path, display_path(path, packs_dir), spec, manifest, units):
            units[unit.code] = unit
    fill_population_from_children(
        list(units.values()),
        {spec.level for spec in manifest.units_files if spec.population_from_children},
    )
    statuses_path = folder / STATUSES_FILE
    statuses = (
        read_statuses(statuses_path, display_path(statuses_path, packs_dir), manifest.languages)
        if statuses_path.is_file()
        else []
    )
    vulnerabilities_path = folder / VULNERABILITIES_FILE
    vulnerabilities = (
        read_statuses(vulnerabilities_path, display_path(vulnerabilities_path, packs_dir), manifest.languages)
        if vulnerabilities_path.is_file()
        else []
    )
    terms: list[TermRow] = []
    if manifest.taxonomy is not None:
        terms_path = folder / manifest.taxonomy.file
        if not terms_path.is_file():
            raise CountryPackError(
                manifest.file,
                manifest.taxonomy.line,
                _('the taxonomy file "%(file)s" is not in the pack folder') % {"file": manifest.taxonomy.file},
            )
        terms = read_terms(terms_path, display_path(terms_path, packs_dir), manifest.languages)
    return PackContents(
        manifest=manifest,
        units=list(units.values()),
        statuses=statuses,
        terms=terms,
        vulnerabilities=vulnerabilities,
    )


def _pack_folder(name: str, packs_dir: Path) -> Path:
    # The name must be a plain folder name, so that it cannot point outside the packs folder.
    if not _PACK_NAME.match(name) or not (packs_dir / name / PACK_FILE).is_file():
        raise CountryPackError(
            name,
            None,
            _("there is no country pack of this name in %(folder)s (there are: %(known)s)")
            % {"folder": packs_dir, "known": ", ".join(pack_names(packs_dir)) or "-"},
        )
    return packs_dir / name
