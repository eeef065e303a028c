"""Read a pack's CSV files, units through their column mapping and statuses, checking every cell."""

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final

from django.utils.translation import gettext as _

from spojka.geo.packs.errors import CountryPackError, line_of_byte
from spojka.geo.packs.manifest import SLUG, Manifest, UnitsFile
from spojka.geo.search import search_key

STATUS_COLUMNS: Final = ("code", "position")
TERM_COLUMNS: Final = ("code", "parent", "position")
# Columns of a terms file that hold one text per language, as <prefix><language>.
TERM_LANGUAGE_PREFIXES: Final = ("label_", "description_", "synonyms_")
SYNONYM_SEPARATOR: Final = "|"

# The limits of the model fields, checked here so that SQLite refuses what PostgreSQL would.
MAX_CODE: Final = 32
MAX_NAME: Final = 200
MAX_STATUS_CODE: Final = 48
MAX_POPULATION: Final = 2_147_483_647
MAX_POSITION: Final = 32_767
MAX_TERM_CODE: Final = 64
MAX_ICON: Final = 32
MAX_LABEL: Final = 200
MAX_SYNONYM: Final = 100
COORDINATE_PLACES: Final = Decimal("0.000001")

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")


@dataclass
class UnitRow:
    """One administrative unit as the pack describes it, with where it was read."""

    code: str
    name: str
    level: str
    depth: int
    parent_code: str | None
    latitude: Decimal | None
    longitude: Decimal | None
    population: int | None
    attributes: dict[str, str]
    file: str
    line: int

    @property
    def search_name(self) -> str:
        """Return the name folded for searching."""
        return search_key(self.name)


@dataclass(frozen=True)
class StatusRow:
    """One residence status as the pack describes it."""

    code: str
    position: int
    labels: dict[str, str]


@dataclass(frozen=True)
class TermRow:
    """One term of the pack's taxonomy of needs, as plain data; parents come before children."""

    code: str
    parent_code: str | None
    position: int
    icon: str
    labels: dict[str, str]
    descriptions: dict[str, str]
    synonyms: dict[str, list[str]]
    line: int


def read_units(
    path: Path, file: str, spec: UnitsFile, manifest: Manifest, known: Mapping[str, UnitRow]
) -> list[UnitRow]:
    """Read the units of one file; `known` holds the units of the files read before it."""
    level_index = manifest.level_index(spec.level)
    rows = _csv_rows(path, file, spec.delimiter, spec.encoding)
    header_line, header = next(rows, (1, []))
    wanted = [*spec.columns.values(), *spec.attributes.values(), *spec.where]
    for column in wanted:
        if column not in header:
            raise CountryPackError(
                file,
                header_line,
                _('there is no column "%(column)s" (the columns are: %(columns)s)')
                % {"column": column, "columns": ", ".join(header)},
            )
    index = {column: header.index(column) for column in wanted}
    seen = dict(known)
    units: list[UnitRow] = []
    for line, values in rows:
        _check_width(values, header, file, line)
        row = {column: values[position].strip() for column, position in index.items()}
        if any(row[column] != value for column, value in spec.where.items()):
            continue

        def cell(role: str, row: dict[str, str] = row) -> str:
            column = spec.columns.get(role)
            return row[column] if column else ""

        columns = spec.columns
        code = _required(cell("code"), columns["code"], MAX_CODE, file, line)
        if code in seen:
            first = seen[code]
            raise CountryPackError(
                file,
                line,
                _('the code "%(code)s" is already used (%(file)s, line %(line)d)')
                % {"code": code, "file": first.file, "line": first.line},
            )
        parent = _parent(cell("parent") or spec.fixed_parent, level_index, manifest, seen, file, line)
        unit = UnitRow(
            code=code,
            name=_required(cell("name"), columns["name"], MAX_NAME, file, line),
            level=spec.level,
            depth=parent.depth + 1 if parent else 0,
            parent_code=parent.code if parent else None,
            latitude=_coordinate(cell("latitude"), columns.get("latitude"), 90, file, line),
            longitude=_coordinate(cell("longitude"), columns.get("longitude"), 180, file, line),
            population=_whole_number(cell("population"), columns.get("population"), MAX_POPULATION, file, line),
            attributes={key: row[column] for key, column in spec.attributes.items() if row[column]},
            file=file,
            line=line,
        )
        units.append(unit)
        seen[code] = unit
    return units


def _parent(
    code: str | None,
    level_index: int,
    manifest: Manifest,
    known: Mapping[str, UnitRow],
    file: str,
    line: int,
) -> UnitRow | None:
    """Return the unit's parent, or None for a unit of the top level; raise if it has no right one."""
    level = manifest.levels[level_index].code
    if level_index == 0:
        if code:
            raise CountryPackError(
                file, line, _('a unit of the top level "%(level)s" cannot have a parent') % {"level": level}
            )
        return None
    if not code:
        raise CountryPackError(file, line, _('a unit of the level "%(level)s" needs a parent code') % {"level": level})
    parent = known.get(code)
    if parent is None:
        raise CountryPackError(file, line, _('unknown parent code "%(parent)s"') % {"parent": code})
    if manifest.level_index(parent.level) >= level_index:
        raise CountryPackError(
            file,
            line,
            _('the parent "%(parent)s" is a unit of the level "%(level)s", not one above')
            % {"parent": code, "level": parent.level},
        )
    return parent


def fill_population_from_children(units: list[UnitRow], levels: set[str]) -> None:
    """Give units of these levels that have no population the sum of their children's."""
    children: dict[str, list[UnitRow]] = {}
    for unit in units:
        if unit.parent_code:
            children.setdefault(unit.parent_code, []).append(unit)
    # Deepest first, so that a sum can build on sums below it.
    for unit in sorted(units, key=lambda unit: -unit.depth):
        if unit.level in levels and unit.population is None:
            known = [c.population for c in children.get(unit.code, []) if c.population is not None]
            unit.population = sum(known) if known else None


def read_statuses(path: Path, file: str, languages: list[str]) -> list[StatusRow]:
    """Read residence_statuses.csv: code, position, and label_<language> for each language."""
    rows = _csv_rows(path, file, ",", "utf-8-sig")
    header_line, header = next(rows, (1, []))
    label_columns = {c: c.removeprefix("label_") for c in header if c.startswith("label_")}
    for column in header:
        if column not in STATUS_COLUMNS and column not in label_columns:
            raise CountryPackError(
                file,
                header_line,
                _('unknown column "%(column)s" (use code, position, label_<language>)') % {"column": column},
            )
    missing = [c for c in STATUS_COLUMNS if c not in header] + [
        f"label_{language}" for language in languages if f"label_{language}" not in header
    ]
    if missing:
        raise CountryPackError(
            file,
            header_line,
            _("the columns %(columns)s are missing") % {"columns": ", ".join(missing)},
        )
    statuses: list[StatusRow] = []
    seen: dict[str, int] = {}
    for line, values in rows:
        _check_width(values, header, file, line)
        row = dict(zip(header, (value.strip() for value in values), strict=True))
        code = _required(row["code"], "code", MAX_STATUS_CODE, file, line)
        if code in seen:
            raise CountryPackError(
                file,
                line,
                _('the code "%(code)s" is already used (line %(line)d)') % {"code": code, "line": seen[code]},
            )
        seen[code] = line
        labels = {language: row[column] for column, language in label_columns.items() if row[column]}
        missing = [language for language in languages if language not in labels]
        if missing:
            raise CountryPackError(
                file,
                line,
                _("the label in %(languages)s is empty") % {"languages": ", ".join(missing)},
            )
        position = _whole_number(row["position"], "position", MAX_POSITION, file, line)
        statuses.append(StatusRow(code=code, position=position or 0, labels=labels))
    return statuses


def read_terms(path: Path, file: str, languages: list[str]) -> list[TermRow]:
    """Read the taxonomy's terms file, the format of which docs/country-packs.md describes.

    Columns: code, parent, position, icon, and per language label_, description_ and
    synonyms_ (separated by "|"). A parent must come on a line above its children.
    """
    rows = _csv_rows(path, file, ",", "utf-8-sig")
    header_line, header = next(rows, (1, []))
    for column in header:
        language = next((column.removeprefix(p) for p in TERM_LANGUAGE_PREFIXES if column.startswith(p)), None)
        if column not in (*TERM_COLUMNS, "icon") and not (language and _LANGUAGE.match(language)):
            raise CountryPackError(
                file,
                header_line,
                _(
                    'unknown column "%(column)s" (use code, parent, position, icon, label_<language>, '
                    "description_<language>, synonyms_<language>)"
                )
                % {"column": column},
            )
    missing = [c for c in TERM_COLUMNS if c not in header] + [
        f"label_{language}" for language in languages if f"label_{language}" not in header
    ]
    if missing:
        raise CountryPackError(
            file, header_line, _("the columns %(columns)s are missing") % {"columns": ", ".join(missing)}
        )
    terms: list[TermRow] = []
    seen: dict[str, int] = {}
    for line, values in rows:
        _check_width(values, header, file, line)
        row = dict(zip(header, (value.strip() for value in values), strict=True))
        code = _required(row["code"], "code", MAX_TERM_CODE, file, line)
        if not SLUG.match(code):
            raise CountryPackError(
                file,
                line,
                _('the code "%(code)s" may hold only lowercase letters, digits, "-" and "_"') % {"code": code},
            )
        if code in seen:
            raise CountryPackError(
                file,
                line,
                _('the code "%(code)s" is already used (line %(line)d)') % {"code": code, "line": seen[code]},
            )
        parent = row["parent"] or None
        if parent is not None and parent not in seen:
            raise CountryPackError(
                file,
                line,
                _('the parent "%(parent)s" is not a term on a line above this one') % {"parent": parent},
            )
        seen[code] = line
        labels = _by_language(row, "label_", MAX_LABEL, file, line)
        missing = [language for language in languages if language not in labels]
        if missing:
            raise CountryPackError(
                file, line, _("the label in %(languages)s is empty") % {"languages": ", ".join(missing)}
            )
        icon = row.get("icon", "")
        if icon and (not SLUG.match(icon) or len(icon) > MAX_ICON):
            raise CountryPackError(
                file,
                line,
                _('the icon "%(icon)s" must be a name of at most %(limit)d lowercase letters, digits and "-"')
                % {"icon": icon, "limit": MAX_ICON},
            )
        terms.append(
            TermRow(
                code=code,
                parent_code=parent,
                position=_whole_number(row["position"], "position", MAX_POSITION, file, line) or 0,
                icon=icon,
                labels=labels,
                descriptions=_by_language(row, "description_", None, file, line),
                synonyms=_synonyms(row, file, line),
                line=line,
            )
        )
    return terms


def _by_language(row: Mapping[str, str], prefix: str, limit: int | None, file: str, line: int) -> dict[str, str]:
    texts: dict[str, str] = {}
    for column, value in row.items():
        if column.startswith(prefix) and value:
            if limit is not None and len(value) > limit:
                raise CountryPackError(
                    file,
                    line,
                    _('the column "%(column)s" is longer than %(limit)d characters')
                    % {"column": column, "limit": limit},
                )
            texts[column.removeprefix(prefix)] = value
    return texts


def _synonyms(row: Mapping[str, str], file: str, line: int) -> dict[str, list[str]]:
    synonyms: dict[str, list[str]] = {}
    for language, text in _by_language(row, "synonyms_", None, file, line).items():
        words: list[str] = []
        for word in (part.strip() for part in text.split(SYNONYM_SEPARATOR)):
            if len(word) > MAX_SYNONYM:
                raise CountryPackError(
                    file,
                    line,
                    _('the synonym "%(word)s…" in synonyms_%(language)s is longer than %(limit)d characters')
                    % {"word": word[:20], "language": language, "limit": MAX_SYNONYM},
                )
            if word and word not in words:
                words.append(word)
        if words:
            synonyms[language] = words
    return synonyms


# Rows and cells


def _csv_rows(path: Path, file: str, delimiter: str, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) for every row that is not blank, the header first."""
    data = path.read_bytes()
    try:
        text = data.decode(encoding)
    except LookupError as error:
        raise CountryPackError(file, None, _('unknown encoding "%(encoding)s"') % {"encoding": encoding}) from error
    except UnicodeDecodeError as error:
        raise CountryPackError(
            file,
            line_of_byte(data, error.start),
            _("not %(encoding)s text") % {"encoding": encoding},
        ) from error
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    last = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise CountryPackError(file, reader.line_num, str(error)) from error
        # A quoted field may span lines: name the line where the row starts.
        first, last = last + 1, reader.line_num
        if any(value.strip() for value in values):
            yield first, values


def _check_width(values: list[str], header: list[str], file: str, line: int) -> None:
    if len(values) != len(header):
        raise CountryPackError(
            file,
            line,
            _("the row has %(found)d fields, the header has %(expected)d")
            % {"found": len(values), "expected": len(header)},
        )


def _required(value: str, column: str, limit: int, file: str, line: int) -> str:
    if not value:
        raise CountryPackError(file, line, _('the column "%(column)s" is empty') % {"column": column})
    if len(value) > limit:
        raise CountryPackError(
            file,
            line,
            _('the column "%(column)s" is longer than %(limit)d characters') % {"column": column, "limit": limit},
        )
    return value


def _coordinate(value: str, column: str | None, limit: int, file: str, line: int) -> Decimal | None:
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or abs(number) > limit:
        raise CountryPackError(
            file,
            line,
            _('the column "%(column)s" holds "%(value)s", not a number within ±%(limit)d')
            % {"column": column, "value": value, "limit": limit},
        )
    return number.quantize(COORDINATE_PLACES)


def _whole_number(value: str, column: str | None, limit: int, file: str, line: int) -> int | None:
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or int(value) > limit:
        raise CountryPackError(
            file,
            line,
            _('the column "%(column)s" holds "%(value)s", not a whole number from 0 to %(limit)d')
            % {"column": column, "value": value, "limit": limit},
        )
    return int(value)
