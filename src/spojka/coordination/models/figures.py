"""Stored months of the dashboard's additive figures, so a year's figure does not scan a year of rows."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["ClientDemand", "FigureMonth", "NeedPerson"]


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


class ClientDemand(models.Model):
    """A client record with open needs: since when the earliest of them is open, and the record's municipality.

    Derived, never written by the application: database triggers (PostgreSQL; see the migration
    `coordination.0003_client_demand`) keep one row per client record with an open or in-progress need,
    whatever changes the needs or the client's municipality. The capacity figure counts persons with
    open needs from these rows instead of looking through every client's needs.
    """

    client_id = models.UUIDField(_("client"), primary_key=True)
    municipality_id = models.UUIDField(_("municipality"), null=True, blank=True)
    first_open_at = models.DateTimeField(_("earliest open need recorded"))

    class Meta:
        verbose_name = _("client with open needs")
        verbose_name_plural = _("clients with open needs")

    def __str__(self) -> str:
        return str(self.client_id)


class NeedPerson(models.Model):
    """A need as the needs figure counts it: when recorded, whose (the person), which category, where it stands.

    Derived, never written by the application: database triggers (PostgreSQL; see the migration
    `coordination.0004_need_person`) keep one row per need, whatever changes the need, the links of its
    client's records into persons, the client's municipality or the taxonomy's parents. The needs figure
    reads a year of these narrow rows from one index instead of joining needs, links and terms.
    """

    need_id = models.UUIDField(_("need"), primary_key=True)
    created_at = models.DateTimeField(_("recorded"))
    # The client's person (its record itself when linked to nobody); none for a household's need.
    person = models.UUIDField(_("person"), null=True, blank=True)
    municipality_id = models.UUIDField(_("municipality"), null=True, blank=True)
    # The need's term's parent, or the term when it has none.
    category = models.UUIDField(_("category"))
    status = models.CharField(_("status"), max_length=16)

    class Meta:
        verbose_name = _("need as counted")
        verbose_name_plural = _("needs as counted")
        indexes = [
            models.Index(
                fields=["created_at"],
                include=["person", "category", "status", "municipality_id"],
                name="coordination_need_person_at",
            )
        ]

    def __str__(self) -> str:
        return str(self.need_id)
