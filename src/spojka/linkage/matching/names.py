# ruff: noqa: RUF001, RUF003
# (Cyrillic letters and look-alike apostrophes and dashes are what this module is about.)
"""Normalise people's names so that the spellings of one name in several scripts meet.

The same person is «Олександр Шевченко» in a Ukrainian document, "Oleksandr Shevchenko" in
the passport, "Oleksandr Ševčenko" in a Czech register, "Aleksandr Shevchenko" when written
from Russian and "Sasha Sevcenko" on an NGO's list. `name_keys` gives every spelling a set
of keys; two records whose key sets meet are candidates, `name_similarity` scores them.

Pure Python, no Django: the batch matcher, `match_file` and the benchmark use it directly.
"""

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz import fuzz

_DATA = resources.files("spojka.linkage.matching").joinpath("data")
_APOSTROPHES = "'’ʼ`‘′´ʹʻ"  # all of them are written for the Ukrainian apostrophe
_HYPHENS = "-‐‑‒–—―−﹣－"


def _read_kmu55() -> tuple[dict[str, str], dict[str, str]]:
    """Return the KMU 55 table as (word-initial, elsewhere) maps of lower-case letters."""
    initial: dict[str, str] = {}
    elsewhere: dict[str, str] = {}
    text = _DATA.joinpath("transliteration_uk_kmu55_2010.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        letters = row["cyrillic"].split()
        if len(letters) != 2:  # the apostrophe row: dropped, like the soft sign
            continue
        lower = letters[1]
        first = row["latin_word_initial"].split()[0]
        other = row["latin_elsewhere"]
        if first == "-" or other.startswith("("):  # the soft sign: omitted
            initial[lower] = elsewhere[lower] = ""
            continue
        initial[lower] = first.lower()
        elsewhere[lower] = other.lower()
    return initial, elsewhere


KMU55_INITIAL, KMU55_ELSEWHERE = _read_kmu55()

# Russian letters in a Ukrainian-passport style, for text typed with a Russian keyboard into
# `transliterate_uk`: ы and э as the Russian passport writes them, ё like є, ъ like the apostrophe.
_KMU55_RUSSIAN_INITIAL = {"ы": "y", "э": "e", "ё": "yo", "ъ": ""}
_KMU55_RUSSIAN_ELSEWHERE = {"ы": "y", "э": "e", "ё": "io", "ъ": ""}

# Russian passports since 2013 spell names by ICAO Doc 9303; Ukrainian-only letters as the
# same standard writes them, so a mixed text never keeps a Cyrillic letter.
RUSSIAN_PASSPORT: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "і": "i", "ї": "i", "є": "ie", "ґ": "g",
}  # fmt: skip

# Czech transcription (ÚJČ): letters without context; д, т, н soften before ь, є, ю, я.
CZECH: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "je",
    "ж": "ž", "з": "z", "и": "y", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ь": "", "ю": "ju",
    "я": "ja", "ы": "y", "э": "e", "ё": "jo", "ъ": "",
}  # fmt: skip
_CZECH_SOFT = {"d": "ď", "t": "ť", "n": "ň", "D": "Ď", "T": "Ť", "N": "Ň"}

_KMU55_INITIAL_ALL = {**KMU55_INITIAL, **_KMU55_RUSSIAN_INITIAL}
_KMU55_ELSEWHERE_ALL = {**KMU55_ELSEWHERE, **_KMU55_RUSSIAN_ELSEWHERE}
_UKRAINIAN_ONLY = frozenset("іїєґ")
_RUSSIAN_ONLY = frozenset("ыэъё")

# Letters that Unicode does not decompose into a base letter and a mark.
_LATIN_EXTRA = str.maketrans(
    {"đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ł": "l", "ø": "o", "ŧ": "t", "ß": "ss", "æ": "ae",
     "œ": "oe", "þ": "th", "ŋ": "n", "ĸ": "k", "ſ": "s"}
)  # fmt: skip


def _is_word_start(text: str, index: int) -> bool:
    """Tell whether the letter at index begins a word (an apostrophe does not end a word)."""
    if index == 0:
        return True
    previous = text[index - 1]
    return not (previous.isalpha() or previous in _APOSTROPHES)


def _cased(latin: str, text: str, index: int) -> str:
    """Give a transliterated letter the case of the Cyrillic letter it stands for."""
    if not latin or not text[index].isupper():
        return latin
    following = text[index + 1 : index + 2]
    preceding = text[index - 1 : index] if index else ""
    if following.isupper() or (not following.isalpha() and preceding.isupper()):
        return latin.upper()  # a word in capitals, as in a passport
    return latin[0].upper() + latin[1:]


def transliterate_uk(text: str) -> str:
    """Write Ukrainian Cyrillic in Latin letters by the passport table (KMU resolution No. 55, 2010).

    Є, Ї, Й, Ю, Я are Ye, Yi, Y, Yu, Ya at the start of a word and ie, i, i, iu, ia elsewhere;
    зг is zgh; the soft sign and the apostrophe are dropped. Russian-only letters (ы, э, ё, ъ)
    get a passport-style spelling; every other character is kept.
    """
    out: list[str] = []
    for index, letter in enumerate(text):
        lower = letter.lower()
        if lower in _APOSTROPHES and 0 < index < len(text) - 1 and _is_cyrillic(text[index - 1]):
            continue
        initial = _is_word_start(text, index)
        table = _KMU55_INITIAL_ALL if initial else _KMU55_ELSEWHERE_ALL
        if lower not in table:
            out.append(letter)
            continue
        latin = "gh" if lower == "г" and index and text[index - 1].lower() == "з" else table[lower]
        out.append(_cased(latin, text, index))
    return "".join(out)


def transliterate_ru(text: str) -> str:
    """Write Russian Cyrillic in Latin letters as Russian passports do (ICAO Doc 9303); apostrophes dropped."""
    out: list[str] = []
    for index, letter in enumerate(text):
        if letter in _APOSTROPHES and 0 < index < len(text) - 1 and _is_cyrillic(text[index - 1]):
            continue
        latin = RUSSIAN_PASSPORT.get(letter.lower())
        out.append(letter if latin is None else _cased(latin, text, index))
    return "".join(out)


def transcribe_uk_cs(text: str) -> str:
    """Write Ukrainian Cyrillic in Czech transcription: Шевченко → Ševčenko, Хмельницький → Chmelnyckyj.

    Follows the Czech language institute's guidance as far as the reference table states it:
    д, т, н soften to ď, ť, ň before ь, ю, я and give dě, tě, ně before є; ьо is jo; the
    apostrophe is dropped. Approximate where the institute's table was not checked.
    """
    out: list[str] = []
    for index, letter in enumerate(text):
        lower = letter.lower()
        if lower in _APOSTROPHES and 0 < index < len(text) - 1 and _is_cyrillic(text[index - 1]):
            continue
        latin = CZECH.get(lower)
        if latin is None:
            out.append(letter)
            continue
        previous = out[-1] if out else ""
        softens = previous in _CZECH_SOFT and index > 0 and _is_cyrillic(text[index - 1])
        if lower in "юяь" and softens:
            out[-1] = _CZECH_SOFT[previous]
            latin = latin[1:] if lower != "ь" else ""
        elif lower == "є" and softens:
            latin = "ě"
        elif lower == "ь" and text[index + 1 : index + 2].lower() == "о":
            latin = "j"
        out.append(_cased(latin, text, index))
    return "".join(out)


def _is_cyrillic(letter: str) -> bool:
    return "Ѐ" <= letter <= "ԯ"


_CYRILLIC = re.compile("[Ѐ-ԯ]")


def has_cyrillic(text: str) -> bool:
    """Tell whether the text has a Cyrillic letter."""
    return _CYRILLIC.search(text) is not None


def to_latin(text: str) -> str:
    """Transliterate Cyrillic: Russian passport style if only Russian letters show it is Russian, else KMU 55."""
    letters = set(text.lower())
    if letters & _RUSSIAN_ONLY and not letters & _UKRAINIAN_ONLY:
        return transliterate_ru(text)
    return transliterate_uk(text)


def _fold_once(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    if has_cyrillic(text):  # before decomposing, which would split й and ї
        text = to_latin(text)
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_LATIN_EXTRA)
    if has_cyrillic(text):  # letters outside the tables, such as ў, after losing their marks
        text = to_latin(text)
    out: list[str] = []
    for c in text:
        if c in _APOSTROPHES or c in "ьъ":
            continue
        if c in _HYPHENS:
            out.append("-")
        elif unicodedata.category(c)[0] in "LN":
            out.append(c)
        else:
            out.append(" ")
    words = re.sub(r"\s*-[\s-]*", "-", " ".join("".join(out).split())).strip("-").split()
    return " ".join(w.strip("-") for w in words if w.strip("-"))


@lru_cache(maxsize=1 << 18)
def fold_name(text: str) -> str:
    """Return a name in lower-case Latin without diacritics, apostrophes or soft signs, one space between words.

    Cyrillic is transliterated first (`to_latin`); hyphens of any kind become "-" with no
    space around them; any other character that is not a letter or a digit separates words.
    Total and idempotent: a fixed point of one folding pass.
    """
    folded = text
    for _ in range(6):
        again = _fold_once(folded)
        if again == folded:
            break
        folded = again
    return folded


_PHONETIC_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"kh", "h"),
        (r"\bch(?=[^aeiouy])", "h"),  # Czech ch (х) before a consonant: Chmelnyckyj
        (r"sch|sh|sz", "s"),
        (r"zh", "z"),
        (r"tch|ch|ts|tz|cz", "c"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"x", "ks"),
        (r"w", "v"),
        (r"q", "k"),
        (r"g", "h"),  # Ukrainian г is h, Russian г is g: Bohdan, Bogdan
        (r"[jy]", "i"),
        (r"(.)\1+", r"\1"),
        (r"\bie", "e"),  # Yevhen, Evhen; Yeremenko, Eremenko
    )
)


@lru_cache(maxsize=1 << 18)
def phonetic_key(text: str) -> str:
    """Return a loose sound key of a name: sh, š and s alike, kh and h, g and h, y, j and i, doubles single."""
    key = fold_name(text).replace("-", " ")
    for pattern, replacement in _PHONETIC_RULES:
        key = pattern.sub(replacement, key)
    return key


def latin_forms(text: str) -> set[str]:
    """Return the folded Latin spellings of a name: one for Latin, passport, Russian and Czech ones for Cyrillic."""
    return set(_latin_forms(text))


@lru_cache(maxsize=1 << 18)
def _latin_forms(text: str) -> frozenset[str]:
    forms = {fold_name(text)}
    if has_cyrillic(text):
        forms |= {fold_name(transliterate_uk(text)), fold_name(transliterate_ru(text))}
        forms.add(fold_name(transcribe_uk_cs(text)))
    return frozenset(form for form in forms if form)


def _given_name_lines() -> Iterator[list[str]]:
    text = _DATA.joinpath("given_names.csv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield [name.strip() for name in line.split(",") if name.strip()]


@cache
def _given_name_index() -> dict[str, frozenset[str]]:
    """Map the sound key of every listed given name to the groups it belongs to."""
    index: dict[str, set[str]] = {}
    for names in _given_name_lines():
        group = fold_name(names[0])
        for name in names:
            index.setdefault(phonetic_key(name), set()).add(group)
    return {key: frozenset(groups) for key, groups in index.items()}


@lru_cache(maxsize=1 << 18)
def given_name_groups(text: str) -> frozenset[str]:
    """Return the groups of equivalent given names a name belongs to: Sasha → {oleksandr, oleksandra}.

    The whole name is looked up, then its first word, so "Oleksandr Petrovych" is found too.
    """
    index = _given_name_index()
    groups: set[str] = set()
    for form in latin_forms(text):
        key = phonetic_key(form)
        groups |= index.get(key, frozenset())
        if " " in key:
            groups |= index.get(key.split()[0], frozenset())
    return frozenset(groups)


def name_keys(given: str, family: str) -> set[str]:
    """Return the comparable keys of a name, given name first; two spellings of one name share a key.

    Three kinds, each prefixed: "t:" folded spellings (every transliteration of Cyrillic),
    "p:" sound keys (`phonetic_key`), "g:" the given name's group with the family name's sound
    key. Empty when neither part has a letter or digit.
    """
    given_forms = latin_forms(given) or {""}
    family_forms = latin_forms(family) or {""}
    if given_forms == family_forms == {""}:
        return set()
    keys: set[str] = set()
    family_sounds = {phonetic_key(form) for form in family_forms}
    for given_form in given_forms:
        for family_form in family_forms:
            keys.add(f"t:{given_form}|{family_form}")
            keys.add(f"p:{phonetic_key(given_form)}|{phonetic_key(family_form)}")
    keys |= {f"g:{group}|{sound}" for group in given_name_groups(given) for sound in family_sounds}
    return keys


def swapped_keys(given: str, family: str) -> set[str]:
    """Return the keys of the name with given and family name exchanged, to meet `name_keys` of a swapped record.

    For family-name-first orders (Vietnamese "Nguyen Van An", Hungarian) and forms filled in
    the wrong way round; a match through these keys should weigh less than an ordered one.
    """
    return name_keys(family, given)


def order_free_keys(given: str, family: str) -> set[str]:
    """Return keys of all the name's words in any order: "Nguyen Van An" meets "An Nguyen Van".

    Words may move between the given and the family name, as a Vietnamese middle name does.
    """
    keys: set[str] = set()
    for given_form in latin_forms(given) or {""}:
        for family_form in latin_forms(family) or {""}:
            words = f"{given_form} {family_form}".replace("-", " ").split()
            if words:
                keys.add("o:" + " ".join(sorted(words)))
                keys.add("o:" + " ".join(sorted(phonetic_key(word) for word in words)))
    return keys


def _comparable(text: str) -> set[str]:
    """Return the forms of a full name to compare: folded, sound keys and given-name groups, words sorted."""
    forms = latin_forms(text)
    forms |= {phonetic_key(form) for form in forms}
    index = _given_name_index()
    for form in list(forms)[:8]:
        for position, word in enumerate(form.split()[:6]):
            for group in sorted(index.get(phonetic_key(word), frozenset()))[:3]:
                words = form.split()
                words[position] = group
                forms.add(" ".join(words))
    return {" ".join(sorted(form.replace("-", " ").split())) for form in forms} - {""}


def name_similarity(a: str, b: str) -> float:
    """Return how alike two full names are, 0 to 1: the best token-sort ratio over their forms.

    Token-sort ratio (indel similarity of the sorted words) rather than Jaro-Winkler, whose
    bonus for a shared beginning would lift Mykola and Mykhailo Bondar to 0.96 once the
    words are sorted; the order of given and family name does not matter. Two names whose
    known given names share no group (Oleksandr and Oleksandra, Mykola and Mykhailo) score
    at most DIFFERENT_GIVEN_NAMES, however alike the letters.
    """
    forms_a, forms_b = _comparable(a), _comparable(b)
    if not forms_a or not forms_b:
        return 0.0
    if forms_a & forms_b:
        return 1.0
    similarity = max(fuzz.token_sort_ratio(x, y) for x in forms_a for y in forms_b) / 100
    groups_a, groups_b = _word_groups(a), _word_groups(b)
    if groups_a and groups_b and not groups_a & groups_b:
        return min(similarity, DIFFERENT_GIVEN_NAMES)
    return similarity


DIFFERENT_GIVEN_NAMES = 0.8


def _word_groups(text: str) -> frozenset[str]:
    """Return the given-name groups of any of a full name's first six words."""
    groups: set[str] = set()
    for word in fold_name(text).replace("-", " ").split()[:6]:
        groups |= given_name_groups(word)
    return frozenset(groups)


@lru_cache(maxsize=1 << 18)
def phonetic_variants(text: str) -> frozenset[str]:
    """Return the sound keys of every spelling of a name, reading a Latin "ch" both as Czech kh and as ch.

    Chomenko (Czech transcription of Хоменко) meets Khomenko, and Chernenko still meets Černenko.
    """
    keys: set[str] = set()
    for form in latin_forms(text):
        keys.add(phonetic_key(form))
        if "ch" in form:
            keys.add(phonetic_key(form.replace("ch", "kh")))
    return frozenset(key for key in keys if key)


_VOWELS_AT_END = re.compile(r"[aeiou]+$")


@lru_cache(maxsize=1 << 18)
def surname_stems(text: str) -> frozenset[str]:
    """Return sex-neutral stems of a family name: Ševčenko and Ševčenková, Novák and Nováková, Ivanov and Ivanova meet.

    The Czech female ending -ová and the Slavic -a/-o/-yi endings are dropped from each sound key;
    -ska and -skyi both give -sk.
    """
    stems: set[str] = set()
    for key in phonetic_variants(text):
        for word in (key.replace(" ", ""),):
            stems.add(_VOWELS_AT_END.sub("", word) or word)
            if word.endswith("ova") and len(word) > 5:
                stems.add(_VOWELS_AT_END.sub("", word[:-3]) or word[:-3])
    return frozenset(stems)


@cache
def _group_keys() -> tuple[list[str], list[frozenset[str]]]:
    index = _given_name_index()
    keys = sorted(index)
    return keys, [index[key] for key in keys]


@lru_cache(maxsize=1 << 16)
def near_given_name_groups(text: str) -> frozenset[str]:
    """Return the groups of a given name, or for an unknown one the groups of listed names one typo away.

    "Iiina" and "Iarka" (typed for Irina, Irka) reach the group of Iryna; names of under four letters get
    nothing, as one typo there is a different name.
    """
    groups = given_name_groups(text)
    if groups:
        return groups
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import extract

    keys, values = _group_keys()
    found: set[str] = set()
    for sound in phonetic_variants(text):
        if len(sound) < 4 or " " in sound:
            continue
        for _key, _distance, position in extract(sound, keys, scorer=OSA.distance, score_cutoff=1, limit=None):
            found |= values[position]
    return frozenset(found)
