"""Helpers of the HSDS tests: a directory with one of everything, and schema validation of exports."""

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from spojka.directory.enums import LocationType, PhoneType, ServiceStatus, Weekday
from spojka.directory.hsds import schemas
from spojka.directory.models import (
    Accessibility,
    Contact,
    CostOption,
    Language,
    Location,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceCapacity,
    ServiceEligibility,
    ServiceNeed,
    Taxonomy,
    TaxonomyTerm,
)
from spojka.geo.models import AdministrativeUnit, ResidenceStatus
from spojka.network.enums import Sector
from spojka.network.models import Organization
from tests.directory.factories import CapacityUnitFactory, TaxonomyFactory, TaxonomyTermFactory
from tests.factories import AdministrativeUnitFactory, OrganizationFactory, ResidenceStatusFactory

EXAMPLES: Final = Path(__file__).parent / "hsds_examples"


def geography() -> tuple[AdministrativeUnit, AdministrativeUnit, ResidenceStatus]:
    """Return a region, a municipality in it (with a postcode), and a residence status."""
    region = AdministrativeUnitFactory(code="CZ051", name="Liberecký kraj", level="region")
    town = AdministrativeUnitFactory(code="563889", name="Liberec", parent=region, attributes={"postcode": "460 01"})
    status = ResidenceStatusFactory(
        code="temporary_protection", labels={"cs": "Dočasná ochrana", "en": "Temporary protection"}
    )
    return region, town, status


def build_directory(organization: Organization | None = None) -> dict[str, Any]:
    """Create a directory with one of every kind of record HSDS carries, texts in three languages."""
    _region, town, status = geography()
    organization = organization or OrganizationFactory(
        name="Centrum pro integraci",
        short_name="CPIC",
        sector=Sector.INTEGRATION_CENTRE,
        description="Integrační centrum.",
        email="info@cpic.example.org",
        website="https://cpic.example.org/",
        phone="+420485100200",
        identifier="12345678",
    )
    taxonomy = TaxonomyFactory(code="needs", descriptions={"cs": "Potřeby lidí", "en": "Needs of people"})
    legal = TaxonomyTermFactory(
        taxonomy=taxonomy,
        code="legal",
        labels={"cs": "Právní poradenství", "uk": "Юридична консультація", "en": "Legal counselling"},
        synonyms={"uk": ["юрист", "адвокат"], "cs": ["právník"]},
    )
    housing = TaxonomyTermFactory(taxonomy=taxonomy, code="housing", labels={"cs": "Bydlení", "en": "Housing"})
    bed = CapacityUnitFactory(code="bed")
    location = Location.objects.create(
        organization=organization,
        name="Pobočka Liberec",
        location_type=LocationType.PHYSICAL,
        description="Ve druhém patře.",
        transportation="Tramvaj 3, zastávka Fügnerova.",
        address_1="Masarykova 1",
        city="Liberec",
        postal_code="460 01",
        municipality=town,
        latitude=Decimal("50.767000"),
        longitude=Decimal("15.056100"),
        translations={"uk": {"name": "Філія Ліберець"}, "en": {"name": "Liberec branch"}},
    )
    Accessibility.objects.create(location=location, description="Bezbariérový vstup", details="Výtah.")
    Language.objects.create(location=location, code="cs")
    location_phone = Phone.objects.create(location=location, number="+420485100201", type=PhoneType.VOICE)
    Language.objects.create(phone=location_phone, code="uk")
    Schedule.objects.create(
        location=location, weekday=Weekday.MONDAY, opens_at=datetime.time(8), closes_at=datetime.time(16)
    )
    online = Location.objects.create(
        organization=organization,
        name="Online",
        location_type=LocationType.VIRTUAL,
        url="https://cpic.example.org/chat",
    )
    service = Service.objects.create(
        organization=organization,
        name="Právní poradna",
        alternate_name="Poradna",
        description="Poradíme s pobytem.",
        eligibility_description="Pro cizince.",
        application_process="Objednejte se telefonicky.",
        fees_description="",
        interpretation_services="Tlumočník do ukrajinštiny.",
        alert="V srpnu zavřeno.",
        url="https://cpic.example.org/poradna",
        email="poradna@cpic.example.org",
        status=ServiceStatus.ACTIVE,
        minimum_age=15,
        maximum_age=99,
        is_free=False,
        closed_on_public_holidays=False,
        reviewed_at=datetime.datetime(2026, 10, 1, 9, 30, tzinfo=datetime.UTC),
        translations={
            "uk": {"name": "Юридична консультація", "description": "Допоможемо з перебуванням."},
            "en": {"name": "Legal advice"},
        },
    )
    at = ServiceAtLocation.objects.create(
        service=service,
        location=location,
        description="Jen v úterý.",
        translations={"en": {"description": "Tuesdays only."}},
    )
    ServiceAtLocation.objects.create(service=service, location=online)
    Schedule.objects.create(
        service_at_location=at, weekday=Weekday.TUESDAY, opens_at=datetime.time(9), closes_at=datetime.time(12)
    )
    Schedule.objects.create(
        service=service,
        weekday=Weekday.WEDNESDAY,
        opens_at=datetime.time(9, 30),
        closes_at=datetime.time(17),
        valid_from=datetime.date(2026, 1, 1),
        valid_to=datetime.date(2026, 12, 31),
        description="Po objednání",
    )
    Schedule.objects.create(
        service=service, is_exception=True, valid_from=datetime.date(2026, 12, 24), valid_to=datetime.date(2026, 12, 26)
    )
    Schedule.objects.create(
        service=service,
        is_exception=True,
        valid_from=datetime.date(2026, 12, 31),
        opens_at=datetime.time(9),
        closes_at=datetime.time(11),
    )
    Language.objects.create(service=service, code="uk", note="Rodilá mluvčí")
    Language.objects.create(service=service, code="cs")
    service_phone = Phone.objects.create(
        service=service,
        number="+420485100202",
        extension=12,
        type=PhoneType.CELL,
        description="Mobil",
        translations={"en": {"description": "Mobile"}},
    )
    Language.objects.create(phone=service_phone, code="ru")
    contact = Contact.objects.create(
        service=service, name="Jana Nováková", title="Právnička", email="jana@cpic.example.org"
    )
    Phone.objects.create(contact=contact, number="+420485100203")
    ServiceArea.objects.create(service=service, unit=town, description="Celé město")
    CostOption.objects.create(
        service=service,
        option="Konzultace",
        amount=Decimal("150.00"),
        currency="CZK",
        valid_from=datetime.date(2026, 1, 1),
    )
    CostOption.objects.create(service=service, option="Sleva", amount=Decimal("75.50"), currency="CZK")
    RequiredDocument.objects.create(service=service, document="Pas", translations={"uk": {"document": "Паспорт"}})
    ServiceNeed.objects.create(service=service, term=legal)
    ServiceEligibility.objects.create(service=service, residence_status=status)
    ServiceCapacity.objects.create(
        service=service,
        unit=bed,
        available=3,
        maximum=10,
        description="Lůžka",
        updated_at=datetime.datetime(2026, 11, 20, 8, 15, tzinfo=datetime.UTC),
    )
    shelter = Service.objects.create(
        organization=organization, name="Azylový dům", status=ServiceStatus.TEMPORARILY_CLOSED
    )
    ServiceNeed.objects.create(service=shelter, term=housing)
    return {
        "organization": organization,
        "service": service,
        "shelter": shelter,
        "location": location,
        "town": town,
        "status": status,
        "legal": legal,
        "bed": bed,
    }


def wipe_directory() -> None:
    """Empty the directory and the organisations (keeping geography): "an empty database"."""
    Service.objects.all().delete()
    Location.objects.all().delete()
    TaxonomyTerm.objects.all().delete()
    Taxonomy.objects.all().delete()
    from spojka.directory.models import CapacityUnit

    CapacityUnit.objects.all().delete()
    Organization.objects.update(parent=None)
    Organization.objects.all().delete()


def schema_errors(instance: Any, name: str, version: str = "3.0") -> list[str]:
    return schemas.errors(instance, name, version)


def organization_errors(organization: dict[str, Any]) -> list[str]:
    """Validate an exported organisation: itself, each nested service, and each 3.1 capacity."""
    found = schema_errors(organization, "organization")
    for service in organization.get("services", []):
        found += schema_errors(service, "service")
        for capacity in service.get("capacities", []):
            found += schema_errors(capacity, "service_capacity", "3.1.1")
    return found
