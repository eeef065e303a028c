"""Writes of the demo: put the Liberec Region demo into the database, as often as asked."""

import uuid
from dataclasses import asdict, dataclass
from typing import Final

import structlog
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext as _

from spojka.accounts.models import User
from spojka.demo import liberec
from spojka.desk.demo import HOST, load_kacpu_desk_demo
from spojka.geo.models import AdministrativeUnit
from spojka.network.actions import save_organization
from spojka.network.enums import Role
from spojka.network.models import Membership, Organization

log = structlog.get_logger(__name__)

# Demo organisations get the same id on every load, so that a reload updates them instead of
# adding copies, even after someone renamed one in the workspace.
_ID_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_DNS, liberec.EMAIL_DOMAIN)


class MissingMunicipalityError(LookupError):
    """A municipality the demo needs is not in the database: the country pack is not loaded."""


@dataclass(frozen=True)
class DemoLoaded:
    """How many organisations and people the load wrote, and how many of them were new."""

    organizations: int
    new_organizations: int
    people: int
    new_people: int


def demo_organization_id(key: str) -> uuid.UUID:
    """Return the stable id of the demo organisation with this key."""
    return uuid.uuid5(_ID_NAMESPACE, key)


@transaction.atomic
def load_liberec_demo(*, password: str) -> DemoLoaded:
    """Create or update the Liberec Region demo's organisations, people and their roles.

    Needs the `cz-liberec` country pack loaded. Running it again changes nothing but what
    someone changed by hand in demo records, which it puts back.
    """
    municipalities = _municipalities_by_code()
    # Hashing is slow on purpose; one hash shared by every demo account keeps the load quick.
    password_hash = make_password(password)

    users: dict[str, User] = {}
    new_people = 0
    for person in liberec.PEOPLE:
        user, created = User.objects.update_or_create(
            email=person.email,
            defaults={
                "full_name": person.full_name,
                "preferred_language": person.language,
                "is_active": True,
                "password": password_hash,
            },
        )
        users[person.email] = user
        new_people += created

    administrator = next(users[person.email] for person in liberec.PEOPLE if person.role == Role.PLATFORM_ADMIN)
    organizations: dict[str, Organization] = {}
    new_organizations = 0
    for entry in liberec.ORGANIZATIONS:
        organization_id = demo_organization_id(entry.key)
        organization = Organization.objects.filter(pk=organization_id).first()
        if organization is None:
            organization = Organization(id=organization_id)
            new_organizations += 1
        organization.name = entry.name
        organization.short_name = entry.short_name
        organization.sector = entry.sector
        organization.description = entry.description
        organization.email = entry.email
        organization.phone = entry.phone
        organization.website = entry.website
        organization.address = entry.address
        organization.municipality = municipalities[entry.municipality_code]
        organization.parent = organizations[entry.parent] if entry.parent else None
        organization.is_active = True
        organizations[entry.key] = save_organization(organization=organization, by=administrator)

    kept: list[uuid.UUID] = []
    for person in liberec.PEOPLE:
        membership, _created = Membership.objects.update_or_create(
            user=users[person.email],
            organization=organizations[person.organization],
            role=person.role,
            defaults={"title": person.title, "is_active": True, "deactivated_at": None},
        )
        kept.append(membership.pk)
    # A role the demo's people no longer have in the data (it changed since the last load)
    # would otherwise linger as a second login in the list of demo accounts.
    Membership.objects.filter(user__in=users.values()).exclude(pk__in=kept).delete()
    # The one-stop shop at KACPU Liberec, its stations run by the organisations above.
    load_kacpu_desk_demo(
        organizations=organizations,
        operators=list(
            Membership.objects.filter(organization=organizations[HOST], role=Role.DESK_OPERATOR, pk__in=kept)
            .select_related("user")
            .order_by("user__email")
        ),
    )

    loaded = DemoLoaded(
        organizations=len(organizations),
        new_organizations=new_organizations,
        people=len(users),
        new_people=new_people,
    )
    log.info("demo_loaded", pack=liberec.COUNTRY_PACK, **asdict(loaded))
    return loaded


def _municipalities_by_code() -> dict[str, AdministrativeUnit]:
    codes = {entry.municipality_code for entry in liberec.ORGANIZATIONS}
    units = {unit.code: unit for unit in AdministrativeUnit.objects.filter(country_id=liberec.COUNTRY, code__in=codes)}
    missing = sorted(codes - units.keys())
    if missing:
        raise MissingMunicipalityError(
            _(
                "Municipalities %(codes)s are missing; load the country pack %(pack)s first "
                "(python -m spojka load_country_pack %(pack)s)."
            )
            % {"codes": ", ".join(missing), "pack": liberec.COUNTRY_PACK}
        )
    return units
