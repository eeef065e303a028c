"""The coordinator opens the cooperation network picture in a real browser, on a phone and a desktop.

Focusing an organisation highlights its links and dims the rest; Enter shows its links beside the
picture. The page passes axe-core at both widths and fits a 360 px phone; screenshots go to
tests/screenshots/.
"""

import datetime
from pathlib import Path
from typing import Final

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from spojka.network.enums import Role, Sector
from tests.browser.axe import AxeReport
from tests.browser.pages import DESKTOP_WIDTH, PHONE_WIDTH, NewPage, log_in
from tests.browser.test_demo_roles import horizontal_overflow
from tests.coordination.pictures_data import make_flows
from tests.factories import PASSWORD, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS: Final = Path(__file__).resolve().parent.parent / "screenshots"
COORDINATOR: Final = "coordinator@network.example.org"


@pytest.fixture
def region() -> None:
    """A small regional network with referrals in March 2026, one link below 5."""
    office = OrganizationFactory(name="Krajský úřad Libereckého kraje", sector=Sector.REGIONAL_SELF_GOVERNMENT)
    centre = OrganizationFactory(name="Centrum na podporu integrace cizinců", sector=Sector.INTEGRATION_CENTRE)
    charity = OrganizationFactory(name="Diecézní charita Litoměřice", sector=Sector.NON_PROFIT)
    people = OrganizationFactory(name="Člověk v tísni", sector=Sector.NON_PROFIT)
    town = OrganizationFactory(name="Magistrát města Liberec", sector=Sector.MUNICIPAL_SELF_GOVERNMENT)
    labour = OrganizationFactory(name="Úřad práce ČR, Liberec", sector=Sector.STATE_ADMINISTRATION)
    make_flows(
        {
            (centre, charity): 24,
            (centre, labour): 15,
            (charity, centre): 9,
            (people, town): 7,
            (town, centre): 11,
            (people, labour): 3,
            (charity, people): 6,
        },
        day=datetime.date(2026, 3, 12),
    )
    MembershipFactory(
        organization=office,
        role=Role.REGIONAL_COORDINATOR,
        user=UserFactory(email=COORDINATOR, full_name="Klára Koordinátorová"),
    )


def network_address() -> str:
    with translation.override("cs"):
        return reverse("coordination:network") + "?period=2026-03"


@pytest.mark.parametrize("width", [PHONE_WIDTH, DESKTOP_WIDTH])
def test_coordinator_opens_the_network_picture_and_focuses_an_organisation(
    new_page: NewPage, region: None, width: int
) -> None:
    page = new_page(width=width)
    log_in(page, email=COORDINATOR, password=PASSWORD)
    report = AxeReport()
    assert report.open(page, network_address(), who="coordinator")
    picture = page.locator("svg.network__picture")
    expect(picture).to_be_visible()
    assert picture.locator(".network__node").count() == 6
    assert picture.locator(".network__edge--hidden").count() >= 1  # the link of 3 is drawn without its number
    report.audit(page, who="coordinator")
    overflow = horizontal_overflow(page) if width == PHONE_WIDTH else []

    centre = picture.locator(".network__node", has_text="Centrum na podporu")
    centre.focus()
    expect(picture).to_have_class("network__picture is-focused")
    highlighted = picture.locator(".network__edge.is-highlighted")
    assert highlighted.count() == 4  # to the charity and the labour office, from the charity and the town hall
    centre.press("Enter")
    details = page.locator("#network-details")
    expect(details.locator("h3")).to_have_text("Centrum na podporu integrace cizinců")
    expect(details.locator("li")).to_have_count(4)
    expect(details).to_contain_text("Magistrát města Liberec: 11")

    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"coordination-network-{width}.png"), full_page=True)
    page.mouse.move(0, 0)
    report.assert_clean()
    assert not overflow, "\n".join(overflow)
