"""Identity matching: persons, the client records linked to them, candidate pairs and their review.

A `Person` is one real human being; it has no personal data of its own, only the client
records (each kept by the organisation that collected it) linked to it. Links are never
deleted: undoing a merge closes them (`unlinked_at`), so the history stays.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from spojka.linkage.enums import PairStatus, RunTrigger


class Person(models.Model):
    """One real person, known through one or more client records."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return str(self.pk)


class MatchRun(models.Model):
    """One batch run of matching over the whole registry."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    trigger = models.CharField(_("started by"), max_length=16, choices=RunTrigger.choices, default=RunTrigger.COMMAND)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    records = models.PositiveIntegerField(_("records compared"), default=0)
    pairs_found = models.PositiveIntegerField(_("pairs found"), default=0)
    proposed = models.PositiveIntegerField(_("pairs proposed"), default=0)
    to_review = models.PositiveIntegerField(_("pairs to review"), default=0)
    linked_automatically = models.PositiveIntegerField(_("pairs linked automatically"), default=0)
    kept_apart = models.PositiveIntegerField(_("pairs kept apart before"), default=0)

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"


class CandidatePair(models.Model):
    """Two client records that may be the same person, as the model scored them.

    `client_a` has the smaller id, so a pair is stored once whichever way it was found.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client_a = models.ForeignKey(
        "clients.Client", verbose_name=_("first record"), on_delete=models.CASCADE, related_name="+"
    )
    client_b = models.ForeignKey(
        "clients.Client", verbose_name=_("second record"), on_delete=models.CASCADE, related_name="+"
    )
    cross_organization = models.BooleanField(_("across organisations"), default=False)
    weight = models.FloatField(_("match weight"))
    probability = models.FloatField(_("probability"))
    reasons = models.JSONField(_("reasons"), default=list)
    status = models.CharField(_("status"), max_length=16, choices=PairStatus.choices, default=PairStatus.REVIEW)
    run = models.ForeignKey(
        MatchRun, verbose_name=_("found by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="pairs"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("found"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("candidate pair")
        verbose_name_plural = _("candidate pairs")
        ordering = ["-probability", "id"]
        indexes = [models.Index(fields=["status", "cross_organization"], name="linkage_pair_status")]
        constraints = [
            models.UniqueConstraint(fields=["client_a", "client_b"], name="linkage_pair_unique"),
            models.CheckConstraint(condition=models.Q(client_a__lt=models.F("client_b")), name="linkage_pair_ordered"),
            models.CheckConstraint(condition=models.Q(status__in=PairStatus.values), name="linkage_pair_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.client_a_id} ~ {self.client_b_id}"


class PersonRecord(models.Model):
    """A client record linked to a person: by whom, when, through which pair; closed when undone."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="records")
    client = models.ForeignKey(
        "clients.Client", verbose_name=_("client"), on_delete=models.CASCADE, related_name="person_links"
    )
    pair = models.ForeignKey(
        CandidatePair,
        verbose_name=_("candidate pair"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="links",
    )
    # When a merge moved the record from another person, undoing it puts the record back there.
    previous_person = models.ForeignKey(
        Person, verbose_name=_("previous person"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    linked_at = models.DateTimeField(_("linked"), auto_now_add=True)
    unlinked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("unlinked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    unlinked_at = models.DateTimeField(_("unlinked"), null=True, blank=True)

    class Meta:
        verbose_name = _("linked record")
        verbose_name_plural = _("linked records")
        ordering = ["linked_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"], condition=models.Q(unlinked_at__isnull=True), name="linkage_record_one_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client_id} → {self.person_id}"

    @property
    def audit_client_id(self) -> uuid.UUID:
        return self.client_id


# The other name the issue uses for a link.
ClientLink = PersonRecord


class KeptApart(models.Model):
    """Two records a reviewer said are not the same person; batch runs never propose them again."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client_a = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="+")
    client_b = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("records kept apart")
        verbose_name_plural = _("records kept apart")
        constraints = [
            models.UniqueConstraint(fields=["client_a", "client_b"], name="linkage_kept_apart_unique"),
            models.CheckConstraint(
                condition=models.Q(client_a__lt=models.F("client_b")), name="linkage_kept_apart_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client_a_id} ≠ {self.client_b_id}"


class BlockingKey(models.Model):
    """A blocking key of a client record, for finding candidates without a scan.

    The organisation is copied here so that the real-time lookup (the organisation's own
    clients with one of these keys) is one index range per key.
    """

    id = models.BigAutoField(primary_key=True)
    # No single-column indexes: (client, key) is unique and (organization, key) is indexed, which
    # serve the deletes by client and the lookups by organisation; a third would only slow COPY.
    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="blocking_keys", db_index=False)
    organization = models.ForeignKey("network.Organization", on_delete=models.CASCADE, related_name="+", db_index=False)
    key = models.CharField(max_length=120)

    class Meta:
        verbose_name = _("blocking key")
        verbose_name_plural = _("blocking keys")
        indexes = [models.Index(fields=["organization", "key"], name="linkage_key_org_key")]
        constraints = [models.UniqueConstraint(fields=["client", "key"], name="linkage_key_unique")]

    def __str__(self) -> str:
        return self.key
