"""Referral pages: what each side sees, the audit entries each view writes, exports, and constant query counts."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client as DjangoClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from spojka.accounts.models import User
from spojka.audit.enums import AuditAction
from spojka.audit.models import AccessEntry
from spojka.network.enums import Role
from spojka.referrals.enums import ReferralStatus
from spojka.referrals.models import Referral
from tests.cases.factories import CaseFactory
from tests.clients.factories import ClientFactory
from tests.directory.factories import ServiceCapacityFactory, ServiceFactory
from tests.factories import OrganizationFactory
from tests.referrals.conftest import Network
from tests.referrals.factories import NotificationFactory, ReferralFactory


def _entries(user: User, action: AuditAction) -> list[AccessEntry]:
    return list(AccessEntry.objects.filter(user=user, action=action))


def test_referral_form_refers_with_consent_and_audits(network: Network, login: Callable[[User], DjangoClient]) -> None:
    network.consent()
    client = login(network.sender)
    response = client.post(
        reverse("referrals:new", kwargs={"case_id": network.case.pk}),
        {"client": network.client.pk, "service": network.service.pk, "needs": [network.need.pk], "message": "Hi"},
    )
    referral = Referral.objects.get()
    assert response["Location"] == reverse("referrals:detail", kwargs={"referral_id": referral.pk})
    assert referral.status == ReferralStatus.SENT
    assert {entry.object_id for entry in _entries(network.sender, AuditAction.CREATE)} >= {str(referral.pk)}
    assert any(entry.object_id == str(referral.pk) for entry in _entries(network.sender, AuditAction.UPDATE))


def test_referral_form_shows_capacity_of_the_services(network: Network, login: Callable[[User], DjangoClient]) -> None:
    ServiceCapacityFactory(service=network.service, available=3, maximum=28)
    page = login(network.sender).get(reverse("referrals:new", kwargs={"case_id": network.case.pk})).content.decode()
    assert "3 of 28" in page


def test_referral_draft_needs_no_consent(network: Network, login: Callable[[User], DjangoClient]) -> None:
    login(network.sender).post(
        reverse("referrals:new", kwargs={"case_id": network.case.pk}),
        {"client": network.client.pk, "service": network.service.pk, "needs": [network.need.pk], "action": "draft"},
    )
    assert Referral.objects.get().status == ReferralStatus.DRAFT


def test_detail_read_is_audited_with_the_fields_shown(network: Network, login: Callable[[User], DjangoClient]) -> None:
    network.consent()
    referral = network.sent()
    login(network.recipient).get(reverse("referrals:detail", kwargs={"referral_id": referral.pk}))
    entry = AccessEntry.objects.get(user=network.recipient, action=AuditAction.READ)
    assert entry.object_id == str(referral.pk)
    assert entry.client_id == network.client.pk
    assert "family_name" in entry.fields
    assert "phone" in entry.fields
    assert "document_number" not in entry.fields


@pytest.mark.parametrize(
    ("name", "transition_status"),
    [("referrals:accept", ReferralStatus.ACCEPTED), ("referrals:decline", ReferralStatus.DECLINED)],
)
def test_answer_views_move_the_referral_and_audit(
    network: Network, login: Callable[[User], DjangoClient], name: str, transition_status: ReferralStatus
) -> None:
    network.consent()
    referral = network.sent()
    login(network.recipient).post(
        reverse(name, kwargs={"referral_id": referral.pk}), {"version": referral.version, "reason": "Full."}
    )
    referral.refresh_from_db()
    assert referral.status == transition_status
    assert AccessEntry.objects.filter(
        user=network.recipient, action=AuditAction.UPDATE, object_id=str(referral.pk)
    ).exists()


def test_message_view_is_audited(network: Network, login: Callable[[User], DjangoClient]) -> None:
    network.consent()
    referral = network.sent()
    login(network.recipient).post(reverse("referrals:message_add", kwargs={"referral_id": referral.pk}), {"text": "Hi"})
    assert referral.messages.count() == 1
    assert AccessEntry.objects.filter(user=network.recipient, action=AuditAction.CREATE, fields=["messages"]).exists()


def test_other_organisations_referral_is_not_found(network: Network, login: Callable[[User], DjangoClient]) -> None:
    stranger_case = CaseFactory(client=ClientFactory(organization=OrganizationFactory()))
    foreign = ReferralFactory(case=stranger_case, status=ReferralStatus.SENT)
    response = login(network.sender).get(reverse("referrals:detail", kwargs={"referral_id": foreign.pk}))
    assert response.status_code == 404


def test_recipient_does_not_see_drafts(network: Network, login: Callable[[User], DjangoClient]) -> None:
    referral = network.draft()
    response = login(network.recipient).get(reverse("referrals:detail", kwargs={"referral_id": referral.pk}))
    assert response.status_code == 404
    inbox = login(network.recipient).get(reverse("referrals:inbox")).content.decode()
    assert str(referral.pk) not in inbox


@pytest.mark.parametrize("name", ["referrals:inbox", "referrals:sent"])
def test_lists_leave_out_other_organisations_referrals(
    network: Network, login: Callable[[User], DjangoClient], name: str
) -> None:
    stranger = OrganizationFactory()
    foreign = ReferralFactory(
        case=CaseFactory(client=ClientFactory(organization=stranger)),
        service=ServiceFactory(organization=OrganizationFactory(), name="Stranger service"),
        status=ReferralStatus.SENT,
    )
    network.consent()
    network.sent()
    user = network.recipient if name == "referrals:inbox" else network.sender
    client = login(user)
    for query in ({}, {"format": "csv"}):
        content = client.get(reverse(name), query).content.decode("utf-8-sig")
        assert "Job club" in content
        assert "Stranger service" not in content
        assert str(foreign.pk) not in content


def test_export_is_audited(network: Network, login: Callable[[User], DjangoClient]) -> None:
    network.consent()
    referral = network.sent()
    response = login(network.recipient).get(reverse("referrals:inbox"), {"format": "xlsx"})
    assert response.status_code == 200
    entry = AccessEntry.objects.get(user=network.recipient, action=AuditAction.EXPORT)
    assert entry.object_id == str(referral.pk)


def _count_queries(client: DjangoClient, url: str) -> int:
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _make_incoming(network: Network, count: int) -> None:
    for _ in range(count):
        case = CaseFactory(client=ClientFactory(organization=network.personas.ours))
        ReferralFactory(case=case, service=network.service, status=ReferralStatus.SENT)


@pytest.mark.parametrize("name", ["referrals:inbox", "referrals:sent", "referrals:notifications"])
def test_list_queries_do_not_grow_with_rows(network: Network, login: Callable[[User], DjangoClient], name: str) -> None:
    user = network.recipient if name != "referrals:sent" else network.sender
    client = login(user)
    _make_incoming(network, 2)
    if name == "referrals:notifications":
        NotificationFactory.create_batch(2, user=user)
    few = _count_queries(client, reverse(name))
    _make_incoming(network, 8)
    if name == "referrals:notifications":
        NotificationFactory.create_batch(8, user=user)
    many = _count_queries(client, reverse(name))
    assert few == many


@pytest.mark.parametrize("role", [Role.REGIONAL_COORDINATOR, Role.ANALYST, Role.DESK_OPERATOR, Role.PLATFORM_ADMIN])
def test_roles_without_personal_data_see_no_referral(
    network: Network, login: Callable[[User], DjangoClient], role: Role
) -> None:
    network.consent()
    referral = network.sent()
    client = login(network.personas.user(role))
    assert client.get(reverse("referrals:detail", kwargs={"referral_id": referral.pk})).status_code in {403, 404}
    assert client.get(reverse("referrals:sent")).status_code == 403
