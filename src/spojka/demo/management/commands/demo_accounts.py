"""`python -m spojka demo_accounts`: print every demo login, as a table or as JSON."""

import json
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from spojka.core.commands import TranslatedCommand
from spojka.demo.queries import demo_memberships
from spojka.network.enums import Role


class Command(TranslatedCommand):
    help = gettext_noop("List every demo login with its password, role and organisation.")

    def add_arguments(self, parser: CommandParser) -> None:
        """Declare --json."""
        parser.add_argument(
            "--json",
            action="store_true",
            help=_("Print a JSON list of objects with the keys email, password, role and organization."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Print the demo logins, or say how to load the demo when there are none."""
        memberships = demo_memberships()
        password = settings.SPOJKA_DEMO_PASSWORD
        not_loaded = _("The demo is not loaded. Load it with: python -m spojka load_demo")
        if options["json"]:
            accounts = [
                {
                    "email": membership.user.email,
                    "password": password,
                    "role": membership.role,
                    "organization": membership.organization.name,
                }
                for membership in memberships
            ]
            # Scripts read stdout, so it stays valid JSON even when there is nothing to list.
            self.stdout.write(json.dumps(accounts, ensure_ascii=False, indent=2))
            if not accounts:
                self.stderr.write(not_loaded)
            return
        if not memberships:
            self.stdout.write(not_loaded)
            return
        header = (_("E-mail"), _("Password"), _("Role"), _("Organisation"))
        rows = [
            (
                membership.user.email,
                password,
                str(Role(membership.role).label),
                membership.organization.display_name,
            )
            for membership in memberships
        ]
        table = [header, *rows]
        widths = [max(len(row[column]) for row in table) for column in range(len(header))]

        def line(cells: tuple[str, ...]) -> str:
            padded = (cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
            return "  ".join(padded).rstrip()

        self.stdout.write(self.style.MIGRATE_HEADING(_("Demo accounts")))
        self.stdout.write(self.style.MIGRATE_LABEL(line(header)))
        self.stdout.write(line(tuple("-" * width for width in widths)))
        for row in rows:
            self.stdout.write(line(row))
