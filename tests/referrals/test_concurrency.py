"""Two people changing the same referral at once: the second is refused with a clear message, never overwriting."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client as DjangoClient
from django.urls import reverse

from spojka.accounts.models import User
from spojka.network.enums import Role
from spojka.referrals import actions
from spojka.referrals.actions import ConcurrentChangeError
from spojka.referrals.enums import ReferralStatus
from spojka.referrals.models import Referral, ReferralEvent
from tests.factories import MembershipFactory
from tests.referrals.conftest import Network


def test_second_change_on_a_stale_version_refused(network: Network) -> None:
    network.consent()
    referral = network.sent()
    seen_by_both = referral.version
    colleague = MembershipFactory(organization=network.personas.theirs, role=Role.CASEWORKER).user
    actions.accept_referral(referral=referral, expected_version=seen_by_both, by=network.recipient)
    with pytest.raises(ConcurrentChangeError, match="Someone else changed this referral"):
        actions.decline_referral(referral=referral, expected_version=seen_by_both, reason="No places.", by=colleague)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert referral.decline_reason == ""
    assert ReferralEvent.objects.filter(referral=referral).count() == 2  # sent, accepted


def test_stale_form_shows_the_message_and_keeps_the_first_answer(
    network: Network, login: Callable[[User], DjangoClient]
) -> None:
    network.consent()
    referral = network.sent()
    seen = referral.version
    actions.accept_referral(referral=referral, expected_version=seen, by=network.recipient)
    client = login(network.recipient)
    response = client.post(
        reverse("referrals:decline", kwargs={"referral_id": referral.pk}),
        {"version": seen, "reason": "No places."},
        follow=True,
    )
    assert "Someone else changed this referral" in response.content.decode()
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.ACCEPTED


@pytest.mark.django_db(transaction=True)
def test_two_threads_answering_at_once_only_one_wins(network: Network) -> None:
    """Real concurrency (meaningful on PostgreSQL, where the row lock makes the second wait)."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the version check is covered above")
    network.consent()
    referral = network.sent()
    seen = referral.version
    colleague = MembershipFactory(organization=network.personas.theirs, role=Role.CASEWORKER).user
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def answer(user: User, accept: bool) -> None:
        try:
            barrier.wait()
            if accept:
                actions.accept_referral(referral=referral, expected_version=seen, by=user)
            else:
                actions.decline_referral(referral=referral, expected_version=seen, reason="Full.", by=user)
            outcomes.append("ok")
        except ConcurrentChangeError:
            outcomes.append("refused")
        finally:
            connection.close()  # this thread's own connection, so the test database can be dropped

    threads = [
        threading.Thread(target=answer, args=(network.recipient, True)),
        threading.Thread(target=answer, args=(colleague, False)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert Referral.objects.get(pk=referral.pk).version == seen + 1
