"""Factories of reporting rounds and the capacity registry."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from spojka.coordination.enums_rounds import (
    CapacityKind,
    CapacitySource,
    QuestionKind,
    RecipientRule,
    RecipientStatus,
    RoundStatus,
)
from spojka.coordination.models import CapacityFigure, ReportingRound, RoundQuestion, RoundRecipient
from tests.factories import AdministrativeUnitFactory, OrganizationFactory, UserFactory


class ReportingRoundFactory(DjangoModelFactory[ReportingRound]):
    class Meta:
        model = ReportingRound

    title = factory.Sequence(lambda n: f"Round {n}")
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    status = RoundStatus.PUBLISHED
    recipient_rule = RecipientRule.CHOSEN
    created_by = factory.SubFactory(UserFactory)
    published_at = factory.LazyFunction(timezone.now)


class RoundQuestionFactory(DjangoModelFactory[RoundQuestion]):
    class Meta:
        model = RoundQuestion

    round = factory.SubFactory(ReportingRoundFactory)
    key = factory.Sequence(lambda n: f"question-{n}")
    label = factory.Sequence(lambda n: f"Question {n}")
    kind = QuestionKind.NUMBER
    position = factory.Sequence(lambda n: n)


class RoundRecipientFactory(DjangoModelFactory[RoundRecipient]):
    class Meta:
        model = RoundRecipient

    round = factory.SubFactory(ReportingRoundFactory)
    organization = factory.SubFactory(OrganizationFactory)
    status = RecipientStatus.NOT_OPENED


class CapacityFigureFactory(DjangoModelFactory[CapacityFigure]):
    class Meta:
        model = CapacityFigure

    municipality = factory.SubFactory(AdministrativeUnitFactory)
    kind = CapacityKind.ACCOMMODATION
    places = 10
    source = CapacitySource.MANUAL
    confirmed_at = factory.LazyFunction(timezone.now)
