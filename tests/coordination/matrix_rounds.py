"""Rounds and capacity figures of "ours" for the permission-matrix test."""

from tests.conftest import Personas
from tests.coordination.factories_rounds import (
    CapacityFigureFactory,
    ReportingRoundFactory,
    RoundQuestionFactory,
    RoundRecipientFactory,
)


def a_round(personas: Personas) -> dict[str, object]:
    """A published round sent to our organisation, with one question."""
    recipient = RoundRecipientFactory(organization=personas.ours)
    RoundQuestionFactory(round=recipient.round, key="places")
    return {"round_id": recipient.round_id}


def a_question_key(personas: Personas) -> dict[str, object]:
    recipient = RoundRecipientFactory(organization=personas.ours)
    RoundQuestionFactory(round=recipient.round, key="places")
    return {"key": "places"}


def a_draft_round(personas: Personas) -> dict[str, object]:
    return {"round_id": ReportingRoundFactory(status="draft", published_at=None).pk}


def a_manual_figure(personas: Personas) -> dict[str, object]:
    return {"figure_id": CapacityFigureFactory().pk}
