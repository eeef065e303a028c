"""HSDS data as tables: nested JSON flattened to rows, and the Tabular Data Package (CSV).

Both forms of HSDS meet here. An import flattens nested JSON (children take their parent's id
as foreign key) or reads the CSV files, and gets the same rows; the export writes the rows of
the nested JSON export as CSV files with a `datapackage.json`. Texts in other languages (and a
taxonomy term's search synonyms) go to the extra resource `translations.csv`.
"""

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Final

from django.utils.translation import gettext as _

from spojka.directory.hsds import schemas
from spojka.directory.hsds.report import Problem

# The HSDS tables, in the order of the official datapackage.json, and the schema version of each.
TABLES: Final = {
    "organization": "3.0",
    "program": "3.0",
    "service": "3.0",
    "attribute": "3.0",
    "service_at_location": "3.0",
    "location": "3.0",
    "phone": "3.0",
    "contact": "3.0",
    "address": "3.0",
    "schedule": "3.0",
    "funding": "3.0",
    "service_area": "3.0",
    "required_document": "3.0",
    "language": "3.0",
    "accessibility": "3.0",
    "taxonomy_term": "3.0",
    "metadata": "3.0",
    "meta_table_description": "3.0",
    "cost_option": "3.0",
    "organization_identifier": "3.0",
    "taxonomy": "3.0",
    "unit": "3.1.1",
    "service_capacity": "3.1.1",
}

# Columns Spojka adds to the official ones (declared in its datapackage.json).
EXTRA_COLUMNS: Final[Mapping[str, Mapping[str, str]]] = {
    "organization": {"sector": "string"},
    "service": {"is_free": "boolean", "closed_on_public_holidays": "boolean"},
    "location": {"administrative_unit_code": "string"},
    "service_area": {"administrative_unit_code": "string"},
    "taxonomy": {"code": "string"},
    "unit": {"code": "string"},
}
TRANSLATIONS: Final = "translations"
TRANSLATION_COLUMNS: Final = ("resource", "record_id", "language", "field", "value")
SYNONYMS: Final = "synonyms"

# Nested arrays: parent type → {property: child type}; the child takes `<parent>_id`.
ARRAYS: Final[Mapping[str, Mapping[str, str]]] = {
    "organization": {
        "phones": "phone",
        "contacts": "contact",
        "locations": "location",
        "services": "service",
        "organization_identifiers": "organization_identifier",
        "funding": "funding",
        "programs": "program",
    },
    "service": {
        "phones": "phone",
        "schedules": "schedule",
        "service_areas": "service_area",
        "service_at_locations": "service_at_location",
        "languages": "language",
        "funding": "funding",
        "cost_options": "cost_option",
        "required_documents": "required_document",
        "contacts": "contact",
        "capacities": "service_capacity",
    },
    "location": {
        "languages": "language",
        "addresses": "address",
        "contacts": "contact",
        "accessibility": "accessibility",
        "phones": "phone",
        "schedules": "schedule",
    },
    "service_at_location": {
        "contacts": "contact",
        "phones": "phone",
        "schedules": "schedule",
        "service_areas": "service_area",
    },
    "contact": {"phones": "phone"},
    "phone": {"languages": "language"},
}
# Nested single objects: parent type → {property: (child type, the parent's foreign key)}.
OBJECTS: Final[Mapping[str, Mapping[str, tuple[str, str]]]] = {
    "service": {"organization": ("organization", "organization_id"), "program": ("program", "program_id")},
    "service_at_location": {"location": ("location", "location_id"), "service": ("service", "service_id")},
    "attribute": {"taxonomy_term": ("taxonomy_term", "taxonomy_term_id")},
    "taxonomy_term": {"taxonomy_detail": ("taxonomy", "taxonomy_id")},
    "service_capacity": {"unit": ("unit", "unit_id")},
}


@dataclass
class Row:
    """One HSDS record: its own fields (children taken out), and where it was read."""

    kind: str
    data: dict[str, Any]
    where: str
    parent: "Row | None" = None

    @property
    def id(self) -> str:
        value = self.data.get("id")
        return value if isinstance(value, str) else ""


@dataclass
class Tables:
    rows: dict[str, list[Row]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    version: str = "3.0"

    def add(self, row: Row) -> None:
        self.rows.setdefault(row.kind, []).append(row)

    def of(self, kind: str) -> list[Row]:
        return self.rows.get(kind, [])


def file_name(kind: str) -> str:
    return str(schemas.schema(kind, TABLES[kind])["path"])


# Nested JSON → rows.


def flatten_document(document: Any) -> Tables:
    """Flatten a JSON document: a list of organisations (or services), one of them, or an API page."""
    tables = Tables()
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        document = document["contents"]
    items = document if isinstance(document, list) else [document]
    if not items or not all(isinstance(item, dict) and ("id" in item or "name" in item) for item in items):
        tables.problems.append(
            Problem.about(
                "dataset",
                "",
                "$",
                "",
                _("This is not HSDS data: expected an organisation, a service or a list of them."),
            )
        )
        return tables
    for index, item in enumerate(items):
        where = f"$[{index}]" if isinstance(document, list) else "$"
        flatten(item, _kind_of(item), where, tables, parent=None)
    return tables


def _kind_of(item: dict[str, Any]) -> str:
    """Tell which HSDS object a top-level JSON object is (the specification's examples have four)."""
    if "services" in item or "organization_identifiers" in item:
        return "organization"
    if "status" in item:
        return "service"
    if (
        isinstance(item.get("service"), dict)
        or isinstance(item.get("location"), dict)
        or ("service_id" in item and "location_id" in item)
    ):
        return "service_at_location"
    if "location_type" in item:
        return "location"
    return "organization"


def flatten(item: dict[str, Any], kind: str, where: str, tables: Tables, parent: Row | None) -> Row:
    """Add a nested object and everything under it to the tables; return its row."""
    row = Row(kind, {}, where, parent)
    arrays = ARRAYS.get(kind, {})
    objects = OBJECTS.get(kind, {})
    tables.add(row)
    for key, value in item.items():
        if key in arrays or key in ("attributes", "metadata"):
            child_kind = arrays.get(key) or ("attribute" if key == "attributes" else "metadata")
            if not isinstance(value, list):
                tables.problems.append(Problem.at(row, key, _("Expected a list.")))
                continue
            for index, child in enumerate(value):
                child_where = f"{where}.{key}[{index}]"
                if not isinstance(child, dict):
                    tables.problems.append(Problem.at(row, f"{key}[{index}]", _("Expected an object.")))
                    continue
                child_row = flatten(child, child_kind, child_where, tables, parent=row)
                _link_to_parent(child_row, row, tables)
        elif key in objects:
            child_kind, foreign_key = objects[key]
            if not isinstance(value, dict):
                tables.problems.append(Problem.at(row, key, _("Expected an object.")))
                continue
            child_row = flatten(value, child_kind, f"{where}.{key}", tables, parent=row)
            if child_row.id:
                _set_key(row, foreign_key, child_row.id, tables)
        else:
            row.data[key] = value
        if kind == "service_capacity" or key == "capacities":
            tables.version = "3.1"
    return row


def _link_to_parent(child: Row, parent: Row, tables: Tables) -> None:
    if not parent.id:
        return
    if child.kind == "attribute":
        _set_key(child, "link_id", parent.id, tables)
        child.data.setdefault("link_entity", parent.kind)
    elif child.kind == "metadata":
        child.data.setdefault("resource_id", parent.id)
        child.data.setdefault("resource_type", parent.kind)
    else:
        _set_key(child, f"{parent.kind}_id", parent.id, tables)


def _set_key(row: Row, key: str, value: str, tables: Tables) -> None:
    current = row.data.get(key)
    if current in (None, ""):
        row.data[key] = value
    elif current != value:
        tables.problems.append(
            Problem.at(
                row,
                key,
                _("It names %(given)s, but the record is nested in %(parent)s.") % {"given": current, "parent": value},
            )
        )


# Rows → nested-export rows (for writing CSV).


def rows_of_export(organizations: Iterable[dict[str, Any]]) -> Tables:
    """Flatten an export; records repeated in it (taxonomy terms, units) are kept once."""
    tables = Tables()
    for index, organization in enumerate(organizations):
        flatten(organization, "organization", f"$[{index}]", tables, parent=None)
    for kind, rows in tables.rows.items():
        unique: dict[str, Row] = {}
        for row in rows:
            unique.setdefault(row.id, row)
        tables.rows[kind] = sorted(unique.values(), key=lambda row: row.id)
    return tables


# CSV writing.


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    return str(value)


def columns(kind: str) -> list[str]:
    return schemas.scalar_fields(kind, TABLES[kind]) + list(EXTRA_COLUMNS.get(kind, {}))


def write_tabular(tables: Tables) -> dict[str, bytes]:
    """Return the files of a Tabular Data Package: one CSV per table with rows, and datapackage.json."""
    files: dict[str, bytes] = {}
    resources = []
    translation_rows: list[list[str]] = []
    for kind in TABLES:
        rows = tables.of(kind)
        if not rows:
            continue
        names = columns(kind)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([_cell(row.data.get(name)) for name in names])
            translation_rows.extend(_translation_rows(row))
        files[file_name(kind)] = buffer.getvalue().encode("utf-8")
        resources.append(_resource(kind))
    if translation_rows:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(TRANSLATION_COLUMNS)
        writer.writerows(translation_rows)
        files["translations.csv"] = buffer.getvalue().encode("utf-8")
        resources.append(_translations_resource())
    package = {
        "name": "spojka-directory",
        "title": "Spojka directory of services (HSDS 3.0)",
        "profile": "tabular-data-package",
        "version": "3.0.0",
        "license": {"name": "CC-BY-SA-4.0", "path": "https://creativecommons.org/licenses/by-sa/4.0/"},
        "resources": resources,
    }
    files["datapackage.json"] = (json.dumps(package, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()
    return files


def _translation_rows(row: Row) -> Iterator[list[str]]:
    for language, texts in sorted((row.data.get(TRANSLATIONS) or {}).items()):
        for name, text in sorted(texts.items()):
            yield [row.kind, row.id, language, name, str(text)]
    for language, words in sorted((row.data.get(SYNONYMS) or {}).items()):
        for word in words:
            yield [row.kind, row.id, language, SYNONYMS, str(word)]


_FRICTIONLESS_TYPES: Final = {"string": "string", "number": "number", "integer": "integer", "boolean": "boolean"}


def _resource(kind: str) -> dict[str, Any]:
    version = TABLES[kind]
    definition = schemas.schema(kind, version)
    required = set(definition.get("required", [])) | set(definition.get("tabular_required", []))
    properties = schemas.properties(kind, version)
    fields = []
    for name in schemas.scalar_fields(kind, version):
        spec = properties[name]
        column: dict[str, Any] = {"name": name, "type": _FRICTIONLESS_TYPES.get(spec.get("type", ""), "string")}
        if spec.get("datapackage_type"):
            column["type"] = spec["datapackage_type"]
        elif spec.get("format") in {"uuid", "uri", "email"}:
            column["format"] = spec["format"]
        if name in required:
            column["constraints"] = {"required": True}
        fields.append(column)
    fields += [{"name": name, "type": kind_type} for name, kind_type in EXTRA_COLUMNS.get(kind, {}).items()]
    return {
        "name": kind,
        "path": file_name(kind),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields, "primaryKey": "id"},
    }


def _translations_resource() -> dict[str, Any]:
    return {
        "name": TRANSLATIONS,
        "path": "translations.csv",
        "description": "Spojka extension: texts in the other languages (and search synonyms) of the records.",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": [{"name": name, "type": "string"} for name in TRANSLATION_COLUMNS]},
    }


# CSV reading.


class TabularSource:
    """The files of a package: a folder, or a zip (read from a path or from bytes)."""

    def __init__(self, source: Path | bytes) -> None:
        self.files: dict[str, bytes] = {}
        if isinstance(source, Path) and source.is_dir():
            for path in sorted(source.rglob("*")):
                if path.is_file() and path.suffix.lower() in {".csv", ".json"}:
                    self.files[path.relative_to(source).as_posix()] = path.read_bytes()
        else:
            data = source.read_bytes() if isinstance(source, Path) else source
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for info in archive.infolist():
                    if not info.is_dir() and PurePosixPath(info.filename).suffix.lower() in {".csv", ".json"}:
                        self.files[info.filename] = archive.read(info)
        # A zip often holds one folder with the package inside.
        packages = sorted(name for name in self.files if PurePosixPath(name).name == "datapackage.json")
        self.root = str(PurePosixPath(packages[0]).parent) if packages else ""

    def get(self, name: str) -> bytes | None:
        path = str(PurePosixPath(self.root) / name) if self.root not in ("", ".") else name
        return self.files.get(path)


def read_tabular(source: Path | bytes) -> Tables:
    """Read a Tabular Data Package into rows, reporting broken files and cells."""
    tables = Tables()
    try:
        package_files = TabularSource(source)
    except (zipfile.BadZipFile, OSError):
        tables.problems.append(Problem.about("dataset", "", "", "", _("The file is not a readable zip archive.")))
        return tables
    raw = package_files.get("datapackage.json")
    if raw is None:
        tables.problems.append(
            Problem.about(
                "dataset",
                "",
                "datapackage.json",
                "",
                _("There is no datapackage.json: this is not an HSDS tabular package."),
            )
        )
        return tables
    try:
        package = json.loads(raw.decode("utf-8-sig"))
        resources = package["resources"]
        if not isinstance(resources, list):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        tables.problems.append(
            Problem.about(
                "dataset", "", "datapackage.json", "", _("datapackage.json is broken: it has no list of resources.")
            )
        )
        return tables
    by_file = {file_name(kind): kind for kind in TABLES}
    translations: list[tuple[str, dict[str, str]]] = []
    for resource in resources:
        if not isinstance(resource, dict) or not isinstance(resource.get("path"), str):
            continue
        path = resource["path"]
        name = str(resource.get("name", ""))
        kind = name if name in TABLES else by_file.get(PurePosixPath(path).name)
        if name == TRANSLATIONS:
            kind = TRANSLATIONS
        if kind is None:
            tables.warnings.append(Problem.about("dataset", "", path, "", _("Not an HSDS table; left out.")))
            continue
        data = package_files.get(path)
        if data is None:
            tables.problems.append(
                Problem.about("dataset", "", path, "", _("datapackage.json lists this file, but it is missing."))
            )
            continue
        for row in _read_csv(path, data, kind, tables):
            if kind == TRANSLATIONS:
                translations.append((row.where, {key: str(value) for key, value in row.data.items()}))
            else:
                tables.add(row)
                if kind in ("service_capacity", "unit"):
                    tables.version = "3.1"
    _attach_translations(translations, tables)
    return tables


def _read_csv(path: str, data: bytes, kind: str, tables: Tables) -> Iterator[Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        tables.problems.append(Problem.about("dataset", "", path, "", _("The file is not UTF-8 text.")))
        return
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if not header or ("id" not in header and kind != TRANSLATIONS):
            tables.problems.append(Problem.about(kind, "", path, "id", _("The file has no id column.")))
            return
        keep_empty = _required_texts(kind)
        for cells in reader:
            where = _("%(file)s, row %(row)d") % {"file": path, "row": reader.line_num}
            if not any(cells):
                continue
            if len(cells) != len(header):
                tables.problems.append(
                    Problem.about(
                        kind,
                        "",
                        where,
                        "",
                        _("The row has %(found)d cells; the header has %(expected)d.")
                        % {"found": len(cells), "expected": len(header)},
                    )
                )
                continue
            values = {
                name: value for name, value in zip(header, cells, strict=True) if value != "" or name in keep_empty
            }
            row = Row(kind, {}, where)
            for name, value in values.items():
                row.data[name] = value if kind == TRANSLATIONS else _typed(kind, name, value, row, tables)
            yield row
    except csv.Error as error:
        tables.problems.append(
            Problem.about(
                kind,
                "",
                _("%(file)s, row %(row)d") % {"file": path, "row": reader.line_num},
                "",
                _("Broken CSV: %(error)s") % {"error": error},
            )
        )


def _required_texts(kind: str) -> set[str]:
    """Return the required text columns, where an empty cell means an empty text rather than nothing."""
    if kind not in TABLES:
        return set()
    properties = schemas.properties(kind, TABLES[kind])
    required = schemas.schema(kind, TABLES[kind]).get("required", [])
    return {name for name in required if properties.get(name, {}).get("type") == "string" and name != "id"}


def _typed(kind: str, name: str, value: str, row: Row, tables: Tables) -> Any:
    """Turn a CSV cell into the JSON type its schema wants (numbers, booleans); report what fails."""
    properties = schemas.properties(kind, TABLES[kind])
    wanted = properties.get(name, {}).get("type") or EXTRA_COLUMNS.get(kind, {}).get(name)
    if wanted == "number" or wanted == "integer":
        try:
            parsed = float(value)
        except ValueError:
            return value  # the schema reports it
        return int(parsed) if parsed.is_integer() and "." not in value and "e" not in value.lower() else parsed
    if wanted == "boolean":
        lowered = value.strip().lower()
        if lowered in {"true", "1", "yes"}:
            return True
        if lowered in {"false", "0", "no"}:
            return False
    return value


def _attach_translations(translations: list[tuple[str, dict[str, str]]], tables: Tables) -> None:
    index = {(row.kind, row.id): row for rows in tables.rows.values() for row in rows}
    for where, values in translations:
        missing = [name for name in TRANSLATION_COLUMNS[:4] if not values.get(name)]
        if missing:
            tables.problems.append(Problem.about(TRANSLATIONS, "", where, missing[0], _("This field is required.")))
            continue
        row = index.get((values["resource"], values["record_id"]))
        if row is None:
            tables.problems.append(
                Problem.about(
                    TRANSLATIONS,
                    "",
                    where,
                    "record_id",
                    _("No %(kind)s with this id is in the package.") % {"kind": values["resource"]},
                )
            )
            continue
        if values["field"] == SYNONYMS:
            row.data.setdefault(SYNONYMS, {}).setdefault(values["language"], []).append(values.get("value", ""))
        else:
            row.data.setdefault(TRANSLATIONS, {}).setdefault(values["language"], {})[values["field"]] = values.get(
                "value", ""
            )
