# (Cyrillic country names are data here.)
"""A person's record as the matcher sees it, and parsing of the raw values agencies write.

Pure Python, no Django: `match_file`, the benchmark and the linkage app build `Record`s the same way.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

import phonenumbers

from spojka.linkage.matching.names import fold_name


@dataclass(frozen=True, slots=True)
class Record:
    """One registration of a person by one agency, with values already parsed (see `make_record`)."""

    record_id: str
    agency: str = ""
    given_name: str = ""
    family_name: str = ""
    native_given_name: str = ""
    native_family_name: str = ""
    birth_date: date | None = None
    birth_year: int | None = None  # when only the year is known; equal to birth_date.year otherwise
    sex: str = ""  # "m", "f" or ""
    nationality: str = ""  # ISO 3166 alpha-2 when known, else folded free text
    document_number: str = ""  # upper-case letters and digits only
    phone: str = ""  # digits, E.164 without "+"
    municipality: str = ""  # folded


class RecordValueError(ValueError):
    """A raw value that cannot be parsed; `code` is a stable message code."""

    def __init__(self, code: str, value: str) -> None:
        super().__init__(code)
        self.code = code
        self.value = value


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_CZECH_DATE = re.compile(r"^(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
MIN_YEAR = 1900


def parse_birth_date(raw: str, *, today: date | None = None) -> tuple[date | None, int | None]:
    """Parse a birth date written ISO (1985-03-07), Czech (7.3.1985, 07. 03. 1985) or as a year only (1985).

    Returns (date, year); both None for an empty value. Raises RecordValueError with code
    "birth_date_unparsable" or "birth_date_out_of_range".
    """
    text = raw.strip()
    if not text:
        return None, None
    today = today or date.today()  # noqa: DTZ011 - a birth date is a calendar date, no time zone
    year_only = _YEAR.match(text)
    if year_only:
        year = int(year_only.group(1))
        if not MIN_YEAR <= year <= today.year:
            raise RecordValueError("birth_date_out_of_range", raw)
        return None, year
    iso = _ISO_DATE.match(text)
    czech = _CZECH_DATE.match(text)
    if iso:
        y, m, d = int(iso.group(1)), int(iso.group(2)), int(iso.group(3))
    elif czech:
        d, m, y = int(czech.group(1)), int(czech.group(2)), int(czech.group(3))
    else:
        raise RecordValueError("birth_date_unparsable", raw)
    try:
        parsed = date(y, m, d)
    except ValueError:
        raise RecordValueError("birth_date_unparsable", raw) from None
    if not date(MIN_YEAR, 1, 1) <= parsed <= today:
        raise RecordValueError("birth_date_out_of_range", raw)
    return parsed, y


_SEX = {
    "m": "m", "male": "m", "man": "m", "muz": "m", "muž": "m", "mužské": "m", "chlapec": "m", "ч": "m",
    "чоловік": "m", "чоловіча": "m", "чол": "m", "м": "m", "мужской": "m", "мужчина": "m", "b": "m", "barbat": "m",
    "bărbat": "m", "masculin": "m",
    "f": "f", "female": "f", "woman": "f", "z": "f", "ž": "f", "zena": "f", "žena": "f", "ženské": "f",
    "dívka": "f", "ж": "f", "жінка": "f", "жіноча": "f", "жін": "f", "женский": "f", "женщина": "f", "femeie": "f",
    "feminin": "f", "w": "f",
}  # fmt: skip


def parse_sex(raw: str) -> str:
    """Return "m", "f" or "" (unknown) for a sex written in cs/uk/ru/ro/en, as a word or an initial."""
    return _SEX.get(raw.strip().casefold().rstrip("."), "")


# Nationalities as agencies write them: adjectives and demonyms the ISO tables do not hold, keyed by folded text.
# Country names themselves (in cs, uk, ru, ro, en) come from pycountry's translated ISO 3166 tables.
_NATIONALITY_WORDS: dict[str, str] = {
    "UA": "ukrajina ukrajinska ukrajinsky ukrajinec ukrajinka ukrajinske ukraine ukrainian ukr ua "
    "украина украинец украинка украинский українець українка українська український україни "
    "ucraina ucrainean ucraineana",
    "RU": "rusko ruska rusky rus ruske russia russian rossiia rf рф россия российская русский русская росія "
    "російська rusia ",
    "BY": "belarus belarusian belorusko beloruska belorusky bielorusko bielorusko bielorusky bilorus "
    "беларусь білорусь белорус білоруська белорусская bielorusia",
    "MD": "moldavsko moldova moldovan moldavska moldavsky moldavian молдова молдавия молдованин moldoveana "
    "moldovean republica moldova",
    "VN": "vietnam vietnamese vietnamska vietnamsky viet nam в'єтнам вьетнам vietnamez",
    "SK": "slovensko slovakia slovak slovenska slovensky словаччина словакия",
    "PL": "polsko poland polish polska polsky польща польша polonia",
    "RO": "rumunsko romania romanian rumunska rumunsky румунія румыния romana",
    "SY": "syrie syria syrian syrska syrsky сирія сирия siria",
    "AF": "afghanistan afghan afganistan afghanska afghansky афганістан афганистан",
    "KZ": "kazachstan kazakhstan kazakh kazasska kazassky казахстан",
    "GE": "gruzie georgia georgian gruzinska gruzinsky грузія грузия",
    "MN": "mongolsko mongolia mongolian mongolska mongolsky монголія монголия",
    "CZ": "cesko ceska republika czech czechia ceska cesky чехія чехия cehia",
    "AM": "armenie armenia armenian armenska armensky вірменія армения",
    "AZ": "azerbajdzan azerbaijan azerbaijani азербайджан",
    "UZ": "uzbekistan uzbek uzbecka узбекистан",
    "TR": "turecko turkey turkiye turkish turecka turecky туреччина турция",
}


@cache
def _nationality_index() -> dict[str, str]:
    """Map folded names, adjectives and codes of countries to ISO 3166 alpha-2 codes."""
    import gettext

    import pycountry

    index: dict[str, str] = {}
    translations = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in ("cs", "uk", "ru", "ro")
    }
    for country in pycountry.countries:
        code = country.alpha_2
        names = [country.name, getattr(country, "official_name", ""), getattr(country, "common_name", "")]
        for translation in translations.values():
            names += [translation.gettext(n) for n in names if n]
        for name in names:
            if name:
                index.setdefault(fold_name(name), code)
        index[country.alpha_2.casefold()] = code
        index[country.alpha_3.casefold()] = code
    for code, words in _NATIONALITY_WORDS.items():
        # Multi-word entries are written with a leading keyword; single words are split on spaces.
        for word in words.split():
            index[fold_name(word)] = code
    index[fold_name("republica moldova")] = "MD"
    index[fold_name("ceska republika")] = "CZ"
    index[fold_name("viet nam")] = "VN"
    return index


@lru_cache(maxsize=4096)
def parse_nationality(raw: str) -> str:
    """Return the ISO 3166 alpha-2 code of a nationality written in any of cs/uk/ru/ro/en, else the folded text.

    "Ukrajina", "ukrajinská", "Україна", "українець", "Ukraine", "UKR" and "UA" all give "UA".
    """
    folded = fold_name(raw)
    if not folded:
        return ""
    index = _nationality_index()
    if folded in index:
        return index[folded]
    words = folded.replace("-", " ").split()
    for word in words:  # "státní příslušnost: Ukrajina", "громадянин України"
        if word in index and len(word) > 2:
            return index[word]
    stripped = unicodedata.normalize("NFC", folded)
    return stripped[:40]


_NON_DIGITS = re.compile(r"\D")


def parse_phone(raw: str, *, region: str = "CZ") -> str:
    """Return a phone number as E.164 digits without "+", or the bare digits when it cannot be parsed."""
    text = raw.strip()
    if not text:
        return ""
    digits = _NON_DIGITS.sub("", text)
    if region == "CZ" and text[0] in "+0123456789":
        # The common Czech shapes without the library's cost: 777123456, +420 777 123 456.
        if len(digits) == 9 and text[0] != "+" and digits[0] in "2345679":
            return "420" + digits
        if len(digits) == 12 and digits.startswith("420") and text[0] == "+" and digits[3] in "2345679":
            return digits
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_possible_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164).lstrip("+")
    return digits[:20]


def normalise_document(raw: str) -> str:
    """Return a document number in upper case with only its letters and digits: "fb 123-456" → "FB123456"."""
    if raw.isascii() and raw.isalnum():  # the common case, without decomposing
        return raw.upper()[:40]
    folded = unicodedata.normalize("NFKD", raw)
    return "".join(c for c in folded if c.isalnum() and c.isascii()).upper()[:40]


def make_record(
    record_id: str,
    *,
    agency: str = "",
    given_name: str = "",
    family_name: str = "",
    birth_date: str = "",
    sex: str = "",
    nationality: str = "",
    document_number: str = "",
    phone: str = "",
    municipality: str = "",
    native_given_name: str = "",
    native_family_name: str = "",
    today: date | None = None,
) -> Record:
    """Build a Record from raw text values; raises RecordValueError for a birth date that cannot be parsed.

    `today` (the latest possible birth date) is asked once by callers building many records.
    """
    parsed_date, year = _birth_date(birth_date, today or date.today())  # noqa: DTZ011 - a calendar date
    return Record(
        record_id=record_id.strip(),
        agency=agency.strip(),
        given_name=given_name.strip()[:200],
        family_name=family_name.strip()[:200],
        native_given_name=native_given_name.strip()[:200],
        native_family_name=native_family_name.strip()[:200],
        birth_date=parsed_date,
        birth_year=year,
        sex=parse_sex(sex),
        nationality=parse_nationality(nationality),
        document_number=normalise_document(document_number),
        phone=parse_phone(phone),
        municipality=_municipality(municipality),
    )


@lru_cache(maxsize=1 << 16)
def _birth_date(raw: str, today: date) -> tuple[date | None, int | None]:
    """Return `parse_birth_date`, remembered: a registry has far fewer dates than records."""
    return parse_birth_date(raw, today=today)


@lru_cache(maxsize=8192)
def _municipality(raw: str) -> str:
    return fold_name(raw)[:100]
