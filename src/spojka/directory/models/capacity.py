"""Free and total places of a service (HSDS 3.1 `service_capacity` and `unit`)."""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spojka.core.labels import pick_label


class CapacityUnit(models.Model):
    """What capacity is counted in: beds, places in a course, places in a class (HSDS 3.1 `unit`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(_("code"), max_length=32, unique=True)
    labels = models.JSONField(_("name"), default=dict, help_text=_("The name in each language."))
    scheme = models.CharField(_("scheme"), max_length=64, blank=True)
    identifier = models.CharField(_("identifier in the scheme"), max_length=64, blank=True)
    uri = models.URLField(_("address of the definition"), blank=True)

    class Meta:
        verbose_name = _("unit of capacity")
        verbose_name_plural = _("units of capacity")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_label(self.labels, fallback=self.code)


class ServiceCapacity(models.Model):
    """How many places a service has and how many are free, and who said so when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        "directory.Service", verbose_name=_("service"), on_delete=models.CASCADE, related_name="capacities"
    )
    unit = models.ForeignKey(CapacityUnit, verbose_name=_("counted in"), on_delete=models.PROTECT, related_name="+")
    available = models.PositiveIntegerField(_("free"))
    maximum = models.PositiveIntegerField(_("total"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("last updated"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("capacity")
        verbose_name_plural = _("capacities")
        ordering = ["unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["service", "unit"], name="directory_capacity_one_per_unit"),
            models.CheckConstraint(
                condition=models.Q(maximum__isnull=True) | models.Q(available__lte=models.F("maximum")),
                name="directory_capacity_free_within_total",
            ),
        ]

    def __str__(self) -> str:
        total = self.maximum if self.maximum is not None else "\N{EN DASH}"
        return f"{self.available}/{total} {self.unit}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"service_id": str(self.service_id)}
