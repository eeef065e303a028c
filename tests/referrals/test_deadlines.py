"""Response deadlines in working days: weekends and the country's public holidays skipped."""

import datetime

from django.utils import timezone

from spojka.referrals import actions
from spojka.referrals.deadlines import add_working_days, is_working_day
from spojka.referrals.enums import ReferralStatus
from tests.factories import AdministrativeUnitFactory
from tests.referrals.conftest import Network
from tests.referrals.factories import ReferralFactory


def test_working_days_skip_the_weekend() -> None:
    friday = datetime.date(2026, 10, 2)
    assert add_working_days(friday, 1, country="CZ") == datetime.date(2026, 10, 5)


def test_working_days_skip_czech_christmas() -> None:
    # 24, 25 and 26 December are public holidays in Czechia; 26 December 2026 is a Saturday.
    tuesday = datetime.date(2026, 12, 22)
    assert not is_working_day(datetime.date(2026, 12, 24), country="CZ")
    assert add_working_days(tuesday, 3, country="CZ") == datetime.date(2026, 12, 29)


def test_working_days_follow_the_country(network: Network) -> None:
    # 17 November is a public holiday in Czechia, an ordinary Tuesday in Moldova.
    monday = datetime.date(2026, 11, 16)
    assert add_working_days(monday, 1, country="CZ") == datetime.date(2026, 11, 18)
    assert add_working_days(monday, 1, country="MD") == datetime.date(2026, 11, 17)


def test_sending_sets_the_deadline_from_the_service(network: Network) -> None:
    network.personas.theirs.municipality = AdministrativeUnitFactory()  # in Czechia
    network.personas.theirs.save()
    network.service.response_days = 2
    network.service.save()
    network.consent()
    referral = network.draft()
    sent_on = datetime.datetime(2026, 12, 23, 9, 0, tzinfo=datetime.UTC)  # a Wednesday before Christmas
    sent = actions.send_referral(referral=referral, expected_version=referral.version, by=network.sender, now=sent_on)
    assert sent.response_due_on == datetime.date(2026, 12, 29)


def test_unanswered_referral_past_its_deadline_is_overdue() -> None:
    late = ReferralFactory.build(
        status=ReferralStatus.SENT, response_due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    answered = ReferralFactory.build(
        status=ReferralStatus.ACCEPTED, response_due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    on_time = ReferralFactory.build(status=ReferralStatus.SENT, response_due_on=timezone.localdate())
    assert late.is_overdue
    assert not answered.is_overdue
    assert not on_time.is_overdue
