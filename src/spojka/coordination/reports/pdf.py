"""The periodic report as PDF (ReportLab, Noto Sans) and XLSX (tablib), in Czech or English.

Cover, contents, summary figures, a section per topic with its charts and tables (the same chart
scenes the pages draw as SVG), the network picture, notes on suppression and sources, and page
numbers ("page 3 of 12", counted in a second pass).
"""

import io
from typing import Any, Final
from xml.sax.saxutils import escape as _escape

import tablib
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.tableofcontents import TableOfContents

from spojka.coordination.charts.figures import cell_text
from spojka.coordination.charts.scene import INK, MUTED, printable, register_font
from spojka.coordination.figures.tables import ColumnKind, Period, Table
from spojka.coordination.reports.content import Report, ReportLanguage, build_report
from spojka.coordination.reports.datasets import table_dataset, unique_titles


def escape(text: str) -> str:
    """Escape a text for a Paragraph, with the characters the font lacks replaced."""
    return _escape(printable(text))


TEAL: Final = colors.HexColor("#0b5d61")
MARGIN: Final = 18 * mm
FRAME_WIDTH: Final = A4[0] - 2 * MARGIN


def report_pdf(period: Period, *, language: ReportLanguage) -> bytes:
    """Return the report of a period as a PDF in a language."""
    with translation.override(language.value):
        return render_pdf(build_report(period, language=language))


def report_xlsx(period: Period, *, language: ReportLanguage) -> bytes:
    """Return the report of a period as an XLSX workbook in a language: an About sheet, then one per figure."""
    with translation.override(language.value):
        return render_xlsx(build_report(period, language=language))


def _styles() -> dict[str, ParagraphStyle]:
    font = register_font()
    return {
        "cover": ParagraphStyle("cover", fontName=font, fontSize=28, leading=34, textColor=TEAL, spaceAfter=8 * mm),
        "subtitle": ParagraphStyle("subtitle", fontName=font, fontSize=15, leading=20, spaceAfter=4 * mm),
        "h1": ParagraphStyle("h1", fontName=font, fontSize=18, leading=23, textColor=TEAL, spaceAfter=4 * mm),
        "h2": ParagraphStyle(
            "h2", fontName=font, fontSize=13, leading=17, textColor=TEAL, spaceBefore=4 * mm, spaceAfter=2 * mm
        ),
        "body": ParagraphStyle("body", fontName=font, fontSize=10, leading=14, spaceAfter=2 * mm),
        "small": ParagraphStyle("small", fontName=font, fontSize=8.5, leading=11, textColor=colors.HexColor(MUTED)),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=8.5, leading=10.5),
        "cell_number": ParagraphStyle("cell_number", fontName=font, fontSize=8.5, leading=10.5, alignment=2),
        "toc1": ParagraphStyle("toc1", fontName=font, fontSize=11, leading=16, leftIndent=0),
        "toc2": ParagraphStyle("toc2", fontName=font, fontSize=9.5, leading=13, leftIndent=8 * mm),
    }


class _ReportDocument(BaseDocTemplate):  # type: ignore[misc]  # ReportLab ships no type information
    """A document whose headings feed the table of contents."""

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802  # ReportLab's hook name
        style = getattr(flowable, "style", None)
        if isinstance(flowable, Paragraph) and style is not None and style.name in {"h1", "h2"}:
            level = 0 if style.name == "h1" else 1
            text = flowable.getPlainText()
            key = f"h-{self.seq.nextf('heading')}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=True)
            self.notify("TOCEntry", (level, text, self.page, key))


def _numbered_canvas(label: str) -> type[Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab ships no type information
        """Write "page N of M" on every page but the cover, once the page count is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802  # ReportLab's method name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                if self._pageNumber > 1:
                    self.setFont(register_font(), 8)
                    self.setFillColor(colors.HexColor(MUTED))
                    self.drawRightString(A4[0] - MARGIN, 10 * mm, label % {"page": self._pageNumber, "pages": total})
                super().showPage()
            super().save()

    return NumberedCanvas


def _table(table: Table, styles: dict[str, ParagraphStyle]) -> Flowable:
    header = [Paragraph(escape(column.label), styles["cell"]) for column in table.columns]
    body = []
    for row in (*table.rows, *([table.total] if table.total else [])):
        body.append(
            [
                Paragraph(
                    escape(cell_text(value, hidden, column.kind)),
                    styles["cell"] if column.kind is ColumnKind.LABEL else styles["cell_number"],
                )
                for column, value, hidden in zip(table.columns, row.values, row.suppressed, strict=True)
            ]
        )
    if not body:
        return Paragraph(escape(_("Nothing to show for this period.")), styles["body"])
    label_share = 0.34 if len(table.columns) > 3 else 0.55
    rest = (FRAME_WIDTH * (1 - label_share)) / max(1, len(table.columns) - 1)
    pdf_table = PdfTable(
        [header, *body], colWidths=[FRAME_WIDTH * label_share, *([rest] * (len(table.columns) - 1))], repeatRows=1
    )
    style = [
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor(INK)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f4f5")]),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if table.total is not None:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.HexColor(INK)))
    pdf_table.setStyle(TableStyle(style))
    return pdf_table


def render_pdf(report: Report) -> bytes:
    """Lay the report out as a PDF."""
    styles = _styles()
    buffer = io.BytesIO()
    document = _ReportDocument(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=report.title,
        author=report.region or "Spojka",
        subject=_("Periodic report of the regional coordination"),
        creator="Spojka",
        lang=report.language.value,
    )
    frame = Frame(MARGIN, 18 * mm, FRAME_WIDTH, A4[1] - 34 * mm, id="body")
    document.addPageTemplates([PageTemplate(id="cover", frames=[frame]), PageTemplate(id="body", frames=[frame])])
    story: list[Flowable] = [
        Spacer(1, 40 * mm),
        Paragraph(escape(report.title), styles["cover"]),
        Paragraph(escape(report.region), styles["subtitle"]),
        Paragraph(
            escape(
                # A real dash in the message: gettext's extractor reads no \N{} escapes.
                _("Period: %(start)s – %(end)s")  # noqa: RUF001
                % {"start": report.period.start, "end": report.period.end}
            ),
            styles["body"],
        ),
        Paragraph(escape(_("Made on %(when)s by Spojka.") % {"when": report.generated_at}), styles["body"]),
        Spacer(1, 10 * mm),
        Paragraph(
            escape(_("Aggregates only: no count from 1 to 4 is published. See the notes at the end.")),
            styles["small"],
        ),
        NextPageTemplate("body"),
        PageBreak(),
        Paragraph(escape(_("Contents")), ParagraphStyle("contents", parent=styles["h1"])),
    ]
    toc = TableOfContents()
    toc.levelStyles = [styles["toc1"], styles["toc2"]]
    toc.dotsMinLevel = 0
    story += [toc, PageBreak()]
    story.append(Paragraph(escape(_("Summary")), styles["h1"]))
    if report.is_empty():
        story.append(
            Paragraph(
                escape(_("Nothing was recorded in this period. The report is empty, but complete.")), styles["body"]
            )
        )
    summary_rows = [
        [
            Paragraph(escape(item.label), styles["cell"]),
            Paragraph(escape(cell_text(item.value, item.hidden)), styles["cell_number"]),
        ]
        for item in report.summary
    ]
    if summary_rows:
        summary = PdfTable(summary_rows, colWidths=[FRAME_WIDTH * 0.75, FRAME_WIDTH * 0.25])
        summary.setStyle(
            TableStyle(
                [("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#cbd2d9")), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            )
        )
        story.append(summary)
    for topic in report.topics:
        story += [PageBreak(), Paragraph(escape(topic.title), styles["h1"])]
        for figure in topic.figures:
            block: list[Flowable] = [Paragraph(escape(figure.table.title), styles["h2"])]
            if figure.chart is not None:
                block.append(figure.chart.drawing(max_width=FRAME_WIDTH))
            story.append(KeepTogether(block))
            story.append(Spacer(1, 2 * mm))
            story.append(_table(figure.table, styles))
            if figure.table.note:
                story.append(Paragraph(escape(figure.table.note), styles["small"]))
        if topic.map is not None:
            story += [
                CondPageBreak(110 * mm),
                Paragraph(escape(topic.map.title), styles["h2"]),
                topic.map.drawing(max_width=FRAME_WIDTH),
            ]
        if topic.network is not None and topic.network_picture is not None:
            story += [
                PageBreak(),
                Paragraph(escape(_("The cooperation network")), styles["h2"]),
                topic.network_picture.drawing(max_width=FRAME_WIDTH),
                Paragraph(escape(topic.network_picture.description), styles["small"]),
                Paragraph(escape(topic.network.matrix.title), styles["h2"]),
                _table(topic.network.matrix, styles),
                Paragraph(escape(topic.network.matrix.note), styles["small"]),
            ]
    story += [PageBreak(), Paragraph(escape(_("Notes on the figures")), styles["h1"])]
    for heading, text in report.notes:
        story += [Paragraph(escape(heading), styles["h2"]), Paragraph(escape(text), styles["body"])]
    document.multiBuild(story, canvasmaker=_numbered_canvas(_("page %(page)s of %(pages)s")))
    return buffer.getvalue()


def render_xlsx(report: Report) -> bytes:
    """Lay the report out as a workbook: an About sheet, then one sheet per figure."""
    about = tablib.Dataset(headers=[_("Report"), report.title])
    about.title = _("About")[:31]
    about.append([_("Region"), report.region])
    about.append([_("Period"), f"{report.period.start.isoformat()} \N{EN DASH} {report.period.end.isoformat()}"])
    about.append([_("Made on"), report.generated_at])
    if report.is_empty():
        about.append([_("Note"), _("Nothing was recorded in this period. The report is empty, but complete.")])
    for heading, text in report.notes:
        about.append([heading, text])
    sheets = [about]
    for table in report.tables():
        sheets.append(table_dataset(table, title=table.title))
    book = tablib.Databook(unique_titles(sheets))
    content: bytes = book.export("xlsx")
    return content
