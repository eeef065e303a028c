"""The directory's fixed vocabularies, with the values HSDS 3.0 gives them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ServiceStatus(models.TextChoices):
    """HSDS 3.0 `service.status`."""

    ACTIVE = "active", pgettext_lazy("service status", "Active")
    INACTIVE = "inactive", pgettext_lazy("service status", "Inactive")
    DEFUNCT = "defunct", pgettext_lazy("service status", "Discontinued")
    TEMPORARILY_CLOSED = "temporarily closed", pgettext_lazy("service status", "Temporarily closed")


class LocationType(models.TextChoices):
    """HSDS 3.0 `location.location_type`."""

    PHYSICAL = "physical", pgettext_lazy("location type", "Physical address")
    POSTAL = "postal", pgettext_lazy("location type", "Postal address")
    VIRTUAL = "virtual", pgettext_lazy("location type", "Online")


class PhoneType(models.TextChoices):
    """The RFC 6350 phone types HSDS 3.0 `phone.type` draws from."""

    VOICE = "voice", pgettext_lazy("phone type", "Voice")
    TEXT = "text", pgettext_lazy("phone type", "Text messages")
    CELL = "cell", pgettext_lazy("phone type", "Mobile")
    FAX = "fax", pgettext_lazy("phone type", "Fax")
    VIDEO = "video", pgettext_lazy("phone type", "Video call")
    TEXTPHONE = "textphone", pgettext_lazy("phone type", "Textphone")


class Weekday(models.IntegerChoices):
    """Days of the week as Python numbers them, with the iCalendar code HSDS uses in `byday`."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")

    @property
    def ical(self) -> str:
        """Return the RFC 5545 day code (MO, TU, …)."""
        return ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[self.value]
