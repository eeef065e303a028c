"""Bar charts as server-rendered SVG: the same chart on the page and on paper, no JavaScript.

Every chart has a title and a description for screen readers; the page shows the table behind it.
Colours come from the stylesheet (classes `chart__*`), so the strict CSP holds.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

LABEL_WIDTH: Final = 190
BAR_AREA: Final = 360
VALUE_WIDTH: Final = 70
ROW_HEIGHT: Final = 28
BAR_HEIGHT: Final = 18
PADDING: Final = 8


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value, and the value as the chart writes it."""

    label: str
    value: float
    text: str = ""


def _shorten(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(*, title: str, description: str, bars: Sequence[Bar]) -> SafeString:
    """Return a horizontal bar chart as an accessible inline SVG element."""
    chart_id = f"chart-{uuid.uuid4().hex[:8]}"
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    height = max(1, len(bars)) * ROW_HEIGHT + 2 * PADDING
    top = max((bar.value for bar in bars), default=0) or 1
    rows = []
    for index, bar in enumerate(bars):
        y = PADDING + index * ROW_HEIGHT
        length = round(BAR_AREA * bar.value / top, 1) if bar.value > 0 else 0
        rows.append(
            (
                LABEL_WIDTH - PADDING,
                y + ROW_HEIGHT / 2,
                _shorten(bar.label),
                LABEL_WIDTH,
                y + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                length,
                BAR_HEIGHT,
                LABEL_WIDTH + length + PADDING,
                y + ROW_HEIGHT / 2,
                bar.text or number_format(bar.value),
            )
        )
    body = format_html_join(
        "",
        '<g class="chart__row"><text class="chart__label" x="{}" y="{}" text-anchor="end" '
        'dominant-baseline="middle">{}</text><rect class="chart__bar" x="{}" y="{}" width="{}" height="{}"/>'
        '<text class="chart__value" x="{}" y="{}" dominant-baseline="middle">{}</text></g>',
        rows,
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<line class="chart__axis" x1="{axis}" y1="0" x2="{axis}" y2="{height}"/>{body}</svg>',
        width=width,
        height=height,
        id=chart_id,
        title=title,
        desc=description,
        axis=LABEL_WIDTH,
        body=body,
    )
