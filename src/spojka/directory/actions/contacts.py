"""Writing how people reach a service or location: contact people and phone numbers."""

from collections.abc import Mapping

import phonenumbers
import structlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from spojka.accounts.models import User
from spojka.directory.actions._common import reindex_on_commit
from spojka.directory.history import recorded_as
from spojka.directory.models import Contact, Phone

log = structlog.get_logger(__name__)


def normalise_phone(number: str) -> str:
    """Return the number in E.164 (+420485123456), reading a local one as the region's.

    Raises ValidationError with a message the person can act on when it is no phone number.
    """
    try:
        parsed = phonenumbers.parse(number.strip(), settings.PHONENUMBER_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise ValidationError(
            _("%(number)s is not a valid phone number. Write it with the country code, e.g. +420 485 123 456.")
            % {"number": number.strip() or "–"},  # noqa: RUF001  # an en dash
            code="invalid_phone",
        )
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def display_phone(number: str) -> str:
    """Return an E.164 number written the way people read it (+420 485 123 456)."""
    try:
        parsed = phonenumbers.parse(number, settings.PHONENUMBER_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return number
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def _service_ids(phone_or_contact: Phone | Contact) -> list[object]:
    if phone_or_contact.service_id:
        return [phone_or_contact.service_id]
    if phone_or_contact.location_id:
        return list(phone_or_contact.location.services_here.values_list("service_id", flat=True))  # type: ignore[union-attr]  # location_id is set
    return []


@transaction.atomic
def save_phone(*, phone: Phone, texts: Mapping[str, Mapping[str, str]] | None = None, by: User) -> Phone:
    """Record a phone number, normalised to E.164; an invalid number is refused with a clear message."""
    phone.number = normalise_phone(phone.number)
    with recorded_as(by):
        for language, values in (texts or {}).items():
            phone.set_translations(language, values)
        phone.full_clean()
        phone.save()
    log.info("phone_saved", phone=str(phone.pk), by=by.pk)
    reindex_on_commit(_service_ids(phone))  # type: ignore[arg-type]  # ids of services
    return phone


@transaction.atomic
def delete_phone(*, phone: Phone, by: User) -> None:
    """Remove a phone number."""
    service_ids = _service_ids(phone)
    with recorded_as(by):
        phone.delete()
    log.info("phone_deleted", by=by.pk)
    reindex_on_commit(service_ids)  # type: ignore[arg-type]  # ids of services


@transaction.atomic
def save_contact(*, contact: Contact, by: User) -> Contact:
    """Record a contact person of a service or location."""
    if not (contact.name or contact.email):
        raise ValidationError(_("Give the contact's name or e-mail."))
    with recorded_as(by):
        contact.full_clean()
        contact.save()
    log.info("contact_saved", contact=str(contact.pk), by=by.pk)
    reindex_on_commit(_service_ids(contact))  # type: ignore[arg-type]  # ids of services
    return contact


@transaction.atomic
def delete_contact(*, contact: Contact, by: User) -> None:
    """Remove a contact person (with their phone numbers)."""
    service_ids = _service_ids(contact)
    with recorded_as(by):
        contact.delete()
    log.info("contact_deleted", by=by.pk)
    reindex_on_commit(service_ids)  # type: ignore[arg-type]  # ids of services
