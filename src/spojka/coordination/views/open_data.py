"""The open data page: choose a period, download CSV or JSON, and the data dictionary."""

from typing import Final

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from spojka.coordination.figures.tables import PeriodError
from spojka.coordination.open_data import (
    DATASETS,
    LICENCE,
    MAX_MONTHS,
    OpenDataError,
    build_export,
    data_dictionary,
    export_csv,
    export_json,
)
from spojka.coordination.views.network import download, period_from

FORMATS: Final = ("csv", "json", "dictionary")


def _page(request: HttpRequest, *, error: str = "", status: int = 200) -> HttpResponse:
    return render(
        request,
        "coordination/open_data/index.html",
        {
            "error": error,
            "values": request.GET,
            "datasets": DATASETS,
            "licence": LICENCE,
            "max_months": MAX_MONTHS,
        },
        status=status,
    )


@login_required
@permission_required("coordination.export_open_data", raise_exception=True)
def open_data_page(request: HttpRequest) -> HttpResponse:
    """Show the open-data form, or make the download the `format` parameter asks for."""
    file_format = request.GET.get("format", "")
    if not file_format:
        return _page(request)
    if file_format not in FORMATS:
        return _page(request, error=_("Choose CSV, JSON or the data dictionary."), status=400)
    if file_format == "dictionary":
        return download(data_dictionary(), content_type="application/json", filename="open-data-dictionary.json")
    try:
        period = period_from(request)
        export = build_export(period)
    except (PeriodError, OpenDataError) as error:
        return _page(request, error=str(error), status=400)
    name = f"open-data-{period.slug()}"
    if file_format == "csv":
        return download(export_csv(export), content_type="text/csv; charset=utf-8", filename=f"{name}.csv")
    return download(export_json(export), content_type="application/json", filename=f"{name}.json")
