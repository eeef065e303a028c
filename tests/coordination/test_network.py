"""The cooperation network picture: its data, its suppression, its layout and its pages."""

import datetime
import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from spojka.accounts.models import User
from spojka.coordination.figures import compute_figure
from spojka.coordination.figures.tables import Period
from spojka.coordination.network import Network, cooperation_network, edge_table, network_scene
from spojka.coordination.suppression import Equation, determined_cells
from spojka.network.enums import Role, Sector
from spojka.network.models import Organization
from spojka.referrals.enums import ReferralStatus
from spojka.referrals.models import Referral
from tests.conftest import Personas
from tests.coordination.pictures_data import at, make_flows
from tests.factories import OrganizationFactory
from tests.referrals.factories import ChildProtectionNotificationFactory

pytestmark = pytest.mark.django_db

MARCH = Period.month(2026, 3)
DAY = datetime.date(2026, 3, 10)


def published_numbers(network: Network) -> list[int]:
    """Return every number the network publishes: edges and the sector matrix."""
    numbers = [edge.count for edge in network.edges if edge.count is not None]
    for row in network.matrix.rows:
        numbers += [v for v in row.values[1:] if isinstance(v, int)]
    return numbers


def hidden_but_determined(network: Network, truth: dict[tuple[str, str], int]) -> set[tuple[str, str]]:
    """Rebuild what a coordinator sees (edges, sector cells, the dashboard's total) and return the hidden edges
    the published numbers determine."""
    sector_of = {node.id: node.sector.value for node in network.nodes}
    edges = list(network.edges)
    cells = [truth[(e.source, e.target)] for e in edges]
    hidden = {i for i, e in enumerate(edges) if e.count is None}
    equations = []
    pair_cells = []
    for row in network.matrix.rows:
        for j, column in enumerate(network.matrix.columns[1:], start=1):
            parts = tuple(
                i for i, e in enumerate(edges) if (sector_of[e.source], sector_of[e.target]) == (row.key, column.key)
            )
            cells.append(sum(cells[i] for i in parts))
            pair_cells.append(len(cells) - 1)
            if row.suppressed[j]:
                hidden.add(len(cells) - 1)
            equations.append(Equation(parts, len(cells) - 1))
    cells.append(sum(cells[i] for i in pair_cells))  # the dashboard's total of referrals sent
    equations.append(Equation(tuple(pair_cells), len(cells) - 1))
    determined = determined_cells(cells, equations, hidden)
    # A hidden edge, or a sector cell the dashboard hides, that the published numbers give away.
    return {(edges[i].source, edges[i].target) if i < len(edges) else ("sector cell", str(i)) for i in determined}


@pytest.fixture
def region() -> dict[str, Organization]:
    """Four organisations of three sectors, referrals in March 2026 and outside it."""
    centre = OrganizationFactory(name="Integration Centre", sector=Sector.INTEGRATION_CENTRE)
    ngo = OrganizationFactory(name="Charity North", sector=Sector.NON_PROFIT)
    town = OrganizationFactory(name="Town Hall", sector=Sector.MUNICIPAL_SELF_GOVERNMENT)
    office = OrganizationFactory(name="Labour Office", sector=Sector.STATE_ADMINISTRATION)
    make_flows({(centre, ngo): 12, (centre, town): 7, (ngo, centre): 6, (town, office): 2, (ngo, office): 9}, day=DAY)
    make_flows({(centre, ngo): 40}, day=datetime.date(2026, 4, 2))  # April: outside the period
    return {"centre": centre, "ngo": ngo, "town": town, "office": office}


def test_network_counts_referrals_sent_between_organisations_in_the_period(region: dict[str, Organization]) -> None:
    network = cooperation_network(MARCH)
    by_pair = {(e.source, e.target): e.count for e in network.edges}
    centre, ngo = region["centre"], region["ngo"]
    assert by_pair[(str(centre.pk), str(ngo.pk))] == 12
    assert by_pair[(str(ngo.pk), str(centre.pk))] in {6, None}  # None: hidden with the dashboard's figure
    assert len(network.edges) == 5
    assert {node.name for node in network.nodes} >= {"Integration Centre", "Charity North", "Town Hall"}


def test_network_leaves_out_drafts_and_child_protection_notifications(region: dict[str, Organization]) -> None:
    centre, office = region["centre"], region["office"]
    Referral.objects.filter(sender_organization=centre).update(status=ReferralStatus.DRAFT, sent_at=None)
    ChildProtectionNotificationFactory(
        case__client__organization=office, sender_organization=office, recipient_organization=centre, sent_at=at(DAY)
    )
    network = cooperation_network(MARCH)
    assert all(e.source != str(centre.pk) for e in network.edges)
    assert all(e.target != str(centre.pk) or e.source != str(office.pk) for e in network.edges)


def test_network_never_publishes_a_count_from_1_to_4(region: dict[str, Organization]) -> None:
    network = cooperation_network(MARCH)
    assert not [n for n in published_numbers(network) if 0 < n < 5]
    town, office = region["town"], region["office"]
    small = next(e for e in network.edges if e.source == str(town.pk) and e.target == str(office.pk))
    assert small.count is None
    assert small.text == "<5"


def test_network_hides_complements_so_no_small_edge_can_be_worked_out(region: dict[str, Organization]) -> None:
    network = cooperation_network(MARCH)
    truth = {
        (str(s), str(t)): c
        for s, t, c in Referral.objects.filter(sent_at__gte=MARCH.start_datetime, sent_at__lt=MARCH.end_datetime)
        .values_list("sender_organization", "recipient_organization")
        .annotate(c=Count("id"))
    }
    assert any(edge.count is None for edge in network.edges)
    assert hidden_but_determined(network, truth) == set()


def test_network_keeps_hidden_what_the_dashboard_figure_hides(region: dict[str, Organization]) -> None:
    figure = compute_figure("referrals_by_sector_pair", period=MARCH)
    sent = figure.column_index("sent")
    hidden_pairs = {row.key for row in figure.rows if row.suppressed[sent]}
    network = cooperation_network(MARCH)
    sector_of = {node.id: node.sector.value for node in network.nodes}
    for edge in network.edges:
        pair = f"{sector_of[edge.source]}>{sector_of[edge.target]}"
        alone = sum(1 for e in network.edges if f"{sector_of[e.source]}>{sector_of[e.target]}" == pair) == 1
        if pair in hidden_pairs and alone:
            assert edge.count is None, pair  # else the edge would give the dashboard's hidden cell away
    matrix_hidden = {f"{row.key}>{c.key}" for row in network.matrix.rows for c, h in
                     zip(network.matrix.columns[1:], row.suppressed[1:], strict=True) if h}  # fmt: skip
    assert matrix_hidden == hidden_pairs


def test_network_layout_is_the_same_every_time(region: dict[str, Organization]) -> None:
    first, second = cooperation_network(MARCH), cooperation_network(MARCH)
    assert [(n.x, n.y) for n in first.nodes] == [(n.x, n.y) for n in second.nodes]
    assert network_scene(first).svg() == network_scene(second).svg()


def test_network_groups_organisations_by_sector_in_the_order_of_sectors(region: dict[str, Organization]) -> None:
    sectors = [node.sector for node in cooperation_network(MARCH).nodes]
    order = list(Sector)
    assert sectors == sorted(sectors, key=order.index)


def test_network_picture_is_accessible_and_shows_no_small_number(region: dict[str, Organization]) -> None:
    svg = str(network_scene(cooperation_network(MARCH)).svg())
    assert 'role="group"' in svg
    assert "<title" in svg
    assert "<desc" in svg
    assert svg.count('class="network__node"') >= 4
    assert 'tabindex="0"' in svg
    for count in re.findall(r'data-count="([^"]*)"', svg):
        assert count == "&lt;5" or not 0 < int(count.replace("\xa0", "")) < 5


def test_network_of_an_empty_period_is_an_empty_picture(db: None) -> None:
    OrganizationFactory(name="Lonely Office")
    network = cooperation_network(Period.month(2025, 1))
    assert network.is_empty()
    assert "No referrals between organisations" in str(network_scene(network).svg())
    assert edge_table(network).rows == ()


def test_network_png_is_an_image(region: dict[str, Organization]) -> None:
    assert network_scene(cooperation_network(MARCH)).png().startswith(b"\x89PNG")


# Pages


def network_url(name: str = "network", **kwargs: str) -> str:
    return reverse(f"coordination:{name}", kwargs=kwargs)


def test_coordinator_sees_the_network_page_without_any_client(
    region: dict[str, Organization], personas: Personas, login: Callable[[User], Client]
) -> None:
    client = login(personas.by_role[Role.REGIONAL_COORDINATOR])
    response = client.get(network_url(), {"period": "2026-03"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Charity North" in content
    assert "network__picture" in content
    assert "coordination-network.js" in content
    # Aggregates only: no client's name reaches the page.
    for name in Referral.objects.values_list("client__family_name", flat=True).distinct():
        assert name not in content


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.ORGANIZATION_MANAGER, Role.DESK_OPERATOR])
def test_network_page_is_closed_to_roles_without_the_permission(
    role: Role, personas: Personas, login: Callable[[User], Client]
) -> None:
    assert login(personas.by_role[role]).get(network_url()).status_code == 403


def test_network_page_explains_a_bad_period(personas: Personas, login: Callable[[User], Client]) -> None:
    response = login(personas.by_role[Role.ANALYST]).get(network_url(), {"period": "2026-13"})
    assert response.status_code == 400
    assert "There is no month 2026-13." in response.content.decode()


def test_network_page_makes_a_constant_number_of_queries(
    region: dict[str, Organization], personas: Personas, login: Callable[[User], Client]
) -> None:
    client = login(personas.by_role[Role.REGIONAL_COORDINATOR])
    client.get(network_url(), {"period": "2026-03"})
    with CaptureQueriesContext(connection) as few:
        client.get(network_url(), {"period": "2026-03"})
    make_flows({(OrganizationFactory(), OrganizationFactory()): 8 for _ in range(5)}, day=DAY)
    # The new referrals make the month's stored figures stale (PostgreSQL): the next view computes them again.
    client.get(network_url(), {"period": "2026-03"})
    with CaptureQueriesContext(connection) as many:
        client.get(network_url(), {"period": "2026-03"})
    assert len(many) == len(few)


@pytest.mark.parametrize(
    ("file_format", "content_type", "start"),
    [("svg", "image/svg+xml", b"<?xml"), ("png", "image/png", b"\x89PNG"), ("csv", "text/csv", b"\xef\xbb\xbf")],
)
def test_network_downloads(
    region: dict[str, Organization],
    personas: Personas,
    login: Callable[[User], Client],
    file_format: str,
    content_type: str,
    start: bytes,
) -> None:
    client = login(personas.by_role[Role.REGIONAL_COORDINATOR])
    response = client.get(network_url("network_download", file_format=file_format), {"period": "2026-03"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response.content.startswith(start)
    assert "network-2026-03" in response["Content-Disposition"]


def test_network_csv_is_the_suppressed_sector_matrix(
    region: dict[str, Organization], personas: Personas, login: Callable[[User], Client]
) -> None:
    client = login(personas.by_role[Role.REGIONAL_COORDINATOR])
    text = client.get(network_url("network_download", file_format="csv"), {"period": "2026-03"}).content.decode(
        "utf-8-sig"
    )
    numbers = [int(cell) for line in text.splitlines()[1:] for cell in line.split(",")[1:] if cell.isdigit()]
    assert numbers
    assert not [n for n in numbers if 0 < n < 5]
    assert "<5" in text


def test_network_xlsx_has_the_matrix_and_the_links(
    region: dict[str, Organization], personas: Personas, login: Callable[[User], Client]
) -> None:
    import io

    import openpyxl

    client = login(personas.by_role[Role.REGIONAL_COORDINATOR])
    response = client.get(network_url("network_download", file_format="xlsx"), {"period": "2026-03"})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["sectors", "links"]
    values = [cell for row in book["links"].iter_rows(values_only=True) for cell in row]
    assert "Charity North" in values
    assert 12 in values
    assert "<5" in values


def test_network_download_of_an_unknown_format_is_not_found(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    client = login(personas.by_role[Role.REGIONAL_COORDINATOR])
    assert client.get(network_url("network_download", file_format="gif")).status_code == 404
