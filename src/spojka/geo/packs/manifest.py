"""Read and check a pack's pack.toml: the country, its levels, and how to read its files."""

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, NoReturn

from django.conf import settings
from django.utils.translation import gettext as _

from spojka.geo.packs.errors import CountryPackError, display_path, line_of_byte

PACK_FILE: Final = "pack.toml"
FORMAT_VERSION: Final = 1

# The roles a column can play in a units file; `code` and `name` are required.
COLUMN_ROLES: Final = ("code", "name", "parent", "latitude", "longitude", "population")

# Codes of the taxonomy, its terms and units of capacity become parts of HSDS ids: keep them slugs.
MAX_TAXONOMY_CODE: Final = 64
MAX_CAPACITY_UNIT_CODE: Final = 32

_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
SLUG: Final = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class Level:
    """A level of administrative units; the first is the top."""

    code: str
    labels: dict[str, str]


@dataclass(frozen=True)
class UnitsFile:
    """A units file of the pack and how its columns map onto administrative units."""

    file: str
    level: str
    columns: dict[str, str]
    attributes: dict[str, str]
    where: dict[str, str]
    fixed_parent: str | None
    population_from_children: bool
    delimiter: str
    encoding: str
    line: int | None  # of `file = …` in pack.toml


@dataclass(frozen=True)
class TaxonomySpec:
    """The pack's taxonomy of needs: its code, names, version and the file of its terms."""

    code: str
    labels: dict[str, str]
    version: str
    file: str
    line: int | None  # of `file = …` in pack.toml


@dataclass(frozen=True)
class CapacityUnitSpec:
    """A unit that services count their capacity in (beds, places in a course), with its names."""

    code: str
    labels: dict[str, str]
    position: int


@dataclass(frozen=True)
class Manifest:
    """What pack.toml says, checked."""

    file: str
    name: str
    title: dict[str, str]
    country_code: str
    country_labels: dict[str, str]
    languages: list[str]
    levels: list[Level]
    attribute_labels: dict[str, dict[str, str]]
    units_files: list[UnitsFile]
    taxonomy: TaxonomySpec | None = None
    capacity_units: list[CapacityUnitSpec] = field(default_factory=list)

    def level_index(self, level: str) -> int:
        """Return the position of a level from the top (0)."""
        return [entry.code for entry in self.levels].index(level)


def read_manifest(folder: Path, packs_dir: Path) -> Manifest:
    """Read the pack.toml in the folder, or raise CountryPackError with its line."""
    path = folder / PACK_FILE
    file = display_path(path, packs_dir)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CountryPackError(file, line_of_byte(data, error.start), _("not UTF-8 text")) from error
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib says "(at line N, column M)" in its message; keep it and lift the line.
        match = re.search(r"at line (\d+)", str(error))
        raise CountryPackError(file, int(match.group(1)) if match else None, str(error)) from error
    return _ManifestReader(file, _TomlLines(text)).read(document, folder.name)


class _TomlLines:
    """Finds the line of a key in pack.toml: tomllib reports lines only for syntax errors."""

    _HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-\"]+)\s*\]\]?\s*(#.*)?$")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers = [
            (number, match.group(1)) for number, line in enumerate(self.lines) if (match := self._HEADER.match(line))
        ]

    def find(self, table: str, index: int = 0, key: str | None = None) -> int | None:
        """Return the line of `key` in the index-th `[table]` or `[[table]]`, else its header's."""
        starts = [number for number, name in self.headers if name == table]
        if index >= len(starts):
            return None
        start = starts[index]
        # The entry runs to the next header that is not one of its own sub-tables.
        end = next(
            (n for n, name in self.headers if n > start and not name.startswith(f"{table}.")),
            len(self.lines),
        )
        if key is not None:
            pattern = re.compile(rf"^\s*(?:[\w\-]+\.)*\"?{re.escape(key)}\"?\s*=")
            for number in range(start + 1, end):
                if pattern.match(self.lines[number]):
                    return number + 1
        return start + 1


@dataclass
class _ManifestReader:
    """Checks the parsed pack.toml section by section, failing with the file and the line."""

    file: str
    lines: _TomlLines
    languages: list[str] = field(default_factory=list)

    def read(self, document: dict[str, Any], folder_name: str) -> Manifest:
        pack = self.table(document.get("pack"), "pack", self.lines.find("pack"))
        version = pack.get("format", FORMAT_VERSION)
        if version != FORMAT_VERSION:
            self.fail(
                self.lines.find("pack", key="format"),
                _("format %(found)s is not supported (this Spojka reads format %(known)d)")
                % {"found": version, "known": FORMAT_VERSION},
            )
        name = self.text(pack, "name", self.lines.find("pack", key="name"))
        if name != folder_name:
            self.fail(
                self.lines.find("pack", key="name"),
                _('the pack is called "%(name)s" but its folder is "%(folder)s"')
                % {"name": name, "folder": folder_name},
            )
        country = self.table(document.get("country"), "country", self.lines.find("country"))
        code = self.text(country, "code", self.lines.find("country", key="code"))
        if not _COUNTRY_CODE.match(code):
            self.fail(
                self.lines.find("country", key="code"),
                _('"%(code)s" is not an ISO 3166-1 alpha-2 country code such as "CZ"') % {"code": code},
            )
        self.languages = self.ui_languages(country.get("languages"))
        levels = self.levels(document.get("levels"))
        attribute_labels = self.attribute_labels(document.get("attributes", {}))
        units = document.get("units")
        if not isinstance(units, list) or not units:
            self.fail(None, _("there is no [[units]] table: which files hold the units?"))
        return Manifest(
            file=self.file,
            name=name,
            title=(self.labels(pack, "title", self.lines.find("pack", key="title")) if "title" in pack else {}),
            country_code=code,
            country_labels=self.labels(country, "names", self.lines.find("country", key="names")),
            languages=self.languages,
            levels=levels,
            attribute_labels=attribute_labels,
            units_files=[self.units_file(entry, index, levels, attribute_labels) for index, entry in enumerate(units)],
            taxonomy=self.taxonomy(document["taxonomy"]) if "taxonomy" in document else None,
            capacity_units=self.capacity_units(document.get("capacity_units", {})),
        )

    def ui_languages(self, value: Any) -> list[str]:
        line = self.lines.find("country", key="languages")
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.fail(line, _('"languages" must be a list such as ["cs", "uk", "en"]'))
        known = [code for code, _name in settings.LANGUAGES]
        for language in value:
            if language not in known:
                self.fail(
                    line,
                    _('Spojka has no user interface in "%(language)s" (it has %(known)s)')
                    % {"language": language, "known": ", ".join(known)},
                )
        return list(value)

    def levels(self, value: Any) -> list[Level]:
        if not isinstance(value, list) or not value:
            self.fail(None, _("there are no [[levels]]: name the levels of units from the top"))
        levels: list[Level] = []
        for index, entry in enumerate(value):
            entry = self.table(entry, "levels", self.lines.find("levels", index))
            line = self.lines.find("levels", index, "code")
            code = self.text(entry, "code", line)
            if any(level.code == code for level in levels):
                self.fail(line, _('the level "%(level)s" is declared twice') % {"level": code})
            names = self.labels(entry, "names", self.lines.find("levels", index, "names"))
            levels.append(Level(code=code, labels=names))
        return levels

    def attribute_labels(self, value: Any) -> dict[str, dict[str, str]]:
        table = self.table(value, "attributes", self.lines.find("attributes"))
        return {key: self.labels(table, key, self.lines.find("attributes", key=key)) for key in table}

    def taxonomy(self, value: Any) -> TaxonomySpec:
        def line(key: str | None = None) -> int | None:
            return self.lines.find("taxonomy", key=key)

        table = self.table(value, "taxonomy", line())
        code = self.slug(self.text(table, "code", line("code")), MAX_TAXONOMY_CODE, line("code"))
        file_name = self.text(table, "file", line("file"))
        if Path(file_name).name != file_name or file_name.startswith("."):
            self.fail(
                line("file"),
                _('"%(file)s" must be the name of a file in the pack folder itself') % {"file": file_name},
            )
        version = table.get("version", "")
        if not isinstance(version, str) or len(version) > 32:
            self.fail(line("version"), _('"version" must be a text of at most 32 characters, such as "2026.1"'))
        return TaxonomySpec(
            code=code,
            labels=self.labels(table, "names", line("names")),
            version=version.strip(),
            file=file_name,
            line=line("file"),
        )

    def capacity_units(self, value: Any) -> list[CapacityUnitSpec]:
        table = self.table(value, "capacity_units", self.lines.find("capacity_units"))
        units: list[CapacityUnitSpec] = []
        for position, code in enumerate(table, start=1):
            line = self.lines.find("capacity_units", key=code)
            self.slug(code, MAX_CAPACITY_UNIT_CODE, line)
            units.append(CapacityUnitSpec(code=code, labels=self.labels(table, code, line), position=position))
        return units

    def units_file(
        self,
        value: Any,
        index: int,
        levels: list[Level],
        attribute_labels: Mapping[str, dict[str, str]],
    ) -> UnitsFile:
        def line(key: str | None = None) -> int | None:
            return self.lines.find("units", index, key)

        entry = self.table(value, "units", line())
        file_name = self.text(entry, "file", line("file"))
        if Path(file_name).name != file_name or file_name.startswith("."):
            self.fail(
                line("file"),
                _('"%(file)s" must be the name of a file in the pack folder itself') % {"file": file_name},
            )
        level = self.text(entry, "level", line("level"))
        level_codes = [entry.code for entry in levels]
        if level not in level_codes:
            self.fail(
                line("level"),
                _('unknown level "%(level)s" (the pack declares %(levels)s)')
                % {"level": level, "levels": ", ".join(level_codes)},
            )
        columns = self.texts(entry, "columns", line("columns"), required=True)
        for role in columns:
            if role not in COLUMN_ROLES:
                self.fail(
                    line(role),
                    _('"%(role)s" is not a column role; the roles are %(roles)s')
                    % {"role": role, "roles": ", ".join(COLUMN_ROLES)},
                )
        for role in ("code", "name"):
            if role not in columns:
                self.fail(
                    line("columns"),
                    _('[units.columns] must name the column that holds the "%(role)s"') % {"role": role},
                )
        attributes = self.texts(entry, "attributes", line("attributes"))
        for key in attributes:
            if key not in attribute_labels:
                self.fail(
                    line(key),
                    _('the attribute "%(key)s" has no names in [attributes]') % {"key": key},
                )
        parent = entry.get("parent")
        if parent is not None and (not isinstance(parent, str) or not parent.strip()):
            self.fail(line("parent"), _('"parent" must be the code of a unit'))
        if parent is not None and "parent" in columns:
            self.fail(line("parent"), _("give a fixed parent or a parent column, not both"))
        delimiter = entry.get("delimiter", ",")
        if not isinstance(delimiter, str) or len(delimiter) != 1:
            self.fail(line("delimiter"), _('"delimiter" must be one character'))
        encoding = entry.get("encoding", "utf-8-sig")
        if not isinstance(encoding, str):
            self.fail(line("encoding"), _('"encoding" must be a text such as "utf-8"'))
        from_children = entry.get("population_from_children", False)
        if not isinstance(from_children, bool):
            self.fail(
                line("population_from_children"),
                _('"population_from_children" must be true or false'),
            )
        return UnitsFile(
            file=file_name,
            level=level,
            columns=columns,
            attributes=attributes,
            where=self.texts(entry, "where", line("where")),
            fixed_parent=parent.strip() if parent else None,
            population_from_children=from_children,
            delimiter=delimiter,
            encoding=encoding,
            line=line("file"),
        )

    # Values

    def fail(self, line: int | None, problem: str) -> NoReturn:
        raise CountryPackError(self.file, line, problem)

    def table(self, value: Any, name: str, line: int | None) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(line, _("a [%(table)s] table is needed") % {"table": name})
        return value

    def slug(self, code: str, limit: int, line: int | None) -> str:
        if not SLUG.match(code) or len(code) > limit:
            self.fail(
                line,
                _('"%(code)s" must be a code of at most %(limit)d lowercase letters, digits, "-" and "_"')
                % {"code": code, "limit": limit},
            )
        return code

    def text(self, table: Mapping[str, Any], key: str, line: int | None) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(line, _('"%(key)s" must be a text that is not empty') % {"key": key})
        return value.strip()

    def texts(self, table: Mapping[str, Any], key: str, line: int | None, *, required: bool = False) -> dict[str, str]:
        value = table.get(key, None if required else {})
        if not isinstance(value, dict) or not all(isinstance(v, str) and v for v in value.values()):
            self.fail(
                line,
                _('"%(key)s" must be a table of texts, such as { code = "kod_obce" }') % {"key": key},
            )
        return dict(value)

    def labels(self, table: Mapping[str, Any], key: str, line: int | None) -> dict[str, str]:
        """Check names in several languages; each of the pack's languages must be there."""
        value = table.get(key)
        if not isinstance(value, dict) or not all(
            _LANGUAGE_CODE.match(language) and isinstance(text, str) and text.strip()
            for language, text in value.items()
        ):
            self.fail(
                line,
                _('"%(key)s" must give a name per language, such as { cs = "Obec", en = "Town" }') % {"key": key},
            )
        missing = [language for language in self.languages if language not in value]
        if missing:
            self.fail(
                line,
                _('"%(key)s" has no name in %(languages)s') % {"key": key, "languages": ", ".join(missing)},
            )
        return {language: text.strip() for language, text in value.items()}
