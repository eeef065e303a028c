"""The state machine: every transition from every status, allowed exactly where the table says."""

import itertools

import pytest

from spojka.referrals import actions
from spojka.referrals.enums import ReferralStatus, Side, Transition
from spojka.referrals.models import Referral, ReferralEvent
from spojka.referrals.transitions import TRANSITIONS, ForbiddenTransitionError, allowed_transitions
from tests.referrals.conftest import Network

# The whole table, written out once more by hand: (transition, from) → to.
EXPECTED = {
    (Transition.SEND, ReferralStatus.DRAFT): ReferralStatus.SENT,
    (Transition.CANCEL, ReferralStatus.DRAFT): ReferralStatus.CANCELLED,
    (Transition.CANCEL, ReferralStatus.SENT): ReferralStatus.CANCELLED,
    (Transition.ACCEPT, ReferralStatus.SENT): ReferralStatus.ACCEPTED,
    (Transition.DECLINE, ReferralStatus.SENT): ReferralStatus.DECLINED,
    (Transition.COMPLETE, ReferralStatus.ACCEPTED): ReferralStatus.COMPLETED,
    (Transition.NOT_COMPLETE, ReferralStatus.ACCEPTED): ReferralStatus.NOT_COMPLETED,
}

CASES = list(itertools.product(Transition, ReferralStatus))


def test_table_matches_the_documented_machine() -> None:
    documented = {
        (transition, source): move.target for transition, move in TRANSITIONS.items() for source in move.sources
    }
    assert documented == EXPECTED


def test_sender_may_cancel_only_before_acceptance() -> None:
    assert Transition.CANCEL in allowed_transitions(ReferralStatus.SENT)
    assert Transition.CANCEL not in allowed_transitions(ReferralStatus.ACCEPTED)


@pytest.mark.parametrize(("transition", "status"), CASES, ids=lambda value: str(value))
def test_transition_allowed_exactly_where_the_table_says(
    network: Network, transition: Transition, status: ReferralStatus
) -> None:
    network.consent()
    referral = network.in_status(status)
    by = network.sender if TRANSITIONS[transition].side == Side.SENDER else network.recipient
    expected = EXPECTED.get((transition, status))
    if expected is None:
        with pytest.raises(ForbiddenTransitionError) as refused:
            actions.take_transition(
                referral=referral, transition=transition, expected_version=referral.version, by=by, reason="Because."
            )
        assert str(status.label) in str(refused.value)
        referral.refresh_from_db()
        assert referral.status == status
    else:
        moved = actions.take_transition(
            referral=referral, transition=transition, expected_version=referral.version, by=by, reason="Because."
        )
        assert moved.status == expected
        assert ReferralEvent.objects.filter(referral=referral, transition=transition, to_status=expected).exists()


@pytest.mark.parametrize(("transition", "source"), list(EXPECTED), ids=lambda value: str(value))
def test_transition_refused_to_the_other_side(network: Network, transition: Transition, source: ReferralStatus) -> None:
    network.consent()
    referral = network.in_status(source)
    wrong = network.recipient if TRANSITIONS[transition].side == Side.SENDER else network.sender
    with pytest.raises(ForbiddenTransitionError):
        actions.take_transition(
            referral=referral, transition=transition, expected_version=referral.version, by=wrong, reason="Because."
        )
    assert Referral.objects.get(pk=referral.pk).status == source


@pytest.mark.parametrize("transition", [Transition.DECLINE, Transition.NOT_COMPLETE])
def test_transition_needing_a_reason_refused_without_one(network: Network, transition: Transition) -> None:
    network.consent()
    source = next(status for (name, status) in EXPECTED if name == transition)
    referral = network.in_status(source)
    with pytest.raises(actions.ReferralError):
        actions.take_transition(
            referral=referral,
            transition=transition,
            expected_version=referral.version,
            by=network.recipient,
            reason=" ",
        )
    assert Referral.objects.get(pk=referral.pk).status == source


def test_every_change_raises_the_version(network: Network) -> None:
    network.consent()
    referral = network.in_status(ReferralStatus.COMPLETED)
    assert referral.version == 3
