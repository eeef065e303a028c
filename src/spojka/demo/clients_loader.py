"""Write the demo's clients (`spojka.demo.clients`): about 300 people in households, with consents.

Everything is drawn from a seeded random generator, and every record gets the same id on
every load (a UUID 5 of its number), so a reload updates in place. Dates are counted from the
day of the load, so that some residence documents always expire within the next 60 days.
Writes go straight to the models: the demo is nobody's access to personal data, so it leaves
no audit entries.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

import structlog
from django.db import transaction
from django.utils import timezone

from spojka.accounts.models import User
from spojka.clients.enums import BirthDatePrecision, ConsentChannel, DataCategory, DocumentType, Relationship, Sex
from spojka.clients.models import Client, Consent, Household, Vulnerability
from spojka.clients.names import name_key, search_names
from spojka.demo import clients as data
from spojka.demo import liberec
from spojka.demo.actions import demo_organization_id
from spojka.geo.models import AdministrativeUnit, ResidenceStatus
from spojka.network.enums import Role
from spojka.network.models import Membership, Organization

log = structlog.get_logger(__name__)

SEED: Final = 20260226
_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_DNS, f"clients.{liberec.EMAIL_DOMAIN}")
_TEMPORARY_PROTECTION: Final = "temporary_protection"
BIRTHS_COUNTED_FROM: Final = date(2026, 1, 1)


@dataclass(frozen=True)
class DemoClientsLoaded:
    """How many clients, households and consents the load wrote."""

    clients: int
    households: int
    consents: int


@dataclass
class _Person:
    given: tuple[str, str]
    family: tuple[str, str]
    sex: Sex
    born: date
    relationship: Relationship
    year_only: bool = False


def _noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def _id(kind: str, number: int) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{kind}-{number}")


def _birth(rng: random.Random, today: date, *, age_from: int, age_to: int) -> date:
    age = rng.randint(age_from, age_to)
    return today - timedelta(days=age * 365 + rng.randint(0, 364))


def _name(rng: random.Random, sex: Sex) -> tuple[str, str]:
    return rng.choice(data.FEMALE_NAMES if sex == Sex.FEMALE else data.MALE_NAMES)


def _household(rng: random.Random, today: date) -> list[_Person]:
    """Return the members of one invented household, its reference person first."""
    family = rng.choice(data.FAMILY_NAMES)
    shape = rng.choices(
        ["mother_with_children", "couple_with_children", "single", "elderly_alone", "couple"], [40, 20, 22, 8, 10]
    )[0]
    if shape == "elderly_alone":
        sex = rng.choice([Sex.FEMALE, Sex.FEMALE, Sex.MALE])
        return [
            _Person(_name(rng, sex), family, sex, _birth(rng, today, age_from=66, age_to=84), Relationship.REFERENCE)
        ]
    if shape == "single":
        sex = rng.choice([Sex.FEMALE, Sex.MALE])
        return [
            _Person(_name(rng, sex), family, sex, _birth(rng, today, age_from=19, age_to=60), Relationship.REFERENCE)
        ]
    first_sex = Sex.FEMALE if shape == "mother_with_children" else rng.choice([Sex.FEMALE, Sex.MALE])
    people = [
        _Person(
            _name(rng, first_sex), family, first_sex, _birth(rng, today, age_from=24, age_to=50), Relationship.REFERENCE
        )
    ]
    if shape in {"couple_with_children", "couple"}:
        other = Sex.MALE if first_sex == Sex.FEMALE else Sex.FEMALE
        people.append(
            _Person(_name(rng, other), family, other, _birth(rng, today, age_from=24, age_to=55), Relationship.PARTNER)
        )
    if shape in {"mother_with_children", "couple_with_children"}:
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            sex = rng.choice([Sex.FEMALE, Sex.MALE])
            people.append(
                _Person(_name(rng, sex), family, sex, _birth(rng, today, age_from=0, age_to=17), Relationship.CHILD)
            )
    if rng.random() < 0.08:
        # A grandmother who came along, her date of birth known only by the year.
        people.append(
            _Person(
                _name(rng, Sex.FEMALE),
                family,
                Sex.FEMALE,
                _birth(rng, today, age_from=62, age_to=80),
                Relationship.GRANDPARENT,
                year_only=True,
            )
        )
    return people


def _document_dates(rng: random.Random, today: date, *, status_code: str) -> tuple[date, date]:
    """Return validity dates; about one document in eight expires within the next 60 days (or did lately)."""
    if rng.random() < 0.13:
        until = today + timedelta(days=rng.randint(-5, 58))
    else:
        until = today + timedelta(days=rng.randint(61, 360 if status_code == _TEMPORARY_PROTECTION else 900))
    start = until - timedelta(days=364 if status_code == _TEMPORARY_PROTECTION else 729)
    return start, until


def _status_and_document(rng: random.Random) -> tuple[str, DocumentType]:
    code = rng.choices(
        [_TEMPORARY_PROTECTION, "asylum_seeker", "long_term_visa", "permanent_residence", "subsidiary_protection"],
        [84, 4, 6, 4, 2],
    )[0]
    document = {
        _TEMPORARY_PROTECTION: DocumentType.TEMPORARY_PROTECTION,
        "asylum_seeker": DocumentType.ASYLUM_CARD,
        "subsidiary_protection": DocumentType.ASYLUM_CARD,
    }.get(code, DocumentType.RESIDENCE_PERMIT)
    return code, document


@transaction.atomic
def load_demo_clients() -> DemoClientsLoaded:
    """Create or update the demo's clients, households, vulnerabilities and consents.

    Needs the demo organisations (`load_liberec_demo`) and the `cz-liberec` pack.
    """
    rng = random.Random(SEED)  # noqa: S311  # invented demo data, not security
    today = timezone.localdate()
    # Births count from a fixed day, so that a reload keeps them; validity counts from today.
    anchor = BIRTHS_COUNTED_FROM
    statuses = {status.code: status for status in ResidenceStatus.objects.filter(country_id=liberec.COUNTRY)}
    vulnerabilities = {item.code: item for item in Vulnerability.objects.filter(country_id=liberec.COUNTRY)}
    organizations = {
        key: Organization.objects.select_related("municipality").get(pk=demo_organization_id(key))
        for key, _count in data.CLIENTS_BY_ORGANIZATION
    }
    recipients = {
        key: Organization.objects.get(pk=demo_organization_id(key)) for key, _purpose in data.CONSENT_PURPOSES
    }
    staff = _staff_by_organization(list(organizations.values()))
    municipalities = list(
        AdministrativeUnit.objects.filter(country_id=liberec.COUNTRY, children__isnull=True).order_by("code")
    )

    number = household_number = consent_number = 0
    for key, wanted in data.CLIENTS_BY_ORGANIZATION:
        organization = organizations[key]
        author = staff.get(organization.pk)
        written = 0
        while written < wanted:
            household_number += 1
            people = _household(rng, anchor)[: wanted - written]
            household = None
            if len(people) > 1:
                household, _created = Household.objects.update_or_create(
                    id=_id("household", household_number), defaults={"organization": organization, "created_by": author}
                )
            status_code, document_type = _status_and_document(rng)
            valid_from, valid_until = _document_dates(rng, today, status_code=status_code)
            municipality = (
                organization.municipality if rng.random() < 0.7 or not municipalities else rng.choice(municipalities)
            )
            street = f"Ukázková {rng.randint(1, 120)}"
            single_parent = (
                len(people) > 1
                and all(p.relationship != Relationship.PARTNER for p in people)
                and any(p.relationship == Relationship.CHILD for p in people)
            )
            for person in people:
                number += 1
                written += 1
                client = _write_client(
                    number=number,
                    person=person,
                    organization=organization,
                    author=author,
                    household=household,
                    status=statuses.get(status_code),
                    document_type=document_type,
                    valid=(valid_from, valid_until),
                    municipality=municipality,
                    street=street,
                    rng=rng,
                    today=today,
                )
                # A household registered together, on a day of the last fourteen months (today too).
                Client.objects.filter(pk=client.pk).update(
                    created_at=timezone.make_aware(
                        datetime.combine(today - timedelta(days=(household_number * 47) % 420), time(9 + number % 8))
                    )
                )
                chosen = _vulnerabilities_of(rng, person, single_parent=single_parent, today=today)
                client.vulnerabilities.set([vulnerabilities[code] for code in chosen if code in vulnerabilities])
                if person.relationship != Relationship.CHILD and rng.random() < 0.45:
                    consent_number += 1
                    _write_consent(
                        number=consent_number, client=client, rng=rng, recipients=recipients, author=author, today=today
                    )
    loaded = DemoClientsLoaded(clients=number, households=household_number, consents=consent_number)
    log.info("demo_clients_loaded", clients=loaded.clients, households=loaded.households, consents=loaded.consents)
    return loaded


def _staff_by_organization(organizations: list[Organization]) -> dict[uuid.UUID, User]:
    memberships = (
        Membership.objects.filter(
            organization__in=organizations,
            role__in=[Role.CASEWORKER, Role.ORGANIZATION_MANAGER, Role.DESK_OPERATOR],
            is_active=True,
        )
        .select_related("user")
        .order_by("role", "user__email")
    )
    chosen: dict[uuid.UUID, User] = {}
    for membership in memberships:
        # Caseworkers sort before managers and desk operators: they register most clients.
        chosen.setdefault(membership.organization_id, membership.user)
    return chosen


def _vulnerabilities_of(rng: random.Random, person: _Person, *, single_parent: bool, today: date) -> list[str]:
    codes = []
    if single_parent and person.relationship == Relationship.REFERENCE:
        codes.append("single_parent")
    if person.relationship == Relationship.REFERENCE and (today - person.born).days > 65 * 365 and rng.random() < 0.8:
        codes.append("elderly_alone")
    for code, weight in data.VULNERABILITY_WEIGHTS:
        if weight and rng.random() < weight and not (code == "pregnancy" and person.sex != Sex.FEMALE):
            codes.append(code)
    return codes


def _write_client(
    *,
    number: int,
    person: _Person,
    organization: Organization,
    author: User | None,
    household: Household | None,
    status: ResidenceStatus | None,
    document_type: DocumentType,
    valid: tuple[date, date],
    municipality: AdministrativeUnit | None,
    street: str,
    rng: random.Random,
    today: date,
) -> Client:
    native = (person.given[0], person.family[0])
    latin = (person.given[1], person.family[1])
    adult = (today - person.born).days >= 18 * 365
    phone_roll, email_roll, latin_roll, languages_roll = rng.random(), rng.random(), rng.random(), rng.random()
    born = date(person.born.year, 1, 1) if person.year_only else person.born
    # A few were registered in Cyrillic only, before they showed a passport.
    latin_known = latin_roll > 0.05
    defaults = {
        "organization": organization,
        "given_name": latin[0] if latin_known else "",
        "family_name": latin[1] if latin_known else "",
        "native_given_name": native[0],
        "native_family_name": native[1],
        "name_key": name_key(*latin) if latin_known else "",
        "native_name_key": name_key(*native),
        "search_names": search_names([*(latin if latin_known else ()), *native]),
        "birth_date": born,
        "birth_date_precision": BirthDatePrecision.YEAR if person.year_only else BirthDatePrecision.DAY,
        "sex": person.sex,
        "citizenship": "UA",
        "languages": ["uk", "ru"] if languages_roll < 0.6 else ["uk"],
        "preferred_language": "uk",
        "residence_status": status,
        "document_type": document_type,
        "document_number": f"DEMO{number:05d}",
        "document_valid_from": valid[0],
        "document_valid_until": valid[1],
        "phone": f"+420799000{number % 1000:03d}" if adult and phone_roll < 0.85 else "",
        "email": f"klient{number:03d}@{liberec.EMAIL_DOMAIN}" if adult and email_roll < 0.4 else "",
        "municipality": municipality,
        "street": street,
        "household": household,
        "relationship": person.relationship if household is not None else "",
        "created_by": author,
        "updated_by": author,
        "erased_at": None,
        "erased_by": None,
        "erasure_reason": "",
    }
    client, _created = Client.objects.update_or_create(id=_id("client", number), defaults=defaults)
    return client


def _write_consent(
    *,
    number: int,
    client: Client,
    rng: random.Random,
    recipients: dict[str, Organization],
    author: User | None,
    today: date,
) -> None:
    choices = [(key, purpose) for key, purpose in data.CONSENT_PURPOSES if recipients[key].pk != client.organization_id]
    key, purpose = rng.choice(choices)
    channel = rng.choices(list(ConsentChannel), [70, 20, 10])[0]
    given_on = today - timedelta(days=rng.randint(1, 200))
    withdrawn = rng.random() < 0.12
    categories = [DataCategory.IDENTITY, DataCategory.CONTACT, DataCategory.NEEDS]
    if rng.random() < 0.4:
        categories.append(DataCategory.RESIDENCE)
    Consent.objects.update_or_create(
        id=_id("consent", number),
        defaults={
            "client": client,
            "recipient_organization": recipients[key],
            "service": None,
            "purpose": purpose,
            "categories": sorted(category.value for category in categories),
            "given_on": given_on,
            "channel": channel,
            "witness_name": "Svědkyně Ukázková" if channel == ConsentChannel.VERBAL_WITNESSED else "",
            "recorded_by": author,
            "withdrawn_at": _noon(min(given_on + timedelta(days=rng.randint(1, 30)), today)) if withdrawn else None,
            "withdrawn_by": author if withdrawn else None,
            "withdrawal_reason": "Klientka si to rozmyslela." if withdrawn else "",
        },
    )
