"""The good-practice pages on a phone, and a manager's tasks from a meeting, in a real browser."""

from pathlib import Path
from typing import Final

import pytest
from playwright.sync_api import expect

from spojka.demo.actions import load_liberec_demo
from spojka.demo.coordination_meetings_loader import load_demo_coordination_meetings
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
    load_demo_coordination_meetings()


def test_good_practice_in_ukrainian_on_a_phone(demo: None, new_page: NewPage) -> None:
    report = AxeReport()
    page = new_page(width=PHONE_WIDTH, locale="uk-UA")
    visit(page, "/uk/practice/")
    expect(page.locator(".practice-card")).to_have_count(4)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE_WIDTH, "the page scrolls sideways"
    report.audit(page, who="visitor")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "practice-list-uk-360.png"), full_page=True)

    with page.expect_navigation():
        page.locator(".practice-filter a", has_text="житло").click()
    expect(page.locator(".practice-card")).to_have_count(1)
    with page.expect_navigation():
        page.locator(".practice-card a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Координація житла з громадами")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE_WIDTH, "the page scrolls sideways"
    report.audit(page, who="visitor")
    page.screenshot(path=str(SCREENSHOTS / "practice-detail-uk-360.png"), full_page=True)
    report.assert_clean()


def test_manager_marks_a_meeting_task_done(demo: None, new_page: NewPage) -> None:
    report = AxeReport()
    page = new_page(width=PHONE_WIDTH)
    log_in(page, email="hana.ukazkova@demo.spojka.example", password=PASSWORD)
    visit(page, "/cs/app/")
    expect(page.locator("#coordination-tasks-heading")).to_be_visible()
    visit(page, "/cs/app/coordination/tasks/")
    items = page.locator(".action-items > li")
    expect(items).to_have_count(1)
    report.audit(page, who="manager")
    page.screenshot(path=str(SCREENSHOTS / "coordination-tasks-cs-360.png"), full_page=True)
    items.first.locator("summary").click()
    items.first.locator("textarea").fill("Seznam poslán školám.")
    with page.expect_navigation():
        items.first.locator("button[type=submit]").click()
    expect(page.locator(".action-items > li")).to_have_count(0)
    visit(page, "/cs/app/coordination/meetings/")
    with page.expect_navigation():
        page.locator("table a").first.click()
    report.audit(page, who="manager")
    page.screenshot(path=str(SCREENSHOTS / "coordination-meeting-cs-360.png"), full_page=True)
    report.assert_clean()
