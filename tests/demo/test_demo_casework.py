"""The demo's casework: cases in every state, referrals between sectors in every status, loaded alike each time."""

import pytest

from spojka.audit.models import AccessEntry
from spojka.cases.enums import CaseStatus
from spojka.cases.models import Case, CaseNeed, Note, Task
from spojka.demo.actions import load_liberec_demo
from spojka.demo.casework_loader import DemoCaseworkLoaded, load_demo_casework
from spojka.demo.clients_loader import load_demo_clients
from spojka.demo.directory_loader import load_demo_directory
from spojka.geo.packs.loader import load_country_pack
from spojka.network.enums import Sector
from spojka.referrals.enums import ReferralKind, ReferralStatus
from spojka.referrals.models import ChildProtectionOffice, Notification, Referral, ReferralMessage
from spojka.referrals.queries import live_categories


@pytest.fixture
def demo_casework(db: None) -> DemoCaseworkLoaded:
    load_country_pack("cz-liberec")
    load_liberec_demo(password="demo-password-for-tests")
    load_demo_directory()
    load_demo_clients()
    return load_demo_casework()


def test_demo_has_referrals_in_every_status_between_sectors(demo_casework: DemoCaseworkLoaded) -> None:
    referrals = list(Referral.objects.select_related("sender_organization", "recipient_organization"))
    assert {referral.status for referral in referrals} == set(ReferralStatus)
    pairs = {(referral.sender_organization.sector, referral.recipient_organization.sector) for referral in referrals}
    assert (Sector.NON_PROFIT, Sector.STATE_ADMINISTRATION) in pairs  # NGO → labour office
    assert (Sector.MUNICIPAL_SELF_GOVERNMENT, Sector.NON_PROFIT) in pairs  # municipality → NGO
    assert (Sector.MUNICIPAL_SELF_GOVERNMENT, Sector.INTEGRATION_CENTRE) in pairs
    assert ReferralMessage.objects.exists()
    assert not Notification.objects.exists()
    assert not AccessEntry.objects.exists()  # the demo is nobody's access


def test_demo_child_protection_notifications_reach_the_ospod_offices(demo_casework: DemoCaseworkLoaded) -> None:
    assert ChildProtectionOffice.objects.count() == demo_casework.offices == 5
    notifications = Referral.objects.filter(kind=ReferralKind.CHILD_PROTECTION)
    assert notifications.exists()
    assert all(notification.client.is_child for notification in notifications)
    assert notifications.filter(status=ReferralStatus.COMPLETED).exists()


def test_demo_cases_open_and_closed_with_needs_notes_and_tasks(demo_casework: DemoCaseworkLoaded) -> None:
    assert {case.status for case in Case.objects.all()} == set(CaseStatus)
    assert Case.objects.filter(status=CaseStatus.CLOSED).exclude(outcome="").count() >= 5
    assert CaseNeed.objects.exists()
    assert Note.objects.exists()
    assert Task.objects.exists()
    accepted = Referral.objects.filter(kind=ReferralKind.REFERRAL, status=ReferralStatus.ACCEPTED)
    assert all(referral.recipient_case is not None for referral in accepted)


def test_demo_has_a_referral_whose_consent_was_withdrawn(demo_casework: DemoCaseworkLoaded) -> None:
    withdrawn = Referral.objects.filter(consent__withdrawn_at__isnull=False)
    assert withdrawn.exists()
    assert all(not live_categories(referral) for referral in withdrawn)


def test_demo_casework_loads_twice_the_same(demo_casework: DemoCaseworkLoaded) -> None:
    counts = (Case.objects.count(), Referral.objects.count(), CaseNeed.objects.count(), Task.objects.count())
    again = load_demo_casework()
    assert again == demo_casework
    assert (Case.objects.count(), Referral.objects.count(), CaseNeed.objects.count(), Task.objects.count()) == counts
