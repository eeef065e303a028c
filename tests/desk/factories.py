"""factory_boy factories of the desk app, and a small one-stop shop to test against."""

from dataclasses import dataclass
from datetime import time

import factory
from factory.django import DjangoModelFactory

from spojka.desk.enums import StationKind
from spojka.desk.models import OpeningHours, Purpose, RouteStep, Site, Station, StationOperator
from spojka.network.models import Membership, Organization
from tests.factories import OrganizationFactory


class SiteFactory(DjangoModelFactory[Site]):
    class Meta:
        model = Site

    name = factory.Sequence(lambda n: f"One-stop shop {n}")
    organization = factory.SubFactory(OrganizationFactory)
    ticket_prefix = "A"
    languages = factory.LazyFunction(lambda: ["cs", "uk", "en"])


class StationFactory(DjangoModelFactory[Station]):
    class Meta:
        model = Station

    site = factory.SubFactory(SiteFactory)
    organization = factory.SelfAttribute("site.organization")
    kind = StationKind.REGISTRATION
    code = factory.Sequence(lambda n: str(n + 1))
    labels = factory.LazyAttribute(
        lambda station: {
            "cs": f"Přepážka {station.code}",
            "uk": f"Віконце {station.code}",
            "en": f"Desk {station.code}",
        }
    )
    position = factory.Sequence(lambda n: n)
    service_minutes = 10


class OpeningHoursFactory(DjangoModelFactory[OpeningHours]):
    class Meta:
        model = OpeningHours

    station = factory.SubFactory(StationFactory)
    weekday = 0
    opens_at = time(8)
    closes_at = time(16)


class PurposeFactory(DjangoModelFactory[Purpose]):
    class Meta:
        model = Purpose

    site = factory.SubFactory(SiteFactory)
    labels = factory.Sequence(lambda n: {"cs": f"Účel {n}", "uk": f"Мета {n}", "en": f"Purpose {n}"})
    position = factory.Sequence(lambda n: n)


class RouteStepFactory(DjangoModelFactory[RouteStep]):
    class Meta:
        model = RouteStep

    purpose = factory.SubFactory(PurposeFactory)
    station = factory.SubFactory(StationFactory)
    position = factory.Sequence(lambda n: n)


@dataclass(frozen=True)
class Shop:
    """A site with three stations (registration, police, insurance) and two purposes.

    "registration" routes registration → police; "insurance" routes registration → insurance.
    """

    site: Site
    registration: Station
    police: Station
    insurance: Station
    register: Purpose
    insure: Purpose


def make_shop(*, organization: Organization | None = None, agency: Organization | None = None, name: str = "") -> Shop:
    """Return a one-stop shop hosted by `organization`, its police desk run by `agency`."""
    organization = organization or OrganizationFactory()
    site = SiteFactory(organization=organization, **({"name": name} if name else {}))
    registration = StationFactory(
        site=site, code="1", position=1, labels={"cs": "Registrace", "uk": "Реєстрація", "en": "Registration"}
    )
    police = StationFactory(
        site=site,
        code="2",
        position=2,
        kind=StationKind.FOREIGN_POLICE,
        organization=agency or organization,
        labels={"cs": "Cizinecká policie", "uk": "Іноземна поліція", "en": "Foreign police"},
    )
    insurance = StationFactory(
        site=site,
        code="3",
        position=3,
        kind=StationKind.HEALTH_INSURANCE,
        labels={"cs": "Pojišťovna", "uk": "Страхування", "en": "Insurance"},
    )
    register = PurposeFactory(
        site=site, position=1, labels={"cs": "Registrace", "uk": "Реєстрація", "en": "Registration"}
    )
    RouteStepFactory(purpose=register, station=registration, position=0)
    RouteStepFactory(purpose=register, station=police, position=1)
    insure = PurposeFactory(site=site, position=2, labels={"cs": "Pojištění", "uk": "Страхування", "en": "Insurance"})
    RouteStepFactory(purpose=insure, station=registration, position=0)
    RouteStepFactory(purpose=insure, station=insurance, position=1)
    return Shop(
        site=site, registration=registration, police=police, insurance=insurance, register=register, insure=insure
    )


def assign(station: Station, *memberships: Membership) -> None:
    """Let these desk operators serve the station."""
    for membership in memberships:
        StationOperator.objects.get_or_create(station=station, membership=membership)
