"""Fixed vocabularies of reporting rounds and the capacity registry."""

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RoundStatus(models.TextChoices):
    """Where a reporting round stands: questions can change only in a draft."""

    DRAFT = "draft", pgettext_lazy("round", "Draft")
    PUBLISHED = "published", pgettext_lazy("round", "Open")
    CLOSED = "closed", pgettext_lazy("round", "Closed")


class RecipientRule(models.TextChoices):
    """How the organisations a round goes to are chosen; resolved into recipients when it is published."""

    DISTRICT_MUNICIPALITIES = "district", _("All municipal organisations of a district")
    SECTOR = "sector", _("All organisations of a sector")
    CHOSEN = "chosen", _("Chosen organisations")


class QuestionKind(models.TextChoices):
    """What kind of answer a question takes."""

    NUMBER = "number", pgettext_lazy("question kind", "Number")
    CHOICE = "choice", pgettext_lazy("question kind", "Choice")
    TEXT = "text", pgettext_lazy("question kind", "Text")
    MUNICIPALITY_TABLE = "table", _("A number for each municipality")


class RecipientStatus(models.TextChoices):
    """How far a recipient got with its answer."""

    NOT_OPENED = "not_opened", _("Not opened")
    OPENED = "opened", pgettext_lazy("round answer", "Opened")
    DRAFT = "draft", pgettext_lazy("round answer", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("round answer", "Submitted")


class CapacityKind(models.TextChoices):
    """What the capacity registry counts, per municipality."""

    ACCOMMODATION = "accommodation", _("Accommodation places")
    SCHOOL = "school", _("School places for foreign children")
    KINDERGARTEN = "kindergarten", _("Kindergarten places for foreign children")
    LANGUAGE_COURSE = "language_course", _("Language-course seats")
    OTHER = "other", _("Other capacity")


class CapacitySource(models.TextChoices):
    """Where a figure of the capacity registry comes from."""

    ROUND = "round", _("Reporting round")
    DIRECTORY = "directory", _("Directory of services")
    MANUAL = "manual", _("Entered by the coordinator")


# The directory's units of capacity (country packs' `capacity_units`) that count as a kind of the
# registry. Places in a class serve schools and kindergartens alike; the directory does not tell them
# apart, so they count as school places. Units not listed (consultation slots) are not places to stay
# or learn and stay out of the registry.
DIRECTORY_UNIT_KINDS: Final[dict[str, CapacityKind]] = {
    "bed": CapacityKind.ACCOMMODATION,
    "class-place": CapacityKind.SCHOOL,
    "course-place": CapacityKind.LANGUAGE_COURSE,
}
