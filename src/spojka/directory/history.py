"""Who changed what in the directory and when, kept by django-auditlog.

Actions wrap their writes in `recorded_as(user)` so that each entry names its author; the
records of a service's parts carry the service's id (their `get_additional_data`), so one
query gives the whole history of a service, its hours and capacity included.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db.models import Q, QuerySet


def register_models() -> None:
    """Put the directory's models under change history (called once, when the app is ready)."""
    from spojka.directory import models

    for model in (
        models.Service,
        models.Location,
        models.Accessibility,
        models.ServiceAtLocation,
        models.ServiceNeed,
        models.ServiceEligibility,
        models.ServiceArea,
        models.Language,
        models.Contact,
        models.Phone,
        models.Schedule,
        models.CostOption,
        models.RequiredDocument,
        models.ServiceCapacity,
        models.Taxonomy,
        models.TaxonomyTerm,
        models.CapacityUnit,
    ):
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=["created_at", "updated_at"])


@contextmanager
def recorded_as(user: Any) -> Iterator[None]:
    """Attribute the changes made inside the block to a user (None for commands and imports)."""
    with set_actor(user):
        yield


def service_history(*, service_id: Any) -> "QuerySet[LogEntry]":
    """Return the changes of a service and of everything that belongs to it, newest first."""
    return cast(
        "QuerySet[LogEntry]",
        LogEntry.objects.filter(Q(object_pk=str(service_id)) | Q(additional_data__service_id=str(service_id)))
        .select_related("actor", "content_type")
        .order_by("-timestamp"),
    )


def organization_history(*, organization_id: Any) -> "QuerySet[LogEntry]":
    """Return the directory changes recorded for an organisation's services and locations, newest first."""
    return cast(
        "QuerySet[LogEntry]",
        LogEntry.objects.filter(additional_data__organization_id=str(organization_id))
        .select_related("actor", "content_type")
        .order_by("-timestamp"),
    )
