"""The analyst's dashboard on a phone, in a real browser: charts, tables with hidden small counts, a map."""

from pathlib import Path
from typing import Final

import pytest
from playwright.sync_api import expect

from spojka.demo.actions import load_liberec_demo
from spojka.demo.casework_loader import load_demo_casework
from spojka.demo.clients_loader import load_demo_clients
from spojka.geo.packs.loader import load_country_pack
from tests.browser.axe import AxeReport
from tests.browser.pages import PHONE_WIDTH, NewPage, log_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS: Final = Path(__file__).resolve().parent.parent / "screenshots"
PASSWORD: Final = "demo-password-for-browser-tests"


@pytest.fixture
def demo() -> None:
    load_country_pack("cz-liberec")
    load_liberec_demo(password=PASSWORD)
    load_demo_clients()
    load_demo_casework()


def test_analyst_reads_the_dashboard_on_a_phone(demo: None, new_page: NewPage) -> None:
    report = AxeReport()
    page = new_page(width=PHONE_WIDTH)
    log_in(page, email="lucie.tabulkova@demo.spojka.example", password=PASSWORD)
    visit(page, "/cs/app/coordination/")
    with page.expect_navigation():
        page.locator(".coordination-index a[href$='/dashboard/']").click()

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".dashboard-panel")).to_have_count(8)
    expect(page.locator(".dashboard-map svg")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE_WIDTH, "the page scrolls sideways"
    report.audit(page, who="analyst")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "coordination-dashboard-cs-360.png"), full_page=True)

    page.locator("#id_period").fill("2026-13")
    with page.expect_navigation():
        page.locator(".period-form button[type=submit]").click()
    expect(page.locator("#period-error")).to_be_visible()
    report.audit(page, who="analyst")
    report.assert_clean()
