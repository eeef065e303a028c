"""The closed loop: accepting opens a linked case at the recipient; the outcome comes back to the sender's case."""

from collections.abc import Callable

from django.test import Client as DjangoClient
from django.urls import reverse

from spojka.accounts.models import User
from spojka.cases import actions as case_actions
from spojka.cases.enums import NeedStatus, NoteConfidentiality
from spojka.cases.queries import cases_visible_to
from spojka.network.enums import Role
from spojka.referrals import actions
from spojka.referrals.enums import ReferralStatus
from tests.directory.factories import ServiceFactory
from tests.referrals.conftest import Network


def test_accepting_opens_a_case_at_the_recipient_linked_to_the_senders(network: Network) -> None:
    network.consent()
    referral = network.sent()
    accepted = actions.accept_referral(referral=referral, expected_version=referral.version, by=network.recipient)
    case = accepted.recipient_case
    assert case is not None
    assert case.organization == network.personas.theirs
    assert case.client == network.client
    assert case.caseworker == network.recipient
    assert list(case.origin_referrals.all()) == [accepted]
    assert accepted.case == network.case
    assert cases_visible_to(network.recipient).filter(pk=case.pk).exists()
    assert not cases_visible_to(network.recipient).filter(pk=network.case.pk).exists()
    network.need.refresh_from_db()
    assert network.need.status == NeedStatus.IN_PROGRESS


def test_completion_comes_back_to_the_senders_case(network: Network, login: Callable[[User], DjangoClient]) -> None:
    network.consent()
    referral = network.sent()
    referral = actions.accept_referral(referral=referral, expected_version=referral.version, by=network.recipient)
    actions.complete_referral(
        referral=referral,
        expected_version=referral.version,
        outcome="Started work at the factory.",
        by=network.recipient,
    )
    network.need.refresh_from_db()
    assert network.need.status == NeedStatus.MET
    page = login(network.sender).get(reverse("cases:detail", kwargs={"case_id": network.case.pk})).content.decode()
    assert "Started work at the factory." in page


def test_failure_leaves_the_senders_need_unmet(network: Network) -> None:
    network.consent()
    referral = network.sent()
    referral = actions.accept_referral(referral=referral, expected_version=referral.version, by=network.recipient)
    actions.fail_referral(
        referral=referral, expected_version=referral.version, outcome="Never came.", by=network.recipient
    )
    network.need.refresh_from_db()
    assert network.need.status == NeedStatus.UNMET


def test_messages_go_both_ways(network: Network) -> None:
    network.consent()
    referral = network.sent()
    actions.post_message(referral=referral, text="When can she come?", by=network.recipient)
    actions.post_message(referral=referral, text="Monday morning.", by=network.sender)
    assert [message.text for message in referral.messages.order_by("created_at")] == [
        "When can she come?",
        "Monday morning.",
    ]


def test_erasing_a_client_clears_the_free_texts_of_their_casework(network: Network) -> None:
    network.consent()
    case_actions.add_note(
        case=network.case, text="Lives with her aunt.", confidentiality=NoteConfidentiality.SHARED, by=network.sender
    )
    referral = network.sent()
    actions.post_message(referral=referral, text="Olena calls tomorrow.", by=network.recipient)
    actions.erase_casework_of(client=network.client, by=network.sender)
    referral.refresh_from_db()
    assert referral.message == ""
    assert referral.status == ReferralStatus.SENT
    assert not network.case.notes.exclude(text="").exists()
    assert not referral.messages.exclude(text="").exists()


def test_referral_within_one_organisation_is_answered_by_its_own_staff(network: Network) -> None:
    own_service = ServiceFactory(organization=network.personas.ours, name="Our own course")
    colleague = network.personas.user(Role.ORGANIZATION_MANAGER)
    network.consent(recipient_organization=network.personas.ours)
    referral = actions.draft_referral(
        case=network.case, client=network.client, service=own_service, needs=[network.need], by=network.sender
    )
    referral = actions.send_referral(referral=referral, expected_version=referral.version, by=network.sender)
    accepted = actions.accept_referral(referral=referral, expected_version=referral.version, by=colleague)
    assert accepted.recipient_case is not None
    assert accepted.recipient_case.organization == network.personas.ours
