"""Two-factor sign-in as a member of staff meets it: set up with the app's key, then sign in with a code."""

from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page

from tests.browser.axe import AxeReport
from tests.browser.pages import LOGIN, DemoAccount, NewPage, log_in, visit

pytestmark = pytest.mark.browser


def _code_for(secret: str, *, steps_ahead: int = 0) -> str:
    """Return the code an authenticator app shows for a key typed by hand (now, or a step later)."""
    return f"{totp(b32decode(secret.replace(' ', '')), digits=6, drift=steps_ahead):06d}"


def _submit(page: Page, button: str = "") -> None:
    """Press the form's button with this text, or its primary button."""
    locator = (
        page.locator("main form button[type=submit]", has_text=button)
        if button
        else page.locator("main form .button--primary")
    )
    with page.expect_navigation():
        locator.click()


def test_staff_member_turns_on_two_factor_and_signs_in_with_a_code(
    new_page: NewPage, demo_accounts: list[DemoAccount]
) -> None:
    account = next(a for a in demo_accounts if a.role == "caseworker")
    report = AxeReport()
    page = new_page(width=360, locale="en-GB")
    log_in(page, email=account.email, password=account.password)

    visit(page, "/en/app/accounts/two-factor/")
    report.audit(page, who="two-factor page, off")
    _submit(page, "Turn on")
    assert page.locator("main figure svg").count() == 1, "the QR code is drawn on the page"
    report.audit(page, who="set-up page")
    secret = page.locator("main dd code").inner_text()

    page.locator("main input[name=code]").fill("000000" if _code_for(secret) != "000000" else "111111")
    _submit(page, "Turn on")
    assert page.locator(".field--invalid").count() == 1, "a wrong code is refused next to the field"
    report.audit(page, who="set-up page with a wrong code")

    page.locator("main input[name=code]").fill(_code_for(secret))
    _submit(page, "Turn on")
    assert page.locator("main ol code").count() == 10, "ten backup codes are shown once"
    report.audit(page, who="backup codes")

    page.context.clear_cookies()
    visit(page, LOGIN.replace("/cs/", "/en/"))
    page.locator("main input[name=username]").fill(account.email)
    page.locator("main input[name=password]").fill(account.password)
    _submit(page)
    assert "/login/verify/" in page.url, "the password alone does not open the workspace"
    assert page.locator(".site-header__workspace").count() == 0
    report.audit(page, who="code step")

    # A code is accepted once; the app's next code (within the allowed drift) signs in now.
    page.locator("main input[name=code]").fill(_code_for(secret, steps_ahead=1))
    _submit(page)
    assert page.url.endswith("/app/"), page.url
    assert page.locator(".site-header__workspace").count() == 1
    report.assert_clean()
