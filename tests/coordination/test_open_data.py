"""Open data: monthly cells only, no count from 1 to 4, and no recovery of a hidden cell by differencing."""

import csv
import datetime
import io
import json
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from spojka.accounts.models import User
from spojka.coordination.figures.tables import Period
from spojka.coordination.open_data import TOTAL_KEY, build_export, data_dictionary, export_csv, export_json
from spojka.coordination.suppression import Equation, determined_cells
from spojka.network.enums import Role, Sector
from tests.conftest import Personas
from tests.coordination.pictures_data import make_clients, make_flows
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 20)
JAN_MAR = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
JAN_APR = Period(datetime.date(2026, 1, 1), datetime.date(2026, 4, 30))


@pytest.fixture
def months() -> None:
    """Clients and referrals in January to April 2026, with small counts in every month."""
    centre = OrganizationFactory(name="Centre", sector=Sector.INTEGRATION_CENTRE)
    ngo = OrganizationFactory(name="Charity", sector=Sector.NON_PROFIT)
    town = OrganizationFactory(name="Town", sector=Sector.MUNICIPAL_SELF_GOVERNMENT)
    plans = {
        1: ({"UA": 9, "RU": 2, "MD": 6}, {(centre, ngo): 8, (ngo, town): 3}),
        2: ({"UA": 12, "RU": 1}, {(centre, ngo): 6, (centre, town): 2, (ngo, centre): 7}),
        3: ({"UA": 7, "VN": 3, "MD": 1}, {(centre, ngo): 11, (town, centre): 4}),
        4: ({"UA": 8, "RU": 4}, {(centre, ngo): 5, (ngo, town): 1}),
    }
    for month, (clients, flows) in plans.items():
        day = datetime.date(2026, month, 10)
        make_clients(clients, day=day, organization=centre)
        make_flows(flows, day=day)


def records(period: Period) -> list[dict[str, Any]]:
    return list(json.loads(export_json(build_export(period, today=TODAY)))["records"])


def test_open_data_never_publishes_a_count_from_1_to_4(months: None) -> None:
    export = build_export(JAN_APR, today=TODAY)
    published = list(json.loads(export_json(export))["records"])
    counts = [r["value"] for r in published if r["kind"] == "count" and r["value"] is not None]
    assert counts, "the export publishes counts"
    assert not [value for value in counts if 0 < value < 5]
    assert any(r["suppressed"] for r in published)
    rows = list(csv.DictReader(io.StringIO(export_csv(export).decode("utf-8-sig"))))
    assert not [r for r in rows if r["kind"] == "count" and r["value"] and 0 < int(r["value"]) < 5]
    assert all(r["value"] == "" for r in rows if r["suppressed"] == "true")


def test_open_data_publishes_whole_ended_months_only(months: None) -> None:
    export = build_export(Period(datetime.date(2026, 3, 15), datetime.date(2026, 5, 3)), today=TODAY)
    assert [f"{m:%Y-%m}" for m in export.months] == ["2026-03", "2026-04"]
    assert [f"{m:%Y-%m}" for m in export.left_out] == ["2026-05"]
    assert {r["month"] for r in json.loads(export_json(export))["records"]} == {"2026-03", "2026-04"}


def test_open_data_overlapping_exports_share_identical_month_cells(months: None) -> None:
    def cells(period: Period) -> dict[tuple[str, str, str, str], tuple[object, bool]]:
        return {
            (r["month"], r["dataset"], r["category"], r["measure"]): (r["value"], r["suppressed"])
            for r in records(period)
        }

    short, long = cells(JAN_MAR), cells(JAN_APR)
    # Every cell of January-March is published identically (value and suppression) in January-April…
    assert {key: long[key] for key in short} == short
    # …and January-April adds only April's own cells: no period total to subtract.
    assert {key[0] for key in set(long) - set(short)} == {"2026-04"}


def test_open_data_differencing_attack_recovers_no_hidden_cell(months: None) -> None:
    """Whoever holds both exports and the true equations (columns add up to totals) can determine no hidden cell."""
    build_export(JAN_APR, today=TODAY)
    published = records(JAN_MAR) + records(JAN_APR)
    by_key = {(r["month"], r["dataset"], r["category"], r["measure"]): r for r in published if r["kind"] == "count"}
    keys = sorted(by_key)
    position = {key: i for i, key in enumerate(keys)}
    # Hidden cells take their (unknown to the attacker) value 1 for the rank test; shown ones their value.
    values = [int(by_key[k]["value"]) if by_key[k]["value"] is not None else 1 for k in keys]
    hidden = [position[k] for k in keys if by_key[k]["suppressed"]]
    assert hidden, "the fixture has small counts"
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for key in keys:
        if key[2] != TOTAL_KEY:
            groups[(key[0], key[1], key[3])].append(position[key])
    equations = [
        Equation(tuple(parts), position[(month, dataset, TOTAL_KEY, measure)])
        for (month, dataset, measure), parts in groups.items()
        if (month, dataset, TOTAL_KEY, measure) in position
    ]
    # A period total would be one more equation: none is published, so the attacker has none.
    assert not any(r["month"] not in {"2026-01", "2026-02", "2026-03", "2026-04"} for r in published)
    assert determined_cells(values, equations, hidden) == frozenset()


def test_open_data_period_total_minus_visible_cells_reveals_nothing(months: None) -> None:
    for record in records(JAN_APR):
        assert record["month"] != ""
        assert len(record["month"]) == 7
    # Each month's table: when a body cell is hidden, at least one more cell of its column is hidden too.
    hidden_by_column: dict[tuple[str, str, str], int] = defaultdict(int)
    for record in records(JAN_APR):
        if record["suppressed"] and record["kind"] == "count":
            hidden_by_column[(record["month"], record["dataset"], record["measure"])] += 1
    assert hidden_by_column
    assert all(count >= 2 for count in hidden_by_column.values())


def test_open_data_dictionary_describes_fields_suppression_and_licence_in_czech_and_english(db: None) -> None:
    dictionary = json.loads(data_dictionary())
    assert {field["name"] for field in dictionary["fields"]} >= {"month", "dataset", "value", "suppressed"}
    assert set(dictionary["suppression"]) == {"cs", "en"}
    assert dictionary["licence"] == "CC-BY-4.0"
    assert all(set(d["title"]) == {"cs", "en"} for d in dictionary["datasets"])


# Pages


def test_analyst_downloads_open_data_csv(months: None, personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.by_role[Role.ANALYST])
    response = client.get(reverse("coordination:open_data"), {"period": "2026-Q1", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.startswith("month,dataset,category")
    assert "Kovalenko" not in text  # aggregates only


def test_open_data_page_explains_a_bad_period(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.by_role[Role.REGIONAL_COORDINATOR])
    response = client.get(reverse("coordination:open_data"), {"period": "spring", "format": "json"})
    assert response.status_code == 400
    assert "Choose the period as a month" in response.content.decode()


def test_open_data_page_refuses_too_long_a_period(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.by_role[Role.REGIONAL_COORDINATOR])
    response = client.get(
        reverse("coordination:open_data"), {"start": "2020-01-01", "end": "2025-12-31", "format": "csv"}
    )
    assert response.status_code == 400
    assert "at most 36 months" in response.content.decode()


def test_open_data_is_closed_to_caseworkers(personas: Personas, login: Callable[[User], Client]) -> None:
    assert login(personas.by_role[Role.CASEWORKER]).get(reverse("coordination:open_data")).status_code == 403


def test_open_data_dictionary_downloads(personas: Personas, login: Callable[[User], Client]) -> None:
    response = login(personas.by_role[Role.ANALYST]).get(reverse("coordination:open_data"), {"format": "dictionary"})
    assert response.status_code == 200
    assert json.loads(response.content)["licence"] == "CC-BY-4.0"
