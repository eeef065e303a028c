"""The multilingual taxonomy of needs, shipped with the country pack (HSDS `taxonomy`, `taxonomy_term`)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from spojka.core.labels import pick_label


class Taxonomy(models.Model):
    """A vocabulary the directory classifies services by (the needs taxonomy is one)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(_("code"), max_length=64, unique=True)
    labels = models.JSONField(_("name"), default=dict, help_text=_("The name in each language."))
    descriptions = models.JSONField(_("description"), default=dict, blank=True)
    uri = models.URLField(_("address of the definition"), blank=True)
    version = models.CharField(_("version"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """Return the name in the active language."""
        return pick_label(self.labels, fallback=self.code)


class TaxonomyTerm(models.Model):
    """A need such as "legal counselling", with a label in every UI language and search synonyms."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, verbose_name=_("taxonomy"), on_delete=models.CASCADE, related_name="terms")
    code = models.SlugField(_("code"), max_length=64)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("broader term"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    labels = models.JSONField(_("name"), default=dict, help_text=_("The name in each language."))
    descriptions = models.JSONField(_("description"), default=dict, blank=True)
    synonyms = models.JSONField(
        _("search synonyms"),
        default=dict,
        blank=True,
        help_text=_('Words people search with, by language: {"uk": ["юрист"], "cs": ["právník"]}.'),
    )
    icon = models.SlugField(_("icon"), max_length=32, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    term_uri = models.URLField(_("address of the term"), blank=True)

    class Meta:
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        ordering = ["taxonomy", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="directory_term_code_unique_in_taxonomy"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """Return the label in the active language."""
        return pick_label(self.labels, fallback=self.code)

    @property
    def description(self) -> str:
        """Return the description in the active language."""
        return pick_label(self.descriptions)

    def all_words(self) -> list[str]:
        """Return every label and synonym in every language (what search matches the term by)."""
        words = [label for label in self.labels.values() if label]
        for synonyms in self.synonyms.values():
            words.extend(word for word in synonyms if word)
        return words
