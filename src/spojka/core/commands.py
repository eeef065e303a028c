"""A base for Spojka's management commands."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _


class TranslatedCommand(BaseCommand):
    """A command whose `help` (marked with gettext_noop) is shown in the active language."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        """Translate the help now: argparse needs a plain string, and the language is known."""
        self.help = _(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)
