"""factory_boy factories for the directory's models (others may add to this file with small edits)."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from spojka.directory.enums import PhoneType, ServiceStatus, Weekday
from spojka.directory.models import (
    CapacityUnit,
    Contact,
    Language,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceCapacity,
    Taxonomy,
    TaxonomyTerm,
)
from tests.factories import AdministrativeUnitFactory, OrganizationFactory


class TaxonomyFactory(DjangoModelFactory[Taxonomy]):
    class Meta:
        model = Taxonomy
        django_get_or_create = ("code",)

    code = "needs"
    labels = factory.LazyFunction(lambda: {"cs": "Potřeby", "en": "Needs", "uk": "Потреби"})


class TaxonomyTermFactory(DjangoModelFactory[TaxonomyTerm]):
    class Meta:
        model = TaxonomyTerm

    taxonomy = factory.SubFactory(TaxonomyFactory)
    code = factory.Sequence(lambda n: f"need-{n}")
    labels = factory.LazyAttribute(lambda term: {"cs": f"Potřeba {term.code}", "en": f"Need {term.code}"})
    synonyms = factory.LazyFunction(dict)
    position = factory.Sequence(lambda n: n)


class ServiceFactory(DjangoModelFactory[Service]):
    class Meta:
        model = Service

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Služba {n}")
    description = "Popis služby."
    status = ServiceStatus.ACTIVE
    reviewed_at = factory.LazyFunction(timezone.now)


class LocationFactory(DjangoModelFactory[Location]):
    class Meta:
        model = Location

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Místo {n}")
    address_1 = factory.Sequence(lambda n: f"Hlavní {n}")
    city = "Liberec"
    postal_code = "460 01"
    municipality = factory.SubFactory(AdministrativeUnitFactory)


class ServiceAtLocationFactory(DjangoModelFactory[ServiceAtLocation]):
    class Meta:
        model = ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory, organization=factory.SelfAttribute("..service.organization"))


class ScheduleFactory(DjangoModelFactory[Schedule]):
    """A regular weekly interval of a service (pass `location=…, service=None` for a location's)."""

    class Meta:
        model = Schedule

    service = factory.SubFactory(ServiceFactory)
    weekday = Weekday.MONDAY
    opens_at = datetime.time(9, 0)
    closes_at = datetime.time(17, 0)
    is_exception = False


class CapacityUnitFactory(DjangoModelFactory[CapacityUnit]):
    class Meta:
        model = CapacityUnit
        django_get_or_create = ("code",)

    code = "bed"
    labels = factory.LazyFunction(lambda: {"cs": "lůžko", "en": "bed", "uk": "ліжко"})


class ServiceCapacityFactory(DjangoModelFactory[ServiceCapacity]):
    class Meta:
        model = ServiceCapacity

    service = factory.SubFactory(ServiceFactory)
    unit = factory.SubFactory(CapacityUnitFactory)
    available = 5
    maximum = 10


class LanguageFactory(DjangoModelFactory[Language]):
    class Meta:
        model = Language

    service = factory.SubFactory(ServiceFactory)
    code = "uk"


class ContactFactory(DjangoModelFactory[Contact]):
    class Meta:
        model = Contact

    service = factory.SubFactory(ServiceFactory)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")


class PhoneFactory(DjangoModelFactory[Phone]):
    class Meta:
        model = Phone

    service = factory.SubFactory(ServiceFactory)
    number = factory.Sequence(lambda n: f"+420485{n % 1000000:06d}")
    type = PhoneType.VOICE


class ServiceAreaFactory(DjangoModelFactory[ServiceArea]):
    class Meta:
        model = ServiceArea

    service = factory.SubFactory(ServiceFactory)
    unit = factory.SubFactory(AdministrativeUnitFactory)
