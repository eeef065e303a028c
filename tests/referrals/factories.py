"""Factories of the referrals app, and a helper that builds a referral in any status."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from spojka.clients.enums import DataCategory
from spojka.referrals.enums import LegalBasis, NotificationEvent, ReferralKind, ReferralStatus
from spojka.referrals.models import ChildProtectionOffice, Notification, Referral, ReferralMessage
from tests.cases.factories import CaseFactory
from tests.directory.factories import ServiceFactory
from tests.factories import AdministrativeUnitFactory, OrganizationFactory


class ReferralFactory(DjangoModelFactory[Referral]):
    """A referral from a case to another organisation's service (in the status asked; no consent is made)."""

    class Meta:
        model = Referral

    case = factory.SubFactory(CaseFactory)
    client = factory.SelfAttribute("case.client")
    sender_organization = factory.SelfAttribute("case.organization")
    service = factory.SubFactory(ServiceFactory)
    recipient_organization = factory.SelfAttribute("service.organization")
    kind = ReferralKind.REFERRAL
    status = ReferralStatus.DRAFT
    shared_categories = factory.LazyFunction(lambda: [DataCategory.IDENTITY.value, DataCategory.CONTACT.value])
    sent_at = factory.LazyAttribute(lambda r: None if r.status == ReferralStatus.DRAFT else timezone.now())
    response_due_on = factory.LazyAttribute(
        lambda r: None if r.status == ReferralStatus.DRAFT else timezone.localdate() + datetime.timedelta(days=3)
    )


class ChildProtectionNotificationFactory(ReferralFactory):
    kind = ReferralKind.CHILD_PROTECTION
    service = None
    recipient_organization = factory.SubFactory(OrganizationFactory)
    legal_basis = LegalBasis.CZ_CHILD_PROTECTION_NOTIFICATION
    status = ReferralStatus.SENT
    shared_categories = factory.LazyFunction(lambda: [category.value for category in DataCategory])


class ReferralMessageFactory(DjangoModelFactory[ReferralMessage]):
    class Meta:
        model = ReferralMessage

    referral = factory.SubFactory(ReferralFactory, status=ReferralStatus.SENT)
    organization = factory.SelfAttribute("referral.sender_organization")
    text = "Could you call her in the morning?"


class NotificationFactory(DjangoModelFactory[Notification]):
    class Meta:
        model = Notification

    referral = factory.SubFactory(ReferralFactory, status=ReferralStatus.SENT)
    event = NotificationEvent.SENT


class ChildProtectionOfficeFactory(DjangoModelFactory[ChildProtectionOffice]):
    class Meta:
        model = ChildProtectionOffice

    organization = factory.SubFactory(OrganizationFactory)
    unit = factory.SubFactory(AdministrativeUnitFactory)
