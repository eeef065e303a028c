"""The public portal on a phone: search in Ukrainian, read the results, open a service's page."""

from pathlib import Path
from typing import Final

import pytest
from playwright.sync_api import expect

from tests.browser.axe import AxeReport
from tests.browser.pages import PHONE_WIDTH, NewPage, visit
from tests.directory.portal_directory import build_directory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS: Final = Path(__file__).resolve().parent.parent / "screenshots"


def test_portal_search_in_ukrainian_on_a_phone(new_page: NewPage) -> None:
    directory = build_directory()
    report = AxeReport()
    page = new_page(width=PHONE_WIDTH, locale="uk-UA")
    visit(page, "/uk/services/")
    report.audit(page, who="visitor")

    page.get_by_role("searchbox").fill("житло")
    with page.expect_navigation():
        page.locator("form.portal-filters button[type=submit]").click()

    results = page.locator("ol.results > li")
    expect(results).to_have_count(2)
    shelter = results.filter(has_text="Притулок Ліберець")
    expect(shelter).to_have_count(1)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE_WIDTH, "the page scrolls sideways"
    report.audit(page, who="visitor")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "portal-results-uk-360.png"), full_page=True)

    with page.expect_navigation():
        shelter.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Притулок Ліберець")
    assert page.url.endswith(f"/uk/services/{directory.shelter.pk}/")
    expect(page.locator("a[href^='tel:'], a[href^='mailto:']").first).to_be_attached()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE_WIDTH, "the page scrolls sideways"
    report.audit(page, who="visitor")
    page.screenshot(path=str(SCREENSHOTS / "portal-service-uk-360.png"), full_page=True)
    report.assert_clean()
