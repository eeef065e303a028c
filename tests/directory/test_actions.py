"""The directory's write actions: what they record, what they refuse, and the reindex after commit."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from spojka.directory.actions import _common
from spojka.directory.actions.capacity import add_capacity, update_capacity
from spojka.directory.actions.contacts import normalise_phone, save_contact, save_phone
from spojka.directory.actions.locations import delete_location, save_location
from spojka.directory.actions.schedules import Interval, add_exception, remove_exception, set_opening_hours
from spojka.directory.actions.services import (
    delete_service,
    link_service_to_locations,
    mark_service_reviewed,
    save_service,
    set_service_status,
)
from spojka.directory.actions.taxonomy_edit import save_taxonomy_term
from spojka.directory.enums import ServiceStatus, Weekday
from spojka.directory.history import service_history
from spojka.directory.models import Contact, Location, Phone, Schedule, Service, ServiceCapacity
from spojka.network.enums import Role
from tests.conftest import Personas
from tests.directory.factories import (
    CapacityUnitFactory,
    LocationFactory,
    ScheduleFactory,
    ServiceCapacityFactory,
    ServiceFactory,
    TaxonomyTermFactory,
)
from tests.factories import AdministrativeUnitFactory, ResidenceStatusFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reindexed(monkeypatch: pytest.MonkeyPatch) -> list[UUID]:
    """Record the services each action asks the search index to rebuild."""
    calls: list[UUID] = []
    monkeypatch.setattr(_common, "reindex_services", lambda *, service_ids: calls.extend(service_ids))
    return calls


def _empty_service(personas: Personas) -> Service:
    return Service(organization=personas.ours)


def _save(service: Service, by: Any, **changes: Any) -> Service:
    arguments: dict[str, Any] = {
        "texts": {"cs": {"name": "Právní poradna"}},
        "needs": [],
        "residence_statuses": [],
        "areas": [],
        "languages": [],
    }
    arguments.update(changes)
    return save_service(service=service, by=by, **arguments)


def test_save_service_writes_texts_links_and_review(
    personas: Personas, reindexed: list[UUID], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    manager = personas.user(Role.ORGANIZATION_MANAGER)
    need = TaxonomyTermFactory()
    status = ResidenceStatusFactory()
    area = AdministrativeUnitFactory()
    with django_capture_on_commit_callbacks(execute=True):
        service = _save(
            _empty_service(personas),
            manager,
            texts={
                "cs": {"name": "Právní poradna", "description": "Pomůžeme."},
                "uk": {"name": "Юридична консультація", "description": ""},
                "en": {"name": "", "description": ""},
            },
            needs=[need],
            residence_statuses=[status],
            areas=[area],
            languages=["uk", "cs"],
        )
    service.refresh_from_db()
    assert service.name == "Právní poradna"
    assert service.translations == {"uk": {"name": "Юридична консультація"}}
    assert list(service.needs.all()) == [need]
    assert list(service.residence_statuses.all()) == [status]
    assert [a.unit for a in service.areas.all()] == [area]
    assert sorted(language.code for language in service.languages.all()) == ["cs", "uk"]
    assert service.reviewed_by == manager
    assert reindexed == [service.pk]


def test_save_service_replaces_links_without_duplicates(personas: Personas, reindexed: list[UUID]) -> None:
    manager = personas.user(Role.ORGANIZATION_MANAGER)
    first, second = TaxonomyTermFactory(), TaxonomyTermFactory()
    service = _save(_empty_service(personas), manager, needs=[first], languages=["uk"])
    _save(service, manager, needs=[second], languages=["uk", "ru"])
    assert list(service.needs.all()) == [second]
    assert sorted(language.code for language in service.languages.all()) == ["ru", "uk"]


def test_save_service_counts_as_a_review(personas: Personas, reindexed: list[UUID]) -> None:
    long_ago = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    service = ServiceFactory(organization=personas.ours, reviewed_at=long_ago)
    assert service.is_stale
    _save(service, personas.user(Role.ORGANIZATION_MANAGER))
    assert not service.is_stale


def test_save_service_refuses_inverted_age_range_and_writes_nothing(personas: Personas, reindexed: list[UUID]) -> None:
    service = _empty_service(personas)
    service.minimum_age, service.maximum_age = 18, 6
    with pytest.raises(ValidationError):
        _save(service, personas.user(Role.ORGANIZATION_MANAGER), needs=[TaxonomyTermFactory()])
    assert not Service.objects.exists()
    assert reindexed == []


def test_change_history_records_who_when_and_what(personas: Personas, reindexed: list[UUID]) -> None:
    manager = personas.user(Role.ORGANIZATION_MANAGER)
    service = _save(_empty_service(personas), manager)
    coordinator = personas.user(Role.REGIONAL_COORDINATOR)
    _save(service, coordinator, texts={"cs": {"name": "Poradna pro cizince"}})
    changed = [entry for entry in service_history(service_id=service.pk) if "name" in (entry.changes_dict or {})]
    latest = changed[0]
    assert latest.actor == coordinator
    assert latest.changes_dict["name"] == ["Právní poradna", "Poradna pro cizince"]
    assert latest.timestamp is not None
    assert changed[-1].actor == manager


def test_history_of_a_service_includes_its_capacity(personas: Personas, reindexed: list[UUID]) -> None:
    capacity = ServiceCapacityFactory(service__organization=personas.ours, available=3, maximum=10)
    manager = personas.user(Role.ORGANIZATION_MANAGER)
    update_capacity(capacity=capacity, available=2, maximum=10, by=manager)
    entry = service_history(service_id=capacity.service_id).first()
    assert entry is not None
    assert entry.actor == manager
    assert entry.changes_dict["available"] == ["3", "2"]


def test_withdraw_and_delete_service(personas: Personas, reindexed: list[UUID]) -> None:
    manager = personas.user(Role.ORGANIZATION_MANAGER)
    service = ServiceFactory(organization=personas.ours)
    set_service_status(service=service, status=ServiceStatus.TEMPORARILY_CLOSED, by=manager)
    assert Service.objects.get(pk=service.pk).status == ServiceStatus.TEMPORARILY_CLOSED
    service_id = service.pk
    delete_service(service=service, by=manager)
    assert not Service.objects.filter(pk=service_id).exists()
    assert LogEntry.objects.filter(object_pk=str(service_id), action=LogEntry.Action.DELETE).exists()


def test_mark_service_reviewed_clears_the_stale_flag(personas: Personas) -> None:
    service = ServiceFactory(reviewed_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    coordinator = personas.user(Role.REGIONAL_COORDINATOR)
    mark_service_reviewed(service=service, by=coordinator)
    service.refresh_from_db()
    assert not service.is_stale
    assert service.reviewed_by == coordinator


def test_location_without_coordinates_takes_the_municipality_centre(personas: Personas, reindexed: list[UUID]) -> None:
    municipality = AdministrativeUnitFactory(latitude=Decimal("50.767"), longitude=Decimal("15.056"))
    location = save_location(
        location=Location(organization=personas.ours, municipality=municipality, city="Liberec"),
        texts={"cs": {"name": "Pobočka"}, "uk": {"name": "Філія"}},
        by=personas.user(Role.ORGANIZATION_MANAGER),
    )
    assert (location.latitude, location.longitude) == (Decimal("50.767"), Decimal("15.056"))
    assert location.translations == {"uk": {"name": "Філія"}}


def test_location_keeps_its_own_coordinates(personas: Personas, reindexed: list[UUID]) -> None:
    municipality = AdministrativeUnitFactory(latitude=Decimal("50.767"), longitude=Decimal("15.056"))
    location = Location(
        organization=personas.ours, municipality=municipality, latitude=Decimal("50.1"), longitude=Decimal("15.1")
    )
    save_location(location=location, texts={"cs": {"name": "Pobočka"}}, by=personas.user(Role.ORGANIZATION_MANAGER))
    assert location.latitude == Decimal("50.1")


def test_saving_or_deleting_a_location_reindexes_its_services(
    personas: Personas, reindexed: list[UUID], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    manager = personas.user(Role.ORGANIZATION_MANAGER)
    service = ServiceFactory(organization=personas.ours)
    location = LocationFactory(organization=personas.ours)
    with django_capture_on_commit_callbacks(execute=True):
        link_service_to_locations(service=service, locations=[location], by=manager)
        save_location(location=location, texts={"cs": {"name": "Nové"}}, by=manager)
        delete_location(location=location, by=manager)
    assert reindexed == [service.pk, service.pk, service.pk]


def test_service_cannot_be_given_at_another_organisations_location(personas: Personas) -> None:
    service = ServiceFactory(organization=personas.ours)
    with pytest.raises(ValueError, match="own organisation"):
        link_service_to_locations(
            service=service,
            locations=[LocationFactory(organization=personas.theirs)],
            by=personas.user(Role.REGIONAL_COORDINATOR),
        )


def test_set_opening_hours_replaces_weekly_rows_and_keeps_exceptions(personas: Personas) -> None:
    service = ServiceFactory(organization=personas.ours)
    ScheduleFactory(service=service, weekday=Weekday.FRIDAY)
    closure = ScheduleFactory(
        service=service,
        is_exception=True,
        weekday=None,
        opens_at=None,
        closes_at=None,
        valid_from=datetime.date(2026, 12, 24),
    )
    set_opening_hours(
        service=service,
        intervals=[
            Interval(Weekday.MONDAY, datetime.time(9), datetime.time(12)),
            Interval(Weekday.MONDAY, datetime.time(13), datetime.time(17)),
        ],
        by=personas.user(Role.ORGANIZATION_MANAGER),
    )
    regular = Schedule.objects.filter(service=service, is_exception=False)
    assert [(row.weekday, row.opens_at.hour) for row in regular] == [(0, 9), (0, 13)]  # type: ignore[union-attr]
    assert Schedule.objects.filter(pk=closure.pk).exists()


@pytest.mark.parametrize(
    "intervals",
    [
        [Interval(Weekday.MONDAY, datetime.time(17), datetime.time(9))],
        [
            Interval(Weekday.MONDAY, datetime.time(9), datetime.time(13)),
            Interval(Weekday.MONDAY, datetime.time(12), datetime.time(17)),
        ],
    ],
    ids=["closing-before-opening", "overlapping"],
)
def test_invalid_opening_hours_are_refused_and_nothing_changes(personas: Personas, intervals: list[Interval]) -> None:
    service = ServiceFactory(organization=personas.ours)
    existing = ScheduleFactory(service=service)
    with pytest.raises(ValidationError):
        set_opening_hours(service=service, intervals=intervals, by=personas.user(Role.ORGANIZATION_MANAGER))
    assert list(Schedule.objects.filter(service=service)) == [existing]


def test_exceptions_are_added_and_removed(personas: Personas) -> None:
    manager = personas.user(Role.ORGANIZATION_MANAGER)
    location = LocationFactory(organization=personas.ours)
    closure = add_exception(
        location=location,
        valid_from=datetime.date(2026, 12, 24),
        valid_to=datetime.date(2026, 12, 26),
        opens_at=None,
        closes_at=None,
        note="Vánoce",
        by=manager,
    )
    special = add_exception(
        location=location,
        valid_from=datetime.date(2026, 12, 31),
        valid_to=None,
        opens_at=datetime.time(9),
        closes_at=datetime.time(12),
        note="",
        by=manager,
    )
    assert closure.is_closure
    assert not special.is_closure
    remove_exception(exception=closure, by=manager)
    assert list(Schedule.objects.filter(location=location)) == [special]


def test_exception_with_dates_out_of_order_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="last day"):
        add_exception(
            service=ServiceFactory(),
            valid_from=datetime.date(2026, 12, 24),
            valid_to=datetime.date(2026, 12, 1),
            opens_at=None,
            closes_at=None,
            note="",
            by=personas.user(Role.ORGANIZATION_MANAGER),
        )
    assert not Schedule.objects.exists()


def test_phone_is_normalised_to_e164() -> None:
    assert normalise_phone("485 123 456") == "+420485123456"
    assert normalise_phone("+380 44 123 4567") == "+380441234567"


def test_invalid_phone_is_refused_with_a_clear_message_and_nothing_saved(personas: Personas) -> None:
    service = ServiceFactory(organization=personas.ours)
    with pytest.raises(ValidationError) as raised:
        save_phone(phone=Phone(service=service, number="12"), by=personas.user(Role.ORGANIZATION_MANAGER))
    assert "is not a valid phone number" in raised.value.messages[0]
    assert not Phone.objects.exists()


def test_contact_needs_a_name_or_email(personas: Personas) -> None:
    service = ServiceFactory(organization=personas.ours)
    with pytest.raises(ValidationError):
        save_contact(contact=Contact(service=service), by=personas.user(Role.ORGANIZATION_MANAGER))
    saved = save_contact(contact=Contact(service=service, name="Olena"), by=personas.user(Role.ORGANIZATION_MANAGER))
    assert saved.pk is not None


def test_update_capacity_records_who_and_when(personas: Personas, reindexed: list[UUID]) -> None:
    capacity = ServiceCapacityFactory(available=5, maximum=10)
    manager = personas.user(Role.ORGANIZATION_MANAGER)
    before = capacity.updated_at
    update_capacity(capacity=capacity, available=0, maximum=12, by=manager)
    capacity.refresh_from_db()
    assert (capacity.available, capacity.maximum, capacity.updated_by) == (0, 12, manager)
    assert capacity.updated_at > before


@pytest.mark.parametrize(
    ("available", "maximum", "message"),
    [(11, 10, "more free places"), (-1, 10, "negative"), (1, -5, "negative")],
)
def test_invalid_capacity_is_refused_and_nothing_saved(
    personas: Personas, available: int, maximum: int, message: str
) -> None:
    capacity = ServiceCapacityFactory(available=5, maximum=10)
    with pytest.raises(ValidationError, match=message):
        update_capacity(
            capacity=capacity, available=available, maximum=maximum, by=personas.user(Role.ORGANIZATION_MANAGER)
        )
    capacity.refresh_from_db()
    assert (capacity.available, capacity.maximum) == (5, 10)


def test_add_capacity_creates_or_updates_the_unit(personas: Personas) -> None:
    service = ServiceFactory()
    unit = CapacityUnitFactory()
    manager = personas.user(Role.ORGANIZATION_MANAGER)
    add_capacity(service=service, unit=unit, available=3, maximum=8, by=manager)
    add_capacity(service=service, unit=unit, available=2, maximum=8, by=manager)
    assert list(ServiceCapacity.objects.values_list("available", flat=True)) == [2]


def test_save_taxonomy_term_cleans_labels_and_synonyms(personas: Personas) -> None:
    term = TaxonomyTermFactory()
    save_taxonomy_term(
        term=term,
        labels={"cs": " Zdraví ", "uk": "Здоровʼя", "en": ""},
        synonyms={"uk": ["лікар", " лікар", ""], "ru": ["врач"], "en": []},
        by=personas.user(Role.PLATFORM_ADMIN),
    )
    term.refresh_from_db()
    assert term.labels == {"cs": "Zdraví", "uk": "Здоровʼя"}
    assert term.synonyms == {"uk": ["лікар"], "ru": ["врач"]}
