"""Identity matching in a real browser on a 360 px phone: a likely match appears while the client is typed in.

The caseworker types a passport spelling; the organisation's record in Cyrillic, with day and
month of birth swapped, appears with its score and reasons before anything is submitted. The
review pages pass axe-core and fit a phone's width.
"""

import datetime
from pathlib import Path
from typing import Final

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from spojka.clients.enums import Sex
from spojka.clients.models import Client
from spojka.network.enums import Role
from spojka.network.models import Membership
from tests.browser.axe import AxeReport
from tests.browser.pages import PHONE_WIDTH, NewPage, log_in, visit
from tests.browser.test_demo_roles import horizontal_overflow
from tests.clients.factories import ClientFactory
from tests.factories import PASSWORD, MembershipFactory, OrganizationFactory, UserFactory
from tests.linkage.factories import pair_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Where the screenshots go, as the other browser tests keep them; look at them after a change.
SCREENSHOTS: Final = Path(__file__).resolve().parent.parent / "screenshots"


def _in_czech(name: str, **kwargs: object) -> str:
    with translation.override("cs"):
        return reverse(name, kwargs=kwargs)


def _caseworker(role: Role = Role.CASEWORKER) -> Membership:
    organization = OrganizationFactory(name="Poradna Test")
    return MembershipFactory(
        organization=organization, role=role, user=UserFactory(email=f"{role.value}@linkage.example.org")
    )


def test_candidate_appears_while_registering_a_client_on_a_phone(new_page: NewPage) -> None:
    membership = _caseworker()
    existing = ClientFactory(
        organization=membership.organization,
        given_name="",
        family_name="",
        native_given_name="Олександр",
        native_family_name="Шевченко",
        birth_date=datetime.date(1985, 7, 3),
        sex=Sex.MALE,
    )
    ClientFactory(organization=OrganizationFactory(), given_name="Oleksandr", family_name="Shevchenko")
    page = new_page(width=PHONE_WIDTH)
    log_in(page, email=membership.user.email, password=PASSWORD)
    visit(page, _in_czech("clients:new"))
    page.locator("#id_given_name").fill("Oleksandr")
    page.locator("#id_family_name").fill("Shevchenko")
    page.locator("#id_birth_date").fill("1985-03-07")
    page.locator("#id_birth_date").dispatch_event("change")
    candidates = page.locator("#linkage-candidates")
    expect(candidates.locator("li a")).to_have_count(1)
    expect(candidates).to_contain_text("Шевченко")
    expect(candidates.locator(".linkage-reasons li").first).to_be_visible()
    link = candidates.locator("li a").first
    assert link.get_attribute("href") == _in_czech("clients:detail", client_id=existing.pk)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    candidates.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "linkage-candidates-360.png"), full_page=False)
    assert not horizontal_overflow(page)
    # Registering anyway still works: the server shows the candidates and asks to confirm.
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()
    page.locator("#id_create_anyway").check()
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()
    assert Client.objects.filter(organization=membership.organization).count() == 2


def test_review_pages_pass_axe_on_a_phone(new_page: NewPage) -> None:
    membership = _caseworker(Role.ORGANIZATION_MANAGER)
    first = ClientFactory(organization=membership.organization, given_name="Oleksandr", family_name="Shevchenko")
    second = ClientFactory(organization=membership.organization, given_name="Sasha", family_name="Ševčenko")
    pair = pair_of(first, second)
    report = AxeReport()
    overflow: list[str] = []
    page = new_page(width=PHONE_WIDTH)
    log_in(page, email=membership.user.email, password=PASSWORD)
    for where in (
        _in_czech("linkage:queue"),
        _in_czech("linkage:pair", pair_id=pair.pk),
        _in_czech("linkage:match_file"),
    ):
        if report.open(page, where, who="manager"):
            report.audit(page, who="manager")
            overflow.extend(f"{where}: {problem}" for problem in horizontal_overflow(page))
    page.goto(_in_czech("linkage:pair", pair_id=pair.pk))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "linkage-pair-360.png"), full_page=True)
    report.assert_clean()
    assert not overflow, "pages wider than a 360 px phone:\n" + "\n".join(overflow)
