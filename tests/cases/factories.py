"""Factories of the cases app."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from spojka.cases.enums import NoteConfidentiality
from spojka.cases.models import Case, CaseNeed, Note, Task
from tests.clients.factories import ClientFactory
from tests.directory.factories import TaxonomyTermFactory


class CaseFactory(DjangoModelFactory[Case]):
    class Meta:
        model = Case

    client = factory.SubFactory(ClientFactory)
    organization = factory.SelfAttribute("client.organization")
    title = factory.Sequence(lambda n: f"Case {n}")


class CaseNeedFactory(DjangoModelFactory[CaseNeed]):
    class Meta:
        model = CaseNeed

    case = factory.SubFactory(CaseFactory)
    client = factory.SelfAttribute("case.client")
    term = factory.SubFactory(TaxonomyTermFactory)


class NoteFactory(DjangoModelFactory[Note]):
    class Meta:
        model = Note

    case = factory.SubFactory(CaseFactory)
    text = "Talked about the job interview."
    confidentiality = NoteConfidentiality.ORGANIZATION


class TaskFactory(DjangoModelFactory[Task]):
    class Meta:
        model = Task

    case = factory.SubFactory(CaseFactory)
    title = factory.Sequence(lambda n: f"Task {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=2))
