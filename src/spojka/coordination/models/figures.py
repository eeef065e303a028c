"""Stored months of the dashboard's additive figures, so a year's figure does not scan a year of rows."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["FigureMonth"]


class FigureMonth(models.Model):
    """A figure's counts and duration bins of one calendar month, for the whole region or one district.

    Aggregates only (counts per group and bin, never a record). Written by `figures.parts` when a
    figure first needs the month; a database trigger deletes the month whenever a record that falls
    in it (a referral, a desk visit or step) or a record it was grouped by (an organisation's sector,
    a client's municipality, a unit's district) changes, so the next reader computes it anew.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    figure = models.CharField(_("figure"), max_length=40)
    month = models.DateField(_("month"))
    # "" for the whole region, else the district unit's id.
    area = models.CharField(_("area"), max_length=36, blank=True)
    data = models.JSONField(_("data"))
    computed_at = models.DateTimeField(_("computed"), auto_now=True)

    class Meta:
        verbose_name = _("stored month of a figure")
        verbose_name_plural = _("stored months of figures")
        constraints = [
            models.UniqueConstraint(fields=["figure", "month", "area"], name="coordination_figure_month_once"),
        ]

    def __str__(self) -> str:
        return f"{self.figure} {self.month:%Y-%m} {self.area or '*'}"
