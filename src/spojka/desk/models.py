"""The one-stop shop: sites, their stations and purposes, and the visits that pass through them.

A visit holds no name: reception issues a ticket number, and the visitor's route is a list of
steps, one per station. A step is a place in a station's queue; the queue is the station's
steps that are waiting, in the order priority first, then arrival.
"""

import uuid
from datetime import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from spojka.core.labels import pick_label
from spojka.desk.enums import Priority, StationKind, StepStatus, VisitStatus, Weekday


def _default_languages() -> list[str]:
    return ["cs", "uk"]


class Site(models.Model):
    """A one-stop shop where several agencies serve visitors under one roof (e.g. KACPU Liberec)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=255)
    organization = models.ForeignKey(
        "network.Organization",
        verbose_name=_("host organisation"),
        on_delete=models.PROTECT,
        related_name="desk_sites",
        help_text=_("The organisation that runs the building and its reception."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    ticket_prefix = models.CharField(
        _("ticket prefix"),
        max_length=3,
        default="A",
        validators=[RegexValidator(r"^[A-Z]{1,3}$", _("Use one to three capital letters A–Z."))],  # noqa: RUF001  # an en dash
        help_text=_("Letters before the ticket number, as in A-042."),
    )
    languages = models.JSONField(
        _("languages"),
        default=_default_languages,
        help_text=_("Language codes of the site, in the order the public display shows them."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Station(models.Model):
    """A desk of the site run by one organisation, served by the operators assigned to it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="stations")
    organization = models.ForeignKey(
        "network.Organization",
        verbose_name=_("run by"),
        on_delete=models.PROTECT,
        related_name="desk_stations",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=StationKind.choices)
    code = models.CharField(
        _("desk number"), max_length=8, help_text=_("What the signs and the public display call it, e.g. 3.")
    )
    labels = models.JSONField(_("name"), default=dict, help_text=_("The name in each language."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    service_minutes = models.PositiveSmallIntegerField(
        _("usual service time (minutes)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("Used for the waiting-time estimate until the day has served visitors."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("station")
        verbose_name_plural = _("stations")
        ordering = ["site", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["site", "code"], name="desk_station_code_unique"),
            models.CheckConstraint(condition=models.Q(kind__in=StationKind.values), name="desk_station_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    @property
    def name(self) -> str:
        """Return the station's name in the active language."""
        return self.name_in(None)

    def name_in(self, language: str | None) -> str:
        """Return the station's name in a language, falling back as multilingual labels do."""
        return pick_label(self.labels, language=language, fallback=str(StationKind(self.kind).label))


class OpeningHours(models.Model):
    """When a station is open on one day of the week; a day without a row is closed."""

    station = models.ForeignKey(Station, verbose_name=_("station"), on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["station", "weekday", "opens_at"]
        constraints = [
            models.UniqueConstraint(fields=["station", "weekday"], name="desk_hours_one_row_a_day"),
            models.CheckConstraint(condition=models.Q(opens_at__lt=models.F("closes_at")), name="desk_hours_order"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"  # noqa: RUF001  # an en dash


class StationOperator(models.Model):
    """A desk operator (through one of their memberships) who may serve a station's queue."""

    station = models.ForeignKey(Station, verbose_name=_("station"), on_delete=models.CASCADE, related_name="operators")
    membership = models.ForeignKey(
        "network.Membership",
        verbose_name=_("operator"),
        on_delete=models.CASCADE,
        related_name="desk_stations",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("station operator")
        verbose_name_plural = _("station operators")
        constraints = [
            models.UniqueConstraint(fields=["station", "membership"], name="desk_station_operator_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.station} · {self.membership}"


class Purpose(models.Model):
    """Why a visitor comes, from the site's list; it maps to an ordered route of stations."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="purposes")
    labels = models.JSONField(_("name"), default=dict, help_text=_("The name in each language."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("purpose of a visit")
        verbose_name_plural = _("purposes of visits")
        ordering = ["site", "position"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """Return the purpose's name in the active language."""
        return self.label_in(None)

    def label_in(self, language: str | None) -> str:
        """Return the purpose's name in a language."""
        return pick_label(self.labels, language=language, fallback=str(self.pk))


class RouteStep(models.Model):
    """One station on a purpose's route, in order."""

    purpose = models.ForeignKey(Purpose, verbose_name=_("purpose"), on_delete=models.CASCADE, related_name="route")
    station = models.ForeignKey(Station, verbose_name=_("station"), on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("route step")
        verbose_name_plural = _("route steps")
        ordering = ["purpose", "position"]
        constraints = [
            models.UniqueConstraint(fields=["purpose", "station"], name="desk_route_station_once"),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} → {self.station}"


class Visit(models.Model):
    """A visitor's (or a family's) one visit to the site, known by its ticket; it holds no name.

    Reception may link the visit to a client record of its own organisation (`client`); the link
    is seen only where that organisation's clients are, never on the ticket or the public display.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="visits")
    service_date = models.DateField(_("day"))
    number = models.PositiveIntegerField(_("number"))
    ticket = models.CharField(_("ticket"), max_length=12)
    purposes = models.ManyToManyField(Purpose, verbose_name=_("purposes"), related_name="visits")
    language = models.CharField(_("visitor's language"), max_length=8)
    party_size = models.PositiveSmallIntegerField(
        _("party size"), default=1, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    priority = models.CharField(_("priority"), max_length=32, choices=Priority.choices, blank=True, default="")
    is_priority = models.BooleanField(_("called first"), default=False, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=VisitStatus.choices, default=VisitStatus.ACTIVE)
    # Optional, for the receptionist's organisation only: never on the ticket, the display or the exports.
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("client record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="desk_visits",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("arrived"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["site", "service_date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["site", "service_date", "number"], name="desk_visit_number_unique"),
            models.CheckConstraint(condition=models.Q(party_size__gte=1), name="desk_visit_party_size_positive"),
            models.CheckConstraint(condition=models.Q(priority__in=Priority.values), name="desk_visit_priority_valid"),
            models.CheckConstraint(condition=models.Q(status__in=VisitStatus.values), name="desk_visit_status_valid"),
        ]
        indexes = [
            models.Index(fields=["site", "service_date"], name="desk_visit_site_day"),
            # The coordination dashboard counts the visits of a period across sites.
            models.Index(fields=["service_date"], name="desk_visit_day"),
        ]

    def __str__(self) -> str:
        return self.ticket


class Step(models.Model):
    """A visit's passage through one station: its place in that station's queue and what came of it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    visit = models.ForeignKey(Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="steps")
    station = models.ForeignKey(Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"))
    out_of_route = models.BooleanField(_("out of route"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=StepStatus.choices, default=StepStatus.PLANNED)
    joined_at = models.DateTimeField(_("joined the queue"), null=True, blank=True)
    called_at = models.DateTimeField(_("called"), null=True, blank=True)
    recalled_at = models.DateTimeField(_("called again"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("called by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("step of a visit")
        verbose_name_plural = _("steps of visits")
        ordering = ["visit", "position"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "position"], name="desk_step_position_unique"),
            models.CheckConstraint(condition=models.Q(status__in=StepStatus.values), name="desk_step_status_valid"),
        ]
        indexes = [
            models.Index(fields=["station", "status"], name="desk_step_queue"),
            # The coordination dashboard reads the waits of steps that joined a queue in a period: on
            # PostgreSQL from this index alone (an index-only scan), not from the table.
            models.Index(fields=["joined_at"], include=["station", "called_at"], name="desk_step_joined_covering"),
        ]

    def __str__(self) -> str:
        return f"{self.visit_id} @ {self.station_id}: {self.status}"

    @property
    def announced_at(self) -> datetime | None:
        """Return when the public display last showed this step's call."""
        return self.recalled_at or self.called_at

    @property
    def was_recalled(self) -> bool:
        """Say whether the visitor has been called a second time already."""
        return self.recalled_at is not None


def ticket_code(*, prefix: str, number: int) -> str:
    """Return the short ticket code, such as A-042."""
    return f"{prefix}-{number:03d}"
