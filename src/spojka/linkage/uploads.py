"""A spreadsheet of people matched in the browser: the pairs side by side and the errors per line, translated."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from spojka.linkage.matching.batch import Pair
from spojka.linkage.matching.files import FileFormatError, RowError
from spojka.linkage.matching.records import Record
from spojka.linkage.reasons import Reason, reasons_for

# The pairs a page shows at most; the downloads hold them all.
SHOWN_PAIRS = 500


def error_message(error: RowError) -> str:
    """Return what is wrong with a line of the file, in the active language."""
    messages = {
        "missing_record_id": _("The row has no record_id; it was left out."),
        "duplicate_record_id": _("The record_id “%(value)s” is used by an earlier row; this row was left out."),
        "birth_date_unparsable": _(
            "The date of birth “%(value)s” cannot be read (write 1985-03-07 or 7.3.1985); "
            "the row was matched without it."
        ),
        "birth_date_out_of_range": _(
            "The date of birth “%(value)s” is in the future or before 1900; the row was matched without it."
        ),
    }
    template = messages.get(error.code, _("The row cannot be read (%(value)s)."))
    return template % {"value": error.value[:60] or error.code}


def file_error_message(error: FileFormatError) -> str:
    """Return why the whole file cannot be read, in the active language."""
    messages = {
        "not_utf8": _("The file is not in UTF-8. Save it as “CSV UTF-8” and upload it again."),
        "no_header": _("The file is empty: it needs a header row and a row per person."),
        "missing_record_id_column": _("The header row has no record_id column, which every row needs."),
    }
    return messages.get(error.code, _("The file cannot be read as CSV."))


@dataclass(frozen=True)
class UploadedRecord:
    """One side of a pair, as the file had it."""

    record_id: str
    name: str
    native_name: str
    born: str
    sex: str
    nationality: str
    document_number: str
    phone: str
    municipality: str
    agency: str


@dataclass(frozen=True)
class UploadedField:
    """A row of the side-by-side comparison of two rows of the file."""

    label: str
    first: str
    second: str

    @property
    def differs(self) -> bool:
        return bool(self.first and self.second and self.first.casefold() != self.second.casefold())


@dataclass(frozen=True)
class UploadedPair:
    """Two rows of the file that may be one person."""

    first: UploadedRecord
    second: UploadedRecord
    decision: str
    probability: float
    weight: float
    reasons: list[Reason]

    @property
    def percent(self) -> int:
        return round(self.probability * 100)

    @property
    def decision_label(self) -> str:
        return _("same person") if self.decision == "match" else _("to review")

    @property
    def fields(self) -> list[UploadedField]:
        rows = [
            (_("Name"), "name"),
            (_("Name in own script"), "native_name"),
            (_("Date of birth"), "born"),
            (_("Sex"), "sex"),
            (_("Citizenship"), "nationality"),
            (_("Document number"), "document_number"),
            (_("Phone"), "phone"),
            (_("Municipality"), "municipality"),
            (_("Agency"), "agency"),
        ]
        return [UploadedField(label, getattr(self.first, name), getattr(self.second, name)) for label, name in rows]


def _uploaded(record: Record) -> UploadedRecord:
    born = record.birth_date.isoformat() if record.birth_date else (str(record.birth_year) if record.birth_year else "")
    return UploadedRecord(
        record_id=record.record_id,
        name=f"{record.given_name} {record.family_name}".strip(),
        native_name=f"{record.native_given_name} {record.native_family_name}".strip(),
        born=born,
        sex={"m": _("male"), "f": _("female")}.get(record.sex, ""),
        nationality=record.nationality,
        document_number=record.document_number,
        phone=record.phone,
        municipality=record.municipality,
        agency=record.agency,
    )


def pairs_of_upload(records: Sequence[Record], pairs: Sequence[Pair], *, review: bool) -> list[UploadedPair]:
    """Return the matched pairs with both rows, most likely first; review pairs only when asked."""
    by_id = {record.record_id: record for record in records}
    chosen = [pair for pair in pairs if review or pair.decision == "match"]
    chosen.sort(key=lambda pair: (-pair.comparison.probability, pair.a, pair.b))
    return [
        UploadedPair(
            first=_uploaded(by_id[pair.a]),
            second=_uploaded(by_id[pair.b]),
            decision=pair.decision,
            probability=pair.comparison.probability,
            weight=pair.comparison.weight,
            reasons=reasons_for(pair.comparison.reasons),
        )
        for pair in chosen
    ]
