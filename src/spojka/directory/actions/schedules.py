"""Writing opening hours: the weekly intervals of a service or location, and their exceptions."""

import datetime
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import structlog
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from spojka.accounts.models import User
from spojka.directory.actions._common import reindex_on_commit
from spojka.directory.enums import Weekday
from spojka.directory.history import recorded_as
from spojka.directory.models import Location, Schedule, Service

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Interval:
    """One weekly opening interval: a day, when it opens and when it closes."""

    weekday: Weekday
    opens_at: datetime.time
    closes_at: datetime.time
    note: str = ""


def check_intervals(intervals: Sequence[Interval]) -> None:
    """Raise ValidationError, with every problem, when intervals end before they start or overlap."""
    problems: list[str] = []
    by_day: dict[int, list[Interval]] = {}
    for interval in intervals:
        if interval.opens_at >= interval.closes_at:
            problems.append(
                _("On %(day)s the hours %(opens)s–%(closes)s end before they start.")  # noqa: RUF001  # an en dash
                % {
                    "day": Weekday(interval.weekday).label,
                    "opens": f"{interval.opens_at:%H:%M}",
                    "closes": f"{interval.closes_at:%H:%M}",
                }
            )
        by_day.setdefault(interval.weekday, []).append(interval)
    for day, day_intervals in sorted(by_day.items()):
        ordered = sorted(day_intervals, key=lambda interval: interval.opens_at)
        if any(later.opens_at < earlier.closes_at for earlier, later in itertools.pairwise(ordered)):
            problems.append(_("On %(day)s two intervals overlap.") % {"day": Weekday(day).label})
    if problems:
        raise ValidationError(problems)


def _owner(service: Service | None, location: Location | None) -> dict[str, object]:
    if (service is None) == (location is None):
        raise ValueError("opening hours belong to a service or a location, exactly one")
    return {"service": service} if service is not None else {"location": location}


def _services_of(service: Service | None, location: Location | None) -> list[object]:
    if service is not None:
        return [service.pk]
    assert location is not None  # noqa: S101  # _owner has checked
    return list(location.services_here.values_list("service_id", flat=True))


@transaction.atomic
def set_opening_hours(
    *,
    intervals: Sequence[Interval],
    by: User,
    service: Service | None = None,
    location: Location | None = None,
) -> list[Schedule]:
    """Replace the weekly opening hours of a service or a location (exceptions stay)."""
    owner = _owner(service, location)
    check_intervals(intervals)
    with recorded_as(by):
        for row in Schedule.objects.filter(is_exception=False, **owner):
            row.delete()
        rows = [
            Schedule.objects.create(
                weekday=interval.weekday,
                opens_at=interval.opens_at,
                closes_at=interval.closes_at,
                description=interval.note,
                **owner,
            )
            for interval in sorted(intervals, key=lambda interval: (interval.weekday, interval.opens_at))
        ]
    log.info("opening_hours_set", intervals=len(rows), by=by.pk)
    reindex_on_commit(_services_of(service, location))  # type: ignore[arg-type]  # ids of services
    return rows


@transaction.atomic
def add_exception(
    *,
    valid_from: datetime.date,
    valid_to: datetime.date | None,
    opens_at: datetime.time | None,
    closes_at: datetime.time | None,
    note: str,
    by: User,
    service: Service | None = None,
    location: Location | None = None,
) -> Schedule:
    """Close a service or location on some dates, or open it only at special hours then."""
    owner = _owner(service, location)
    problems: list[str] = []
    if valid_to is not None and valid_to < valid_from:
        problems.append(_("The last day comes before the first."))
    if (opens_at is None) != (closes_at is None):
        problems.append(_("Give both the opening and the closing time, or neither to close for the day."))
    elif opens_at is not None and closes_at is not None and opens_at >= closes_at:
        problems.append(_("The closing time must come after the opening time."))
    if problems:
        raise ValidationError(problems)
    with recorded_as(by):
        row = Schedule.objects.create(
            is_exception=True,
            valid_from=valid_from,
            valid_to=valid_to,
            opens_at=opens_at,
            closes_at=closes_at,
            description=note,
            **owner,
        )
    log.info("opening_exception_added", schedule=str(row.pk), by=by.pk)
    reindex_on_commit(_services_of(service, location))  # type: ignore[arg-type]  # ids of services
    return row


@transaction.atomic
def remove_exception(*, exception: Schedule, by: User) -> None:
    """Remove an exception to the opening hours (a closure or special hours)."""
    if not exception.is_exception:
        raise ValueError("only exceptions are removed one by one; weekly hours are replaced together")
    service_ids = _services_of(exception.service, exception.location) if exception.service or exception.location else []
    with recorded_as(by):
        exception.delete()
    log.info("opening_exception_removed", by=by.pk)
    reindex_on_commit(service_ids)  # type: ignore[arg-type]  # ids of services
