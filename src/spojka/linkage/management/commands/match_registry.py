"""`python -m spojka match_registry`: match the whole registry, across organisations, and update the review queues."""

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from spojka.core.commands import TranslatedCommand
from spojka.linkage.actions import index_registry, run_matching
from spojka.linkage.enums import RunTrigger
from spojka.linkage.models import BlockingKey


class Command(TranslatedCommand):
    help = gettext_noop(
        "Find the records of one person across the whole registry: pairs of one organisation go to its review "
        "queue, pairs across organisations are linked only when certain. Safe to run again (nightly)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Declare --index-only and --reindex."""
        parser.add_argument(
            "--index-only", action="store_true", help=_("Only store the blocking keys of clients that have none.")
        )
        parser.add_argument(
            "--reindex",
            action="store_true",
            help=_("Store every client's blocking keys again (after the matcher's keys changed)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Index the clients without blocking keys, run the matching and print the counts."""
        if options["reindex"]:
            BlockingKey.objects.all().delete()
        indexed = index_registry()
        if indexed:
            self.stdout.write(_("Blocking keys stored for %(count)d clients.") % {"count": indexed})
        if options["index_only"]:
            return
        run = run_matching(trigger=RunTrigger.COMMAND)
        self.stdout.write(
            _(
                "%(records)d records compared, %(pairs)d pairs found: %(proposed)d proposed, %(review)d to review, "
                "%(linked)d linked across organisations, %(kept)d kept apart before."
            )
            % {
                "records": run.records,
                "pairs": run.pairs_found,
                "proposed": run.proposed,
                "review": run.to_review,
                "linked": run.linked_automatically,
                "kept": run.kept_apart,
            }
        )
