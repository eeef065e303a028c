"""Consent: no consent, no referral; the recipient sees only the covered kinds of data, and nothing after withdrawal."""

from collections.abc import Callable

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse

from spojka.accounts.models import User
from spojka.cases import actions as case_actions
from spojka.cases.enums import NoteConfidentiality
from spojka.clients import actions as client_actions
from spojka.clients.enums import DataCategory
from spojka.clients.queries import clients_visible_to
from spojka.referrals import actions
from spojka.referrals.actions import ConsentRequiredError
from spojka.referrals.enums import ReferralStatus
from spojka.referrals.models import Referral
from spojka.referrals.queries import client_shared_view
from tests.directory.factories import ServiceFactory
from tests.referrals.conftest import Network


def test_referral_without_consent_is_not_sent(network: Network) -> None:
    referral = network.draft()
    with pytest.raises(ConsentRequiredError, match="No standing consent"):
        actions.send_referral(referral=referral, expected_version=referral.version, by=network.sender)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DRAFT
    assert referral.shared_categories == []


def test_consent_to_another_organisation_does_not_count(network: Network) -> None:
    network.consent(recipient_organization=network.personas.ours)
    referral = network.draft()
    with pytest.raises(ConsentRequiredError):
        actions.send_referral(referral=referral, expected_version=referral.version, by=network.sender)


def test_consent_for_another_service_does_not_count(network: Network) -> None:
    network.consent(service=ServiceFactory(organization=network.personas.theirs))
    referral = network.draft()
    with pytest.raises(ConsentRequiredError):
        actions.send_referral(referral=referral, expected_version=referral.version, by=network.sender)


def test_sending_without_consent_from_the_form_saves_nothing(
    network: Network, login: Callable[[User], DjangoClient]
) -> None:
    client = login(network.sender)
    response = client.post(
        reverse("referrals:new", kwargs={"case_id": network.case.pk}),
        {"client": network.client.pk, "service": network.service.pk, "needs": [network.need.pk], "action": "send"},
    )
    assert response.status_code == 200
    assert "No standing consent" in response.content.decode()
    assert not Referral.objects.exists()


def test_sent_referral_carries_the_covered_kinds_only(network: Network) -> None:
    network.consent([DataCategory.CONTACT, DataCategory.NEEDS])
    referral = network.sent()
    assert referral.shared_categories == [DataCategory.CONTACT.value, DataCategory.NEEDS.value]


def test_recipient_sees_only_covered_fields(network: Network, login: Callable[[User], DjangoClient]) -> None:
    network.client.phone = "+420777123456"
    network.client.document_number = "FP1234567"
    network.client.save()
    network.consent([DataCategory.IDENTITY, DataCategory.CONTACT])
    referral = network.sent()
    page = (
        login(network.recipient).get(reverse("referrals:detail", kwargs={"referral_id": referral.pk})).content.decode()
    )
    assert "Shevchenko" in page
    assert "777" in page
    assert "FP1234567" not in page  # residence documents were not covered


def test_withdrawal_stops_sharing_at_once(network: Network, login: Callable[[User], DjangoClient]) -> None:
    consent = network.consent()
    referral = network.sent()
    actions.accept_referral(referral=referral, expected_version=referral.version, by=network.recipient)
    client = login(network.recipient)
    url = reverse("referrals:detail", kwargs={"referral_id": referral.pk})
    assert "Shevchenko" in client.get(url).content.decode()
    assert clients_visible_to(network.recipient).filter(pk=network.client.pk).exists()

    client_actions.withdraw_consent(consent=consent, reason="Changed her mind.", by=network.sender)

    page = client.get(url).content.decode()
    assert "Shevchenko" not in page
    assert "Шевченко" not in page
    assert "withdrawn consent" in page
    assert not clients_visible_to(network.recipient).filter(pk=network.client.pk).exists()
    recipient_case = Referral.objects.get(pk=referral.pk).recipient_case
    assert recipient_case is not None
    case_page = client.get(reverse("cases:detail", kwargs={"case_id": recipient_case.pk})).content.decode()
    assert "Shevchenko" not in case_page


def test_withdrawn_consent_refuses_a_new_referral(network: Network) -> None:
    consent = network.consent()
    client_actions.withdraw_consent(consent=consent, reason="", by=network.sender)
    referral = network.draft()
    with pytest.raises(ConsentRequiredError):
        actions.send_referral(referral=referral, expected_version=referral.version, by=network.sender)


def test_shared_notes_reach_the_recipient_only_while_consent_stands(
    network: Network, login: Callable[[User], DjangoClient]
) -> None:
    case_actions.add_note(
        case=network.case,
        text="Shared: needs an interpreter.",
        confidentiality=NoteConfidentiality.SHARED,
        by=network.sender,
    )
    case_actions.add_note(
        case=network.case,
        text="Internal: owes rent.",
        confidentiality=NoteConfidentiality.ORGANIZATION,
        by=network.sender,
    )
    consent = network.consent([DataCategory.IDENTITY, DataCategory.NOTES])
    referral = network.sent()
    client = login(network.recipient)
    url = reverse("referrals:detail", kwargs={"referral_id": referral.pk})
    page = client.get(url).content.decode()
    assert "needs an interpreter" in page
    assert "owes rent" not in page
    client_actions.withdraw_consent(consent=consent, reason="", by=network.sender)
    assert "needs an interpreter" not in client.get(url).content.decode()


def test_client_record_view_for_a_recipient_is_limited_to_shared_kinds(network: Network) -> None:
    assert client_shared_view(viewer=network.sender, client=network.client).own
    assert client_shared_view(viewer=network.recipient, client=network.client).nothing
    consent = network.consent([DataCategory.CONTACT])
    network.sent()
    seen = client_shared_view(viewer=network.recipient, client=network.client)
    assert seen.contact
    assert not seen.identity
    client_actions.withdraw_consent(consent=consent, reason="", by=network.sender)
    assert client_shared_view(viewer=network.recipient, client=network.client).nothing
