"""Clients in a real browser, on a 360 px phone: a caseworker registers a client and records consent.

The clients' pages pass axe-core and fit a phone's width.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from spojka.clients.models import Client, Consent
from spojka.network.enums import Role
from spojka.network.models import Membership, Organization
from tests.browser.axe import AxeReport
from tests.browser.pages import PHONE_WIDTH, NewPage, log_in, visit
from tests.browser.test_demo_roles import horizontal_overflow
from tests.clients.factories import ClientFactory, ConsentFactory
from tests.factories import PASSWORD, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def address(name: str, **kwargs: object) -> str:
    with translation.override("cs"):
        return reverse(f"clients:{name}", kwargs=kwargs)


def _caseworker(email: str = "caseworker@clients.example.org") -> tuple[Membership, Organization]:
    organization = OrganizationFactory(name="Poradna Test")
    partner = OrganizationFactory(name="Úřad práce Test")
    membership = MembershipFactory(
        organization=organization,
        role=Role.CASEWORKER,
        user=UserFactory(email=email, full_name="Klára Případová"),
    )
    return membership, partner


def test_caseworker_registers_a_client_and_records_consent_on_a_phone(new_page: NewPage) -> None:
    membership, partner = _caseworker()
    page = new_page(width=PHONE_WIDTH)
    log_in(page, email=membership.user.email, password=PASSWORD)
    visit(page, address("new"))
    page.locator("#id_given_name").fill("Olena")
    page.locator("#id_family_name").fill("Kovalenko")
    page.locator("#id_native_given_name").fill("Олена")
    page.locator("#id_native_family_name").fill("Коваленко")
    page.locator("#id_birth_date").fill("1988-04-12")
    page.locator("#id_sex").select_option("female")
    page.locator("#id_phone").fill("+420 777 123 456")
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()
    client = Client.objects.get()
    assert client.native_family_name == "Коваленко"
    expect(page.locator("h1")).to_contain_text("Olena Kovalenko")

    page.locator(f"a[href='{address('consent_new', client_id=client.pk)}']").click()
    page.locator("#id_recipient_organization").select_option(str(partner.pk))
    page.locator("#id_purpose").fill("Registrace na úřadu práce")
    page.locator("input[name=categories][value=identity]").check()
    page.locator("input[name=categories][value=contact]").check()
    page.locator("#id_given_on").fill(timezone.localdate().isoformat())
    page.locator("input[name=channel][value=signed_paper]").check()
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()
    consent = Consent.objects.get()
    assert consent.client == client
    assert consent.categories == ["contact", "identity"]
    expect(page.locator(f"#consent-{consent.pk}")).to_contain_text("Úřad práce Test")
    assert not horizontal_overflow(page)


@pytest.mark.parametrize("width", [PHONE_WIDTH, 1280], ids=["phone", "desktop"])
def test_clients_pages_pass_axe(new_page: NewPage, width: int) -> None:
    membership, partner = _caseworker()
    manager = MembershipFactory(
        organization=membership.organization,
        role=Role.ORGANIZATION_MANAGER,
        user=UserFactory(email="manager@clients.example.org"),
    )
    client = ClientFactory(
        organization=membership.organization,
        document_valid_from=timezone.localdate() - datetime.timedelta(days=300),
        document_valid_until=timezone.localdate() + datetime.timedelta(days=20),
    )
    consent = ConsentFactory(client=client, recipient_organization=partner, recorded_by=membership.user)
    report = AxeReport()
    overflow: list[str] = []

    def check(page: Page, where: str, who: str) -> None:
        if report.open(page, where, who=who):
            report.audit(page, who=who)
            if width <= PHONE_WIDTH:
                overflow.extend(f"{who} {where}: {problem}" for problem in horizontal_overflow(page))

    page = new_page(width=width)
    log_in(page, email=manager.user.email, password=PASSWORD)
    for where in (
        address("list"),
        address("new"),
        address("expiring"),
        address("detail", client_id=client.pk),
        address("edit", client_id=client.pk),
        address("household", client_id=client.pk),
        address("consent_new", client_id=client.pk),
        address("consent_withdraw", consent_id=consent.pk),
        address("consent_print", consent_id=consent.pk),
        address("reminder", client_id=client.pk),
        address("data_export", client_id=client.pk),
        address("erase", client_id=client.pk),
        reverse("audit:trail"),
        reverse("core:workspace"),
    ):
        check(page, where, "manager")
    report.assert_clean()
    assert not overflow, "pages wider than a 360 px phone:\n" + "\n".join(overflow)
