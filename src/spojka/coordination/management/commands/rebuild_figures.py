"""`python -m spojka rebuild_figures`: fill the dashboard's trigger-kept tables anew after a bulk load."""

from typing import Any

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from spojka.coordination.figures.parts import rebuild_figure_tables
from spojka.core.commands import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_noop(
        "Fill the tables the dashboard's figures read anew from the records, after a bulk load that ran "
        "without the database's triggers."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        """Rebuild the tables and say how many rows they hold."""
        if connection.vendor != "postgresql":
            self.stdout.write(_("Nothing to rebuild: on SQLite every figure is counted from the records."))
            return
        found = rebuild_figure_tables()
        self.stdout.write(
            _("Rebuilt: %(clients)d client records with open needs, %(needs)d needs; stored months forgotten.")
            % {"clients": found["client_demand"], "needs": found["need_person"]}
        )
