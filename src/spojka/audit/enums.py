"""The audit trail's vocabularies: what was done with personal data, and why."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditAction(models.TextChoices):
    """What a member of staff did with a personal record."""

    READ = "read", pgettext_lazy("audit action", "Read")
    CREATE = "create", pgettext_lazy("audit action", "Create")
    UPDATE = "update", pgettext_lazy("audit action", "Update")
    EXPORT = "export", pgettext_lazy("audit action", "Export")
    PRINT = "print", pgettext_lazy("audit action", "Print")
    ERASE = "erase", pgettext_lazy("audit action", "Erase")


class AuditPurpose(models.TextChoices):
    """Why personal data was touched; the short code of an entry, with an optional free text."""

    CASEWORK = "casework", _("Casework")
    REGISTRATION = "registration", _("Registration")
    CONSENT = "consent", _("Consent")
    REMINDER = "reminder", _("Reminder to the client")
    LIST_EXPORT = "list_export", _("Export of a list")
    DATA_SUBJECT_REQUEST = "data_subject_request", _("Request of the data subject")
    REFERRAL = "referral", _("Referral to another organisation")
    CHILD_PROTECTION = "child_protection", _("Child protection")
