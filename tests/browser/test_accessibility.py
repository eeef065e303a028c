"""Every page of the foundation passes axe-core with no serious or critical violation.

axe-core runs inside the page. Under Spojka's Content-Security-Policy a `<script>` tag
injection is refused, so its source is evaluated through Playwright instead.
"""

from typing import Final

import pytest
from django.urls import reverse
from django.utils import translation

from spojka.network.enums import Role
from spojka.network.models import Organization
from tests.browser.axe import AxeReport, run_axe
from tests.browser.pages import DemoAccount, NewPage, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOT_FOUND: Final = "/cs/this-page-does-not-exist/"

PUBLIC_PAGES: Final = [
    "/cs/",
    "/uk/",
    "/en/",
    "/cs/app/accounts/login/",
    "/cs/app/accounts/password/reset/",
    "/cs/app/accounts/password/reset/sent/",
    NOT_FOUND,
]


def test_axe_reports_violation_on_page_that_has_one(new_page: NewPage) -> None:
    # Guards the other tests against passing because axe silently did not run.
    page = new_page()
    page.set_content('<!doctype html><html lang="en"><body><main><img src="x.png"></main></body></html>')

    violations = run_axe(page)

    assert "image-alt" in {violation["id"] for violation in violations}


def test_public_pages_pass_axe(new_page: NewPage, demo_accounts: list[DemoAccount]) -> None:
    report = AxeReport()
    page = new_page()
    for address in PUBLIC_PAGES:
        expected = frozenset({404 if address == NOT_FOUND else 200})
        if report.open(page, address, who="anonymous", expected=expected):
            report.audit(page, who="anonymous")
    report.assert_clean()


def workspace_pages(account: DemoAccount) -> list[str]:
    """Return the workspace addresses whose content depends on the role, in Czech."""
    organization = Organization.objects.get(name=account.organization)
    with translation.override("cs"):
        return [
            reverse("core:workspace"),
            reverse("network:organizations"),
            reverse("network:organization", kwargs={"organization_id": organization.pk}),
            reverse("network:staff"),
            reverse("network:invite", kwargs={"organization_id": organization.pk}),
            reverse("geo:units"),
            reverse("geo:packs"),
        ]


def personal_pages() -> list[str]:
    """Return the workspace addresses every member of staff has, whatever the role."""
    with translation.override("cs"):
        return [
            reverse("network:roles"),
            reverse("accounts:profile"),
            reverse("accounts:password_change"),
        ]


def test_workspace_pages_pass_axe_for_every_role(new_page: NewPage, demo_accounts: list[DemoAccount]) -> None:
    # One login per role: what a page shows depends on the role, not on the person.
    first_of_role: dict[str, DemoAccount] = {}
    for account in demo_accounts:
        first_of_role.setdefault(account.role, account)
    assert set(first_of_role) == set(Role.values), f"the demo lacks roles: {set(Role.values) - set(first_of_role)}"
    report = AxeReport()
    forbidden_page_checked = False
    for position, role in enumerate(Role.values):
        account = first_of_role[role]
        who = f"{role} ({account.email})"
        page = new_page()
        log_in(page, email=account.email, password=account.password)
        # The header and navigation differ by role; the personal pages are checked once.
        addresses = workspace_pages(account) + (personal_pages() if position == 0 else [])
        for address in addresses:
            status = report.open(page, address, who=who, expected=frozenset({200, 403}))
            if status == 403:
                # The role may not open this page: check the 403 page itself once.
                if forbidden_page_checked:
                    continue
                forbidden_page_checked = True
            if status is not None:
                report.audit(page, who=who)
        if position == 0 and report.open(page, NOT_FOUND, who=who, expected=frozenset({404})):
            report.audit(page, who=who)
        page.context.close()
    report.assert_clean()
