"""Writing locations: the places where an organisation gives its services."""

from collections.abc import Mapping

import structlog
from django.db import transaction

from spojka.accounts.models import User
from spojka.directory.actions._common import reindex_on_commit
from spojka.directory.history import recorded_as
from spojka.directory.models import Location

log = structlog.get_logger(__name__)


@transaction.atomic
def save_location(*, location: Location, texts: Mapping[str, Mapping[str, str]], by: User) -> Location:
    """Record a new or edited location with its texts by language.

    A location without coordinates gets those of its municipality (its centre), so that it
    still shows on the map, near enough to be useful.
    """
    is_new = location._state.adding
    with recorded_as(by):
        for language, values in texts.items():
            location.set_translations(language, {k: v for k, v in values.items() if k in Location.TRANSLATED_FIELDS})
        if not location.has_coordinates and location.municipality is not None:
            location.latitude = location.municipality.latitude
            location.longitude = location.municipality.longitude
        location.full_clean()
        location.save()
    log.info("location_saved", location=str(location.pk), created=is_new, by=by.pk)
    reindex_on_commit(location.services_here.values_list("service_id", flat=True))
    return location


@transaction.atomic
def delete_location(*, location: Location, by: User) -> None:
    """Delete a location; its services stay, given elsewhere or nowhere in particular."""
    service_ids = list(location.services_here.values_list("service_id", flat=True))
    location_id = location.pk
    with recorded_as(by):
        location.delete()
    log.info("location_deleted", location=str(location_id), by=by.pk)
    reindex_on_commit(service_ids)
