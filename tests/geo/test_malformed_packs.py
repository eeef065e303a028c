"""A malformed pack stops the load with the file and the line, and changes nothing."""

import pytest

from spojka.geo.models import AdministrativeUnit, Country, ResidenceStatus
from spojka.geo.packs import CountryPackError, load_country_pack
from spojka.geo.packs import loader as pack_loader
from tests.geo.conftest import TinyPack

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple[object, ...]]:
    """Return every geography row, so that "nothing changed" can be compared."""
    return [
        *Country.objects.values_list("code", "labels", "levels", "pack", "loaded_at").order_by("code"),
        *AdministrativeUnit.objects.values_list(
            "id", "code", "name", "parent_id", "depth", "latitude", "population", "attributes"
        ).order_by("code"),
        *ResidenceStatus.objects.values_list("id", "code", "labels", "position").order_by("code"),
    ]


def test_the_tiny_pack_loads(tiny_pack: TinyPack) -> None:
    report = load_country_pack("tiny", packs_dir=tiny_pack())
    assert (report.units.created, report.residence_statuses.created) == (5, 2)
    north = AdministrativeUnit.objects.get(code="R1")
    assert north.population == 300  # from its towns
    assert AdministrativeUnit.objects.get(code="T3").attributes == {}


# What is wrong, in which file, the text replaced and its replacement, and the file and line
# the message names.
BROKEN = [
    ("bad TOML", "pack.toml", "format = 1", "format = = 1", "pack.toml", 3),
    ("row with a missing column", "towns.csv", "200,46002", "200", "towns.csv", 3),
    ("row with a column too many", "towns.csv", "100,46001", "100,46001,extra", "towns.csv", 2),
    ("unknown parent code", "towns.csv", "Gamma,R2", "Gamma,R9", "towns.csv", 4),
    ("non-numeric population", "towns.csv", ",200,", ",2OO,", "towns.csv", 3),
    ("negative population", "towns.csv", ",300,", ",-300,", "towns.csv", 4),
    ("non-numeric latitude", "towns.csv", "50.3", "north", "towns.csv", 4),
    ("longitude out of range", "towns.csv", "15.2", "215.2", "towns.csv", 3),
    ("duplicate code", "towns.csv", "T3,", "T1,", "towns.csv", 4),
    ("duplicate code across files", "towns.csv", "T2,", "R2,", "towns.csv", 3),
    ("empty name", "towns.csv", "Beta", "", "towns.csv", 3),
    ("unknown level", "pack.toml", 'level = "town"', 'level = "village"', "pack.toml", 29),
    (
        "mapped column missing from the header",
        "pack.toml",
        'population = "people"',
        'population = "folk"',
        "towns.csv",
        1,
    ),
    ("unknown column role", "pack.toml", 'latitude = "lat"', 'lattitude = "lat"', "pack.toml", 35),
    (
        "units file not in the folder",
        "pack.toml",
        'file = "towns.csv"',
        'file = "villages.csv"',
        "pack.toml",
        28,
    ),
    (
        "file outside the pack folder",
        "pack.toml",
        'file = "towns.csv"',
        'file = "../towns.csv"',
        "pack.toml",
        28,
    ),
    (
        "level without a name in a pack language",
        "pack.toml",
        'names = { cs = "Obec", en = "Town" }',
        'names = { cs = "Obec" }',
        "pack.toml",
        16,
    ),
    (
        "pack named unlike its folder",
        "pack.toml",
        'name = "tiny"',
        'name = "small"',
        "pack.toml",
        2,
    ),
    (
        "UI language Spojka lacks",
        "pack.toml",
        'languages = ["cs", "en"]',
        'languages = ["cs", "xx"]',
        "pack.toml",
        8,
    ),
    (
        "status with a bad position",
        "residence_statuses.csv",
        "other,2",
        "other,second",
        "residence_statuses.csv",
        3,
    ),
    (
        "status without a label",
        "residence_statuses.csv",
        "Jiný,Other",
        "Jiný,",
        "residence_statuses.csv",
        3,
    ),
    (
        "duplicate status",
        "residence_statuses.csv",
        "other,2",
        "protected,2",
        "residence_statuses.csv",
        3,
    ),
    ("unterminated quote", "towns.csv", "Gamma", '"Gamma', "towns.csv", 4),
]


@pytest.mark.parametrize(
    ("problem", "file", "old", "new", "reported", "line"),
    BROKEN,
    ids=[case[0] for case in BROKEN],
)
def test_malformed_pack_names_file_and_line_and_changes_nothing(
    problem: str,
    file: str,
    old: str,
    new: str,
    reported: str,
    line: int,
    tiny_pack: TinyPack,
) -> None:
    load_country_pack("tiny", packs_dir=tiny_pack())
    # The broken version also renames a unit, so a half-done load would show.
    packs = tiny_pack(**{file: (old, new)})
    if file != "regions.csv":
        regions = packs / "tiny" / "regions.csv"
        regions.write_text(regions.read_text(encoding="utf-8").replace("North", "Nord"), encoding="utf-8")
    before = _snapshot()

    with pytest.raises(CountryPackError) as raised:
        load_country_pack("tiny", packs_dir=packs)

    assert str(raised.value).startswith(f"tiny/{reported}, line {line}: "), problem
    assert _snapshot() == before


def test_parent_of_a_level_not_above_is_refused(tiny_pack: TinyPack) -> None:
    packs = tiny_pack(**{"towns.csv": ("T3,Gamma,R2", "T3,Gamma,T1")})
    with pytest.raises(CountryPackError, match=r"tiny/towns\.csv, line 4: .*T1"):
        load_country_pack("tiny", packs_dir=packs)


def test_a_failure_while_writing_rolls_everything_back(tiny_pack: TinyPack, monkeypatch: pytest.MonkeyPatch) -> None:
    packs = tiny_pack()
    load_country_pack("tiny", packs_dir=packs)
    (packs / "tiny" / "regions.csv").write_text("code,name\nR1,Nord\nR2,South\n", encoding="utf-8")
    before = _snapshot()

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the disk is full")

    # Units are written by now; the statuses fail, and the units must be rolled back with them.
    monkeypatch.setattr(pack_loader, "_save_statuses", fail)
    with pytest.raises(RuntimeError):
        load_country_pack("tiny", packs_dir=packs)
    assert _snapshot() == before


def test_unknown_pack_name_lists_the_packs(tiny_pack: TinyPack) -> None:
    with pytest.raises(CountryPackError, match="tiny"):
        load_country_pack("atlantis", packs_dir=tiny_pack())


def test_pack_name_cannot_leave_the_packs_folder(tiny_pack: TinyPack) -> None:
    with pytest.raises(CountryPackError):
        load_country_pack("../packs/tiny", packs_dir=tiny_pack())
