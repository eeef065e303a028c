"""Factories of the linkage app: candidate pairs of two clients (stored in id order) and persons."""

from typing import Any

import factory
from factory.django import DjangoModelFactory

from spojka.clients.models import Client
from spojka.linkage.enums import PairStatus
from spojka.linkage.models import CandidatePair, Person, PersonRecord


class CandidatePairFactory(DjangoModelFactory[CandidatePair]):
    """A pair to review; give `client_a` and `client_b` through `pair_of` so they are in id order."""

    class Meta:
        model = CandidatePair

    weight = 3.5
    probability = 0.8
    reasons = factory.LazyFunction(lambda: ["given_name_equal", "family_name_equal_after_transliteration"])
    status = PairStatus.REVIEW


def pair_of(first: Client, second: Client, **kwargs: Any) -> CandidatePair:
    """Return a candidate pair of two clients, in the order the table keeps them."""
    low, high = sorted((first, second), key=lambda client: client.pk)
    cross = kwargs.pop("cross_organization", low.organization_id != high.organization_id)
    return CandidatePairFactory(client_a=low, client_b=high, cross_organization=cross, **kwargs)


def person_of(*clients: Client) -> Person:
    """Return a person with the clients' records linked to it."""
    person = Person.objects.create()
    for client in clients:
        PersonRecord.objects.create(person=person, client=client)
    return person
