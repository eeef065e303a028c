"""The dashboard figures: values on a seeded region, persons not records, filters, suppression everywhere."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from spojka.cases.enums import NeedStatus
from spojka.coordination.figures import FIGURES, Period, PeriodError, compute_figure, district_values
from spojka.geo.models import AdministrativeUnit
from spojka.linkage.models import Person, PersonRecord
from spojka.network.enums import Sector
from spojka.referrals.enums import ReferralStatus
from tests.cases.factories import CaseFactory, CaseNeedFactory
from tests.clients.factories import ClientFactory
from tests.desk.factories import SiteFactory, StationFactory
from tests.directory.factories import TaxonomyTermFactory
from tests.factories import AdministrativeUnitFactory, OrganizationFactory, ResidenceStatusFactory
from tests.referrals.factories import ReferralFactory

pytestmark = pytest.mark.django_db

MARCH = Period.month(2026, 3)


def _at(day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, tzinfo=timezone.get_current_timezone())


class Region:
    """A region with two districts, each with a municipality."""

    def __init__(self) -> None:
        region = AdministrativeUnitFactory(name="Region", level="region", code="CZ051")
        self.north = AdministrativeUnitFactory(name="North", level="orp", code="5101", parent=region)
        self.south = AdministrativeUnitFactory(name="South", level="orp", code="5102", parent=region)
        self.north_town = AdministrativeUnitFactory(name="North Town", parent=self.north)
        self.south_town = AdministrativeUnitFactory(name="South Town", parent=self.south)


def _clients(count: int, *, municipality: AdministrativeUnit, day: int = 5, **fields: object) -> list[object]:
    clients = [ClientFactory(municipality=municipality, **fields) for _ in range(count)]
    type(clients[0]).objects.filter(pk__in=[c.pk for c in clients]).update(created_at=_at(day))
    return clients


def _link(*clients: object) -> None:
    person = Person.objects.create()
    for client in clients:
        PersonRecord.objects.create(person=person, client=client)


@pytest.fixture
def region() -> Region:
    return Region()


def test_clients_by_district_counts_persons_per_district(region: Region) -> None:
    _clients(7, municipality=region.north_town)
    _clients(6, municipality=region.south_town)

    table = compute_figure("clients_by_district", period=MARCH)

    assert dict(zip([r.key for r in table.rows], table.values("persons"), strict=True)) == {"5101": 7, "5102": 6}
    assert table.total is not None
    assert table.total.values[1] == 13


def test_clients_linked_records_of_one_person_count_once(region: Region) -> None:
    first, second, *_ = _clients(8, municipality=region.north_town)
    _link(first, second)

    table = compute_figure("clients_by_district", period=MARCH)

    assert table.values("persons")[0] == 7
    assert table.total is not None
    assert table.total.values[1] == 7


def test_clients_by_status_and_citizenship_group_persons(region: Region) -> None:
    granted = ResidenceStatusFactory(code="temporary_protection", labels={"en": "Temporary protection"})
    _clients(6, municipality=region.north_town, residence_status=granted, citizenship="UA")
    _clients(5, municipality=region.south_town, residence_status=None, citizenship="SY")

    by_status = compute_figure("clients_by_status", period=MARCH)
    by_citizenship = compute_figure("clients_by_citizenship", period=MARCH)

    assert [(r.values[0], r.values[1]) for r in by_status.rows] == [("Temporary protection", 6), ("Not recorded", 5)]
    assert {r.key: r.values[1] for r in by_citizenship.rows} == {"UA": 6, "SY": 5}


def test_clients_by_month_lists_every_month_of_the_period(region: Region) -> None:
    _clients(5, municipality=region.north_town, day=10)

    table = compute_figure("clients_by_month", period=Period(datetime.date(2026, 2, 1), datetime.date(2026, 4, 30)))

    assert [r.key for r in table.rows] == ["2026-02", "2026-03", "2026-04"]
    assert table.values("persons") == [0, 5, 0]


def test_figures_filter_by_district(region: Region) -> None:
    _clients(7, municipality=region.north_town)
    _clients(6, municipality=region.south_town)

    table = compute_figure("clients_by_district", period=MARCH, district=region.south)

    assert [r.key for r in table.rows] == ["5102"]
    assert table.total is not None
    assert table.total.values[1] == 6


def test_figures_filter_by_period(region: Region) -> None:
    _clients(7, municipality=region.north_town, day=5)

    table = compute_figure("clients_by_district", period=Period.month(2026, 4))

    assert table.is_empty()


def test_needs_by_category_counts_open_and_met_persons(region: Region) -> None:
    housing = TaxonomyTermFactory(code="housing", labels={"en": "Housing"})
    for index, client in enumerate(_clients(10, municipality=region.north_town)):
        need = CaseNeedFactory(
            case=CaseFactory(client=client), term=housing, status=NeedStatus.OPEN if index < 6 else NeedStatus.MET
        )
        type(need).objects.filter(pk=need.pk).update(created_at=_at(6))

    table = compute_figure("needs_by_category", period=MARCH)

    assert [(r.key, *r.values[1:]) for r in table.rows] == [("housing", 10, 6, None)]
    assert table.rows[0].suppressed == (False, False, False, True)


def test_referrals_by_sector_pair_counts_and_medians(region: Region) -> None:
    sender = OrganizationFactory(sector=Sector.NON_PROFIT)
    recipient = OrganizationFactory(sector=Sector.STATE_ADMINISTRATION)
    clients = _clients(6, municipality=region.north_town)
    for hours, client in enumerate(clients, start=1):
        ReferralFactory(
            case=CaseFactory(client=client, organization=sender),
            service__organization=recipient,
            status=ReferralStatus.COMPLETED,
            sent_at=_at(10, 8),
            responded_at=_at(10, 8) + datetime.timedelta(hours=hours),
            closed_at=_at(10, 8) + datetime.timedelta(days=hours),
        )

    table = compute_figure("referrals_by_sector_pair", period=MARCH)

    (row,) = table.rows
    assert row.key == "non_profit>state"
    assert row.values[1:5] == (6, 6, 6, 6)
    # Exact on SQLite; read from 5%-wide bins on PostgreSQL.
    assert row.values[5] == pytest.approx(3.5, rel=0.06)
    assert row.values[6] == pytest.approx(84.0, rel=0.06)


def test_desk_visits_counts_visits_and_wait_percentiles(region: Region) -> None:
    from spojka.desk.models import Step, Visit

    site = SiteFactory(organization=OrganizationFactory(municipality=region.north_town))
    station = StationFactory(site=site)
    for number in range(1, 11):
        visit = Visit.objects.create(
            site=site,
            service_date=datetime.date(2026, 3, 9),
            number=number,
            ticket=f"A-{number}",
            language="uk",
            created_at=_at(9, 8),
        )
        Step.objects.create(
            visit=visit, station=station, position=1, status="served", joined_at=_at(9, 8),
            called_at=_at(9, 8) + datetime.timedelta(minutes=6 * number),
        )  # fmt: skip

    table = compute_figure("desk_visits", period=MARCH)

    (row,) = table.rows
    assert row.values[1] == 10
    assert row.values[2] == pytest.approx(0.55, abs=0.06)  # 33 minutes
    assert row.values[3] == pytest.approx(0.91, abs=0.06)  # 54.6 minutes


def test_capacity_by_district_lists_every_district(region: Region) -> None:
    table = compute_figure("capacity_by_district", period=MARCH)

    assert [r.key for r in table.rows] == ["5101", "5102"]


def test_capacity_demand_counts_persons_with_open_needs_once(region: Region) -> None:
    clients = _clients(8, municipality=region.north_town)
    _link(clients[0], clients[1])
    for client in clients:
        # Two open needs per record, and a met one that is no demand.
        for status in (NeedStatus.OPEN, NeedStatus.IN_PROGRESS, NeedStatus.MET):
            CaseNeedFactory(case=CaseFactory(client=client), status=status)
    _clients(6, municipality=region.south_town)

    table = compute_figure("capacity_by_district", period=Period(datetime.date(2026, 1, 1), timezone.localdate()))

    assert table.values("demand") == [7, 0]
    assert table.total is not None
    assert table.total.values[1] == 7


def test_no_figure_shows_a_count_from_one_to_four(region: Region) -> None:
    # Small groups everywhere: 3 clients in the south, 2 needs, a single referral and visit.
    _clients(9, municipality=region.north_town, citizenship="UA")
    south = _clients(3, municipality=region.south_town, citizenship="SY")
    need = CaseNeedFactory(case=CaseFactory(client=south[0]))
    type(need).objects.filter(pk=need.pk).update(created_at=_at(6))
    ReferralFactory(case=CaseFactory(client=south[1]), status=ReferralStatus.SENT, sent_at=_at(7))

    for key in FIGURES:
        table = compute_figure(key, period=MARCH)
        assert table.protected
        for _row, column, value, suppressed in table.iter_cells():
            if column.kind == "count" and value is not None:
                assert not 1 <= int(value) <= 4, f"{key} shows {value}"
            if suppressed:
                assert value is None


def test_district_values_give_unit_codes_and_hide_small_counts(region: Region) -> None:
    _clients(9, municipality=region.north_town)
    _clients(2, municipality=region.south_town)

    assert district_values("clients", period=MARCH) == {"5101": None, "5102": None}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"period": "2026-03"}, Period.month(2026, 3)),
        ({"period": "2026-q2"}, Period.quarter(2026, 2)),
        ({"period": "2025"}, Period.year(2025)),
        ({"start": "2026-01-15", "end": "2026-02-10"}, Period(datetime.date(2026, 1, 15), datetime.date(2026, 2, 10))),
    ],
)
def test_period_parse_reads_months_quarters_years_and_ranges(params: dict[str, str], expected: Period) -> None:
    assert Period.parse(**params) == expected


@pytest.mark.parametrize(
    "params",
    [{"period": "2026-13"}, {"period": "March"}, {"start": "2026-02-30"}, {"start": "2026-03-01", "end": "2026-02-01"},
     {"period": "1850"}],
)  # fmt: skip
def test_period_parse_refuses_bad_input_with_a_message(params: dict[str, str]) -> None:
    with pytest.raises(PeriodError):
        Period.parse(**params)


def test_figures_count_persons_as_the_linkage_app_defines_them(region: Region) -> None:
    from django.db.models import Count

    from spojka.clients.models import Client
    from spojka.linkage.queries import person_expression

    first, second, third, *_ = _clients(9, municipality=region.north_town)
    _link(first, second, third)
    undone = PersonRecord.objects.get(client=third)
    undone.unlinked_at = timezone.now()
    undone.save(update_fields=["unlinked_at"])

    expected = Client.objects.annotate(person=person_expression()).aggregate(n=Count("person", distinct=True))["n"]
    table = compute_figure("clients_by_district", period=MARCH)

    assert expected == 8
    assert table.total is not None
    assert table.total.values[1] == expected


def test_percentiles_read_from_bins_are_within_a_few_percent() -> None:
    import math

    from spojka.coordination.figures.queries import BIN_SCALE, percentiles_of_bins

    minutes = list(range(1, 400, 3))
    bins: dict[int, int] = {}
    for value in minutes:
        bin_number = math.floor(math.log(1 + value) * BIN_SCALE)
        bins[bin_number] = bins.get(bin_number, 0) + 1

    median, p90 = percentiles_of_bins(sorted(bins.items()), [0.5, 0.9])

    assert median == pytest.approx(199 / 60, rel=0.03)
    assert p90 == pytest.approx(358.6 / 60, rel=0.03)


on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own query")


@on_postgresql
def test_needs_persons_by_category_bits_equal_the_pairs_count(region: Region) -> None:
    from django.db.models import F, Q
    from django.db.models.functions import Coalesce

    from spojka.cases.models import CaseNeed
    from spojka.clients.models import Household
    from spojka.coordination.figures.queries import (
        OPEN_NEED_STATUSES,
        persons_by_group,
        persons_by_need_category,
        with_person,
    )
    from spojka.coordination.models import NeedPerson

    # More categories than a bigint holds bits, one of them with subcategories; a person with two
    # linked records; a client with a need of one category in two cases; a household's case.
    categories = [TaxonomyTermFactory(code=f"need{number}") for number in range(70)]
    housing = categories[0]
    flat, hostel = (TaxonomyTermFactory(parent=housing, code=code) for code in ("flat", "hostel"))
    clients = _clients(8, municipality=region.north_town)
    _link(clients[0], clients[1])
    statuses = [NeedStatus.OPEN, NeedStatus.MET, NeedStatus.IN_PROGRESS, NeedStatus.UNMET]
    for index, client in enumerate(clients):
        case = CaseFactory(client=client)
        for offset, term in enumerate([categories[(index * 9) % 70], categories[69 - index], flat]):
            CaseNeedFactory(case=case, term=term, status=statuses[(index + offset) % 4])
    CaseNeedFactory(case=CaseFactory(client=clients[2]), term=hostel, status=NeedStatus.MET)
    household = Household.objects.create(organization=clients[3].organization)
    CaseNeedFactory(case=CaseFactory(client=None, household=household, organization=household.organization))
    flags = {"open": Q(status__in=OPEN_NEED_STATUSES), "met": Q(status=NeedStatus.MET)}

    # The needs as counted, which the database's triggers keep as the needs, links and terms are written.
    fast = persons_by_need_category(NeedPerson.objects.all(), flags)
    pairs = persons_by_group(
        with_person(CaseNeed.objects.all(), "case__client__"), Coalesce(F("term__parent_id"), F("term_id")), flags
    )

    assert fast == pairs
    assert fast[0][housing.pk]["persons"] == 7  # eight records of seven persons, some with two housing needs
    assert fast[1]["persons"] == 8  # and the household's


@on_postgresql
def test_duration_bins_on_postgresql_are_the_logarithmic_bins() -> None:
    import math

    from django.db.models import DurationField, ExpressionWrapper, Value

    from spojka.clients.models import Client
    from spojka.coordination.figures.queries import BIN_SCALE, DurationBin

    seconds = [-30.0, 0.0, 2.0, 3.1, 59.0, 61.0, 3600.0, 5400.5, 86400.0 * 3 + 7, 86400.0 * 400]
    ClientFactory()
    for value in seconds:
        duration = ExpressionWrapper(Value(datetime.timedelta(seconds=value)), output_field=DurationField())
        found = Client.objects.annotate(bin=DurationBin(duration)).values_list("bin", flat=True)[0]

        assert found == math.floor(math.log(1 + max(value, 0) / 60) * BIN_SCALE)


def test_rebuild_figures_says_what_it_did_on_either_database() -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("rebuild_figures", stdout=out)

    expected = "Rebuilt: 0 client records" if connection.vendor == "postgresql" else "Nothing to rebuild"
    assert expected in out.getvalue()
