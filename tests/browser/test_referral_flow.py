"""A referral end to end in a real browser: the NGO registers a client, records consent, refers to the
labour office; the labour office accepts and completes it; the NGO sees the outcome on its case.

Every page on the way passes axe-core.
"""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from spojka.directory.models import Service, TaxonomyTerm
from spojka.network.enums import Role, Sector
from spojka.network.models import Organization
from spojka.referrals.enums import ReferralStatus
from spojka.referrals.models import Referral
from tests.browser.axe import AxeReport
from tests.browser.pages import NewPage, log_in, visit
from tests.directory.factories import ServiceCapacityFactory, ServiceFactory, TaxonomyTermFactory
from tests.factories import PASSWORD, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUTCOME = "Registered as a job seeker; first interview on Monday."


@dataclass(frozen=True)
class Flow:
    ngo: Organization
    labour_office: Organization
    service: Service
    need: TaxonomyTerm


@pytest.fixture
def flow() -> Flow:
    ngo = OrganizationFactory(name="Poradna Test", sector=Sector.NON_PROFIT)
    labour_office = OrganizationFactory(name="Úřad práce Test", sector=Sector.STATE_ADMINISTRATION)
    MembershipFactory(organization=ngo, role=Role.CASEWORKER, user=UserFactory(email="ngo@flow.example.org"))
    MembershipFactory(
        organization=labour_office, role=Role.CASEWORKER, user=UserFactory(email="office@flow.example.org")
    )
    need = TaxonomyTermFactory(code="job-search", labels={"cs": "Hledání práce", "en": "Job search"})
    service = ServiceFactory(organization=labour_office, name="Zprostředkování zaměstnání", response_days=3)
    service.need_links.create(term=need)
    ServiceCapacityFactory(service=service, available=4, maximum=20)
    return Flow(ngo=ngo, labour_office=labour_office, service=service, need=need)


def _audited(report: AxeReport, page: Page, who: str) -> None:
    report.audit(page, who=who)


def test_ngo_refers_a_client_to_the_labour_office_and_sees_the_outcome(new_page: NewPage, flow: Flow) -> None:
    report = AxeReport()
    ngo = new_page()
    log_in(ngo, email="ngo@flow.example.org", password=PASSWORD)

    # Register the client.
    visit(ngo, "/cs/app/clients/new/")
    _audited(report, ngo, "ngo")
    ngo.fill("#id_given_name", "Oksana")
    ngo.fill("#id_family_name", "Melnyk")
    ngo.fill("#id_native_given_name", "Оксана")
    ngo.fill("#id_native_family_name", "Мельник")
    ngo.fill("#id_birth_date", "1990-02-03")
    ngo.locator("main form button[type=submit]").last.click()
    ngo.wait_for_url(re.compile(r"/app/clients/[0-9a-f-]{36}/$"))
    client_id = ngo.url.rstrip("/").rsplit("/", 1)[1]
    _audited(report, ngo, "ngo")

    # Record consent to share identity, contact and needs with the labour office.
    visit(ngo, f"/cs/app/clients/{client_id}/consents/new/")
    _audited(report, ngo, "ngo")
    ngo.select_option("#id_recipient_organization", str(flow.labour_office.pk))
    ngo.fill("#id_purpose", "Registrace na úřadu práce")
    for category in ("identity", "contact", "needs"):
        ngo.check(f"input[name=categories][value={category}]")
    ngo.check("input[name=channel][value=signed_paper]")
    ngo.locator("main form button[type=submit]").last.click()
    ngo.wait_for_url(re.compile(rf"/app/clients/{client_id}/"))

    # Open a case with the need, and refer.
    visit(ngo, f"/cs/app/cases/new/?client={client_id}")
    _audited(report, ngo, "ngo")
    ngo.fill("#id_title", "Práce")
    ngo.locator("main form button[type=submit]").last.click()
    ngo.wait_for_url(re.compile(r"/app/cases/[0-9a-f-]{36}/$"))
    case_url = ngo.url
    ngo.locator("details summary").first.click()
    ngo.select_option("#id_term", str(flow.need.pk))
    ngo.locator("form[action$='/needs/'] button[type=submit]").click()
    ngo.wait_for_url(re.compile(r"/app/cases/[0-9a-f-]{36}/"))
    _audited(report, ngo, "ngo")
    ngo.locator("a[href*='/app/referrals/new/']").click()
    _audited(report, ngo, "ngo")
    expect(ngo.locator("#id_service")).to_contain_text("4")  # free places from the directory
    ngo.select_option("#id_service", str(flow.service.pk))
    ngo.locator("input[name=needs]").first.check()
    ngo.locator("button[name=action][value=send]").click()
    ngo.wait_for_url(re.compile(r"/app/referrals/[0-9a-f-]{36}/$"))
    _audited(report, ngo, "ngo")
    referral = Referral.objects.get()
    assert referral.status == ReferralStatus.SENT

    # The labour office accepts it and completes it.
    office = new_page()
    log_in(office, email="office@flow.example.org", password=PASSWORD)
    visit(office, "/cs/app/referrals/")
    _audited(report, office, "office")
    office.locator(f"a[href$='/app/referrals/{referral.pk}/']").click()
    expect(office.locator("main")).to_contain_text("Melnyk")
    _audited(report, office, "office")
    office.locator("form[action$='/accept/'] button[type=submit]").click()
    office.wait_for_url(re.compile(rf"/app/referrals/{referral.pk}/"))
    office.locator("form[action$='/complete/'] textarea[name=reason]").fill(OUTCOME)
    office.locator("form[action$='/complete/'] button[type=submit]").click()
    office.wait_for_url(re.compile(rf"/app/referrals/{referral.pk}/"))
    _audited(report, office, "office")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED

    # The NGO sees the outcome on its case.
    visit(ngo, case_url)
    expect(ngo.locator("main")).to_contain_text(OUTCOME)
    _audited(report, ngo, "ngo")
    report.assert_clean()
