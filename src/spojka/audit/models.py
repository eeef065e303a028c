"""The access audit: an append-only log of who touched which personal record, when and why.

An entry names the record by its type and opaque id and lists the fields touched by name,
never their values, so the log itself holds no personal data. Nothing in the application
may change or remove an entry: `save()` of an existing row, `delete()` and queryset
`update()`/`delete()` refuse, the Django admin is read-only, and on PostgreSQL a trigger
rejects UPDATE and DELETE whatever the client (migration 0002).
"""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spojka.audit.enums import AuditAction, AuditPurpose


class AuditTrailImmutableError(RuntimeError):
    """Something tried to change or remove an entry of the audit trail."""


class AccessEntryQuerySet(models.QuerySet["AccessEntry"]):
    """Entries can be added and read, never updated or deleted in bulk."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditTrailImmutableError("The audit trail cannot be changed.")

    def delete(self) -> NoReturn:
        raise AuditTrailImmutableError("The audit trail cannot be deleted.")


class AccessEntry(models.Model):
    """One access to personal data: who, for which organisation, when, what, about whom, why."""

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    organization = models.ForeignKey(
        "network.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(_("type of record"), max_length=64)
    object_id = models.CharField(_("record"), max_length=64, blank=True)
    # Not a foreign key: the entry outlives the client's record (erasure keeps the trail).
    client_id = models.UUIDField(_("client"), null=True, blank=True, db_index=True)
    purpose = models.CharField(_("purpose"), max_length=32, choices=AuditPurpose.choices)
    purpose_text = models.CharField(_("purpose in words"), max_length=200, blank=True)
    fields = models.JSONField(_("fields touched"), default=list, blank=True)

    objects = AccessEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("access entry")
        verbose_name_plural = _("access entries")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organization", "at"], name="audit_entry_org_at")]
        constraints = [
            models.CheckConstraint(condition=models.Q(action__in=AuditAction.values), name="audit_entry_action_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditTrailImmutableError("An entry of the audit trail cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditTrailImmutableError("An entry of the audit trail cannot be deleted.")
