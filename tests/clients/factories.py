"""Factories of the clients app."""

import datetime

import factory
from factory.django import DjangoModelFactory

from spojka.clients.enums import BirthDatePrecision, ConsentChannel, DataCategory, Sex
from spojka.clients.models import Client, Consent, Household, Vulnerability
from spojka.clients.names import name_key, search_names
from spojka.linkage.actions import index_client
from tests.factories import CountryFactory, OrganizationFactory


class VulnerabilityFactory(DjangoModelFactory[Vulnerability]):
    class Meta:
        model = Vulnerability
        django_get_or_create = ("country", "code")

    country = factory.SubFactory(CountryFactory)
    code = factory.Sequence(lambda n: f"vulnerability_{n}")
    labels = factory.LazyAttribute(lambda v: {"en": v.code.replace("_", " "), "cs": v.code})
    position = factory.Sequence(lambda n: n)


class HouseholdFactory(DjangoModelFactory[Household]):
    class Meta:
        model = Household

    organization = factory.SubFactory(OrganizationFactory)


class ClientFactory(DjangoModelFactory[Client]):
    class Meta:
        model = Client
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    given_name = "Olena"
    family_name = factory.Sequence(lambda n: f"Kovalenko{n}")
    native_given_name = "Олена"
    native_family_name = factory.LazyAttribute(lambda c: c.family_name.replace("Kovalenko", "Коваленко"))
    birth_date = datetime.date(1988, 4, 12)
    birth_date_precision = BirthDatePrecision.DAY
    sex = Sex.FEMALE
    citizenship = "UA"
    languages = factory.LazyFunction(lambda: ["uk", "ru"])
    preferred_language = "uk"
    name_key = factory.LazyAttribute(lambda c: name_key(c.given_name, c.family_name))
    native_name_key = factory.LazyAttribute(lambda c: name_key(c.native_given_name, c.native_family_name))
    search_names = factory.LazyAttribute(
        lambda c: search_names([c.given_name, c.family_name, c.native_given_name, c.native_family_name])
    )

    @factory.post_generation
    def blocking_keys(obj: Client, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805  # factory_boy's hook
        # As `register_client` does: identity matching finds the client by these keys.
        if create:
            index_client(client=obj)


class ConsentFactory(DjangoModelFactory[Consent]):
    class Meta:
        model = Consent

    client = factory.SubFactory(ClientFactory)
    recipient_organization = factory.SubFactory(OrganizationFactory)
    purpose = "Help with finding a job"
    categories = factory.LazyFunction(lambda: [DataCategory.IDENTITY.value, DataCategory.CONTACT.value])
    given_on = factory.LazyFunction(datetime.date.today)
    channel = ConsentChannel.SIGNED_PAPER
