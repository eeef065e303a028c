"""A pack's taxonomy of needs and units of capacity: read, checked, and refused with the file and line."""

from pathlib import Path

import pytest

from spojka.directory.models import CapacityUnit, Taxonomy, TaxonomyTerm
from spojka.geo.models import Country
from spojka.geo.packs import CountryPackError, load_country_pack
from tests.geo.conftest import TinyPack

pytestmark = pytest.mark.django_db

TAXONOMY_TOML = """
[taxonomy]
code = "tiny-needs"
file = "needs.csv"
version = "1"
names = { cs = "Potřeby", en = "Needs" }

[capacity_units]
bed = { cs = "lůžka", en = "beds" }
course-place = { cs = "místa v kurzu", en = "places in a course" }
"""

NEEDS_CSV = """\
code,parent,position,icon,label_cs,label_en,description_en,synonyms_cs,synonyms_uk,synonyms_ru,synonyms_en
legal,,10,scale,Právní poradenství,Legal counselling,On law.,právník | advokát|právník,юрист,юрист|адвокат,lawyer
health,,20,,Zdraví,Health,,lékař,лікар,врач,doctor
insurance,health,21,card,Zdravotní pojištění,Health insurance,,VZP,,,
"""


@pytest.fixture
def taxonomy_pack(tiny_pack: TinyPack) -> "TaxonomyPack":
    """Return a function that writes the tiny pack with a taxonomy, replacing text in its files."""

    def write(**replacements: tuple[str, str]) -> Path:
        packs = tiny_pack()
        folder = packs / "tiny"
        files = {
            "pack.toml": (folder / "pack.toml").read_text(encoding="utf-8") + TAXONOMY_TOML,
            "needs.csv": NEEDS_CSV,
        }
        for name, text in files.items():
            if name in replacements:
                old, new = replacements[name]
                assert old in text, f"{old!r} is not in {name}"
                text = text.replace(old, new, 1)
            (folder / name).write_text(text, encoding="utf-8")
        return packs

    return write


TaxonomyPack = TinyPack


def test_a_pack_with_a_taxonomy_loads_its_terms_and_units(taxonomy_pack: TaxonomyPack) -> None:
    report = load_country_pack("tiny", packs_dir=taxonomy_pack())

    assert (report.taxonomy, report.taxonomy_terms.created, report.capacity_units.created) == ("created", 3, 2)
    taxonomy = Taxonomy.objects.get(code="tiny-needs")
    assert (taxonomy.version, taxonomy.labels) == ("1", {"cs": "Potřeby", "en": "Needs"})
    legal = TaxonomyTerm.objects.get(code="legal")
    # Spaces around words go, and so does a word given twice.
    assert legal.synonyms == {
        "cs": ["právník", "advokát"],
        "uk": ["юрист"],
        "ru": ["юрист", "адвокат"],
        "en": ["lawyer"],
    }
    assert legal.descriptions == {"en": "On law."}
    assert (legal.icon, legal.position) == ("scale", 10)
    insurance = TaxonomyTerm.objects.get(code="insurance")
    assert insurance.parent == TaxonomyTerm.objects.get(code="health")
    assert insurance.synonyms == {"cs": ["VZP"]}
    assert list(CapacityUnit.objects.values_list("code", flat=True)) == ["bed", "course-place"]


def test_a_pack_without_a_taxonomy_loads_no_taxonomy(tiny_pack: TinyPack) -> None:
    report = load_country_pack("tiny", packs_dir=tiny_pack())

    assert report.taxonomy is None
    assert not Taxonomy.objects.exists()


# What is wrong, in which file, the text replaced and its replacement, and the file and a text
# on the line the message must name.
BROKEN = [
    ("unknown column", "needs.csv", "icon", "emoji", "needs.csv", "emoji"),
    ("label column missing", "needs.csv", "label_en", "label_de", "needs.csv", "label_de"),
    ("position column missing", "needs.csv", "parent,position", "parent,rank", "needs.csv", "rank"),
    ("duplicate code", "needs.csv", "health,,20", "legal,,20", "needs.csv", "legal,,20"),
    ("parent not above", "needs.csv", "insurance,health", "insurance,dental", "needs.csv", "dental"),
    ("code that is not a slug", "needs.csv", "health,,20", "Health Care,,20", "needs.csv", "Health Care"),
    ("empty label", "needs.csv", ",Zdraví,", ",,", "needs.csv", "health,,20"),
    ("position not a number", "needs.csv", "health,,20", "health,,twenty", "needs.csv", "twenty"),
    ("row too short", "needs.csv", ",VZP,,,", ",VZP,,", "needs.csv", "VZP"),
    ("bad icon", "needs.csv", ",scale,", ",Scale Icon,", "needs.csv", "Scale Icon"),
    ("synonym too long", "needs.csv", ",lawyer", ",lawyer|" + "l" * 101, "needs.csv", "l" * 101),
    ("taxonomy file not there", "pack.toml", 'file = "needs.csv"', 'file = "wants.csv"', "pack.toml", "wants.csv"),
    ("taxonomy file outside", "pack.toml", 'file = "needs.csv"', 'file = "../needs.csv"', "pack.toml", "../needs"),
    ("taxonomy code not a slug", "pack.toml", 'code = "tiny-needs"', 'code = "Tiny Needs"', "pack.toml", "Tiny Needs"),
    ("taxonomy without a name in a pack language", "pack.toml", ', en = "Needs"', "", "pack.toml", "Potřeby"),
    ("unit without a name in a pack language", "pack.toml", ', en = "beds"', "", "pack.toml", "lůžka"),
    ("unit code not a slug", "pack.toml", "bed = {", '"Bed!" = {', "pack.toml", "Bed!"),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "reported_file", "marker"),
    [pytest.param(*case[1:], id=case[0]) for case in BROKEN],
)
def test_a_malformed_taxonomy_is_refused_with_its_file_and_line(
    taxonomy_pack: TaxonomyPack, file: str, old: str, new: str, reported_file: str, marker: str
) -> None:
    packs = taxonomy_pack(**{file: (old, new)})
    text = (packs / "tiny" / reported_file).read_text(encoding="utf-8")
    line = next(number for number, content in enumerate(text.splitlines(), start=1) if marker in content)

    with pytest.raises(CountryPackError) as caught:
        load_country_pack("tiny", packs_dir=packs)

    assert caught.value.file == f"tiny/{reported_file}"
    assert caught.value.line == line
    # Read in full before writing: nothing of the pack is in the database.
    assert not Country.objects.exists()
    assert not TaxonomyTerm.objects.exists()
    assert not CapacityUnit.objects.exists()


def test_the_real_packs_taxonomy_files_are_well_formed() -> None:
    from spojka.geo.packs.reader import read_pack

    for name in ("cz-liberec", "md"):
        contents = read_pack(name)
        assert contents.taxonomy is not None
        assert contents.taxonomy.code == "spojka-needs"
        assert len(contents.terms) == 28
        assert [unit.code for unit in contents.capacity_units] == [
            "bed",
            "course-place",
            "class-place",
            "consultation-slot",
        ]


def test_the_command_reports_the_taxonomy(db: None) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("load_country_pack", "cz-liberec", stdout=out)

    assert "taxonomy of needs: created" in out.getvalue()
    assert "needs: 28 created, 0 updated, 0 unchanged" in out.getvalue()
    assert "units of capacity: 4 created" in out.getvalue()
