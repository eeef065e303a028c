"""The language switcher in the header, pressed in a real browser."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import Locator, Page, expect

from spojka.accounts.models import User
from spojka.network.enums import Role
from tests.browser.pages import NewPage, log_in
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Strings of the header and the front page, as written in the templates (English msgids).
STAFF_SIGN_IN = "Staff sign-in"
FRONT_PAGE_HEADING = "Help for refugees and migrants in the region"


def translated(message: str, language: str) -> str:
    """Return the catalogue's translation, failing clearly when the language lacks it."""
    with translation.override(language):
        text = translation.gettext(message)
    if language != "en":
        assert text != message, (
            f"the {language!r} catalogue (src/spojka/locale/{language}/LC_MESSAGES/django.po, "
            f"compiled to django.mo) has no translation of {message!r}"
        )
    return text


def language_button(page: Page, language: str) -> Locator:
    """Return the header's language-switcher button that submits `language`."""
    return page.locator(f"form.language-switcher button[name=language][value={language}]")


def press_language_button(page: Page, language: str) -> None:
    """Press the header's button for a language and wait for the page it leads to."""
    with page.expect_navigation():
        language_button(page, language).click()


def expect_page_in(page: Page, language: str) -> None:
    """Assert the page's address, its `lang` and visible text are all in one language."""
    expect(page).to_have_url(re.compile(rf"/{language}/$"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(translated(FRONT_PAGE_HEADING, language))
    expect(page.locator(".site-header").get_by_role("link", name=translated(STAFF_SIGN_IN, language))).to_be_visible()
    expect(language_button(page, language)).to_have_attribute("aria-current", "true")


def test_language_switcher_from_czech_to_ukrainian_shows_ukrainian_text(new_page: NewPage) -> None:
    page = new_page()
    page.goto("/cs/")
    expect_page_in(page, "cs")

    press_language_button(page, "uk")

    expect_page_in(page, "uk")
    sign_in = page.locator(".site-header").get_by_role("link", name=translated(STAFF_SIGN_IN, "uk"))
    assert re.search("[\u0400-\u04ff]", sign_in.inner_text()), "the Ukrainian sign-in link is not in Cyrillic"


def test_language_switcher_to_english_and_back_to_czech(new_page: NewPage) -> None:
    page = new_page()
    page.goto("/cs/")
    press_language_button(page, "uk")
    expect_page_in(page, "uk")

    press_language_button(page, "en")
    expect_page_in(page, "en")

    press_language_button(page, "cs")
    expect_page_in(page, "cs")


def test_language_switcher_works_on_page_opened_by_link_in_other_language(
    new_page: NewPage,
) -> None:
    # A Czech browser follows a shared link to the Ukrainian page: no cookie says Ukrainian yet.
    page = new_page(locale="cs-CZ")
    page.goto("/uk/")
    expect_page_in(page, "uk")

    press_language_button(page, "en")

    expect_page_in(page, "en")


def test_language_choice_is_remembered_for_anonymous_visitor(new_page: NewPage) -> None:
    page = new_page(locale="cs-CZ")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/cs/$"))  # the browser asks for Czech

    press_language_button(page, "uk")
    page.goto("/")

    expect_page_in(page, "uk")


def test_language_choice_is_saved_on_staff_account(new_page: NewPage) -> None:
    user = UserFactory.create(email="ukrainian.speaker@example.org", full_name="Olena Testová", preferred_language="cs")
    MembershipFactory.create(user=user, role=Role.CASEWORKER)
    page = new_page()
    log_in(page, email=user.email, password=PASSWORD)
    expect(page).to_have_url(re.compile(r"/cs/app/$"))

    press_language_button(page, "uk")

    expect(page).to_have_url(re.compile(r"/uk/app/$"))
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    assert User.objects.get(pk=user.pk).preferred_language == "uk"
    # Another device, with no language cookie yet: the account remembers.
    elsewhere = new_page(locale="cs-CZ")
    log_in(elsewhere, email=user.email, password=PASSWORD)
    expect(elsewhere).to_have_url(re.compile(r"/uk/app/$"))
