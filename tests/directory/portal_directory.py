"""A small directory of services in Czech, Ukrainian and English for the portal's search tests."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from spojka.directory.enums import ServiceStatus, Weekday
from spojka.directory.models import (
    Language,
    Service,
    ServiceArea,
    ServiceEligibility,
    ServiceNeed,
    TaxonomyTerm,
)
from spojka.directory.search.index import reindex_all
from spojka.geo.models import AdministrativeUnit, ResidenceStatus
from spojka.network.models import Organization
from tests.directory.factories import (
    LocationFactory,
    PhoneFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    TaxonomyTermFactory,
)
from tests.factories import AdministrativeUnitFactory, CountryFactory, OrganizationFactory, ResidenceStatusFactory


@dataclass(frozen=True)
class Places:
    region: AdministrativeUnit
    liberec_district: AdministrativeUnit
    liberec: AdministrativeUnit
    chrastava: AdministrativeUnit
    lipa_district: AdministrativeUnit
    ceska_lipa: AdministrativeUnit


@dataclass(frozen=True)
class Directory:
    places: Places
    legal: TaxonomyTerm
    housing: TaxonomyTerm
    czech: TaxonomyTerm
    work: TaxonomyTerm
    protection: ResidenceStatus
    asylum: ResidenceStatus
    ngo: Organization
    city: Organization
    legal_clinic: Service
    legal_advice: Service
    shelter: Service
    family_housing: Service
    czech_course: Service
    job_advice: Service
    closed_for_now: Service
    retired: Service

    def by_name(self) -> dict[str, Service]:
        return {
            name: getattr(self, name)
            for name in (
                "legal_clinic",
                "legal_advice",
                "shelter",
                "family_housing",
                "czech_course",
                "job_advice",
                "closed_for_now",
                "retired",
            )
        }


def _unit(
    name: str, code: str, level: str, parent: AdministrativeUnit | None, lat: str, lon: str
) -> AdministrativeUnit:
    return AdministrativeUnitFactory(
        name=name, code=code, level=level, parent=parent, latitude=Decimal(lat), longitude=Decimal(lon)
    )


def build_places() -> Places:
    CountryFactory()
    region = _unit("Liberecký kraj", "CZ051", "region", None, "50.7663", "15.0543")
    liberec_district = _unit("Liberec", "5105", "orp", region, "50.7671", "15.0562")
    lipa_district = _unit("Česká Lípa", "5101", "orp", region, "50.6786", "14.5398")
    return Places(
        region=region,
        liberec_district=liberec_district,
        liberec=_unit("Liberec", "563889", "municipality", liberec_district, "50.7671", "15.0562"),
        chrastava=_unit("Chrastava", "564010", "municipality", liberec_district, "50.8169", "14.9689"),
        lipa_district=lipa_district,
        ceska_lipa=_unit("Česká Lípa", "561380", "municipality", lipa_district, "50.6786", "14.5398"),
    )


def _term(code: str, labels: dict[str, str], synonyms: dict[str, list[str]]) -> TaxonomyTerm:
    return TaxonomyTermFactory(code=code, labels=labels, synonyms=synonyms)


def _service(
    organization: Organization,
    name: str,
    *,
    description: str,
    needs: list[TaxonomyTerm],
    place: AdministrativeUnit,
    lat: str,
    lon: str,
    uk: dict[str, str] | None = None,
    en: dict[str, str] | None = None,
    status: str = ServiceStatus.ACTIVE,
) -> Service:
    service = ServiceFactory(organization=organization, name=name, description=description, status=status)
    for language, texts in (("uk", uk), ("en", en)):
        if texts:
            service.set_translations(language, texts)
    service.save()
    for term in needs:
        ServiceNeed.objects.create(service=service, term=term)
    location = LocationFactory(
        organization=organization,
        name=f"{name}, místo",
        municipality=place,
        city=place.name,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
    )
    ServiceAtLocationFactory(service=service, location=location)
    return service


def build_directory() -> Directory:
    """Create places, needs and services, and index them."""
    places = build_places()
    legal = _term(
        "legal-counselling",
        {"cs": "Právní poradenství", "uk": "Юридична допомога", "en": "Legal counselling"},
        {
            "cs": ["právník", "advokát", "právní poradna"],
            "uk": ["юрист", "адвокат", "юридична консультація"],
            "ru": ["юрист", "адвокат", "юридическая помощь"],
            "en": ["lawyer", "legal aid"],
        },
    )
    housing = _term(
        "accommodation",
        {"cs": "Ubytování", "uk": "Житло", "en": "Accommodation"},
        {
            "cs": ["bydlení", "azylový dům", "ubytovna"],
            "uk": ["житло", "проживання", "гуртожиток"],
            "ru": ["жильё", "общежитие"],
            "en": ["housing", "shelter"],
        },
    )
    czech = _term(
        "czech-language",
        {"cs": "Čeština", "uk": "Чеська мова", "en": "Czech language"},
        {
            "cs": ["kurz češtiny", "jazykový kurz"],
            "uk": ["курси чеської", "чеська мова"],
            "ru": ["курсы чешского"],
            "en": ["Czech course"],
        },
    )
    work = _term(
        "employment",
        {"cs": "Zaměstnání", "uk": "Працевлаштування", "en": "Employment"},
        {"cs": ["práce", "úřad práce"], "uk": ["робота"], "ru": ["работа"], "en": ["job", "work"]},
    )
    protection = ResidenceStatusFactory(
        code="temporary_protection",
        labels={"cs": "Dočasná ochrana", "en": "Temporary protection", "uk": "Тимчасовий захист"},
    )
    asylum = ResidenceStatusFactory(code="asylum", labels={"cs": "Azyl", "en": "Asylum", "uk": "Притулок"})
    ngo = OrganizationFactory(name="Poradna pro integraci")
    city = OrganizationFactory(name="Statutární město Liberec")

    legal_clinic = _service(
        ngo,
        "Právní poradna pro cizince",
        description="Bezplatné konzultace s právníkem: pobyt, zaměstnání, rodina.",
        needs=[legal],
        place=places.liberec,
        lat="50.7680",
        lon="15.0580",
        uk={"name": "Юридична консультація для іноземців", "description": "Безкоштовні консультації з юристом."},
        en={"name": "Legal clinic for foreigners"},
    )
    legal_advice = _service(
        ngo,
        "Bezplatné právní poradenství",
        description="Pomoc s dokumenty a odvoláním.",
        needs=[legal],
        place=places.ceska_lipa,
        lat="50.6790",
        lon="14.5400",
    )
    shelter = _service(
        city,
        "Azylový dům Liberec",
        description="Krátkodobé ubytování pro rodiny v nouzi.",
        needs=[housing],
        place=places.liberec,
        lat="50.7700",
        lon="15.0500",
        uk={"name": "Притулок Ліберець", "description": "Тимчасове житло для сімей."},
    )
    family_housing = _service(
        city,
        "Ubytování pro rodiny s dětmi",
        description="Byty pro rodiny s dětmi na přechodnou dobu.",
        needs=[housing],
        place=places.chrastava,
        lat="50.8170",
        lon="14.9690",
    )
    czech_course = _service(
        ngo,
        "Kurz češtiny pro začátečníky",
        description="Večerní kurz češtiny dvakrát týdně.",
        needs=[czech],
        place=places.liberec,
        lat="50.7660",
        lon="15.0540",
        uk={"name": "Курси чеської мови для початківців"},
        en={"name": "Czech course for beginners"},
    )
    job_advice = _service(
        city,
        "Pracovní poradenství",
        description="Jak najít práci a napsat životopis.",
        needs=[work],
        place=places.ceska_lipa,
        lat="50.6800",
        lon="14.5380",
    )
    closed_for_now = _service(
        ngo,
        "Poradna v Chrastavě",
        description="Právní poradna, nyní zavřená kvůli rekonstrukci.",
        needs=[legal],
        place=places.chrastava,
        lat="50.8160",
        lon="14.9680",
        status=ServiceStatus.TEMPORARILY_CLOSED,
    )
    retired = _service(
        ngo,
        "Zrušená právní poradna",
        description="Právní poradna, která skončila.",
        needs=[legal],
        place=places.liberec,
        lat="50.7670",
        lon="15.0560",
        status=ServiceStatus.DEFUNCT,
    )
    # Languages, statuses and areas for the filters.
    Language.objects.create(service=legal_clinic, code="uk")
    Language.objects.create(service=legal_clinic, code="ru")
    Language.objects.create(service=shelter, code="en")
    ServiceEligibility.objects.create(service=shelter, residence_status=protection)
    ServiceEligibility.objects.create(service=legal_advice, residence_status=asylum)
    ServiceArea.objects.create(service=job_advice, unit=places.region)
    PhoneFactory(service=shelter, number="+420485123456")
    Service.objects.filter(pk=shelter.pk).update(email="azyl@liberec.example.org")
    # Hours: the clinic every weekday 8 to 18, the course on Tuesday evening.
    for weekday in Weekday:
        if weekday.value < 5:
            ScheduleFactory(
                service=legal_clinic, weekday=weekday, opens_at=datetime.time(8), closes_at=datetime.time(18)
            )
    ScheduleFactory(
        service=czech_course, weekday=Weekday.TUESDAY, opens_at=datetime.time(17), closes_at=datetime.time(19)
    )
    reindex_all()
    return Directory(
        places=places,
        legal=legal,
        housing=housing,
        czech=czech,
        work=work,
        protection=protection,
        asylum=asylum,
        ngo=ngo,
        city=city,
        legal_clinic=legal_clinic,
        legal_advice=legal_advice,
        shelter=shelter,
        family_housing=family_housing,
        czech_course=czech_course,
        job_advice=job_advice,
        closed_for_now=closed_for_now,
        retired=retired,
    )
