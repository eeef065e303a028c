"""The translation catalogues: Czech, Ukrainian and English complete, all in step with the code."""

import os
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command

LOCALE_DIR = Path(settings.PACKAGE_DIR) / "locale"
COMPLETE = ["cs", "uk", "en"]
ALL = [*COMPLETE, "ro"]


def _catalogue(language: str, root: Path = LOCALE_DIR) -> Catalog:
    with (root / language / "LC_MESSAGES" / "django.po").open("rb") as file:
        return read_po(file, locale=language)


def _untranslated(catalogue: Catalog) -> list[str]:
    missing = []
    for message in catalogue:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            missing.append(str(message.id))
    return missing


@pytest.mark.parametrize("language", COMPLETE)
def test_catalogue_is_complete(language: str) -> None:
    assert _untranslated(_catalogue(language)) == []


@pytest.mark.parametrize("language", ALL)
def test_translations_keep_their_placeholders(language: str) -> None:
    problems = [(str(message.id), [str(e) for e in errors]) for message, errors in _catalogue(language).check()]
    assert problems == []


def test_romanian_catalogue_is_started() -> None:
    catalogue = _catalogue("ro")
    total = sum(1 for message in catalogue if message.id)
    assert len(_untranslated(catalogue)) < total / 2


def test_catalogues_are_in_step_with_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Extract the strings afresh (GNU gettext's xgettext) and compare with the committed catalogue."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have GNU gettext to check the catalogues")
        pytest.skip("GNU gettext is not installed")
    copy = tmp_path / "spojka"
    shutil.copytree(settings.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static", "*.csv"))
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["cs"], no_location=True, no_obsolete=True, verbosity=0)

    fresh = {message.id for message in _catalogue("cs", copy / "locale") if message.id}
    committed = {message.id for message in _catalogue("cs") if message.id}

    assert sorted(map(str, fresh - committed)) == [], "strings missing from the catalogues: run `make messages`"
    assert sorted(map(str, committed - fresh)) == [], "obsolete strings in the catalogues: run `make messages`"
