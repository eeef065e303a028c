"""Cases and referrals for the permission-matrix test: records of "ours" every allowed role may reach."""

import datetime

from spojka.network.enums import Role
from spojka.referrals.enums import ReferralStatus
from tests.cases.factories import CaseFactory, CaseNeedFactory, TaskFactory
from tests.clients.factories import ClientFactory
from tests.conftest import Personas
from tests.directory.factories import ServiceFactory
from tests.referrals.factories import ChildProtectionNotificationFactory, ReferralFactory


def _our_case(personas: Personas) -> object:
    return CaseFactory(client=ClientFactory(organization=personas.ours), caseworker=personas.user(Role.CASEWORKER))


def our_case(personas: Personas) -> dict[str, object]:
    return {"case_id": _our_case(personas).pk}


def our_need(personas: Personas) -> dict[str, object]:
    return {"need_id": CaseNeedFactory(case=_our_case(personas)).pk}


def our_task(personas: Personas) -> dict[str, object]:
    return {"task_id": TaskFactory(case=_our_case(personas)).pk}


def our_draft(personas: Personas) -> dict[str, object]:
    referral = ReferralFactory(case=_our_case(personas), service=ServiceFactory(organization=personas.theirs))
    return {"referral_id": referral.pk}


def _incoming(personas: Personas, status: ReferralStatus) -> dict[str, object]:
    case = CaseFactory(client=ClientFactory(organization=personas.theirs))
    referral = ReferralFactory(case=case, service=ServiceFactory(organization=personas.ours), status=status)
    return {"referral_id": referral.pk}


def incoming_sent(personas: Personas) -> dict[str, object]:
    return _incoming(personas, ReferralStatus.SENT)


def incoming_accepted(personas: Personas) -> dict[str, object]:
    return _incoming(personas, ReferralStatus.ACCEPTED)


def our_notification_to_ourselves(personas: Personas) -> dict[str, object]:
    """A child-protection notification our caseworker sent to our own office: every referral role reaches it."""
    child = ClientFactory(organization=personas.ours, birth_date=datetime.date(2015, 5, 1))
    notification = ChildProtectionNotificationFactory(
        case=CaseFactory(client=child), recipient_organization=personas.ours
    )
    return {"referral_id": notification.pk}
