"""Erasing a client clears personal data, keeps anonymous statistics and the audit trail, and is audited."""

import datetime
from collections.abc import Callable

from django.test import Client as DjangoClient
from django.urls import reverse

from spojka.accounts.models import User
from spojka.audit.enums import AuditAction
from spojka.audit.models import AccessEntry
from spojka.clients.actions import add_to_household
from spojka.clients.enums import BirthDatePrecision, DataCategory, Relationship
from spojka.clients.models import Client
from spojka.clients.queries import consent_covers
from spojka.network.enums import Role
from tests.clients.factories import ClientFactory, ConsentFactory, VulnerabilityFactory
from tests.conftest import Personas
from tests.factories import AdministrativeUnitFactory, ResidenceStatusFactory


def _full_client(personas: Personas) -> Client:
    client = ClientFactory(
        organization=personas.ours,
        residence_status=ResidenceStatusFactory(code="temporary_protection"),
        municipality=AdministrativeUnitFactory(name="Liberec"),
        document_type="temporary_protection",
        document_number="TP998877",
        document_valid_until=datetime.date(2027, 3, 4),
        phone="+420777000111",
        email="olena@example.org",
        street="Nádražní 5",
        notes="Needs a flat for three.",
    )
    client.vulnerabilities.add(VulnerabilityFactory(code="single_parent"))
    add_to_household(client=client, relationship=Relationship.REFERENCE, by=personas.user(Role.CASEWORKER))
    return client


def test_erasure_clears_personal_data_and_keeps_statistics(
    personas: Personas, login: Callable[[User], DjangoClient]
) -> None:
    client = _full_client(personas)
    consent = ConsentFactory(client=client, recipient_organization=personas.theirs, witness_name="Jana Nováková")
    browser = login(personas.user(Role.ORGANIZATION_MANAGER))
    browser.get(reverse("clients:detail", kwargs={"client_id": client.pk}))
    response = browser.post(
        reverse("clients:erase", kwargs={"client_id": client.pk}), {"reason": "Asked in writing", "confirm": "on"}
    )
    assert response.status_code == 302
    client.refresh_from_db()
    for field in Client.PERSONAL_FIELDS:
        assert not getattr(client, field), field
    assert client.search_names == client.name_key == client.native_name_key == ""
    assert client.birth_date == datetime.date(1988, 1, 1)
    assert client.birth_date_precision == BirthDatePrecision.YEAR
    assert (client.sex, client.citizenship) == ("female", "UA")
    assert client.residence_status is not None
    assert client.municipality is not None
    assert client.household is None
    assert not client.vulnerabilities.exists()
    assert client.erased_by == personas.user(Role.ORGANIZATION_MANAGER)
    assert client.erasure_reason == "Asked in writing"
    consent.refresh_from_db()
    assert not consent.is_active
    assert consent.witness_name == ""
    assert not consent_covers(client=client, recipient_organization=personas.theirs, categories=[DataCategory.CONTACT])
    # The trail stays, and the erasure is on it.
    actions = list(AccessEntry.objects.filter(client_id=client.pk).values_list("action", flat=True))
    assert AuditAction.READ in actions
    assert AuditAction.ERASE in actions


def test_erased_client_is_gone_from_lists_and_record(personas: Personas, login: Callable[[User], DjangoClient]) -> None:
    client = _full_client(personas)
    browser = login(personas.user(Role.ORGANIZATION_MANAGER))
    browser.post(reverse("clients:erase", kwargs={"client_id": client.pk}), {"reason": "asked", "confirm": "on"})
    assert browser.get(reverse("clients:detail", kwargs={"client_id": client.pk})).status_code == 404
    assert list(browser.get(reverse("clients:list")).context["clients"]) == []


def test_erasure_needs_a_reason_and_confirmation(personas: Personas, login: Callable[[User], DjangoClient]) -> None:
    client = _full_client(personas)
    response = login(personas.user(Role.ORGANIZATION_MANAGER)).post(
        reverse("clients:erase", kwargs={"client_id": client.pk}), {"reason": ""}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"reason", "confirm"}
    client.refresh_from_db()
    assert client.family_name
    assert client.erased_at is None


def test_caseworker_may_not_erase(personas: Personas, login: Callable[[User], DjangoClient]) -> None:
    client = _full_client(personas)
    response = login(personas.user(Role.CASEWORKER)).post(
        reverse("clients:erase", kwargs={"client_id": client.pk}), {"reason": "x", "confirm": "on"}
    )
    assert response.status_code == 403
    client.refresh_from_db()
    assert client.erased_at is None
