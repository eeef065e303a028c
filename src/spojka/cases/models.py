"""An organisation's work with a client or household: needs, notes, tasks and the outcome.

A case belongs to the organisation that works on it (`organization`). A case opened by
accepting a referral belongs to the recipient and points at the sender's client record; the
recipient sees that client's data only as the referral shares it (see `spojka.referrals`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spojka.cases.enums import CaseOutcome, CaseStatus, NeedPriority, NeedStatus, NoteConfidentiality


class Case(models.Model):
    """An organisation's work with one client or one household, from opening to closure."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        "network.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="cases"
    )
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    household = models.ForeignKey(
        "clients.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    title = models.CharField(_("subject"), max_length=200, blank=True)
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caseworker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
    )
    status = models.CharField(_("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_on = models.DateField(_("opened"), default=timezone.localdate)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=24, choices=CaseOutcome.choices, blank=True)
    outcome_note = models.TextField(_("outcome in words"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-created_at"]
        indexes = [
            models.Index(fields=["organization", "status"], name="cases_case_org_status"),
            models.Index(fields=["caseworker", "status"], name="cases_case_worker_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(client__isnull=False) | models.Q(household__isnull=False),
                name="cases_case_has_client_or_household",
            ),
            models.CheckConstraint(condition=models.Q(status__in=CaseStatus.values), name="cases_case_status_valid"),
            models.CheckConstraint(
                condition=models.Q(status=CaseStatus.OPEN, closed_at__isnull=True, outcome="")
                | models.Q(status=CaseStatus.CLOSED, closed_at__isnull=False) & ~models.Q(outcome=""),
                name="cases_case_closed_with_outcome",
            ),
        ]

    def __str__(self) -> str:
        return self.title or str(self.pk)

    @property
    def audit_client_id(self) -> uuid.UUID | None:
        return self.client_id

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN

    def client_label_for(self, organization_id: object) -> str:
        """Return how a list names the client: by name for the client's own organisation, else who referred them."""
        if self.client is None:
            return str(_("Household"))
        if self.client.organization_id == organization_id:
            return self.client.display_name
        return str(_("Referred by %(organization)s") % {"organization": self.client.organization.display_name})


class CaseNeed(models.Model):
    """A need of the client the case works on: a term of the directory's taxonomy, with priority and status."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="needs")
    # The case's client, copied when the need is recorded (a case keeps its client), so that the
    # coordination dashboard counts the persons with needs without joining every need to its case.
    # Empty for a household's case, as the case's client is.
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    term = models.ForeignKey(
        "directory.TaxonomyTerm", verbose_name=_("need"), on_delete=models.PROTECT, related_name="case_needs"
    )
    priority = models.CharField(_("priority"), max_length=8, choices=NeedPriority.choices, default=NeedPriority.NORMAL)
    status = models.CharField(_("status"), max_length=16, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("need of a case")
        verbose_name_plural = _("needs of cases")
        ordering = ["case", "created_at"]
        indexes = [
            # The coordination dashboard counts the persons with needs recorded in a period (on SQLite; on
            # PostgreSQL it reads `coordination.NeedPerson`, which triggers keep).
            models.Index(fields=["created_at"], name="cases_need_created"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["case", "term"], name="cases_need_once_per_case"),
            models.CheckConstraint(condition=models.Q(status__in=NeedStatus.values), name="cases_need_status_valid"),
            models.CheckConstraint(
                condition=models.Q(priority__in=NeedPriority.values), name="cases_need_priority_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.get_status_display()})"


class Note(models.Model):
    """A note on a case; shared ones also reach the recipients of the client's referrals while consent stands."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("note"))
    confidentiality = models.CharField(
        _("who may read it"),
        max_length=16,
        choices=NoteConfidentiality.choices,
        default=NoteConfidentiality.ORGANIZATION,
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confidentiality__in=NoteConfidentiality.values),
                name="cases_note_confidentiality_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.pk)

    @property
    def audit_client_id(self) -> uuid.UUID | None:
        return self.case.client_id

    @property
    def is_shared(self) -> bool:
        return self.confidentiality == NoteConfidentiality.SHARED


class Task(models.Model):
    """Something to do for a case by a day: a follow-up call, a visit, a document to bring."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("what to do"), max_length=200)
    due_on = models.DateField(_("due"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who does it"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_tasks",
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_on", "created_at"]
        indexes = [models.Index(fields=["assignee", "done_at", "due_on"], name="cases_task_assignee_due")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_on < timezone.localdate()
