"""A map of districts coloured by an indicator, drawn from the country pack's centroids.

The country packs carry no boundaries (only the centroids of districts and municipalities, see
geo/packs/*/ATTRIBUTION.md), so the map is a hexagonal cartogram: the region is covered with
hexagons, each hexagon belongs to the district of the nearest municipality centroid (a Voronoi
partition, rasterised) and only hexagons near some municipality are kept. The shapes follow the
districts roughly and say so in the legend; they are not official boundaries. A pack that one day
ships polygons can replace `hex_cells` without touching the callers.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from django.utils.translation import gettext as _

from spojka.coordination.charts.figures import SUPPRESSED_LABEL, value_text
from spojka.coordination.charts.scene import (
    INK,
    MUTED,
    Group,
    Polygon,
    Scene,
    Shape,
    Text,
    line,
    rect,
    text_width,
    wrap,
)

# ColorBrewer's YlGnBu, five classes: sequential and safe for colour-blind readers.
SEQUENTIAL: Final = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
NO_DATA: Final = "#e4e7eb"
TARGET_CELLS: Final = 420
MAP_WIDTH: Final = 560.0
LEGEND_WIDTH: Final = 170.0


@dataclass(frozen=True)
class District:
    """A district to draw: its code, name, and the points (lat, lon) of its municipalities (or its own)."""

    code: str
    name: str
    points: tuple[tuple[float, float], ...]


def districts_of(codes: Sequence[str]) -> list[District]:
    """Return the districts with these unit codes, with their municipalities' centroids (one query)."""
    from spojka.geo.models import AdministrativeUnit  # models load after the app registry

    units = {
        unit.code: unit
        for unit in AdministrativeUnit.objects.filter(code__in=codes).prefetch_related("children")
        if unit.latitude is not None and unit.longitude is not None
    }
    districts = []
    for code in codes:
        unit = units.get(code)
        if unit is None:
            continue
        children = [
            (float(child.latitude), float(child.longitude))
            for child in unit.children.all()
            if child.latitude is not None and child.longitude is not None
        ]
        districts.append(
            District(code, unit.name, tuple(children) or ((float(unit.latitude), float(unit.longitude)),))  # type: ignore[arg-type]  # checked not None above
        )
    return districts


Cell = tuple[str, tuple[tuple[float, float], ...]]


@lru_cache(maxsize=16)
def hex_cells(districts: tuple[District, ...], width: float = MAP_WIDTH) -> tuple[float, tuple[Cell, ...]]:
    """Return the map's height and its hexagons as (district code, corner points) in map coordinates."""
    points = [(lat, lon, district.code) for district in districts for lat, lon in district.points]
    if not points:
        return 0.0, ()
    mean_lat = sum(lat for lat, _, _ in points) / len(points)
    squash = math.cos(math.radians(mean_lat))
    xs = [lon * squash for _, lon, _ in points]
    ys = [-lat for lat, _, _ in points]
    spread_x, spread_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    size = math.sqrt(spread_x * spread_y / TARGET_CELLS / 2.6)  # hexagon radius in degrees
    margin = 1.5 * size
    scale = (width - 2 * 12) / (spread_x + 2 * margin)
    height = (spread_y + 2 * margin) * scale + 24
    projected = [((x - min(xs) + margin) * scale + 12, (y - min(ys) + margin) * scale + 12, code)
                 for x, y, code in zip(xs, ys, (c for _, _, c in points), strict=True)]  # fmt: skip
    radius = size * scale
    # Keep a hexagon when a municipality is closer than this: the region's outline, roughly.
    nearest_gaps = sorted(
        min(math.dist(a[:2], b[:2]) for b in projected if b is not a) for a in projected
    ) if len(projected) > 1 else [radius * 4]  # fmt: skip
    reach = max(2.6 * radius, 0.75 * nearest_gaps[len(nearest_gaps) // 2] if len(projected) < 60 else 0.0)
    step_x, step_y = math.sqrt(3) * radius, 1.5 * radius
    cells: list[Cell] = []
    row = 0
    y = 0.0
    while y <= height:
        x = (step_x / 2) * (row % 2)
        while x <= width:
            best = min(projected, key=lambda p: (p[0] - x) ** 2 + (p[1] - y) ** 2)
            if math.dist(best[:2], (x, y)) <= reach:
                corners = tuple(
                    (round(x + radius * math.cos(math.radians(60 * k - 30)), 2),
                     round(y + radius * math.sin(math.radians(60 * k - 30)), 2))
                    for k in range(6)
                )  # fmt: skip
                cells.append((best[2], corners))
            x += step_x
        y += step_y
        row += 1
    return height, tuple(cells)


def classes(values: Sequence[float]) -> list[float]:
    """Return the upper bounds of up to five equal-interval classes of the shown values."""
    if not values:
        return []
    low, high = min(values), max(values)
    if high == low:
        return [high]
    bounds = [low + (high - low) * (k + 1) / len(SEQUENTIAL) for k in range(len(SEQUENTIAL))]
    if all(float(v).is_integer() for v in values):
        bounds = [float(math.ceil(bound)) for bound in bounds]
    return bounds


def _colour(value: float, bounds: Sequence[float]) -> str:
    for k, bound in enumerate(bounds):
        if value <= bound + 1e-9:
            return SEQUENTIAL[min(k, len(SEQUENTIAL) - 1) if len(bounds) > 1 else 2]
    return SEQUENTIAL[-1]


def district_scene(
    values: Mapping[str, float | None],
    *,
    title: str,
    legend: str,
    districts: Sequence[District] | None = None,
) -> Scene:
    """Lay out the map: districts coloured by value, None (suppressed) hatched, missing grey."""
    districts = list(districts if districts is not None else districts_of(list(values)))
    height, cells = hex_cells(tuple(districts))
    shown = [float(v) for v in values.values() if v is not None]
    bounds = classes(shown)
    names = {district.code: district.name for district in districts}

    def fill_of(code: str) -> tuple[str, bool]:
        if code not in values:
            return NO_DATA, False
        value = values[code]
        if value is None:
            return "#ffffff", True
        return _colour(float(value), bounds), False

    shapes: list[Shape] = []
    by_code: dict[str, list[Shape]] = {}
    for code, corners in cells:
        fill, hatched = fill_of(code)
        by_code.setdefault(code, []).append(
            Polygon(corners, fill=fill, stroke=fill if not hatched else None, stroke_width=0.6, hatched=hatched)
        )
    for code, hexes in by_code.items():
        label = names.get(code, code)
        value = values.get(code)
        title_text = f"{label}: {SUPPRESSED_LABEL if code in values and value is None else value_text(value)}"
        shapes.append(Group(tuple(hexes), attrs=(("class", "map__district"), ("data-code", code)), title=title_text))
    # Borders: a hexagon edge between two districts, or on the outline.
    edges: dict[tuple[tuple[float, float], tuple[float, float]], list[str]] = {}
    for code, corners in cells:
        for k in range(6):
            a, b = corners[k], corners[(k + 1) % 6]
            a, b = (round(a[0], 1), round(a[1], 1)), (round(b[0], 1), round(b[1], 1))
            edges.setdefault((min(a, b), max(a, b)), []).append(code)
    for (a, b), codes in edges.items():
        if len(codes) == 1 or codes[0] != codes[1]:
            shapes.append(line(a, b, stroke=INK, stroke_width=1.0))
    # Labels at the middle of each district's hexagons, on a white plate so any fill stays readable.
    for district in districts:
        corners_of = [corners for code, corners in cells if code == district.code]
        if not corners_of:
            continue
        cx = sum(sum(x for x, _ in c) / 6 for c in corners_of) / len(corners_of)
        cy = sum(sum(y for _, y in c) / 6 for c in corners_of) / len(corners_of)
        value = values.get(district.code)
        hidden = district.code in values and value is None
        text = f"{district.name}: {SUPPRESSED_LABEL if hidden else value_text(value)}"
        size = 9.5
        plate = text_width(text, size) + 6
        shapes.append(rect(cx - plate / 2, cy - 9, plate, 13, fill="#ffffff", stroke=MUTED, stroke_width=0.5))
        shapes.append(Text(cx, cy + 1, text, size, anchor="middle"))
    # Legend on the right.
    x = MAP_WIDTH + 10
    y = 24.0
    shapes.append(Text(x, y, legend, 11))
    y += 10
    for k, bound in enumerate(bounds):
        low = bounds[k - 1] if k else min(shown)
        shapes.append(rect(x, y, 14, 14, fill=_colour(bound, bounds), stroke=MUTED, stroke_width=0.5))
        shapes.append(
            Text(x + 20, y + 11, f"{value_text(round(low, 1))} \N{EN DASH} {value_text(round(bound, 1))}", 10)
        )
        y += 20
    shapes.append(rect(x, y, 14, 14, fill="#ffffff", stroke=MUTED, stroke_width=0.5, hatched=True))
    shapes.append(Text(x + 20, y + 11, _("fewer than 5 (hidden)"), 10))
    y += 20
    shapes.append(rect(x, y, 14, 14, fill=NO_DATA, stroke=MUTED, stroke_width=0.5))
    shapes.append(Text(x + 20, y + 11, _("no data"), 10))
    y += 30
    note = _("Shapes are approximate, drawn from municipality centres; not official boundaries.")
    for note_line in wrap(note, size=8.5, width=LEGEND_WIDTH):
        shapes.append(Text(x, y, note_line, 8.5, fill=MUTED))
        y += 12
    if not cells:
        shapes.append(Text(MAP_WIDTH / 2, 60, _("No districts to draw."), 11, anchor="middle", fill=MUTED))
    hidden_count = sum(1 for v in values.values() if v is None)
    description = _("A map of %(count)s districts coloured by %(legend)s; the table beside it gives every value.") % {
        "count": len(districts),
        "legend": legend,
    }
    if hidden_count:
        description += " " + _("Districts with hidden values are hatched.")
    return Scene(MAP_WIDTH + LEGEND_WIDTH + 20, max(height, y + 10, 120.0), title, description, tuple(shapes))
