"""Stored months of the additive figures (PostgreSQL): the same figures as from the records, after any change."""

import datetime
from collections.abc import Callable

import pytest
from django.db import connection

from spojka.coordination.figures import Period, compute_figure
from spojka.coordination.figures.parts import whole_months
from spojka.coordination.models import FigureMonth
from spojka.desk.models import Site, Step, Visit
from spojka.network.enums import Sector
from spojka.network.models import Organization
from spojka.referrals.enums import ReferralStatus
from spojka.referrals.models import Referral
from tests.cases.factories import CaseFactory
from tests.coordination.test_figures import Region, _clients
from tests.desk.factories import SiteFactory, StationFactory
from tests.factories import OrganizationFactory
from tests.referrals.factories import ReferralFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="months are stored on PostgreSQL only"),
]

# Part of February, the whole of March, part of April: two edges counted from the records, one stored month.
PERIOD = Period(datetime.date(2026, 2, 10), datetime.date(2026, 4, 20))
FIGURES = ("referrals_by_sector_pair", "desk_visits")


def _at(month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, tzinfo=datetime.UTC)


class World:
    """Referrals and desk visits in February, March and April, in two districts."""

    def __init__(self) -> None:
        self.region = Region()
        self.ngo = OrganizationFactory(sector=Sector.NON_PROFIT, municipality=self.region.north_town)
        self.office = OrganizationFactory(sector=Sector.STATE_ADMINISTRATION, municipality=self.region.south_town)
        self.clients = _clients(6, municipality=self.region.north_town) + _clients(
            6, municipality=self.region.south_town
        )
        self.referrals: list[Referral] = []
        for index, client in enumerate(self.clients * 2):
            month, day = 2 + index % 3, 1 + index % 28
            sender, recipient = (self.ngo, self.office) if index % 2 else (self.office, self.ngo)
            self.referrals.append(
                ReferralFactory(
                    case=CaseFactory(client=client, organization=sender),
                    service__organization=recipient,
                    status=ReferralStatus.COMPLETED if index % 4 else ReferralStatus.SENT,
                    sent_at=_at(month, day),
                    responded_at=_at(month, day) + datetime.timedelta(hours=3 + index) if index % 4 else None,
                    closed_at=_at(month, day) + datetime.timedelta(days=1 + index) if index % 4 else None,
                )
            )
        self.site = SiteFactory(organization=self.ngo)
        self.stations = [StationFactory(site=self.site), StationFactory(site=self.site, kind="labour_office")]
        for number in range(1, 41):
            month, day = 2 + number % 3, 1 + number % 28
            visit = Visit.objects.create(
                site=self.site,
                service_date=datetime.date(2026, month, day),
                number=number,
                ticket=f"A-{number}",
                language="uk",
                created_at=_at(month, day, 8),
            )
            Step.objects.create(
                visit=visit, station=self.stations[number % 2], position=1, status="served",
                joined_at=_at(month, day, 8), called_at=_at(month, day, 8) + datetime.timedelta(minutes=3 * number),
            )  # fmt: skip


@pytest.fixture
def world() -> World:
    return World()


def _views(world: World) -> list[tuple[str, Period, object]]:
    return [
        (key, period, district)
        for key in FIGURES
        for period in (PERIOD, Period.month(2026, 3), Period.year(2026))
        for district in (None, world.region.north, world.region.south)
    ]


def _assert_stored_equal_fresh(world: World) -> None:
    views = _views(world)
    stored = [compute_figure(key, period=period, district=district) for key, period, district in views]  # type: ignore[arg-type]
    for key in FIGURES:
        assert FigureMonth.objects.filter(figure=key, month=datetime.date(2026, 3, 1)).exists()
    FigureMonth.objects.all().delete()
    fresh = [compute_figure(key, period=period, district=district) for key, period, district in views]  # type: ignore[arg-type]
    for view, found, expected in zip(views, stored, fresh, strict=True):
        assert found == expected, view


def test_whole_months_are_the_months_inside_the_period() -> None:
    assert whole_months(PERIOD) == [datetime.date(2026, 3, 1)]
    assert whole_months(Period.month(2026, 2)) == [datetime.date(2026, 2, 1)]
    assert whole_months(Period(datetime.date(2026, 3, 2), datetime.date(2026, 3, 31))) == []


def test_stored_months_give_the_figures_the_records_give(world: World) -> None:
    _assert_stored_equal_fresh(world)
    # The month is stored for the whole region and for every district.
    areas = set(FigureMonth.objects.filter(figure="desk_visits").values_list("area", flat=True))
    assert areas == {"", str(world.region.north.pk), str(world.region.south.pk)}
    march = compute_figure("referrals_by_sector_pair", period=Period.month(2026, 3))
    assert march.total is not None
    assert march.total.values[1] == 8


def _change_referral(world: World) -> None:
    Referral.objects.filter(pk=world.referrals[4].pk).update(
        status=ReferralStatus.ACCEPTED, responded_at=_at(3, 20), closed_at=None
    )


def _add_referral(world: World) -> None:
    ReferralFactory(
        case=CaseFactory(client=world.clients[0], organization=world.ngo),
        service__organization=world.office,
        status=ReferralStatus.SENT,
        sent_at=_at(3, 15),
    )


def _delete_referral(world: World) -> None:
    Referral.objects.filter(pk=world.referrals[1].pk).delete()


def _resend_in_another_month(world: World) -> None:
    Referral.objects.filter(pk=world.referrals[1].pk).update(sent_at=_at(4, 2))


def _change_sector(world: World) -> None:
    organization = Organization.objects.get(pk=world.office.pk)
    organization.sector = Sector.MUNICIPAL_SELF_GOVERNMENT
    organization.save()


def _move_client(world: World) -> None:
    # Her referrals were sent in March (a stored month) and in February.
    type(world.clients[1]).objects.filter(pk=world.clients[1].pk).update(municipality=world.region.south_town)


def _move_town(world: World) -> None:
    type(world.region.north_town).objects.filter(pk=world.region.north_town.pk).update(parent=world.region.south)


def _call_later(world: World) -> None:
    step = Step.objects.filter(joined_at__month=3).first()
    assert step is not None
    Step.objects.filter(pk=step.pk).update(called_at=step.joined_at + datetime.timedelta(hours=5))


def _delete_visit(world: World) -> None:
    Visit.objects.filter(service_date__month=3).first().delete()  # type: ignore[union-attr]


def _move_site(world: World) -> None:
    Site.objects.filter(pk=world.site.pk).update(organization=world.office)


@pytest.mark.parametrize(
    "change",
    [
        _change_referral,
        _add_referral,
        _delete_referral,
        _resend_in_another_month,
        _change_sector,
        _move_client,
        _move_town,
        _call_later,
        _delete_visit,
        _move_site,
    ],
)
def test_a_change_to_the_records_makes_the_stored_months_follow(world: World, change: Callable[[World], None]) -> None:
    before = [compute_figure(key, period=period, district=district) for key, period, district in _views(world)]  # type: ignore[arg-type]

    change(world)

    after = [compute_figure(key, period=period, district=district) for key, period, district in _views(world)]  # type: ignore[arg-type]
    assert after != before  # each change changes a figure
    _assert_stored_equal_fresh(world)


def _demand_from_records(period: Period, district: object) -> tuple[dict[object, int], int]:
    """Persons with open needs as SQLite counts them, from the clients and their needs."""
    from django.db.models import Exists, OuterRef

    from spojka.cases.models import CaseNeed
    from spojka.clients.models import Client
    from spojka.coordination.figures.queries import (
        OPEN_NEED_STATUSES,
        district_of,
        grouped_persons,
        in_district,
        with_person,
    )

    open_needs = CaseNeed.objects.filter(
        case__client_id=OuterRef("pk"), status__in=OPEN_NEED_STATUSES, created_at__lt=period.end_datetime
    )
    clients = with_person(Client.objects.filter(in_district("municipality", district), Exists(open_needs)))  # type: ignore[arg-type]
    return grouped_persons(clients, district_of("municipality"))


def test_client_demand_follows_needs_links_and_moves(world: World) -> None:
    from spojka.cases.enums import NeedStatus
    from spojka.cases.models import CaseNeed
    from spojka.coordination.figures.activity import _demand_from_client_demand
    from spojka.linkage.models import Person, PersonRecord
    from tests.cases.factories import CaseNeedFactory

    region = world.region
    periods = [Period.year(2026), Period(datetime.date(2020, 1, 1), datetime.date(2030, 1, 1))]

    def check() -> None:
        for period in periods:
            for district in (None, region.north, region.south):
                assert _demand_from_client_demand(period, district) == _demand_from_records(period, district)

    cases = [CaseFactory(client=client) for client in world.clients]
    needs = [
        CaseNeedFactory(case=case, status=[NeedStatus.OPEN, NeedStatus.IN_PROGRESS, NeedStatus.MET][i % 3])
        for i, case in enumerate(cases * 2)
    ]
    check()
    assert _demand_from_client_demand(periods[1], None)[1] == 8  # a third of the records has only met needs
    CaseNeed.objects.filter(pk__in=[n.pk for n in needs[:6]]).update(status=NeedStatus.MET)
    check()
    CaseNeed.objects.filter(pk=needs[7].pk).update(created_at=_at(1, 5))
    check()
    CaseNeed.objects.filter(pk=needs[8].pk).delete()
    check()
    person = Person.objects.create()
    for client in (world.clients[9], world.clients[10], world.clients[1]):
        PersonRecord.objects.create(person=person, client=client)
    check()
    type(world.clients[9]).objects.filter(pk=world.clients[9].pk).update(municipality=region.north_town)
    check()
    CaseNeed.objects.filter(pk=needs[10].pk).update(status=NeedStatus.OPEN)
    check()


def test_needs_as_counted_follow_needs_links_moves_and_terms(world: World) -> None:
    from django.db.models import F, Q
    from django.db.models.functions import Coalesce
    from django.utils import timezone

    from spojka.cases.enums import NeedStatus
    from spojka.cases.models import CaseNeed
    from spojka.coordination.figures.queries import (
        OPEN_NEED_STATUSES,
        in_district,
        persons_by_group,
        persons_by_need_category,
        with_person,
    )
    from spojka.coordination.models import NeedPerson
    from spojka.directory.models import TaxonomyTerm
    from spojka.linkage.models import Person, PersonRecord
    from tests.cases.factories import CaseNeedFactory
    from tests.directory.factories import TaxonomyTermFactory

    region = world.region
    flags = {"open": Q(status__in=OPEN_NEED_STATUSES), "met": Q(status=NeedStatus.MET)}

    def check() -> None:
        for district in (None, region.north, region.south):
            facts = NeedPerson.objects.all()
            if district is not None:
                units = [district.pk, *district.children.values_list("pk", flat=True)]
                facts = facts.filter(municipality_id__in=units)
            needs = CaseNeed.objects.filter(in_district("client__municipality", district))
            expected = persons_by_group(
                with_person(needs, "client__"), Coalesce(F("term__parent_id"), F("term_id")), flags
            )
            assert persons_by_need_category(facts, flags) == expected, district

    housing, school = TaxonomyTermFactory(code="housing"), TaxonomyTermFactory(code="school")
    flat = TaxonomyTermFactory(code="flat", parent=housing)
    needs = [
        CaseNeedFactory(case=CaseFactory(client=client), term=[housing, school, flat][i % 3], status=NeedStatus.OPEN)
        for i, client in enumerate(world.clients)
    ]
    check()
    person = Person.objects.create()
    for client in (world.clients[0], world.clients[7], world.clients[3]):
        PersonRecord.objects.create(person=person, client=client)
    check()
    PersonRecord.objects.filter(client=world.clients[7]).update(unlinked_at=timezone.now())
    check()
    type(world.clients[3]).objects.filter(pk=world.clients[3].pk).update(municipality=region.south_town)
    check()
    TaxonomyTerm.objects.filter(pk=flat.pk).update(parent=school)
    check()
    CaseNeed.objects.filter(pk=needs[1].pk).update(status=NeedStatus.MET)
    CaseNeed.objects.filter(pk=needs[2].pk).delete()
    check()
    assert NeedPerson.objects.count() == len(needs) - 1


def test_rebuild_figures_fills_the_tables_from_the_records(world: World) -> None:
    from io import StringIO

    from django.core.management import call_command

    from spojka.cases.models import CaseNeed
    from spojka.coordination.models import ClientDemand, NeedPerson
    from tests.cases.factories import CaseNeedFactory

    for client in world.clients[:4]:
        CaseNeedFactory(case=CaseFactory(client=client))
    compute_figure("desk_visits", period=Period.month(2026, 3))
    expected_demand = sorted(ClientDemand.objects.values_list("client_id", "first_open_at"))
    expected_needs = sorted(NeedPerson.objects.values_list("need_id", "person", "category"))
    # As after a bulk load without triggers: the tables lag behind the records.
    ClientDemand.objects.all().delete()
    NeedPerson.objects.all().delete()
    out = StringIO()

    call_command("rebuild_figures", stdout=out)

    assert sorted(ClientDemand.objects.values_list("client_id", "first_open_at")) == expected_demand
    assert sorted(NeedPerson.objects.values_list("need_id", "person", "category")) == expected_needs
    assert NeedPerson.objects.count() == CaseNeed.objects.count() == 4
    assert not FigureMonth.objects.exists()
    assert "4 client records with open needs, 4 needs" in out.getvalue()
