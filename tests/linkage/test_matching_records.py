# ruff: noqa: RUF001
# (Cyrillic country names are data here.)
"""Parsing the raw values agencies write: dates, nationality, phone, document number, and the new name helpers."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spojka.linkage.matching.names import fold_name, phonetic_variants, surname_stems
from spojka.linkage.matching.records import (
    RecordValueError,
    normalise_document,
    parse_birth_date,
    parse_nationality,
    parse_phone,
    parse_sex,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1985-03-07", (date(1985, 3, 7), 1985)),
        ("7.3.1985", (date(1985, 3, 7), 1985)),
        ("07. 03. 1985", (date(1985, 3, 7), 1985)),
        ("1985", (None, 1985)),
        ("", (None, None)),
    ],
)
def test_parse_birth_date_iso_czech_and_year_only(raw: str, expected: tuple[date | None, int | None]) -> None:
    assert parse_birth_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("31.2.1985", "birth_date_unparsable"),
        ("yesterday", "birth_date_unparsable"),
        ("2999-01-01", "birth_date_out_of_range"),
    ],
)
def test_parse_birth_date_bad_values_raise_with_code(raw: str, code: str) -> None:
    with pytest.raises(RecordValueError) as caught:
        parse_birth_date(raw)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Ukrajina", "UA"), ("ukrajinská", "UA"), ("Україна", "UA"), ("українець", "UA"), ("Ukraine", "UA"),
        ("UKR", "UA"), ("Ucraina", "UA"), ("Rusko", "RU"), ("Россия", "RU"), ("Bělorusko", "BY"),
        ("Republica Moldova", "MD"), ("Moldavsko", "MD"), ("Việt Nam", "VN"), ("В'єтнам", "VN"), ("Slovensko", "SK"),
        ("Polsko", "PL"), ("România", "RO"), ("Sýrie", "SY"), ("Afghánistán", "AF"), ("Kazachstán", "KZ"),
        ("Gruzie", "GE"), ("Mongolsko", "MN"), ("громадянин України", "UA"),
    ],
)  # fmt: skip
def test_parse_nationality_in_any_language(raw: str, code: str) -> None:
    assert parse_nationality(raw) == code


def test_parse_nationality_unknown_text_is_kept_folded() -> None:
    assert parse_nationality("  Atlantida ") == "atlantida"
    assert parse_nationality("") == ""


def test_parse_phone_default_region_cz_and_foreign() -> None:
    assert parse_phone("777 123 456") == "420777123456"
    assert parse_phone("+420 777 123 456") == "420777123456"
    assert parse_phone("+380 67 123 4567") == "380671234567"
    assert parse_phone("n/a") == ""


def test_normalise_document_keeps_upper_case_letters_and_digits() -> None:
    assert normalise_document(" fb 123-456 ") == "FB123456"


def test_parse_sex_words_in_several_languages() -> None:
    assert [parse_sex(x) for x in ("M", "muž", "ч", "F", "žena", "ж", "?")] == ["m", "m", "m", "f", "f", "f", ""]


@pytest.mark.parametrize(
    ("a", "b"), [("Chomenko", "Khomenko"), ("Хоменко", "Chomenko"), ("Chmelnyckyj", "Khmelnytskyi")]
)
def test_phonetic_variants_czech_ch_meets_kh(a: str, b: str) -> None:
    assert phonetic_variants(a) & phonetic_variants(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Ševčenko", "Ševčenková"), ("Novák", "Nováková"), ("Ivanov", "Ivanova"), ("Kovalskyi", "Kovalska"),
     ("Шевченко", "Ševčenková")],
)  # fmt: skip
def test_surname_stems_male_and_female_forms_meet(a: str, b: str) -> None:
    assert surname_stems(a) & surname_stems(b)


def test_surname_stems_different_surnames_stay_apart() -> None:
    assert not surname_stems("Bondar") & surname_stems("Bondarenko")
    assert not surname_stems("Kovalenko") & surname_stems("Kovalchuk")


@given(st.text(max_size=300))
def test_name_helpers_total_on_any_text(text: str) -> None:
    phonetic_variants(text)
    surname_stems(text)
    parse_nationality(text)
    normalise_document(text)
    parse_phone(text)


def test_fold_name_total_on_hostile_text() -> None:
    hostile = "Олек\u200dсандр \u202eШевченко\u202c 👩‍👩‍👧 " + "я" * 1000
    once = fold_name(hostile)
    assert fold_name(once) == once
    assert phonetic_variants(hostile)
