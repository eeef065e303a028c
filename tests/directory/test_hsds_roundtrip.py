"""HSDS export: valid against the official schemas, and export → import → export is identical."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from spojka.directory.hsds.export import directory_as_hsds, dumps, export_json, export_tabular, tabular_files
from spojka.directory.hsds.importer import import_hsds
from spojka.directory.models import Schedule, Service, ServiceCapacity
from tests.directory.factories import LocationFactory, ScheduleFactory, ServiceAtLocationFactory, ServiceFactory
from tests.directory.hsds_support import build_directory, organization_errors, wipe_directory

pytestmark = pytest.mark.django_db


def test_export_json_validates_against_the_official_schemas(tmp_path: Path) -> None:
    build_directory()
    export_json(tmp_path / "directory.json")
    organizations = json.loads((tmp_path / "directory.json").read_text())
    assert organizations
    for organization in organizations:
        assert organization_errors(organization) == []


def test_export_json_carries_translations_capacity_and_eligibility(tmp_path: Path) -> None:
    data = build_directory()
    export_json(tmp_path / "directory.json")
    organization = json.loads((tmp_path / "directory.json").read_text())[0]
    service = next(item for item in organization["services"] if item["id"] == str(data["service"].id))
    assert service["translations"]["uk"]["name"] == "Юридична консультація"
    assert service["capacities"][0]["available"] == 3
    assert service["capacities"][0]["unit"]["code"] == "bed"
    eligibility = [item for item in service["attributes"] if item["link_type"] == "eligibility"]
    assert eligibility[0]["taxonomy_term_id"] == str(data["status"].id)
    assert organization["organization_identifiers"][0]["identifier"] == "12345678"
    assert "null" not in json.dumps(organization)


def test_export_is_deterministic(tmp_path: Path) -> None:
    build_directory()
    export_json(tmp_path / "one.json")
    export_json(tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()
    assert tabular_files() == tabular_files()


def test_json_round_trip_into_an_empty_database_is_identical(tmp_path: Path) -> None:
    build_directory()
    export_json(tmp_path / "first.json")
    wipe_directory()
    report = import_hsds(tmp_path / "first.json")
    assert report.problems == []
    assert report.written
    export_json(tmp_path / "second.json")
    assert (tmp_path / "second.json").read_text() == (tmp_path / "first.json").read_text()


def test_csv_round_trip_into_an_empty_database_is_identical(tmp_path: Path) -> None:
    build_directory()
    export_tabular(tmp_path / "first")
    wipe_directory()
    report = import_hsds(tmp_path / "first")
    assert report.problems == []
    export_tabular(tmp_path / "second")
    first = sorted(path.name for path in (tmp_path / "first").iterdir())
    assert first == sorted(path.name for path in (tmp_path / "second").iterdir())
    assert "translations.csv" in first
    assert "service_capacity.csv" in first
    for name in first:
        assert (tmp_path / "second" / name).read_bytes() == (tmp_path / "first" / name).read_bytes(), name


def test_zip_round_trip_is_identical(tmp_path: Path) -> None:
    build_directory()
    export_tabular(tmp_path / "first.zip")
    wipe_directory()
    assert import_hsds(tmp_path / "first.zip").problems == []
    export_tabular(tmp_path / "second.zip")
    assert (tmp_path / "second.zip").read_bytes() == (tmp_path / "first.zip").read_bytes()


def test_csv_export_and_json_export_describe_the_same_directory(tmp_path: Path) -> None:
    build_directory()
    export_json(tmp_path / "directory.json")
    export_tabular(tmp_path / "tables")
    wipe_directory()
    assert import_hsds(tmp_path / "tables").problems == []
    export_json(tmp_path / "again.json")
    assert (tmp_path / "again.json").read_text() == (tmp_path / "directory.json").read_text()


def test_reimport_of_the_same_export_changes_nothing(tmp_path: Path) -> None:
    build_directory()
    export_json(tmp_path / "directory.json")
    before = dumps(json.loads((tmp_path / "directory.json").read_text()))
    report = import_hsds(tmp_path / "directory.json")
    assert report.problems == []
    assert report.totals.created == report.totals.updated == report.totals.removed == 0
    assert report.totals.unchanged > 20
    export_json(tmp_path / "again.json")
    assert (tmp_path / "again.json").read_text() == before


def test_reimport_updates_in_place_and_removes_what_the_file_dropped(tmp_path: Path) -> None:
    data = build_directory()
    export_json(tmp_path / "directory.json")
    document = json.loads((tmp_path / "directory.json").read_text())
    service = next(item for item in document[0]["services"] if item["id"] == str(data["service"].id))
    service["name"] = "Právní poradna pro cizince"
    service["schedules"] = [item for item in service["schedules"] if "freq" in item]
    service["capacities"][0]["available"] = 0
    (tmp_path / "changed.json").write_text(json.dumps(document))
    report = import_hsds(tmp_path / "changed.json")
    assert report.problems == []
    assert report.counts["service"].updated == 1
    assert report.counts["schedule"].removed == 2
    assert report.counts["service_capacity"].updated == 1
    assert Service.objects.get(id=data["service"].id).name == "Právní poradna pro cizince"
    assert Schedule.objects.filter(service=data["service"], is_exception=True).count() == 0
    assert ServiceCapacity.objects.get(service=data["service"]).available == 0
    assert Service.objects.count() == 2


def test_export_command_writes_json_csv_and_zip(tmp_path: Path) -> None:
    build_directory()
    call_command("export_hsds", str(tmp_path / "out.json"), format="json", verbosity=0)
    call_command("export_hsds", str(tmp_path / "csv"), format="csv", verbosity=0)
    call_command("export_hsds", str(tmp_path / "out.zip"), format="csv", verbosity=0)
    assert json.loads((tmp_path / "out.json").read_text())[0]["services"]
    assert (tmp_path / "csv" / "datapackage.json").exists()
    assert (tmp_path / "out.zip").read_bytes()[:2] == b"PK"


def test_export_query_count_does_not_grow_with_the_directory(django_assert_max_num_queries: Any) -> None:
    data = build_directory()
    with CaptureQueriesContext(connection) as small:
        directory_as_hsds()
    for _copy in range(5):
        service = ServiceFactory(organization=data["organization"])
        ScheduleFactory(service=service)
        ServiceAtLocationFactory(service=service, location=LocationFactory(organization=data["organization"]))
    with django_assert_max_num_queries(len(small.captured_queries)):
        directory_as_hsds()
