"""`python -m spojka reindex_directory`: rebuild the public portal's search index of services."""

import time
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from spojka.core.commands import TranslatedCommand
from spojka.directory.search.index import reindex_all


class Command(TranslatedCommand):
    help = gettext_noop("Rebuild the search index of the services the public portal shows.")

    def handle(self, *args: Any, **options: Any) -> None:
        """Rebuild the index and say how many services it holds."""
        started = time.monotonic()
        count = reindex_all()
        self.stdout.write(
            _("Indexed %(count)d services in %(seconds).1f s.")
            % {"count": count, "seconds": time.monotonic() - started}
        )
