"""The cooperation network page and its downloads (SVG, PNG, CSV, XLSX)."""

from typing import Final
from urllib.parse import urlencode

import tablib
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from spojka.coordination.figures.tables import Period, PeriodError
from spojka.coordination.network import cooperation_network, edge_table, network_scene
from spojka.coordination.reports.datasets import table_dataset, unique_titles
from spojka.core.exports import CONTENT_TYPES, ExportFormat

DOWNLOADS: Final = ("svg", "png", "csv", "xlsx")


def period_from(request: HttpRequest) -> Period:
    """Read the period from the query string (raises PeriodError with a message for the user)."""
    return Period.parse(
        period=request.GET.get("period", ""), start=request.GET.get("start", ""), end=request.GET.get("end", "")
    )


def download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    """Return a file download; aggregates only, yet not kept by shared caches."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    add_never_cache_headers(response)
    return response


@login_required
@permission_required("coordination.view_network", raise_exception=True)
def network_page(request: HttpRequest) -> HttpResponse:
    """Show the cooperation network of a period: the picture, the sector matrix, the links."""
    try:
        period = period_from(request)
    except PeriodError as error:
        return render(
            request,
            "coordination/network/index.html",
            {"error": str(error), "values": request.GET},
            status=400,
        )
    network = cooperation_network(period)
    return render(
        request,
        "coordination/network/index.html",
        {
            "period": period,
            "query_string": urlencode(period.as_query()),
            "values": request.GET,
            "network": network,
            "picture": network_scene(network).svg(),
            "matrix": network.matrix,
            "edges": edge_table(network),
            "downloads": DOWNLOADS,
        },
    )


@login_required
@permission_required("coordination.view_network", raise_exception=True)
def network_download(request: HttpRequest, file_format: str) -> HttpResponse:
    """Download the picture (SVG, PNG) or its tables (CSV: the sector matrix; XLSX: matrix and links)."""
    if file_format not in DOWNLOADS:
        raise Http404("No such download.")
    try:
        period = period_from(request)
    except PeriodError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    network = cooperation_network(period)
    name = f"network-{period.slug()}"
    if file_format == "svg":
        return download(
            network_scene(network).svg(standalone=True).encode(), content_type="image/svg+xml", filename=f"{name}.svg"
        )
    if file_format == "png":
        return download(network_scene(network).png(), content_type="image/png", filename=f"{name}.png")
    matrix = table_dataset(network.matrix, title=_("sectors"))
    if file_format == "csv":
        return download(
            matrix.export("csv").encode("utf-8-sig"),
            content_type=CONTENT_TYPES[ExportFormat.CSV],
            filename=f"{name}.csv",
        )
    book = tablib.Databook(unique_titles([matrix, table_dataset(edge_table(network), title=_("links"))]))
    return download(book.export("xlsx"), content_type=CONTENT_TYPES[ExportFormat.XLSX], filename=f"{name}.xlsx")
