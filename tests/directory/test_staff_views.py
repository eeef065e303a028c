"""The staff side of the directory in the browser's place: who may see and change what."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spojka.accounts.models import User
from spojka.directory.enums import ServiceStatus, Weekday
from spojka.directory.models import STALE_AFTER, Phone, Schedule, Service, ServiceCapacity
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
from tests.factories import AdministrativeUnitFactory

pytestmark = pytest.mark.django_db

Login = Callable[[User], Client]


@pytest.fixture(autouse=True)
def _no_search_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("spojka.directory.actions._common.reindex_services", lambda *, service_ids: None)


def _service_post(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name__cs": "Právní poradna",
        "description__cs": "Pomůžeme s pobytem.",
        "name__uk": "Юридична консультація",
        "status": ServiceStatus.ACTIVE,
        "is_free": "on",
        "response_days": "3",
        "closed_on_public_holidays": "on",
        "languages": ["uk", "cs"],
    }
    data.update(overrides)
    return data


# Who may edit what.


def test_manager_cannot_open_the_edit_page_of_another_organisations_service(personas: Personas, login: Login) -> None:
    theirs = ServiceFactory(organization=personas.theirs)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    for name in ("directory:service_edit", "directory:service_hours", "directory:service_withdraw"):
        assert client.get(reverse(name, kwargs={"service_id": theirs.pk})).status_code == 404


def test_manager_cannot_post_changes_to_another_organisations_service(personas: Personas, login: Login) -> None:
    theirs = ServiceFactory(organization=personas.theirs, name="Jejich služba")
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = client.post(reverse("directory:service_edit", kwargs={"service_id": theirs.pk}), _service_post())
    assert response.status_code == 404
    assert Service.objects.get(pk=theirs.pk).name == "Jejich služba"
    capacity = ServiceCapacityFactory(service=theirs, available=4, maximum=10)
    response = client.post(
        reverse("directory:capacity_update", kwargs={"capacity_id": capacity.pk}),
        {f"{capacity.pk}-available": "0", f"{capacity.pk}-maximum": "10"},
    )
    assert response.status_code == 404
    capacity.refresh_from_db()
    assert capacity.available == 4


def test_manager_cannot_edit_another_organisations_location(personas: Personas, login: Login) -> None:
    location = LocationFactory(organization=personas.theirs)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    assert client.get(reverse("directory:location_edit", kwargs={"location_id": location.pk})).status_code == 404
    assert client.get(reverse("directory:location_hours", kwargs={"location_id": location.pk})).status_code == 404


def test_coordinator_edits_any_organisations_service(personas: Personas, login: Login) -> None:
    theirs = ServiceFactory(organization=personas.theirs)
    client = login(personas.user(Role.REGIONAL_COORDINATOR))
    url = reverse("directory:service_edit", kwargs={"service_id": theirs.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, _service_post(name__cs="Opraveno koordinátorem"))
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.name == "Opraveno koordinátorem"
    assert theirs.reviewed_by == personas.user(Role.REGIONAL_COORDINATOR)


def test_caseworker_sees_the_directory_but_no_edit_buttons(personas: Personas, login: Login) -> None:
    service = ServiceFactory(organization=personas.ours)
    client = login(personas.user(Role.CASEWORKER))
    response = client.get(reverse("directory:service", kwargs={"service_id": service.pk}))
    assert response.status_code == 200
    assert reverse("directory:service_edit", kwargs={"service_id": service.pk}) not in response.text
    assert client.get(reverse("directory:service_edit", kwargs={"service_id": service.pk})).status_code == 403


# Creating and editing.


def test_manager_creates_a_service_of_their_organisation(personas: Personas, login: Login) -> None:
    need = TaxonomyTermFactory()
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    assert client.get(reverse("directory:service_new")).status_code == 200
    response = client.post(reverse("directory:service_new"), _service_post(needs=[str(need.pk)]))
    service = Service.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:service", kwargs={"service_id": service.pk})
    assert service.organization == personas.ours
    assert service.translations == {"uk": {"name": "Юридична консультація"}}
    assert list(service.needs.all()) == [need]


def test_service_form_requires_the_czech_name_and_saves_nothing(personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = client.post(reverse("directory:service_new"), _service_post(name__cs=""))
    assert response.status_code == 200
    assert "field--invalid" in response.text
    assert not Service.objects.exists()


def test_service_form_refuses_inverted_ages_and_saves_nothing(personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = client.post(reverse("directory:service_new"), _service_post(minimum_age="18", maximum_age="6"))
    assert response.status_code == 200
    assert "The maximum age must not be lower than the minimum age." in response.text
    assert not Service.objects.exists()


def test_service_form_shows_a_section_per_language(personas: Personas, login: Login) -> None:
    response = login(personas.user(Role.ORGANIZATION_MANAGER)).get("/en/app/directory/services/new/")
    for code in ("cs", "uk", "en", "ro"):
        assert f'name="name__{code}"' in response.text
    assert "Ukrainian" in response.text


def test_coordinator_creates_a_service_for_a_chosen_organisation(personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.REGIONAL_COORDINATOR))
    response = client.post(reverse("directory:service_new"), _service_post(organization=str(personas.theirs.pk)))
    assert response.status_code == 302
    assert Service.objects.get().organization == personas.theirs


def test_edit_links_the_service_to_its_organisations_locations(personas: Personas, login: Login) -> None:
    service = ServiceFactory(organization=personas.ours)
    location = LocationFactory(organization=personas.ours)
    other = LocationFactory(organization=personas.theirs)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    url = reverse("directory:service_edit", kwargs={"service_id": service.pk})
    assert str(other.pk) not in client.get(url).text
    client.post(url, _service_post(locations=[str(location.pk)]))
    assert [link.location for link in service.at_locations.all()] == [location]
    response = client.post(url, _service_post(locations=[str(other.pk)]))
    assert response.status_code == 200
    assert [link.location for link in service.at_locations.all()] == [location]


def test_withdraw_then_delete_a_service(personas: Personas, login: Login) -> None:
    service = ServiceFactory(organization=personas.ours)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    url = reverse("directory:service_withdraw", kwargs={"service_id": service.pk})
    client.post(url, {"status": ServiceStatus.TEMPORARILY_CLOSED})
    assert Service.objects.get(pk=service.pk).status == ServiceStatus.TEMPORARILY_CLOSED
    client.post(url, {"delete": "1"})
    assert not Service.objects.filter(pk=service.pk).exists()


# Detail and change history.


def test_service_detail_shows_the_change_history(personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    client.post(reverse("directory:service_new"), _service_post())
    service = Service.objects.get()
    client.post(
        reverse("directory:service_edit", kwargs={"service_id": service.pk}),
        _service_post(name__cs="Poradna pro cizince"),
    )
    response = client.get(f"/en/app/directory/services/{service.pk}/")
    manager = personas.user(Role.ORGANIZATION_MANAGER)
    assert manager.get_full_name() in response.text
    assert "Právní poradna" in response.text
    assert "Poradna pro cizince" in response.text
    assert "<del>Právní poradna</del>" in response.text


# Capacity in two clicks.


def test_capacity_updates_from_the_list_without_javascript(personas: Personas, login: Login) -> None:
    capacity = ServiceCapacityFactory(service__organization=personas.ours, available=5, maximum=10)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    page = client.get(reverse("directory:my_services"))
    update = reverse("directory:capacity_update", kwargs={"capacity_id": capacity.pk})
    assert f'action="{update}"' in page.text
    response = client.post(
        update,
        {f"{capacity.pk}-available": "2", f"{capacity.pk}-maximum": "10", "next": reverse("directory:my_services")},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:my_services")
    capacity.refresh_from_db()
    assert (capacity.available, capacity.updated_by) == (2, personas.user(Role.ORGANIZATION_MANAGER))


def test_capacity_updates_in_place_with_htmx(personas: Personas, login: Login) -> None:
    capacity = ServiceCapacityFactory(service__organization=personas.ours, available=5, maximum=10)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = client.post(
        reverse("directory:capacity_update", kwargs={"capacity_id": capacity.pk}),
        {f"{capacity.pk}-available": "0", f"{capacity.pk}-maximum": "10"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith("<form")
    assert 'role="status"' in response.text
    capacity.refresh_from_db()
    assert capacity.available == 0


def test_capacity_over_the_total_is_refused_with_a_message(personas: Personas, login: Login) -> None:
    capacity = ServiceCapacityFactory(service__organization=personas.ours, available=5, maximum=10)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = client.post(
        "/en" + reverse("directory:capacity_update", kwargs={"capacity_id": capacity.pk})[3:],
        {f"{capacity.pk}-available": "12", f"{capacity.pk}-maximum": "10"},
        headers={"HX-Request": "true"},
    )
    assert "There cannot be more free places (12) than places in total (10)." in response.text
    capacity.refresh_from_db()
    assert capacity.available == 5


def test_negative_capacity_is_refused_without_javascript(personas: Personas, login: Login) -> None:
    capacity = ServiceCapacityFactory(service__organization=personas.ours, available=5, maximum=10)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = client.post(
        reverse("directory:capacity_update", kwargs={"capacity_id": capacity.pk}),
        {f"{capacity.pk}-available": "-3", f"{capacity.pk}-maximum": "10"},
        follow=True,
    )
    assert response.status_code == 200
    assert "message--error" in response.text
    capacity.refresh_from_db()
    assert capacity.available == 5


def test_capacity_is_added_on_the_service_page(personas: Personas, login: Login) -> None:
    service = ServiceFactory(organization=personas.ours)
    unit = CapacityUnitFactory()
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    client.post(
        reverse("directory:capacity_add", kwargs={"service_id": service.pk}),
        {"add-unit": str(unit.pk), "add-available": "3", "add-maximum": "20"},
    )
    assert ServiceCapacity.objects.get(service=service).available == 3


# Phones and opening hours.


def test_invalid_phone_is_refused_with_a_clear_message(personas: Personas, login: Login) -> None:
    service = ServiceFactory(organization=personas.ours)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    url = "/en" + reverse("directory:phone_add", kwargs={"service_id": service.pk})[3:]
    response = client.post(url, {"phone-number": "call us", "phone-type": "voice"}, follow=True)
    assert "call us is not a valid phone number" in response.text
    assert not Phone.objects.exists()
    client.post(url, {"phone-number": "485 123 456", "phone-type": "voice"})
    assert Phone.objects.get().number == "+420485123456"


def _hours_post(rows: list[tuple[str, str, str]]) -> dict[str, str]:
    data = {"hours-TOTAL_FORMS": str(len(rows)), "hours-INITIAL_FORMS": "0"}
    for index, (day, opens, closes) in enumerate(rows):
        data |= {f"hours-{index}-weekday": day, f"hours-{index}-opens_at": opens, f"hours-{index}-closes_at": closes}
    return data


def test_opening_hours_are_saved_with_several_intervals_a_day(personas: Personas, login: Login) -> None:
    service = ServiceFactory(organization=personas.ours)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    url = reverse("directory:service_hours", kwargs={"service_id": service.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, _hours_post([("0", "09:00", "12:00"), ("0", "13:00", "17:00"), ("", "", "")]))
    assert response.status_code == 302
    assert Schedule.objects.filter(service=service, weekday=Weekday.MONDAY).count() == 2


def test_invalid_opening_hours_are_refused_and_nothing_changes(personas: Personas, login: Login) -> None:
    service = ServiceFactory(organization=personas.ours)
    existing = ScheduleFactory(service=service)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    url = "/en" + reverse("directory:service_hours", kwargs={"service_id": service.pk})[3:]
    response = client.post(url, _hours_post([("1", "17:00", "09:00")]))
    assert "The closing time must come after the opening time." in response.text
    response = client.post(url, _hours_post([("1", "09:00", "13:00"), ("1", "12:00", "17:00")]))
    assert "On Tuesday two intervals overlap." in response.text
    assert list(Schedule.objects.filter(service=service)) == [existing]


def test_closure_is_added_and_removed(personas: Personas, login: Login) -> None:
    service = ServiceFactory(organization=personas.ours)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    url = reverse("directory:service_hours", kwargs={"service_id": service.pk})
    client.post(
        url,
        {
            "add_exception": "1",
            "exception-valid_from": "2026-12-24",
            "exception-valid_to": "2026-12-26",
            "exception-closed": "on",
            "exception-note": "Vánoce",
        },
    )
    closure = Schedule.objects.get(service=service)
    assert closure.is_closure
    client.post(reverse("directory:exception_remove", kwargs={"schedule_id": closure.pk}))
    assert not Schedule.objects.exists()


# Locations.


def test_manager_adds_a_location_at_the_municipality_centre(personas: Personas, login: Login) -> None:
    municipality = AdministrativeUnitFactory(latitude="50.767000", longitude="15.056000")
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = client.post(
        reverse("directory:location_new"),
        {
            "name__cs": "Pobočka",
            "location_type": "physical",
            "address_1": "Hlavní 1",
            "municipality": str(municipality.pk),
        },
    )
    assert response.status_code == 302
    location = personas.ours.locations.get()
    assert str(location.latitude) == "50.767000"


# Lists: no leak of another organisation's data, a bounded number of queries.


def test_my_services_lists_only_our_organisations_services(personas: Personas, login: Login) -> None:
    ServiceFactory(organization=personas.ours, name="Naše služba")
    ServiceFactory(organization=personas.theirs, name="Jejich služba")
    ServiceCapacityFactory(service__organization=personas.theirs, service__name="Jejich ubytování")
    response = login(personas.user(Role.ORGANIZATION_MANAGER)).get(reverse("directory:my_services"))
    assert "Naše služba" in response.text
    assert "Jejich" not in response.text


def test_my_services_export_has_only_our_services(personas: Personas, login: Login) -> None:
    ServiceFactory(organization=personas.ours, name="Naše služba")
    ServiceFactory(organization=personas.theirs, name="Jejich služba")
    response = login(personas.user(Role.ORGANIZATION_MANAGER)).get(reverse("directory:my_services") + "?format=csv")
    content = response.content.decode()
    assert "Naše služba" in content
    assert "Jejich služba" not in content


def test_network_directory_lists_every_organisation_and_filters(personas: Personas, login: Login) -> None:
    need = TaxonomyTermFactory()
    ours = ServiceFactory(organization=personas.ours, name="Naše služba")
    ours.needs.add(need)
    ServiceFactory(organization=personas.theirs, name="Jejich služba")
    client = login(personas.user(Role.CASEWORKER))
    everything = client.get(reverse("directory:services"))
    assert "Naše služba" in everything.text
    assert "Jejich služba" in everything.text
    filtered = client.get(reverse("directory:services"), {"need": str(need.pk)})
    assert "Jejich služba" not in filtered.text
    by_organization = client.get(reverse("directory:services"), {"organization": str(personas.theirs.pk)})
    assert "Naše služba" not in by_organization.text


def test_network_directory_exports_xlsx(personas: Personas, login: Login) -> None:
    ServiceFactory(organization=personas.ours)
    response = login(personas.user(Role.CASEWORKER)).get(reverse("directory:services"), {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_bad_filter_values_do_not_error(personas: Personas, login: Login) -> None:
    response = login(personas.user(Role.CASEWORKER)).get(
        reverse("directory:services"), {"organization": "x", "need": "'; drop", "status": "??", "q": "ю" * 500}
    )
    assert response.status_code == 200


def _many_services(personas: Personas, count: int) -> None:
    unit = CapacityUnitFactory()
    need = TaxonomyTermFactory()
    for index in range(count):
        service = ServiceFactory(organization=personas.ours if index % 2 else personas.theirs)
        service.needs.add(need)
        ServiceCapacityFactory(service=service, unit=unit)


def test_network_directory_query_count_does_not_grow_with_services(
    personas: Personas, login: Login, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    _many_services(personas, 12)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    with django_assert_max_num_queries(14):
        client.get(reverse("directory:services"))


def test_my_services_query_count_does_not_grow_with_services(
    personas: Personas, login: Login, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    _many_services(personas, 12)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    with django_assert_max_num_queries(12):
        client.get(reverse("directory:my_services"))


def test_locations_query_count_does_not_grow_with_locations(
    personas: Personas, login: Login, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    for _ in range(10):
        LocationFactory(organization=personas.ours)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    with django_assert_max_num_queries(12):
        client.get(reverse("directory:locations"))


def test_service_detail_query_count_is_bounded(
    personas: Personas, login: Login, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    service = ServiceFactory(organization=personas.ours)
    for day in range(5):
        ScheduleFactory(service=service, weekday=day)
    ServiceCapacityFactory(service=service)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    with django_assert_max_num_queries(30):
        client.get(reverse("directory:service", kwargs={"service_id": service.pk}))


# The taxonomy of needs.


def test_administrator_edits_a_need_with_synonyms(personas: Personas, login: Login) -> None:
    term = TaxonomyTermFactory(labels={"cs": "Zdraví"})
    client = login(personas.user(Role.PLATFORM_ADMIN))
    assert "Zdraví" in client.get(reverse("directory:taxonomy")).text
    response = client.post(
        reverse("directory:taxonomy_term_edit", kwargs={"term_id": term.pk}),
        {
            "label_cs": "Zdraví",
            "label_uk": "Здоровʼя",
            "synonyms_uk": "лікар\nлікарня",  # noqa: RUF001  # Ukrainian
            "synonyms_ru": "врач, больница",
        },
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.synonyms == {"uk": ["лікар", "лікарня"], "ru": ["врач", "больница"]}


def test_workspace_home_links_to_the_directory(personas: Personas, login: Login) -> None:
    response = login(personas.user(Role.CASEWORKER)).get(reverse("core:workspace"))
    assert reverse("directory:services") in response.text


@pytest.mark.parametrize("language", ["cs", "uk", "en", "ro"])
def test_every_staff_page_renders_in_every_language(personas: Personas, login: Login, language: str) -> None:
    service = ServiceFactory(organization=personas.ours, reviewed_at=timezone.now() - STALE_AFTER * 2)
    ServiceCapacityFactory(service=service)
    ScheduleFactory(service=service)
    location = LocationFactory(organization=personas.ours)
    term = TaxonomyTermFactory(synonyms={"uk": ["юрист"]})
    service.needs.add(term)
    client = login(personas.user(Role.PLATFORM_ADMIN))
    pages = [
        reverse("directory:services"),
        reverse("directory:my_services"),
        reverse("directory:review"),
        reverse("directory:review_organization", kwargs={"organization_id": personas.ours.pk}),
        reverse("directory:service_new"),
        reverse("directory:service", kwargs={"service_id": service.pk}),
        reverse("directory:service_edit", kwargs={"service_id": service.pk}),
        reverse("directory:service_withdraw", kwargs={"service_id": service.pk}),
        reverse("directory:service_hours", kwargs={"service_id": service.pk}),
        reverse("directory:locations"),
        reverse("directory:location_new"),
        reverse("directory:location_edit", kwargs={"location_id": location.pk}),
        reverse("directory:location_hours", kwargs={"location_id": location.pk}),
        reverse("directory:taxonomy"),
        reverse("directory:taxonomy_term_edit", kwargs={"term_id": term.pk}),
        reverse("core:workspace"),
    ]
    for page in pages:
        response = client.get(f"/{language}{page[3:]}")
        assert response.status_code == 200, page
        assert 'style="' not in response.text, page


@pytest.mark.parametrize(
    "model",
    [
        "service",
        "location",
        "serviceatlocation",
        "taxonomy",
        "taxonomyterm",
        "capacityunit",
        "servicecapacity",
        "contact",
        "servicearea",
    ],
)
def test_directory_admin_pages_open_for_a_superuser(personas: Personas, login: Login, model: str) -> None:
    ServiceCapacityFactory()
    operator = personas.user(Role.PLATFORM_ADMIN)
    operator.is_staff = operator.is_superuser = True
    operator.save(update_fields=["is_staff", "is_superuser"])
    assert login(operator).get(f"/en/app/admin/directory/{model}/").status_code == 200
