"""Writing capacity: how many places a service has and how many are free."""

import structlog
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.accounts.models import User
from spojka.directory.actions._common import reindex_on_commit
from spojka.directory.history import recorded_as
from spojka.directory.models import CapacityUnit, Service, ServiceCapacity

log = structlog.get_logger(__name__)


def check_capacity(*, available: int | None, maximum: int | None) -> None:
    """Raise ValidationError with a clear message for negative numbers or more free places than total."""
    problems: list[str] = []
    if available is None:
        problems.append(_("Say how many places are free."))
    elif available < 0:
        problems.append(_("The number of free places cannot be negative."))
    if maximum is not None and maximum < 0:
        problems.append(_("The total number of places cannot be negative."))
    if not problems and available is not None and maximum is not None and available > maximum:
        problems.append(
            _("There cannot be more free places (%(available)s) than places in total (%(maximum)s).")
            % {"available": available, "maximum": maximum}
        )
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def update_capacity(*, capacity: ServiceCapacity, available: int, maximum: int | None, by: User) -> ServiceCapacity:
    """Record how many places are free (and in total) now, and who said so."""
    check_capacity(available=available, maximum=maximum)
    with recorded_as(by):
        capacity.available = available
        capacity.maximum = maximum
        capacity.updated_at = timezone.now()
        capacity.updated_by = by
        capacity.save()
    log.info("capacity_updated", capacity=str(capacity.pk), by=by.pk)
    reindex_on_commit([capacity.service_id])
    return capacity


@transaction.atomic
def add_capacity(
    *, service: Service, unit: CapacityUnit, available: int, maximum: int | None, by: User
) -> ServiceCapacity:
    """Start counting a service's places in a unit (or update the count in that unit)."""
    check_capacity(available=available, maximum=maximum)
    capacity = ServiceCapacity.objects.filter(service=service, unit=unit).first()
    if capacity is not None:
        return update_capacity(capacity=capacity, available=available, maximum=maximum, by=by)
    with recorded_as(by):
        capacity = ServiceCapacity.objects.create(
            service=service, unit=unit, available=available, maximum=maximum, updated_by=by
        )
    log.info("capacity_added", capacity=str(capacity.pk), by=by.pk)
    reindex_on_commit([service.pk])
    return capacity


@transaction.atomic
def remove_capacity(*, capacity: ServiceCapacity, by: User) -> None:
    """Stop counting a service's places in a unit."""
    service_id = capacity.service_id
    with recorded_as(by):
        capacity.delete()
    log.info("capacity_removed", by=by.pk)
    reindex_on_commit([service_id])
