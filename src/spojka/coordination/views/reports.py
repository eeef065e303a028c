"""The reports page: choose a period and a language, download the PDF or the XLSX."""

from typing import Final

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from spojka.coordination.figures.tables import PeriodError
from spojka.coordination.reports.content import REPORT_LANGUAGES, ReportLanguage
from spojka.coordination.reports.pdf import report_pdf, report_xlsx
from spojka.coordination.views.network import download, period_from
from spojka.core.exports import CONTENT_TYPES, ExportFormat

FORMATS: Final = ("pdf", "xlsx")


def _page(request: HttpRequest, *, error: str = "", status: int = 200) -> HttpResponse:
    chosen = request.GET.get("language") or (
        get_language() if get_language() in {lang.value for lang in ReportLanguage} else "cs"
    )
    return render(
        request,
        "coordination/reports/index.html",
        {
            "error": error,
            "values": request.GET,
            "languages": [(language.value, label) for language, label in REPORT_LANGUAGES.items()],
            "language": chosen,
            "with_language": True,
        },
        status=status,
    )


@login_required
@permission_required("coordination.publish_reports", raise_exception=True)
def reports_page(request: HttpRequest) -> HttpResponse:
    """Show the form that makes a report, or make it when a format is asked for."""
    file_format = request.GET.get("format", "")
    if not file_format:
        return _page(request)
    if file_format not in FORMATS:
        return _page(request, error=_("Choose PDF or XLSX."), status=400)
    try:
        language = ReportLanguage(request.GET.get("language", ""))
    except ValueError:
        return _page(request, error=_("Choose the language of the report: Czech or English."), status=400)
    try:
        period = period_from(request)
    except PeriodError as error:
        return _page(request, error=str(error), status=400)
    name = f"report-{period.slug()}-{language.value}"
    if file_format == "pdf":
        return download(report_pdf(period, language=language), content_type="application/pdf", filename=f"{name}.pdf")
    return download(
        report_xlsx(period, language=language),
        content_type=CONTENT_TYPES[ExportFormat.XLSX],
        filename=f"{name}.xlsx",
    )
