"""The taxonomy of needs and the units of capacity, as the country packs ship them."""

from collections.abc import Callable
from typing import Any

import pytest
from auditlog.models import LogEntry

from spojka.directory.actions.taxonomy import capacity_unit_id, taxonomy_id, term_id
from spojka.directory.models import CapacityUnit, Taxonomy, TaxonomyTerm
from spojka.geo.packs import PackReport, load_country_pack
from tests.directory.factories import ServiceFactory

pytestmark = pytest.mark.django_db

UI_LANGUAGES = {"cs", "uk", "en", "ro"}
SEARCH_LANGUAGES = {"cs", "uk", "ru", "en"}

# The needs the issue names, by the codes both packs give them.
REQUIRED_NEEDS = {
    "documents-residence",
    "accommodation",
    "employment",
    "health",
    "education",
    "legal-counselling",
    "social-benefits",
    "psychosocial-support",
    "child-protection",
    "material-aid",
    "interpreting",
    "community-leisure",
}


@pytest.fixture
def liberec(db: None) -> PackReport:
    return load_country_pack("cz-liberec")


@pytest.fixture
def moldova(db: None) -> PackReport:
    return load_country_pack("md")


def terms() -> dict[str, TaxonomyTerm]:
    return {term.code: term for term in TaxonomyTerm.objects.select_related("parent")}


def test_the_liberec_pack_brings_the_needs_taxonomy(liberec: PackReport) -> None:
    assert liberec.taxonomy == "created"
    assert liberec.taxonomy_terms.created == 28
    assert liberec.capacity_units.created == 4
    taxonomy = Taxonomy.objects.get()
    assert taxonomy.code == "spojka-needs"
    assert taxonomy.labels["uk"] == "Потреби"
    loaded = terms()
    assert REQUIRED_NEEDS | {"czech-language"} <= loaded.keys()
    assert loaded["health-insurance"].parent == loaded["health"]
    assert loaded["kindergarten"].parent == loaded["education"]
    assert loaded["requalification"].parent == loaded["employment"]
    assert loaded["legal-counselling"].parent is None


def test_the_moldovan_pack_has_the_same_needs_with_romanian_to_learn(moldova: PackReport) -> None:
    loaded = terms()
    assert REQUIRED_NEEDS | {"romanian-language"} <= loaded.keys()
    assert "czech-language" not in loaded
    assert loaded["romanian-language"].labels["ro"] == "Limba română"
    assert "CNAM" in loaded["health-insurance"].synonyms["ro"]
    assert "VZP" not in loaded["health-insurance"].all_words()


@pytest.mark.parametrize("pack", ["cz-liberec", "md"])
def test_every_term_has_a_label_in_every_ui_language_and_synonyms_to_search_with(pack: str) -> None:
    load_country_pack(pack)

    for term in TaxonomyTerm.objects.all():
        assert {language for language, label in term.labels.items() if label.strip()} >= UI_LANGUAGES, term.code
        for language in SEARCH_LANGUAGES:
            words = term.synonyms.get(language, [])
            assert words, (term.code, language)
            assert all(word and word.strip() == word for word in words), (term.code, language)
    for unit in CapacityUnit.objects.all():
        assert set(unit.labels) >= UI_LANGUAGES, unit.code


def test_legal_counselling_is_found_by_the_words_people_type(liberec: PackReport) -> None:
    legal = TaxonomyTerm.objects.get(code="legal-counselling")

    assert {"právní poradna", "právní poradenství", "právník", "advokát"} <= set(legal.synonyms["cs"])
    assert {"юрист", "юридична допомога", "адвокат"} <= set(legal.synonyms["uk"])
    assert {"юрист", "юридическая помощь"} <= set(legal.synonyms["ru"])
    assert {"lawyer", "legal advice"} <= set(legal.synonyms["en"])


def test_ids_are_derived_from_the_codes_so_every_installation_shares_them(liberec: PackReport) -> None:
    taxonomy = Taxonomy.objects.get()
    assert taxonomy.pk == taxonomy_id("spojka-needs")
    for term in TaxonomyTerm.objects.all():
        assert term.pk == term_id("spojka-needs", term.code)
    for unit in CapacityUnit.objects.all():
        assert unit.pk == capacity_unit_id(unit.code)
    # Fixed values: a change of the namespace or the scheme would break exchanged data.
    assert str(taxonomy.pk) == "a8b63e40-e18b-57b4-a20f-3e2c5275f469"
    assert str(TaxonomyTerm.objects.get(code="legal-counselling").pk) == "d5104955-5af1-5de7-9c48-992fddddc5f0"
    assert term_id("spojka-needs", "health") != term_id("other-needs", "health")


def _snapshot() -> list[tuple[Any, ...]]:
    return [
        *Taxonomy.objects.values_list("id", "code", "labels", "version").order_by("code"),
        *TaxonomyTerm.objects.values_list(
            "id", "code", "parent_id", "position", "icon", "labels", "synonyms", "descriptions"
        ).order_by("code"),
        *CapacityUnit.objects.values_list("id", "code", "labels").order_by("code"),
    ]


def test_reloading_the_pack_changes_nothing(liberec: PackReport) -> None:
    before, entries = _snapshot(), LogEntry.objects.count()

    again = load_country_pack("cz-liberec")

    assert again.taxonomy == "unchanged"
    assert (again.taxonomy_terms.created, again.taxonomy_terms.updated, again.taxonomy_terms.unchanged) == (0, 0, 28)
    assert (again.capacity_units.created, again.capacity_units.updated) == (0, 0)
    assert _snapshot() == before
    assert LogEntry.objects.count() == entries


def test_reloading_puts_back_the_packs_words_and_keeps_the_administrators_own(liberec: PackReport) -> None:
    legal = TaxonomyTerm.objects.get(code="legal-counselling")
    legal.labels = {**legal.labels, "cs": "Právníci", "pl": "Porady prawne"}
    legal.synonyms = {**legal.synonyms, "uk": ["юрист"], "de": ["Rechtsberatung"]}
    legal.save()
    own = TaxonomyTerm.objects.create(
        taxonomy=legal.taxonomy, code="debt-counselling", labels={"cs": "Dluhové poradenství"}, position=75
    )
    bed = CapacityUnit.objects.get(code="bed")
    bed.labels = {**bed.labels, "pl": "łóżka"}
    bed.save()

    again = load_country_pack("cz-liberec")

    legal.refresh_from_db()
    assert legal.labels["cs"] == "Právní poradenství"
    assert legal.labels["pl"] == "Porady prawne"
    assert "адвокат" in legal.synonyms["uk"]
    assert legal.synonyms["de"] == ["Rechtsberatung"]
    assert TaxonomyTerm.objects.filter(pk=own.pk).exists()
    assert again.taxonomy_terms.updated == 1
    assert again.taxonomy_terms.not_in_pack == 1
    bed.refresh_from_db()
    assert bed.labels["pl"] == "łóżka"


def test_a_term_the_administrator_made_with_a_pack_code_keeps_its_id(db: None) -> None:
    taxonomy = Taxonomy.objects.create(code="spojka-needs", labels={"cs": "Moje potřeby"})
    mine = TaxonomyTerm.objects.create(taxonomy=taxonomy, code="health", labels={"cs": "Zdraví a léky"})

    report = load_country_pack("cz-liberec")

    assert report.taxonomy == "updated"
    mine.refresh_from_db()
    assert mine.labels["cs"] == "Zdraví"
    assert Taxonomy.objects.get().pk == taxonomy.pk
    assert TaxonomyTerm.objects.get(code="health-insurance").parent_id == mine.pk


def test_changed_words_reindex_the_services_with_that_need(
    liberec: PackReport,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    legal = TaxonomyTerm.objects.get(code="legal-counselling")
    health = TaxonomyTerm.objects.get(code="health")
    counselling = ServiceFactory()
    counselling.needs.add(legal)
    clinic = ServiceFactory()
    clinic.needs.add(health)
    legal.synonyms = {**legal.synonyms, "en": ["solicitor"]}
    legal.save()
    reindexed: list[set[Any]] = []
    monkeypatch.setattr(
        "spojka.directory.search.index.reindex_services",
        lambda *, service_ids: reindexed.append(set(service_ids)),
    )

    with django_capture_on_commit_callbacks(execute=True):
        load_country_pack("cz-liberec")

    assert reindexed == [{counselling.pk}]


def test_loading_both_packs_shares_the_taxonomy_by_its_code(liberec: PackReport) -> None:
    report = load_country_pack("md")

    assert report.taxonomy == "unchanged"
    assert report.taxonomy_terms.created == 1  # romanian-language
    assert Taxonomy.objects.count() == 1
    assert TaxonomyTerm.objects.filter(code__in=["czech-language", "romanian-language"]).count() == 2
