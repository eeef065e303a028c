"""`python -m spojka load_country_pack NAME`: load a country pack (`--list` shows them)."""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from spojka.core.commands import TranslatedCommand
from spojka.geo.packs import PACKS_DIR, CountryPackError, Tally, available_packs, load_country_pack


class Command(TranslatedCommand):
    help = gettext_noop(
        "Load a country pack: the country, its administrative units and residence statuses. "
        "Loading again updates what changed and keeps everything else."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Declare the pack name, --list and --packs-dir."""
        parser.add_argument("name", nargs="?", help=_("The pack's name, such as cz-liberec."))
        parser.add_argument("--list", action="store_true", help=_("List the available packs and stop."))
        parser.add_argument(
            "--packs-dir",
            type=Path,
            default=PACKS_DIR,
            help=_("Read packs from this folder instead of Spojka's own (%(default)s)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """List the packs, or load one and print what changed."""
        packs_dir: Path = options["packs_dir"]
        if options["list"]:
            self._list(packs_dir)
            return
        if not options["name"]:
            raise CommandError(_("Name the pack to load, or use --list to see them."))
        try:
            report = load_country_pack(options["name"], packs_dir=packs_dir)
        except CountryPackError as error:
            raise CommandError(
                _("The country pack was not loaded; nothing has changed. %(error)s") % {"error": error}
            ) from error
        if options["verbosity"] == 0:
            return
        self.stdout.write(
            _("Country pack %(pack)s (%(country)s):") % {"pack": report.pack, "country": report.country_code}
        )
        outcomes = {
            "created": pgettext("country pack", "created"),
            "updated": pgettext("country pack", "updated"),
            "unchanged": pgettext("country pack", "unchanged"),
        }
        self.stdout.write("  " + _("country: %(outcome)s") % {"outcome": outcomes[report.country]})
        self.stdout.write("  " + _("administrative units: %(tally)s") % {"tally": self._tally(report.units)})
        self.stdout.write("  " + _("residence statuses: %(tally)s") % {"tally": self._tally(report.residence_statuses)})
        if report.taxonomy is not None:
            self.stdout.write("  " + _("taxonomy of needs: %(outcome)s") % {"outcome": outcomes[report.taxonomy]})
            self.stdout.write("  " + _("needs: %(tally)s") % {"tally": self._tally(report.taxonomy_terms)})
        if report.capacity_units != Tally():
            self.stdout.write("  " + _("units of capacity: %(tally)s") % {"tally": self._tally(report.capacity_units)})
        message = (
            _("Loaded: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            if report.changed_anything
            else _("Already up to date: %(unchanged)d unchanged, nothing written.")
        )
        self.stdout.write(
            self.style.SUCCESS(
                message
                % {
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                }
            )
        )

    def _tally(self, tally: Tally) -> str:
        text = _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged") % {
            "created": tally.created,
            "updated": tally.updated,
            "unchanged": tally.unchanged,
        }
        if tally.not_in_pack:
            text += "; " + _("%(count)d kept, though no longer in the pack") % {"count": tally.not_in_pack}
        return text

    def _list(self, packs_dir: Path) -> None:
        packs = available_packs(packs_dir)
        if not packs:
            self.stdout.write(_("There are no country packs in %(folder)s.") % {"folder": packs_dir})
            return
        for pack in packs:
            if pack.problem:
                self.stdout.write(f"{pack.name:<16} {self.style.ERROR(pack.problem)}")
            else:
                self.stdout.write(f"{pack.name:<16} {pack.country_code:<3} {pack.label}")
