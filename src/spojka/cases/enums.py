"""The cases' fixed vocabularies."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CaseStatus(models.TextChoices):
    """Whether the organisation still works on a case."""

    OPEN = "open", pgettext_lazy("case", "Open")
    CLOSED = "closed", pgettext_lazy("case", "Closed")


class CaseOutcome(models.TextChoices):
    """How a closed case ended."""

    RESOLVED = "resolved", _("Needs met")
    PARTLY_RESOLVED = "partly_resolved", _("Needs partly met")
    NOT_RESOLVED = "not_resolved", _("Needs not met")
    REFERRED = "referred", _("Handed over to another organisation")
    MOVED_AWAY = "moved_away", _("The client moved away")
    LOST_CONTACT = "lost_contact", _("Contact lost")
    CLIENT_WITHDREW = "client_withdrew", _("The client no longer wants help")


class NeedPriority(models.TextChoices):
    """How urgent a need is."""

    LOW = "low", pgettext_lazy("priority", "Low")
    NORMAL = "normal", pgettext_lazy("priority", "Normal")
    HIGH = "high", pgettext_lazy("priority", "High")
    URGENT = "urgent", pgettext_lazy("priority", "Urgent")


class NeedStatus(models.TextChoices):
    """Where the work on a need stands."""

    OPEN = "open", pgettext_lazy("need", "Open")
    IN_PROGRESS = "in_progress", pgettext_lazy("need", "In progress")
    MET = "met", pgettext_lazy("need", "Met")
    UNMET = "unmet", pgettext_lazy("need", "Not met")


class NoteConfidentiality(models.TextChoices):
    """Who may read a case note."""

    ORGANIZATION = "organization", _("Only our organisation")
    SHARED = "shared", _("Also the recipients of this client's referrals, while the consent stands")
