"""The directory's model: HSDS-shaped records, their constraints, staleness and what search reads."""

import datetime
import uuid
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from spojka.directory.enums import Weekday
from spojka.directory.models import STALE_AFTER, Language, Schedule, Service
from tests.directory.factories import (
    CapacityUnitFactory,
    LocationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceCapacityFactory,
    ServiceFactory,
    TaxonomyTermFactory,
)

pytestmark = pytest.mark.django_db


def test_service_identifier_is_a_stable_uuid() -> None:
    service = ServiceFactory()
    assert isinstance(service.pk, uuid.UUID)
    service.name = "Renamed"
    service.save()
    assert Service.objects.get(pk=service.pk).name == "Renamed"


def test_service_is_stale_after_six_months_without_review() -> None:
    fresh = ServiceFactory(reviewed_at=timezone.now() - STALE_AFTER + timedelta(days=1))
    stale = ServiceFactory(reviewed_at=timezone.now() - STALE_AFTER - timedelta(days=1))
    assert not fresh.is_stale
    assert stale.is_stale


def test_service_age_range_must_be_in_order() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceFactory(minimum_age=18, maximum_age=6)


def test_capacity_free_places_cannot_exceed_total() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceCapacityFactory(available=11, maximum=10)


def test_capacity_without_total_accepts_any_free_count() -> None:
    assert ServiceCapacityFactory(available=40, maximum=None).available == 40


def test_capacity_counts_once_per_unit() -> None:
    capacity = ServiceCapacityFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceCapacityFactory(service=capacity.service, unit=capacity.unit)


def test_capacity_unit_has_a_name_in_the_active_language() -> None:
    assert CapacityUnitFactory(code="bed").name == "bed"


def test_schedule_closing_before_opening_is_refused() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduleFactory(opens_at=datetime.time(17), closes_at=datetime.time(9))


def test_schedule_belongs_to_exactly_one_owner() -> None:
    service = ServiceFactory()
    location = LocationFactory(organization=service.organization)
    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduleFactory(service=service, location=location)


def test_schedule_exception_without_times_is_a_closure() -> None:
    closure = ScheduleFactory(
        is_exception=True, weekday=None, opens_at=None, closes_at=None, valid_from=datetime.date(2026, 12, 24)
    )
    assert closure.is_closure
    assert "2026-12-24" in str(closure)


def test_schedule_regular_row_needs_its_times() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Schedule.objects.create(service=ServiceFactory(), weekday=Weekday.MONDAY)


def test_language_belongs_to_one_owner_and_once_per_service() -> None:
    service = ServiceFactory()
    Language.objects.create(service=service, code="uk")
    with pytest.raises(IntegrityError), transaction.atomic():
        Language.objects.create(service=service, code="uk")


def test_location_writes_its_address_on_one_line() -> None:
    location = LocationFactory(address_1="Hlavní 1", address_2="", postal_code="460 01", city="Liberec")
    assert location.one_line_address == "Hlavní 1, 460 01 Liberec"


def test_service_at_location_is_unique() -> None:
    link = ServiceAtLocationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceAtLocationFactory(service=link.service, location=link.location)


def test_taxonomy_term_gives_every_word_search_matches() -> None:
    term = TaxonomyTermFactory(
        labels={"cs": "Právní poradenství", "uk": "Юридична консультація"},
        synonyms={"uk": ["юрист"], "ru": ["юрист", "адвокат"], "en": ["lawyer"]},
    )
    words = term.all_words()
    assert {"Právní poradenství", "Юридична консультація", "юрист", "адвокат", "lawyer"} <= set(words)


def test_taxonomy_term_code_is_unique_within_its_taxonomy() -> None:
    term = TaxonomyTermFactory(code="health")
    with pytest.raises(IntegrityError), transaction.atomic():
        TaxonomyTermFactory(code="health", taxonomy=term.taxonomy)


def test_service_parts_tell_history_which_service_they_belong_to() -> None:
    capacity = ServiceCapacityFactory()
    assert capacity.get_additional_data() == {"service_id": str(capacity.service_id)}
    service = capacity.service
    assert service.get_additional_data() == {
        "organization_id": str(service.organization_id),
        "service_id": str(service.pk),
    }
