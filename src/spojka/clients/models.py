"""Clients of an organisation, their households, vulnerabilities and consents to share data.

A client belongs to the organisation that collected the data (`organization`); nobody else
sees the record unless a referral shares it with their consent (see `queries.clients_visible_to`).
Names are kept as written in the document (Latin) and in the person's own script, with folded
search keys so that either spelling finds the person.
"""

import datetime
import uuid
from typing import ClassVar, Final

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from spojka.clients.enums import (
    BirthDatePrecision,
    ConsentChannel,
    DataCategory,
    DocumentType,
    Relationship,
    Sex,
)
from spojka.core.labels import pick_label
from spojka.directory.models import Service

# A person is a child until this birthday.
ADULT_AGE = 18


class Vulnerability(models.Model):
    """A kind of vulnerability a country pack lists (unaccompanied minor, single parent, …)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    country = models.ForeignKey(
        "geo.Country", verbose_name=_("country"), on_delete=models.CASCADE, related_name="vulnerabilities"
    )
    code = models.CharField(_("code"), max_length=48)
    labels = models.JSONField(_("name"), default=dict)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("vulnerability")
        verbose_name_plural = _("vulnerabilities")
        ordering = ["country", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="clients_vulnerability_code_unique_in_country"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """Return the name in the active language."""
        return pick_label(self.labels, fallback=self.code)


class Household(models.Model):
    """People who live together and are helped together; members are clients linked to it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        "network.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="households"
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
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return str(self.pk)


# The fields of a client's record that staff write, in the order forms show them.
EDITABLE_FIELDS: Final = (
    "given_name",
    "family_name",
    "native_given_name",
    "native_family_name",
    "birth_date",
    "sex",
    "citizenship",
    "languages",
    "preferred_language",
    "residence_status",
    "document_type",
    "document_number",
    "document_valid_from",
    "document_valid_until",
    "phone",
    "email",
    "municipality",
    "street",
    "vulnerabilities",
    "notes",
)


class Client(models.Model):
    """A person an organisation helps."""

    # Fields cleared when a client is erased; what stays serves anonymous statistics only.
    PERSONAL_FIELDS: ClassVar[tuple[str, ...]] = (
        "given_name",
        "family_name",
        "native_given_name",
        "native_family_name",
        "phone",
        "email",
        "street",
        "document_number",
        "notes",
    )

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        "network.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="clients",
        help_text=_("The organisation that collected the data."),
    )
    given_name = models.CharField(_("given name (Latin, as in the document)"), max_length=150, blank=True)
    family_name = models.CharField(_("family name (Latin, as in the document)"), max_length=150, blank=True)
    native_given_name = models.CharField(_("given name in own script"), max_length=150, blank=True)
    native_family_name = models.CharField(_("family name in own script"), max_length=150, blank=True)
    # Folded keys (see directory.search.folding): every name's words, and each script's full name
    # with its words sorted, so that "Olena Kovalenko" meets «Коваленко Олена».
    search_names = models.CharField(_("names for searching"), max_length=700, blank=True, editable=False)
    name_key = models.CharField(max_length=320, blank=True, editable=False, db_index=True)
    native_name_key = models.CharField(max_length=320, blank=True, editable=False, db_index=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_date_precision = models.CharField(
        _("date of birth known"), max_length=8, choices=BirthDatePrecision.choices, default=BirthDatePrecision.DAY
    )
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    citizenship = models.CharField(_("citizenship"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2"))
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)
    residence_status = models.ForeignKey(
        "geo.ResidenceStatus",
        verbose_name=_("residence status"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    document_type = models.CharField(_("document"), max_length=32, choices=DocumentType.choices, blank=True)
    document_number = models.CharField(_("document number"), max_length=64, blank=True)
    document_valid_from = models.DateField(_("valid from"), null=True, blank=True)
    document_valid_until = models.DateField(_("valid until"), null=True, blank=True, db_index=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    municipality = models.ForeignKey(
        "geo.AdministrativeUnit",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    relationship = models.CharField(
        _("relationship in the household"), max_length=24, choices=Relationship.choices, blank=True
    )
    vulnerabilities = models.ManyToManyField(
        Vulnerability, verbose_name=_("vulnerabilities"), blank=True, related_name="clients"
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erased by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erasure_reason = models.TextField(_("reason for erasure"), blank=True)

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["family_name", "given_name", "native_family_name"]
        indexes = [
            models.Index(fields=["organization", "family_name"], name="clients_client_org_family"),
            # The coordination dashboard counts clients registered in a period by status, citizenship and
            # municipality: read from the index alone.
            models.Index(
                fields=["created_at"],
                include=["id", "residence_status", "citizenship", "municipality"],
                name="clients_created_covering",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(document_valid_from__isnull=True)
                | models.Q(document_valid_until__isnull=True)
                | models.Q(document_valid_until__gte=models.F("document_valid_from")),
                name="clients_client_document_validity_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(birth_date_precision__in=BirthDatePrecision.values),
                name="clients_client_birth_precision_valid",
            ),
            models.CheckConstraint(condition=models.Q(sex__in=Sex.values), name="clients_client_sex_valid"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def audit_client_id(self) -> uuid.UUID:
        return self.pk

    @property
    def display_name(self) -> str:
        """Return the name as the document has it, or in the person's script when there is no document."""
        latin = f"{self.given_name} {self.family_name}".strip()
        native = f"{self.native_given_name} {self.native_family_name}".strip()
        return latin or native or str(_("(no name)"))

    @property
    def native_name(self) -> str:
        return f"{self.native_given_name} {self.native_family_name}".strip()

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def age_on(self, day: datetime.date) -> int | None:
        """Return the age in whole years on a day (for a year only: the age reached that year)."""
        if self.birth_date is None:
            return None
        if self.birth_date_precision == BirthDatePrecision.YEAR:
            return day.year - self.birth_date.year
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday

    @property
    def age(self) -> int | None:
        return self.age_on(timezone.localdate())

    @property
    def is_child(self) -> bool:
        """Say whether the client is under 18 today, by the date of birth."""
        age = self.age
        return age is not None and age < ADULT_AGE

    @property
    def birth_display(self) -> str:
        if self.birth_date is None:
            return ""
        if self.birth_date_precision == BirthDatePrecision.YEAR:
            return str(self.birth_date.year)
        return self.birth_date.isoformat()

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if not (self.given_name or self.family_name or self.native_given_name or self.native_family_name):
            errors.setdefault("family_name", []).append(
                str(_("Write the name as in the document, or in the person's own script."))
            )
        if self.birth_date is not None:
            today = timezone.localdate()
            if self.birth_date > today:
                errors.setdefault("birth_date", []).append(str(_("The date of birth cannot be in the future.")))
            elif self.birth_date.year < today.year - 130:
                errors.setdefault("birth_date", []).append(str(_("The date of birth is too long ago.")))
        if (
            self.document_valid_from is not None
            and self.document_valid_until is not None
            and self.document_valid_until < self.document_valid_from
        ):
            errors.setdefault("document_valid_until", []).append(
                str(_("The document cannot expire before it becomes valid."))
            )
        if errors:
            raise ValidationError(errors)


class Consent(models.Model):
    """A client's consent to share some of their data with another organisation, for a purpose."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(Client, verbose_name=_("client"), on_delete=models.CASCADE, related_name="consents")
    recipient_organization = models.ForeignKey(
        "network.Organization",
        verbose_name=_("recipient organisation"),
        on_delete=models.PROTECT,
        related_name="consents_received",
    )
    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty when the consent covers every service of the organisation."),
    )
    purpose = models.CharField(_("purpose"), max_length=255)
    categories = models.JSONField(_("data shared"), default=list)
    given_on = models.DateField(_("given on"))
    channel = models.CharField(_("how it was given"), max_length=24, choices=ConsentChannel.choices)
    witness_name = models.CharField(_("witness"), max_length=150, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-recorded_at"]
        indexes = [models.Index(fields=["client", "recipient_organization"], name="clients_consent_client_recip")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(channel=ConsentChannel.VERBAL_WITNESSED) | ~models.Q(witness_name=""),
                name="clients_consent_verbal_has_witness",
            ),
            models.CheckConstraint(
                condition=models.Q(channel__in=ConsentChannel.values), name="clients_consent_channel_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} → {self.recipient_organization_id}"

    @property
    def audit_client_id(self) -> uuid.UUID:
        return self.client_id

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

    @property
    def category_labels(self) -> list[str]:
        return [str(DataCategory(value).label) for value in self.categories if value in DataCategory.values]

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.channel == ConsentChannel.VERBAL_WITNESSED and not self.witness_name.strip():
            errors["witness_name"] = [str(_("Verbal consent needs the name of the witness."))]
        if self.given_on and self.given_on > timezone.localdate():
            errors["given_on"] = [str(_("Consent cannot be given in the future."))]
        if not self.categories:
            errors["categories"] = [str(_("Choose at least one kind of data to share."))]
        elif any(value not in DataCategory.values for value in self.categories):
            errors["categories"] = [str(_("Choose kinds of data from the list."))]
        if self.service_id is not None and self.recipient_organization_id is not None:
            service_organization = (
                Service.objects.filter(pk=self.service_id).values_list("organization_id", flat=True).first()
            )
            if service_organization != self.recipient_organization_id:
                errors["service"] = [str(_("The service must be one of the recipient organisation's."))]
        if errors:
            raise ValidationError(errors)
