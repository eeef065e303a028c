# ruff: noqa: RUF001, RUF003
# (Cyrillic letters and look-alike apostrophes and dashes are what this module is about.)
"""Name normalisation: the passport table, Czech transcription, folding, keys and similarity."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spojka.linkage.matching.names import (
    fold_name,
    given_name_groups,
    name_keys,
    name_similarity,
    order_free_keys,
    phonetic_key,
    swapped_keys,
    transcribe_uk_cs,
    transliterate_ru,
    transliterate_uk,
)

# Official examples of the KMU resolution No. 55 of 27 January 2010.
KMU55_EXAMPLES = [
    ("Алушта", "Alushta"),
    ("Андрій", "Andrii"),
    ("Борщагівка", "Borshchahivka"),
    ("Вінниця", "Vinnytsia"),
    ("Гадяч", "Hadiach"),
    ("Згорани", "Zghorany"),
    ("Згурський", "Zghurskyi"),
    ("Ґалаґан", "Galagan"),
    ("Ґорґани", "Gorgany"),
    ("Донецьк", "Donetsk"),
    ("Рівне", "Rivne"),
    ("Єнакієве", "Yenakiieve"),
    ("Гаєвич", "Haievych"),
    ("Короп'є", "Koropie"),
    ("Житомир", "Zhytomyr"),
    ("Жежелів", "Zhezheliv"),
    ("Медвин", "Medvyn"),
    ("Іванків", "Ivankiv"),
    ("Їжакевич", "Yizhakevych"),
    ("Кадиївка", "Kadyivka"),
    ("Мар'їне", "Marine"),
    ("Йосипівка", "Yosypivka"),
    ("Стрий", "Stryi"),
    ("Олексій", "Oleksii"),
    ("Київ", "Kyiv"),
    ("Миколаїв", "Mykolaiv"),
    ("Ізмаїл", "Izmail"),
    ("Харків", "Kharkiv"),
    ("Біла Церква", "Bila Tserkva"),
    ("Чернігів", "Chernihiv"),
    ("Жашків", "Zhashkiv"),
    ("Шостка", "Shostka"),
    ("Хмельницький", "Khmelnytskyi"),
    ("Щербухи", "Shcherbukhy"),
    ("Гоща", "Hoshcha"),
    ("Тернопіль", "Ternopil"),
    ("Юрій", "Yurii"),
    ("Корюківка", "Koriukivka"),
    ("Яготин", "Yahotyn"),
    ("Ярошенко", "Yaroshenko"),
    ("Костянтин", "Kostiantyn"),
    ("Знам'янка", "Znamianka"),
    ("Феодосія", "Feodosiia"),
    ("Євгенія", "Yevheniia"),
    ("Марія", "Mariia"),
    ("Ярослав", "Yaroslav"),
    ("Наталія", "Nataliia"),
    ("Соломія", "Solomiia"),
]


@pytest.mark.parametrize(("cyrillic", "latin"), KMU55_EXAMPLES)
def test_transliterate_uk_official_examples(cyrillic: str, latin: str) -> None:
    assert transliterate_uk(cyrillic) == latin


def test_transliterate_uk_capitals_stay_capitals() -> None:
    assert transliterate_uk("ЮРІЙ ЩЕРБАК") == "YURII SHCHERBAK"


def test_transliterate_uk_keeps_latin_and_digits() -> None:
    assert transliterate_uk("Шевченко-Smith 2") == "Shevchenko-Smith 2"


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Александр", "Aleksandr"),
        ("Юрий", "Iurii"),
        ("Наталья", "Natalia"),
        ("Фёдор", "Fedor"),
        ("Эдуард", "Eduard"),
        ("Крылов", "Krylov"),
        ("Объедков", "Obieedkov"),  # ICAO: ъ is ie, е stays e
        ("Щукин", "Shchukin"),
    ],
)
def test_transliterate_ru_passport_style(cyrillic: str, latin: str) -> None:
    assert transliterate_ru(cyrillic) == latin


@pytest.mark.parametrize(
    ("cyrillic", "czech"),
    [
        ("Шевченко", "Ševčenko"),
        ("Олександр", "Oleksandr"),
        ("Хмельницький", "Chmelnyckyj"),
        ("Гадяч", "Haďač"),
        ("Дедюк", "Deďuk"),
        ("Лебедєве", "Lebeděve"),
        ("Вінниця", "Vinnycja"),
        ("Люботин", "Ljubotyn"),
        ("Юрій", "Jurij"),
        ("Їжакевич", "Jižakevyč"),
        ("Щербухи", "Ščerbuchy"),
        ("Знам'янка", "Znamjanka"),
    ],
)
def test_transcribe_uk_cs_examples(cyrillic: str, czech: str) -> None:
    assert transcribe_uk_cs(cyrillic) == czech


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("  Oleksandr   ŠEVČENKO ", "oleksandr sevcenko"),
        ("Шевченко", "shevchenko"),
        ("Мар’яна", "mariana"),
        ("D'Arcy O’Neil", "darcy oneil"),
        ("Jean – Paul", "jean-paul"),
        ("Kowalska‐Nowak", "kowalska-nowak"),
        ("Ștefan Țurcanu", "stefan turcanu"),
        ("Şerban Ţepeş", "serban tepes"),
        ("Ana-Maria Bălan Mândru Vîlcu Întuneric", "ana-maria balan mandru vilcu intuneric"),
        ("Nguyễn Văn Đức", "nguyen van duc"),
        ("Trần Thị Thu Hằng", "tran thi thu hang"),
        ("Łukasz Sørensen Straße", "lukasz sorensen strasse"),
        ("Фёдор Крылов", "fedor krylov"),
        ("Олена\u200d 😀 Коваль", "olena koval"),
        ("\u202eКоваль\u202c", "koval"),
        ("", ""),
    ],
)
def test_fold_name_examples(raw: str, folded: str) -> None:
    assert fold_name(raw) == folded


OLEKSANDR_SHEVCHENKO = [
    ("Олександр", "Шевченко"),
    ("Oleksandr", "Shevchenko"),
    ("Oleksandr", "Ševčenko"),
    ("Aleksandr", "Shevchenko"),
    ("Sasha", "Sevcenko"),
    ("Александр", "Шевченко"),
    ("Саша", "Шевченко"),
    ("OLEKSANDR", "SHEVCHENKO"),
]


def test_name_keys_spellings_of_one_person_share_a_key() -> None:
    shared = set.intersection(*(name_keys(g, f) for g, f in OLEKSANDR_SHEVCHENKO))
    assert shared == {"g:oleksandr|sevcenko"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Микола", "Бондар"), ("Nikolai", "Bondar")),
        (("Mykola", "Bondar"), ("Kolya", "Bondar")),
        (("Олена", "Коваль"), ("Helena", "Koval")),
        (("Olena", "Koval"), ("Lena", "Koval")),
        (("Елена", "Коваль"), ("Olena", "Koval")),
        (("Ірина", "Мельник"), ("Ira", "Melnyk")),
        (("Дмитро", "Ткаченко"), ("Dima", "Tkachenko")),
        (("Сергій", "Кравченко"), ("Sergey", "Kravchenko")),
        (("Андрій", "Олійник"), ("Andrei", "Oliinyk")),
        (("Володимир", "Шевчук"), ("Vova", "Ševčuk")),
        (("Юрій", "Поліщук"), ("Jurij", "Poliščuk")),
        (("Тетяна", "Бойко"), ("Tanya", "Boiko")),
        (("Наталія", "Ткачук"), ("Natasha", "Tkachuk")),
        (("Катерина", "Лисенко"), ("Ekaterina", "Lysenko")),
        (("Євген", "Мороз"), ("Evgeny", "Moroz")),
        (("Михайло", "Руденко"), ("Misha", "Rudenko")),
        (("Богдан", "Савченко"), ("Bogdan", "Savchenko")),
        (("Ганна", "Гончаренко"), ("Anna", "Goncharenko")),
        (("Галина", "Марченко"), ("Galina", "Marchenko")),
        (("Людмила", "Павленко"), ("Luda", "Pavlenko")),
        (("Анастасія", "Левченко"), ("Nastya", "Levchenko")),
        (("Хмельницький", "Юрій"), ("Chmelnyckyj", "Jurij")),
        (("Максим", "Хоменко"), ("Maxim", "Chomenko")),
        (("Yevhen", "Yeremenko"), ("Evgenii", "Eremenko")),
    ],
)
def test_name_keys_equivalent_names_meet(first: tuple[str, str], second: tuple[str, str]) -> None:
    assert name_keys(*first) & name_keys(*second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Oleksandr", "Petrenko"), ("Oleksandra", "Petrenko")),
        (("Олександр", "Петренко"), ("Олександра", "Петренко")),
        (("Ivan", "Petrenko"), ("Ivanna", "Petrenko")),
        (("Mykola", "Bondar"), ("Mykhailo", "Bondar")),
        (("Yevhen", "Moroz"), ("Yevheniia", "Moroz")),
        (("Oleksandr", "Shevchenko"), ("Oleksandr", "Shevchuk")),
        (("Oleksandr", "Shevchenko"), ("Shevchenko", "Oleksandr")),
    ],
)
def test_name_keys_hard_non_matches_stay_apart(first: tuple[str, str], second: tuple[str, str]) -> None:
    assert not name_keys(*first) & name_keys(*second)


def test_given_name_groups_diminutive_of_both_sexes_joins_both() -> None:
    assert given_name_groups("Саша") == {"oleksandr", "oleksandra"}
    assert given_name_groups("Oleksandr") == {"oleksandr"}
    assert given_name_groups("Oleksandra") == {"oleksandra"}


def test_given_name_groups_data_has_at_least_forty_groups() -> None:
    from spojka.linkage.matching.names import _given_name_lines

    assert len(list(_given_name_lines())) >= 40


def test_phonetic_key_folds_transliteration_differences() -> None:
    assert phonetic_key("Khmelnytskyi") == phonetic_key("Chmelnyckyj") == phonetic_key("Хмельницкий")
    assert phonetic_key("Shevchenko") == phonetic_key("Ševčenko") == phonetic_key("Sevcenko")
    assert phonetic_key("Ivanna") != phonetic_key("Ivan")


def test_romanian_names_meet_without_diacritics() -> None:
    assert name_keys("Ștefan", "Țurcanu") & name_keys("Stefan", "Turcanu")
    assert name_keys("Ion", "Lungu") & name_keys("Ion", "Lungu")
    assert name_keys("Ionuț", "Bălan") & name_keys("Ionut", "Balan")
    # Romanian cedilla forms (ş, ţ) typed on older keyboards fold alike.
    assert name_keys("Şerban", "Ţîcu") & name_keys("Serban", "Ticu")


def test_vietnamese_family_name_first_meets_through_swapped_or_order_free_keys() -> None:
    vietnamese = ("Văn An", "Nguyễn")
    western = ("An", "Nguyen Van")
    assert not name_keys(*vietnamese) & name_keys(*western)
    assert order_free_keys(*vietnamese) & order_free_keys(*western)
    assert order_free_keys("Nguyễn Văn An", "") & order_free_keys("An", "Nguyen Van")


def test_swapped_keys_meet_a_record_with_given_and_family_exchanged() -> None:
    assert swapped_keys("Oleksandr", "Shevchenko") & name_keys("Shevchenko", "Oleksandr")
    assert not swapped_keys("Oleksandr", "Shevchenko") & name_keys("Oleksandr", "Shevchenko")


def test_name_keys_empty_name_has_no_keys() -> None:
    assert name_keys("", "") == set()
    assert name_keys("😀", "\u200d") == set()


def test_name_similarity_variants_score_high() -> None:
    assert name_similarity("Олександр Шевченко", "Sasha Sevcenko") == 1.0
    assert name_similarity("Oleksandr Shevchenko", "Shevchenko Oleksandr") == 1.0
    assert name_similarity("Oleksandr Shevchenko", "Oleksnadr Shevchenko") > 0.9


def test_name_similarity_different_names_score_lower() -> None:
    assert name_similarity("Mykola Bondar", "Mykhailo Bondar") < 0.9
    assert name_similarity("Oleksandr Shevchenko", "Iryna Melnyk") < 0.5
    assert name_similarity("", "Iryna") == 0.0


# Emoji, right-to-left and zero-width marks, and long strings: nothing may crash.
NAMES = (
    st.text()
    | st.text(alphabet=st.sampled_from("Ащюяєїйґь'’ʼ`-– ŞșţăđĐ😀\u200d\u200f\u202eא\u0301ʹ"), max_size=40)
    | st.text(min_size=1000, max_size=1200)
)


@settings(max_examples=300, deadline=None)
@given(NAMES)
def test_fold_name_total_and_idempotent(text: str) -> None:
    folded = fold_name(text)
    assert fold_name(folded) == folded
    assert folded == folded.strip()
    assert "  " not in folded


@settings(max_examples=150, deadline=None)
@given(NAMES, NAMES)
def test_name_keys_and_similarity_total(given_name: str, family_name: str) -> None:
    keys = name_keys(given_name, family_name)
    assert all(isinstance(key, str) for key in keys)
    swapped_keys(given_name, family_name)
    order_free_keys(given_name, family_name)
    assert 0.0 <= name_similarity(given_name, family_name) <= 1.0


@settings(max_examples=100, deadline=None)
@given(NAMES)
def test_name_keys_same_name_always_meets_itself(text: str) -> None:
    keys = name_keys(text, text)
    assert keys == name_keys(text, text)
    assert not fold_name(text) or keys


def test_name_similarity_separates_male_and_female_forms_of_a_name() -> None:
    assert name_similarity("Oleksandr Shevchenko", "Oleksandra Shevchenko") <= 0.8
    assert name_similarity("Sasha Shevchenko", "Oleksandra Shevchenko") == 1.0
