"""Browser upload of HSDS data: a dry-run report first, then the import; managers only for their own."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from spojka.accounts.models import User
from spojka.directory.hsds.export import directory_as_hsds
from spojka.directory.models import Service
from spojka.network.enums import Role
from tests.conftest import Personas
from tests.directory.factories import ServiceFactory
from tests.directory.hsds_support import EXAMPLES

pytestmark = pytest.mark.django_db

URL = "/cs/app/directory/import/"


def upload(client: Client, document: Any, name: str = "data.json") -> Any:
    content = document if isinstance(document, bytes) else json.dumps(document).encode()
    return client.post(URL, {"file": SimpleUploadedFile(name, content)})


def organization_export(personas: Personas, organization: Any) -> list[dict[str, Any]]:
    return [item for item in directory_as_hsds() if item["id"] == str(organization.id)]


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings: Any, tmp_path: Any) -> None:
    settings.DATA_DIR = tmp_path


def test_the_url_is_the_import_page() -> None:
    assert reverse("directory:import").endswith("/app/directory/import/")


def test_checked_file_waits_outside_the_url_and_is_removed_after_import(
    personas: Personas, login: Callable[[User], Client], tmp_path: Any
) -> None:
    ServiceFactory(organization=personas.ours)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    upload(client, organization_export(personas, personas.ours))
    assert len(list((tmp_path / "hsds-uploads").iterdir())) == 1
    client.post(reverse("directory:import_confirm"))
    assert list((tmp_path / "hsds-uploads").iterdir()) == []


def test_manager_checks_then_imports_their_own_organisations_services(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    service = ServiceFactory(organization=personas.ours, name="Poradna")
    document = organization_export(personas, personas.ours)
    document[0]["services"][0]["name"] = "Poradna pro cizince"
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = upload(client, document)
    assert response.status_code == 200
    assert response.context["report"].ok
    assert response.context["report"].counts["service"].updated == 1
    assert Service.objects.get(id=service.id).name == "Poradna"  # only checked so far
    response = client.post(reverse("directory:import_confirm"))
    assert response.status_code == 200
    assert response.context["report"].written
    assert Service.objects.get(id=service.id).name == "Poradna pro cizince"


def test_manager_cannot_import_another_organisations_records(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    theirs = ServiceFactory(organization=personas.theirs, name="Jejich služba")
    ServiceFactory(organization=personas.ours)
    document = organization_export(personas, personas.ours) + organization_export(personas, personas.theirs)
    document[1]["services"][0]["name"] = "Přepsáno"
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = upload(client, document)
    report = response.context["report"]
    assert not report.ok
    refused = {(problem.record, problem.record_id) for problem in report.problems}
    assert ("organization", str(personas.theirs.id)) in refused
    assert ("service", str(theirs.id)) in refused
    assert str(personas.ours.id) not in {problem.record_id for problem in report.problems}
    assert "Přepsáno" not in response.content.decode() or "problem" in response.content.decode()
    # Nothing to confirm: the confirmation finds no checked file.
    client.post(reverse("directory:import_confirm"))
    assert Service.objects.get(id=theirs.id).name == "Jejich služba"


def test_manager_cannot_add_services_to_another_organisation(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    document = json.loads((EXAMPLES / "service_full.json").read_text())
    document["organization"]["id"] = str(personas.theirs.id)
    document["organization_id"] = str(personas.theirs.id)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    report = upload(client, document).context["report"]
    assert ("service", document["id"]) in {(problem.record, problem.record_id) for problem in report.problems}
    assert not Service.objects.filter(id=document["id"]).exists()


def test_coordinator_may_import_any_organisation(personas: Personas, login: Callable[[User], Client]) -> None:
    ServiceFactory(organization=personas.theirs)
    document = organization_export(personas, personas.theirs)
    client = login(personas.user(Role.REGIONAL_COORDINATOR))
    assert upload(client, document).context["report"].ok


def test_upload_shows_every_problem_with_record_and_field(personas: Personas, login: Callable[[User], Client]) -> None:
    service = ServiceFactory(organization=personas.ours)
    document = organization_export(personas, personas.ours)
    document[0]["services"][0]["status"] = "open"
    document[0]["services"][0]["email"] = "nope"
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = upload(client, document)
    page = response.content.decode()
    assert str(service.id) in page
    assert "status" in page
    assert "email" in page
    assert response.context["report"].problems


def test_upload_of_broken_json_and_wrong_files(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = upload(client, b"{broken", "data.json")
    assert not response.context["report"].ok
    response = upload(client, b"hello", "data.txt")
    assert response.context["report"] is None
    assert response.context["form"].errors["file"]


def test_confirm_without_a_checked_file_goes_back(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = client.post(reverse("directory:import_confirm"))
    assert response.status_code == 302


def test_caseworker_may_not_import(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.user(Role.CASEWORKER))
    assert client.get(URL).status_code == 403
