"""A small region for rounds' tests: two districts, three municipal organisations, a non-profit, a coordinator."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from spojka.accounts.models import User
from spojka.coordination import actions_rounds as actions
from spojka.coordination.actions_rounds import QuestionSpec
from spojka.coordination.enums_rounds import CapacityKind, QuestionKind, RecipientRule
from spojka.coordination.models import ReportingRound, RoundRecipient
from spojka.geo.models import AdministrativeUnit
from spojka.network.enums import Role, Sector
from spojka.network.models import Organization
from tests.conftest import Personas
from tests.factories import AdministrativeUnitFactory, MembershipFactory, OrganizationFactory, UserFactory


@dataclass
class World:
    """Region R: district North (seat Northtown, also Smallvillage) and district South (seat Southtown)."""

    personas: Personas
    coordinator: User
    region: AdministrativeUnit
    north: AdministrativeUnit
    south: AdministrativeUnit
    northtown: AdministrativeUnit
    smallvillage: AdministrativeUnit
    southtown: AdministrativeUnit
    town_north: Organization  # a municipality with extended powers: answers for the whole district
    village: Organization
    town_south: Organization
    ngo: Organization
    manager_north: User  # prefers Ukrainian
    manager_village: User
    manager_south: User
    caseworker_north: User

    def round(
        self, *questions: QuestionSpec, district: AdministrativeUnit | None = None, **kwargs: object
    ) -> ReportingRound:
        """Create and publish a round of the given questions to the municipal organisations of a district."""
        reporting_round = actions.create_round(
            title=str(kwargs.get("title", "Places in autumn")),
            instructions="Count as of the first of the month.",
            deadline=timezone.now() + datetime.timedelta(days=7),
            recipient_rule=RecipientRule.DISTRICT_MUNICIPALITIES,
            district=district or self.north,
            by=self.coordinator,
        )
        actions.set_questions(reporting_round=reporting_round, questions=list(questions), by=self.coordinator)
        actions.publish_round(reporting_round=reporting_round, by=self.coordinator)
        return reporting_round

    def recipient(self, reporting_round: ReportingRound, organization: Organization) -> RoundRecipient:
        return RoundRecipient.objects.get(round=reporting_round, organization=organization)


PLACES = QuestionSpec(key="free-places", label="Free accommodation places", kind=QuestionKind.NUMBER, required=True)
CHILDREN = QuestionSpec(
    key="children-enrolled",
    label="Ukrainian children enrolled in your schools",
    kind=QuestionKind.MUNICIPALITY_TABLE,
    capacity_kind=CapacityKind.SCHOOL,
)
SITUATION = QuestionSpec(
    key="situation", label="How is the situation?", kind=QuestionKind.CHOICE, options=("Calm", "Strained", "Critical")
)
NEEDS = QuestionSpec(key="open-needs", label="Open needs you cannot cover", kind=QuestionKind.TEXT)


def build_world(personas: Personas) -> World:
    """Return the small region, its organisations and their staff."""
    region = AdministrativeUnitFactory(name="Region R", code="R1", level="region")
    north = AdministrativeUnitFactory(
        name="North", code="N1", level="orp", parent=region, attributes={"seat_code": "100001"}
    )
    south = AdministrativeUnitFactory(
        name="South", code="S1", level="orp", parent=region, attributes={"seat_code": "200001"}
    )
    northtown = AdministrativeUnitFactory(name="Northtown", code="100001", parent=north)
    smallvillage = AdministrativeUnitFactory(name="Smallvillage", code="100002", parent=north)
    southtown = AdministrativeUnitFactory(name="Southtown", code="200001", parent=south)
    municipal = Sector.MUNICIPAL_SELF_GOVERNMENT
    town_north = OrganizationFactory(name="Town of Northtown", sector=municipal, municipality=northtown)
    village = OrganizationFactory(name="Village of Smallvillage", sector=municipal, municipality=smallvillage)
    town_south = OrganizationFactory(name="Town of Southtown", sector=municipal, municipality=southtown)
    ngo = OrganizationFactory(name="Northern Helpers", sector=Sector.NON_PROFIT, municipality=northtown)

    def member(organization: Organization, role: Role, email: str, language: str = "cs") -> User:
        user = UserFactory(email=email, preferred_language=language)
        MembershipFactory(organization=organization, role=role, user=user)
        return user

    return World(
        personas=personas,
        coordinator=personas.user(Role.REGIONAL_COORDINATOR),
        region=region,
        north=north,
        south=south,
        northtown=northtown,
        smallvillage=smallvillage,
        southtown=southtown,
        town_north=town_north,
        village=village,
        town_south=town_south,
        ngo=ngo,
        manager_north=member(town_north, Role.ORGANIZATION_MANAGER, "manager@northtown.example.org", "uk"),
        manager_village=member(village, Role.ORGANIZATION_MANAGER, "mayor@smallvillage.example.org"),
        manager_south=member(town_south, Role.ORGANIZATION_MANAGER, "manager@southtown.example.org"),
        caseworker_north=member(town_north, Role.CASEWORKER, "caseworker@northtown.example.org"),
    )
