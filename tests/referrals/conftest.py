"""A sender and a recipient of referrals: our caseworker refers to a service of theirs, whose caseworker answers."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from spojka.accounts.models import User
from spojka.cases.models import Case, CaseNeed
from spojka.clients import actions as client_actions
from spojka.clients.enums import ConsentChannel, DataCategory
from spojka.clients.models import Client, Consent
from spojka.directory.models import Service
from spojka.network.enums import Role
from spojka.referrals import actions
from spojka.referrals.enums import ReferralStatus
from spojka.referrals.models import Referral
from tests.cases.factories import CaseFactory, CaseNeedFactory
from tests.clients.factories import ClientFactory
from tests.conftest import Personas
from tests.directory.factories import ServiceFactory
from tests.factories import MembershipFactory, UserFactory


@dataclass
class Network:
    """Our caseworker with a client, a case and a need; their service and their caseworker."""

    personas: Personas
    sender: User
    recipient: User
    client: Client
    case: Case
    need: CaseNeed
    service: Service

    def consent(self, categories: list[DataCategory] | None = None, **overrides: object) -> Consent:
        arguments: dict[str, object] = {
            "client": self.client,
            "recipient_organization": self.service.organization,
            "purpose": "Help with finding a job",
            "categories": categories or [DataCategory.IDENTITY, DataCategory.CONTACT, DataCategory.NEEDS],
            "given_on": timezone.localdate(),
            "channel": ConsentChannel.SIGNED_PAPER,
            "by": self.sender,
        }
        return client_actions.give_consent(**{**arguments, **overrides})  # type: ignore[arg-type]

    def draft(self) -> Referral:
        return actions.draft_referral(
            case=self.case,
            client=self.client,
            service=self.service,
            needs=[self.need],
            message="Please help.",
            by=self.sender,
        )

    def sent(self) -> Referral:
        referral = self.draft()
        return actions.send_referral(referral=referral, expected_version=referral.version, by=self.sender)

    def in_status(self, status: ReferralStatus) -> Referral:
        """Return a referral brought to the status through the real transitions."""
        referral = self.draft()
        if status == ReferralStatus.DRAFT:
            return referral
        if status == ReferralStatus.CANCELLED:
            return actions.cancel_referral(referral=referral, expected_version=referral.version, by=self.sender)
        referral = actions.send_referral(referral=referral, expected_version=referral.version, by=self.sender)
        if status == ReferralStatus.SENT:
            return referral
        if status == ReferralStatus.DECLINED:
            return actions.decline_referral(
                referral=referral, expected_version=referral.version, reason="No places.", by=self.recipient
            )
        referral = actions.accept_referral(referral=referral, expected_version=referral.version, by=self.recipient)
        if status == ReferralStatus.ACCEPTED:
            return referral
        if status == ReferralStatus.COMPLETED:
            return actions.complete_referral(
                referral=referral, expected_version=referral.version, outcome="Found a job.", by=self.recipient
            )
        return actions.fail_referral(
            referral=referral, expected_version=referral.version, outcome="Did not come.", by=self.recipient
        )


@pytest.fixture
def network(personas: Personas) -> Network:
    sender = personas.user(Role.CASEWORKER)
    recipient = MembershipFactory(
        organization=personas.theirs,
        role=Role.CASEWORKER,
        user=UserFactory(email="caseworker@theirs.example.org", preferred_language="uk"),
    ).user
    client = ClientFactory(organization=personas.ours, family_name="Shevchenko", native_family_name="Шевченко")
    case = CaseFactory(client=client, caseworker=sender, title="Work")
    return Network(
        personas=personas,
        sender=sender,
        recipient=recipient,
        client=client,
        case=case,
        need=CaseNeedFactory(case=case),
        service=ServiceFactory(organization=personas.theirs, name="Job club", response_days=3),
    )


A_TUESDAY = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)
