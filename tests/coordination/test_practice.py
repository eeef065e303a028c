# ruff: noqa: RUF001  # Ukrainian text and Czech en dashes are meant
"""The good-practice library: staff writing and publishing, and the public pages (public and published only)."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from spojka.accounts.models import User
from spojka.coordination.models import GoodPractice, PracticeStatus, PracticeVisibility
from spojka.network.enums import Role
from tests.conftest import Personas
from tests.coordination.factories_meetings import GoodPracticeFactory, PracticeTagFactory

pytestmark = pytest.mark.django_db


def _public_list(client: Client, **params: str) -> str:
    with translation.override("en"):
        url = reverse("practice:list")
    return client.get(url, params).content.decode()


def test_public_list_shows_only_public_and_published_entries(client: Client) -> None:
    GoodPracticeFactory(title="One-stop shop KACPU")
    GoodPracticeFactory(title="Internal lessons", visibility=PracticeVisibility.INTERNAL)
    GoodPracticeFactory(title="Half-written draft", status=PracticeStatus.DRAFT, published_at=None)
    page = _public_list(client)
    assert "One-stop shop KACPU" in page
    assert "Internal lessons" not in page
    assert "Half-written draft" not in page


def test_public_detail_of_a_draft_or_internal_entry_is_not_found(client: Client) -> None:
    draft = GoodPracticeFactory(status=PracticeStatus.DRAFT, published_at=None)
    internal = GoodPracticeFactory(visibility=PracticeVisibility.INTERNAL)
    for practice in (draft, internal):
        response = client.get(reverse("practice:detail", kwargs={"practice_id": practice.pk}))
        assert response.status_code == 404


def test_public_detail_shows_the_sections(client: Client) -> None:
    practice = GoodPracticeFactory(problem="Parents could not talk to teachers.", contacts="jana@example.org")
    page = client.get(reverse("practice:detail", kwargs={"practice_id": practice.pk})).content.decode()
    for text in ("The problem", "Parents could not talk to teachers.", "What was done", "Results", "jana@example.org"):
        assert text in page


def test_public_detail_in_another_language_shows_the_translation(client: Client) -> None:
    practice = GoodPracticeFactory(title="Tlumočníci ve školách")
    practice.set_translations("uk", {"title": "Перекладачі у школах", "problem": "Батьки не могли говорити."})
    practice.save()
    with translation.override("uk"):
        url = reverse("practice:detail", kwargs={"practice_id": practice.pk})
    page = client.get(url).content.decode()
    assert "Перекладачі у школах" in page
    assert "has not been translated" not in page


def test_public_detail_without_a_translation_shows_a_visible_note(client: Client) -> None:
    practice = GoodPracticeFactory(title="Tlumočníci ve školách")
    with translation.override("uk"):
        url = reverse("practice:detail", kwargs={"practice_id": practice.pk})
    page = client.get(url).content.decode()
    assert "Tlumočníci ve školách" in page
    assert 'lang="cs"' in page
    assert "practice-fallback" in page


def test_public_list_filters_by_tag(client: Client) -> None:
    housing = PracticeTagFactory(slug="housing", name="bydlení")
    schools = PracticeTagFactory(slug="schools", name="školy")
    GoodPracticeFactory(title="Flats with municipalities", tags=[housing])
    GoodPracticeFactory(title="Interpreters at schools", tags=[schools])
    page = _public_list(client, tag="housing")
    assert "Flats with municipalities" in page
    assert "Interpreters at schools" not in page
    assert 'aria-current="page"' in page


def test_public_tag_filter_lists_only_tags_of_public_entries(client: Client) -> None:
    secret = PracticeTagFactory(slug="secret", name="secret-topic")
    GoodPracticeFactory(visibility=PracticeVisibility.INTERNAL, tags=[secret])
    GoodPracticeFactory(tags=[PracticeTagFactory(slug="open", name="open-topic")])
    page = _public_list(client)
    assert "open-topic" in page
    assert "secret-topic" not in page


def test_public_search_finds_words_in_any_language_without_accents(client: Client) -> None:
    practice = GoodPracticeFactory(title="Koordinace bydlení s obcemi", problem="Rodiny neměly kde bydlet.")
    practice.set_translations("uk", {"title": "Координація житла з громадами"})
    practice.save()
    GoodPracticeFactory(title="Tlumočníci ve školách")
    page = _public_list(client, q="bydleni")
    assert "Koordinace bydlení s obcemi" in page
    assert "Tlumočníci ve školách" not in page
    assert "Koordinace bydlení s obcemi" in _public_list(client, q="житла")


def test_public_search_without_results_says_so(client: Client) -> None:
    GoodPracticeFactory()
    assert "No good practice matches." in _public_list(client, q="nothing-like-this")


def test_public_list_when_the_library_is_empty(client: Client) -> None:
    assert "No good practice has been published yet." in _public_list(client)


def test_public_list_runs_a_fixed_number_of_queries(client: Client) -> None:
    GoodPracticeFactory(tags=[PracticeTagFactory()])
    _public_list(client)
    with CaptureQueriesContext(connection) as few:
        _public_list(client)
    for _index in range(6):
        GoodPracticeFactory(tags=[PracticeTagFactory(), PracticeTagFactory()])
    with CaptureQueriesContext(connection) as many:
        _public_list(client)
    assert len(many) == len(few)


def test_staff_list_runs_a_fixed_number_of_queries(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.user(Role.CASEWORKER))
    GoodPracticeFactory(tags=[PracticeTagFactory()])
    client.get(reverse("coordination:practices"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("coordination:practices"))
    for _index in range(6):
        GoodPracticeFactory(tags=[PracticeTagFactory()])
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("coordination:practices"))
    assert len(many) == len(few)


def test_staff_see_internal_entries_and_their_own_drafts_only(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    GoodPracticeFactory(title="Internal lessons", visibility=PracticeVisibility.INTERNAL)
    GoodPracticeFactory(title="Our draft", organization=personas.ours, status=PracticeStatus.DRAFT)
    theirs = GoodPracticeFactory(title="Their draft", organization=personas.theirs, status=PracticeStatus.DRAFT)
    client = login(personas.user(Role.CASEWORKER))
    page = client.get(reverse("coordination:practices")).content.decode()
    assert "Internal lessons" in page
    assert "Our draft" in page
    assert "Their draft" not in page
    assert client.get(reverse("coordination:practice", kwargs={"practice_id": theirs.pk})).status_code == 404


def _form_data(personas: Personas, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "organization": personas.ours.pk,
        "title__cs": "Tlumočníci ve školách",
        "problem__cs": "Rodiče se nedomluvili s učiteli.",
        "solution__cs": "Kraj platí tlumočníky na zavolání.",
        "title__uk": "Перекладачі у школах",
        "title__en": "Interpreters at schools",
        "visibility": PracticeVisibility.PUBLIC,
        "actors": [personas.theirs.pk],
        "new_tags": "školy, tlumočení",
        "contacts": "Jana, jana@example.org",
    }
    data.update(changes)
    return data


def test_manager_writes_an_entry_in_several_languages_as_a_draft(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    response = login(personas.user(Role.ORGANIZATION_MANAGER)).post(
        reverse("coordination:practice_new"), _form_data(personas)
    )
    practice = GoodPractice.objects.get()
    assert response.status_code == 302
    assert practice.status == PracticeStatus.DRAFT
    assert practice.title == "Tlumočníci ve školách"
    assert practice.text_in("title", "uk") == "Перекладачі у школах"
    assert practice.in_language("en").title.text == "Interpreters at schools"
    assert sorted(tag.name for tag in practice.tags.all()) == ["tlumočení", "školy"]
    assert list(practice.actors.all()) == [personas.theirs]


def test_entry_without_a_title_in_the_site_language_is_refused(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    response = login(personas.user(Role.ORGANIZATION_MANAGER)).post(
        reverse("coordination:practice_new"), _form_data(personas, title__cs="")
    )
    assert response.status_code == 200
    assert "Перекладачі у школах" in response.content.decode()  # nothing typed is lost
    assert not GoodPractice.objects.exists()


def test_manager_cannot_write_for_another_organisation(personas: Personas, login: Callable[[User], Client]) -> None:
    response = login(personas.user(Role.ORGANIZATION_MANAGER)).post(
        reverse("coordination:practice_new"), _form_data(personas, organization=personas.theirs.pk)
    )
    assert response.status_code == 200
    assert not GoodPractice.objects.exists()


def test_manager_cannot_edit_another_organisations_entry(personas: Personas, login: Callable[[User], Client]) -> None:
    theirs = GoodPracticeFactory(organization=personas.theirs)
    response = login(personas.user(Role.ORGANIZATION_MANAGER)).get(
        reverse("coordination:practice_edit", kwargs={"practice_id": theirs.pk})
    )
    assert response.status_code == 404


def test_manager_cannot_publish(personas: Personas, login: Callable[[User], Client]) -> None:
    practice = GoodPracticeFactory(organization=personas.ours, status=PracticeStatus.DRAFT, published_at=None)
    response = login(personas.user(Role.ORGANIZATION_MANAGER)).post(
        reverse("coordination:practice_publish", kwargs={"practice_id": practice.pk})
    )
    practice.refresh_from_db()
    assert response.status_code == 403
    assert practice.status == PracticeStatus.DRAFT


def test_coordinator_publishes_and_the_entry_reaches_the_public_pages(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    practice = GoodPracticeFactory(
        title="Housing coordination", organization=personas.theirs, status=PracticeStatus.DRAFT, published_at=None
    )
    assert "Housing coordination" not in _public_list(Client())
    login(personas.user(Role.REGIONAL_COORDINATOR)).post(
        reverse("coordination:practice_publish", kwargs={"practice_id": practice.pk})
    )
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.published_at is not None
    assert "Housing coordination" in _public_list(Client())


def test_entry_without_problem_cannot_be_published(personas: Personas, login: Callable[[User], Client]) -> None:
    practice = GoodPracticeFactory(problem="", status=PracticeStatus.DRAFT, published_at=None)
    response = login(personas.user(Role.REGIONAL_COORDINATOR)).post(
        reverse("coordination:practice_publish", kwargs={"practice_id": practice.pk}), follow=True
    )
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT
    assert "Describe the problem and what was done" in response.content.decode()


def test_coordinator_takes_an_entry_back_to_draft(personas: Personas, login: Callable[[User], Client]) -> None:
    practice = GoodPracticeFactory(title="Withdrawn one")
    login(personas.user(Role.REGIONAL_COORDINATOR)).post(
        reverse("coordination:practice_publish", kwargs={"practice_id": practice.pk}), {"withdraw": "1"}
    )
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT
    assert "Withdrawn one" not in _public_list(Client())


def test_front_page_links_to_the_good_practice(client: Client) -> None:
    with translation.override("en"):
        home, practice_list = reverse("home"), reverse("practice:list")
    assert practice_list in client.get(home).content.decode()
