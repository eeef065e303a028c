"""Fixtures for geography: the real packs loaded, and a tiny pack to break in a temporary folder."""

from collections.abc import Callable
from pathlib import Path

import pytest

from spojka.geo.models import AdministrativeUnit
from spojka.geo.packs import PackReport, load_country_pack

TINY_PACK = {
    "pack.toml": """\
[pack]
name = "tiny"
format = 1

[country]
code = "ZZ"
names = { cs = "Zemička", uk = "Країнка", en = "Tinyland", ro = "Țărișoara" }
languages = ["cs", "en"]

[[levels]]
code = "region"
names = { cs = "Kraj", en = "Region" }

[[levels]]
code = "town"
names = { cs = "Obec", en = "Town" }

[attributes]
postcode = { cs = "PSČ", en = "Postcode" }

[[units]]
file = "regions.csv"
level = "region"
population_from_children = true
columns = { code = "code", name = "name" }

[[units]]
file = "towns.csv"
level = "town"

[units.columns]
code = "code"
name = "name"
parent = "region"
latitude = "lat"
longitude = "lon"
population = "people"

[units.attributes]
postcode = "psc"
""",
    "regions.csv": """\
code,name
R1,North
R2,South
""",
    "towns.csv": """\
code,name,region,lat,lon,people,psc
T1,Alpha,R1,50.1,15.1,100,46001
T2,Beta,R1,50.2,15.2,200,46002
T3,Gamma,R2,50.3,15.3,300,
""",
    "residence_statuses.csv": """\
code,position,label_cs,label_en
protected,1,Chráněný,Protected
other,2,Jiný,Other
""",
}

TinyPack = Callable[..., Path]


def unit_by_code(code: str) -> AdministrativeUnit:
    """Return a loaded unit by its statistical code."""
    return AdministrativeUnit.objects.get(code=code)


@pytest.fixture
def tiny_pack(tmp_path: Path) -> TinyPack:
    """Return a function that writes the tiny pack into a packs folder, with replacements.

    `tiny_pack(**{"towns.csv": ("200", "2OO")})` writes towns.csv with the first "200" replaced.
    Returns the packs folder to give the loader.
    """

    def write(**replacements: tuple[str, str]) -> Path:
        folder = tmp_path / "packs" / "tiny"
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in TINY_PACK.items():
            if name in replacements:
                old, new = replacements[name]
                assert old in text, f"{old!r} is not in {name}"
                text = text.replace(old, new, 1)
            (folder / name).write_text(text, encoding="utf-8")
        return tmp_path / "packs"

    return write


@pytest.fixture
def liberec(db: None) -> PackReport:
    """Load the Liberec Region pack."""
    return load_country_pack("cz-liberec")


@pytest.fixture
def moldova(db: None) -> PackReport:
    """Load the Moldova pack."""
    return load_country_pack("md")
