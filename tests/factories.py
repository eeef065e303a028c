"""factory_boy factories: one for every model."""

import factory
from factory.django import DjangoModelFactory

from spojka.accounts.models import User
from spojka.geo.models import AdministrativeUnit, Country, ResidenceStatus
from spojka.geo.search import search_key
from spojka.network.enums import Role, Sector
from spojka.network.models import Membership, Organization

PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    preferred_language = "cs"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class OrganizationFactory(DjangoModelFactory[Organization]):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organisation {n}")
    sector = Sector.NON_PROFIT


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.CASEWORKER


# Geography.


class CountryFactory(DjangoModelFactory[Country]):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "CZ"
    labels = factory.LazyFunction(lambda: {"cs": "Česko", "en": "Czechia", "uk": "Чехія"})
    pack = "cz-liberec"
    levels = factory.LazyFunction(
        lambda: [
            {"code": "region", "labels": {"cs": "Kraj", "en": "Region"}},
            {"code": "municipality", "labels": {"cs": "Obec", "en": "Municipality"}},
        ]
    )
    languages = factory.LazyFunction(lambda: ["cs", "uk", "en"])


class AdministrativeUnitFactory(DjangoModelFactory[AdministrativeUnit]):
    class Meta:
        model = AdministrativeUnit

    country = factory.SubFactory(CountryFactory)
    code = factory.Sequence(lambda n: f"{500000 + n}")
    name = factory.Sequence(lambda n: f"Municipality {n}")
    search_name = factory.LazyAttribute(lambda unit: search_key(unit.name))
    level = "municipality"
    depth = factory.LazyAttribute(lambda unit: unit.parent.depth + 1 if unit.parent else 0)
    parent = None
    population = 1000


class ResidenceStatusFactory(DjangoModelFactory[ResidenceStatus]):
    class Meta:
        model = ResidenceStatus

    country = factory.SubFactory(CountryFactory)
    code = factory.Sequence(lambda n: f"status_{n}")
    labels = factory.LazyAttribute(lambda status: {"cs": status.code, "en": status.code})
    position = factory.Sequence(lambda n: n)
