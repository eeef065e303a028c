"""`python -m spojka match_file INPUT.csv OUTPUT.csv [--review]`: find the duplicates inside a spreadsheet."""

import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from spojka.core.commands import TranslatedCommand
from spojka.linkage.matching.batch import match_records
from spojka.linkage.matching.files import FileFormatError, RowError, read_records, write_pairs


def file_error_message(code: str) -> str:
    """Return the translated message of a whole-file error code."""
    messages = {
        "not_utf8": _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."),
        "no_header": _("The file is empty: it needs a header row with the column names."),
        "missing_record_id_column": _("The file has no record_id column; it is the one column every file needs."),
    }
    return messages.get(code, code)


def row_error_message(error: RowError) -> str:
    """Return the translated message of a row error, with its line number."""
    messages = {
        "missing_record_id": _("Line %(line)s: the record_id is empty; the row was skipped."),
        "duplicate_record_id": _("Line %(line)s: the record_id %(value)s is repeated; the row was skipped."),
        "birth_date_unparsable": _(
            "Line %(line)s: the birth date “%(value)s” is not a date (write 1985-03-07, 7.3.1985 or 1985); "
            "the row was matched without it."
        ),
        "birth_date_out_of_range": _(
            "Line %(line)s: the birth date “%(value)s” is in the future or before 1900; the row was matched without it."
        ),
    }
    return messages.get(error.code, error.code) % {"line": error.line, "value": error.value}


class Command(TranslatedCommand):
    help = gettext_noop(
        "Find the records of one person inside a CSV file (record_id, agency, given_name, family_name, birth_date, "
        "sex, nationality, document_number, phone, municipality) without touching the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Declare the input, the output and --review."""
        parser.add_argument("input", type=Path, help=_("The CSV file to read (UTF-8, with a header row)."))
        parser.add_argument("output", type=Path, help=_("The CSV file to write the pairs to."))
        parser.add_argument(
            "--review",
            action="store_true",
            help=_("Also write the pairs that need a person to look, with a decision column (match or review)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Read, match and write; report row errors on stderr without stopping."""
        source: Path = options["input"]
        target: Path = options["output"]
        if not source.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": source})
        started = time.monotonic()
        try:
            with source.open("rb") as stream:
                records, errors = read_records(stream)
        except FileFormatError as bad_file:
            raise CommandError(file_error_message(bad_file.code)) from None
        for row_error in errors:
            self.stderr.write(row_error_message(row_error))
        pairs = match_records(records)
        try:
            with target.open("w", encoding="utf-8", newline="") as stream:
                written = write_pairs(stream, pairs, review=options["review"])
        except OSError as error:
            raise CommandError(_("Cannot write %(path)s: %(error)s") % {"path": target, "error": error}) from None
        self.stdout.write(
            _("Records read: %(records)s. Pairs written: %(pairs)s, to %(path)s, in %(seconds).1f s.")
            % {"records": len(records), "pairs": written, "path": target, "seconds": time.monotonic() - started}
        )
