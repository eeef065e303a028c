"""The read-only HSDS API: shapes valid against the official schemas, paging, filters, errors."""

import uuid
from typing import Any

import pytest
from django.test import Client

from spojka.directory.hsds import schemas
from spojka.directory.hsds.serialize import residence_taxonomy_id
from tests.directory.factories import ServiceFactory
from tests.directory.hsds_support import build_directory

pytestmark = pytest.mark.django_db

PAGE_FIELDS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def get(client: Client, url: str, **params: Any) -> Any:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_root_names_the_version_and_profile(client: Client) -> None:
    body = get(client, "/hsds/")
    assert body["version"] == "3.0"
    assert body["profile"].startswith("https://")
    assert body["openapi_url"].startswith("https://")


def test_services_list_is_a_page_of_valid_list_items(client: Client) -> None:
    data = build_directory()
    body = get(client, "/hsds/services")
    assert set(body) == PAGE_FIELDS
    assert body["total_items"] == 2
    assert body["first_page"]
    assert body["last_page"]
    assert not body["empty"]
    for item in body["contents"]:
        assert schemas.errors(item, "compiled/service_list") == []
        assert "phones" not in item
    assert {item["id"] for item in body["contents"]} == {str(data["service"].id), str(data["shelter"].id)}


def test_service_by_id_is_fully_nested_and_valid(client: Client) -> None:
    data = build_directory()
    body = get(client, f"/hsds/services/{data['service'].id}")
    assert schemas.errors(body, "service") == []
    assert body["organization"]["id"] == str(data["organization"].id)
    assert body["capacities"][0]["available"] == 3
    assert schemas.errors(body["capacities"][0], "service_capacity", "3.1.1") == []
    assert "updated_by" not in str(body)
    assert "reviewed_by" not in str(body)


def test_services_full_and_minimal(client: Client) -> None:
    build_directory()
    full = get(client, "/hsds/services", full="true")
    for item in full["contents"]:
        assert schemas.errors(item, "service") == []
    minimal = get(client, "/hsds/services", minimal="true")
    assert all(set(item) == {"id", "last_modified"} for item in minimal["contents"])


def test_services_paging(client: Client) -> None:
    build_directory()
    ServiceFactory.create_batch(3)
    first = get(client, "/hsds/services", per_page=2)
    assert (first["total_items"], first["total_pages"], first["size"], first["page_number"]) == (5, 3, 2, 1)
    assert first["first_page"]
    assert not first["last_page"]
    last = get(client, "/hsds/services", per_page=2, page=3)
    assert last["size"] == 1
    assert last["last_page"]
    assert not last["first_page"]
    beyond = get(client, "/hsds/services", per_page=2, page=9)
    assert beyond["empty"]
    assert beyond["contents"] == []


def test_services_filters_are_cumulative(client: Client) -> None:
    data = build_directory()
    other = ServiceFactory(name="Jiná služba")
    by_term = get(client, "/hsds/services", taxonomy_term_id=str(data["legal"].id))
    assert [item["id"] for item in by_term["contents"]] == [str(data["service"].id)]
    by_status = get(client, "/hsds/services", taxonomy_term_id=str(data["status"].id))
    assert [item["id"] for item in by_status["contents"]] == [str(data["service"].id)]
    by_taxonomy = get(client, "/hsds/services", taxonomy_id=str(data["legal"].taxonomy_id))
    assert len(by_taxonomy["contents"]) == 2
    by_residence = get(client, "/hsds/services", taxonomy_id=residence_taxonomy_id("CZ"))
    assert len(by_residence["contents"]) == 1
    by_organization = get(client, "/hsds/services", organization_id=str(other.organization_id))
    assert [item["id"] for item in by_organization["contents"]] == [str(other.id)]
    both = get(
        client, "/hsds/services", organization_id=str(other.organization_id), taxonomy_term_id=str(data["legal"].id)
    )
    assert both["empty"]
    searched = get(client, "/hsds/services", search="Юридична")
    assert [item["id"] for item in searched["contents"]] == [str(data["service"].id)]
    assert get(client, "/hsds/services", modified_after="2999-01-01")["empty"]
    assert get(client, "/hsds/services", modified_after="2000-01-01T00:00:00Z")["total_items"] == 3


def test_organizations_list_and_detail_are_valid(client: Client) -> None:
    data = build_directory()
    body = get(client, "/hsds/organizations")
    for item in body["contents"]:
        assert schemas.errors(item, "compiled/organization_list") == []
    detail = get(client, f"/hsds/organizations/{data['organization'].id}")
    assert schemas.errors(detail, "organization") == []
    assert {item["id"] for item in detail["services"]} == {str(data["service"].id), str(data["shelter"].id)}
    assert "phones" not in detail["services"][0]
    full = get(client, f"/hsds/organizations/{data['organization'].id}", full_service="true")
    for service in full["services"]:
        assert schemas.errors(service, "service") == []
    assert get(client, "/hsds/organizations", search="integraci")["total_items"] == 1


def test_taxonomies_and_terms(client: Client) -> None:
    data = build_directory()
    taxonomies = get(client, "/hsds/taxonomies")
    assert {item["id"] for item in taxonomies["contents"]} >= {
        str(data["legal"].taxonomy_id),
        residence_taxonomy_id("CZ"),
    }
    for item in taxonomies["contents"]:
        assert schemas.errors(item, "taxonomy") == []
    assert get(client, f"/hsds/taxonomies/{data['legal'].taxonomy_id}")["code"] == "needs"
    terms = get(client, "/hsds/taxonomy_terms", taxonomy_id=str(data["legal"].taxonomy_id))
    assert len(terms["contents"]) == 2
    for item in terms["contents"]:
        assert schemas.errors(item, "taxonomy_term") == []
    assert [item["id"] for item in get(client, "/hsds/taxonomy_terms", search="юрист")["contents"]] == [
        str(data["legal"].id)
    ]
    assert get(client, "/hsds/taxonomy_terms", top_only="true")["total_items"] == 3
    term = get(client, f"/hsds/taxonomy_terms/{data['legal'].id}")
    assert term["synonyms"]["uk"] == ["юрист", "адвокат"]
    status = get(client, f"/hsds/taxonomy_terms/{data['status'].id}")
    assert status["taxonomy_id"] == residence_taxonomy_id("CZ")


def test_service_at_locations_list_and_detail(client: Client) -> None:
    data = build_directory()
    body = get(client, "/hsds/service_at_locations")
    assert body["total_items"] == 2
    for item in body["contents"]:
        assert schemas.errors(item, "compiled/service_at_location_list") == []
    at = data["service"].at_locations.get(location=data["location"])
    detail = get(client, f"/hsds/service_at_locations/{at.id}")
    assert schemas.errors(detail, "service_at_location") == []
    assert detail["location"]["addresses"][0]["postal_code"] == "460 01"
    assert detail["service"]["id"] == str(data["service"].id)
    # The service's area covers the postcode's town, so it is found at both its places.
    assert get(client, "/hsds/service_at_locations", postcode="46001")["total_items"] == 2
    assert get(client, "/hsds/service_at_locations", postcode="99999")["total_items"] == 0
    assert get(client, "/hsds/service_at_locations", postcode="46001", proximity="1000")["total_items"] == 0
    full = get(client, "/hsds/service_at_locations", full="true", organization_id=str(data["organization"].id))
    assert full["total_items"] == 2


@pytest.mark.parametrize(
    "url",
    [
        f"/hsds/services/{uuid.uuid4()}",
        "/hsds/services/not-a-uuid",
        f"/hsds/organizations/{uuid.uuid4()}",
        f"/hsds/taxonomies/{uuid.uuid4()}",
        f"/hsds/taxonomy_terms/{uuid.uuid4()}",
        f"/hsds/service_at_locations/{uuid.uuid4()}",
        "/hsds/no_such_endpoint",
    ],
)
def test_unknown_ids_answer_404_in_json(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"per_page": "100000"}, "per_page"),
        ({"per_page": "-1"}, "per_page"),
        ({"taxonomy_term_id": "nope"}, "taxonomy_term_id"),
        ({"organization_id": "123"}, "organization_id"),
        ({"modified_after": "yesterday"}, "modified_after"),
        ({"full": "maybe"}, "full"),
        ({"format": "xml"}, "format"),
    ],
)
def test_bad_parameters_answer_400_in_json(client: Client, params: dict[str, str], parameter: str) -> None:
    response = client.get("/hsds/services", params)
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == parameter


def test_bad_proximity_answers_400(client: Client) -> None:
    assert client.get("/hsds/service_at_locations", {"proximity": "10"}).status_code == 400
    assert client.get("/hsds/service_at_locations", {"postcode": "46001", "proximity": "far"}).status_code == 400


def test_writing_is_not_allowed(client: Client) -> None:
    assert client.post("/hsds/services").status_code == 405


def test_cors_preflight_is_answered(client: Client) -> None:
    response = client.options("/hsds/services")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"


def test_services_list_query_count_is_bounded(client: Client, django_assert_max_num_queries: Any) -> None:
    build_directory()
    ServiceFactory.create_batch(10)
    with django_assert_max_num_queries(4):
        client.get("/hsds/services")
    with django_assert_max_num_queries(20):
        client.get("/hsds/services", {"full": "true"})
    with django_assert_max_num_queries(6):
        client.get("/hsds/service_at_locations")


def test_full_service_query_count_does_not_grow_with_services(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    data = build_directory()
    ServiceFactory.create_batch(10, organization=data["organization"])
    with django_assert_max_num_queries(30):
        client.get(f"/hsds/organizations/{data['organization'].id}", {"full_service": "true"})
