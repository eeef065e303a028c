"""The public portal: the search page, a service's page, its poster; no login, no JavaScript needed."""

import datetime
import gzip
import re
import uuid
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries
from pytest_django.fixtures import Settings as SettingsWrapper

from spojka.directory.search.index import reindex_all
from tests.directory.factories import LocationFactory, ServiceAtLocationFactory, ServiceFactory
from tests.directory.portal_directory import Directory, build_directory

pytestmark = pytest.mark.django_db

# The results page must weigh less than this over the wire, map tiles aside.
PAGE_WEIGHT_LIMIT = 100_000


@pytest.fixture
def directory() -> Directory:
    return build_directory()


def text_of(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


def test_portal_search_page_without_query_shows_the_form(client: Client, directory: Directory) -> None:
    response = client.get("/cs/services/")
    assert response.status_code == 200
    html = text_of(response)
    assert 'name="q"' in html
    assert 'name="need"' in html
    assert 'name="municipality"' in html
    assert 'value="accommodation"' in html  # a need to choose
    assert 'value="5105"' in html  # the district of Liberec, where services are


def test_portal_search_in_ukrainian_shows_ukrainian_names(client: Client, directory: Directory) -> None:
    response = client.get("/uk/services/", {"q": "юрист"})
    html = text_of(response)
    assert response.status_code == 200
    assert "Юридична консультація для іноземців" in html
    assert f"/uk/services/{directory.legal_clinic.pk}/" in html


def test_portal_search_marks_a_name_shown_in_czech(client: Client, directory: Directory) -> None:
    html = text_of(client.get("/uk/services/", {"q": "юрист"}))
    # The legal advice has no Ukrainian name: its Czech one is marked as such, in Ukrainian.
    position = html.index("Bezplatné právní poradenství")
    assert 'lang="cs"' in html[position - 40 : position]
    assert "fallback" in html[position : position + 200]


def test_portal_search_in_czech_marks_nothing_as_fallback(client: Client, directory: Directory) -> None:
    html = text_of(client.get("/cs/services/", {"q": "právní"}))
    assert 'class="muted fallback"' not in html


def test_portal_search_params_are_bookmarkable(client: Client, directory: Directory) -> None:
    response = client.get(
        "/en/services/",
        {
            "q": "housing",
            "need": "accommodation",
            "municipality": "5105",
            "language": "en",
            "status": "temporary_protection",
        },
    )
    html = text_of(response)
    assert response.status_code == 200
    assert "Azylový dům Liberec" in html
    assert "Ubytování pro rodiny" not in html  # no English spoken there
    assert 'value="accommodation" selected' in html
    assert 'value="5105" selected' in html
    assert "km away" in html


def test_portal_search_with_garbage_params_gives_a_friendly_message(client: Client, directory: Directory) -> None:
    response = client.get(
        "/en/services/",
        {
            "q": "\x00" + "😀" * 3000,
            "municipality": "garbage",
            "need": "nope",
            "status": "?",
            "page": "-4",
            "open_now": "maybe",
        },
    )
    html = text_of(response)
    assert response.status_code == 200
    assert "We do not know this place" in html
    assert "We do not know this kind of help" in html


@pytest.mark.parametrize("page", ["0", "999", "abc", "1e9"])
def test_portal_search_with_any_page_number_answers(client: Client, directory: Directory, page: str) -> None:
    assert client.get("/cs/services/", {"q": "poradna", "page": page}).status_code == 200


def test_portal_search_open_now_on_a_public_holiday_finds_nothing(
    client: Client, directory: Directory, monkeypatch: pytest.MonkeyPatch
) -> None:
    christmas_eve = datetime.datetime(2026, 12, 24, 9, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: christmas_eve)
    html = text_of(client.get("/en/services/", {"q": "legal", "open_now": "1"}))
    assert "Legal clinic for foreigners" not in html
    assert "0 services found" in html


def test_portal_search_open_now_on_a_working_day(
    client: Client, directory: Directory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monday = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: monday)
    html = text_of(client.get("/en/services/", {"q": "legal", "open_now": "1"}))
    assert "Legal clinic for foreigners" in html
    assert "Open now" in html


def test_portal_search_works_without_javascript(
    client: Client, directory: Directory, settings: SettingsWrapper
) -> None:
    settings.MAP_TILE_URL = ""
    html = text_of(client.get("/cs/services/", {"q": "ubytování"}))
    assert "<script" not in html.replace("htmx", "")[: html.find("</main>")]
    assert 'id="portal-map"' not in html
    assert html.count('class="card result"') == 2


def test_portal_search_with_tiles_has_a_map_enhancement(
    client: Client, directory: Directory, settings: SettingsWrapper
) -> None:
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    html = text_of(client.get("/cs/services/", {"q": "ubytování"}))
    assert 'id="portal-map"' in html
    assert 'id="portal-markers"' in html
    assert "leaflet/leaflet.js" in html
    assert "spojka/map.js" in html
    assert "marker-icon.png" in html
    assert "<script>" not in html  # no inline script: markers are JSON data


def _many_services(count: int) -> None:
    for number in range(count):
        service = ServiceFactory(
            name=f"Poradna číslo {number} pro rodiny s dětmi",
            description="Poradenství, doprovod na úřady, pomoc s dokumenty a bydlením. " * 4,
        )
        location = LocationFactory(
            organization=service.organization,
            latitude=Decimal("50.76") + Decimal(number) / 1000,
            longitude=Decimal("15.05"),
        )
        ServiceAtLocationFactory(service=service, location=location)
    reindex_all()


def test_portal_results_page_weighs_under_100_kb(client: Client, settings: SettingsWrapper) -> None:
    """HTML as Django sends it (uncompressed), CSS and JS gzipped as WhiteNoise serves them in production.

    Production serves static files through WhiteNoise's CompressedManifestStaticFilesStorage,
    which sends the gzip (or smaller Brotli) copy to every browser that accepts it; HTML is
    counted uncompressed, as no middleware compresses it.
    """
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    _many_services(25)
    response = client.get("/cs/services/", {"q": "poradna rodiny"})
    html = response.content
    assert html.decode().count('class="card result"') == 20
    assets = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(rb'<script src="([^"]+)"', html)
    assert any(b"leaflet.js" in asset for asset in assets)
    total = len(html)
    for asset in assets:
        static = client.get(asset.decode())
        assert static.status_code == 200, asset
        body = b"".join(static.streaming_content) if static.streaming else static.content  # type: ignore[attr-defined]
        total += len(gzip.compress(body, compresslevel=9))
    assert total < PAGE_WEIGHT_LIMIT, f"the results page weighs {total} bytes"


def test_portal_results_page_query_count_does_not_grow_with_results(
    client: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    _many_services(25)
    client.get("/cs/services/", {"q": "poradna"})  # loads the vocabulary once per index change
    # index stamp, postings, a page of services with needs, places and capacity, opening hours
    # (country, three kinds of hours, holidays flag), and the form's choices.
    with django_assert_max_num_queries(20):
        response = client.get("/cs/services/", {"q": "poradna", "page": "2"})
    assert response.content.decode().count('class="card result"') == 5


def test_portal_service_page_shows_what_a_visitor_needs(client: Client, directory: Directory) -> None:
    response = client.get(f"/uk/services/{directory.legal_clinic.pk}/")
    html = text_of(response)
    assert response.status_code == 200
    assert "Юридична консультація для іноземців" in html
    assert "Безкоштовні консультації з юристом." in html
    assert "Poradna pro integraci" in html
    assert "українська" in html  # languages spoken, named in Ukrainian
    assert "російська" in html
    assert "<svg" in html
    assert "QR" in html
    assert f"/uk/services/{directory.legal_clinic.pk}/poster.pdf" in html
    assert "openstreetmap.org/?mlat=50.768000" in html


def test_portal_service_page_shows_closed_on_a_public_holiday(
    client: Client, directory: Directory, monkeypatch: pytest.MonkeyPatch
) -> None:
    christmas_eve = datetime.datetime(2026, 12, 24, 9, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: christmas_eve)
    html = text_of(client.get(f"/en/services/{directory.legal_clinic.pk}/"))
    assert "Closed now" in html


def test_portal_service_page_shows_a_temporarily_closed_service_as_such(client: Client, directory: Directory) -> None:
    html = text_of(client.get(f"/en/services/{directory.closed_for_now.pk}/"))
    assert "temporarily closed" in html


@pytest.mark.parametrize("kind", ["unknown", "defunct"])
def test_portal_service_page_of_a_missing_service_is_404(client: Client, directory: Directory, kind: str) -> None:
    service_id = uuid.uuid4() if kind == "unknown" else directory.retired.pk
    response = client.get(f"/cs/services/{service_id}/")
    assert response.status_code == 404
    assert client.get(f"/cs/services/{service_id}/poster.pdf").status_code == 404


def test_portal_service_page_with_a_non_uuid_is_404(client: Client) -> None:
    assert client.get("/cs/services/not-a-uuid/").status_code == 404


def test_portal_poster_is_an_a4_pdf_in_the_chosen_language(client: Client, directory: Directory) -> None:
    response = client.get(f"/uk/services/{directory.legal_clinic.pk}/poster.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in response.content  # A4
    assert b"NotoSans" in response.content


def test_home_page_has_the_portal_search_box(client: Client) -> None:
    html = text_of(client.get("/cs/"))
    assert 'action="/cs/services/"' in html
    assert 'name="q"' in html
