"""Services and what hangs off them in HSDS 3.0: needs, eligibility, areas, languages, contacts."""

import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, Any, ClassVar, Final

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spojka.core.translated import Translatable
from spojka.directory.enums import PhoneType, ServiceStatus

if TYPE_CHECKING:
    from spojka.directory.models.taxonomy import TaxonomyTerm
    from spojka.geo.models import ResidenceStatus

# A service nobody has confirmed for this long is flagged as stale (about six months).
STALE_AFTER: Final = timedelta(days=183)
DEFAULT_RESPONSE_DAYS: Final = 3


class Service(Translatable):
    """What an organisation offers, for whom, where and in which languages (HSDS `service`)."""

    TRANSLATED_FIELDS: ClassVar[tuple[str, ...]] = (
        "name",
        "alternate_name",
        "description",
        "eligibility_description",
        "application_process",
        "fees_description",
        "interpretation_services",
        "alert",
    )

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        "network.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    name = models.CharField(_("name"), max_length=255)
    alternate_name = models.CharField(_("other name"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    eligibility_description = models.TextField(_("who it is for"), blank=True)
    application_process = models.TextField(_("how to apply"), blank=True)
    fees_description = models.TextField(_("fees"), blank=True, help_text=_("Leave empty when it is free."))
    interpretation_services = models.TextField(_("interpreting"), blank=True)
    alert = models.CharField(_("notice"), max_length=255, blank=True, help_text=_("A short-term notice to visitors."))
    accreditations = models.CharField(_("accreditations"), max_length=255, blank=True)
    url = models.URLField(_("web page"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=24, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    is_free = models.BooleanField(_("free of charge"), default=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    closed_on_public_holidays = models.BooleanField(_("closed on public holidays"), default=True)
    response_days = models.PositiveSmallIntegerField(
        _("days to answer a referral"),
        default=DEFAULT_RESPONSE_DAYS,
        help_text=_("Working days within which the organisation answers a referral to this service."),
    )
    needs: "models.ManyToManyField[TaxonomyTerm, ServiceNeed]" = models.ManyToManyField(
        "directory.TaxonomyTerm",
        verbose_name=_("needs"),
        through="ServiceNeed",
        related_name="services",
        blank=True,
    )
    residence_statuses: "models.ManyToManyField[ResidenceStatus, ServiceEligibility]" = models.ManyToManyField(
        "geo.ResidenceStatus",
        verbose_name=_("for residence statuses"),
        through="ServiceEligibility",
        related_name="services",
        blank=True,
        help_text=_("Leave empty when the service is open to people of any status."),
    )
    reviewed_at = models.DateTimeField(_("last reviewed"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        indexes = [models.Index(fields=["organization", "status"], name="directory_service_org_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ServiceStatus.values), name="directory_service_status"
            ),
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(minimum_age__lte=models.F("maximum_age")),
                name="directory_service_age_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_stale(self) -> bool:
        """Say whether nobody has confirmed the service for about six months."""
        return self.reviewed_at < timezone.now() - STALE_AFTER

    def get_additional_data(self) -> dict[str, Any]:
        """Tell the change history which organisation and service the record belongs to."""
        return {"organization_id": str(self.organization_id), "service_id": str(self.id)}


class ServicePart(models.Model):
    """Base of the records that belong to one service and share its change history."""

    service: Any

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict[str, Any]:
        return {"service_id": str(self.service_id)}  # type: ignore[attr-defined]  # every subclass has the FK


class ServiceNeed(ServicePart):
    """A need a service answers: the HSDS `attribute` linking the service to a taxonomy term."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="need_links")
    term = models.ForeignKey("directory.TaxonomyTerm", on_delete=models.CASCADE, related_name="service_links")

    class Meta:
        verbose_name = _("need answered")
        verbose_name_plural = _("needs answered")
        constraints = [models.UniqueConstraint(fields=["service", "term"], name="directory_service_need_unique")]

    def __str__(self) -> str:
        return f"{self.service_id} \N{RIGHTWARDS ARROW} {self.term_id}"


class ServiceEligibility(ServicePart):
    """A residence status a service is for: an HSDS `attribute` with `link_type` "eligibility"."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="eligibility_links")
    residence_status = models.ForeignKey("geo.ResidenceStatus", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("residence status served")
        verbose_name_plural = _("residence statuses served")
        constraints = [
            models.UniqueConstraint(fields=["service", "residence_status"], name="directory_service_status_unique")
        ]

    def __str__(self) -> str:
        return f"{self.service_id} \N{RIGHTWARDS ARROW} {self.residence_status_id}"


class ServiceArea(ServicePart):
    """An administrative unit whose people a service is for (HSDS `service_area`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="areas")
    unit = models.ForeignKey(
        "geo.AdministrativeUnit", verbose_name=_("area"), on_delete=models.CASCADE, related_name="+"
    )
    description = models.CharField(_("description"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")
        constraints = [models.UniqueConstraint(fields=["service", "unit"], name="directory_service_area_unique")]

    def __str__(self) -> str:
        return f"{self.service_id} \N{RIGHTWARDS ARROW} {self.unit_id}"


class ServiceAtLocation(Translatable):
    """A service given at a location, with what differs there (HSDS `service_at_location`)."""

    TRANSLATED_FIELDS: ClassVar[tuple[str, ...]] = ("description",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="at_locations"
    )
    location = models.ForeignKey(
        "directory.Location", verbose_name=_("location"), on_delete=models.CASCADE, related_name="services_here"
    )
    description = models.TextField(_("what differs at this place"), blank=True)

    class Meta:
        verbose_name = _("service at a location")
        verbose_name_plural = _("services at locations")
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="directory_service_at_location_unique")
        ]

    def __str__(self) -> str:
        return f"{self.service} · {self.location}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"service_id": str(self.service_id)}


class Language(models.Model):
    """A language spoken at a service, location or phone line (HSDS `language`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, null=True, blank=True, related_name="languages")
    location = models.ForeignKey(
        "directory.Location", on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    phone = models.ForeignKey("Phone", on_delete=models.CASCADE, null=True, blank=True, related_name="languages")
    code = models.CharField(_("language"), max_length=8, help_text=_("ISO 639-1 code, e.g. uk."))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("language spoken")
        verbose_name_plural = _("languages spoken")
        ordering = ["code"]
        indexes = [models.Index(fields=["code", "service"], name="directory_language_code")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(service__isnull=False, location__isnull=True, phone__isnull=True)
                    | models.Q(service__isnull=True, location__isnull=False, phone__isnull=True)
                    | models.Q(service__isnull=True, location__isnull=True, phone__isnull=False)
                ),
                name="directory_language_one_owner",
            ),
            models.UniqueConstraint(
                fields=["service", "code"], condition=models.Q(service__isnull=False), name="directory_language_service"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def get_additional_data(self) -> dict[str, Any]:
        return {"service_id": str(self.service_id)} if self.service_id else {}


class Contact(models.Model):
    """A named person to contact about a service or at a location (HSDS `contact`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts")
    location = models.ForeignKey(
        "directory.Location", on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    title = models.CharField(_("job title"), max_length=150, blank=True)
    department = models.CharField(_("department"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(service__isnull=False) | models.Q(location__isnull=False),
                name="directory_contact_has_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.email

    def get_additional_data(self) -> dict[str, Any]:
        return {"service_id": str(self.service_id)} if self.service_id else {}


class Phone(Translatable):
    """A phone number of a service, location or contact (HSDS `phone`), stored in E.164."""

    TRANSLATED_FIELDS: ClassVar[tuple[str, ...]] = ("description",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones")
    location = models.ForeignKey(
        "directory.Location", on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="phones")
    number = models.CharField(_("number"), max_length=32)
    extension = models.PositiveIntegerField(_("extension"), null=True, blank=True)
    type = models.CharField(_("kind"), max_length=16, choices=PhoneType.choices, default=PhoneType.VOICE)
    description = models.CharField(_("description"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("phone")
        verbose_name_plural = _("phones")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(service__isnull=False)
                | models.Q(location__isnull=False)
                | models.Q(contact__isnull=False),
                name="directory_phone_has_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_additional_data(self) -> dict[str, Any]:
        return {"service_id": str(self.service_id)} if self.service_id else {}


class CostOption(ServicePart):
    """A price of a service (HSDS `cost_option`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(_("condition"), max_length=255, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    amount_description = models.CharField(_("details of the amount"), max_length=255, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("price")
        verbose_name_plural = _("prices")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0), name="directory_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount or ''} {self.currency} {self.option}".strip()


class RequiredDocument(Translatable):
    """A document a person needs to bring (HSDS `required_document`)."""

    TRANSLATED_FIELDS: ClassVar[tuple[str, ...]] = ("document",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="required_documents")
    document = models.CharField(_("document"), max_length=255)
    uri = models.URLField(_("web address"), blank=True)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["document"]

    def __str__(self) -> str:
        return self.document

    def get_additional_data(self) -> dict[str, Any]:
        return {"service_id": str(self.service_id)}
