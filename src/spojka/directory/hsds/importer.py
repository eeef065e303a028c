"""Import of HSDS data (JSON or the tabular package) into the directory.

Everything is checked before anything is written: the official JSON Schemas (3.0, and 3.1.1 for
capacity), then the values as Spojka stores them, the references between records and who owns
them. With any problem the report lists every one of them (record, id, where, field) and
nothing is written; otherwise all records are written in one transaction, matched by their HSDS
id, so that importing the same data again changes nothing.

The file is authoritative for the records it contains: a service or location in the file gets
exactly the phones, hours, languages… the file gives it (others are removed). Organisations,
services and locations missing from the file are left alone. Taxonomy terms are matched by id,
else created under their taxonomy (only by someone who may manage the taxonomy).
"""

import json
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from spojka.core.translated import site_language
from spojka.directory.enums import PhoneType, Weekday
from spojka.directory.history import recorded_as
from spojka.directory.hsds import schemas
from spojka.directory.hsds.report import ImportReport, Problem
from spojka.directory.hsds.serialize import ELIGIBILITY, derived_id, residence_taxonomy_id
from spojka.directory.hsds.tables import (
    OBJECTS,
    SYNONYMS,
    TABLES,
    TRANSLATIONS,
    Row,
    Tables,
    flatten_document,
    read_tabular,
)
from spojka.directory.models import (
    Accessibility,
    CapacityUnit,
    Contact,
    CostOption,
    Language,
    Location,
    Phone,
    RequiredDocument,
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
from spojka.geo.models import AdministrativeUnit, Country, ResidenceStatus
from spojka.geo.search import search_key
from spojka.network.enums import Sector
from spojka.network.models import Organization

# HSDS tables Spojka reads but does not keep.
NOT_KEPT: Final = ("program", "funding", "metadata", "meta_table_description", "url")
ICAL_DAYS: Final = {day.ical: day for day in Weekday}

# Which field of a Spojka model an HSDS field is written to, where the names differ.
HSDS_FIELD: Final[Mapping[str, Mapping[str, str]]] = {
    "organization": {"short_name": "alternate_name", "parent": "parent_organization_id"},
    "service": {"reviewed_at": "assured_date"},
    "service_capacity": {"updated_at": "updated"},
    "taxonomy_term": {"labels": "name", "descriptions": "description", "term_uri": "term_uri"},
    "schedule": {"weekday": "byday"},
}


def read_source(source: Path | bytes, name: str = "") -> tuple[Tables, str]:
    """Read a JSON file, a zip of CSV files or a folder of them; return the rows and the form."""
    if isinstance(source, Path) and source.is_dir():
        return read_tabular(source), "tabular"
    data = source.read_bytes() if isinstance(source, Path) else source
    filename = (name or (source.name if isinstance(source, Path) else "")).lower()
    if filename.endswith(".zip") or data[:4] == b"PK\x03\x04":
        return read_tabular(data), "tabular"
    tables = Tables()
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        tables.problems.append(Problem.about("dataset", "", "", "", _("The file is not UTF-8 text.")))
        return tables, "json"
    except json.JSONDecodeError as error:
        tables.problems.append(
            Problem.about(
                "dataset",
                "",
                _("line %(line)d, column %(column)d") % {"line": error.lineno, "column": error.colno},
                "",
                _("Broken JSON: %(error)s") % {"error": error.msg},
            )
        )
        return tables, "json"
    return flatten_document(document), "json"


def import_hsds(
    source: Path | bytes,
    *,
    name: str = "",
    user: Any = None,
    may_write: Callable[[str], bool] | None = None,
    can_manage_taxonomy: bool = True,
    dry_run: bool = False,
) -> ImportReport:
    """Check an HSDS dataset and, if it has no problem, write it (or, in a dry run, only count).

    `may_write(organization_id)` says whose records may be written (None: anyone's, as for the
    command); records of other organisations are reported as problems. `can_manage_taxonomy`
    lets the import create and change taxonomies, terms and units.
    """
    tables, source_format = read_source(source, name)
    report = ImportReport(
        problems=list(tables.problems),
        warnings=list(tables.warnings),
        source_format=source_format,
        version=tables.version,
    )
    if not tables.rows:
        if not report.problems:
            report.problems.append(Problem.about("dataset", "", "", "", _("The file holds no HSDS records.")))
        return _finish(report)
    plan = Planner(tables, report, may_write=may_write, can_manage_taxonomy=can_manage_taxonomy).run()
    if report.problems:
        return _finish(report)
    try:
        with transaction.atomic():
            with recorded_as(user):
                Writer(plan, report, user=user).write()
            if dry_run:
                transaction.set_rollback(True)
            else:
                touched = set(report.service_ids)
                transaction.on_commit(lambda: _reindex(touched))
    except (IntegrityError, ValidationError) as error:
        report.problems.append(
            Problem.about("dataset", "", "", "", _("The data could not be written: %(error)s") % {"error": error})
        )
        report.counts.clear()
        return _finish(report)
    report.written = not dry_run
    return _finish(report)


def _finish(report: ImportReport) -> ImportReport:
    report.problems = sorted(set(report.problems))
    report.warnings = sorted(set(report.warnings))
    return report


def _reindex(service_ids: set[Any]) -> None:
    if service_ids:
        from spojka.directory.search.index import reindex_services

        reindex_services(service_ids=sorted(uuid.UUID(str(service_id)) for service_id in service_ids))


@dataclass
class Entry:
    """A record to write: its model, id, field values, owner organisation and source row."""

    kind: str
    model: type[models.Model]
    id: str
    values: dict[str, Any]
    row: Row
    organization_id: str | None = None
    service_id: str | None = None
    location_id: str | None = None
    after: dict[str, Any] = field(default_factory=dict)  # written after the save (last_modified)


@dataclass
class Plan:
    entries: list[Entry] = field(default_factory=list)
    # For each owner kind, the owners in the file (their parts not in the file are removed).
    owners: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def of(self, kind: str) -> list[Entry]:
        return [entry for entry in self.entries if entry.kind == kind]


def canonical_id(value: Any) -> str | None:
    """Return a UUID in its canonical lower-case form, or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


class Planner:
    """Check every row and turn the valid ones into entries to write."""

    def __init__(
        self,
        tables: Tables,
        report: ImportReport,
        *,
        may_write: Callable[[str], bool] | None,
        can_manage_taxonomy: bool,
    ) -> None:
        self.tables = tables
        self.report = report
        self.may_write = may_write
        self.can_manage_taxonomy = can_manage_taxonomy
        self.rows: dict[str, dict[str, Row]] = defaultdict(dict)
        self.invalid: set[int] = set()  # rows (by object id) with schema problems
        self.plan = Plan()
        self._units: list[AdministrativeUnit] | None = None
        self.kept: dict[str, Entry] = {}
        self.reported: set[tuple[str, str, str, str]] = set()
        self.organization_phone_ids: set[str] = set()

    # Reporting.

    def problem(self, row: Row, field_name: str, message: str) -> None:
        """Report a problem, once per record and field (the schema and the model may both object)."""
        key = (row.kind, row.id, row.where, field_name)
        if key not in self.reported:
            self.reported.add(key)
            self.report.problems.append(Problem.at(row, field_name, message))

    def note(self, row: Row, field_name: str, message: str) -> None:
        self.report.warnings.append(Problem.at(row, field_name, message))

    # The steps.

    def run(self) -> Plan:
        self._index()
        for row in self.all_rows:
            self._check_schema(row)
        self._check_references()
        self._residence_and_db()
        for kind in NOT_KEPT:
            for row in self.rows.get(kind, {}).values():
                self.note(row, "", _("Spojka does not keep this kind of record; it was left out."))
        self._taxonomies()
        self._terms()
        self._units_of_capacity()
        self._organizations()
        self._locations()
        self._services()
        self._service_at_locations()
        self._contacts()
        self._phones()
        self._languages()
        self._schedules()
        self._service_parts()
        self._attributes()
        self._capacities()
        self._check_uniqueness()
        self._check_ownership()
        return self.plan

    def _index(self) -> None:
        """Index rows by kind and id, merging a record that appears twice (nested in two places)."""
        self.all_rows: list[Row] = []
        for kind, rows in self.tables.rows.items():
            for row in rows:
                if row.parent is not None and row.kind == "attribute":
                    row.data["link_entity"] = row.parent.kind
                identifier = canonical_id(row.data.get("id"))
                if identifier is None:
                    self.all_rows.append(row)
                    continue
                row.data["id"] = identifier
                for key, value in list(row.data.items()):
                    if key.endswith("_id") and canonical_id(value):
                        row.data[key] = canonical_id(value)
                known = self.rows[kind].get(identifier)
                if known is None:
                    self.rows[kind][identifier] = row
                    self.all_rows.append(row)
                else:
                    for key, value in row.data.items():
                        if key not in known.data:
                            known.data[key] = value
                        elif known.data[key] != value and not key.endswith("_id") and key != "link_entity":
                            self.problem(row, key, _("The record is in the file twice, with different values."))
                    row.data = known.data

    def _check_schema(self, row: Row) -> None:
        version = TABLES[row.kind]
        instance = {key: value for key, value in row.data.items() if key not in (TRANSLATIONS, SYNONYMS)}
        definition = schemas.schema(row.kind, version)
        found = False
        for error in schemas.validator(row.kind, version).iter_errors(instance):
            if error.validator == "required":
                nested = OBJECTS.get(row.kind, {})
                missing = [
                    name
                    for name in error.validator_value
                    if name not in instance and not (name in nested and instance.get(nested[name][1]))
                ]
                for name in missing:
                    found = True
                    self.problem(row, name, _("This field is required."))
                continue
            found = True
            name = str(error.path[0]) if error.path else ""
            self.problem(row, name, _schema_message(error))
        if row.kind not in NOT_KEPT:
            for name in definition.get("tabular_required", []):
                if name not in instance:
                    found = True
                    self.problem(row, name, _("This field is required."))
        for extra in (TRANSLATIONS, SYNONYMS):
            if extra in row.data and not _valid_extra(extra, row.data[extra]):
                found = True
                self.problem(row, extra, _('Expected texts by language, such as {"uk": {"name": "…"}}.'))
        if found and row.kind in (TRANSLATIONS, SYNONYMS):
            self.invalid.add(id(row))

    def _valid(self, row: Row) -> bool:
        """Say whether a row can be checked further: it has an id and its references exist.

        Rows with schema problems are still checked (their other fields may have problems too);
        they are never written, because any problem stops the whole import.
        """
        return id(row) not in self.invalid and bool(canonical_id(row.data.get("id")))

    # References.

    def _check_references(self) -> None:
        references = {
            "organization_id": "organization",
            "service_id": "service",
            "location_id": "location",
            "service_at_location_id": "service_at_location",
            "contact_id": "contact",
            "phone_id": "phone",
            "taxonomy_term_id": "taxonomy_term",
            "taxonomy_id": "taxonomy",
            "unit_id": "unit",
            "program_id": "program",
        }
        wanted: dict[str, set[str]] = defaultdict(set)
        for row in self.all_rows:
            for key, target in references.items():
                value = canonical_id(row.data.get(key))
                if value and value not in self.rows.get(target, {}):
                    wanted[target].add(value)
        self.in_database: dict[str, set[str]] = {}
        lookups: dict[str, Callable[[set[str]], Iterable[Any]]] = {
            "organization": lambda ids: Organization.objects.filter(id__in=ids).values_list("id", flat=True),
            "service": lambda ids: Service.objects.filter(id__in=ids).values_list("id", flat=True),
            "location": lambda ids: Location.objects.filter(id__in=ids).values_list("id", flat=True),
            "service_at_location": lambda ids: ServiceAtLocation.objects.filter(id__in=ids).values_list(
                "id", flat=True
            ),
            "contact": lambda ids: Contact.objects.filter(id__in=ids).values_list("id", flat=True),
            "phone": lambda ids: Phone.objects.filter(id__in=ids).values_list("id", flat=True),
            "taxonomy_term": lambda ids: [
                *TaxonomyTerm.objects.filter(id__in=ids).values_list("id", flat=True),
                *ResidenceStatus.objects.filter(id__in=ids).values_list("id", flat=True),
            ],
            "taxonomy": lambda ids: [
                *Taxonomy.objects.filter(id__in=ids).values_list("id", flat=True),
                *(code for code in ids if code in self.residence_taxonomies),
            ],
            "unit": lambda ids: CapacityUnit.objects.filter(id__in=ids).values_list("id", flat=True),
        }
        self.residence_taxonomies = {
            residence_taxonomy_id(code): code for code in Country.objects.values_list("code", flat=True)
        }
        for target, ids in wanted.items():
            lookup = lookups.get(target)
            self.in_database[target] = {str(found) for found in lookup(ids)} if lookup else set()
        for row in self.all_rows:
            for key, target in references.items():
                value = canonical_id(row.data.get(key))
                if value and not self.exists(target, value):
                    self.problem(
                        row,
                        key,
                        _("No %(kind)s with the id %(id)s, in the file or in Spojka.") % {"kind": target, "id": value},
                    )
                    self.invalid.add(id(row))

    def exists(self, kind: str, identifier: str | None) -> bool:
        return bool(identifier) and (
            identifier in self.rows.get(kind, {}) or identifier in self.in_database.get(kind, set())
        )

    def _residence_and_db(self) -> None:
        term_ids = set(self.rows.get("taxonomy_term", {})) | {
            str(row.data.get("taxonomy_term_id")) for row in self.rows.get("attribute", {}).values()
        }
        self.residence_statuses = {
            str(status_id) for status_id in ResidenceStatus.objects.filter(id__in=term_ids).values_list("id", flat=True)
        }

    # Values, checked as Spojka's models check them.

    def clean(
        self, row: Row, model: type[models.Model], values: dict[str, Any], *, exclude: Iterable[str] = ()
    ) -> dict[str, Any] | None:
        """Run the model's field validation on the values; report problems; return the cleaned values."""
        for model_field in model._meta.concrete_fields:
            text = values.get(model_field.attname)
            limit = getattr(model_field, "max_length", None)
            if (
                isinstance(text, str)
                and limit
                and len(text) > limit
                and not model_field.choices
                and model_field.attname != "id"
            ):
                if isinstance(model_field, models.EmailField | models.URLField | models.SlugField | models.UUIDField):
                    continue
                values[model_field.attname] = text[: limit - 1] + "…"
                self.note(
                    row,
                    HSDS_FIELD.get(row.kind, {}).get(model_field.name, model_field.name),
                    _("The text was shortened to %(limit)d characters.") % {"limit": limit},
                )
        instance = model(**values)
        skip = [f.name for f in model._meta.concrete_fields if f.attname not in values or f.is_relation]
        skip += list(exclude)
        try:
            instance.full_clean(exclude=skip, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            renamed = HSDS_FIELD.get(row.kind, {})
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.problem(row, renamed.get(name, name), message)
            return None
        cleaned = {name: getattr(instance, name) for name in values}
        for model_field in model._meta.concrete_fields:
            if model_field.is_relation and isinstance(cleaned.get(model_field.attname), str):
                cleaned[model_field.attname] = uuid.UUID(cleaned[model_field.attname])
        return cleaned

    def whole_number(self, row: Row, name: str, *, minimum: int = 0) -> int | None:
        value = row.data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or float(value) != int(value):
            self.problem(row, name, _("Expected a whole number."))
            return None
        if value < minimum:
            self.problem(row, name, _("Must be %(minimum)d or more.") % {"minimum": minimum})
            return None
        return int(value)

    def texts(self, row: Row, fields: Iterable[str]) -> dict[str, Any]:
        return {name: str(row.data.get(name) or "") for name in fields}

    def translations(
        self, row: Row, fields: Iterable[str], *, rename: Mapping[str, str] | None = None
    ) -> dict[str, dict[str, str]]:
        """Return the row's `translations` for the UI languages and translatable fields only."""
        languages = {code for code, _name in settings.LANGUAGES} - {site_language()}
        result: dict[str, dict[str, str]] = {}
        given = row.data.get(TRANSLATIONS)
        if not _valid_extra(TRANSLATIONS, given or {}):
            return {}
        for language, texts in sorted((given or {}).items()):
            if language not in languages:
                if language != site_language():
                    self.note(
                        row,
                        TRANSLATIONS,
                        _("Texts in %(language)s were left out: it is not a language of Spojka.")
                        % {"language": language},
                    )
                continue
            kept = {}
            for name, text in texts.items():
                target = (rename or {}).get(name, name)
                if target in fields and text:
                    kept[target] = str(text)
            if kept:
                result[language] = kept
        return result

    def labels(
        self, row: Row, name_field: str = "name", description_field: str = "description"
    ) -> tuple[dict[str, str], dict[str, str]]:
        """Return multilingual labels and descriptions from `name`, `description` and `translations`."""
        base = site_language()
        labels = {base: str(row.data.get(name_field) or "")} if row.data.get(name_field) else {}
        descriptions = {base: str(row.data.get(description_field) or "")} if row.data.get(description_field) else {}
        for language, texts in self.translations(row, ("name", "description")).items():
            if texts.get("name"):
                labels[language] = texts["name"]
            if texts.get("description"):
                descriptions[language] = texts["description"]
        return labels, descriptions

    def add(self, entry: Entry) -> None:
        self.plan.entries.append(entry)
        if entry.kind in ("contact", "phone"):
            self.kept[entry.id] = entry

    # Taxonomy.

    def _taxonomies(self) -> None:
        existing = {str(item.id): item for item in Taxonomy.objects.filter(id__in=list(self.rows.get("taxonomy", {})))}
        codes = dict(Taxonomy.objects.values_list("code", "id"))
        for row in self.rows.get("taxonomy", {}).values():
            if not self._valid(row) or row.id in self.residence_taxonomies:
                continue
            labels, descriptions = self.labels(row)
            current = existing.get(row.id)
            code = slugify(str(row.data.get("code") or row.data.get("name") or ""))[:64] or row.id[:8]
            if current is None and not self.can_manage_taxonomy:
                self.problem(row, "id", _("Only the platform administrator may add taxonomies."))
                continue
            if current is not None and not self.can_manage_taxonomy:
                continue
            owner = codes.get(code)
            if owner is not None and str(owner) != row.id:
                self.problem(row, "code", _("Another taxonomy already has the code %(code)s.") % {"code": code})
                continue
            values = {
                "code": code,
                "labels": labels,
                "descriptions": descriptions,
                "uri": str(row.data.get("uri") or ""),
                "version": str(row.data.get("version") or ""),
            }
            cleaned = self.clean(row, Taxonomy, values)
            if cleaned is not None:
                self.add(Entry("taxonomy", Taxonomy, row.id, cleaned, row))

    def _terms(self) -> None:
        rows = self.rows.get("taxonomy_term", {})
        existing = {str(term.id): term for term in TaxonomyTerm.objects.filter(id__in=list(rows))}
        taken = {
            (str(taxonomy), code): str(term)
            for taxonomy, code, term in TaxonomyTerm.objects.values_list("taxonomy_id", "code", "id")
        }
        in_file: dict[tuple[str, str], str] = {}
        for row in rows.values():
            if not self._valid(row):
                continue
            taxonomy_id = row.data.get("taxonomy_id")
            if row.id in self.residence_statuses or taxonomy_id in self.residence_taxonomies:
                if row.id not in self.residence_statuses:
                    self.problem(row, "id", _("No residence status with this id in the country pack."))
                continue
            current = existing.get(row.id)
            if current is not None and not self.can_manage_taxonomy:
                continue
            if current is None and not self.can_manage_taxonomy:
                self.problem(
                    row, "id", _("This taxonomy term is not in Spojka; only the platform administrator may add terms.")
                )
                continue
            if not taxonomy_id:
                if current is None:
                    self.problem(row, "taxonomy_id", _("A new taxonomy term needs its taxonomy."))
                    continue
                taxonomy_id = str(current.taxonomy_id)
            labels, descriptions = self.labels(row)
            code = slugify(str(row.data.get("code") or row.data.get("name") or ""))[:64] or row.id[:8]
            key = (str(taxonomy_id), code)
            if taken.get(key, row.id) != row.id or in_file.get(key, row.id) != row.id:
                self.problem(
                    row, "code", _("Another term of the taxonomy already has the code %(code)s.") % {"code": code}
                )
                continue
            in_file[key] = row.id
            parent_id = row.data.get("parent_id")
            if parent_id and not (parent_id in rows or TaxonomyTerm.objects.filter(id=parent_id).exists()):
                self.note(row, "parent_id", _("The broader term is not known; the term was imported without it."))
                parent_id = None
            given = row.data.get(SYNONYMS) or {}
            synonyms = {
                language: [str(word) for word in words if word]
                for language, words in sorted(given.items() if isinstance(given, dict) else [])
                if isinstance(words, list) and words
            }
            values = {
                "taxonomy_id": taxonomy_id,
                "code": code,
                "parent_id": parent_id or None,
                "labels": labels,
                "descriptions": descriptions,
                "synonyms": synonyms,
                "term_uri": str(row.data.get("term_uri") or ""),
            }
            cleaned = self.clean(row, TaxonomyTerm, values)
            if cleaned is not None:
                self.add(Entry("taxonomy_term", TaxonomyTerm, row.id, cleaned, row))

    def _units_of_capacity(self) -> None:
        rows = self.rows.get("unit", {})
        existing = {str(unit.id) for unit in CapacityUnit.objects.filter(id__in=list(rows))}
        codes = {code: str(unit) for code, unit in CapacityUnit.objects.values_list("code", "id")}
        for row in rows.values():
            if not self._valid(row):
                continue
            if row.id in existing and not self.can_manage_taxonomy:
                continue
            if row.id not in existing and not self.can_manage_taxonomy:
                self.problem(
                    row,
                    "id",
                    _("This unit of capacity is not in Spojka; only the platform administrator may add units."),
                )
                continue
            code = slugify(str(row.data.get("code") or row.data.get("name") or ""))[:32] or row.id[:8]
            if codes.get(code, row.id) != row.id:
                self.problem(row, "code", _("Another unit of capacity already has the code %(code)s.") % {"code": code})
                continue
            codes[code] = row.id
            labels, _descriptions = self.labels(row)
            values = {
                "code": code,
                "labels": labels,
                "scheme": str(row.data.get("scheme") or ""),
                "identifier": str(row.data.get("identifier") or ""),
                "uri": str(row.data.get("uri") or ""),
            }
            cleaned = self.clean(row, CapacityUnit, values)
            if cleaned is not None:
                self.add(Entry("unit", CapacityUnit, row.id, cleaned, row))

    # Organisations and places.

    def _children_of(self, kind: str, key: str, owner_id: str) -> list[Row]:
        return sorted(
            (row for row in self.rows.get(kind, {}).values() if row.data.get(key) == owner_id and self._valid(row)),
            key=lambda row: row.id,
        )

    def _organizations(self) -> None:
        rows = self.rows.get("organization", {})
        existing = {str(org.id): org for org in Organization.objects.filter(id__in=list(rows))}
        for row in rows.values():
            if not self._valid(row):
                continue
            current = existing.get(row.id)
            identifiers = self._children_of("organization_identifier", "organization_id", row.id)
            phones = [
                phone
                for phone in self._children_of("phone", "organization_id", row.id)
                if not any(
                    phone.data.get(key) for key in ("service_id", "location_id", "contact_id", "service_at_location_id")
                )
            ]
            for extra in identifiers[1:]:
                self.note(
                    extra, "identifier", _("Spojka keeps one identifier of an organisation; this one was left out.")
                )
            for extra in phones[1:]:
                self.note(extra, "number", _("Spojka keeps one phone of an organisation; this one was left out."))
            for phone in phones[:1]:
                self.organization_phone_ids.add(phone.id)
            identifier = str(identifiers[0].data.get("identifier") or "") if identifiers else ""
            if identifier:
                clash = Organization.objects.filter(identifier=identifier).exclude(id=row.id).first()
                if clash is not None:
                    self.problem(identifiers[0], "identifier", _("Another organisation already has this identifier."))
                    continue
            parent_id = row.data.get("parent_organization_id")
            if parent_id and not self.exists("organization", parent_id):
                self.note(row, "parent_organization_id", _("The parent organisation is not known; left out."))
                parent_id = None
            sector = row.data.get("sector") or (current.sector if current is not None else Sector.OTHER)
            values = {
                "name": str(row.data.get("name") or ""),
                "short_name": str(row.data.get("alternate_name") or ""),
                "description": str(row.data.get("description") or ""),
                "email": str(row.data.get("email") or ""),
                "website": str(row.data.get("website") or ""),
                "phone": _phone_number(phones[0].data.get("number")) if phones else "",
                "identifier": identifier,
                "sector": sector,
                "parent_id": parent_id or None,
            }
            cleaned = self.clean(row, Organization, values)
            if cleaned is not None:
                self.add(Entry("organization", Organization, row.id, cleaned, row, organization_id=row.id))

    def organization_of(self, kind: str, identifier: str | None) -> str | None:
        """Return the organisation a service or location (in the file or in Spojka) belongs to."""
        if not identifier:
            return None
        cache = self.__dict__.setdefault("_owners", {})
        if (kind, identifier) not in cache:
            row = self.rows.get(kind, {}).get(identifier)
            owner = row.data.get("organization_id") if row is not None else None
            if owner is None and kind == "location" and row is not None:
                # A location nested in a service-at-location belongs to that service's organisation.
                for at in self.rows.get("service_at_location", {}).values():
                    if at.data.get("location_id") == identifier:
                        owner = self.organization_of("service", at.data.get("service_id"))
                        if owner:
                            break
            if owner is None and row is None:
                model = Service if kind == "service" else Location
                found = model.objects.filter(id=identifier).values_list("organization_id", flat=True).first()
                owner = str(found) if found else None
            cache[(kind, identifier)] = owner
        result = cache[(kind, identifier)]
        return str(result) if result else None

    def municipality(self, row: Row, *, code: Any, postcode: Any = None, town: Any = None) -> AdministrativeUnit | None:
        """Find the administrative unit by code, else postcode and town, else town (best effort)."""
        if self._units is None:
            self._units = list(AdministrativeUnit.objects.order_by("-depth", "code"))
            self._by_code = {unit.code: unit for unit in reversed(self._units)}
            self._by_name: dict[str, list[AdministrativeUnit]] = defaultdict(list)
            self._by_postcode: dict[str, list[AdministrativeUnit]] = defaultdict(list)
            for unit in self._units:
                self._by_name[search_key(unit.name)].append(unit)
                postcode_of_unit = re.sub(r"\s", "", str(unit.attributes.get("postcode", "")))
                if postcode_of_unit:
                    self._by_postcode[postcode_of_unit].append(unit)
        if code and str(code) in self._by_code:
            return self._by_code[str(code)]
        named = self._by_name.get(search_key(str(town or "")), []) if town else []
        numbered = self._by_postcode.get(re.sub(r"\s", "", str(postcode or "")), []) if postcode else []
        candidates = [unit for unit in numbered if unit in named] or named or numbered
        if candidates:
            return candidates[0]
        if code or town or postcode:
            self.note(
                row,
                "administrative_unit_code" if code else "city",
                _("No municipality of Spojka matches; the record was imported without one."),
            )
        return None

    def _locations(self) -> None:
        rows = self.rows.get("location", {})
        existing = {str(item.id): item for item in Location.objects.filter(id__in=list(rows))}
        for row in rows.values():
            if not self._valid(row):
                continue
            organization_id = self.organization_of("location", row.id)
            if organization_id is None:
                self.problem(row, "organization_id", _("The location belongs to no organisation."))
                continue
            addresses = sorted(
                self._children_of("address", "location_id", row.id),
                key=lambda address: (address.data.get("address_type") != "physical", address.id),
            )
            for extra in addresses[1:]:
                self.note(extra, "", _("Spojka keeps one address of a location; this one was left out."))
            address = addresses[0].data if addresses else {}
            current = existing.get(row.id)
            unit = self.municipality(
                row,
                code=row.data.get("administrative_unit_code"),
                postcode=address.get("postal_code"),
                town=address.get("city"),
            )
            values = self.texts(
                row,
                (
                    "name",
                    "alternate_name",
                    "description",
                    "transportation",
                    "url",
                    "external_identifier",
                    "external_identifier_type",
                ),
            )
            values["name"] = values["name"] or str(address.get("address_1") or row.data.get("url") or "")
            values |= {
                "organization_id": organization_id,
                "location_type": str(row.data.get("location_type") or ""),
                "latitude": _coordinate(row.data.get("latitude")),
                "longitude": _coordinate(row.data.get("longitude")),
                "address_1": str(address.get("address_1") or ""),
                "address_2": str(address.get("address_2") or ""),
                "city": str(address.get("city") or ""),
                "postal_code": str(address.get("postal_code") or ""),
                "municipality_id": unit.id if unit is not None else None,
                "translations": self.translations(row, Location.TRANSLATED_FIELDS),
            }
            if addresses:
                values["address_id"] = addresses[0].id
            elif current is None:
                values["address_id"] = derived_id(row.id, "address")
            for name, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
                if values[name] is not None and not low <= values[name] <= high:
                    self.note(
                        row,
                        name,
                        _("Impossible coordinates (outside %(low)d to %(high)d) were left out.")
                        % {"low": low, "high": high},
                    )
                    values["latitude"] = values["longitude"] = None
            cleaned = self.clean(row, Location, values)
            if cleaned is not None:
                self.plan.owners["location"].add(row.id)
                self.add(
                    Entry(
                        "location", Location, row.id, cleaned, row, organization_id=organization_id, location_id=row.id
                    )
                )
        for row in self.rows.get("accessibility", {}).values():
            if not self._valid(row):
                continue
            location_id = row.data.get("location_id")
            if not location_id:
                self.problem(row, "location_id", _("This field is required."))
                continue
            values = self.texts(row, ("description", "details", "url")) | {
                "location_id": location_id,
                "translations": self.translations(row, Accessibility.TRANSLATED_FIELDS),
            }
            cleaned = self.clean(row, Accessibility, values)
            if cleaned is not None:
                self.add(
                    Entry(
                        "accessibility",
                        Accessibility,
                        row.id,
                        cleaned,
                        row,
                        organization_id=self.organization_of("location", location_id),
                        location_id=location_id,
                    )
                )

    # Services and their parts.

    def _services(self) -> None:
        rows = self.rows.get("service", {})
        existing = {str(item.id): item for item in Service.objects.filter(id__in=list(rows))}
        for row in rows.values():
            if not self._valid(row):
                continue
            current = existing.get(row.id)
            values = self.texts(
                row,
                (
                    "name",
                    "alternate_name",
                    "description",
                    "eligibility_description",
                    "application_process",
                    "fees_description",
                    "interpretation_services",
                    "alert",
                    "accreditations",
                    "url",
                    "email",
                ),
            )
            values |= {
                "organization_id": row.data.get("organization_id"),
                "status": str(row.data.get("status") or ""),
                "minimum_age": self.whole_number(row, "minimum_age"),
                "maximum_age": self.whole_number(row, "maximum_age"),
                "translations": self.translations(row, Service.TRANSLATED_FIELDS),
            }
            if (
                values["minimum_age"] is not None
                and values["maximum_age"] is not None
                and values["minimum_age"] > values["maximum_age"]
            ):
                self.problem(row, "maximum_age", _("The maximum age is below the minimum age."))
            for flag in ("is_free", "closed_on_public_holidays"):
                if isinstance(row.data.get(flag), bool):
                    values[flag] = row.data[flag]
                elif flag in row.data:
                    self.problem(row, flag, _("Expected true or false."))
            assured = row.data.get("assured_date")
            if assured:
                reviewed = _parse(row, "assured_date", assured, self, kind="date")
                if reviewed is not None and (current is None or timezone.localdate(current.reviewed_at) != reviewed):
                    values["reviewed_at"] = timezone.make_aware(datetime.combine(reviewed, time(12, 0)))
            elif current is None:
                values["reviewed_at"] = timezone.now()
            after = {}
            if row.data.get("last_modified"):
                modified = _parse(row, "last_modified", row.data["last_modified"], self, kind="datetime")
                if modified is not None:
                    after["updated_at"] = modified
            cleaned = self.clean(row, Service, values)
            if cleaned is not None:
                self.plan.owners["service"].add(row.id)
                self.add(
                    Entry(
                        "service",
                        Service,
                        row.id,
                        cleaned,
                        row,
                        organization_id=values["organization_id"],
                        service_id=row.id,
                        after=after,
                    )
                )

    def _service_at_locations(self) -> None:
        for row in self.rows.get("service_at_location", {}).values():
            if not self._valid(row):
                continue
            service_id, location_id = row.data.get("service_id"), row.data.get("location_id")
            values = {
                "service_id": service_id,
                "location_id": location_id,
                "description": str(row.data.get("description") or ""),
                "translations": self.translations(row, ServiceAtLocation.TRANSLATED_FIELDS),
            }
            cleaned = self.clean(row, ServiceAtLocation, values)
            if cleaned is not None:
                self.plan.owners["service_at_location"].add(row.id)
                self.add(
                    Entry(
                        "service_at_location",
                        ServiceAtLocation,
                        row.id,
                        cleaned,
                        row,
                        organization_id=self.organization_of("service", service_id),
                        service_id=service_id,
                    )
                )

    def _owner(self, row: Row, keys: Iterable[str]) -> tuple[str | None, str | None, str | None]:
        """Return (organisation, service, location) of a part, from the first owner key it has."""
        for key in keys:
            value = row.data.get(key)
            if not value:
                continue
            if key == "service_id":
                return self.organization_of("service", value), value, None
            if key == "location_id":
                return self.organization_of("location", value), None, value
            if key == "service_at_location_id":
                at = self.rows.get("service_at_location", {}).get(value)
                service_id = (
                    at.data.get("service_id")
                    if at
                    else str(
                        ServiceAtLocation.objects.filter(id=value).values_list("service_id", flat=True).first() or ""
                    )
                )
                return self.organization_of("service", service_id), service_id or None, None
            if key in ("contact_id", "phone_id"):
                entry = self.kept.get(value)
                if entry is not None:
                    return entry.organization_id, entry.service_id, entry.location_id
                model = Contact if key == "contact_id" else Phone
                found = model.objects.filter(id=value).values("service_id", "location_id").first()
                if found:
                    service_id = str(found["service_id"]) if found["service_id"] else None
                    location_id = str(found["location_id"]) if found["location_id"] else None
                    org = (
                        self.organization_of("service", service_id)
                        if service_id
                        else self.organization_of("location", location_id)
                    )
                    return org, service_id, location_id
        return None, None, None

    def _contacts(self) -> None:
        for row in self.rows.get("contact", {}).values():
            if not self._valid(row):
                continue
            if not (row.data.get("service_id") or row.data.get("location_id")):
                self.note(row, "", _("Spojka keeps contacts of services and locations only; this one was left out."))
                continue
            values = self.texts(row, ("name", "title", "department", "email")) | {
                "service_id": row.data.get("service_id"),
                "location_id": row.data.get("location_id"),
            }
            organization_id, service_id, location_id = self._owner(row, ("service_id", "location_id"))
            cleaned = self.clean(row, Contact, values)
            if cleaned is not None:
                self.plan.owners["contact"].add(row.id)
                self.add(Entry("contact", Contact, row.id, cleaned, row, organization_id, service_id, location_id))

    def _phones(self) -> None:
        contacts = {entry.id for entry in self.plan.of("contact")}
        for row in self.rows.get("phone", {}).values():
            if not self._valid(row) or row.id in self.organization_phone_ids:
                continue
            contact_id = row.data.get("contact_id")
            if contact_id and contact_id not in contacts and contact_id in self.rows.get("contact", {}):
                contact_id = None
            if not (row.data.get("service_id") or row.data.get("location_id") or contact_id):
                self.note(
                    row,
                    "",
                    _(
                        "Spojka keeps phones of organisations, services, locations and contacts only; "
                        "this one was left out."
                    ),
                )
                continue
            phone_type = str(row.data.get("type") or PhoneType.VOICE).lower()
            values = {
                "service_id": row.data.get("service_id"),
                "location_id": row.data.get("location_id"),
                "contact_id": contact_id,
                "number": _phone_number(row.data.get("number")),
                "extension": self.whole_number(row, "extension"),
                "type": phone_type,
                "description": str(row.data.get("description") or ""),
                "translations": self.translations(row, Phone.TRANSLATED_FIELDS),
            }
            owner = self._owner(row, ("service_id", "location_id", "contact_id"))
            cleaned = self.clean(row, Phone, values)
            if cleaned is not None:
                self.plan.owners["phone"].add(row.id)
                self.add(Entry("phone", Phone, row.id, cleaned, row, *owner))

    def _languages(self) -> None:
        phones = {entry.id for entry in self.plan.of("phone")}
        by_name = {str(info.get("name", "")).lower(): code for code, info in LANG_INFO.items() if "name" in info}
        for row in self.rows.get("language", {}).values():
            if not self._valid(row):
                continue
            keys = [key for key in ("phone_id", "location_id", "service_id") if row.data.get(key)]
            if (
                keys
                and keys[0] == "phone_id"
                and row.data["phone_id"] not in phones
                and row.data["phone_id"] in self.rows.get("phone", {})
            ):
                self.note(row, "phone_id", _("The phone is not kept, so neither is its language."))
                continue
            if not keys:
                self.note(row, "", _("The language belongs to nothing Spojka keeps; left out."))
                continue
            code = str(row.data.get("code") or by_name.get(str(row.data.get("name") or "").lower(), "")).lower()
            if not code:
                self.problem(row, "code", _("The language needs its ISO 639 code."))
                continue
            values = dict.fromkeys(("phone_id", "location_id", "service_id"))
            values[keys[0]] = row.data[keys[0]]
            values |= {"code": code, "note": str(row.data.get("note") or "")}
            owner = self._owner(row, keys[:1])
            cleaned = self.clean(row, Language, values)
            if cleaned is not None:
                self.add(Entry("language", Language, row.id, cleaned, row, *owner))

    def _schedules(self) -> None:
        for row in self.rows.get("schedule", {}).values():
            if not self._valid(row):
                continue
            keys = [key for key in ("service_at_location_id", "service_id", "location_id") if row.data.get(key)]
            if not keys:
                self.note(row, "", _("The hours belong to nothing Spojka keeps; left out."))
                continue
            owner = self._owner(row, keys[:1])
            base = dict.fromkeys(("service_at_location_id", "service_id", "location_id"))
            base[keys[0]] = row.data[keys[0]]
            base |= {
                "opens_at": _time(row.data.get("opens_at")),
                "closes_at": _time(row.data.get("closes_at")),
                "valid_from": row.data.get("valid_from"),
                "valid_to": row.data.get("valid_to"),
                "description": str(row.data.get("description") or "")[:255],
            }
            freq = row.data.get("freq")
            byday = str(row.data.get("byday") or "")
            entries: list[tuple[str, dict[str, Any]]] = []
            if freq == "MONTHLY":
                self.note(
                    row, "freq", _("Spojka keeps weekly hours and dated exceptions; monthly hours were left out.")
                )
                continue
            if byday:
                days = [day.strip().upper() for day in byday.split(",") if day.strip()]
                unknown = [day for day in days if day not in ICAL_DAYS]
                if unknown:
                    self.problem(
                        row, "byday", _("Unknown day %(day)s: use MO, TU, WE, TH, FR, SA or SU.") % {"day": unknown[0]}
                    )
                    continue
                if not (row.data.get("opens_at") and row.data.get("closes_at")):
                    self.note(row, "opens_at", _("Weekly hours without opening and closing times were left out."))
                    continue
                for index, day in enumerate(days):
                    identifier = row.id if index == 0 else derived_id(row.id, day)
                    entries.append((identifier, base | {"weekday": int(ICAL_DAYS[day]), "is_exception": False}))
            elif row.data.get("valid_from"):
                entries.append((row.id, base | {"weekday": None, "is_exception": True}))
            else:
                self.note(row, "", _("Hours without days or dates were left out."))
                continue
            for identifier, values in entries:
                cleaned = self.clean(row, Schedule, values)
                if cleaned is None:
                    break
                if cleaned["opens_at"] and cleaned["closes_at"] and cleaned["opens_at"] >= cleaned["closes_at"]:
                    self.problem(row, "closes_at", _("The closing time must be after the opening time."))
                    break
                if cleaned["valid_from"] and cleaned["valid_to"] and cleaned["valid_from"] > cleaned["valid_to"]:
                    self.problem(row, "valid_to", _("The end date is before the start date."))
                    break
                if bool(cleaned["opens_at"]) != bool(cleaned["closes_at"]):
                    self.problem(row, "closes_at", _("Give both the opening and the closing time, or neither."))
                    break
                self.add(Entry("schedule", Schedule, identifier, cleaned, row, *owner))

    def _service_parts(self) -> None:
        for row in self.rows.get("service_area", {}).values():
            if not self._valid(row):
                continue
            service_id = row.data.get("service_id")
            if not service_id:
                self.note(row, "service_id", _("Spojka keeps service areas of services only; left out."))
                continue
            unit = self.municipality(row, code=row.data.get("administrative_unit_code"), town=row.data.get("name"))
            if unit is None:
                continue
            values = {
                "service_id": service_id,
                "unit_id": unit.id,
                "description": str(row.data.get("description") or "")[:255],
            }
            cleaned = self.clean(row, ServiceArea, values)
            if cleaned is not None:
                self.add(Entry("service_area", ServiceArea, row.id, cleaned, row, *self._owner(row, ("service_id",))))
        for row in self.rows.get("cost_option", {}).values():
            if not self._valid(row):
                continue
            amount = row.data.get("amount")
            if isinstance(amount, int | float) and amount < 0:
                self.problem(row, "amount", _("Must be 0 or more."))
                continue
            values = self.texts(row, ("option", "currency", "amount_description")) | {
                "service_id": row.data.get("service_id"),
                "amount": Decimal(str(amount)) if isinstance(amount, int | float) else None,
                "valid_from": row.data.get("valid_from"),
                "valid_to": row.data.get("valid_to"),
            }
            cleaned = self.clean(row, CostOption, values)
            if cleaned is not None:
                self.add(Entry("cost_option", CostOption, row.id, cleaned, row, *self._owner(row, ("service_id",))))
        for row in self.rows.get("required_document", {}).values():
            if not self._valid(row):
                continue
            if not row.data.get("service_id"):
                self.problem(row, "service_id", _("This field is required."))
                continue
            values = self.texts(row, ("document", "uri")) | {
                "service_id": row.data.get("service_id"),
                "translations": self.translations(row, RequiredDocument.TRANSLATED_FIELDS),
            }
            cleaned = self.clean(row, RequiredDocument, values)
            if cleaned is not None:
                self.add(
                    Entry(
                        "required_document", RequiredDocument, row.id, cleaned, row, *self._owner(row, ("service_id",))
                    )
                )

    def _attributes(self) -> None:
        for row in self.rows.get("attribute", {}).values():
            if not self._valid(row):
                continue
            if row.data.get("link_entity") != "service":
                self.note(row, "link_entity", _("Spojka keeps taxonomy terms of services only; left out."))
                continue
            service_id = row.data.get("link_id")
            term_id = row.data.get("taxonomy_term_id")
            if not self.exists("service", service_id):
                self.problem(
                    row, "link_id", _("No service with the id %(id)s, in the file or in Spojka.") % {"id": service_id}
                )
                continue
            owner = self.organization_of("service", service_id), service_id, None
            if term_id in self.residence_statuses:
                cleaned = self.clean(
                    row, ServiceEligibility, {"service_id": service_id, "residence_status_id": term_id}
                )
                if cleaned is not None:
                    self.add(Entry("attribute", ServiceEligibility, row.id, cleaned, row, *owner))
            else:
                if (
                    row.data.get("link_type") == ELIGIBILITY
                    and term_id not in self.rows.get("taxonomy_term", {})
                    and term_id not in self.in_database.get("taxonomy_term", set())
                ):
                    self.problem(row, "taxonomy_term_id", _("No residence status with this id in the country pack."))
                    continue
                cleaned = self.clean(row, ServiceNeed, {"service_id": service_id, "term_id": term_id})
                if cleaned is not None:
                    self.add(Entry("attribute", ServiceNeed, row.id, cleaned, row, *owner))

    def _capacities(self) -> None:
        for row in self.rows.get("service_capacity", {}).values():
            if not self._valid(row):
                continue
            service_id = row.data.get("service_id")
            if not service_id:
                self.problem(row, "service_id", _("This field is required."))
                continue
            available = self.whole_number(row, "available")
            maximum = self.whole_number(row, "maximum")
            if available is None and "available" in row.data:
                continue
            if available is not None and maximum is not None and available > maximum:
                self.problem(row, "available", _("More places are free than there are in total."))
                continue
            updated = _parse(row, "updated", row.data.get("updated"), self, kind="datetime")
            values = {
                "service_id": service_id,
                "unit_id": row.data.get("unit_id"),
                "available": available,
                "maximum": maximum,
                "description": str(row.data.get("description") or "")[:255],
                "updated_at": updated or timezone.now(),
            }
            cleaned = self.clean(row, ServiceCapacity, values)
            if cleaned is not None:
                self.add(
                    Entry("service_capacity", ServiceCapacity, row.id, cleaned, row, *self._owner(row, ("service_id",)))
                )

    # Whole-file checks.

    def _check_uniqueness(self) -> None:
        together = {
            ServiceAtLocation: ("service_id", "location_id"),
            ServiceNeed: ("service_id", "term_id"),
            ServiceEligibility: ("service_id", "residence_status_id"),
            ServiceArea: ("service_id", "unit_id"),
            ServiceCapacity: ("service_id", "unit_id"),
        }
        seen: dict[tuple[Any, ...], str] = {}
        for entry in self.plan.entries:
            fields = together.get(entry.model)
            if entry.model is Language and entry.values.get("service_id"):
                fields = ("service_id", "code")
            if fields is None:
                continue
            key = (entry.model, *(str(entry.values[name]) for name in fields))
            if seen.setdefault(key, entry.id) != entry.id:
                self.problem(
                    entry.row,
                    fields[-1].removesuffix("_id"),
                    _("The same record is in the file twice (with another id)."),
                )

    def _check_ownership(self) -> None:
        """Refuse records of other organisations (for a manager) and records moved between organisations."""
        owner_paths: dict[type[models.Model], list[str]] = {
            Organization: ["id"],
            Location: ["organization_id"],
            Service: ["organization_id"],
            Accessibility: ["location__organization_id"],
            ServiceAtLocation: ["service__organization_id"],
            ServiceNeed: ["service__organization_id"],
            ServiceEligibility: ["service__organization_id"],
            ServiceArea: ["service__organization_id"],
            CostOption: ["service__organization_id"],
            RequiredDocument: ["service__organization_id"],
            ServiceCapacity: ["service__organization_id"],
            Contact: ["service__organization_id", "location__organization_id"],
            Phone: [
                "service__organization_id",
                "location__organization_id",
                "contact__service__organization_id",
                "contact__location__organization_id",
            ],
            Language: [
                "service__organization_id",
                "location__organization_id",
                "phone__service__organization_id",
                "phone__location__organization_id",
                "phone__contact__service__organization_id",
            ],
            Schedule: [
                "service__organization_id",
                "location__organization_id",
                "service_at_location__service__organization_id",
            ],
        }
        by_model: dict[type[models.Model], list[Entry]] = defaultdict(list)
        for entry in self.plan.entries:
            by_model[entry.model].append(entry)
            if (
                self.may_write is not None
                and entry.model in owner_paths
                and not (entry.organization_id and self.may_write(entry.organization_id))
            ):
                self.problem(
                    entry.row,
                    "organization_id" if entry.kind in ("service", "location", "organization") else "",
                    _(
                        "This record belongs to another organisation; "
                        "you may import only your own organisation's records."
                    ),
                )
        for model, entries in by_model.items():
            paths = owner_paths.get(model)
            if not paths:
                continue
            owner = Coalesce(*paths, output_field=models.UUIDField()) if len(paths) > 1 else models.F(paths[0])
            stored = dict(
                model._default_manager.filter(id__in=[entry.id for entry in entries])
                .annotate(owner=owner)
                .values_list("id", "owner")
            )
            for entry in entries:
                previous = stored.get(uuid.UUID(entry.id))
                if previous is not None and str(previous) != entry.organization_id:
                    self.problem(entry.row, "id", _("A record with this id belongs to another organisation in Spojka."))


class Writer:
    """Write the planned entries in one go, counting what was created, updated or left unchanged."""

    ORDER: Final = (
        "taxonomy",
        "taxonomy_term",
        "unit",
        "organization",
        "location",
        "service",
        "accessibility",
        "service_at_location",
        "contact",
        "phone",
        "language",
        "schedule",
        "service_area",
        "cost_option",
        "required_document",
        "attribute",
        "service_capacity",
    )
    # Parts removed when their owner is in the file but they are not: owner kind → (model, owner field).
    PARTS: Final = {
        "location": (
            (Accessibility, "location"),
            (Phone, "location"),
            (Language, "location"),
            (Contact, "location"),
            (Schedule, "location"),
        ),
        "service": (
            (Phone, "service"),
            (Language, "service"),
            (Contact, "service"),
            (Schedule, "service"),
            (ServiceArea, "service"),
            (CostOption, "service"),
            (RequiredDocument, "service"),
            (ServiceCapacity, "service"),
            (ServiceAtLocation, "service"),
            (ServiceNeed, "service"),
            (ServiceEligibility, "service"),
        ),
        "contact": ((Phone, "contact"),),
        "phone": ((Language, "phone"),),
        "service_at_location": ((Schedule, "service_at_location"),),
    }
    KINDS: Final = {
        Accessibility: "accessibility",
        Phone: "phone",
        Language: "language",
        Contact: "contact",
        Schedule: "schedule",
        ServiceArea: "service_area",
        CostOption: "cost_option",
        RequiredDocument: "required_document",
        ServiceCapacity: "service_capacity",
        ServiceAtLocation: "service_at_location",
        ServiceNeed: "attribute",
        ServiceEligibility: "attribute",
    }

    def __init__(self, plan: Plan, report: ImportReport, *, user: Any) -> None:
        self.plan = plan
        self.report = report
        self.user = user
        self.changed_services: set[str] = set()
        self.changed_locations: set[str] = set()
        self.changed_terms: set[str] = set()

    def write(self) -> None:
        self._remove_missing_parts()
        entries = sorted(self.plan.entries, key=lambda entry: self.ORDER.index(entry.kind))
        entries = _parents_first(entries)
        existing: dict[type[models.Model], dict[str, models.Model]] = {}
        for model in {entry.model for entry in entries}:
            ids = [entry.id for entry in entries if entry.model is model]
            existing[model] = {str(pk): obj for pk, obj in model._default_manager.in_bulk(ids).items()}
        for entry in entries:
            if self._save(entry, existing[entry.model].get(entry.id)):
                if entry.service_id:
                    self.changed_services.add(entry.service_id)
                if entry.kind in ("location", "accessibility") or (entry.location_id and not entry.service_id):
                    self.changed_locations.add(str(entry.location_id or entry.id))
                if entry.kind == "taxonomy_term":
                    self.changed_terms.add(entry.id)
            if entry.after and entry.id in self.changed_services:
                entry.model._default_manager.filter(id=entry.id).update(**entry.after)
        touched = set(self.changed_services)
        touched |= {
            str(pk)
            for pk in ServiceAtLocation.objects.filter(location_id__in=self.changed_locations).values_list(
                "service_id", flat=True
            )
        }
        touched |= {
            str(pk)
            for pk in ServiceNeed.objects.filter(term_id__in=self.changed_terms).values_list("service_id", flat=True)
        }
        self.report.service_ids = touched

    def _save(self, entry: Entry, current: models.Model | None) -> bool:
        tally = self.report.tally(entry.kind)
        if current is None:
            instance = entry.model(id=entry.id, **entry.values)
            self._store(instance)
            tally.created += 1
            return True
        changed = [name for name, value in entry.values.items() if getattr(current, name) != value]
        if not changed:
            tally.unchanged += 1
            return False
        for name in changed:
            setattr(current, name, entry.values[name])
        self._store(current)
        tally.updated += 1
        return True

    def _store(self, instance: models.Model) -> None:
        if isinstance(instance, Organization) and self.user is not None:
            from spojka.network.actions import save_organization

            save_organization(organization=instance, by=self.user)
            return
        if isinstance(instance, Organization):
            # Commands import without a user, which save_organization requires; it does no more than this.
            instance.full_clean()
        instance.save()

    def _remove_missing_parts(self) -> None:
        kept: dict[type[models.Model], set[str]] = defaultdict(set)
        for entry in self.plan.entries:
            kept[entry.model].add(entry.id)
        for owner_kind, parts in self.PARTS.items():
            owners = self.plan.owners.get(owner_kind, set())
            if not owners:
                continue
            for model, owner_field in parts:
                doomed = model._default_manager.filter(**{f"{owner_field}_id__in": owners}).exclude(id__in=kept[model])
                for part in doomed:
                    service_id = getattr(part, "service_id", None)
                    if service_id:
                        self.changed_services.add(str(service_id))
                    part.delete()
                    self.report.tally(self.KINDS[model]).removed += 1


def _parents_first(entries: list[Entry]) -> list[Entry]:
    """Put broader terms and parent organisations before the records that name them."""
    result: list[Entry] = []
    pending = {entry.id: entry for entry in entries if entry.model in (TaxonomyTerm, Organization)}
    placed: set[str] = set()

    def place(entry: Entry, depth: int = 0) -> None:
        if entry.id in placed:
            return
        parent = entry.values.get("parent_id")
        if parent and str(parent) in pending and depth < 50:
            place(pending[str(parent)], depth + 1)
        placed.add(entry.id)
        result.append(entry)

    for entry in entries:
        if entry.id in pending:
            place(entry)
        else:
            result.append(entry)
    return result


def _schema_message(error: Any) -> str:
    if error.validator == "format":
        return _("Not a valid %(format)s.") % {"format": error.validator_value}
    if error.validator == "enum":
        return _("Must be one of: %(values)s.") % {"values": ", ".join(str(value) for value in error.validator_value)}
    if error.validator == "type":
        return _("Expected a value of type %(type)s.") % {"type": error.validator_value}
    return str(error.message)


def _valid_extra(name: str, value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    if name == SYNONYMS:
        return all(isinstance(words, list) and all(isinstance(word, str) for word in words) for words in value.values())
    return all(
        isinstance(texts, dict) and all(isinstance(text, str) for text in texts.values()) for texts in value.values()
    )


def _phone_number(value: Any) -> str:
    return str(value or "").strip().strip('"').strip()


def _coordinate(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return Decimal(str(value)).quantize(Decimal("0.000001"))


def _time(value: Any) -> Any:
    """Drop a timezone suffix from an HSDS time ("10:00:00Z", "10:00+01:00"): hours are local."""
    if not isinstance(value, str):
        return value
    return re.sub(r"(Z|[+-]\d{2}:?\d{2})$", "", value.strip())


def _parse(row: Row, name: str, value: Any, planner: Planner, *, kind: str) -> Any:
    if value in (None, ""):
        return None
    from django.utils.dateparse import parse_date, parse_datetime

    try:
        parsed = parse_date(str(value)) if kind == "date" else parse_datetime(str(value))
    except ValueError:
        parsed = None
    if parsed is None:
        planner.problem(row, name, _("Not a valid date.") if kind == "date" else _("Not a valid date and time."))
        return None
    if isinstance(parsed, datetime) and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


__all__ = ["ImportReport", "import_hsds", "read_source"]
