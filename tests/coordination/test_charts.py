"""Charts: one layout drawn as SVG (page), ReportLab (PDF) and PNG; hidden values hatched, never numbers."""

import io
import re

import pytest
from pypdf import PdfReader
from reportlab.graphics import renderPDF

from spojka.coordination.charts import District, bar_chart, district_scene, line_chart
from spojka.coordination.charts.figures import bar_scene
from spojka.coordination.charts.scene import hatch_lines
from spojka.coordination.figures.tables import Column, ColumnKind, Row, Table

STATUS = Table(
    key="clients_by_status",
    title="Clients by residence status",
    columns=(
        Column("label", "Residence status", ColumnKind.LABEL),
        Column("persons", "Persons", ColumnKind.COUNT),
        Column("open", "Open", ColumnKind.COUNT),
    ),
    rows=(
        Row("tp", ("Temporary protection", 120, 80)),
        Row("pr", ("Permanent residence", None, 7), (False, True, False)),
        Row("as", ("Asylum", None, None), (False, True, True)),
    ),
    protected=True,
)
EMPTY = Table(key="empty", title="Nothing", columns=STATUS.columns, rows=(), protected=True)
DISTRICTS = (
    District("5101", "Česká Lípa", ((50.68, 14.54), (50.70, 14.60), (50.64, 14.50))),
    District("5105", "Liberec", ((50.77, 15.05), (50.80, 15.10), (50.74, 15.00))),
    District("5103", "Jablonec nad Nisou", ((50.72, 15.17), (50.70, 15.20))),
)


def test_bar_chart_is_an_accessible_svg_with_title_description_and_labels() -> None:
    svg = str(bar_chart(STATUS, value_column="persons", label_column="label"))
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert re.search(r'<title id="chart-\w+-title">Clients by residence status</title>', svg)
    assert "<desc" in svg
    assert "2 values are hidden" in svg
    assert ">Temporary protection</text>" in svg
    assert ">120</text>" in svg


def test_bar_chart_draws_hidden_values_hatched_and_marked_fewer_than_5() -> None:
    svg = str(bar_chart(STATUS, value_column="persons", label_column="label"))
    assert svg.count('class="chart__hatch"') == 2
    assert svg.count(">&lt;5</text>") == 2
    numbers = [int(n) for n in re.findall(r">(\d+)</text>", svg)]
    assert not [n for n in numbers if 0 < n < 5]


def test_grouped_and_stacked_bars_have_a_legend_per_column() -> None:
    grouped = str(bar_chart(STATUS, value_column=["persons", "open"], label_column="label"))
    stacked = str(bar_chart(STATUS, value_column=["persons", "open"], label_column="label", stacked=True))
    for svg in (grouped, stacked):
        assert ">Persons</text>" in svg
        assert ">Open</text>" in svg
    assert ">200+</text>" not in stacked
    assert ">200</text>" in stacked


def test_line_chart_breaks_at_hidden_points() -> None:
    svg = str(line_chart(STATUS, value_column="persons", label_column="label"))
    assert 'class="chart__hatch"' in svg
    assert "fewer than 5 (hidden)" in svg


def test_empty_table_draws_an_empty_chart_with_a_note() -> None:
    assert "Nothing to show for this period." in str(bar_chart(EMPTY, value_column="persons", label_column="label"))
    assert "Nothing to show for this period." in str(line_chart(EMPTY, value_column="persons", label_column="label"))


def test_district_map_colours_districts_and_hatches_hidden_ones() -> None:
    scene = district_scene(
        {"5101": 40.0, "5105": None}, title="Clients by district", legend="Clients", districts=DISTRICTS
    )
    svg = str(scene.svg())
    assert 'data-code="5101"' in svg
    assert 'data-code="5105"' in svg
    assert "Liberec: &lt;5" in svg
    assert "Česká Lípa: 40" in svg
    assert "Jablonec nad Nisou: \N{EN DASH}" in svg  # not in the values: no data, grey
    assert 'class="chart__hatch"' in svg
    assert "not official" in svg  # the note on approximate shapes


def test_hatching_stays_inside_its_shape() -> None:
    hexagon = [(10.0, 0.0), (20.0, 5.0), (20.0, 15.0), (10.0, 20.0), (0.0, 15.0), (0.0, 5.0)]
    lines = hatch_lines(hexagon)
    assert lines
    for start, end in lines:
        for x, y in (start, end):
            assert -0.01 <= x <= 20.01
            assert -0.01 <= y <= 20.01


def test_the_same_scene_prints_in_a_pdf_with_its_text() -> None:
    scene = bar_scene(STATUS, value_columns=["persons"], label_column="label")
    buffer = io.BytesIO()
    renderPDF.drawToFile(scene.drawing(max_width=300), buffer)
    text = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()
    assert "Temporary protection" in text
    assert "120" in text
    assert "<5" in text
    assert scene.drawing(max_width=300).width == pytest.approx(300)


def test_the_same_scene_renders_as_png() -> None:
    png = bar_scene(STATUS, value_columns=["persons"], label_column="label").png()
    assert png.startswith(b"\x89PNG")
