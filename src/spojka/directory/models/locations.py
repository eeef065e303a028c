"""Where services are given: HSDS `location` with its single address, and `accessibility`."""

import uuid
from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from spojka.core.translated import Translatable
from spojka.directory.enums import LocationType


class Location(Translatable):
    """A place where an organisation gives services (or an online one).

    HSDS lets a location have several addresses; Spojka keeps one and exports it as the
    location's one `address` object, under the stable `address_id`.
    """

    TRANSLATED_FIELDS: ClassVar[tuple[str, ...]] = ("name", "description", "transportation")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        "network.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="locations",
    )
    location_type = models.CharField(
        _("kind of place"), max_length=16, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    name = models.CharField(_("name"), max_length=255)
    alternate_name = models.CharField(_("other name"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    transportation = models.TextField(
        _("how to get there"), blank=True, help_text=_("Public transport stops, parking, entrance.")
    )
    url = models.URLField(_("web address"), blank=True, help_text=_("For an online place: where to go."))
    address_id = models.UUIDField(_("address identifier"), default=uuid.uuid4, editable=False)
    address_1 = models.CharField(_("street and number"), max_length=255, blank=True)
    address_2 = models.CharField(_("address, second line"), max_length=255, blank=True)
    city = models.CharField(_("town"), max_length=120, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=16, blank=True)
    municipality = models.ForeignKey(
        "geo.AdministrativeUnit",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_locations",
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    external_identifier = models.CharField(_("external identifier"), max_length=64, blank=True)
    external_identifier_type = models.CharField(_("scheme of the external identifier"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(location_type__in=LocationType.values), name="directory_location_type_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="directory_location_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180, longitude__lte=180),
                name="directory_location_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def one_line_address(self) -> str:
        """Return the address as it is written on one line."""
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.address_1, self.address_2, town) if part)

    def get_additional_data(self) -> dict[str, Any]:
        """Tell the change history which organisation the record belongs to."""
        return {"organization_id": str(self.organization_id)}


class Accessibility(Translatable):
    """An arrangement that helps people with disabilities reach a location (HSDS `accessibility`)."""

    TRANSLATED_FIELDS: ClassVar[tuple[str, ...]] = ("description", "details")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.CASCADE, related_name="accessibility"
    )
    description = models.CharField(_("arrangement"), max_length=255, help_text=_("E.g. step-free entrance, lift."))
    details = models.TextField(_("details"), blank=True)
    url = models.URLField(_("more information"), blank=True)

    class Meta:
        verbose_name = _("accessibility arrangement")
        verbose_name_plural = _("accessibility arrangements")
        ordering = ["description"]

    def __str__(self) -> str:
        return self.description
