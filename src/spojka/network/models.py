"""Organisations of the regional network and the people who work for them."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from spojka.network.enums import Role, Sector


class Organization(models.Model):
    """A member of the regional network and, in the directory, a provider of services.

    One concept, one model: a state office, a municipality and a non-profit are all
    organisations; they differ by data (sector, roles of their staff), never by code.
    Shaped after the HSDS 3.0 `organization` table, whose identifier is this UUID.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    description = models.TextField(_("description"), blank=True)
    identifier = models.CharField(
        _("identification number"),
        max_length=32,
        blank=True,
        help_text=_("The organisation's registry number, such as the Czech IČO."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    municipality = models.ForeignKey(
        "geo.AdministrativeUnit",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["identifier"],
                condition=~models.Q(identifier=""),
                name="network_organization_identifier_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(sector__in=Sector.values),
                name="network_organization_sector_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """Return the short name where there is one."""
        return self.short_name or self.name


class Membership(models.Model):
    """A user's role in an organisation. A user may hold several, one of them active at a time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    title = models.CharField(
        _("job title"),
        max_length=150,
        blank=True,
        help_text=_("As the person would introduce themselves, e.g. regional coordinator for integration."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    deactivated_at = models.DateTimeField(_("deactivated"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organization__name", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="network_membership_unique_role"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="network_membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organization}"

    @property
    def awaits_first_sign_in(self) -> bool:
        """Say whether the person was invited but has not signed in yet."""
        return self.is_active and self.user.last_login is None
