"""The one-stop shop's fixed vocabularies: kinds of stations, priorities and where a visitor is."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StationKind(models.TextChoices):
    """What a station of the one-stop shop does; the agency running it is data, not a kind."""

    REGISTRATION = "registration", _("Registration")
    FOREIGN_POLICE = "foreign_police", _("Foreign police")
    HEALTH_INSURANCE = "health_insurance", _("Health insurance")
    LABOUR_OFFICE = "labour_office", _("Labour office")
    ACCOMMODATION = "accommodation", _("Accommodation")
    NON_PROFIT = "non_profit", _("Non-profit help desk")
    INTERPRETER = "interpreter", _("Interpreter")
    OTHER = "other", pgettext_lazy("station kind", "Other")


class Priority(models.TextChoices):
    """Why a visitor is called before those who came earlier; empty when they queue as usual."""

    NONE = "", pgettext_lazy("priority", "None")
    PREGNANT = "pregnant", _("Pregnant")
    DISABLED = "disabled", _("With a disability")
    ELDERLY = "elderly", _("Elderly")
    SMALL_CHILDREN = "small_children", _("With small children")


class VisitStatus(models.TextChoices):
    """Where a visit as a whole is."""

    ACTIVE = "active", _("In the building")
    DONE = "done", _("Finished")
    LEFT = "left", _("Left without being served")


class StepStatus(models.TextChoices):
    """Where a visitor is at one station of their route."""

    PLANNED = "planned", _("Later on the route")
    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called")
    SERVED = "served", _("Served")
    TRANSFERRED = "transferred", _("Sent to another station")
    NO_SHOW = "no_show", _("Did not come")
    CANCELLED = "cancelled", pgettext_lazy("step", "Cancelled")


# The statuses in which a step has left its station's queue for good.
FINISHED_STEP_STATUSES = frozenset(
    {StepStatus.SERVED, StepStatus.TRANSFERRED, StepStatus.NO_SHOW, StepStatus.CANCELLED}
)


class Weekday(models.IntegerChoices):
    """Days of the week as Python's `date.weekday()` numbers them."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")
