"""Read a spreadsheet of records (the match_file input) and write the matched pairs."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO, TextIO

from spojka.linkage.matching.batch import Pair, gc_paused
from spojka.linkage.matching.records import Record, RecordValueError, make_record

INPUT_COLUMNS = (
    "record_id",
    "agency",
    "given_name",
    "family_name",
    "birth_date",
    "sex",
    "nationality",
    "document_number",
    "phone",
    "municipality",
)
OUTPUT_COLUMNS = ("record_id_a", "record_id_b", "score", "reasons")
REVIEW_COLUMNS = (*OUTPUT_COLUMNS, "decision")
MAX_FIELD = 1000  # characters kept of any cell


@dataclass(frozen=True, slots=True)
class RowError:
    """A row that could not be read in full: its line number in the file, a stable code and the offending value."""

    line: int
    code: str  # "missing_record_id", "duplicate_record_id", "birth_date_unparsable", "birth_date_out_of_range"
    value: str = ""


class FileFormatError(Exception):
    """A file that cannot be read at all; `code` is "not_utf8", "no_header" or "missing_record_id_column"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _text(stream: BinaryIO | TextIO) -> str:
    data = stream.read()
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileFormatError("not_utf8") from None


def _sniff(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def read_records(stream: BinaryIO | TextIO) -> tuple[list[Record], list[RowError]]:
    """Read records from a CSV with a header (UTF-8; comma, semicolon or tab); rows with errors are kept if possible.

    A row without a record_id, or repeating an earlier one, is skipped; a birth date that cannot be read is
    reported and left empty, so the rest of the row still counts. Unknown columns are ignored; header names
    are matched without regard to case and surrounding spaces.
    """
    with gc_paused():
        return _read_records(_text(stream))


def _read_records(text: str) -> tuple[list[Record], list[RowError]]:
    if not text.strip():
        raise FileFormatError("no_header")
    reader = csv.reader(io.StringIO(text, newline=""), _sniff(text))
    try:
        header = [name.strip().casefold().lstrip("\ufeff") for name in next(reader)]
    except StopIteration:
        raise FileFormatError("no_header") from None
    if "record_id" not in header:
        raise FileFormatError("missing_record_id_column")
    columns = {name: header.index(name) for name in INPUT_COLUMNS if name in header}
    records: list[Record] = []
    errors: list[RowError] = []
    seen: set[str] = set()
    today = date.today()  # noqa: DTZ011 - birth dates are calendar dates
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        values = {name: (row[index] if index < len(row) else "")[:MAX_FIELD] for name, index in columns.items()}
        record_id = values.pop("record_id").strip()
        if not record_id:
            errors.append(RowError(line, "missing_record_id"))
            continue
        if record_id in seen:
            errors.append(RowError(line, "duplicate_record_id", record_id))
            continue
        seen.add(record_id)
        try:
            record = make_record(record_id, **values, today=today)
        except RecordValueError as error:
            errors.append(RowError(line, error.code, error.value))
            record = make_record(record_id, **{**values, "birth_date": ""}, today=today)
        records.append(record)
    return records, errors


def write_pairs(stream: TextIO, pairs: Iterable[Pair], *, review: bool = False) -> int:
    """Write pairs as CSV: `record_id_a,record_id_b,score,reasons` (reasons joined by ";"), and return the count.

    Without `review` only "match" pairs are written; with it, review pairs too and a `decision` column
    ("match" or "review"). The score is the match probability of the two records compared alone, 0 to 1,
    four decimals: a pair judged one person through other records (reason
    `same_person_through_other_records`) may score low on its own.
    """
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(REVIEW_COLUMNS if review else OUTPUT_COLUMNS)
    written = 0
    for pair in pairs:
        if pair.decision != "match" and not review:
            continue
        row = [pair.a, pair.b, f"{pair.comparison.probability:.4f}", ";".join(pair.comparison.reasons)]
        writer.writerow([*row, pair.decision] if review else row)
        written += 1
    return written
