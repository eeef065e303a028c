# ruff: noqa: RUF001
# (The Ukrainian notes of opening hours are meant to be Cyrillic.)
"""Write the demo directory (`spojka.demo.directory`) through the directory's models, as often as asked.

Every record gets the same id on every load (a UUID 5 of its key), so a reload updates in
place and writes only what differs; what someone changed by hand in a demo service is put
back. Dates are counted from the day of the load: services were reviewed some days ago (a few
over six months ago, so that the stale flag shows), and the Christmas closure and the summer
break of courses are the coming ones.
"""

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Final

import phonenumbers
import structlog
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.core.translated import site_language
from spojka.demo import directory, liberec
from spojka.demo.actions import demo_organization_id
from spojka.directory.history import recorded_as
from spojka.directory.models import (
    CapacityUnit,
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
    TaxonomyTerm,
)
from spojka.geo.models import AdministrativeUnit, ResidenceStatus
from spojka.network.models import Organization

log = structlog.get_logger(__name__)

_ID_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_DNS, f"directory.{liberec.EMAIL_DOMAIN}")
_COORDINATE_STEP: Final = Decimal("0.000001")
_REVIEWED_AT: Final = time(9, 30)
_CAPACITY_UPDATED_AT: Final = time(10, 15)

# The notes of dated exceptions, in the site's language (opening-hours notes are not translated).
_EXCEPTION_NOTES: Final = {
    directory.CHRISTMAS: directory.Text("Vánoční svátky: zavřeno.", "Різдвяні свята: зачинено.", "Christmas: closed."),
    directory.CHRISTMAS_EVE_EVE: directory.Text(
        "Zkrácená otevírací doba před svátky.",
        "Скорочений робочий час перед святами.",
        "Shorter hours before the holidays.",
    ),
    directory.SUMMER_BREAK: directory.Text(
        "Letní přestávka: kurzy pokračují v září.",
        "Літня перерва: курси продовжуються у вересні.",
        "Summer break: courses resume in September.",
    ),
    directory.TRAINING_DAY: directory.Text(
        "Školení zaměstnanců: zavřeno.", "Навчання працівників: зачинено.", "Staff training: closed."
    ),
}


class MissingDirectoryDataError(LookupError):
    """The demo directory needs the country pack's taxonomy and the demo organisations first."""


@dataclass(frozen=True)
class DemoDirectoryLoaded:
    """How many services and places the load wrote, and how many services were new."""

    services: int
    new_services: int
    locations: int


def demo_service_id(key: str) -> uuid.UUID:
    """Return the stable id of the demo service with this key."""
    return uuid.uuid5(_ID_NAMESPACE, f"service/{key}")


def demo_location_id(key: str) -> uuid.UUID:
    """Return the stable id of the demo location with this key."""
    return uuid.uuid5(_ID_NAMESPACE, f"location/{key}")


def _part_id(*parts: object) -> uuid.UUID:
    return uuid.uuid5(_ID_NAMESPACE, "/".join(str(part) for part in parts))


@dataclass(frozen=True)
class _References:
    """The records of the country pack and the network that the demo directory points at."""

    units: dict[str, AdministrativeUnit]
    terms: dict[str, TaxonomyTerm]
    statuses: dict[str, ResidenceStatus]
    capacity_units: dict[str, CapacityUnit]


@transaction.atomic
def load_demo_directory(*, today: date | None = None) -> DemoDirectoryLoaded:
    """Create or update the Liberec demo's services, places, hours and capacity.

    Needs the `cz-liberec` country pack and the demo organisations loaded; raises
    MissingDirectoryDataError, naming what is missing, otherwise. Services of the demo
    organisations that are not in the demo data (added by hand) are left alone.
    """
    today = today or timezone.localdate()
    references = _references()
    new_services = 0
    service_ids = [demo_service_id(entry.key) for entry in directory.SERVICES]
    # One query per kind of record for the whole demo, rather than one per service.
    existing = _Existing(service_ids)
    with recorded_as(None):
        for place in directory.LOCATIONS:
            _save_location(place, references)
        for entry in directory.SERVICES:
            service, created = _save_service(entry, today)
            new_services += created
            _save_parts(service, entry, references, today, existing)
        existing.create_pending()
    transaction.on_commit(lambda: _reindex(service_ids))
    loaded = DemoDirectoryLoaded(
        services=len(service_ids), new_services=new_services, locations=len(directory.LOCATIONS)
    )
    log.info("demo_directory_loaded", **asdict(loaded))
    return loaded


def _reindex(service_ids: Iterable[uuid.UUID]) -> None:
    from spojka.directory.search.index import reindex_services

    reindex_services(service_ids=service_ids)


def _references() -> _References:
    unit_codes = {place.municipality_code for place in directory.LOCATIONS} | {
        code for entry in directory.SERVICES for code in entry.areas
    }
    units = {
        unit.code: unit for unit in AdministrativeUnit.objects.filter(country_id=liberec.COUNTRY, code__in=unit_codes)
    }
    terms = {term.code: term for term in TaxonomyTerm.objects.filter(taxonomy__code=directory.TAXONOMY)}
    statuses = {status.code: status for status in ResidenceStatus.objects.filter(country_id=liberec.COUNTRY)}
    capacity_units = {unit.code: unit for unit in CapacityUnit.objects.all()}
    missing = sorted(
        {*unit_codes - units.keys()}
        | {code for entry in directory.SERVICES for code in entry.needs if code not in terms}
        | {code for entry in directory.SERVICES for code in entry.statuses if code not in statuses}
        | {c.unit for entry in directory.SERVICES for c in entry.capacity if c.unit not in capacity_units}
    )
    if missing:
        raise MissingDirectoryDataError(
            _(
                "The country pack's %(codes)s are missing; load the country pack %(pack)s first "
                "(python -m spojka load_country_pack %(pack)s)."
            )
            % {"codes": ", ".join(missing), "pack": liberec.COUNTRY_PACK}
        )
    organizations = {demo_organization_id(entry.key) for entry in liberec.ORGANIZATIONS}
    if Organization.objects.filter(pk__in=organizations).count() != len(organizations):
        raise MissingDirectoryDataError(
            _("The demo organisations are missing; load the demo with: python -m spojka load_demo")
        )
    return _References(units=units, terms=terms, statuses=statuses, capacity_units=capacity_units)


class _Existing:
    """The records of the demo services' parts that are already in the database, by service."""

    def __init__(self, service_ids: list[uuid.UUID]) -> None:
        self.service_ids = service_ids
        self.by_model: dict[type[models.Model], dict[Any, dict[Any, Any]]] = {}
        self.pending: dict[type[models.Model], list[models.Model]] = {}

    def add(self, record: models.Model) -> None:
        """Keep a new record to create with the others of its kind."""
        self.pending.setdefault(type(record), []).append(record)

    def create_pending(self) -> None:
        """Create the new parts in bulk: a first load writes over a thousand of them.

        Bulk creation skips the change history; the history of a demo service starts with the
        service's own creation, and every later change of its parts is recorded as usual.
        """
        for model, records in self.pending.items():
            model._default_manager.bulk_create(records, batch_size=500)
        self.pending.clear()

    def of(self, model: type[models.Model], service: Service) -> dict[Any, Any]:
        if model not in self.by_model:
            records: dict[Any, dict[Any, Any]] = {}
            for record in model._default_manager.filter(service_id__in=self.service_ids):
                records.setdefault(record.service_id, {})[record.pk] = record  # type: ignore[attr-defined]  # every part has the FK
            self.by_model[model] = records
        return self.by_model[model].get(service.pk, {})


def _texts(fields: Mapping[str, directory.Text | None]) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Split texts into the ordinary columns (the site's language) and the `translations` JSON."""
    base = site_language() if site_language() in ("cs", "uk", "en") else "cs"
    columns = {name: (text.by_language()[base] if text else "") for name, text in fields.items()}
    translations: dict[str, dict[str, str]] = {}
    for language in ("cs", "uk", "en"):
        if language == base:
            continue
        values = {name: text.by_language()[language] for name, text in fields.items() if text}
        if values:
            translations[language] = values
    return columns, translations


def _save_location(place: directory.DemoLocation, references: _References) -> Location:
    municipality = references.units[place.municipality_code]
    columns, translations = _texts({"name": place.name, "transportation": place.transportation})
    north, east = place.offset
    values: dict[str, Any] = {
        **columns,
        "translations": translations,
        "organization_id": demo_organization_id(place.organization),
        "address_1": place.street,
        "postal_code": place.postal_code,
        "city": municipality.name,
        "municipality_id": municipality.pk,
        "latitude": _near(municipality.latitude, north),
        "longitude": _near(municipality.longitude, east),
    }
    location: Location = _upsert(Location, demo_location_id(place.key), values)[0]
    return location


def _near(centre: Decimal | None, millionths: int) -> Decimal | None:
    if centre is None:
        return None
    return (Decimal(centre) + Decimal(millionths) * _COORDINATE_STEP).quantize(_COORDINATE_STEP)


def _save_service(entry: directory.DemoService, today: date) -> tuple[Service, bool]:
    columns, translations = _texts(
        {
            "name": entry.name,
            "description": entry.description,
            "eligibility_description": entry.eligibility,
            "application_process": entry.application,
            "fees_description": entry.fees,
        }
    )
    values: dict[str, Any] = {
        **columns,
        "translations": translations,
        "organization_id": demo_organization_id(entry.organization),
        "email": f"{entry.organization}@{liberec.EMAIL_DOMAIN}",
        "status": "active",
        "is_free": entry.fees is None,
        "minimum_age": entry.minimum_age,
        "maximum_age": entry.maximum_age,
        "closed_on_public_holidays": not entry.open_on_public_holidays,
        "reviewed_at": _moment(today - timedelta(days=entry.reviewed_days_ago), _REVIEWED_AT),
        "reviewed_by_id": None,
    }
    return _upsert(Service, demo_service_id(entry.key), values)


def _save_parts(
    service: Service, entry: directory.DemoService, references: _References, today: date, existing: _Existing
) -> None:
    key = entry.key

    def _sync(model: type[models.Model], service: Service, rows: Mapping[uuid.UUID, Mapping[str, Any]]) -> None:
        _sync_records(model, service, rows, existing)

    _sync(
        ServiceNeed,
        service,
        {_part_id(key, "need", code): {"term_id": references.terms[code].pk} for code in entry.needs},
    )
    _sync(
        ServiceEligibility,
        service,
        {
            _part_id(key, "status", code): {"residence_status_id": references.statuses[code].pk}
            for code in entry.statuses
        },
    )
    _sync(
        ServiceArea,
        service,
        {_part_id(key, "area", code): {"unit_id": references.units[code].pk} for code in entry.areas},
    )
    _sync(
        ServiceAtLocation,
        service,
        {
            _part_id(key, "at", place): {"location_id": demo_location_id(place), "description": ""}
            for place in entry.locations
        },
    )
    _sync(Language, service, {_part_id(key, "language", code): {"code": code} for code in entry.languages})
    _sync(
        Phone,
        service,
        {
            _part_id(key, "phone"): {
                "number": phonenumbers.format_number(
                    phonenumbers.parse(entry.phone), phonenumbers.PhoneNumberFormat.E164
                ),
                "type": "voice",
            }
        },
    )
    _sync(Schedule, service, _schedules(entry, today))
    _sync(
        ServiceCapacity,
        service,
        {
            _part_id(key, "capacity", place.unit): {
                "unit_id": references.capacity_units[place.unit].pk,
                "available": place.available,
                "maximum": place.maximum,
                "updated_at": _moment(today - timedelta(days=place.updated_days_ago), _CAPACITY_UPDATED_AT),
                "updated_by_id": None,
            }
            for place in entry.capacity
        },
    )


def _schedules(entry: directory.DemoService, today: date) -> dict[uuid.UUID, dict[str, Any]]:
    rows: dict[uuid.UUID, dict[str, Any]] = {}
    for interval in entry.hours:
        note = _in_site_language(interval.note)
        for day in interval.days:
            rows[_part_id(entry.key, "hours", day, interval.opens)] = {
                "is_exception": False,
                "weekday": day,
                "opens_at": time.fromisoformat(interval.opens),
                "closes_at": time.fromisoformat(interval.closes),
                "valid_from": None,
                "valid_to": None,
                "description": note,
            }
    for exception in entry.exceptions:
        start, end, opens, closes = _exception_dates(exception, today)
        rows[_part_id(entry.key, "exception", exception)] = {
            "is_exception": True,
            "weekday": None,
            "opens_at": opens,
            "closes_at": closes,
            "valid_from": start,
            "valid_to": end,
            "description": _in_site_language(_EXCEPTION_NOTES[exception]),
        }
    return rows


def _exception_dates(exception: str, today: date) -> tuple[date, date, time | None, time | None]:
    """Return the coming dates of an exception (or the current ones, while it lasts)."""
    christmas_year = today.year if today >= date(today.year, 1, 2) else today.year - 1
    if exception == directory.CHRISTMAS:
        return date(christmas_year, 12, 23), date(christmas_year + 1, 1, 1), None, None
    if exception == directory.CHRISTMAS_EVE_EVE:
        day = date(christmas_year, 12, 22)
        return day, day, time(8), time(12)
    if exception == directory.SUMMER_BREAK:
        year = today.year if today <= date(today.year, 8, 31) else today.year + 1
        return date(year, 7, 1), date(year, 8, 31), None, None
    if exception == directory.TRAINING_DAY:
        next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
        friday = next_month + timedelta(days=(4 - next_month.weekday()) % 7)
        return friday, friday, None, None
    raise ValueError(exception)


def _in_site_language(text: directory.Text | None) -> str:
    if text is None:
        return ""
    return text.by_language().get(site_language(), text.cs)


def _moment(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _upsert(model: type[Any], pk: uuid.UUID, values: Mapping[str, Any]) -> tuple[Any, bool]:
    """Create the record with this id, or write the values that differ; say whether it was created."""
    instance = model.objects.filter(pk=pk).first()
    if instance is None:
        return model.objects.create(pk=pk, **values), True
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=[_field_name(model, name) for name in changed])
    return instance, False


def _sync_records(
    model: type[models.Model],
    service: Service,
    rows: Mapping[uuid.UUID, Mapping[str, Any]],
    existing: _Existing,
) -> None:
    """Make a service's records of one kind exactly these rows, keyed by their stable ids."""
    current = existing.of(model, service)
    stale = [pk for pk in current if pk not in rows]
    if stale:
        model._default_manager.filter(pk__in=stale).delete()
    for pk, values in rows.items():
        record = current.get(pk)
        if record is None:
            existing.add(model(pk=pk, service_id=service.pk, **values))
            continue
        changed = [name for name, value in values.items() if getattr(record, name) != value]
        if changed:
            for name in changed:
                setattr(record, name, values[name])
            record.save(update_fields=[_field_name(model, name) for name in changed])


def _field_name(model: type[models.Model], attname: str) -> str:
    """Return the field's name for `update_fields` (`term` for `term_id`)."""
    return next((f.name for f in model._meta.concrete_fields if f.attname == attname), attname)
