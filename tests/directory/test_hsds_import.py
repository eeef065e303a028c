"""HSDS import: the official examples, HSDS 3.1 capacity, and every kind of bad input."""

import copy
import csv
import io
import json
import shutil
import uuid
import zipfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from spojka.directory.hsds.export import directory_as_hsds, export_tabular
from spojka.directory.hsds.importer import import_hsds
from spojka.directory.hsds.report import ImportReport
from spojka.directory.models import (
    CapacityUnit,
    Location,
    Schedule,
    Service,
    ServiceCapacity,
    ServiceNeed,
    TaxonomyTerm,
)
from spojka.network.models import Organization
from tests.directory.factories import ServiceFactory
from tests.directory.hsds_support import EXAMPLES, build_directory, wipe_directory

pytestmark = pytest.mark.django_db

SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"
ORGANIZATION_ID = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"


def example(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text())


def as_bytes(document: Any) -> bytes:
    return json.dumps(document).encode()


def problems(report: ImportReport) -> set[tuple[str, str]]:
    """Return (record type, field) of every problem."""
    return {(problem.record, problem.field) for problem in report.problems}


def nothing_written() -> bool:
    return not (Service.objects.exists() or Location.objects.exists() or TaxonomyTerm.objects.exists())


# The official examples.


@pytest.mark.parametrize("name", ["organization_full.json", "service_full.json", "service_at_location_full.json"])
def test_official_json_example_imports(name: str) -> None:
    report = import_hsds(EXAMPLES / name)
    assert report.problems == []
    service = Service.objects.get(id=SERVICE_ID)
    assert service.name == "Community Counselling"
    assert service.organization_id == uuid.UUID(ORGANIZATION_ID)
    assert service.minimum_age == 12
    assert ServiceNeed.objects.filter(service=service).count() == 1
    assert service.at_locations.count() == 1
    # The weekly schedule on Thursdays and Fridays becomes one row per day (the example nests the
    # same schedule in the service, its location and the service at the location: it is one record).
    assert Schedule.objects.count() == 2
    # What Spojka does not keep (programs, funding, metadata…) is noted, not refused.
    assert any(warning.record == "funding" for warning in report.warnings)


def test_official_example_reimport_is_idempotent() -> None:
    first = import_hsds(EXAMPLES / "organization_full.json")
    assert first.totals.created > 10
    second = import_hsds(EXAMPLES / "organization_full.json")
    assert second.problems == []
    assert second.totals.created == second.totals.updated == second.totals.removed == 0
    assert second.totals.unchanged == first.totals.created


def test_official_tabular_example_reports_its_four_dangling_references(tmp_path: Path) -> None:
    report = import_hsds(EXAMPLES / "csv")
    assert {(problem.record, problem.field, problem.where) for problem in report.problems} == {
        ("location", "organization_id", "locations.csv, row 2"),
        ("contact", "organization_id", "contacts.csv, row 2"),
        ("contact", "service_at_location_id", "contacts.csv, row 2"),
        ("taxonomy_term", "taxonomy_id", "taxonomy_terms.csv, row 2"),
    }
    assert nothing_written()
    assert not Organization.objects.exists()


def _fixed_tabular_example(target: Path) -> Path:
    """Copy the official CSV example with its four dangling references pointed at real records."""
    shutil.copytree(EXAMPLES / "csv", target)
    replacements = {
        "985e4a42-bd9f-4edc-911d-0243a4640aca": ORGANIZATION_ID,
        "ae67a707-5893-4225-b0b1-320ab9cb596b": ORGANIZATION_ID,
        "93eaf18d-1cd2-4ec7-bffb-3c9172ee5070": "e94c9f38-1e8f-4564-91d4-d53501ab1765",
        "07ff6aee-a219-438c-b694-d2fcb6c5373b": "5c4d79d7-cc55-470e-9f1f-8cad074e4892",
    }
    for path in target.glob("*.csv"):
        text = path.read_text()
        for old, new in replacements.items():
            text = text.replace(old, new)
        path.write_text(text)
    return target


def test_official_tabular_example_imports_once_its_references_are_fixed(tmp_path: Path) -> None:
    folder = _fixed_tabular_example(tmp_path / "csv")
    report = import_hsds(folder)
    assert report.problems == []
    assert report.source_format == "tabular"
    assert Service.objects.get(id=SERVICE_ID).name == "Community Counselling"
    again = import_hsds(folder)
    assert again.totals.created == again.totals.updated == 0


def test_tabular_zip_with_a_folder_inside_imports(tmp_path: Path) -> None:
    folder = _fixed_tabular_example(tmp_path / "csv")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in folder.iterdir():
            archive.write(path, f"package/{path.name}")
    report = import_hsds(buffer.getvalue(), name="upload.zip")
    assert report.problems == []
    assert Service.objects.filter(id=SERVICE_ID).exists()


# HSDS 3.1.


def test_hsds_3_1_capacity_is_accepted() -> None:
    document = example("service_full.json")
    document["capacities"] = [
        {
            "id": "0b6f3b8e-8d0e-4b5a-9a57-4d1c3f3e1a01",
            "unit": {
                "id": "0b6f3b8e-8d0e-4b5a-9a57-4d1c3f3e1a02",
                "name": "Beds",
                "scheme": "SNOMED",
                "identifier": "229772003",
            },
            "available": 4,
            "maximum": 12,
            "description": "Emergency beds",
            "updated": "2026-11-01T10:00:00Z",
        }
    ]
    document["additional_urls"] = [{"id": "0b6f3b8e-8d0e-4b5a-9a57-4d1c3f3e1a03", "url": "https://example.com"}]
    report = import_hsds(as_bytes(document))
    assert report.problems == []
    assert report.version == "3.1"
    capacity = ServiceCapacity.objects.get(service_id=SERVICE_ID)
    assert (capacity.available, capacity.maximum) == (4, 12)
    assert CapacityUnit.objects.get(id=capacity.unit_id).labels == {"cs": "Beds"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"available": -1}, "available"),
        ({"available": 20, "maximum": 10}, "available"),
        ({"available": 2.5}, "available"),
        ({"available": "many"}, "available"),
        ({"updated": "soon"}, "updated"),
    ],
)
def test_bad_capacity_is_refused(change: dict[str, Any], field: str) -> None:
    document = example("service_full.json")
    document["capacities"] = [
        {
            "id": "0b6f3b8e-8d0e-4b5a-9a57-4d1c3f3e1a01",
            "unit": {"id": "0b6f3b8e-8d0e-4b5a-9a57-4d1c3f3e1a02", "name": "Beds"},
            "available": 4,
            "updated": "2026-11-01T10:00:00Z",
        }
        | change
    ]
    report = import_hsds(as_bytes(document))
    assert ("service_capacity", field) in problems(report)
    assert nothing_written()


# Not HSDS, broken files.


@pytest.mark.parametrize(
    "content",
    [
        b'{"id": "ac148810-d857-441c-9679-408f346de14b", "name": ',
        b"\xff\xfe not text",
        b"[]",
        b"42",
        b'{"hello": "world"}',
    ],
)
def test_file_that_is_not_hsds_json_is_refused(content: bytes) -> None:
    report = import_hsds(content, name="upload.json")
    assert report.problems
    assert report.problems[0].record == "dataset"
    assert nothing_written()


def test_broken_json_names_line_and_column() -> None:
    report = import_hsds(b'[\n  {"id": "x",\n  "name" "y"}\n]', name="upload.json")
    assert "line 3" in report.problems[0].where


def test_csv_package_without_datapackage_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    shutil.copytree(EXAMPLES / "csv", folder)
    (folder / "datapackage.json").unlink()
    report = import_hsds(folder)
    assert report.problems[0].where == "datapackage.json"


def test_broken_zip_is_refused() -> None:
    report = import_hsds(b"PK\x03\x04 this is not a zip", name="upload.zip")
    assert report.problems
    assert report.problems[0].record == "dataset"


def test_broken_csv_reports_file_and_row(tmp_path: Path) -> None:
    build_directory()
    export_tabular(tmp_path / "csv")
    wipe_directory()
    services = tmp_path / "csv" / "services.csv"
    services.write_text(services.read_text() + 'a,b,"unterminated\n')
    (tmp_path / "csv" / "phones.csv").write_bytes(b"id,number\n\xff\xfe,1\n")
    report = import_hsds(tmp_path / "csv")
    wheres = {problem.where for problem in report.problems}
    assert any(where.startswith("services.csv, row") for where in wheres)
    assert "phones.csv" in wheres
    assert nothing_written()


# Invalid values and unknown references: every problem is listed, nothing is written.


def test_every_invalid_value_is_reported_with_its_record_and_field() -> None:
    document = example("organization_full.json")
    service = document["services"][0]
    service["status"] = "open"  # bad enum
    service["email"] = "not an e-mail"
    service["minimum_age"] = -3
    service["url"] = "not a url"
    service["schedules"][0]["opens_at"] = "25:99"  # bad time
    service["schedules"][0]["valid_from"] = "2026-13-45"  # bad date
    service["phones"][0]["id"] = "not-a-uuid"  # bad uuid
    service["phones"][0]["type"] = "pigeon"
    service["cost_options"][0]["amount"] = -5
    document["locations"][0]["location_type"] = "imaginary"
    report = import_hsds(as_bytes(document))
    found = problems(report)
    assert {
        ("service", "status"),
        ("service", "email"),
        ("service", "minimum_age"),
        ("phone", "id"),
        ("location", "location_type"),
        ("cost_option", "amount"),
    } <= found
    assert ("schedule", "opens_at") in found or ("schedule", "valid_from") in found
    for problem in report.problems:
        assert problem.where.startswith("$")
    assert nothing_written()
    assert not Organization.objects.exists()


def test_schedule_with_bad_times_and_days_is_reported() -> None:
    document = example("service_full.json")
    schedule = document["schedules"][0]
    schedule |= {
        "opens_at": "18:00",
        "closes_at": "09:00",
        "byday": "MO",
        "valid_from": "2026-01-01",
        "valid_to": "2026-12-31",
    }
    second = copy.deepcopy(schedule) | {
        "id": str(uuid.uuid4()),
        "byday": "XX",
        "opens_at": "09:00",
        "closes_at": "10:00",
    }
    third = copy.deepcopy(schedule) | {"id": str(uuid.uuid4()), "opens_at": "9 o'clock", "closes_at": "10:00"}
    document["schedules"] += [second, third]
    report = import_hsds(as_bytes(document))
    messages = {(problem.record_id, problem.field) for problem in report.problems}
    assert (schedule["id"], "closes_at") in messages
    assert (second["id"], "byday") in messages
    assert (third["id"], "opens_at") in messages
    assert nothing_written()


def test_unknown_references_are_reported() -> None:
    document = example("service_full.json")
    del document["organization"]
    document["organization_id"] = str(uuid.uuid4())
    document["attributes"][0].pop("taxonomy_term")
    document["attributes"][0]["taxonomy_term_id"] = str(uuid.uuid4())
    document["service_at_locations"][0].pop("location")
    document["service_at_locations"][0]["location_id"] = str(uuid.uuid4())
    report = import_hsds(as_bytes(document))
    assert {
        ("service", "organization_id"),
        ("attribute", "taxonomy_term_id"),
        ("service_at_location", "location_id"),
    } <= problems(report)
    assert nothing_written()


def test_unknown_references_in_csv_name_the_row(tmp_path: Path) -> None:
    build_directory()
    export_tabular(tmp_path / "csv")
    wipe_directory()
    path = tmp_path / "csv" / "service_at_location.csv"
    rows = list(csv.DictReader(path.open()))
    rows[0]["location_id"] = str(uuid.uuid4())
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = import_hsds(tmp_path / "csv")
    assert [(problem.record, problem.field, problem.where) for problem in report.problems] == [
        ("service_at_location", "location_id", "service_at_location.csv, row 2")
    ]
    assert nothing_written()


def test_translations_must_be_texts_by_language() -> None:
    document = example("service_full.json")
    document["translations"] = {"uk": "Назва"}
    report = import_hsds(as_bytes(document))
    assert ("service", "translations") in problems(report)


def test_translations_of_the_ui_languages_are_imported() -> None:
    document = example("service_full.json")
    document["translations"] = {"uk": {"name": "Консультації"}, "xx": {"name": "?"}}
    report = import_hsds(as_bytes(document))
    assert report.problems == []
    assert Service.objects.get(id=SERVICE_ID).translations == {"uk": {"name": "Консультації"}}
    assert any(warning.field == "translations" for warning in report.warnings)


def test_municipality_is_matched_by_postcode_and_town_but_never_required() -> None:
    data = build_directory()
    document = example("service_full.json")
    # The example nests the location twice (in the organisation and in the service at location).
    for location in (document["service_at_locations"][0]["location"], document["organization"]["locations"][0]):
        location["addresses"][0] |= {"city": "Liberec", "postal_code": "46001"}
    report = import_hsds(as_bytes(document))
    assert report.problems == []
    location_id = document["service_at_locations"][0]["location"]["id"]
    assert Location.objects.get(id=location_id).municipality == data["town"]


# Writing.


def test_dry_run_counts_but_writes_nothing() -> None:
    report = import_hsds(EXAMPLES / "organization_full.json", dry_run=True)
    assert report.problems == []
    assert not report.written
    assert report.counts["service"].created == 1
    assert nothing_written()


def test_import_reindexes_touched_services_on_commit(django_capture_on_commit_callbacks: Any) -> None:
    with (
        mock.patch("spojka.directory.search.index.reindex_services") as reindex,
        django_capture_on_commit_callbacks(execute=True),
    ):
        import_hsds(EXAMPLES / "organization_full.json")
    assert uuid.UUID(SERVICE_ID) in list(reindex.call_args.kwargs["service_ids"])


def test_import_records_the_change_history() -> None:
    from spojka.directory.history import service_history

    import_hsds(EXAMPLES / "organization_full.json")
    assert service_history(service_id=SERVICE_ID).exists()


def test_a_service_cannot_move_to_another_organisation() -> None:
    existing = ServiceFactory()
    document = example("organization_full.json")
    document["services"][0]["id"] = str(existing.id)
    report = import_hsds(as_bytes(document))
    assert ("service", "id") in problems(report)
    assert Service.objects.get(id=existing.id).organization_id == existing.organization_id


def test_export_import_of_a_changed_service_keeps_other_organisations() -> None:
    build_directory()
    other = ServiceFactory(name="Cizí služba")
    organizations = [item for item in directory_as_hsds() if item["id"] != str(other.organization_id)]
    report = import_hsds(as_bytes(organizations))
    assert report.problems == []
    assert Service.objects.filter(id=other.id).exists()


# The command.


def test_import_command_prints_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("import_hsds", str(EXAMPLES / "organization_full.json"))
    out = capsys.readouterr().out
    assert "Imported" in out
    assert "service: 1 created" in out


def test_import_command_lists_problems_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = example("service_full.json")
    document["status"] = "open"
    (tmp_path / "bad.json").write_text(json.dumps(document))
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_hsds", str(tmp_path / "bad.json"))
    assert "status" in capsys.readouterr().err
    assert nothing_written()


def test_import_command_dry_run(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("import_hsds", str(EXAMPLES / "service_full.json"), dry_run=True)
    assert "nothing written" in capsys.readouterr().out
    assert nothing_written()
