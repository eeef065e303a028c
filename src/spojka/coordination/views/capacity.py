"""The capacity registry's pages: free places per municipality and district, with their sources and age."""

import uuid
from typing import Final

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from spojka.accounts.access import signed_in_user
from spojka.coordination import actions_capacity
from spojka.coordination.actions_capacity import CapacityError
from spojka.coordination.enums_rounds import CapacityKind
from spojka.coordination.forms_rounds import CapacityForm
from spojka.coordination.models import STALE_AFTER, CapacityFigure
from spojka.coordination.queries_capacity import (
    capacity_by_municipality,
    capacity_figures,
    district_totals,
    get_figure_for_user,
)
from spojka.coordination.queries_rounds import districts
from spojka.core.exports import Column, export_response, requested_format

# The export lists every figure with where it comes from: organisations' figures, no personal data.
FIGURE_COLUMNS: Final[tuple[Column[CapacityFigure], ...]] = (
    Column(
        gettext_lazy("District"), lambda figure: figure.municipality.parent.name if figure.municipality.parent else ""
    ),
    Column(gettext_lazy("Municipality"), lambda figure: figure.municipality.name),
    Column(gettext_lazy("Municipality code"), lambda figure: figure.municipality.code),
    Column(gettext_lazy("Kind of capacity"), lambda figure: figure.get_kind_display()),
    Column(gettext_lazy("Free places"), lambda figure: figure.places),
    Column(gettext_lazy("Source"), lambda figure: figure.get_source_display()),
    Column(gettext_lazy("Reported by"), lambda figure: figure.organization.display_name if figure.organization else ""),
    Column(gettext_lazy("Reporting round"), lambda figure: figure.round.title if figure.round else ""),
    Column(gettext_lazy("Last confirmed"), lambda figure: figure.confirmed_at),
    Column(gettext_lazy("Stale"), lambda figure: figure.is_stale),
    Column(gettext_lazy("Note"), lambda figure: figure.note),
)


@login_required
@permission_required("coordination.view_capacity", raise_exception=True)
def capacity_registry(request: HttpRequest) -> HttpResponse:
    """Show free places per district and municipality, stale figures flagged; or download every figure."""
    district_id = request.GET.get("district", "")
    district = districts().filter(pk=district_id).first() if _is_uuid(district_id) else None
    kind = request.GET.get("kind", "")
    kind = kind if kind in CapacityKind.values else ""
    file_format = requested_format(request)
    if file_format is not None:
        rows = list(capacity_figures(district=district, kind=kind))
        return export_response(rows=rows, columns=FIGURE_COLUMNS, name="capacity", file_format=file_format)
    district_kinds, district_rows = district_totals(district=district, kind=kind)
    return render(
        request,
        "coordination/capacity/registry.html",
        {
            "municipalities": capacity_by_municipality(district=district, kind=kind),
            "districts": district_rows,
            "district_kinds": district_kinds,
            "district_choices": list(districts()),
            "district": district,
            "kind": kind,
            "kinds": CapacityKind.choices,
            "stale_days": STALE_AFTER.days,
        },
    )


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@login_required
@permission_required("coordination.manage_capacity", raise_exception=True)
def capacity_new(request: HttpRequest) -> HttpResponse:
    """Enter (or replace) the coordinator's own figure for a municipality."""
    user = signed_in_user(request)
    form = CapacityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions_capacity.set_capacity(
                municipality=data["municipality"], kind=data["kind"], places=data["places"], note=data["note"], by=user
            )
        except CapacityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The figure has been recorded."))
            return redirect("coordination:capacity")
    return render(request, "coordination/capacity/form.html", {"form": form})


@login_required
@permission_required("coordination.manage_capacity", raise_exception=True)
@require_POST
def capacity_remove(request: HttpRequest, figure_id: uuid.UUID) -> HttpResponse:
    """Remove a figure the coordinator entered."""
    user = signed_in_user(request)
    figure = get_figure_for_user(user, figure_id)
    try:
        actions_capacity.remove_capacity(figure=figure, by=user)
    except CapacityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The figure has been removed."))
    return redirect("coordination:capacity")


@login_required
@permission_required("coordination.manage_capacity", raise_exception=True)
@require_POST
def capacity_refresh(request: HttpRequest) -> HttpResponse:
    """Copy the free places of the directory's services into the registry now."""
    count = actions_capacity.refresh_capacity_from_directory(by=signed_in_user(request))
    messages.success(request, _("The directory's figures have been refreshed (%(count)d).") % {"count": count})
    return redirect("coordination:capacity")
