"""`python -m spojka export_hsds --format json|csv OUT`: export the whole directory as HSDS 3.0."""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from spojka.core.commands import TranslatedCommand
from spojka.directory.hsds.export import export_json, export_tabular


class Command(TranslatedCommand):
    help = gettext_noop(
        "Export the whole directory as HSDS 3.0: a JSON file of organisations with everything nested, "
        "or CSV files with datapackage.json (into a folder, or a zip when OUT ends with .zip)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Declare --format and the output path."""
        parser.add_argument("out", type=Path, help=_("The file (JSON, zip) or folder (CSV) to write."))
        parser.add_argument("--format", choices=["json", "csv"], default="json", help=_("json or csv"))

    def handle(self, *args: Any, **options: Any) -> None:
        """Write the export and say what was written."""
        out: Path = options["out"]
        if options["format"] == "json":
            count = export_json(out)
            message = ngettext(
                "Exported %(count)d organisation to %(path)s.", "Exported %(count)d organisations to %(path)s.", count
            )
        else:
            count = export_tabular(out)
            message = ngettext("Exported %(count)d file to %(path)s.", "Exported %(count)d files to %(path)s.", count)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(message % {"count": count, "path": out}))
