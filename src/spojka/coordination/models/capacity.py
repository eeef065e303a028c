"""The capacity registry: free places per municipality, who said so and when it was last confirmed."""

import datetime
import uuid
from typing import Final

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spojka.coordination.enums_rounds import CapacityKind, CapacitySource

__all__ = ["STALE_AFTER", "CapacityFigure"]

# A figure nobody has confirmed for a quarter (the usual rhythm of reporting rounds) is flagged.
STALE_AFTER: Final = datetime.timedelta(days=90)


class CapacityFigure(models.Model):
    """How many free places of a kind an organisation (or the coordinator) reports in a municipality.

    Figures of different organisations in one municipality add up; each organisation has one
    figure per kind and source, replaced when it confirms a new one.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        "geo.AdministrativeUnit", verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind of capacity"), max_length=24, choices=CapacityKind.choices)
    places = models.PositiveIntegerField(_("free places"))
    source = models.CharField(_("source"), max_length=16, choices=CapacitySource.choices)
    organization = models.ForeignKey(
        "network.Organization",
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    round = models.ForeignKey(
        "coordination.ReportingRound",
        verbose_name=_("reporting round"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    confirmed_at = models.DateTimeField(_("last confirmed"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("capacity figure")
        verbose_name_plural = _("capacity figures")
        ordering = ["municipality__name", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "source", "organization"],
                condition=models.Q(organization__isnull=False),
                name="coordination_capacity_one_per_organization",
            ),
            models.UniqueConstraint(
                fields=["municipality", "kind", "source"],
                condition=models.Q(organization__isnull=True),
                name="coordination_capacity_one_manual",
            ),
            models.CheckConstraint(condition=models.Q(kind__in=CapacityKind.values), name="coordination_capacity_kind"),
            models.CheckConstraint(
                condition=models.Q(source__in=CapacitySource.values), name="coordination_capacity_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} · {self.get_kind_display()} · {self.places}"

    @property
    def is_stale(self) -> bool:
        """Say whether nobody has confirmed the figure for a quarter."""
        return self.confirmed_at < timezone.now() - STALE_AFTER
