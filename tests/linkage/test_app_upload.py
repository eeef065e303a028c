"""A spreadsheet matched in the browser: pairs side by side, downloads, errors per line, nothing stored."""

import io
from collections.abc import Callable

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as DjangoClient
from django.urls import reverse

from spojka.accounts.models import User
from spojka.clients.models import Client
from spojka.linkage.forms import MAX_UPLOAD_BYTES
from spojka.linkage.models import BlockingKey, CandidatePair
from spojka.network.enums import Role
from tests.conftest import Personas

Login = Callable[[User], DjangoClient]

CSV = (
    "record_id,agency,given_name,family_name,birth_date,sex,nationality,document_number,phone,municipality\n"
    "1,NGO,Oleksandr,Shevchenko,1985-03-07,m,Ukrajina,FE123456,+420777123456,Liberec\n"
    "2,Town,Oleksandr,Ševčenko,7.3.1985,muž,ukrajinská,,777 123 456,Liberec\n"
    "3,NGO,Petro,Melnyk,1970-01-02,m,UA,,,Jablonec\n"
    "4,NGO,Iryna,Bondar,not a date,f,UA,,,\n"
    ",NGO,Nobody,Withoutid,,,,,,\n"
)


def _upload(browser: DjangoClient, content: bytes, **data: str) -> object:
    upload = SimpleUploadedFile("people.csv", content, content_type="text/csv")
    return browser.post(reverse("linkage:match_file"), {"file": upload, "review": "on", **data})


def test_upload_shows_the_pairs_side_by_side_and_stores_nothing(personas: Personas, login: Login) -> None:
    response = _upload(login(personas.user(Role.ORGANIZATION_MANAGER)), CSV.encode())
    content = response.content.decode()  # type: ignore[attr-defined]  # an HttpResponse
    pairs = response.context["pairs"]  # type: ignore[attr-defined]
    assert [(pair.first.record_id, pair.second.record_id) for pair in pairs] == [("1", "2")]
    assert "Ševčenko" in content
    assert "linkage-compare__differs" in content
    assert "same date of birth" in content
    assert (Client.objects.count(), CandidatePair.objects.count(), BlockingKey.objects.count()) == (0, 0, 0)


def test_upload_reports_bad_lines_in_the_users_language(personas: Personas, login: Login) -> None:
    browser = login(personas.user(Role.ORGANIZATION_MANAGER))
    upload = SimpleUploadedFile("people.csv", CSV.encode(), content_type="text/csv")
    response = browser.post("/cs/app/linkage/file/", {"file": upload})
    errors = dict(response.context["errors"])
    assert set(errors) == {5, 6}
    assert "not a date" in errors[5]


def test_upload_downloads_the_pairs_as_xlsx_and_csv(personas: Personas, login: Login) -> None:
    browser = login(personas.user(Role.ORGANIZATION_MANAGER))
    xlsx = _upload(browser, CSV.encode(), output="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active  # type: ignore[attr-defined]
    assert sheet is not None
    assert [sheet.cell(row=2, column=1).value, sheet.cell(row=2, column=2).value] == ["1", "2"]
    csv = _upload(browser, CSV.encode(), output="csv")
    text = csv.content.decode("utf-8-sig")  # type: ignore[attr-defined]
    assert text.splitlines()[1].startswith("1,2,")


def test_upload_too_large_is_refused_with_a_clear_message(personas: Personas, login: Login) -> None:
    content = b"record_id,given_name\n" + b"1,Ivan\n" * (MAX_UPLOAD_BYTES // 7 + 10)
    response = _upload(login(personas.user(Role.ORGANIZATION_MANAGER)), content)
    assert response.context["pairs"] is None  # type: ignore[attr-defined]
    assert "The file is too large" in response.content.decode()  # type: ignore[attr-defined]


def test_upload_of_a_file_that_is_not_csv_utf8_explains_why(personas: Personas, login: Login) -> None:
    browser = login(personas.user(Role.ORGANIZATION_MANAGER))
    not_utf8 = _upload(browser, "record_id,given_name\n1,Ivan\n".encode("utf-16"))
    assert "not in UTF-8" in not_utf8.content.decode()  # type: ignore[attr-defined]
    no_id = _upload(browser, b"given_name,family_name\nIvan,Melnyk\n")
    assert "no record_id column" in no_id.content.decode()  # type: ignore[attr-defined]


def test_upload_is_for_managers_only(personas: Personas, login: Login) -> None:
    response = _upload(login(personas.user(Role.CASEWORKER)), CSV.encode())
    assert response.status_code == 403  # type: ignore[attr-defined]
