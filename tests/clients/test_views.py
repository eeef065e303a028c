"""The clients' pages: each read, change, print and export leaves an audit entry; lists cost constant queries."""

import datetime
import json
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client as DjangoClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from spojka.accounts.models import User
from spojka.audit.enums import AuditAction, AuditPurpose
from spojka.audit.models import AccessEntry
from spojka.clients.enums import Relationship
from spojka.clients.models import Client
from spojka.network.enums import Role
from tests.clients.factories import ClientFactory, ConsentFactory, VulnerabilityFactory
from tests.conftest import Personas
from tests.factories import ResidenceStatusFactory


def _soon() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=20)


def test_reading_a_record_is_audited_with_fields_not_values(
    personas: Personas, login: Callable[[User], DjangoClient]
) -> None:
    client = ClientFactory(organization=personas.ours, family_name="Petrenko")
    response = login(personas.user(Role.CASEWORKER)).get(reverse("clients:detail", kwargs={"client_id": client.pk}))
    assert response.status_code == 200
    assert "Petrenko" in response.content.decode()
    entry = AccessEntry.objects.get()
    assert (entry.action, entry.purpose, entry.client_id) == (AuditAction.READ, AuditPurpose.CASEWORK, client.pk)
    assert entry.user == personas.user(Role.CASEWORKER)
    assert entry.organization == personas.ours
    assert "family_name" in entry.fields
    assert "Petrenko" not in json.dumps(entry.fields) + entry.purpose_text + entry.object_id


def test_manager_sees_who_accessed_the_record(personas: Personas, login: Callable[[User], DjangoClient]) -> None:
    client = ClientFactory(organization=personas.ours)
    url = reverse("clients:detail", kwargs={"client_id": client.pk})
    login(personas.user(Role.CASEWORKER)).get(url)
    caseworker_page = login(personas.user(Role.CASEWORKER)).get(url)
    assert caseworker_page.context["accesses"] is None
    manager_page = login(personas.user(Role.ORGANIZATION_MANAGER)).get(url)
    accesses = manager_page.context["accesses"]
    assert {entry.user for entry in accesses} == {
        personas.user(Role.CASEWORKER),
        personas.user(Role.ORGANIZATION_MANAGER),
    }
    assert personas.user(Role.CASEWORKER).full_name in manager_page.content.decode()


def test_registration_and_edit_are_audited(personas: Personas, login: Callable[[User], DjangoClient]) -> None:
    browser = login(personas.user(Role.CASEWORKER))
    browser.post(reverse("clients:new"), {"given_name": "Anna", "family_name": "Hrytsenko", "sex": "female"})
    client = Client.objects.get()
    created = AccessEntry.objects.get(action=AuditAction.CREATE)
    assert created.client_id == client.pk
    assert set(created.fields) >= {"given_name", "family_name"}
    browser.post(
        reverse("clients:edit", kwargs={"client_id": client.pk}),
        {"given_name": "Anna", "family_name": "Hrytsenko", "sex": "female", "email": "anna@example.org"},
    )
    updated = AccessEntry.objects.get(action=AuditAction.UPDATE)
    assert updated.fields == ["email"]
    client.refresh_from_db()
    assert client.email == "anna@example.org"
    assert client.updated_by == personas.user(Role.CASEWORKER)


def test_list_searches_by_name_in_either_script(personas: Personas, login: Callable[[User], DjangoClient]) -> None:
    ClientFactory(
        organization=personas.ours, given_name="", family_name="", native_given_name="Юлія", native_family_name="Шевчук"
    )
    ClientFactory(
        organization=personas.ours,
        given_name="Maria",
        family_name="Bondarenko",
        native_given_name="",
        native_family_name="",
    )
    browser = login(personas.user(Role.CASEWORKER))
    for query in ("shevchuk", "Yuliia", "Шевчук", "SHEVCHUK YULIIA"):
        names = [c.native_family_name for c in browser.get(reverse("clients:list"), {"q": query}).context["clients"]]
        assert names == ["Шевчук"], query
    found = browser.get(reverse("clients:list"), {"q": "Бондаренко"}).context["clients"]
    assert [c.family_name for c in found] == ["Bondarenko"]


def test_list_filters_by_status_and_vulnerability(personas: Personas, login: Callable[[User], DjangoClient]) -> None:
    status = ResidenceStatusFactory(code="temporary_protection")
    vulnerability = VulnerabilityFactory(code="single_parent")
    protected = ClientFactory(organization=personas.ours, residence_status=status)
    protected.vulnerabilities.add(vulnerability)
    ClientFactory(organization=personas.ours)
    browser = login(personas.user(Role.CASEWORKER))
    by_status = browser.get(reverse("clients:list"), {"status": str(status.pk)}).context["clients"]
    by_need = browser.get(reverse("clients:list"), {"vulnerability": str(vulnerability.pk)}).context["clients"]
    assert list(by_status) == list(by_need) == [protected]


def test_list_export_is_audited_per_client(personas: Personas, login: Callable[[User], DjangoClient]) -> None:
    clients = ClientFactory.create_batch(3, organization=personas.ours)
    response = login(personas.user(Role.CASEWORKER)).get(reverse("clients:list"), {"format": "xlsx"})
    assert response.status_code == 200
    entries = AccessEntry.objects.filter(action=AuditAction.EXPORT, purpose=AuditPurpose.LIST_EXPORT)
    assert {entry.client_id for entry in entries} == {client.pk for client in clients}


def test_desk_operator_may_see_but_not_export_the_list(
    personas: Personas, login: Callable[[User], DjangoClient]
) -> None:
    ClientFactory(organization=personas.ours)
    browser = login(personas.user(Role.DESK_OPERATOR))
    assert browser.get(reverse("clients:list")).status_code == 200
    assert browser.get(reverse("clients:list"), {"format": "csv"}).status_code == 403
    assert not AccessEntry.objects.exists()


def _query_counts(browser: DjangoClient, url: str, make: Callable[[int], object]) -> tuple[int, int]:
    make(2)
    browser.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        assert browser.get(url).status_code == 200
    make(25)
    with CaptureQueriesContext(connection) as many:
        assert browser.get(url).status_code == 200
    return len(few), len(many)


def _clients_with_everything(personas: Personas) -> Callable[[int], object]:
    status = ResidenceStatusFactory()
    vulnerability = VulnerabilityFactory()

    def make(count: int) -> None:
        for client in ClientFactory.create_batch(
            count, organization=personas.ours, residence_status=status, document_valid_until=_soon()
        ):
            client.vulnerabilities.add(vulnerability)
        ClientFactory.create_batch(count, organization=personas.theirs, document_valid_until=_soon())

    return make


@pytest.mark.parametrize("name", ["clients:list", "clients:expiring", "core:workspace"])
def test_list_query_count_is_constant_in_the_number_of_clients(
    personas: Personas, login: Callable[[User], DjangoClient], name: str
) -> None:
    browser = login(personas.user(Role.CASEWORKER))
    few, many = _query_counts(browser, reverse(name), _clients_with_everything(personas))
    assert few == many


def test_household_query_count_is_constant_in_the_number_of_members(
    personas: Personas, login: Callable[[User], DjangoClient]
) -> None:
    from spojka.clients.actions import add_to_household

    head = ClientFactory(organization=personas.ours)
    household = add_to_household(client=head, relationship=Relationship.REFERENCE, by=personas.user(Role.CASEWORKER))

    def make(count: int) -> None:
        for member in ClientFactory.create_batch(count, organization=personas.ours):
            member.household = household
            member.relationship = Relationship.CHILD
            member.save()

    browser = login(personas.user(Role.CASEWORKER))
    few, many = _query_counts(browser, reverse("clients:household", kwargs={"client_id": head.pk}), make)
    assert few == many


def test_household_links_members_and_flags_children(personas: Personas, login: Callable[[User], DjangoClient]) -> None:
    head = ClientFactory(organization=personas.ours)
    child = ClientFactory(
        organization=personas.ours, birth_date=timezone.localdate().replace(year=timezone.localdate().year - 6)
    )
    browser = login(personas.user(Role.CASEWORKER))
    response = browser.post(
        reverse("clients:household", kwargs={"client_id": head.pk}), {"client": child.pk, "relationship": "child"}
    )
    assert response.status_code == 302
    head.refresh_from_db()
    child.refresh_from_db()
    assert head.household == child.household is not None
    assert (head.relationship, child.relationship) == (Relationship.REFERENCE, Relationship.CHILD)
    page = browser.get(reverse("clients:detail", kwargs={"client_id": head.pk}))
    assert [member.pk for member in page.context["members"]] == [head.pk, child.pk]
    assert child.is_child


def test_household_refuses_another_organisations_client(
    personas: Personas, login: Callable[[User], DjangoClient]
) -> None:
    head = ClientFactory(organization=personas.ours)
    theirs = ClientFactory(organization=personas.theirs)
    response = login(personas.user(Role.CASEWORKER)).post(
        reverse("clients:household", kwargs={"client_id": head.pk}), {"client": theirs.pk, "relationship": "child"}
    )
    assert response.status_code == 200
    assert "client" in response.context["form"].errors
    theirs.refresh_from_db()
    assert theirs.household is None


def test_workspace_shows_expiring_documents(personas: Personas, login: Callable[[User], DjangoClient]) -> None:
    ClientFactory(organization=personas.ours, family_name="Soonexpiring", document_valid_until=_soon())
    ClientFactory(
        organization=personas.ours, family_name="Farfuture", document_valid_until=_soon() + datetime.timedelta(days=200)
    )
    ClientFactory(organization=personas.theirs, family_name="Theirsexpiring", document_valid_until=_soon())
    content = login(personas.user(Role.CASEWORKER)).get(reverse("core:workspace")).content.decode()
    assert "Soonexpiring" in content
    assert "Farfuture" not in content
    assert "Theirsexpiring" not in content


@pytest.mark.parametrize(
    ("language", "phrase"),
    [("en", "Your residence document expires soon"), ("uk", 'lang="uk"'), ("cs", 'lang="cs"')],
)
def test_reminder_prints_in_the_clients_language_and_is_audited(
    personas: Personas, login: Callable[[User], DjangoClient], language: str, phrase: str
) -> None:
    client = ClientFactory(organization=personas.ours, preferred_language=language, document_valid_until=_soon())
    response = login(personas.user(Role.CASEWORKER)).get(reverse("clients:reminder", kwargs={"client_id": client.pk}))
    assert phrase in response.content.decode()
    entry = AccessEntry.objects.get()
    assert (entry.action, entry.purpose) == (AuditAction.PRINT, AuditPurpose.REMINDER)


def test_reminder_for_a_language_spojka_does_not_speak_is_in_english(
    personas: Personas, login: Callable[[User], DjangoClient]
) -> None:
    client = ClientFactory(organization=personas.ours, preferred_language="ka", document_valid_until=_soon())
    response = login(personas.user(Role.CASEWORKER)).get(reverse("clients:reminder", kwargs={"client_id": client.pk}))
    assert '<html lang="en">' in response.content.decode()


def test_data_export_json_holds_everything_and_is_audited(
    personas: Personas, login: Callable[[User], DjangoClient]
) -> None:
    client = ClientFactory(organization=personas.ours, family_name="Lysenko", email="l@example.org")
    ConsentFactory(client=client, recipient_organization=personas.theirs)
    response = login(personas.user(Role.CASEWORKER)).get(
        reverse("clients:data_export_json", kwargs={"client_id": client.pk})
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="client-{client.pk}.json"'
    data = json.loads(response.content)
    assert data["client"]["family_name"] == "Lysenko"
    assert data["client"]["email"] == "l@example.org"
    assert data["consents"][0]["recipient_organization"] == personas.theirs.name
    entry = AccessEntry.objects.get(action=AuditAction.EXPORT)
    assert entry.purpose == AuditPurpose.DATA_SUBJECT_REQUEST
    assert entry.client_id == client.pk


def test_data_export_page_is_readable_and_audited(personas: Personas, login: Callable[[User], DjangoClient]) -> None:
    client = ClientFactory(organization=personas.ours, family_name="Lysenko")
    response = login(personas.user(Role.CASEWORKER)).get(
        reverse("clients:data_export", kwargs={"client_id": client.pk})
    )
    assert "Lysenko" in response.content.decode()
    assert AccessEntry.objects.get().purpose == AuditPurpose.DATA_SUBJECT_REQUEST


def test_new_member_registered_from_the_household_joins_it(
    personas: Personas, login: Callable[[User], DjangoClient]
) -> None:
    from spojka.clients.actions import add_to_household

    head = ClientFactory(organization=personas.ours)
    household = add_to_household(client=head, relationship=Relationship.REFERENCE, by=personas.user(Role.CASEWORKER))
    url = f"{reverse('clients:new')}?household={household.pk}"
    response = login(personas.user(Role.CASEWORKER)).post(
        url, {"given_name": "Sofiia", "family_name": "Kovalenko", "sex": "female", "relationship": "child"}
    )
    assert response.status_code == 302
    member = Client.objects.get(given_name="Sofiia")
    assert member.household == household
    assert member.relationship == Relationship.CHILD


def test_registration_into_another_organisations_household_is_not_found(
    personas: Personas, login: Callable[[User], DjangoClient]
) -> None:
    from spojka.clients.actions import add_to_household

    theirs = ClientFactory(organization=personas.theirs)
    household = add_to_household(client=theirs, relationship=Relationship.REFERENCE, by=personas.user(Role.CASEWORKER))
    response = login(personas.user(Role.CASEWORKER)).get(f"{reverse('clients:new')}?household={household.pk}")
    assert response.status_code == 404
