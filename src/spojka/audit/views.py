"""The audit trail for the organisation manager and the data-protection officer."""

import uuid
from typing import Final

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from spojka.accounts.access import signed_in_user
from spojka.accounts.models import User
from spojka.audit.models import AccessEntry
from spojka.audit.queries import audit_trail
from spojka.core.exports import Column, export_response, requested_format
from spojka.network.rules import active_membership

PAGE_SIZE: Final = 100

COLUMNS: Final[tuple[Column[AccessEntry], ...]] = (
    Column(_("Time"), lambda entry: entry.at),
    Column(pgettext_lazy("person", "Name"), lambda entry: entry.user.get_full_name()),
    Column(_("E-mail"), lambda entry: entry.user.email),
    Column(_("Organisation"), lambda entry: entry.organization.name if entry.organization else ""),
    Column(_("Action"), lambda entry: entry.get_action_display()),
    Column(_("Type of record"), lambda entry: entry.object_type),
    Column(_("Record"), lambda entry: entry.object_id),
    Column(_("Client"), lambda entry: str(entry.client_id) if entry.client_id else ""),
    Column(_("Purpose"), lambda entry: entry.get_purpose_display()),
    Column(_("Purpose in words"), lambda entry: entry.purpose_text),
    Column(_("Fields touched"), lambda entry: ", ".join(entry.fields)),
)


class TrailFilterForm(forms.Form):
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    user = forms.ModelChoiceField(label=_("Staff member"), queryset=User.objects.none(), required=False)
    client = forms.UUIDField(label=_("Client's id"), required=False)

    def __init__(self, *args: object, organization_id: uuid.UUID | None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # forwarded as given
        staff = (
            User.objects.filter(memberships__organization_id=organization_id)
            if organization_id
            else User.objects.none()
        )
        self.fields["user"].queryset = staff.distinct().order_by("full_name", "email")  # type: ignore[attr-defined]  # ModelChoiceField


@login_required
@permission_required("audit.view_audit", raise_exception=True)
def trail(request: HttpRequest) -> HttpResponse:
    """List who accessed the organisation's personal data, filtered by period, person or client; or download it."""
    user = signed_in_user(request)
    membership = active_membership(user)
    form = TrailFilterForm(request.GET or None, organization_id=membership.organization_id if membership else None)
    filters: dict[str, object] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "since": data["since"],
            "until": data["until"],
            "user_id": data["user"].pk if data["user"] else None,
            "client_id": data["client"],
        }
    entries = audit_trail(viewer=user, **filters)  # type: ignore[arg-type]  # checked by the form
    if file_format := requested_format(request):
        return export_response(rows=entries, columns=COLUMNS, name="audit-trail", file_format=file_format)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/trail.html",
        {"form": form, "page": page, "entries": page.object_list},
    )
