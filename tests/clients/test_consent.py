"""Consent: what it covers, and withdrawal stopping any further sharing at once."""

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as DjangoClient
from django.urls import reverse
from django.utils import timezone

from spojka.accounts.models import User
from spojka.audit.enums import AuditAction
from spojka.audit.models import AccessEntry
from spojka.clients import actions
from spojka.clients.enums import ConsentChannel, DataCategory
from spojka.clients.models import Consent
from spojka.clients.queries import consent_covers, covered_categories
from spojka.network.enums import Role
from tests.clients.factories import ClientFactory
from tests.conftest import Personas
from tests.directory.factories import ServiceFactory

CONTACT_AND_NEEDS = [DataCategory.CONTACT, DataCategory.NEEDS]


def _give(personas: Personas, **overrides: object) -> Consent:
    arguments: dict[str, object] = {
        "client": ClientFactory(organization=personas.ours),
        "recipient_organization": personas.theirs,
        "purpose": "Help with finding a job",
        "categories": CONTACT_AND_NEEDS,
        "given_on": timezone.localdate(),
        "channel": ConsentChannel.SIGNED_PAPER,
        "by": personas.user(Role.CASEWORKER),
    }
    return actions.give_consent(**{**arguments, **overrides})  # type: ignore[arg-type]


def test_no_consent_covers_nothing(personas: Personas) -> None:
    client = ClientFactory(organization=personas.ours)
    assert not consent_covers(client=client, recipient_organization=personas.theirs, categories=[DataCategory.CONTACT])
    assert covered_categories(client=client, recipient_organization=personas.theirs) == frozenset()


def test_consent_covers_its_categories_for_its_recipient_only(personas: Personas) -> None:
    consent = _give(personas)
    client = consent.client
    assert consent_covers(client=client, recipient_organization=personas.theirs, categories=CONTACT_AND_NEEDS)
    assert not consent_covers(
        client=client, recipient_organization=personas.theirs, categories=[DataCategory.CONTACT, DataCategory.NOTES]
    )
    assert not consent_covers(client=client, recipient_organization=personas.ours, categories=[DataCategory.CONTACT])


def test_consent_for_one_service_does_not_cover_another(personas: Personas) -> None:
    service, other = ServiceFactory(organization=personas.theirs), ServiceFactory(organization=personas.theirs)
    consent = _give(personas, service=service)
    client = consent.client
    assert consent_covers(
        client=client, recipient_organization=personas.theirs, service=service, categories=CONTACT_AND_NEEDS
    )
    assert not consent_covers(
        client=client, recipient_organization=personas.theirs, service=other, categories=CONTACT_AND_NEEDS
    )
    assert not consent_covers(client=client, recipient_organization=personas.theirs, categories=CONTACT_AND_NEEDS)


def test_consent_for_the_organisation_covers_each_of_its_services(personas: Personas) -> None:
    consent = _give(personas)
    service = ServiceFactory(organization=personas.theirs)
    assert consent_covers(
        client=consent.client, recipient_organization=personas.theirs, service=service, categories=[DataCategory.NEEDS]
    )


def test_withdrawal_stops_sharing_at_once(personas: Personas) -> None:
    consent = _give(personas)
    actions.withdraw_consent(consent=consent, reason="Changed her mind", by=personas.user(Role.CASEWORKER))
    assert not consent_covers(
        client=consent.client, recipient_organization=personas.theirs, categories=[DataCategory.CONTACT]
    )
    consent.refresh_from_db()
    assert consent.withdrawn_by == personas.user(Role.CASEWORKER)
    assert consent.withdrawal_reason == "Changed her mind"


def test_withdrawing_twice_keeps_the_first_withdrawal(personas: Personas) -> None:
    consent = _give(personas)
    first = actions.withdraw_consent(consent=consent, reason="first", by=personas.user(Role.CASEWORKER))
    second = actions.withdraw_consent(consent=consent, reason="second", by=personas.user(Role.ORGANIZATION_MANAGER))
    assert second.withdrawn_at == first.withdrawn_at
    assert second.withdrawal_reason == "first"


def test_verbal_consent_needs_a_witness(personas: Personas) -> None:
    with pytest.raises(ValidationError) as raised:
        _give(personas, channel=ConsentChannel.VERBAL_WITNESSED)
    assert "witness_name" in raised.value.message_dict
    assert not Consent.objects.exists()


def test_consent_in_the_future_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError):
        _give(personas, given_on=timezone.localdate() + datetime.timedelta(days=2))


def test_service_of_another_organisation_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError) as raised:
        _give(personas, service=ServiceFactory(organization=personas.ours))
    assert "service" in raised.value.message_dict


def test_consent_form_records_consent_and_audits_it(personas: Personas, login: Callable[[User], DjangoClient]) -> None:
    client = ClientFactory(organization=personas.ours)
    response = login(personas.user(Role.CASEWORKER)).post(
        reverse("clients:consent_new", kwargs={"client_id": client.pk}),
        {
            "recipient_organization": personas.theirs.pk,
            "purpose": "Job counselling",
            "categories": ["identity", "contact"],
            "given_on": timezone.localdate().isoformat(),
            "channel": "verbal_witnessed",
            "witness_name": "Jana Nováková",
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.categories == ["contact", "identity"]
    assert consent.witness_name == "Jana Nováková"
    entry = AccessEntry.objects.get(object_id=str(consent.pk))
    assert entry.action == AuditAction.CREATE
    assert entry.client_id == client.pk


def test_consent_form_without_witness_says_so(personas: Personas, login: Callable[[User], DjangoClient]) -> None:
    client = ClientFactory(organization=personas.ours)
    response = login(personas.user(Role.CASEWORKER)).post(
        reverse("clients:consent_new", kwargs={"client_id": client.pk}).replace("/cs/", "/en/"),
        {
            "recipient_organization": personas.theirs.pk,
            "purpose": "Job counselling",
            "categories": ["contact"],
            "given_on": timezone.localdate().isoformat(),
            "channel": "verbal_witnessed",
        },
    )
    assert response.status_code == 200
    assert "Verbal consent needs the name of the witness." in response.content.decode()
    assert not Consent.objects.exists()


def test_withdraw_view_withdraws(personas: Personas, login: Callable[[User], DjangoClient]) -> None:
    consent = _give(personas)
    response = login(personas.user(Role.CASEWORKER)).post(
        reverse("clients:consent_withdraw", kwargs={"consent_id": consent.pk}), {"reason": "asked on the phone"}
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    assert not consent.is_active
    assert not consent_covers(
        client=consent.client, recipient_organization=personas.theirs, categories=[DataCategory.CONTACT]
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("uk", "Згода на передання персональних даних"),
        ("cs", "Souhlas s předáním osobních údajů"),
        ("en", "Consent to share personal data"),
    ],
)
def test_consent_form_prints_in_the_clients_language(
    personas: Personas, login: Callable[[User], DjangoClient], language: str, expected: str
) -> None:
    consent = _give(personas, client=ClientFactory(organization=personas.ours, preferred_language=language))
    response = login(personas.user(Role.CASEWORKER)).get(
        reverse("clients:consent_print", kwargs={"consent_id": consent.pk}).replace("/cs/", "/en/")
    )
    content = response.content.decode()
    assert f'<html lang="{language}">' in content
    assert "Help with finding a job" in content
    assert personas.theirs.name in content
    if language == "en":
        assert expected in content
    assert AccessEntry.objects.filter(action=AuditAction.PRINT, object_id=str(consent.pk)).exists()
