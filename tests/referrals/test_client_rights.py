"""What the clients app asks of cases and referrals: withdrawal notifies, erasure clears, the export includes them."""

import datetime
import json
from collections.abc import Callable
from typing import Any

from django.core import mail
from django.test import Client as DjangoClient
from django.urls import reverse
from django.utils import timezone

from spojka.accounts.models import User
from spojka.audit.enums import AuditAction, AuditPurpose
from spojka.audit.models import AccessEntry
from spojka.cases import actions as case_actions
from spojka.cases.enums import NoteConfidentiality
from spojka.cases.models import Case, Note, Task
from spojka.clients import actions as client_actions
from spojka.network.enums import Role
from spojka.referrals import actions
from spojka.referrals.enums import NotificationEvent
from spojka.referrals.models import Notification, Referral, ReferralMessage
from tests.referrals.conftest import Network


def _accepted(network: Network) -> Referral:
    referral = network.sent()
    return actions.accept_referral(referral=referral, expected_version=referral.version, by=network.recipient)


def test_withdrawal_notifies_the_recipients_after_commit(
    network: Network, login: Callable[[User], DjangoClient], django_capture_on_commit_callbacks: Any
) -> None:
    consent = network.consent()
    referral = _accepted(network)
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(network.sender).post(
            reverse("clients:consent_withdraw", kwargs={"consent_id": consent.pk}), {"reason": "Changed her mind."}
        )
    assert response.status_code == 302
    notified = Notification.objects.filter(event=NotificationEvent.CONSENT_WITHDRAWN, referral=referral)
    assert network.recipient in {notification.user for notification in notified}
    assert network.sender not in {notification.user for notification in notified}
    email = next(email for email in mail.outbox if email.to == [network.recipient.email])
    assert "Shevchenko" not in email.subject + email.body  # no personal data in e-mail


def test_withdrawing_twice_notifies_once(network: Network) -> None:
    consent = network.consent()
    network.sent()
    client_actions.withdraw_consent(consent=consent, reason="", by=network.sender)
    client_actions.withdraw_consent(consent=consent, reason="", by=network.sender)
    assert Notification.objects.filter(event=NotificationEvent.CONSENT_WITHDRAWN, user=network.recipient).count() == 1


def test_erasure_clears_the_casework_text_and_notifies_the_recipients(
    network: Network, login: Callable[[User], DjangoClient], django_capture_on_commit_callbacks: Any
) -> None:
    case_actions.add_note(
        case=network.case, text="Olena owes rent.", confidentiality=NoteConfidentiality.ORGANIZATION, by=network.sender
    )
    case_actions.add_task(
        case=network.case,
        title="Call Olena",
        due_on=timezone.localdate() + datetime.timedelta(days=2),
        assignee=None,
        by=network.sender,
    )
    network.consent()
    referral = _accepted(network)
    actions.post_message(referral=referral, text="Olena will come on Monday.", by=network.recipient)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(network.personas.user(Role.ORGANIZATION_MANAGER)).post(
            reverse("clients:erase", kwargs={"client_id": network.client.pk}),
            {"reason": "Asked to be forgotten.", "confirm": "on"},
        )
    assert response.status_code == 302
    network.client.refresh_from_db()
    assert network.client.is_erased
    assert Case.objects.get(pk=network.case.pk).title == ""
    assert set(Note.objects.filter(case=network.case).values_list("text", flat=True)) == {""}
    assert set(Task.objects.filter(case=network.case).values_list("title", flat=True)) == {""}
    assert Referral.objects.get(pk=referral.pk).message == ""
    assert set(ReferralMessage.objects.filter(referral=referral).values_list("text", flat=True)) == {""}
    assert Notification.objects.filter(event=NotificationEvent.CONSENT_WITHDRAWN, user=network.recipient).exists()
    erasures = AccessEntry.objects.filter(action=AuditAction.ERASE, client_id=network.client.pk)
    assert any("referrals" in entry.fields for entry in erasures)


def test_subject_export_holds_the_owners_cases_and_referrals(
    network: Network, login: Callable[[User], DjangoClient]
) -> None:
    case_actions.add_note(
        case=network.case, text="Needs an interpreter.", confidentiality=NoteConfidentiality.SHARED, by=network.sender
    )
    network.consent()
    referral = _accepted(network)
    actions.post_message(referral=referral, text="She will come on Monday.", by=network.recipient)
    browser = login(network.sender)
    response = browser.get(reverse("clients:data_export_json", kwargs={"client_id": network.client.pk}))
    data = json.loads(response.content)
    # The owner's case, not the case the recipient opened by accepting (that one is theirs to hand over).
    assert [case["id"] for case in data["cases"]] == [str(network.case.pk)]
    case = data["cases"][0]
    assert case["subject"] == "Work"
    assert [note["text"] for note in case["notes"]] == ["Needs an interpreter."]
    assert len(case["needs"]) == 1
    assert [item["id"] for item in data["referrals"]] == [str(referral.pk)]
    sent = data["referrals"][0]
    assert sent["recipient_organization"] == network.personas.theirs.name
    assert sent["service"] == "Job club"
    assert sent["message"] == "Please help."
    assert [message["text"] for message in sent["messages"]] == ["She will come on Monday."]
    assert sent["data_shared"]
    entry = AccessEntry.objects.filter(action=AuditAction.EXPORT, client_id=network.client.pk).get()
    assert {"cases", "referrals"} <= set(entry.fields)

    page = browser.get(reverse("clients:data_export", kwargs={"client_id": network.client.pk})).content.decode()
    for shown in ("Work", "Needs an interpreter.", "Job club", "She will come on Monday."):
        assert shown in page, shown


def test_referral_work_is_audited_under_the_referral_purpose(
    network: Network, login: Callable[[User], DjangoClient]
) -> None:
    network.consent()
    referral = network.sent()
    login(network.recipient).get(reverse("referrals:detail", kwargs={"referral_id": referral.pk}))
    purposes = set(AccessEntry.objects.filter(object_id=str(referral.pk)).values_list("purpose", flat=True))
    assert purposes == {AuditPurpose.REFERRAL}
    assert not AccessEntry.objects.filter(purpose_text__in=["referral", "child protection"]).exists()
