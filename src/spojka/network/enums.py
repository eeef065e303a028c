"""The network's fixed vocabularies: sectors of organisations and roles of their staff."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Sector(models.TextChoices):
    """Which part of society an organisation belongs to. No sector is special-cased in code."""

    STATE_ADMINISTRATION = "state", _("State administration")
    REGIONAL_SELF_GOVERNMENT = "regional", _("Regional self-government")
    MUNICIPAL_SELF_GOVERNMENT = "municipal", _("Municipal self-government")
    NON_PROFIT = "non_profit", _("Non-profit organisation")
    INTEGRATION_CENTRE = "integration_centre", _("Integration centre")
    INTERNATIONAL = "international", _("International organisation")
    OTHER = "other", pgettext_lazy("sector", "Other")


class Role(models.TextChoices):
    """What a member of staff does for an organisation; the permission matrix keys on it."""

    PLATFORM_ADMIN = "platform_admin", _("Platform administrator")
    REGIONAL_COORDINATOR = "regional_coordinator", _("Regional coordinator")
    ORGANIZATION_MANAGER = "organization_manager", _("Organisation manager")
    CASEWORKER = "caseworker", _("Caseworker")
    DESK_OPERATOR = "desk_operator", _("Desk operator")
    CHILD_PROTECTION_OFFICER = "child_protection", _("Child-protection officer (OSPOD)")
    ANALYST = "analyst", _("Analyst")
