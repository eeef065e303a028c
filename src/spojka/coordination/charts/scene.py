"""A chart as a small scene of shapes, drawn the same way to SVG (page), ReportLab (PDF) and Pillow (PNG).

One chart spec, three renderers: the builders in this package lay a chart out once, in SVG's
coordinates (origin top left, y down, units are CSS pixels = PDF points), and the renderers only
translate shapes. Text widths come from the font the PDF and PNG embed (Noto Sans), so labels fit
in print; browsers draw with a similar sans-serif.

Suppressed values are drawn as hatched areas: the hatching is computed here as line segments
clipped to the (convex) shape, so all three renderers draw the same lines.
"""

import hashlib
import io
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Final, Literal

import fontpkg_noto_sans
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from reportlab.graphics import shapes as rl
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT: Final = "NotoSans"
FONT_PATH: Final = fontpkg_noto_sans.ROOT / "files" / "NotoSans[wdth,wght].ttf"
SVG_FONT_FAMILY: Final = "'Noto Sans', 'DejaVu Sans', Arial, sans-serif"
INK: Final = "#1f2933"
MUTED: Final = "#52606d"
GRID: Final = "#cbd2d9"
HATCH_GAP: Final = 5.0

Point = tuple[float, float]
Anchor = Literal["start", "middle", "end"]


@cache
def register_font() -> str:
    """Register Noto Sans with ReportLab once and return its name."""
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH)))
    return FONT


# Characters Noto Sans lacks (they live in Noto Sans Symbols), replaced in print and PNG by ones it has.
_PRINTABLE: Final = str.maketrans({"\N{RIGHTWARDS ARROW}": "\N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK}"})


def printable(text: str) -> str:
    """Return the text with the characters the embedded font lacks replaced."""
    return text.translate(_PRINTABLE)


def text_width(text: str, size: float) -> float:
    """Return the width of a text in Noto Sans at a size, in points."""
    return float(pdfmetrics.stringWidth(printable(text), register_font(), size))


def shorten(text: str, *, size: float, width: float) -> str:
    """Cut a text with an ellipsis so it fits a width."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap(text: str, *, size: float, width: float) -> list[str]:
    """Break a text into lines that fit a width."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and text_width(candidate, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


@dataclass(frozen=True)
class Polygon:
    """A closed (or, with `closed=False`, open) line through points; filled when `fill` is set."""

    points: tuple[Point, ...]
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 1.0
    closed: bool = True
    dashed: bool = False
    hatched: bool = False
    css_class: str = ""
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str
    stroke: str | None = None
    stroke_width: float = 1.0
    css_class: str = ""


@dataclass(frozen=True)
class Text:
    """A line of text; `y` is its baseline."""

    x: float
    y: float
    text: str
    size: float = 12.0
    anchor: Anchor = "start"
    fill: str = INK
    css_class: str = ""


@dataclass(frozen=True)
class Group:
    """Shapes that belong together; `attrs` (id, class, data-*, tabindex, aria-*) only reach the SVG."""

    children: tuple["Shape", ...]
    attrs: tuple[tuple[str, str], ...] = ()
    title: str = ""


Shape = Polygon | Circle | Text | Group


def rect(x: float, y: float, width: float, height: float, **kwargs: object) -> Polygon:
    """Return a rectangle as a polygon."""
    return Polygon(((x, y), (x + width, y), (x + width, y + height), (x, y + height)), **kwargs)  # type: ignore[arg-type]  # keyword pass-through of Polygon's fields


def line(start: Point, end: Point, *, stroke: str = GRID, stroke_width: float = 1.0, dashed: bool = False) -> Polygon:
    """Return a straight line."""
    return Polygon((start, end), stroke=stroke, stroke_width=stroke_width, closed=False, dashed=dashed)


@dataclass(frozen=True)
class Scene:
    """A whole chart: its size, its accessible title and description, and its shapes."""

    width: float
    height: float
    title: str
    description: str
    shapes: tuple[Shape, ...]
    css_class: str = "chart"
    # "img" hides the shapes from assistive technology; an interactive picture is a "group".
    role: str = "img"
    attrs: tuple[tuple[str, str], ...] = field(default=())

    @property
    def key(self) -> str:
        """Return a short stable id for the SVG's title and description elements."""
        digest = hashlib.sha1(f"{self.title}\n{self.description}".encode(), usedforsecurity=False).hexdigest()
        return f"chart-{digest[:10]}"

    def svg(self, *, standalone: bool = False) -> SafeString:
        """Return the scene as an SVG element (with the XML declaration when `standalone`)."""
        return render_svg(self, standalone=standalone)

    def drawing(self, *, max_width: float | None = None) -> rl.Drawing:
        """Return the scene as a ReportLab drawing, scaled down to `max_width` when given."""
        return render_drawing(self, max_width=max_width)

    def png(self, *, scale: float = 2.0) -> bytes:
        """Return the scene as a PNG image."""
        return render_png(self, scale=scale)


# Hatching: diagonal segments clipped to a convex polygon.


def _clip(start: Point, end: Point, polygon: Sequence[Point]) -> tuple[Point, Point] | None:
    """Clip a segment to a convex polygon (Cyrus-Beck); None when it misses."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    count = len(polygon)
    # The polygon's orientation decides which side of each edge is inside.
    area = sum(polygon[i][0] * polygon[(i + 1) % count][1] - polygon[(i + 1) % count][0] * polygon[i][1]
               for i in range(count))  # fmt: skip
    sign = 1.0 if area > 0 else -1.0
    for i in range(count):
        (ax, ay), (bx, by) = polygon[i], polygon[(i + 1) % count]
        nx, ny = -(by - ay) * sign, (bx - ax) * sign  # inward normal
        denominator = nx * dx + ny * dy
        numerator = nx * (x0 - ax) + ny * (y0 - ay)
        if abs(denominator) < 1e-12:
            if numerator < 0:
                return None
            continue
        t = -numerator / denominator
        if denominator > 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    return (x0 + low * dx, y0 + low * dy), (x0 + high * dx, y0 + high * dy)


def hatch_lines(polygon: Sequence[Point], gap: float = HATCH_GAP) -> list[tuple[Point, Point]]:
    """Return the diagonal hatching lines inside a convex polygon."""
    xs = [x for x, _ in polygon]
    ys = [y for _, y in polygon]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    span = (right - left) + (bottom - top)
    segments = []
    # Lines x + y = c at multiples of the gap, so that neighbouring shapes' hatching lines up.
    c = (int((left + top) // gap) + 1) * gap
    while c < left + top + span:
        start, end = (c - top, top), (c - bottom, bottom)
        clipped = _clip(start, end, polygon)
        if clipped is not None and clipped[0] != clipped[1]:
            segments.append(clipped)
        c += gap
    return segments


def _walk(items: Iterable[Shape]) -> Iterable[Polygon | Circle | Text]:
    for item in items:
        if isinstance(item, Group):
            yield from _walk(item.children)
        else:
            yield item


# SVG


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _attrs(pairs: Iterable[tuple[str, object]]) -> str:
    return "".join(f' {name}="{escape(str(value))}"' for name, value in pairs if value not in (None, ""))


def _svg_shape(shape: Shape) -> str:
    if isinstance(shape, Group):
        inner = "".join(_svg_shape(child) for child in shape.children)
        title = f"<title>{escape(shape.title)}</title>" if shape.title else ""
        return f"<g{_attrs(shape.attrs)}>{title}{inner}</g>"
    if isinstance(shape, Circle):
        return (
            f"<circle{_attrs([('class', shape.css_class), ('cx', _number(shape.cx)), ('cy', _number(shape.cy))])}"
            f"{_attrs([('r', _number(shape.r)), ('fill', shape.fill), ('stroke', shape.stroke)])}"
            f"{_attrs([('stroke-width', _number(shape.stroke_width) if shape.stroke else None)])}/>"
        )
    if isinstance(shape, Text):
        return (
            f"<text{_attrs([('class', shape.css_class), ('x', _number(shape.x)), ('y', _number(shape.y))])}"
            f"{_attrs([('font-size', _number(shape.size)), ('text-anchor', shape.anchor), ('fill', shape.fill)])}>"
            f"{escape(shape.text)}</text>"
        )
    points = " ".join(f"{_number(x)},{_number(y)}" for x, y in shape.points)
    tag = "polygon" if shape.closed else "polyline"
    common = [
        ("class", shape.css_class),
        ("points", points),
        ("fill", shape.fill or "none"),
        ("stroke", shape.stroke),
        ("stroke-width", _number(shape.stroke_width) if shape.stroke else None),
        ("stroke-dasharray", "4 3" if shape.dashed else None),
    ]
    element = f"<{tag}{_attrs(common)}{_attrs(shape.attrs)}/>"
    if shape.hatched:
        hatch = " ".join(
            f"M{_number(a[0])} {_number(a[1])}L{_number(b[0])} {_number(b[1])}" for a, b in hatch_lines(shape.points)
        )
        if hatch:
            element += f'<path class="chart__hatch" d="{hatch}" stroke="{MUTED}" stroke-width="1" fill="none"/>'
    return element


def render_svg(scene: Scene, *, standalone: bool = False) -> SafeString:
    """Return an accessible SVG: role="img", labelled by its <title> and <desc>."""
    key = scene.key
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_number(scene.width)} {_number(scene.height)}"'
        f' width="{_number(scene.width)}" height="{_number(scene.height)}"'
        f' role="{escape(scene.role)}" aria-labelledby="{key}-title {key}-desc"'
        f"{_attrs([('class', scene.css_class), ('font-family', SVG_FONT_FAMILY)])}{_attrs(scene.attrs)}>"
        f'<title id="{key}-title">{escape(scene.title)}</title><desc id="{key}-desc">{escape(scene.description)}</desc>'
        f'<rect width="100%" height="100%" fill="#ffffff"/>'
    )
    body = "".join(_svg_shape(shape) for shape in scene.shapes)
    prolog = '<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else ""
    return mark_safe(f"{prolog}{head}{body}</svg>")  # noqa: S308  # every text and attribute above is escaped


# ReportLab


def _color(value: str | None) -> colors.Color | None:
    return colors.HexColor(value) if value else None


def render_drawing(scene: Scene, *, max_width: float | None = None) -> rl.Drawing:
    """Return the scene as a ReportLab drawing (y flipped), scaled down to fit `max_width`."""
    font = register_font()
    scale = min(1.0, max_width / scene.width) if max_width else 1.0
    drawing = rl.Drawing(scene.width * scale, scene.height * scale)
    group = rl.Group()
    height = scene.height

    def flip(points: Iterable[Point]) -> list[float]:
        return [coordinate for x, y in points for coordinate in (x, height - y)]

    for shape in _walk(scene.shapes):
        if isinstance(shape, Circle):
            group.add(
                rl.Circle(
                    shape.cx,
                    height - shape.cy,
                    shape.r,
                    fillColor=_color(shape.fill),
                    strokeColor=_color(shape.stroke),
                    strokeWidth=shape.stroke_width,
                )
            )
        elif isinstance(shape, Text):
            group.add(
                rl.String(
                    shape.x,
                    height - shape.y,
                    printable(shape.text),
                    fontName=font,
                    fontSize=shape.size,
                    fillColor=_color(shape.fill),
                    textAnchor=shape.anchor,
                )
            )
        else:
            dash = [4, 3] if shape.dashed else None
            if shape.closed:
                group.add(
                    rl.Polygon(
                        flip(shape.points),
                        fillColor=_color(shape.fill),
                        strokeColor=_color(shape.stroke),
                        strokeWidth=shape.stroke_width if shape.stroke else 0,
                        strokeDashArray=dash,
                    )
                )
            else:
                group.add(
                    rl.PolyLine(
                        flip(shape.points),
                        strokeColor=_color(shape.stroke),
                        strokeWidth=shape.stroke_width,
                        strokeDashArray=dash,
                    )
                )
            if shape.hatched:
                for start, end in hatch_lines(shape.points):
                    group.add(
                        rl.Line(
                            start[0],
                            height - start[1],
                            end[0],
                            height - end[1],
                            strokeColor=_color(MUTED),
                            strokeWidth=1,
                        )
                    )
    group.scale(scale, scale)
    drawing.add(group)
    return drawing


# Pillow


def _rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def render_png(scene: Scene, *, scale: float = 2.0) -> bytes:
    """Return the scene as a PNG, drawn by Pillow with the same font as the PDF."""
    from PIL import Image, ImageDraw, ImageFont  # Pillow is ReportLab's own dependency

    image = Image.new("RGB", (round(scene.width * scale), round(scene.height * scale)), "#ffffff")
    draw = ImageDraw.Draw(image)
    fonts: dict[float, ImageFont.FreeTypeFont] = {}

    def scaled(points: Iterable[Point]) -> list[tuple[float, float]]:
        return [(x * scale, y * scale) for x, y in points]

    for shape in _walk(scene.shapes):
        if isinstance(shape, Circle):
            box = [
                (shape.cx - shape.r) * scale,
                (shape.cy - shape.r) * scale,
                (shape.cx + shape.r) * scale,
                (shape.cy + shape.r) * scale,
            ]
            draw.ellipse(
                box,
                fill=_rgb(shape.fill),
                outline=_rgb(shape.stroke) if shape.stroke else None,
                width=max(1, round(shape.stroke_width * scale)),
            )
        elif isinstance(shape, Text):
            font = fonts.get(shape.size)
            if font is None:
                font = fonts[shape.size] = ImageFont.truetype(str(FONT_PATH), round(shape.size * scale))
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
            draw.text(
                (shape.x * scale, shape.y * scale),
                printable(shape.text),
                fill=_rgb(shape.fill),
                font=font,
                anchor=anchor,
            )
        else:
            width = max(1, round(shape.stroke_width * scale))
            if shape.closed and shape.fill:
                draw.polygon(scaled(shape.points), fill=_rgb(shape.fill))
            if shape.hatched:
                for start, end in hatch_lines(shape.points):
                    draw.line(scaled((start, end)), fill=_rgb(MUTED), width=max(1, round(scale)))
            if shape.stroke:
                outline = list(shape.points) + ([shape.points[0]] if shape.closed else [])
                if shape.dashed:
                    _dashed(draw, scaled(outline), _rgb(shape.stroke), width, scale)
                else:
                    draw.line(scaled(outline), fill=_rgb(shape.stroke), width=width, joint="curve")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _dashed(
    draw: object, points: list[tuple[float, float]], fill: tuple[int, int, int], width: int, scale: float
) -> None:
    on, off = 4 * scale, 3 * scale
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        position = 0.0
        while position < length:
            end = min(position + on, length)
            a = (x0 + (x1 - x0) * position / length, y0 + (y1 - y0) * position / length)
            b = (x0 + (x1 - x0) * end / length, y0 + (y1 - y0) * end / length)
            draw.line([a, b], fill=fill, width=width)  # type: ignore[attr-defined]  # an ImageDraw
            position = end + off
