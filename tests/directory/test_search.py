"""Search filters, ranking by distance, opening hours and keeping the index current."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spojka.directory.enums import ServiceStatus, Weekday
from spojka.directory.models import Schedule, SearchPosting, Service
from spojka.directory.opening_hours import open_services
from spojka.directory.search.engine import PortalQuery, search, vocabulary
from spojka.directory.search.index import reindex_services
from spojka.directory.search.params import parse_portal_query
from tests.directory.factories import ScheduleFactory
from tests.directory.portal_directory import Directory, build_directory

pytestmark = pytest.mark.django_db
PRAGUE = ZoneInfo("Europe/Prague")


@pytest.fixture
def directory() -> Directory:
    return build_directory()


def found(query: PortalQuery) -> list[Service]:
    ranking = search(query)
    ids = [service_id for service_id, _ in ranking.page(0, ranking.total)]
    services = Service.objects.in_bulk(ids)
    return [services[service_id] for service_id in ids]


def test_search_by_need_finds_its_services_only(directory: Directory) -> None:
    assert set(found(PortalQuery(need=directory.housing))) == {directory.shelter, directory.family_housing}


def test_search_by_municipality_finds_services_there_and_services_for_its_region(directory: Directory) -> None:
    results = set(found(PortalQuery(place=directory.places.ceska_lipa)))
    # the legal advice is there; the job advice is there and serves the whole region anyway
    assert results == {directory.legal_advice, directory.job_advice}


def test_search_by_district_finds_services_in_its_municipalities(directory: Directory) -> None:
    results = set(found(PortalQuery(place=directory.places.liberec_district)))
    assert {directory.legal_clinic, directory.shelter, directory.family_housing, directory.czech_course} <= results
    assert directory.legal_advice not in results  # in Česká Lípa


def test_search_with_a_place_ranks_nearer_services_first(directory: Directory) -> None:
    ranking = search(PortalQuery(need=directory.housing, place=directory.places.liberec_district))
    page = ranking.page(0, 2)
    assert [service_id for service_id, _ in page] == [directory.shelter.pk, directory.family_housing.pk]
    nearest, next_nearest = page[0][1], page[1][1]
    assert nearest is not None
    assert next_nearest is not None
    assert nearest < next_nearest


def test_search_with_words_and_a_place_prefers_the_nearer_of_equal_matches(directory: Directory) -> None:
    ranking = search(PortalQuery(text="právní", place=directory.places.ceska_lipa))
    assert ranking.page(0, 1)[0][0] == directory.legal_advice.pk


def test_search_by_language_spoken(directory: Directory) -> None:
    assert found(PortalQuery(language="ru")) == [directory.legal_clinic]


def test_search_by_residence_status_keeps_services_open_to_everyone(directory: Directory) -> None:
    results = set(found(PortalQuery(residence_status=directory.protection, need=directory.legal)))
    assert directory.legal_advice not in results  # only for asylum
    assert directory.legal_clinic in results  # no restriction


def test_search_shows_temporarily_closed_but_not_defunct_or_inactive(directory: Directory) -> None:
    Service.objects.filter(pk=directory.legal_advice.pk).update(status=ServiceStatus.INACTIVE)
    reindex_services(service_ids=[directory.legal_advice.pk])
    results = set(found(PortalQuery(need=directory.legal)))
    assert results == {directory.legal_clinic, directory.closed_for_now}


def test_reindex_of_a_changed_service_finds_its_new_words(directory: Directory) -> None:
    directory.family_housing.name = "Startovací byty Chrastava"
    directory.family_housing.save()
    reindex_services(service_ids=[directory.family_housing.pk])
    assert found(PortalQuery(text="startovaci")) == [directory.family_housing]
    assert vocabulary().stamp is not None


def test_reindex_of_a_deleted_service_drops_it(directory: Directory) -> None:
    service_id = directory.shelter.pk
    directory.shelter.delete()
    reindex_services(service_ids=[service_id])
    assert not SearchPosting.objects.filter(service_id=service_id).exists()
    assert directory.shelter not in found(PortalQuery(text="azylový dům"))


def test_reindex_is_idempotent(directory: Directory) -> None:
    before = SearchPosting.objects.count()
    reindex_services(service_ids=[directory.shelter.pk, directory.shelter.pk])
    reindex_services(service_ids=[directory.shelter.pk])
    assert SearchPosting.objects.count() == before


def test_open_services_respects_weekly_hours(directory: Directory) -> None:
    monday_noon = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=PRAGUE)
    sunday_noon = datetime.datetime(2026, 11, 29, 12, 0, tzinfo=PRAGUE)
    ids = [directory.legal_clinic.pk, directory.czech_course.pk, directory.shelter.pk]
    assert open_services(ids, monday_noon) == {directory.legal_clinic.pk}
    assert open_services(ids, sunday_noon) == set()


def test_open_services_closed_on_a_public_holiday(directory: Directory) -> None:
    christmas_eve = datetime.datetime(2026, 12, 24, 10, 0, tzinfo=PRAGUE)  # a Thursday, a public holiday
    assert open_services([directory.legal_clinic.pk], christmas_eve) == set()
    Service.objects.filter(pk=directory.legal_clinic.pk).update(closed_on_public_holidays=False)
    assert open_services([directory.legal_clinic.pk], christmas_eve) == {directory.legal_clinic.pk}


def test_open_services_respects_a_closure_and_special_hours(directory: Directory) -> None:
    wednesday = datetime.date(2026, 11, 25)
    Schedule.objects.create(service=directory.legal_clinic, is_exception=True, valid_from=wednesday)
    ScheduleFactory(
        service=directory.czech_course,
        weekday=None,
        is_exception=True,
        valid_from=wednesday,
        opens_at=datetime.time(10),
        closes_at=datetime.time(11),
    )
    at = datetime.datetime.combine(wednesday, datetime.time(10, 30), tzinfo=PRAGUE)
    assert open_services([directory.legal_clinic.pk, directory.czech_course.pk], at) == {directory.czech_course.pk}


def test_open_services_uses_the_hours_of_the_location_without_own_hours(directory: Directory) -> None:
    location = directory.shelter.at_locations.get().location
    ScheduleFactory(service=None, location=location, weekday=Weekday.MONDAY)
    monday = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=PRAGUE)
    assert open_services([directory.shelter.pk], monday) == {directory.shelter.pk}


def test_search_open_now_keeps_open_services(directory: Directory, monkeypatch: pytest.MonkeyPatch) -> None:
    monday_noon = datetime.datetime(2026, 11, 23, 11, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: monday_noon)
    assert found(PortalQuery(open_now=True)) == [directory.legal_clinic]
    assert found(PortalQuery(text="kurz cestiny", open_now=True)) == []


def test_parse_portal_query_drops_unknown_values_with_a_note(directory: Directory) -> None:
    parsed = parse_portal_query(
        {"q": "x" * 5000, "need": "no-such-need", "municipality": "garbage", "status": "martian", "page": "zz"}
    )
    assert parsed.query.need is None
    assert parsed.query.place is None
    assert parsed.query.residence_status is None
    assert len(parsed.problems) == 3
    assert parsed.page == 1
    assert len(parsed.query.text) <= 200


def test_parse_portal_query_reads_a_municipality_by_code_or_id(directory: Directory) -> None:
    by_code = parse_portal_query({"municipality": "563889"})
    by_id = parse_portal_query({"municipality": str(directory.places.liberec.pk)})
    assert by_code.query.place == by_id.query.place == directory.places.liberec


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400))
def test_search_of_any_text_never_fails(directory: Directory, text: str) -> None:
    parsed = parse_portal_query({"q": text})
    search(parsed.query)


def test_reindex_directory_command_rebuilds_the_index(directory: Directory) -> None:
    SearchPosting.objects.all().delete()
    out = io.StringIO()
    call_command("reindex_directory", stdout=out)
    assert "7" in out.getvalue()  # the visible services: all but the defunct one
    assert found(PortalQuery(text="azylový dům"))[0] == directory.shelter


def test_search_ranks_only_the_best_but_counts_every_match(
    directory: Directory, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = search(PortalQuery(text="právní poradna"))
    monkeypatch.setattr("spojka.directory.search.engine.MAX_RESULTS", 2)
    ranking = search(PortalQuery(text="právní poradna"))
    assert ranking.keys == everything.keys[:2]
    assert ranking.total == everything.total > 2


def test_search_by_a_place_with_many_services_gives_the_same_results(
    directory: Directory, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_ids = set(found(PortalQuery(place=directory.places.liberec_district)))
    monkeypatch.setattr("spojka.directory.search.engine.MAX_PLACE_IDS", 0)
    assert set(found(PortalQuery(place=directory.places.liberec_district))) == by_ids
