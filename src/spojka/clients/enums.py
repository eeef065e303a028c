"""The clients' fixed vocabularies."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BirthDatePrecision(models.TextChoices):
    """How much of the date of birth is known: the whole date, or the year only."""

    DAY = "day", _("Full date")
    YEAR = "year", _("Year only")


class Sex(models.TextChoices):
    """Sex as in the person's document."""

    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", pgettext_lazy("sex", "Other")
    UNKNOWN = "unknown", pgettext_lazy("sex", "Not known")


class DocumentType(models.TextChoices):
    """The document that proves the client's residence status."""

    TEMPORARY_PROTECTION = "temporary_protection", _("Temporary protection visa")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit card")
    VISA = "visa", _("Visa")
    ASYLUM_CARD = "asylum_card", _("Asylum seeker's or refugee's card")
    PASSPORT = "passport", _("Passport")
    NATIONAL_ID = "national_id", _("Identity card")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    OTHER = "other", pgettext_lazy("document", "Other")


class Relationship(models.TextChoices):
    """How a member of a household is related to its reference person."""

    REFERENCE = "reference", _("Reference person")
    PARTNER = "partner", _("Spouse or partner")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Brother or sister")
    GRANDPARENT = "grandparent", _("Grandparent")
    GRANDCHILD = "grandchild", _("Grandchild")
    OTHER_RELATIVE = "other_relative", _("Other relative")
    OTHER = "other", pgettext_lazy("relationship", "Other")


class ConsentChannel(models.TextChoices):
    """How the client gave consent."""

    SIGNED_PAPER = "signed_paper", _("Signed on paper")
    VERBAL_WITNESSED = "verbal_witnessed", _("Verbally, with a witness")
    ELECTRONIC = "electronic", _("Electronically")


class DataCategory(models.TextChoices):
    """Categories of a client's data that a consent lets the organisation share."""

    IDENTITY = "identity", _("Identity (names, date of birth, sex, citizenship)")
    CONTACT = "contact", _("Contact (phone, e-mail, address)")
    RESIDENCE = "residence", _("Residence status and documents")
    HOUSEHOLD = "household", _("Household and family")
    VULNERABILITIES = "vulnerabilities", _("Vulnerabilities")
    NEEDS = "needs", _("Needs")
    NOTES = "notes", _("Notes")
