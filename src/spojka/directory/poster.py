"""A printable A4 poster of a service for notice boards, in one language.

ReportLab draws it with Noto Sans from the fontpkg-noto-sans package: the built-in Helvetica
has no Cyrillic, and a font from a Python package renders the same on every machine.
"""

import io
from functools import cache
from typing import Final
from xml.sax.saxutils import escape

import fontpkg_noto_sans
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from spojka.directory.models import Service
from spojka.directory.opening_hours import schedule_groups, weekly_hours

FONT: Final = "NotoSans"
TEAL: Final = colors.HexColor("#0b5d61")
_MAX_TEXT: Final = 900  # characters of a long text that fit on the poster


@cache
def _register_font() -> str:
    path = fontpkg_noto_sans.ROOT / "files" / "NotoSans[wdth,wght].ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(path)))
    return FONT


def _styles() -> dict[str, ParagraphStyle]:
    font = _register_font()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=26, leading=31, textColor=TEAL, spaceAfter=4 * mm),
        "organization": ParagraphStyle("organization", fontName=font, fontSize=14, leading=18, spaceAfter=6 * mm),
        "heading": ParagraphStyle(
            "heading", fontName=font, fontSize=15, leading=19, textColor=TEAL, spaceBefore=4 * mm, spaceAfter=2 * mm
        ),
        "body": ParagraphStyle("body", fontName=font, fontSize=12, leading=16),
        "small": ParagraphStyle("small", fontName=font, fontSize=9, leading=12, textColor=colors.HexColor("#4a5560")),
    }


def _text(value: str) -> str:
    value = value.strip()
    if len(value) > _MAX_TEXT:
        value = value[:_MAX_TEXT].rsplit(" ", 1)[0] + " …"
    return escape(value).replace("\n", "<br/>")


def _qr(url: str, size: float) -> Drawing:
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.add(widget)
    return drawing


def service_poster(service: Service, *, language: str, url: str) -> bytes:
    """Return the PDF of a poster of a service (prefetched as its portal page is) in a language."""
    with translation.override(language):
        return _poster(service, language=language, url=url)


def _poster(service: Service, *, language: str, url: str) -> bytes:
    styles = _styles()
    texts = service.in_language(language)
    story: list[Flowable] = [
        Paragraph(_text(str(texts.name)), styles["title"]),
        Paragraph(_text(service.organization.name), styles["organization"]),
    ]

    def section(title: str, body: str) -> None:
        if body.strip():
            story.append(KeepTogether([Paragraph(escape(title), styles["heading"]), Paragraph(body, styles["body"])]))

    section(_("What we offer"), _text(str(texts.description)))
    for_whom = [_text(str(texts.eligibility_description))]
    statuses = [str(link.residence_status) for link in service.eligibility_links.all()]
    if statuses:
        for_whom.append(escape(", ".join(statuses)))
    section(_("Who it is for"), "<br/>".join(part for part in for_whom if part))
    addresses = [
        escape(link.location.one_line_address or str(link.location.t.name)) for link in service.at_locations.all()
    ]
    section(_("Where"), "<br/>".join(addresses))
    hours = []
    for rows in schedule_groups(service)[:2]:
        for day in weekly_hours(rows):
            if day.intervals:
                times = ", ".join(f"{row.opens_at:%H:%M}\N{EN DASH}{row.closes_at:%H:%M}" for row in day.intervals)
                hours.append(f"{escape(str(day.weekday.label))}: {times}")
    section(_("Opening hours"), "<br/>".join(dict.fromkeys(hours)))
    phones = [escape(phone.number) for phone in service.phones.all()]
    contact = phones + ([escape(service.email)] if service.email else [])
    section(_("Contact"), "<br/>".join(contact))
    story.append(Spacer(1, 8 * mm))
    qr_table = Table(
        [
            [
                _qr(url, 42 * mm),
                Paragraph(_("Scan the code for the current details:") + "<br/>" + escape(url), styles["small"]),
            ]
        ],
        colWidths=[48 * mm, None],
    )
    qr_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story.append(KeepTogether([qr_table]))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=str(texts.name),
        author=service.organization.name,
        lang=language,
    )
    document.build(story)
    return buffer.getvalue()
