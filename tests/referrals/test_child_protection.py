"""Child-protection notifications: to the office of the child's municipality, on a legal basis, for officers only."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse

from spojka.accounts.models import User
from spojka.audit.models import AccessEntry
from spojka.cases.models import Case
from spojka.cases.queries import cases_visible_to
from spojka.clients.models import Client
from spojka.clients.queries import clients_visible_to
from spojka.geo.models import AdministrativeUnit
from spojka.network.enums import Role
from spojka.referrals import actions
from spojka.referrals.actions import ReferralError
from spojka.referrals.enums import LegalBasis, ReferralKind, ReferralStatus
from spojka.referrals.models import ChildProtectionOffice, Referral
from spojka.referrals.queries import child_protection_office_for, referrals_visible_to
from tests.cases.factories import CaseFactory
from tests.clients.factories import ClientFactory, VulnerabilityFactory
from tests.conftest import Personas
from tests.factories import AdministrativeUnitFactory, MembershipFactory
from tests.referrals.conftest import Network
from tests.referrals.factories import ChildProtectionOfficeFactory


@dataclass
class District:
    office: ChildProtectionOffice
    officer: User
    child: Client
    case: Case
    village: AdministrativeUnit
    region: AdministrativeUnit


@pytest.fixture
def district(personas: Personas) -> District:
    region = AdministrativeUnitFactory(level="region")
    orp = AdministrativeUnitFactory(level="orp", parent=region)
    village = AdministrativeUnitFactory(level="municipality", parent=orp)
    office = ChildProtectionOfficeFactory(organization=personas.theirs, unit=orp)
    officer = MembershipFactory(organization=personas.theirs, role=Role.CHILD_PROTECTION_OFFICER).user
    child = ClientFactory(organization=personas.ours, birth_date=datetime.date(2016, 3, 1), municipality=village)
    case = CaseFactory(client=child, caseworker=personas.user(Role.CASEWORKER))
    return District(office=office, officer=officer, child=child, case=case, village=village, region=region)


def _notify(personas: Personas, district: District) -> Referral:
    return actions.notify_child_protection(
        case=district.case,
        client=district.child,
        legal_basis=LegalBasis.CZ_CHILD_PROTECTION_NOTIFICATION,
        message="The boy sleeps at the station.",
        by=personas.user(Role.CASEWORKER),
    )


def test_office_is_found_through_the_municipalitys_district(district: District) -> None:
    assert child_protection_office_for(municipality=district.village) == district.office
    assert child_protection_office_for(municipality=district.region) is None


def test_notification_needs_no_consent_and_goes_to_the_office(personas: Personas, district: District) -> None:
    notification = _notify(personas, district)
    assert notification.kind == ReferralKind.CHILD_PROTECTION
    assert notification.status == ReferralStatus.SENT
    assert notification.recipient_organization == personas.theirs
    assert notification.legal_basis == LegalBasis.CZ_CHILD_PROTECTION_NOTIFICATION
    assert notification.consent is None


def test_notification_without_legal_basis_refused(personas: Personas, district: District) -> None:
    with pytest.raises(ReferralError, match="legal basis"):
        actions.notify_child_protection(
            case=district.case,
            client=district.child,
            legal_basis="",  # type: ignore[arg-type]  # what a tampered form would send
            message="…",
            by=personas.user(Role.CASEWORKER),
        )


def test_notification_about_an_adult_refused(personas: Personas, district: District) -> None:
    adult = ClientFactory(organization=personas.ours, municipality=district.village)
    with pytest.raises(ReferralError, match="child"):
        actions.notify_child_protection(
            case=CaseFactory(client=adult),
            client=adult,
            legal_basis=LegalBasis.CZ_CHILD_PROTECTION_NOTIFICATION,
            message="…",
            by=personas.user(Role.CASEWORKER),
        )


def test_unaccompanied_minor_without_birth_date_counts_as_a_child(personas: Personas, district: District) -> None:
    minor = ClientFactory(organization=personas.ours, birth_date=None, municipality=district.village)
    minor.vulnerabilities.add(VulnerabilityFactory(code="unaccompanied_minor"))
    assert actions.is_child(minor)


def test_notification_without_an_office_for_the_municipality_refused(personas: Personas) -> None:
    child = ClientFactory(organization=personas.ours, birth_date=datetime.date(2016, 3, 1), municipality=None)
    with pytest.raises(ReferralError, match="No child-protection office"):
        actions.notify_child_protection(
            case=CaseFactory(client=child),
            client=child,
            legal_basis=LegalBasis.CZ_CHILD_PROTECTION_NOTIFICATION,
            message="…",
            by=personas.user(Role.CASEWORKER),
        )


def test_officer_sees_only_notifications(personas: Personas, district: District, network: Network) -> None:
    notification = _notify(personas, district)
    network.consent()
    ordinary = network.sent()  # an ordinary referral to the same organisation
    officer = district.officer
    visible = set(referrals_visible_to(officer))
    assert visible == {notification}
    assert ordinary not in visible
    assert not cases_visible_to(officer).exists()
    assert not clients_visible_to(officer).exists()
    # The office's caseworkers do not see the notification.
    assert notification not in set(referrals_visible_to(network.recipient))


def test_officer_reads_the_record_and_confirms_receipt(
    personas: Personas, district: District, login: Callable[[User], DjangoClient]
) -> None:
    notification = _notify(personas, district)
    officer = district.officer
    client = login(officer)
    url = reverse("referrals:detail", kwargs={"referral_id": notification.pk})
    page = client.get(url).content.decode()
    assert district.child.family_name in page
    assert "sleeps at the station" in page
    assert AccessEntry.objects.filter(user=officer, object_id=str(notification.pk)).exists()
    response = client.post(
        reverse("referrals:confirm_receipt", kwargs={"referral_id": notification.pk}),
        {"version": notification.version},
    )
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.status == ReferralStatus.ACCEPTED
    assert notification.responded_by == officer
    assert notification.recipient_case is None


def test_notification_form_sends_to_the_office(
    personas: Personas, district: District, login: Callable[[User], DjangoClient]
) -> None:
    client = login(personas.user(Role.CASEWORKER))
    response = client.post(
        reverse("referrals:child_protection_new", kwargs={"case_id": district.case.pk}),
        {
            "client": district.child.pk,
            "legal_basis": LegalBasis.CZ_CHILD_PROTECTION_NOTIFICATION,
            "message": "Alone in the shelter.",
        },
    )
    assert response.status_code == 302
    assert referrals_visible_to(district.officer).count() == 1
