"""`python -m spojka load_demo`: load the Liberec Region demo."""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from spojka.core.commands import TranslatedCommand
from spojka.demo import liberec
from spojka.demo.actions import MissingMunicipalityError, load_liberec_demo
from spojka.demo.casework_loader import load_demo_casework
from spojka.demo.clients_loader import load_demo_clients
from spojka.demo.coordination_meetings_loader import load_demo_coordination_meetings
from spojka.demo.coordination_rounds_loader import load_demo_rounds
from spojka.demo.directory_loader import MissingDirectoryDataError, load_demo_directory
from spojka.demo.linkage_loader import load_demo_linkage
from spojka.network.models import Organization


class Command(TranslatedCommand):
    help = gettext_noop("Load the Liberec Region demo: the country pack, organisations of the network and their staff.")

    def add_arguments(self, parser: CommandParser) -> None:
        """Declare --if-empty."""
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("Load only when the database has no organisations yet (as `make run` does)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Load the country pack and the demo in one transaction."""
        if options["if_empty"] and Organization.objects.exists():
            self.stdout.write(_("The database already has organisations, so the demo was not loaded."))
            return
        try:
            with transaction.atomic():
                call_command(
                    "load_country_pack",
                    liberec.COUNTRY_PACK,
                    stdout=self.stdout,
                    stderr=self.stderr,
                    verbosity=options["verbosity"],
                )
                loaded = load_liberec_demo(password=settings.SPOJKA_DEMO_PASSWORD)
                services = load_demo_directory()
                clients = load_demo_clients()
                casework = load_demo_casework()
                rounds = load_demo_rounds()
                meetings = load_demo_coordination_meetings()
                linkage = load_demo_linkage()
        except (MissingMunicipalityError, MissingDirectoryDataError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Demo directory: services %(services)d (new %(new_services)d), places %(locations)d.")
            % {
                "services": services.services,
                "new_services": services.new_services,
                "locations": services.locations,
            }
        )
        self.stdout.write(
            _("Demo clients: %(clients)d in %(households)d households, with %(consents)d consents.")
            % {"clients": clients.clients, "households": clients.households, "consents": clients.consents}
        )
        self.stdout.write(
            _("Demo casework: %(cases)d cases, %(referrals)d referrals, %(offices)d child-protection offices.")
            % {"cases": casework.cases, "referrals": casework.referrals, "offices": casework.offices}
        )
        self.stdout.write(
            _("Demo reporting rounds: %(rounds)d rounds, %(answers)d answers, %(figures)d capacity figures.")
            % {"rounds": rounds.rounds, "answers": rounds.answers, "figures": rounds.capacity_figures}
        )
        self.stdout.write(
            _("Demo coordination: %(meetings)d meetings, %(items)d action items, %(practices)d good practices.")
            % {"meetings": meetings.meetings, "items": meetings.action_items, "practices": meetings.practices}
        )
        self.stdout.write(
            _("Demo duplicates: %(duplicates)d; pairs proposed %(proposed)d, to review %(review)d, linked %(linked)d.")
            % {
                "duplicates": linkage.duplicates,
                "proposed": linkage.proposed,
                "review": linkage.to_review,
                "linked": linkage.linked,
            }
        )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Liberec Region demo loaded: organisations %(organizations)d "
                    "(new %(new_organizations)d), people %(people)d (new %(new_people)d). "
                    "List the logins with: python -m spojka demo_accounts"
                )
                % {
                    "organizations": loaded.organizations,
                    "new_organizations": loaded.new_organizations,
                    "people": loaded.people,
                    "new_people": loaded.new_people,
                }
            )
        )
