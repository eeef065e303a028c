"""Referral flows for the tests of the network picture, reports and open data (aggregates only)."""

import datetime
from collections.abc import Mapping

from django.utils import timezone

from spojka.clients.models import Client
from spojka.network.models import Organization
from spojka.referrals.enums import ReferralStatus
from spojka.referrals.models import Referral
from tests.cases.factories import CaseFactory
from tests.clients.factories import ClientFactory
from tests.directory.factories import ServiceFactory


def at(day: datetime.date) -> datetime.datetime:
    """Return noon of a day in the current time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def make_flows(flows: Mapping[tuple[Organization, Organization], int], *, day: datetime.date) -> None:
    """Send `count` referrals from one organisation to another on a day (one case and service per pair)."""
    for (sender, recipient), count in flows.items():
        case = CaseFactory(client=ClientFactory(organization=sender))
        service = ServiceFactory(organization=recipient)
        Referral.objects.bulk_create(
            Referral(
                case=case,
                client=case.client,
                sender_organization=sender,
                recipient_organization=recipient,
                service=service,
                status=ReferralStatus.SENT,
                sent_at=at(day),
            )
            for _ in range(count)
        )


def make_clients(counts: Mapping[str, int], *, day: datetime.date, organization: Organization) -> None:
    """Register `count` clients of each citizenship on a day."""
    for citizenship, count in counts.items():
        ids = [ClientFactory(organization=organization, citizenship=citizenship).pk for _ in range(count)]
        # `created_at` is set on insert; move the records to the day asked for.
        Client.objects.filter(pk__in=ids).update(created_at=at(day))
