"""Reporting rounds: the coordinator asks organisations typed questions and collects their answers."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spojka.coordination.enums_rounds import CapacityKind, QuestionKind, RecipientRule, RecipientStatus, RoundStatus
from spojka.network.enums import Sector

__all__ = ["AnswerRevision", "AnswerValue", "ReportingRound", "RoundQuestion", "RoundRecipient"]


class ReportingRound(models.Model):
    """A set of questions sent to organisations with a deadline; its answers are organisations' figures."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True)
    deadline = models.DateTimeField(_("deadline"))
    status = models.CharField(_("status"), max_length=16, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    recipient_rule = models.CharField(
        _("recipients"), max_length=16, choices=RecipientRule.choices, default=RecipientRule.DISTRICT_MUNICIPALITIES
    )
    district = models.ForeignKey(
        "geo.AdministrativeUnit",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sector = models.CharField(_("sector"), max_length=32, blank=True)
    chosen_organizations = models.ManyToManyField(
        "network.Organization", verbose_name=_("chosen organisations"), blank=True, related_name="+"
    )
    copied_from = models.ForeignKey(
        "self", verbose_name=_("copied from"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-deadline"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=RoundStatus.values), name="coordination_round_status"),
            models.CheckConstraint(
                condition=models.Q(recipient_rule__in=RecipientRule.values), name="coordination_round_rule"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_past_deadline(self) -> bool:
        """Say whether the deadline has passed."""
        return timezone.now() >= self.deadline

    @property
    def accepts_answers(self) -> bool:
        """Say whether recipients may still save or correct their answers."""
        return self.status == RoundStatus.PUBLISHED and not self.is_past_deadline

    @property
    def sector_label(self) -> str:
        """Return the name of the sector the round goes to, in the active language."""
        return str(Sector(self.sector).label) if self.sector in Sector.values else self.sector

    @property
    def answer_url(self) -> str:
        """Return the address where a recipient organisation answers the round."""
        return reverse("coordination:round_answer", kwargs={"round_id": self.pk})


class RoundQuestion(models.Model):
    """One typed question of a round; its key names it across rounds, so figures form a series."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        ReportingRound, verbose_name=_("reporting round"), on_delete=models.CASCADE, related_name="questions"
    )
    key = models.SlugField(
        _("key"),
        max_length=60,
        help_text=_("A short name of the question, unique in the round; the same key across rounds forms a series."),
    )
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("explanation"), max_length=500, blank=True)
    kind = models.CharField(_("kind of answer"), max_length=16, choices=QuestionKind.choices)
    required = models.BooleanField(_("required"), default=False)
    min_value = models.BigIntegerField(_("smallest number"), null=True, blank=True, default=0)
    max_value = models.BigIntegerField(_("largest number"), null=True, blank=True)
    options = models.JSONField(_("options"), default=list, blank=True)
    capacity_kind = models.CharField(
        _("feeds the capacity registry as"),
        max_length=24,
        choices=CapacityKind.choices,
        blank=True,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["round", "position", "key"]
        constraints = [
            models.UniqueConstraint(fields=["round", "key"], name="coordination_question_key_unique"),
            models.CheckConstraint(condition=models.Q(kind__in=QuestionKind.values), name="coordination_question_kind"),
            models.CheckConstraint(
                condition=models.Q(min_value__isnull=True)
                | models.Q(max_value__isnull=True)
                | models.Q(min_value__lte=models.F("max_value")),
                name="coordination_question_range",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_numeric(self) -> bool:
        """Say whether the answers are numbers (a number or a table of numbers)."""
        return self.kind in {QuestionKind.NUMBER, QuestionKind.MUNICIPALITY_TABLE}


class RoundRecipient(models.Model):
    """An organisation a published round went to, and how far its answer got."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        ReportingRound, verbose_name=_("reporting round"), on_delete=models.CASCADE, related_name="recipients"
    )
    organization = models.ForeignKey(
        "network.Organization", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RecipientStatus.choices, default=RecipientStatus.NOT_OPENED
    )
    invited_at = models.DateTimeField(_("invitation e-mailed"), null=True, blank=True)
    opened_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    saved_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    reminder_emailed_at = models.DateTimeField(_("reminder e-mailed"), null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(_("reminders"), default=0)

    class Meta:
        verbose_name = _("recipient of a round")
        verbose_name_plural = _("recipients of rounds")
        ordering = ["round", "organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "organization"], name="coordination_recipient_unique"),
            models.CheckConstraint(
                condition=models.Q(status__in=RecipientStatus.values), name="coordination_recipient_status"
            ),
        ]
        indexes = [models.Index(fields=["organization", "status"], name="coordination_recipient_org")]

    def __str__(self) -> str:
        return f"{self.round} · {self.organization}"

    @property
    def is_submitted(self) -> bool:
        """Say whether the organisation has submitted its answer."""
        return self.status == RecipientStatus.SUBMITTED


class AnswerValue(models.Model):
    """One value of an organisation's current answer: a number, a chosen option or a text.

    A per-municipality question has one value per municipality; the others have one without.
    """

    id = models.BigAutoField(primary_key=True)
    recipient = models.ForeignKey(
        RoundRecipient, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="values"
    )
    question = models.ForeignKey(
        RoundQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="values"
    )
    municipality = models.ForeignKey(
        "geo.AdministrativeUnit",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    number = models.BigIntegerField(_("number"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer value")
        verbose_name_plural = _("answer values")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "question"],
                condition=models.Q(municipality__isnull=True),
                name="coordination_value_one_per_question",
            ),
            models.UniqueConstraint(
                fields=["recipient", "question", "municipality"],
                condition=models.Q(municipality__isnull=False),
                name="coordination_value_one_per_municipality",
            ),
        ]

    def __str__(self) -> str:
        return str(self.number) if self.number is not None else self.text


class AnswerRevision(models.Model):
    """What an organisation saved, when and by whom: every save of an answer, kept."""

    id = models.BigAutoField(primary_key=True)
    recipient = models.ForeignKey(
        RoundRecipient, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="revisions"
    )
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("saved by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)
    submitted = models.BooleanField(_("submitted"), default=False)
    values = models.JSONField(_("values"), default=dict)

    class Meta:
        verbose_name = _("revision of an answer")
        verbose_name_plural = _("revisions of answers")
        ordering = ["recipient", "-saved_at", "-id"]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.saved_at:%Y-%m-%d %H:%M}"
