"""What the browser tests do with pages: open them, sign in, and know the demo's logins."""

from dataclasses import dataclass
from typing import Final, Protocol

from playwright.sync_api import Page, Response

PHONE_WIDTH: Final = 360
DESKTOP_WIDTH: Final = 1280
PHONE_HEIGHT: Final = 780
DESKTOP_HEIGHT: Final = 900

LOGIN: Final = "/cs/app/accounts/login/"


class NewPage(Protocol):
    """Open a page in a fresh browser context (its own cookies) on the live server."""

    def __call__(self, *, width: int = DESKTOP_WIDTH, locale: str = "cs-CZ") -> Page: ...


@dataclass(frozen=True)
class DemoAccount:
    """A demo login as `python -m spojka demo_accounts --json` lists it."""

    email: str
    password: str
    role: str
    organization: str

    @property
    def local_part(self) -> str:
        return self.email.split("@", 1)[0]


def visit(page: Page, address: str, *, status: int = 200) -> Response:
    """Open an address and assert the status of the page it ends on (after redirects)."""
    response = page.goto(address)
    assert response is not None, f"no response for {address}"
    assert response.status == status, f"{address} answered {response.status} (expected {status}) at {response.url}"
    return response


def log_in(page: Page, *, email: str, password: str) -> None:
    """Sign in through the real login page, as a member of staff would."""
    visit(page, LOGIN)
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=username]").fill(email)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation() as navigation:
        form.locator("button[type=submit]").click()
    landed = navigation.value
    assert landed is not None, f"login as {email} led nowhere"
    assert landed.ok, f"login as {email} ended on {page.url} with status {landed.status}"
    assert LOGIN.removeprefix("/cs") not in page.url, f"login as {email} failed: still on {page.url}"
