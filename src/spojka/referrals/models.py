"""Referrals of a client from one organisation's case to a service of another (or the same) organisation.

A referral carries only what the client's consent covers: the kinds of data covered when it
was sent are kept (`shared_categories`), and the recipient sees a client's fields only in
those kinds while a consent still covers them (see `queries.shared_view`). A child-protection
notification is a referral to the child-protection office (OSPOD) on a recorded legal basis
instead of consent. Status moves only through `transitions.TRANSITIONS`; `version` grows on
every change, so a second person changing the same referral at once is refused.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spojka.referrals.enums import LegalBasis, NotificationEvent, ReferralKind, ReferralStatus, Transition


class Referral(models.Model):
    """A client sent from a case to a service, with its status, deadline and outcome."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=24, choices=ReferralKind.choices, default=ReferralKind.REFERRAL)
    status = models.CharField(_("status"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=0)
    sender_organization = models.ForeignKey(
        "network.Organization",
        verbose_name=_("sending organisation"),
        on_delete=models.PROTECT,
        related_name="referrals_sent",
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="referrals_sent"
    )
    client = models.ForeignKey(
        "clients.Client", verbose_name=_("client"), on_delete=models.PROTECT, related_name="referrals"
    )
    recipient_organization = models.ForeignKey(
        "network.Organization",
        verbose_name=_("receiving organisation"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
    )
    needs = models.ManyToManyField("cases.CaseNeed", verbose_name=_("needs"), blank=True, related_name="referrals")
    message = models.TextField(_("message to the recipient"), blank=True)
    consent = models.ForeignKey(
        "clients.Consent",
        verbose_name=_("consent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
    )
    legal_basis = models.CharField(_("legal basis"), max_length=32, choices=LegalBasis.choices, blank=True)
    shared_categories = models.JSONField(_("data shared"), default=list, blank=True)
    response_due_on = models.DateField(_("answer due"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    outcome_note = models.TextField(_("outcome"), blank=True)
    recipient_case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("recipient's case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="origin_referrals",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient_organization", "status"], name="referrals_recipient_status"),
            models.Index(fields=["sender_organization", "status"], name="referrals_sender_status"),
            # The coordination dashboard counts referrals sent in a period and measures their times to
            # answer and to complete: on PostgreSQL it reads them from this index alone (an index-only
            # scan of the period), not from the table.
            models.Index(
                fields=["sent_at"],
                include=["sender_organization", "recipient_organization", "status", "responded_at", "closed_at"],
                name="referrals_sent_at_covering",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ReferralStatus.values), name="referrals_referral_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=ReferralKind.values), name="referrals_referral_kind_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=ReferralKind.CHILD_PROTECTION) | ~models.Q(legal_basis=""),
                name="referrals_child_protection_has_legal_basis",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=ReferralKind.REFERRAL) | models.Q(service__isnull=False),
                name="referrals_referral_has_service",
            ),
        ]

    def __str__(self) -> str:
        return str(self.pk)

    @property
    def audit_client_id(self) -> uuid.UUID:
        return self.client_id

    @property
    def is_child_protection(self) -> bool:
        return self.kind == ReferralKind.CHILD_PROTECTION

    @property
    def is_overdue(self) -> bool:
        """Say whether the recipient has not answered by the deadline."""
        return (
            self.status == ReferralStatus.SENT
            and self.response_due_on is not None
            and self.response_due_on < timezone.localdate()
        )

    @property
    def recipient_name(self) -> str:
        name = self.recipient_organization.display_name
        return f"{name}: {self.service.name}" if self.service is not None else name


class ReferralEvent(models.Model):
    """One transition of a referral: who moved it from which status to which, when, and why."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    referral = models.ForeignKey(Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="events")
    transition = models.CharField(_("action"), max_length=16, choices=Transition.choices)
    from_status = models.CharField(_("from"), max_length=16, choices=ReferralStatus.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=ReferralStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organization = models.ForeignKey(
        "network.Organization", verbose_name=_("organisation"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("change of a referral")
        verbose_name_plural = _("changes of referrals")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.transition} {self.from_status}→{self.to_status}"


class ReferralMessage(models.Model):
    """A message between the sender and the recipient of a referral."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organization = models.ForeignKey(
        "network.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("message"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("message on a referral")
        verbose_name_plural = _("messages on referrals")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return str(self.pk)

    @property
    def audit_client_id(self) -> uuid.UUID:
        return self.referral.client_id


class Notification(models.Model):
    """Telling one person that something happened to a referral: in the workspace, and by e-mail.

    Holds no personal data: the text is rendered from `event` in the reader's language, and the
    referral is named by its service and organisations only.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="referral_notifications",
    )
    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.CharField(_("event"), max_length=24, choices=NotificationEvent.choices)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="referrals_notification_unread")]

    def __str__(self) -> str:
        return f"{self.event} {self.referral_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class ChildProtectionOffice(models.Model):
    """Which organisation's child-protection office (OSPOD) serves an administrative unit.

    Child-protection notifications go to the office of the child's municipality: the office whose
    unit is the municipality itself or its nearest ancestor (in Czechia the municipality with
    extended powers, ORP, serves its whole district). Data, not code: a country pack's demo or the
    technical administration fills it; no sector is special-cased.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        "network.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="child_protection_areas",
    )
    unit = models.ForeignKey(
        "geo.AdministrativeUnit", verbose_name=_("area served"), on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("service in the directory"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("child-protection office")
        verbose_name_plural = _("child-protection offices")
        constraints = [models.UniqueConstraint(fields=["unit"], name="referrals_one_child_protection_office_per_unit")]

    def __str__(self) -> str:
        return f"{self.organization} · {self.unit}"
