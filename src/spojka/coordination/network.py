"""The cooperation network: organisations as nodes coloured by sector, referrals between them as edges.

Aggregates only. An edge is the number of referrals one organisation sent another in the period.
Child-protection notifications are not drawn, because an edge to a child-protection office would
tell that a family the sender works with was reported, whatever its size; nor are referrals within
one organisation.

Suppression. The edges add up to the cells of the dashboard's figure "Referrals by sector pair"
(which counts every referral sent, notifications included, and is suppressed on its own), and a
coordinator sees both. So the edges are suppressed in one system of equations with that figure's
published cells, taken as they are: an edge of 1 to 4 is drawn without its number (a thin dashed
line marked "<5"), and further edges are hidden until no hidden number (an edge, a notification
count, or a cell the figure hides) can be worked out, and no group of hidden edges adds up to less
than 5 against a shown total (`_protect`, using `suppression.determined_cells`). The sector matrix
on the page is that figure's own "sent" cells rearranged, without margins, so it adds no equation.
Organisations' own totals are not published: they would add an equation per organisation and hide
most edges of a small network; a node's size follows its shown edges only. Showing a weak edge at
all (rather than merging it away) tells only that two organisations exchanged at least one
referral, which is what the picture is for and says nothing about a person.

The layout is deterministic and printable: sectors take arcs of a circle in the order of `Sector`,
organisations by name within them, and edges bend towards the centre like a chord diagram.
"""

import math
from dataclasses import dataclass
from typing import Final

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from spojka.coordination.charts.figures import PALETTE, SUPPRESSED_LABEL, value_text
from spojka.coordination.charts.scene import (
    INK,
    MUTED,
    Circle,
    Group,
    Polygon,
    Scene,
    Shape,
    Text,
    rect,
    shorten,
    text_width,
)
from spojka.coordination.figures import compute_figure
from spojka.coordination.figures.tables import Column, ColumnKind, Period, Row, Table, Value
from spojka.coordination.suppression import THRESHOLD, Equation, determined_cells, is_small
from spojka.network.enums import Sector
from spojka.network.models import Organization
from spojka.referrals.enums import ReferralKind
from spojka.referrals.models import Referral

SECTOR_COLOURS: Final[dict[str, str]] = {
    sector.value: PALETTE[index % len(PALETTE)] for index, sector in enumerate(Sector)
}
SIZE: Final = 760.0
RADIUS: Final = 230.0
LABEL_SIZE: Final = 11.0
# The circle's centre: labels need room at the sides, little above and below.
CENTRE: Final = (SIZE / 2, RADIUS + 40)


@dataclass(frozen=True)
class Node:
    """An organisation in the picture and its place; `shown` is the sum of its edges that are shown."""

    id: str
    name: str
    sector: Sector
    shown: int
    x: float
    y: float

    @property
    def colour(self) -> str:
        return SECTOR_COLOURS[self.sector.value]


@dataclass(frozen=True)
class Edge:
    """Referrals from one organisation to another; `count` is None when hidden (fewer than 5 or a complement)."""

    source: str
    target: str
    count: int | None

    @property
    def text(self) -> str:
        return SUPPRESSED_LABEL if self.count is None else value_text(self.count)


@dataclass(frozen=True)
class Network:
    """The picture's data for a period: nodes, edges and the sector matrix, all suppressed."""

    period: Period
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    matrix: Table

    def is_empty(self) -> bool:
        """Say whether no referral crossed between organisations in the period."""
        return not self.edges

    def node(self, node_id: str) -> Node:
        """Return the node with this id."""
        return next(node for node in self.nodes if node.id == node_id)


Flow = tuple[str, str, str]  # sender id, recipient id, kind


def referral_flows(period: Period) -> dict[Flow, int]:
    """Count every referral sent in the period by sender, recipient and kind (one grouped query).

    The same referrals as the dashboard's "Referrals by sector pair" figure counts as sent, so that the
    two can be suppressed together.
    """
    rows = (
        Referral.objects.filter(sent_at__gte=period.start_datetime, sent_at__lt=period.end_datetime)
        .values("sender_organization_id", "recipient_organization_id", "kind")
        .annotate(count=Count("id"))
        .order_by()
    )
    return {
        (str(row["sender_organization_id"]), str(row["recipient_organization_id"]), row["kind"]): row["count"]
        for row in rows
    }


def _is_drawn(flow: Flow) -> bool:
    """Say whether a flow is an edge of the picture: an ordinary referral to another organisation."""
    return flow[2] == ReferralKind.REFERRAL and flow[0] != flow[1]


def _protect(
    values: list[int], equations: list[Equation], hidden: set[int], choosable: set[int], threshold: int = THRESHOLD
) -> None:
    """Hide more choosable cells (edges) until no equation gives a hidden cell away; other cells stay as they are."""

    def hide_one(equation: Equation) -> bool:
        candidates = sorted((values[c], c) for c in equation.parts if c in choosable and c not in hidden and values[c])
        if candidates:
            hidden.add(candidates[0][1])
            return True
        return False

    for _round in range(len(values) + 1):
        changed = False
        for equation in equations:
            hidden_parts = [c for c in equation.parts if c in hidden]
            count = len(hidden_parts) + (equation.total in hidden)
            if not count:
                continue
            small = equation.total not in hidden and 0 < sum(values[c] for c in hidden_parts) < threshold
            if count == 1 or small:
                changed |= hide_one(equation)
        for cell in determined_cells(values, equations, hidden):
            changed |= any(hide_one(e) for e in equations if cell in e.parts or cell == e.total)
        if not changed:
            return


def cooperation_network(period: Period) -> Network:
    """Return the suppressed network of the period: every active organisation, edges, sector matrix."""
    flows = referral_flows(period)
    figure = compute_figure("referrals_by_sector_pair", period=period)
    involved = {org_id for flow in flows for org_id in flow[:2]}
    organizations = sorted(
        Organization.objects.filter(Q(is_active=True) | Q(id__in=involved)).only("id", "name", "short_name", "sector"),
        key=lambda o: (list(Sector).index(Sector(o.sector)), o.display_name.casefold()),
    )
    sector_of = {str(org.id): Sector(org.sector).value for org in organizations}
    ids = [str(org.id) for org in organizations]

    # One system of equations with the dashboard's figure: each sector pair's published "sent" count is the
    # sum of the flows between organisations of those sectors, and the figure's total the sum of the pairs.
    # The figure's cells are fixed (published or hidden there); only edges can be hidden here. Flows that
    # are not drawn (child-protection notifications, referrals within one organisation) are never shown.
    values: list[int] = []

    def add(value: int) -> int:
        values.append(value)
        return len(values) - 1

    flow_cell = {flow: add(count) for flow, count in sorted(flows.items())}
    sent = figure.column_index("sent")
    hidden: set[int] = {cell for flow, cell in flow_cell.items() if not _is_drawn(flow) or is_small(values[cell])}
    pair_cell: dict[str, int] = {}
    for row in figure.rows:
        parts = [c for f, c in flow_cell.items() if f"{sector_of.get(f[0], '')}>{sector_of.get(f[1], '')}" == row.key]
        pair_cell[row.key] = add(sum(values[c] for c in parts))
        if row.suppressed[sent]:
            hidden.add(pair_cell[row.key])
    equations = [
        Equation(
            tuple(c for f, c in flow_cell.items() if f"{sector_of.get(f[0], '')}>{sector_of.get(f[1], '')}" == key),
            cell,
        )
        for key, cell in pair_cell.items()
    ]
    if figure.total is not None:
        total = add(sum(values[c] for c in pair_cell.values()))
        if figure.total.suppressed[sent]:
            hidden.add(total)
        equations.append(Equation(tuple(pair_cell.values()), total))
    _protect(values, equations, hidden, choosable={c for f, c in flow_cell.items() if _is_drawn(f)})

    def shown(cell: int) -> int | None:
        return None if cell in hidden else values[cell]

    positions = _layout(ids, sector_of)
    edges = tuple(Edge(flow[0], flow[1], shown(cell)) for flow, cell in flow_cell.items() if _is_drawn(flow))
    nodes = tuple(
        Node(
            id=str(org.id),
            name=org.display_name,
            sector=Sector(org.sector),
            shown=sum(e.count or 0 for e in edges if str(org.id) in (e.source, e.target)),
            x=positions[str(org.id)][0],
            y=positions[str(org.id)][1],
        )
        for org in organizations
    )
    matrix = _matrix_table(figure, sent)
    return Network(period=period, nodes=nodes, edges=edges, matrix=matrix)


def _layout(ids: list[str], sector_of: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Place organisations on a circle, sector by sector, with a gap between sectors."""
    if not ids:
        return {}
    groups = sum(1 for i, org_id in enumerate(ids) if i == 0 or sector_of[ids[i - 1]] != sector_of[org_id])
    gap = 1.5  # a sector gap is worth one and a half places
    slots = len(ids) + groups * gap
    cx, cy = CENTRE
    positions = {}
    slot = 0.0
    for i, org_id in enumerate(ids):
        if i == 0 or sector_of[ids[i - 1]] != sector_of[org_id]:
            slot += gap / 2 if i == 0 else gap
        angle = -math.pi / 2 + 2 * math.pi * slot / slots
        positions[org_id] = (cx + RADIUS * math.cos(angle), cy + RADIUS * math.sin(angle))
        slot += 1
    return positions


def _matrix_table(figure: Table, sent: int) -> Table:
    """Arrange the dashboard figure's published "sent" cells as a sector-by-sector matrix.

    No margins: row and column sums are not in the figure, and publishing them here would add
    equations that could give its hidden cells away.
    """
    cells = {row.key: (row.values[sent], row.suppressed[sent]) for row in figure.rows}
    used = [sector for sector in Sector if any(sector.value in key.split(">") for key in cells)]
    columns = (
        Column("sector", _("From sector → to sector"), ColumnKind.LABEL),
        *(Column(sector.value, str(sector.label), ColumnKind.COUNT) for sector in used),
    )
    rows = []
    for a in used:
        values: list[Value] = [str(a.label)]
        flags = [False]
        for b in used:
            value, hidden = cells.get(f"{a.value}>{b.value}", (0, False))
            values.append(None if hidden else value)
            flags.append(hidden)
        rows.append(Row(a.value, tuple(values), tuple(flags)))
    return Table(
        key="sector_matrix",
        title=_("Referrals between sectors"),
        columns=columns,
        rows=tuple(rows),
        note=_(
            "Rows: the sector of the sending organisation; columns: the sector of the receiving one. Referrals and "
            "child-protection notifications sent in the period, as in the dashboard."
        ),
        protected=True,
    )


# The picture


def _curve(start: tuple[float, float], end: tuple[float, float], steps: int = 14) -> tuple[tuple[float, float], ...]:
    """Sample a quadratic curve from start to end that bends towards the centre."""
    cx, cy = CENTRE
    mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    control = (cx + (mid[0] - cx) * 0.3, cy + (mid[1] - cy) * 0.3)
    points = []
    for k in range(steps + 1):
        t = k / steps
        points.append(
            (
                round((1 - t) ** 2 * start[0] + 2 * (1 - t) * t * control[0] + t**2 * end[0], 1),
                round((1 - t) ** 2 * start[1] + 2 * (1 - t) * t * control[1] + t**2 * end[1], 1),
            )
        )
    return tuple(points)


def _radius(node: Node) -> float:
    return 5.0 + min(11.0, math.sqrt(node.shown))


def network_scene(network: Network) -> Scene:
    """Lay out the network picture: chords between organisations around a circle, a sector legend."""
    shapes: list[Shape] = []
    by_id = {node.id: node for node in network.nodes}
    top = max((edge.count or 0 for edge in network.edges), default=0) or 1
    for edge in sorted(network.edges, key=lambda e: e.count or 0):
        source, target = by_id[edge.source], by_id[edge.target]
        points = _curve((source.x, source.y), (target.x, target.y))
        # Stop the line at the target's rim and put an arrowhead there.
        radius = _radius(target) + 2
        tip_index = len(points) - 1
        while tip_index > 1 and math.dist(points[tip_index], (target.x, target.y)) < radius:
            tip_index -= 1
        tip, before = points[tip_index], points[tip_index - 1]
        angle = math.atan2(tip[1] - before[1], tip[0] - before[0])
        hidden = edge.count is None
        width = 1.0 if hidden else 1.2 + 5.0 * edge.count / top  # type: ignore[operator]  # not hidden here
        head = 4.0 + width
        arrow = (
            tip,
            (tip[0] - head * math.cos(angle - 0.45), tip[1] - head * math.sin(angle - 0.45)),
            (tip[0] - head * math.cos(angle + 0.45), tip[1] - head * math.sin(angle + 0.45)),
        )
        colour = source.colour
        label = _("%(source)s → %(target)s: %(count)s") % {
            "source": source.name,
            "target": target.name,
            "count": edge.text,
        }
        shapes.append(
            Group(
                (
                    Polygon(points[: tip_index + 1], stroke=colour, stroke_width=width, closed=False, dashed=hidden),
                    Polygon(arrow, fill=colour),
                ),
                attrs=(
                    ("class", "network__edge" + (" network__edge--hidden" if hidden else "")),
                    ("data-source", edge.source),
                    ("data-target", edge.target),
                    ("data-count", edge.text),
                ),
                title=label,
            )
        )
    cx, cy = CENTRE
    for node in network.nodes:
        angle = math.atan2(node.y - cy, node.x - cx)
        radius = _radius(node)
        right = math.cos(angle) >= 0
        label_x = node.x + (radius + 5) * math.cos(angle)
        label_y = node.y + (radius + 5) * math.sin(angle) + 3.5
        name = shorten(node.name, size=LABEL_SIZE, width=SIZE / 2 - RADIUS - 24)
        links = sum(1 for e in network.edges if node.id in (e.source, e.target))
        summary = ngettext("%(name)s (%(sector)s): %(count)s link", "%(name)s (%(sector)s): %(count)s links", links) % {
            "name": node.name,
            "sector": node.sector.label,
            "count": links,
        }
        shapes.append(
            Group(
                (
                    Circle(node.x, node.y, radius, fill=node.colour, stroke=INK, stroke_width=0.75),
                    Text(label_x, label_y, name, LABEL_SIZE, anchor="start" if right else "end"),
                ),
                attrs=(
                    ("class", "network__node"),
                    ("data-node", node.id),
                    ("data-name", node.name),
                    ("data-sector", str(node.sector.label)),
                    ("tabindex", "0"),
                    ("role", "button"),
                    ("aria-label", summary),
                ),
            )
        )
    # Legend: sectors present, then the hidden edge.
    y = cy + RADIUS + 48
    x = 12.0
    present = [sector for sector in Sector if any(node.sector == sector for node in network.nodes)]
    for sector in present:
        label = str(sector.label)
        span = 20 + text_width(label, 10) + 18
        if x + span > SIZE:
            x, y = 12.0, y + 18
        shapes.append(Circle(x + 6, y - 4, 6, fill=SECTOR_COLOURS[sector.value]))
        shapes.append(Text(x + 16, y, label, 10))
        x += span
    y += 22
    shapes.append(Polygon(((12, y - 4), (40, y - 4)), stroke=MUTED, stroke_width=1, closed=False, dashed=True))
    shapes.append(Text(46, y, _("fewer than 5 referrals, or hidden so that one cannot be worked out"), 10, fill=MUTED))
    y += 18
    note = _("Line width: referrals sent in the period; arrows point to the receiving organisation.")
    shapes.append(Text(12, y, note,
                       10, fill=MUTED))  # fmt: skip
    if network.is_empty():
        shapes.append(rect(cx - 170, cy - 16, 340, 28, fill="#ffffff", stroke=MUTED))
        shapes.append(Text(cx, cy + 3, _("No referrals between organisations in this period."), 11,
                           anchor="middle", fill=INK))  # fmt: skip
    description = _(
        "%(nodes)s organisations around a circle, grouped by sector, and %(edges)s links between them: "
        "referrals sent from %(start)s to %(end)s. The tables below give every number."
    ) % {
        "nodes": len(network.nodes),
        "edges": len(network.edges),
        "start": network.period.start.isoformat(),
        "end": network.period.end.isoformat(),
    }
    title = _("The cooperation network, %(period)s") % {"period": network.period.label()}
    return Scene(SIZE, y + 12, title, description, tuple(shapes), css_class="network__picture", role="group")


def edge_table(network: Network) -> Table:
    """Return the edges as a table (sender, recipient, referrals) for the page and the exports."""
    names = {node.id: node.name for node in network.nodes}
    rows = tuple(
        Row(
            f"{edge.source}>{edge.target}",
            (names[edge.source], names[edge.target], edge.count),
            (False, False, edge.count is None),
        )
        for edge in sorted(network.edges, key=lambda e: (-(e.count or 0), names[e.source], names[e.target]))
    )
    return Table(
        key="network_edges",
        title=_("Referrals between organisations"),
        columns=(
            Column("sender", _("Sending organisation"), ColumnKind.LABEL),
            Column("recipient", _("Receiving organisation"), ColumnKind.LABEL),
            Column("referrals", _("Referrals"), ColumnKind.COUNT),
        ),
        rows=rows,
        protected=True,
    )
