"""A reporting round in a real browser: a municipality's manager answers it on a phone, the coordinator sees the sums.

Every page on the way passes axe-core; screenshots at 360 px go to tests/screenshots/.
"""

import datetime
from pathlib import Path
from typing import Final

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from spojka.coordination import actions_rounds as actions
from spojka.coordination.actions_rounds import QuestionSpec
from spojka.coordination.enums_rounds import CapacityKind, QuestionKind, RecipientRule, RecipientStatus
from spojka.coordination.models import ReportingRound, RoundRecipient
from spojka.network.enums import Role, Sector
from tests.browser.axe import AxeReport
from tests.browser.pages import PHONE_WIDTH, NewPage, log_in
from tests.factories import PASSWORD, AdministrativeUnitFactory, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS: Final = Path(__file__).resolve().parent.parent / "screenshots"


@pytest.fixture
def reporting_round() -> ReportingRound:
    region = AdministrativeUnitFactory(name="Liberecký kraj", code="CZ051", level="region")
    district = AdministrativeUnitFactory(
        name="Turnov", code="5108", level="orp", parent=region, attributes={"seat_code": "577626"}
    )
    turnov = AdministrativeUnitFactory(name="Turnov", code="577626", parent=district)
    AdministrativeUnitFactory(name="Jenišovice", code="577162", parent=district)
    AdministrativeUnitFactory(name="Přepeře", code="577561", parent=district)
    town = OrganizationFactory(name="Město Turnov", sector=Sector.MUNICIPAL_SELF_GOVERNMENT, municipality=turnov)
    MembershipFactory(
        organization=town, role=Role.ORGANIZATION_MANAGER, user=UserFactory(email="manager@turnov.example.org")
    )
    office = OrganizationFactory(name="Krajský úřad", sector=Sector.REGIONAL_SELF_GOVERNMENT)
    coordinator = UserFactory(email="coordinator@kraj.example.org")
    MembershipFactory(organization=office, role=Role.REGIONAL_COORDINATOR, user=coordinator)
    created = actions.create_round(
        title="Kapacity obcí \N{EN DASH} podzim",
        instructions="Stav k 1. listopadu.",
        deadline=timezone.now() + datetime.timedelta(days=7),
        recipient_rule=RecipientRule.DISTRICT_MUNICIPALITIES,
        district=district,
        by=coordinator,
    )
    questions = [
        QuestionSpec(
            key="volna-mista",
            label="Volná místa v ubytování",
            kind=QuestionKind.NUMBER,
            required=True,
            capacity_kind=CapacityKind.ACCOMMODATION,
        ),
        QuestionSpec(key="deti", label="Ukrajinské děti zapsané ve školách", kind=QuestionKind.MUNICIPALITY_TABLE),
        QuestionSpec(key="situace", label="Situace", kind=QuestionKind.CHOICE, options=("Klidná", "Napjatá")),
        QuestionSpec(key="potreby", label="Nepokryté potřeby", kind=QuestionKind.TEXT),
    ]
    actions.set_questions(reporting_round=created, questions=questions, by=coordinator)
    actions.publish_round(reporting_round=created, by=coordinator)
    return created


def test_municipality_answers_a_round_and_the_coordinator_sees_the_aggregate(
    new_page: NewPage, reporting_round: ReportingRound
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    report = AxeReport()
    answer_url = f"/cs/app/coordination/rounds/{reporting_round.pk}/answer/"

    # The town's manager opens the round on a phone.
    phone = new_page(width=PHONE_WIDTH)
    log_in(phone, email="manager@turnov.example.org", password=PASSWORD)
    report.open(phone, answer_url, who="municipality")
    report.audit(phone, who="municipality")
    expect(phone.locator("h1")).to_have_text("Kapacity obcí \N{EN DASH} podzim")
    expect(phone.get_by_label("Jenišovice")).to_be_visible()

    # A negative count is refused with a clear message; everything typed stays.
    phone.get_by_label("Volná místa v ubytování").fill("-4")
    phone.get_by_label("Jenišovice").fill("3")
    phone.get_by_label("Nepokryté potřeby").fill("Tlumočníci do ukrajinštiny")
    phone.locator("button[name=action][value=draft]").click()
    phone.wait_for_load_state()
    expect(phone.locator(".field__errors").first).to_be_visible()
    expect(phone.get_by_label("Nepokryté potřeby")).to_have_value("Tlumočníci do ukrajinštiny")
    expect(phone.get_by_label("Jenišovice")).to_have_value("3")
    phone.screenshot(path=str(SCREENSHOTS / "round-answer-error-cs-360.png"), full_page=True)
    report.audit(phone, who="municipality")

    # Corrected, saved as a draft, then submitted.
    phone.get_by_label("Volná místa v ubytování").fill("12")
    phone.get_by_label("Turnov", exact=True).fill("41")
    phone.locator("button[name=action][value=draft]").click()
    expect(phone.locator(".message").first).to_be_visible()
    phone.get_by_label("Napjatá").check()
    phone.locator("button[name=action][value=submit]").click()
    expect(phone.locator("button[name=action][value=submit]")).to_have_count(1)
    expect(phone.locator("button[name=action][value=draft]")).to_have_count(
        0
    )  # a submitted answer is corrected, not drafted
    phone.screenshot(path=str(SCREENSHOTS / "round-answer-submitted-cs-360.png"), full_page=True)
    report.audit(phone, who="municipality")
    recipient = RoundRecipient.objects.get(round=reporting_round)
    assert recipient.status == RecipientStatus.SUBMITTED

    # The coordinator sees who answered, then the results summed up by district and region.
    desk = new_page(width=PHONE_WIDTH)
    log_in(desk, email="coordinator@kraj.example.org", password=PASSWORD)
    report.open(desk, f"/cs/app/coordination/rounds/{reporting_round.pk}/", who="coordinator")
    report.audit(desk, who="coordinator")
    expect(desk.locator("main table")).to_contain_text("Město Turnov")
    report.open(desk, f"/cs/app/coordination/rounds/{reporting_round.pk}/results/", who="coordinator")
    report.audit(desk, who="coordinator")
    results = desk.locator("main")
    expect(results).to_contain_text("Liberecký kraj")
    expect(results.locator("section").first.locator("tbody tr").first).to_contain_text("12")
    expect(results).to_contain_text("44")  # children: 41 in Turnov + 3 in Jenišovice
    expect(results).to_contain_text("Tlumočníci do ukrajinštiny")
    desk.screenshot(path=str(SCREENSHOTS / "round-results-cs-360.png"), full_page=True)
    report.assert_clean()


def test_coordinator_defines_questions_and_reads_the_capacity_registry(
    new_page: NewPage, reporting_round: ReportingRound
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    report = AxeReport()
    copy = actions.copy_round(source=reporting_round, by=reporting_round.created_by)
    phone = new_page(width=PHONE_WIDTH)
    log_in(phone, email="coordinator@kraj.example.org", password=PASSWORD)

    # Two questions with one key: refused with a clear message, nothing saved, everything typed kept.
    report.open(phone, f"/cs/app/coordination/rounds/{copy.pk}/questions/", who="coordinator")
    report.audit(phone, who="coordinator")
    phone.fill("#id_questions-4-key", "volna-mista")
    phone.fill("#id_questions-4-label", "Volná lůžka")
    phone.select_option("#id_questions-4-kind", "number")
    phone.locator("button[name=action][value=save]").click()
    expect(phone.locator("#questions-errors")).to_contain_text("volna-mista")
    expect(phone.locator("#id_questions-4-label")).to_have_value("Volná lůžka")
    phone.screenshot(path=str(SCREENSHOTS / "round-questions-duplicate-cs-360.png"), full_page=True)
    report.audit(phone, who="coordinator")
    assert copy.questions.count() == 4

    # The registry: the submitted capacity question is not there yet; a manual figure is.
    report.open(phone, "/cs/app/coordination/capacity/new/", who="coordinator")
    report.audit(phone, who="coordinator")
    phone.select_option("#id_kind", "language_course")
    phone.locator("#id_municipality").select_option(label="Jenišovice (Turnov)")
    phone.fill("#id_places", "14")
    phone.locator("main form button[type=submit]").click()
    expect(phone.locator("main")).to_contain_text("Jenišovice")
    expect(phone.locator("main table").first).to_contain_text("14")
    phone.screenshot(path=str(SCREENSHOTS / "capacity-registry-cs-360.png"), full_page=True)
    report.audit(phone, who="coordinator")
    report.assert_clean()
