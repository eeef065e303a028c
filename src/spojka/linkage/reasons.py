"""Human, translated labels for the matcher's reason codes (`matching.scoring.REASON_CODES`)."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LABELS: Final[dict[str, Promise]] = {
    "given_name_equal": _("same given name"),
    "given_name_equal_after_transliteration": _("same given name after transliteration"),
    "given_name_phonetic": _("given name sounds the same"),
    "given_name_diminutive": _("given name is a diminutive or another form of the same name"),
    "given_name_similar": _("similar given name (a typo?)"),
    "given_name_different": _("different given name"),
    "family_name_equal": _("same family name"),
    "family_name_equal_after_transliteration": _("same family name after transliteration"),
    "family_name_phonetic": _("family name sounds the same"),
    "family_name_similar": _("similar family name (a typo?)"),
    "family_name_different": _("different family name"),
    "birth_date_equal": _("same date of birth"),
    "birth_date_day_month_swapped": _("date of birth with day and month swapped"),
    "birth_date_one_digit": _("date of birth differs in one digit"),
    "birth_date_year_only_equal": _("same year of birth (only the year is known)"),
    "birth_date_year_equal": _("same year of birth, different day"),
    "birth_date_different": _("different date of birth"),
    "sex_equal": _("same sex"),
    "sex_different": _("different sex"),
    "document_number_equal": _("same document number"),
    "document_number_one_character": _("document number differs in one character"),
    "document_number_different": _("different document number"),
    "phone_equal": _("same phone number"),
    "phone_different": _("different phone number"),
    "municipality_equal": _("same municipality"),
    "municipality_different": _("different municipality"),
    "nationality_equal": _("same citizenship"),
    "nationality_different": _("different citizenship"),
    "name_order_swapped": _("given and family name written the other way round"),
    "too_few_fields": _("too little is known to be sure"),
    "identity_conflict": _("different given names or dates of birth: two people, perhaps of one family"),
    "birth_date_conflict": _("different dates of birth: perhaps a parent and a child of one name"),
    "only_namesake": _("no one else in the list has this name"),
    "same_person_through_other_records": _("the same person through other records"),
    "conflicts_with_other_records": _("joining would make one person of records that are two people"),
}

# Reasons that speak against the match, shown in a quieter way.
AGAINST: Final = frozenset(
    code
    for code in LABELS
    if code.endswith(("_different", "_conflict")) or code in ("too_few_fields", "conflicts_with_other_records")
)


@dataclass(frozen=True)
class Reason:
    """A reason code with its label in the active language, and whether it speaks for or against."""

    code: str
    label: str
    against: bool


def reasons_for(codes: Iterable[str]) -> list[Reason]:
    """Return the labels of reason codes, in the engine's order (strongest first); unknown codes as they are."""
    return [Reason(code=code, label=str(LABELS.get(code, code)), against=code in AGAINST) for code in codes]
