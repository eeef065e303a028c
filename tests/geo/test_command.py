"""`python -m spojka load_country_pack`: what it prints, and how it fails."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from spojka.geo.models import AdministrativeUnit
from tests.geo.conftest import TinyPack

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("load_country_pack", *args, stdout=out)
    return out.getvalue()


def test_command_loads_a_pack_and_reports_the_counts() -> None:
    output = _run("cz-liberec")

    assert "cz-liberec (CZ)" in output
    assert "administrative units: 226 created, 0 updated, 0 unchanged" in output
    assert "residence statuses: 9 created, 0 updated, 0 unchanged" in output
    assert AdministrativeUnit.objects.filter(country="CZ").count() == 226


def test_command_says_when_a_reload_changed_nothing() -> None:
    _run("md")
    output = _run("md")

    assert "administrative units: 0 created, 0 updated, 37 unchanged" in output
    assert "nothing written" in output


def test_command_lists_the_packs() -> None:
    output = _run("--list")

    assert "cz-liberec" in output
    assert "Liberec" in output or "Liberecký kraj" in output
    assert "md" in output
    assert not AdministrativeUnit.objects.exists()


def test_command_reads_a_packs_folder_of_ones_own(tiny_pack: TinyPack) -> None:
    output = _run("tiny", "--packs-dir", str(tiny_pack()))

    assert "administrative units: 5 created" in output


def test_command_reports_a_malformed_pack_with_file_and_line(tiny_pack: TinyPack) -> None:
    packs: Path = tiny_pack(**{"towns.csv": (",200,", ",many,")})

    with pytest.raises(CommandError, match=r"tiny/towns\.csv, line 3: .*many"):
        call_command("load_country_pack", "tiny", "--packs-dir", str(packs), stdout=StringIO())
    assert not AdministrativeUnit.objects.exists()


def test_command_refuses_an_unknown_pack() -> None:
    with pytest.raises(CommandError, match="cz-liberec"):
        call_command("load_country_pack", "atlantis", stdout=StringIO())


def test_command_needs_a_name() -> None:
    with pytest.raises(CommandError, match="--list"):
        call_command("load_country_pack", stdout=StringIO())


def test_command_is_quiet_at_verbosity_zero() -> None:
    assert _run("md", "--verbosity", "0") == ""
