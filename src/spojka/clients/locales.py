"""Names of languages and countries in the active language, from Babel's CLDR data."""

from functools import lru_cache
from typing import Final

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.utils.translation import get_language

# Languages a client may speak, the region's common ones first; printouts use the site's own.
SPOKEN_LANGUAGES: Final = (
    "uk", "ru", "cs", "en", "ro", "sk", "pl", "de", "be", "ka", "hy", "az", "kk", "ky", "uz", "tg",
    "mn", "vi", "ar", "fa", "ps", "tr", "fr", "es", "hu", "bg", "sr", "hr", "sq",
)  # fmt: skip


# Groupings and placeholders CLDR lists among territories, which no passport names.
_NOT_COUNTRIES: Final = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})


def _locale() -> Locale:
    try:
        return Locale.parse((get_language() or settings.LANGUAGE_CODE).replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


@lru_cache(maxsize=16)
def _language_names(language: str) -> dict[str, str]:
    locale = Locale.parse(language)
    return {code: locale.languages.get(code, code) for code in SPOKEN_LANGUAGES}


@lru_cache(maxsize=16)
def _country_names(language: str) -> dict[str, str]:
    locale = Locale.parse(language)
    return {
        code: name
        for code, name in locale.territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }


def language_name(code: str) -> str:
    """Return a language's name in the active language (the code when unknown)."""
    return _language_names(str(_locale())).get(code, code)


def language_choices() -> list[tuple[str, str]]:
    names = _language_names(str(_locale()))
    return [(code, names[code]) for code in SPOKEN_LANGUAGES]


def country_name(code: str) -> str:
    """Return a country's name in the active language (the code when unknown)."""
    return _country_names(str(_locale())).get(code, code)


def country_choices() -> list[tuple[str, str]]:
    names = _country_names(str(_locale()))
    return sorted(names.items(), key=lambda item: item[1])


def printout_language(code: str) -> str:
    """Return the site language a printout for a client is made in: theirs, else English."""
    return code if code in dict(settings.LANGUAGES) else "en"
