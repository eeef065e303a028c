"""Vulnerabilities come from the country pack, through the clients' action."""

import pytest

from spojka.clients.actions import load_vulnerabilities
from spojka.clients.models import Vulnerability
from spojka.geo.packs.loader import load_country_pack
from tests.factories import CountryFactory

ENTRIES = [
    {"code": "unaccompanied_minor", "labels": {"cs": "Nezletilý bez doprovodu", "uk": "Неповнолітній без супроводу"}},
    {"code": "single_parent", "labels": {"cs": "Osamělý rodič", "uk": "Одинокий батько"}},
]


@pytest.mark.django_db
def test_load_vulnerabilities_creates_them_in_order() -> None:
    CountryFactory()
    tally = load_vulnerabilities(country_code="CZ", entries=ENTRIES)
    assert (tally.created, tally.updated, tally.unchanged) == (2, 0, 0)
    assert list(Vulnerability.objects.values_list("code", flat=True)) == ["unaccompanied_minor", "single_parent"]


@pytest.mark.django_db
def test_load_vulnerabilities_again_updates_and_keeps_codes_no_longer_listed() -> None:
    CountryFactory()
    load_vulnerabilities(country_code="CZ", entries=ENTRIES)
    assert load_vulnerabilities(country_code="CZ", entries=ENTRIES).unchanged == 2
    tally = load_vulnerabilities(
        country_code="CZ", entries=[{"code": "single_parent", "labels": {"cs": "Samoživitel"}}]
    )
    assert (tally.updated, tally.not_in_pack) == (1, 1)
    assert Vulnerability.objects.get(code="single_parent").labels == {"cs": "Samoživitel"}
    assert Vulnerability.objects.filter(code="unaccompanied_minor").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("pack", "country"), [("cz-liberec", "CZ"), ("md", "MD")])
def test_country_packs_bring_vulnerabilities_in_four_languages(pack: str, country: str) -> None:
    report = load_country_pack(pack)
    assert report.vulnerabilities.created >= 10
    codes = set(Vulnerability.objects.filter(country_id=country).values_list("code", flat=True))
    assert {
        "unaccompanied_minor",
        "single_parent",
        "disability",
        "elderly_alone",
        "serious_illness",
        "trauma",
        "pregnancy",
    } <= codes
    for item in Vulnerability.objects.filter(country_id=country):
        assert set(item.labels) >= {"cs", "uk", "en", "ro"}, item.code
    again = load_country_pack(pack)
    assert again.vulnerabilities.unchanged == report.vulnerabilities.created
    assert not again.changed_anything
