"""The access rules as a property: each role of each organisation against each case, referral and client of every other.

Hypothesis draws organisations, clients (each with a case at its organisation), referrals between
them in any kind and status, and the state of each client's consent to each recipient. An oracle
written from the rules in words says who may see what; the one-function-per-model queries must
agree with it exactly, for every user.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spojka.cases.queries import cases_visible_to
from spojka.clients.queries import clients_visible_to
from spojka.network.enums import Role
from spojka.referrals.enums import LegalBasis, ReferralKind, ReferralStatus
from spojka.referrals.queries import SHARING_STATUSES, live_categories, referrals_visible_to
from tests.cases.factories import CaseFactory
from tests.clients.factories import ClientFactory, ConsentFactory
from tests.directory.factories import ServiceFactory
from tests.factories import MembershipFactory, OrganizationFactory
from tests.referrals.factories import ReferralFactory

ROLES = [
    Role.ORGANIZATION_MANAGER,
    Role.CASEWORKER,
    Role.DESK_OPERATOR,
    Role.CHILD_PROTECTION_OFFICER,
    Role.ANALYST,
    Role.REGIONAL_COORDINATOR,
    Role.PLATFORM_ADMIN,
]
CASEWORK = {Role.ORGANIZATION_MANAGER, Role.CASEWORKER}
CLIENT_READERS = {Role.ORGANIZATION_MANAGER, Role.CASEWORKER, Role.DESK_OPERATOR}
CONSENT_STATES = ["none", "standing", "withdrawn"]


@dataclass(frozen=True)
class PlannedReferral:
    client: int
    recipient: int
    kind: ReferralKind
    status: ReferralStatus
    consent: str


@st.composite
def worlds(draw: st.DrawFn) -> tuple[int, list[int], list[PlannedReferral]]:
    organizations = draw(st.integers(min_value=2, max_value=3))
    clients = draw(st.lists(st.integers(min_value=0, max_value=organizations - 1), min_size=1, max_size=4))
    referrals = draw(
        st.lists(
            st.builds(
                PlannedReferral,
                client=st.integers(min_value=0, max_value=len(clients) - 1),
                recipient=st.integers(min_value=0, max_value=organizations - 1),
                kind=st.sampled_from(list(ReferralKind)),
                status=st.sampled_from(list(ReferralStatus)),
                consent=st.sampled_from(CONSENT_STATES),
            ),
            max_size=5,
        )
    )
    return organizations, clients, referrals


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(world=worlds())
def test_every_role_sees_exactly_what_the_rules_say(
    db: None, world: tuple[int, list[int], list[PlannedReferral]]
) -> None:
    organization_count, client_owners, planned = world
    with transaction.atomic():
        organizations = [OrganizationFactory() for _ in range(organization_count)]
        users = {
            (index, role): MembershipFactory(organization=organization, role=role).user
            for index, organization in enumerate(organizations)
            for role in ROLES
        }
        clients = [ClientFactory(organization=organizations[owner]) for owner in client_owners]
        cases = [CaseFactory(client=client) for client in clients]
        consents: dict[tuple[int, int], str] = {}
        referrals = []
        for plan in planned:
            kind_fields: dict[str, object] = (
                {"service": None, "legal_basis": LegalBasis.CZ_CHILD_PROTECTION_NOTIFICATION}
                if plan.kind == ReferralKind.CHILD_PROTECTION
                else {"service": ServiceFactory(organization=organizations[plan.recipient])}
            )
            referrals.append(
                ReferralFactory(
                    case=cases[plan.client],
                    kind=plan.kind,
                    status=plan.status,
                    recipient_organization=organizations[plan.recipient],
                    **kind_fields,
                )
            )
            consents[(plan.client, plan.recipient)] = plan.consent
        for (client_index, recipient), state in consents.items():
            if state != "none":
                ConsentFactory(
                    client=clients[client_index],
                    recipient_organization=organizations[recipient],
                    withdrawn_at=timezone.now() if state == "withdrawn" else None,
                )

        def consent_stands(client_index: int, recipient: int) -> bool:
            return consents.get((client_index, recipient)) == "standing"

        for (org, role), user in users.items():
            expected_referrals = {
                referral.pk
                for referral, plan in zip(referrals, planned, strict=True)
                if (role in CASEWORK and client_owners[plan.client] == org)
                or (
                    plan.recipient == org
                    and plan.status != ReferralStatus.DRAFT
                    and (
                        (role in CASEWORK and plan.kind == ReferralKind.REFERRAL)
                        or (role == Role.CHILD_PROTECTION_OFFICER and plan.kind == ReferralKind.CHILD_PROTECTION)
                    )
                )
            }
            assert set(referrals_visible_to(user).values_list("pk", flat=True)) == expected_referrals, (org, role)

            expected_cases = {
                case.pk for case, owner in zip(cases, client_owners, strict=True) if role in CASEWORK and owner == org
            }
            assert set(cases_visible_to(user).values_list("pk", flat=True)) == expected_cases, (org, role)

            shared = {
                plan.client
                for plan in planned
                if plan.kind == ReferralKind.REFERRAL
                and plan.recipient == org
                and plan.status in SHARING_STATUSES
                and consent_stands(plan.client, plan.recipient)
            }
            expected_clients = {
                client.pk
                for index, client in enumerate(clients)
                if role in CLIENT_READERS and (client_owners[index] == org or index in shared)
            }
            assert set(clients_visible_to(user).values_list("pk", flat=True)) == expected_clients, (org, role)

        # What a recipient sees of the client: the carried kinds while consent stands, always on a legal basis.
        for referral, plan in zip(referrals, planned, strict=True):
            sees = bool(live_categories(referral))
            if plan.kind == ReferralKind.CHILD_PROTECTION:
                assert sees
            else:
                assert sees == (plan.status in SHARING_STATUSES and consent_stands(plan.client, plan.recipient))
        transaction.set_rollback(True)
