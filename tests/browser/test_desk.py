"""The one-stop shop in a real browser: reception issues a ticket, an operator calls it, and the
public display in the waiting room shows it within two seconds, without a reload.

Every desk page passes axe-core, on a desktop and on a 360 px phone.
"""

import time
from dataclasses import dataclass
from typing import Final

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from spojka.desk.models import Site, Station, Visit
from spojka.network.enums import Role
from spojka.network.models import Membership
from tests.browser.axe import AxeReport
from tests.browser.pages import DESKTOP_WIDTH, PHONE_WIDTH, NewPage, log_in, visit
from tests.browser.test_demo_roles import horizontal_overflow
from tests.desk.factories import assign, make_shop
from tests.factories import PASSWORD, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DISPLAY_DEADLINE_MS: Final = 2_000


@dataclass(frozen=True)
class Desk:
    site: Site
    station: Station
    receptionist: Membership
    operator: Membership


@pytest.fixture
def desk() -> Desk:
    host = OrganizationFactory(name="KACPU Test")
    police = OrganizationFactory(name="Foreign police Test")
    shop = make_shop(organization=host, agency=police, name="KACPU Test")
    receptionist = MembershipFactory(
        organization=host,
        role=Role.DESK_OPERATOR,
        user=UserFactory(email="reception@desk.example.org", full_name="Renata Recepční"),
    )
    operator = MembershipFactory(
        organization=host,
        role=Role.DESK_OPERATOR,
        user=UserFactory(email="operator@desk.example.org", full_name="Ondřej Přepážkový"),
    )
    assign(shop.registration, receptionist, operator)
    assign(shop.police, operator)
    return Desk(site=shop.site, station=shop.registration, receptionist=receptionist, operator=operator)


def address(name: str, **kwargs: object) -> str:
    with translation.override("cs"):
        return reverse(f"desk:{name}", kwargs=kwargs)


def check(report: AxeReport, page: Page, where: str, *, who: str, overflow: list[str]) -> None:
    """Open a page, run axe on it, and note anything wider than a phone at 360 px."""
    if report.open(page, where, who=who):
        report.audit(page, who=who)
        if page.viewport_size and page.viewport_size["width"] <= PHONE_WIDTH:
            overflow.extend(f"{who} {where}: {problem}" for problem in horizontal_overflow(page))


def test_ticket_issued_at_reception_and_called_shows_on_the_public_display_within_two_seconds(
    new_page: NewPage, desk: Desk
) -> None:
    # The waiting room's screen: no login.
    display = new_page(width=DESKTOP_WIDTH)
    visit(display, address("display", site_id=desk.site.pk))
    expect(display.locator(".desk-calls__empty")).to_be_visible()

    reception = new_page()
    log_in(reception, email=desk.receptionist.user.email, password=PASSWORD)
    visit(reception, address("reception", site_id=desk.site.pk))
    reception.locator("input[name=purposes]").first.check()
    reception.locator("input[name=language][value=uk]").check()
    reception.locator("input[name=party_size]").fill("2")
    with reception.expect_navigation():
        reception.locator("form.desk-reception button[type=submit]").click()
    expect(reception.locator("h1")).to_contain_text("A-001")
    ticket = Visit.objects.get()
    assert ticket.ticket == "A-001"

    operator = new_page()
    log_in(operator, email=desk.operator.user.email, password=PASSWORD)
    visit(operator, address("station", station_id=desk.station.pk))
    expect(operator.locator("#desk-queue")).to_contain_text("A-001")
    with operator.expect_navigation():
        operator.locator("button.desk-call").click()
    called_at = time.monotonic()
    expect(operator.locator(".desk-current")).to_contain_text("A-001")

    expect(display.locator(".desk-calls__row--latest .desk-calls__ticket")).to_have_text(
        "A-001", timeout=DISPLAY_DEADLINE_MS
    )
    assert time.monotonic() - called_at < DISPLAY_DEADLINE_MS / 1000
    row = display.locator(".desk-calls__row--latest")
    expect(row).to_contain_text("Registrace")
    expect(row).to_contain_text("Реєстрація")
    body = display.locator("body").inner_text()
    assert desk.operator.user.full_name not in body
    assert desk.receptionist.user.full_name not in body

    # Served: the visitor goes on to the police desk, and leaves the display.
    with operator.expect_navigation():
        operator.locator(".desk-actions form").first.locator("button").click()
    expect(display.locator(".desk-calls__empty")).to_be_visible(timeout=DISPLAY_DEADLINE_MS)
    assert ticket.steps.get(position=1).status == "waiting"


def test_chime_button_is_remembered_on_the_display(new_page: NewPage, desk: Desk) -> None:
    display = new_page()
    visit(display, address("display", site_id=desk.site.pk))
    button = display.locator("[data-chime]")
    expect(button).to_have_attribute("aria-pressed", "false")

    button.click()

    expect(button).to_have_attribute("aria-pressed", "true")
    display.reload()
    expect(display.locator("[data-chime]")).to_have_attribute("aria-pressed", "true")


@pytest.mark.parametrize("width", [DESKTOP_WIDTH, PHONE_WIDTH], ids=["desktop", "phone"])
def test_desk_pages_pass_axe(new_page: NewPage, desk: Desk, width: int) -> None:
    from spojka.desk import actions

    visit_ = actions.receive_visitor(
        site=desk.site,
        purposes=list(desk.site.purposes.all()[:1]),
        language="uk",
        party_size=1,
        priority="pregnant",
        by=desk.receptionist.user,
    )
    actions.receive_visitor(
        site=desk.site,
        purposes=list(desk.site.purposes.all()[:1]),
        language="cs",
        party_size=3,
        priority="",
        by=desk.receptionist.user,
    )
    actions.call_next_visitor(station=desk.station, by=desk.receptionist.user)
    report = AxeReport()
    overflow: list[str] = []

    anonymous = new_page(width=width)
    check(report, anonymous, address("display", site_id=desk.site.pk), who="anonymous", overflow=overflow)

    page = new_page(width=width)
    log_in(page, email=desk.operator.user.email, password=PASSWORD)
    for where in (
        address("index"),
        address("site", site_id=desk.site.pk),
        address("reception", site_id=desk.site.pk),
        address("visit", visit_id=visit_.pk),
        address("ticket", visit_id=visit_.pk),
        address("station", station_id=desk.station.pk),
        address("statistics", site_id=desk.site.pk),
    ):
        check(report, page, where, who="desk operator", overflow=overflow)
    # The operator's screen with a visitor called: the buttons and the transfer form.
    visit(page, address("station", station_id=desk.station.pk))
    with page.expect_navigation():
        page.locator("button.desk-call").click()
    report.audit(page, who="desk operator, visitor called")

    coordinator = MembershipFactory(
        organization=desk.site.organization, role=Role.PLATFORM_ADMIN, user=UserFactory(email="admin@desk.example.org")
    )
    admin_page = new_page(width=width)
    log_in(admin_page, email=coordinator.user.email, password=PASSWORD)
    for where in (
        address("site_new"),
        address("station_edit", station_id=desk.station.pk),
        address("station_operators", station_id=desk.station.pk),
    ):
        check(report, admin_page, where, who="platform administrator", overflow=overflow)

    report.assert_clean()
    assert not overflow, "pages wider than a 360 px phone:\n" + "\n".join(overflow)
