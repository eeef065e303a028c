"""Countries, their administrative units and residence statuses, loaded from country packs."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from spojka.core.labels import pick_label


class Country(models.Model):
    """A country set up from a country pack, with the names of its levels of administration."""

    code = models.CharField(_("code"), max_length=2, primary_key=True, help_text=_("ISO 3166-1 alpha-2"))
    labels = models.JSONField(_("name"), default=dict, help_text=_("The name in each language."))
    pack = models.CharField(_("country pack"), max_length=64)
    levels = models.JSONField(
        _("levels"),
        default=list,
        help_text=_("Levels of administrative units from the top, each with a code and names."),
    )
    languages = models.JSONField(_("languages"), default=list)
    attribute_labels = models.JSONField(
        _("names of unit attributes"),
        default=list,
        blank=True,
        help_text=_("The other attributes the pack keeps on units, in order, each with a code and names."),
    )
    loaded_at = models.DateTimeField(_("loaded"), auto_now=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """Return the name in the active language."""
        return pick_label(self.labels, fallback=self.code)

    def level_label(self, level: str) -> str:
        """Return the name of a level of administrative units in the active language."""
        for entry in self.levels:
            if entry.get("code") == level:
                return pick_label(entry.get("labels", {}), fallback=level)
        return level

    def attribute_label(self, key: str) -> str:
        """Return the name of a unit attribute in the active language."""
        for entry in self.attribute_labels:
            if entry.get("code") == key:
                return pick_label(entry.get("labels", {}), fallback=key)
        return key

    def attribute_order(self) -> list[str]:
        """Return the codes of unit attributes in the order the pack lists them."""
        return [entry.get("code", "") for entry in self.attribute_labels]


class AdministrativeUnit(models.Model):
    """A region, district, municipality or other unit; the tree follows `parent`."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="units")
    code = models.CharField(_("code"), max_length=32, help_text=_("The official statistical code."))
    name = models.CharField(_("name"), max_length=200)
    # The name without diacritics and case, so that "ceska lipa" finds "Česká Lípa" on any
    # database (SQLite has no unaccent).
    search_name = models.CharField(_("name for searching"), max_length=200, blank=True, editable=False)
    level = models.CharField(_("level"), max_length=32)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    attributes = models.JSONField(_("other attributes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["country", "depth", "name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="geo_unit_code_unique_in_country"),
        ]
        indexes = [models.Index(fields=["country", "level", "name"], name="geo_unit_level_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def level_label(self) -> str:
        """Return the name of the unit's level in the active language."""
        return self.country.level_label(self.level)

    @property
    def labelled_attributes(self) -> list[tuple[str, str]]:
        """Return the other attributes as (name in the active language, value), in the pack's order."""
        # In the pack's order: PostgreSQL's jsonb does not keep the order of keys.
        order = self.country.attribute_order()
        keys = [key for key in order if key in self.attributes]
        keys += sorted(key for key in self.attributes if key not in order)
        return [(self.country.attribute_label(key), str(self.attributes[key])) for key in keys]


class ResidenceStatus(models.Model):
    """A residence status of the country's law (temporary protection, asylum, …)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        related_name="residence_statuses",
    )
    code = models.CharField(_("code"), max_length=48)
    labels = models.JSONField(_("name"), default=dict)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("residence status")
        verbose_name_plural = _("residence statuses")
        ordering = ["country", "position"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="geo_status_code_unique_in_country"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """Return the name in the active language."""
        return pick_label(self.labels, fallback=self.code)
