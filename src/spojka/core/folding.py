# Cyrillic letters, which ruff takes for look-alikes of Latin ones, are what this module is about.
# ruff: noqa: RUF001, RUF003
"""How texts are folded into search keys, so that scripts, diacritics and spelling do not matter.

A visitor may type «юрист», "yurist" or "jurist", "ubytování" or "ubytovani", "žytlo" or
"zhytlo". Every text indexed and every query is folded the same way: lower case, Cyrillic
written in Latin letters, diacritics dropped, then a loose phonetic key that merges the
spellings transliterations disagree on (š/sh→s, č/ch→c, ž/zh→z, kh→h, ya/ja, yu/ju, y→i,
doubled letters once). English transliteration of Ukrainian writes ч as "ch", so "ch" is
read as č; a Czech "ch" (like "chléb") still matches itself, because both sides fold alike.

Folding is total — any string, of any length and alphabet, folds without error — and
idempotent: folding a folded text changes nothing.
"""

import re
import unicodedata
from functools import lru_cache
from typing import Final

# Longest query or token that is looked at; longer input is cut, never refused.
MAX_QUERY_LENGTH: Final = 200
MAX_TOKEN_LENGTH: Final = 48

# Ukrainian and Russian letters in a loose Latin spelling (both languages at once: г is h as
# in Ukrainian; Russian "г" words still meet their Latin "g" spellings through fuzzy matching).
_CYRILLIC: Final = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "je", "ё": "jo",
    "ж": "z", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "j", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h",
    "ц": "c", "ч": "c", "ш": "s", "щ": "sc", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju",
    "я": "ja", "ў": "u", "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz",
}  # fmt: skip
_TRANSLITERATION: Final = str.maketrans(_CYRILLIC)

# Rewrites of the phonetic key, applied until nothing changes. Each one shortens the token or
# turns a y, i, w or q into a plainer letter, so the loop ends; running to a fixed point makes folding idempotent.
_REWRITES: Final = (
    ("shch", "sc"),
    ("sch", "s"),
    ("zh", "z"),
    ("kh", "h"),
    ("ch", "c"),
    ("sh", "s"),
    ("ts", "c"),
    ("ya", "ja"),
    ("yu", "ju"),
    ("yo", "jo"),
    ("ye", "je"),
    ("yi", "i"),
    ("ij", "i"),
    ("ia", "ja"),
    ("iu", "ju"),
    ("y", "i"),
    ("w", "v"),
    ("q", "k"),
)
_DOUBLED: Final = re.compile(r"(.)\1+")
# Passports write й after a vowel as "i" (Mykhailo, Boiko) where other spellings keep "j"
# (Michajlo, Bojko): a j between a vowel and a consonant, or ending the word, reads as i.
_J_AFTER_VOWEL: Final = re.compile(r"(?<=[aeiou])j(?=[^aeiou]|$)")

# Words too common to tell services apart (after folding), in the directory's languages.
STOP_WORDS: Final = frozenset(
    {
        # Czech
        "a", "i", "k", "o", "s", "u", "v", "z", "do", "na", "po", "pro", "se", "ze", "ve", "je", "to", "od",
        # Ukrainian and Russian (folded)
        "ta", "ale", "dla", "ce", "ne", "ti", "zo",
        # English
        "the", "of", "and", "in", "for", "an", "at", "on", "or", "with", "is",
    }
)  # fmt: skip


def _is_kept(char: str) -> bool:
    # A letter or digit that folding leaves unchanged; anything else (marks, emoji, joiners,
    # direction marks, punctuation) separates words.
    if "a" <= char <= "z" or "0" <= char <= "9":
        return True
    return char.isalnum() and unicodedata.normalize("NFKD", char.casefold()) == char


@lru_cache(maxsize=65536)
def fold_token(word: str) -> str:
    """Return the phonetic key of one word already lower-cased, transliterated and stripped."""
    token = word
    while True:
        before = token
        for old, new in _REWRITES:
            token = token.replace(old, new)
        token = _J_AFTER_VOWEL.sub("i", token)
        token = _DOUBLED.sub(r"\1", token)
        if token == before:
            return token[:MAX_TOKEN_LENGTH] if len(token) > MAX_TOKEN_LENGTH else token


def _letters(text: str) -> str:
    # Transliterate before decomposing (й, ї, ё would lose their marks) and after it (letters
    # that only compatibility decomposition turns into plain Cyrillic ones).
    lowered = unicodedata.normalize("NFC", text).casefold().translate(_TRANSLITERATION)
    decomposed = unicodedata.normalize("NFKD", lowered).casefold().translate(_TRANSLITERATION)
    return "".join(_separator(char) if not _is_kept(char) else char for char in decomposed)


def _separator(char: str) -> str:
    # Marks and invisible format characters (joiners, direction marks) belong to the word they
    # sit in; everything else that is not a letter or digit ends a word.
    return "" if unicodedata.category(char)[0] == "M" or unicodedata.category(char) == "Cf" else " "


def fold(text: str) -> str:
    """Return the text as space-separated search keys (the words of `tokens`, in order)."""
    return " ".join(tokens(text))


def tokens(text: str, *, keep_stop_words: bool = False) -> list[str]:
    """Return the search keys of a text's words, in order, without one-letter words."""
    keys = []
    for word in _letters(text).split():
        key = fold_token(word)
        # Truncation may leave a key that folds further; fold once more so keys are fixed points.
        key = fold_token(key)
        if len(key) < 2 or (not keep_stop_words and key in STOP_WORDS):
            continue
        keys.append(key)
    return keys


def query_tokens(text: str) -> list[str]:
    """Return the distinct search keys of a visitor's query, cut to a sane length."""
    seen: dict[str, None] = {}
    for key in tokens(text[: MAX_QUERY_LENGTH * 4])[:12]:
        seen.setdefault(key, None)
    return list(seen)
