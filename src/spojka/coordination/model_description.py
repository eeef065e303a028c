"""The "model description": the region's way of working, as one PDF for partners, in Czech or English.

It assembles the actors (the network's organisations by sector), the services of the directory by
need, the referral flows between sectors over the last twelve months (aggregates only, through
the dashboard's suppressed figure, so no count under 5 is printed) and the chosen good practices.
ReportLab draws it with Noto Sans from fontpkg-noto-sans, as the directory's poster does, so Czech
and Cyrillic render the same on every machine.
"""

import io
from collections.abc import Sequence
from functools import cache
from typing import Final
from xml.sax.saxutils import escape

import fontpkg_noto_sans
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from spojka.accounts.models import User
from spojka.coordination.figures import Period, figure_referrals_by_sector_pair
from spojka.coordination.models import GoodPractice
from spojka.directory.enums import ServiceStatus
from spojka.directory.queries import need_terms, services_for_listing
from spojka.network.enums import Sector
from spojka.network.queries import organizations_in_network

LANGUAGES: Final = ("cs", "en")
FONT: Final = "NotoSans"
TEAL: Final = colors.HexColor("#0b5563")
MUTED: Final = colors.HexColor("#4b5a60")
_MAX_TEXT: Final = 1500
SUPPRESSED: Final = "–"  # noqa: RUF001  # an en dash marks a count under 5, as in the dashboard


@cache
def _register_font() -> str:
    path = fontpkg_noto_sans.ROOT / "files" / "NotoSans[wdth,wght].ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(path)))
    return FONT


def _styles() -> dict[str, ParagraphStyle]:
    font = _register_font()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=24, leading=29, textColor=TEAL, spaceAfter=3 * mm),
        "subtitle": ParagraphStyle("subtitle", fontName=font, fontSize=12, leading=16, textColor=MUTED),
        "h1": ParagraphStyle(
            "h1", fontName=font, fontSize=17, leading=21, textColor=TEAL, spaceBefore=7 * mm, spaceAfter=3 * mm
        ),
        "h2": ParagraphStyle("h2", fontName=font, fontSize=12.5, leading=16, spaceBefore=4 * mm, spaceAfter=1.5 * mm),
        "body": ParagraphStyle("body", fontName=font, fontSize=10, leading=14, spaceAfter=1.5 * mm),
        "small": ParagraphStyle("small", fontName=font, fontSize=8.5, leading=11, textColor=MUTED),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=9, leading=12),
    }


def _text(value: str) -> str:
    value = value.strip()
    if len(value) > _MAX_TEXT:
        value = value[:_MAX_TEXT].rsplit(" ", 1)[0] + " …"
    return escape(value).replace("\n", "<br/>")


def _table(rows: list[list[Flowable]], widths: Sequence[float]) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4f0f1")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#d6dcda")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def model_description_pdf(*, region: str, practices: Sequence[GoodPractice], language: str, viewer: User) -> bytes:
    """Return the model description of the region as a PDF in Czech or English."""
    if language not in LANGUAGES:
        raise ValueError(f"The model description is written in {LANGUAGES}, not {language!r}.")
    with translation.override(language):
        return _document(region=region, practices=practices, language=language, viewer=viewer)


def _actors(styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(_("1. The actors"), styles["h1"])]
    story.append(
        Paragraph(
            _text(
                _(
                    "State offices, regional and municipal self-government, non-profits and integration centres "
                    "work as one network: each does its part and refers people to the others."
                )
            ),
            styles["body"],
        )
    )
    by_sector: dict[str, list[str]] = {}
    for organization in organizations_in_network():
        by_sector.setdefault(organization.sector, []).append(organization.name)
    if not by_sector:
        story.append(Paragraph(_("No organisations have joined the network yet."), styles["body"]))
    for sector in Sector:
        names = by_sector.get(sector.value)
        if not names:
            continue
        story.append(Paragraph(f"{escape(str(sector.label))} ({len(names)})", styles["h2"]))
        story.append(Paragraph("<br/>".join(f"• {escape(name)}" for name in names), styles["body"]))
    return story


def _services(styles: dict[str, ParagraphStyle], language: str, viewer: User) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(_("2. Services by need"), styles["h1"])]
    terms = list(need_terms().filter(services__status=ServiceStatus.ACTIVE).distinct())
    services_by_term: dict[object, list[str]] = {}
    for service in services_for_listing(user=viewer, status=ServiceStatus.ACTIVE):
        name = f"{service.in_language(language).name} – {service.organization.display_name}"  # noqa: RUF001  # an en dash
        for term in service.needs.all():
            services_by_term.setdefault(term.pk, []).append(name)
    if not terms:
        story.append(Paragraph(_("The directory has no active services yet."), styles["body"]))
    for term in terms:
        names = services_by_term.get(term.pk, [])
        if not names:
            continue
        story.append(
            KeepTogether(
                [
                    Paragraph(escape(str(term.name)), styles["h2"]),
                    Paragraph("<br/>".join(f"• {escape(name)}" for name in sorted(names)), styles["body"]),
                ]
            )
        )
    return story


def _flows(styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    period = Period.default(timezone.localdate())
    figure = figure_referrals_by_sector_pair(period=period, district=None)
    sent = figure.column_index("sent")
    story: list[Flowable] = [Paragraph(_("3. Referral flows between sectors"), styles["h1"])]
    story.append(
        Paragraph(
            _text(
                _(
                    "Referrals sent from %(start)s to %(end)s, by the sector of the sending and the receiving "
                    "organisation. Counts under 5 are not shown (a dash), nor can they be worked out from the others."
                )
                % {
                    "start": date_format(period.start, "SHORT_DATE_FORMAT"),
                    "end": date_format(period.end, "SHORT_DATE_FORMAT"),
                }
            ),
            styles["body"],
        )
    )
    rows = [row for row in figure.rows if row.values[sent] != 0]
    if not rows:
        story.append(Paragraph(_("No referrals were sent in this period."), styles["body"]))
        return story
    sectors = dict(Sector.choices)
    table_rows: list[list[Flowable]] = [
        [Paragraph(_("From sector"), styles["cell"]), Paragraph(_("To sector"), styles["cell"]),
         Paragraph(_("Referrals"), styles["cell"])]
    ]  # fmt: skip
    for row in rows:
        # The figure's label joins the sectors with an arrow Noto Sans has no glyph for: use the key's codes.
        sender, _separator, recipient = row.key.partition(">")
        value = row.values[sent]
        table_rows.append(
            [
                Paragraph(escape(str(sectors.get(sender, sender))), styles["cell"]),
                Paragraph(escape(str(sectors.get(recipient, recipient))), styles["cell"]),
                Paragraph(SUPPRESSED if value is None else str(value), styles["cell"]),
            ]
        )
    if figure.total is not None:
        value = figure.total.values[sent]
        table_rows.append(
            [Paragraph(_("Total"), styles["cell"]), Paragraph("", styles["cell"]),
             Paragraph(SUPPRESSED if value is None else str(value), styles["cell"])]
        )  # fmt: skip
    story.append(_table(table_rows, [70 * mm, 70 * mm, 30 * mm]))
    return story


def _practices(styles: dict[str, ParagraphStyle], practices: Sequence[GoodPractice], language: str) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(_("4. Good practice"), styles["h1"])]
    if not practices:
        story.append(Paragraph(_("No good practice has been chosen."), styles["body"]))
    for practice in practices:
        texts = practice.in_language(language)
        story.append(Paragraph(escape(str(texts.title)), styles["h2"]))
        if texts.summary:
            story.append(Paragraph(f"<i>{_text(str(texts.summary))}</i>", styles["body"]))
        for label, value in (
            (_("The problem"), str(texts.problem)),
            (_("What was done"), str(texts.solution)),
            (_("Results"), str(texts.results)),
        ):
            if value:
                story.append(Paragraph(f"<b>{escape(label)}:</b> {_text(value)}", styles["body"]))
        actors = [organization.name for organization in practice.actors.all()]
        if texts.actors_text:
            actors.append(str(texts.actors_text))
        if actors:
            story.append(
                Paragraph(f"<b>{escape(_('Actors involved'))}:</b> {_text(', '.join(actors))}", styles["body"])
            )
        if practice.contacts:
            story.append(Paragraph(f"<b>{escape(_('Contacts'))}:</b> {_text(practice.contacts)}", styles["body"]))
        if any(getattr(texts, name).is_fallback for name in ("title", "problem", "solution")):
            story.append(Paragraph(_("This entry has not been translated; it is shown as written."), styles["small"]))
    return story


def _document(*, region: str, practices: Sequence[GoodPractice], language: str, viewer: User) -> bytes:
    styles = _styles()
    buffer = io.BytesIO()
    title = _("How the region works together: a model description")
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=title,
        author=region,
        lang=language,
    )
    story: list[Flowable] = [
        Paragraph(escape(title), styles["title"]),
        Paragraph(
            escape(
                _("%(region)s · as of %(day)s")
                % {"region": region, "day": date_format(timezone.localdate(), "DATE_FORMAT")}
            ),
            styles["subtitle"],
        ),
        Spacer(1, 4 * mm),
        Paragraph(
            _text(
                _(
                    "This document describes how the organisations of the region cooperate in the integration of "
                    "foreigners: who takes part, which services they offer for which needs, how they refer people to "
                    "each other, and what has worked well. Figures are aggregates; no person can be recognised."
                )
            ),
            styles["body"],
        ),
    ]
    story += _actors(styles)
    story += _services(styles, language, viewer)
    story += _flows(styles)
    story += _practices(styles, practices, language)
    document.build(story)
    return buffer.getvalue()
