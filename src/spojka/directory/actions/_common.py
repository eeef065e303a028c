"""What the directory's write actions share: reindexing the services they touched, after commit."""

from collections.abc import Iterable
from uuid import UUID

from django.db import transaction

from spojka.directory.search.index import reindex_services


def reindex_on_commit(service_ids: Iterable[UUID]) -> None:
    """Rebuild the search entries of these services once the transaction has committed."""
    ids = sorted(set(service_ids), key=str)
    if ids:
        transaction.on_commit(lambda: reindex_services(service_ids=ids))
