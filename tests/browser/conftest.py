"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

The browser is the system's `/usr/bin/chromium` (Playwright's own downloads are neither
needed nor possible on the project's machines). Without it the browser tests skip on a
developer's machine, but fail in CI (`CI=true`), where `.ci/run` installs it.
"""

import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.browser.pages import DESKTOP_HEIGHT, DESKTOP_WIDTH, PHONE_HEIGHT, PHONE_WIDTH, DemoAccount, NewPage

CHROMIUM: Final = Path("/usr/bin/chromium")
CHROMIUM_ARGS: Final = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"true", "1", "yes"}


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Launch one headless Chromium for all browser tests.

    Package-scoped rather than session-scoped on purpose: Playwright's sync API keeps an
    asyncio loop marked as running while it is started, which would make every later test
    of the session look as if it ran inside an event loop.
    """
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)."
        if _in_ci():
            pytest.fail(f"{message} Browser tests never skip in CI (CI=true).", pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: Browser, live_server: LiveServer) -> Iterator[NewPage]:
    """Return a function that opens a page in a fresh browser context (its own cookies).

    `new_page(width=360)` gives a phone-sized viewport; relative addresses go to the live
    server. The browser asks for Czech first, as a visitor in the Liberec Region would.
    """
    contexts: list[BrowserContext] = []

    def _new_page(*, width: int = DESKTOP_WIDTH, locale: str = "cs-CZ") -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": PHONE_HEIGHT if width <= PHONE_WIDTH else DESKTOP_HEIGHT},
            locale=locale,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()


@pytest.fixture
def demo_accounts(live_server: LiveServer) -> list[DemoAccount]:
    """Load the Liberec Region demo into the live server's database and return its logins."""
    call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    call_command("demo_accounts", "--json", stdout=out)
    rows: list[dict[str, Any]] = json.loads(out.getvalue())
    accounts = [
        DemoAccount(email=row["email"], password=row["password"], role=row["role"], organization=row["organization"])
        for row in rows
    ]
    assert accounts, "`demo_accounts --json` listed no demo logins"
    return accounts
