"""The dashboards count persons, not records: `person_expression` gives linked records one value."""

from django.db.models import Count
from django.utils import timezone

from spojka.clients.models import Client
from spojka.linkage.models import Person, PersonRecord
from spojka.linkage.queries import person_expression
from spojka.referrals.models import Referral
from tests.clients.factories import ClientFactory
from tests.conftest import Personas
from tests.referrals.factories import ReferralFactory


def _persons() -> int:
    counted = Client.objects.annotate(person=person_expression()).aggregate(n=Count("person", distinct=True))
    return int(counted["n"])


def test_person_expression_counts_two_linked_records_as_one_person(personas: Personas) -> None:
    first = ClientFactory(organization=personas.ours)
    second = ClientFactory(organization=personas.theirs)
    ClientFactory(organization=personas.ours)
    person = Person.objects.create()
    PersonRecord.objects.create(person=person, client=first)
    PersonRecord.objects.create(person=person, client=second)
    assert Client.objects.count() == 3
    assert _persons() == 2


def test_person_expression_gives_an_unlinked_record_its_own_id(personas: Personas) -> None:
    alone = ClientFactory(organization=personas.ours)
    assert Client.objects.annotate(person=person_expression()).get().person == alone.pk
    assert _persons() == 1


def test_person_expression_ignores_undone_links(personas: Personas) -> None:
    first = ClientFactory(organization=personas.ours)
    second = ClientFactory(organization=personas.ours)
    person = Person.objects.create()
    PersonRecord.objects.create(person=person, client=first)
    PersonRecord.objects.create(person=person, client=second, unlinked_at=timezone.now())
    assert _persons() == 2


def test_person_expression_works_through_a_relation_prefix(personas: Personas) -> None:
    first = ClientFactory(organization=personas.ours)
    second = ClientFactory(organization=personas.theirs)
    person = Person.objects.create()
    PersonRecord.objects.create(person=person, client=first)
    PersonRecord.objects.create(person=person, client=second)
    ReferralFactory(client=first)
    ReferralFactory(client=second)
    counted = Referral.objects.annotate(person=person_expression(prefix="client__")).aggregate(
        n=Count("person", distinct=True)
    )
    assert Referral.objects.count() == 2
    assert counted["n"] == 1
