"""The fixed vocabularies of identity matching."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PairStatus(models.TextChoices):
    """Where a candidate pair of records stands."""

    PROPOSED = "proposed", pgettext_lazy("candidate pair", "Proposed")
    REVIEW = "review", pgettext_lazy("candidate pair", "To review")
    MERGED = "merged", pgettext_lazy("candidate pair", "Same person")
    KEPT_APART = "kept_apart", pgettext_lazy("candidate pair", "Not the same person")
    SKIPPED = "skipped", pgettext_lazy("candidate pair", "Skipped")


# Pairs a reviewer still has to decide on.
OPEN_STATUSES = (PairStatus.PROPOSED, PairStatus.REVIEW, PairStatus.SKIPPED)


class RunTrigger(models.TextChoices):
    """What started a batch run."""

    COMMAND = "command", _("Management command")
    TASK = "task", _("Scheduled task")
    DEMO = "demo", _("Demonstration data")
