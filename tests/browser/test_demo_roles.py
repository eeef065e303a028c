"""Every demo login, signed in through the real login page, on a phone and on a desktop.

The screenshots land in tests/screenshots/ (git-ignored) as
`<role>-<e-mail local part>-<width>.png`, for people to look at; the assertions check
what a screenshot cannot: who the header says is working, and that nothing spills
sideways on a 360 px wide phone.
"""

from pathlib import Path
from typing import Final

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from spojka.network.enums import Role
from spojka.network.models import Organization
from tests.browser.pages import DESKTOP_WIDTH, PHONE_HEIGHT, PHONE_WIDTH, DemoAccount, NewPage, log_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKSPACE_HOME: Final = "/cs/app/"

# Git-ignored: screenshots are for people to look at, not to compare.
SCREENSHOTS: Final = Path(__file__).resolve().parents[1] / "screenshots"

# The elements wider than the window, to say what overflows rather than only that it does.
OVERFLOWING_ELEMENTS = """() => {
    const width = window.innerWidth;
    return [...document.querySelectorAll("body *")]
        .filter((element) => element.getBoundingClientRect().right > width + 0.5)
        .slice(0, 10)
        .map((element) => {
            const classes = [...element.classList].map((name) => "." + name).join("");
            const right = Math.round(element.getBoundingClientRect().right);
            return `${element.tagName.toLowerCase()}${classes} (right edge at ${right} px)`;
        });
}"""


def screenshot(page: Page, account: DemoAccount, width: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{account.role}-{account.local_part}-{width}.png", full_page=True)


def horizontal_overflow(page: Page) -> list[str]:
    """Return what sticks out of the window sideways; empty when the page fits its width."""
    fits = page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    if fits:
        return []
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    return [f"page is {scroll_width} px wide", *page.evaluate(OVERFLOWING_ELEMENTS)]


def test_every_demo_login_home_page_shows_organisation_and_role_and_fits_phone(
    new_page: NewPage, demo_accounts: list[DemoAccount]
) -> None:
    problems: list[str] = []
    for account in demo_accounts:
        organization = Organization.objects.get(name=account.organization)
        with translation.override("cs"):
            role_label = str(Role(account.role).label)
        page = new_page(width=DESKTOP_WIDTH)
        log_in(page, email=account.email, password=account.password)

        visit(page, WORKSPACE_HOME)
        header = page.locator("header.site-header")
        expect(header).to_contain_text(organization.display_name)
        expect(header).to_contain_text(role_label)
        screenshot(page, account, DESKTOP_WIDTH)

        page.set_viewport_size({"width": PHONE_WIDTH, "height": PHONE_HEIGHT})
        visit(page, WORKSPACE_HOME)
        screenshot(page, account, PHONE_WIDTH)
        if overflow := horizontal_overflow(page):
            problems.append(f"{account.email} ({account.role}) at {PHONE_WIDTH} px: " + "; ".join(overflow))
        page.context.close()

    assert not problems, "pages wider than a 360 px phone:\n" + "\n".join(problems)
