"""Loading the country packs shipped with Spojka: the tree, the figures, the statuses."""

import csv
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from spojka.geo.models import AdministrativeUnit, Country, ResidenceStatus
from spojka.geo.packs import PACKS_DIR, PackReport, available_packs, load_country_pack


def _source(pack: str, file: str, delimiter: str = ",") -> list[dict[str, str]]:
    with (PACKS_DIR / pack / file).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def test_liberec_pack_gives_the_region_its_orp_districts_and_municipalities(
    liberec: PackReport,
) -> None:
    levels = Counter(AdministrativeUnit.objects.filter(country="CZ").values_list("level", flat=True))
    assert levels == {"region": 1, "orp": 10, "municipality": 215}
    assert liberec.units.created == 226
    assert liberec.country == "created"


def test_liberec_pack_builds_the_tree_with_depths(liberec: PackReport) -> None:
    region = AdministrativeUnit.objects.get(country="CZ", code="CZ051")
    assert (region.name, region.parent, region.depth) == ("Liberecký kraj", None, 0)
    orp = AdministrativeUnit.objects.get(country="CZ", code="5105")
    assert (orp.name, orp.parent, orp.depth) == ("Liberec", region, 1)
    town = AdministrativeUnit.objects.get(country="CZ", code="563889")
    assert (town.name, town.parent, town.depth) == ("Liberec", orp, 2)
    assert set(region.children.values_list("level", flat=True)) == {"orp"}
    assert not AdministrativeUnit.objects.filter(country="CZ", level="municipality", parent__level="region")


def test_every_municipality_sits_under_the_orp_its_source_row_names(liberec: PackReport) -> None:
    parents = dict(
        AdministrativeUnit.objects.filter(country="CZ", level="municipality").values_list("code", "parent__code")
    )
    source = {row["kod_obce"]: row["orp_kod_csu"] for row in _source("cz-liberec", "liberecky_kraj_obce.csv")}
    assert parents == source


def test_liberec_populations_add_up_as_in_the_source(liberec: PackReport) -> None:
    orp_rows = _source("cz-liberec", "liberecky_kraj_orp.csv")
    orps = {unit.code: unit for unit in AdministrativeUnit.objects.filter(country="CZ", level="orp")}
    for row in orp_rows:
        orp = orps[row["orp_kod_csu"]]
        assert orp.population == int(row["obyvatel_31_12_2021"])
        # The ORP file also sums its municipalities' 2020 population: the tree must agree.
        within = sum(child.population for child in orp.children.all())
        assert within == int(row["obyvatel_1_1_2020_soucet_obci"]), orp.name
    municipalities = AdministrativeUnit.objects.filter(country="CZ", level="municipality")
    assert sum(unit.population for unit in municipalities) == sum(
        int(row["obyvatel_2020"]) for row in _source("cz-liberec", "liberecky_kraj_obce.csv")
    )
    region = AdministrativeUnit.objects.get(code="CZ051")
    assert region.population == sum(int(row["obyvatel_31_12_2021"]) for row in orp_rows) == 437_570


def test_liberec_keeps_coordinates_and_attributes(liberec: PackReport) -> None:
    orp = AdministrativeUnit.objects.get(country="CZ", code="5105")
    assert (orp.latitude, orp.longitude) == (Decimal("50.766380"), Decimal("15.054439"))
    assert orp.attributes == {"seat_code": "563889", "districts": "Liberec", "area_km2": "578.4"}
    town = AdministrativeUnit.objects.get(country="CZ", code="563579")  # Frýdštejn
    assert town.attributes["district"] == "Jablonec nad Nisou"
    assert town.attributes["pou_code"] == "51031"
    assert town.attributes["postcode"] == "46342"
    assert "ORP changed" in town.attributes["note"]
    assert "note" not in AdministrativeUnit.objects.get(country="CZ", code="563889").attributes


def test_liberec_country_has_levels_and_languages(liberec: PackReport) -> None:
    country = Country.objects.get(code="CZ")
    assert country.pack == "cz-liberec"
    assert country.languages == ["cs", "uk", "en"]
    assert [level["code"] for level in country.levels] == ["region", "orp", "municipality"]
    with translation.override("uk"):
        assert country.name == "Чехія"
        assert country.level_label("municipality") == "Громада"
    with translation.override("en"):
        assert country.attribute_label("postcode") == "Postcode"


def test_liberec_residence_statuses_in_four_languages(liberec: PackReport) -> None:
    statuses = list(ResidenceStatus.objects.filter(country="CZ"))
    assert [status.code for status in statuses] == [
        "temporary_protection",
        "asylum",
        "subsidiary_protection",
        "permanent_residence",
        "long_term_residence",
        "long_term_visa",
        "eu_citizen_residence",
        "asylum_seeker",
        "other",
    ]
    czech = {status.code: status.labels["cs"] for status in statuses}
    assert czech["temporary_protection"] == "Dočasná ochrana"
    assert czech["subsidiary_protection"] == "Doplňková ochrana"
    assert czech["eu_citizen_residence"] == "Přechodný pobyt občana EU"
    assert czech["asylum_seeker"] == "Žadatel o mezinárodní ochranu"
    assert all(set(status.labels) == {"cs", "uk", "en", "ro"} for status in statuses)
    with translation.override("uk"):
        assert statuses[0].name == "Тимчасовий захист"


def test_moldova_pack_gives_its_37_first_level_units(moldova: PackReport) -> None:
    units = AdministrativeUnit.objects.filter(country="MD")
    assert units.count() == 37
    assert set(units.values_list("depth", flat=True)) == {0}
    chisinau = units.get(code="MD-CU")
    assert chisinau.name == "Chișinău"
    assert chisinau.attributes["type"] == "municipiu (first-level)"
    assert chisinau.attributes["seat"] == "Chișinău"
    assert chisinau.latitude == Decimal("47.010453")  # 47.01045290, kept to six places
    assert units.get(code="MD-BR").attributes["atas"] == "ATAS Nord (HQ Edineț)"


def test_moldova_has_its_own_statuses_and_romanian(moldova: PackReport) -> None:
    country = Country.objects.get(code="MD")
    assert country.languages == ["ro", "uk", "en"]
    statuses = {status.code: status for status in country.residence_statuses.all()}
    assert set(statuses) == {
        "temporary_protection",
        "refugee_status",
        "humanitarian_protection",
        "political_asylum",
        "asylum_seeker",
        "temporary_residence",
        "permanent_residence",
        "stateless_person",
        "other",
    }
    assert statuses["refugee_status"].labels["ro"] == "Statut de refugiat"
    assert all(set(status.labels) == {"cs", "uk", "en", "ro"} for status in statuses.values())


def test_both_packs_live_side_by_side(liberec: PackReport, moldova: PackReport) -> None:
    assert Country.objects.count() == 2
    assert AdministrativeUnit.objects.count() == 226 + 37


def test_reloading_changes_nothing_and_keeps_the_ids(liberec: PackReport) -> None:
    before = dict(AdministrativeUnit.objects.values_list("code", "id"))
    statuses_before = dict(ResidenceStatus.objects.values_list("code", "id"))
    loaded_at = Country.objects.get(code="CZ").loaded_at

    again = load_country_pack("cz-liberec")

    assert again.country == "unchanged"
    assert (again.units.created, again.units.updated, again.units.unchanged) == (0, 0, 226)
    # units, statuses, the country, the needs taxonomy with its 28 terms, 4 units of capacity,
    # 11 vulnerabilities
    assert (again.created, again.updated, again.unchanged) == (0, 0, 226 + 9 + 1 + 1 + 28 + 4 + 11)
    assert not again.changed_anything
    assert dict(AdministrativeUnit.objects.values_list("code", "id")) == before
    assert dict(ResidenceStatus.objects.values_list("code", "id")) == statuses_before
    assert Country.objects.get(code="CZ").loaded_at == loaded_at


def test_reloading_repairs_what_was_changed_in_the_database(liberec: PackReport) -> None:
    AdministrativeUnit.objects.filter(code="563889").update(name="Reichenberg", population=1)
    ResidenceStatus.objects.filter(code="asylum").update(position=99)

    again = load_country_pack("cz-liberec")

    assert (again.units.updated, again.units.unchanged) == (1, 225)
    assert again.residence_statuses.updated == 1
    town = AdministrativeUnit.objects.get(code="563889")
    assert (town.name, town.population) == ("Liberec", 104_802)


def test_the_packs_folder_lists_both_packs() -> None:
    packs = {pack.name: pack for pack in available_packs()}
    assert set(packs) >= {"cz-liberec", "md"}
    assert packs["cz-liberec"].country_code == "CZ"
    assert packs["md"].country_code == "MD"
    assert not packs["cz-liberec"].problem


@pytest.mark.parametrize("pack", ["cz-liberec", "md"])
def test_packs_carry_their_sources_and_attribution(pack: str) -> None:
    folder: Path = PACKS_DIR / pack
    attribution = (folder / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for data_file in folder.glob("*.csv"):
        assert data_file.name in attribution


def test_unit_attributes_are_named_in_the_users_language_and_the_packs_order(liberec: PackReport) -> None:
    town = AdministrativeUnit.objects.select_related("country").get(code="563579")
    with translation.override("en"):
        names = [name for name, _value in town.labelled_attributes]
    assert names == ["District", "District code (LAU 1)", "POÚ district", "POÚ code", "Postcode", "Note"]
