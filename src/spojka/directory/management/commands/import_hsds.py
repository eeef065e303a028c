"""`python -m spojka import_hsds PATH`: import HSDS 3.0 (or 3.1) JSON, or a tabular package."""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from spojka.core.commands import TranslatedCommand
from spojka.directory.hsds.importer import import_hsds


class Command(TranslatedCommand):
    help = gettext_noop(
        "Import an HSDS dataset into the directory: a JSON file of organisations (or services), or the "
        "tabular form, a folder or zip of CSV files with datapackage.json. Everything is checked first; "
        "with any problem nothing is written. Importing the same data again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Declare the path and --dry-run."""
        parser.add_argument("path", type=Path, help=_("The JSON file, zip file or folder to import."))
        parser.add_argument("--dry-run", action="store_true", help=_("Check and count, but write nothing."))

    def handle(self, *args: Any, **options: Any) -> None:
        """Import the file and print the report."""
        path: Path = options["path"]
        if not path.exists():
            raise CommandError(_("There is no file or folder %(path)s.") % {"path": path})
        report = import_hsds(path, dry_run=options["dry_run"])
        for warning in report.warnings:
            if options["verbosity"] > 1:
                self.stdout.write(_("Note: %(note)s") % {"note": warning})
        if report.problems:
            for problem in report.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                ngettext(
                    "The import found %(count)d problem; nothing was written.",
                    "The import found %(count)d problems; nothing was written.",
                    len(report.problems),
                )
                % {"count": len(report.problems)}
            )
        if options["verbosity"] == 0:
            return
        for kind, tally in report.sorted_counts():
            self.stdout.write(
                "  "
                + _("%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(removed)d removed")
                % {
                    "kind": kind,
                    "created": tally.created,
                    "updated": tally.updated,
                    "unchanged": tally.unchanged,
                    "removed": tally.removed,
                }
            )
        if report.warnings:
            self.stdout.write(
                ngettext(
                    "%(count)d note about data Spojka does not keep (see it with -v 2).",
                    "%(count)d notes about data Spojka does not keep (see them with -v 2).",
                    len(report.warnings),
                )
                % {"count": len(report.warnings)}
            )
        message = _("Checked, nothing written: %(summary)s.") if options["dry_run"] else _("Imported: %(summary)s.")
        self.stdout.write(self.style.SUCCESS(message % {"summary": report.summary()}))
