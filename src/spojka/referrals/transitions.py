"""The referral's state machine: the one table of which transition moves which status where, by which side.

draft → sent → accepted | declined (with a reason) → completed | not completed (with an outcome);
the sender may cancel while the referral is not yet accepted. Everything else is forbidden, and
`transition_for` says so in words the user understands. A small explicit table rather than a
library: the concurrency check (a version column in a conditional UPDATE) wants the write in our hands.
"""

from dataclasses import dataclass
from typing import Final

from django.utils.translation import gettext as _

from spojka.referrals.enums import NotificationEvent, ReferralStatus, Side, Transition


@dataclass(frozen=True)
class Move:
    """One row of the table: from which statuses a transition leads where, who takes it, and what it needs."""

    sources: frozenset[ReferralStatus]
    target: ReferralStatus
    side: Side
    needs_reason: bool = False
    event: NotificationEvent | None = None


TRANSITIONS: Final[dict[Transition, Move]] = {
    Transition.SEND: Move(
        frozenset({ReferralStatus.DRAFT}), ReferralStatus.SENT, Side.SENDER, event=NotificationEvent.SENT
    ),
    Transition.ACCEPT: Move(
        frozenset({ReferralStatus.SENT}), ReferralStatus.ACCEPTED, Side.RECIPIENT, event=NotificationEvent.ACCEPTED
    ),
    Transition.DECLINE: Move(
        frozenset({ReferralStatus.SENT}),
        ReferralStatus.DECLINED,
        Side.RECIPIENT,
        needs_reason=True,
        event=NotificationEvent.DECLINED,
    ),
    Transition.COMPLETE: Move(
        frozenset({ReferralStatus.ACCEPTED}),
        ReferralStatus.COMPLETED,
        Side.RECIPIENT,
        needs_reason=False,
        event=NotificationEvent.COMPLETED,
    ),
    Transition.NOT_COMPLETE: Move(
        frozenset({ReferralStatus.ACCEPTED}),
        ReferralStatus.NOT_COMPLETED,
        Side.RECIPIENT,
        needs_reason=True,
        event=NotificationEvent.NOT_COMPLETED,
    ),
    Transition.CANCEL: Move(
        frozenset({ReferralStatus.DRAFT, ReferralStatus.SENT}),
        ReferralStatus.CANCELLED,
        Side.SENDER,
        needs_reason=False,
        event=NotificationEvent.CANCELLED,
    ),
}  # fmt: skip

# Statuses nothing leads out of.
FINAL_STATUSES: Final = frozenset(
    {ReferralStatus.DECLINED, ReferralStatus.COMPLETED, ReferralStatus.NOT_COMPLETED, ReferralStatus.CANCELLED}
)


class ForbiddenTransitionError(ValueError):
    """The state machine does not allow the transition from the referral's status; the message is for the user."""


def allowed_transitions(status: ReferralStatus | str) -> list[Transition]:
    """Return the transitions the table allows from a status, in the order of `Transition`."""
    return [transition for transition, move in TRANSITIONS.items() if status in move.sources]


def transition_for(transition: Transition, status: ReferralStatus | str) -> Move:
    """Return the table's row for the transition from the status, or raise with a clear message."""
    move = TRANSITIONS[transition]
    if status not in move.sources:
        raise ForbiddenTransitionError(
            _("A referral that is “%(status)s” cannot be changed by “%(action)s”.")
            % {"status": ReferralStatus(status).label, "action": Transition(transition).label}
        )
    return move
