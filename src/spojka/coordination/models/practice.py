"""The good-practice library: what a region did about a problem, with whom, and what came of it.

Texts are written in the site's language in ordinary columns and in the other languages in the
`translations` JSON (ADR 0006); pages show the site's text with a visible note where a
translation is missing. Only public and published entries reach the public pages.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from spojka.core.translated import Translatable

__all__ = ["GoodPractice", "PracticeStatus", "PracticeTag", "PracticeVisibility"]


class PracticeVisibility(models.TextChoices):
    """Who may read a good-practice entry."""

    PUBLIC = "public", pgettext_lazy("visibility", "Public")
    INTERNAL = "internal", pgettext_lazy("visibility", "Internal (staff of the network)")


class PracticeStatus(models.TextChoices):
    """Whether an entry is still being written or has been published by the coordinator."""

    DRAFT = "draft", pgettext_lazy("practice", "Draft")
    PUBLISHED = "published", pgettext_lazy("practice", "Published")


class PracticeTag(Translatable):
    """A topic entries are filtered by, such as "housing" or "schools"."""

    TRANSLATED_FIELDS = ("name",)

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("good-practice tag")
        verbose_name_plural = _("good-practice tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GoodPractice(Translatable):
    """One entry of the good-practice library."""

    TRANSLATED_FIELDS = ("title", "summary", "problem", "solution", "results", "actors_text")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        "network.Organization",
        verbose_name=_("organisation that wrote it"),
        on_delete=models.PROTECT,
        related_name="good_practices",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True, help_text=_("One or two sentences."))
    problem = models.TextField(_("the problem"), blank=True)
    solution = models.TextField(_("what was done"), blank=True)
    results = models.TextField(_("results"), blank=True)
    actors_text = models.TextField(
        _("other actors"), blank=True, help_text=_("Actors outside the network, in words (schools, volunteers, …).")
    )
    actors = models.ManyToManyField(
        "network.Organization",
        verbose_name=_("organisations involved"),
        related_name="good_practices_involved",
        blank=True,
    )
    contacts = models.TextField(_("contacts"), blank=True, help_text=_("Who to ask: a name, role, e-mail or phone."))
    tags = models.ManyToManyField(PracticeTag, verbose_name=_("tags"), related_name="practices", blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=PracticeVisibility.choices, default=PracticeVisibility.PUBLIC
    )
    status = models.CharField(_("status"), max_length=16, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-published_at", "title"]
        indexes = [models.Index(fields=["status", "visibility"], name="coord_practice_status_vis")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visibility__in=PracticeVisibility.values), name="coord_practice_visibility_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PracticeStatus.values), name="coord_practice_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        """Say whether anyone on the internet may read the entry."""
        return self.status == PracticeStatus.PUBLISHED and self.visibility == PracticeVisibility.PUBLIC
