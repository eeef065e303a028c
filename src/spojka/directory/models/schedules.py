"""Opening hours and their exceptions (HSDS `schedule`).

A regular row is one weekly opening interval: HSDS `freq=WEEKLY`, `byday=<day>`, `opens_at`,
`closes_at`, optionally `valid_from`/`valid_to`. An exception covers dates (`valid_from` to
`valid_to`): closed when it has no times, otherwise open only at those times. Public holidays
of the country close a service that says so, without a row per holiday.
"""

import uuid
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from spojka.directory.enums import Weekday


class Schedule(models.Model):
    """When a service (or a location, or a service at one location) is open."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        "directory.Service", on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    location = models.ForeignKey(
        "directory.Location", on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        "directory.ServiceAtLocation", on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    is_exception = models.BooleanField(_("exception"), default=False)
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices, null=True, blank=True)
    opens_at = models.TimeField(_("opens"), null=True, blank=True)
    closes_at = models.TimeField(_("closes"), null=True, blank=True)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("to"), null=True, blank=True)
    description = models.CharField(_("note"), max_length=255, blank=True, help_text=_("E.g. by appointment only."))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["is_exception", "weekday", "opens_at", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(service__isnull=False, location__isnull=True, service_at_location__isnull=True)
                    | models.Q(service__isnull=True, location__isnull=False, service_at_location__isnull=True)
                    | models.Q(service__isnull=True, location__isnull=True, service_at_location__isnull=False)
                ),
                name="directory_schedule_one_owner",
            ),
            models.CheckConstraint(
                condition=models.Q(is_exception=True)
                | models.Q(weekday__isnull=False, opens_at__isnull=False, closes_at__isnull=False),
                name="directory_schedule_regular_has_times",
            ),
            models.CheckConstraint(
                condition=models.Q(is_exception=False) | models.Q(valid_from__isnull=False),
                name="directory_schedule_exception_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True)
                | models.Q(closes_at__isnull=True)
                | models.Q(opens_at__lt=models.F("closes_at")),
                name="directory_schedule_opens_before_closing",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_from__lte=models.F("valid_to")),
                name="directory_schedule_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        if self.is_exception:
            return f"{self.valid_from}\N{EN DASH}{self.valid_to or self.valid_from}"
        day = Weekday(self.weekday).label if self.weekday is not None else ""
        return f"{day} {self.opens_at:%H:%M}\N{EN DASH}{self.closes_at:%H:%M}"

    @property
    def is_closure(self) -> bool:
        """Say whether this exception closes the service for its dates."""
        return self.is_exception and self.opens_at is None

    def get_additional_data(self) -> dict[str, Any]:
        return {"service_id": str(self.service_id)} if self.service_id else {}
