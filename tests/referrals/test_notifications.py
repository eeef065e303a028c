"""Notifications on each transition: in the workspace and by e-mail after commit, in the recipient's language."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client as DjangoClient
from django.urls import reverse
from django.utils import translation

from spojka.accounts.models import User
from spojka.referrals import actions, tasks
from spojka.referrals.enums import NotificationEvent
from spojka.referrals.models import Notification
from tests.referrals.conftest import Network


def test_sending_notifies_the_recipient_in_their_language(
    network: Network, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    languages: dict[str, set[str | None]] = {}
    original = tasks.render_to_string

    def spy(template: str, context: dict[str, Any], *args: Any, **kwargs: Any) -> str:
        languages.setdefault(context["user"].email, set()).add(translation.get_language())
        return original(template, context, *args, **kwargs)

    monkeypatch.setattr(tasks, "render_to_string", spy)
    network.consent()
    with django_capture_on_commit_callbacks(execute=True):
        network.sent()
    notification = Notification.objects.get(user=network.recipient)
    assert notification.event == NotificationEvent.SENT
    assert notification.emailed_at is not None
    # Their caseworker reads Ukrainian, their manager Czech: each e-mail in its reader's language.
    assert languages == {network.recipient.email: {"uk"}, "manager@theirs.example.org": {"cs"}}
    email = next(email for email in mail.outbox if email.to == [network.recipient.email])
    assert email.to == [network.recipient.email]
    with translation.override("uk"):
        assert str(NotificationEvent.SENT.label) in email.subject
    assert "Shevchenko" not in email.subject + email.body  # no personal data in e-mail
    assert str(notification.referral_id) in email.body


def test_no_email_before_commit(network: Network, django_capture_on_commit_callbacks: Any) -> None:
    network.consent()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        network.sent()
    assert mail.outbox == []
    assert len(callbacks) == 2  # one e-mail each for their caseworker and their manager


def test_each_answer_notifies_the_sender(network: Network, django_capture_on_commit_callbacks: Any) -> None:
    network.consent()
    with django_capture_on_commit_callbacks(execute=True):
        referral = network.sent()
        referral = actions.accept_referral(referral=referral, expected_version=referral.version, by=network.recipient)
        actions.complete_referral(
            referral=referral, expected_version=referral.version, outcome="Done.", by=network.recipient
        )
    events = list(
        Notification.objects.filter(user=network.sender).order_by("created_at").values_list("event", flat=True)
    )
    assert events == [NotificationEvent.ACCEPTED, NotificationEvent.COMPLETED]
    assert not Notification.objects.filter(user=network.recipient).exclude(event=NotificationEvent.SENT).exists()


def test_sending_the_email_twice_sends_once(network: Network, django_capture_on_commit_callbacks: Any) -> None:
    network.consent()
    with django_capture_on_commit_callbacks(execute=True):
        network.sent()
    notification = Notification.objects.get(user=network.recipient)
    tasks.send_notification_email.call(str(notification.pk))
    assert len(mail.outbox) == 2  # their caseworker and their manager, once each


def test_header_counts_unread_and_the_list_marks_them_read(
    network: Network, login: Callable[[User], DjangoClient]
) -> None:
    network.consent()
    network.sent()
    client = login(network.recipient)
    home = client.get(reverse("core:workspace")).content.decode()
    assert reverse("referrals:unread") in home  # the header fetches the count without costing the page a query
    assert "1<span" in client.get(reverse("referrals:unread")).content.decode()
    client.post(reverse("referrals:notifications_read"))
    assert not Notification.objects.filter(user=network.recipient, read_at__isnull=True).exists()
