"""The Liberec demo's directory: 60+ services in three languages, loaded as often as asked."""

import math
from collections.abc import Callable
from datetime import date
from io import StringIO
from typing import Any

import phonenumbers
import pytest
from auditlog.models import LogEntry
from django.core.management import call_command

from spojka.demo import directory
from spojka.demo.actions import load_liberec_demo
from spojka.demo.directory_loader import (
    MissingDirectoryDataError,
    demo_service_id,
    load_demo_directory,
)
from spojka.directory.models import (
    STALE_AFTER,
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
)
from spojka.geo.packs import load_country_pack
from spojka.geo.packs.reader import read_pack

# Needs whose services count places: accommodation in beds, courses in places.
ACCOMMODATION = {"accommodation", "emergency-accommodation"}
COURSE_WORDS = ("kurz", "course")


def _load_prerequisites() -> None:
    load_country_pack("cz-liberec")
    load_liberec_demo(password="demo-password-for-tests")


@pytest.fixture
def demo_directory(db: None) -> None:
    _load_prerequisites()
    load_demo_directory()


# The data, without a database


def test_the_demo_has_at_least_60_services_with_unique_keys() -> None:
    keys = [entry.key for entry in directory.SERVICES]
    assert len(keys) >= 60
    assert len(set(keys)) == len(keys)
    assert len({entry.organization for entry in directory.SERVICES}) >= 15


def test_every_demo_service_speaks_czech_ukrainian_and_english() -> None:
    for entry in directory.SERVICES:
        for text in (entry.name, entry.description, entry.eligibility, entry.application):
            for language, value in text.by_language().items():
                assert value.strip(), (entry.key, language)
        assert entry.name.uk != entry.name.cs, entry.key
        assert entry.name.en != entry.name.cs, entry.key


def test_every_demo_service_has_needs_places_hours_languages_and_a_valid_phone() -> None:
    codes = {term.code for term in read_pack("cz-liberec").terms}
    places = {place.key: place for place in directory.LOCATIONS}
    for entry in directory.SERVICES:
        assert entry.needs, entry.key
        assert set(entry.needs) <= codes, entry.key
        assert entry.locations, entry.key
        assert set(entry.locations) <= places.keys(), entry.key
        assert all(places[key].organization == entry.organization for key in entry.locations), entry.key
        assert entry.hours, entry.key
        assert entry.languages, entry.key
        number = phonenumbers.parse(entry.phone)
        assert phonenumbers.is_valid_number(number), (entry.key, entry.phone)
        assert phonenumbers.region_code_for_number(number) == "CZ"


def test_accommodation_and_course_services_count_their_places() -> None:
    for entry in directory.SERVICES:
        is_accommodation = bool(ACCOMMODATION & set(entry.needs)) and "bed" in {c.unit for c in entry.capacity}
        is_course = any(word in entry.name.cs.lower() or word in entry.name.en.lower() for word in COURSE_WORDS)
        if set(entry.needs) & {"emergency-accommodation"}:
            assert is_accommodation, entry.key
        if is_course:
            assert entry.capacity, entry.key
        for capacity in entry.capacity:
            assert 0 <= capacity.available <= capacity.maximum, entry.key
    units = {c.unit for entry in directory.SERVICES for c in entry.capacity}
    assert {"bed", "course-place", "class-place"} <= units


def test_a_few_demo_services_are_stale_and_most_are_recent() -> None:
    stale = [entry.key for entry in directory.SERVICES if entry.reviewed_days_ago > STALE_AFTER.days]
    assert 3 <= len(stale) <= 4


# Loaded into the database


def test_loading_writes_every_service_with_its_parts(demo_directory: None) -> None:
    services = Service.objects.filter(pk__in=[demo_service_id(entry.key) for entry in directory.SERVICES])
    assert services.count() == len(directory.SERVICES) >= 60
    for service in services.prefetch_related("needs", "at_locations", "schedules", "languages", "phones"):
        assert service.name
        assert service.description
        for language in ("uk", "en"):
            for field in ("name", "description", "eligibility_description", "application_process"):
                assert service.text_in(field, language), (service.name, language, field)
        assert service.needs.all()
        assert service.at_locations.all()
        assert [row for row in service.schedules.all() if not row.is_exception]
        assert service.languages.all()
        for phone in service.phones.all():
            assert phone.number.startswith("+420")
            assert " " not in phone.number
            assert phonenumbers.is_valid_number(phonenumbers.parse(phone.number))
    assert ServiceEligibility.objects.filter(residence_status__code="temporary_protection").exists()
    assert ServiceArea.objects.filter(unit__code="CZ051").exists()
    assert Schedule.objects.filter(is_exception=True, opens_at__isnull=True).exists()  # closures
    assert Schedule.objects.filter(is_exception=True, opens_at__isnull=False).exists()  # shorter hours
    assert sum(service.is_stale for service in services) in (3, 4)


def test_accommodation_and_courses_have_capacity_in_the_database(demo_directory: None) -> None:
    beds = ServiceCapacity.objects.filter(unit__code="bed").select_related("service")
    assert beds.count() >= 4
    assert all(row.service.needs.filter(code__in=ACCOMMODATION).exists() for row in beds)
    assert ServiceCapacity.objects.filter(unit__code="course-place").count() >= 8
    assert ServiceCapacity.objects.filter(unit__code="class-place").exists()


def test_places_lie_near_their_municipality(demo_directory: None) -> None:
    places = Location.objects.select_related("municipality")
    assert places.count() == len(directory.LOCATIONS)
    for place in places:
        assert place.municipality is not None
        assert place.has_coordinates
        assert place.city == place.municipality.name
        assert place.address_1
        assert place.postal_code
        centre = place.municipality
        assert place.latitude is not None
        assert place.longitude is not None
        assert centre.latitude is not None
        assert centre.longitude is not None
        north_km = float(place.latitude - centre.latitude) * 111.2
        east_km = float(place.longitude - centre.longitude) * 111.2 * math.cos(math.radians(float(centre.latitude)))
        assert math.hypot(north_km, east_km) < 1.5, place.name
        assert place.text_in("name", "uk")
        assert place.text_in("name", "en")


def _snapshot() -> dict[str, list[tuple[Any, ...]]]:
    return {
        model.__name__: sorted(map(tuple, model.objects.values_list()), key=repr)
        for model in (
            Service,
            Location,
            ServiceNeed,
            ServiceEligibility,
            ServiceArea,
            ServiceAtLocation,
            Language,
            Phone,
            Schedule,
            ServiceCapacity,
        )
    }


def test_reloading_changes_nothing(demo_directory: None) -> None:
    before, entries = _snapshot(), LogEntry.objects.count()

    again = load_demo_directory()

    assert again.new_services == 0
    assert _snapshot() == before
    assert LogEntry.objects.count() == entries


def test_reloading_puts_back_what_was_changed_by_hand(demo_directory: None) -> None:
    service = Service.objects.get(pk=demo_service_id("most-pravni-poradna"))
    service.name = "Přejmenováno"
    service.save()
    service.schedules.all().delete()
    service.capacities.update(available=0)

    load_demo_directory()

    service.refresh_from_db()
    assert service.name == "Právní poradna pro cizince"
    assert service.schedules.filter(is_exception=False).count() == 4  # Monday to Thursday
    assert service.capacities.get().available == 6


def test_exceptions_are_dated_from_the_day_of_the_load(db: None) -> None:
    _load_prerequisites()

    load_demo_directory(today=date(2027, 9, 15))

    christmas = Schedule.objects.filter(
        service_id=demo_service_id("cpic-cestina-a1"), is_exception=True, valid_from__month=12
    ).get()
    assert (christmas.valid_from, christmas.valid_to) == (date(2027, 12, 23), date(2028, 1, 1))
    summer = Schedule.objects.get(service_id=demo_service_id("cpic-cestina-a1"), is_exception=True, valid_from__month=7)
    assert (summer.valid_from, summer.valid_to) == (date(2028, 7, 1), date(2028, 8, 31))
    training = Schedule.objects.get(service_id=demo_service_id("up-humanitarni-davka"), valid_from__month=10)
    assert training.valid_from == date(2027, 10, 1)  # the first Friday of October 2027


def test_loading_reindexes_the_services_after_the_commit(
    db: None, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    _load_prerequisites()
    reindexed: list[set[Any]] = []
    monkeypatch.setattr(
        "spojka.directory.search.index.reindex_services",
        lambda *, service_ids: reindexed.append(set(service_ids)),
    )

    with django_capture_on_commit_callbacks(execute=True):
        load_demo_directory()

    assert reindexed == [{demo_service_id(entry.key) for entry in directory.SERVICES}]


def test_loading_without_the_demo_organisations_says_what_to_load(db: None) -> None:
    load_country_pack("cz-liberec")

    with pytest.raises(MissingDirectoryDataError, match="load_demo"):
        load_demo_directory()


def test_loading_without_the_country_pack_says_which_pack_to_load(db: None) -> None:
    with pytest.raises(MissingDirectoryDataError, match="cz-liberec"):
        load_demo_directory()


def test_the_load_demo_command_loads_the_directory(db: None) -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)

    assert f"services {len(directory.SERVICES)} (new {len(directory.SERVICES)})" in out.getvalue()
    assert Service.objects.count() == len(directory.SERVICES)
