"""Upload of an HSDS file in the browser: first a dry run with the report, then the import.

An organisation manager may import only their own organisation's records (the rest of the file
is reported as problems); the regional coordinator and the platform administrator may import
any organisation's, as the permission matrix says. The uploaded file waits between the two
steps in a private folder, named by a random token kept in the session (never in the URL).
"""

import secrets
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spojka.accounts.access import signed_in_user
from spojka.accounts.models import User
from spojka.directory.hsds.importer import import_hsds
from spojka.directory.hsds.report import ImportReport
from spojka.network.models import Organization

MAX_UPLOAD: Final = 20 * 1024 * 1024
SESSION_KEY: Final = "spojka_hsds_upload"
KEEP_FOR: Final = 24 * 60 * 60  # seconds an unconfirmed upload is kept
SUFFIXES: Final = (".json", ".zip")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("HSDS file"),
        help_text=gettext_lazy(
            "A JSON file of organisations and services, or a zip of CSV files with datapackage.json."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.zip,application/json,application/zip"}),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(SUFFIXES):
            raise forms.ValidationError(_("Upload a .json or .zip file."))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": MAX_UPLOAD // (1024 * 1024)}
            )
        return upload


def _folder() -> Path:
    """Return the private folder of checked uploads, after removing those left for a day."""
    folder = Path(getattr(settings, "DATA_DIR", tempfile.gettempdir())) / "hsds-uploads"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for path in folder.iterdir():
        if path.is_file() and time.time() - path.stat().st_mtime > KEEP_FOR:
            path.unlink(missing_ok=True)
    return folder


def _may_write(user: User) -> Callable[[str], bool]:
    """Whose records the user may import: organisations where they manage services."""
    decided: dict[str, bool] = {}

    def may(organization_id: str) -> bool:
        if organization_id not in decided:
            organization = Organization.objects.filter(id=organization_id).first()
            decided[organization_id] = (
                user.has_perm("directory.manage_services", organization)
                if organization is not None
                else user.has_perm("network.manage_organizations")
            )
        return decided[organization_id]

    return may


def _run(request: HttpRequest, data: bytes, name: str, *, dry_run: bool) -> ImportReport:
    user = signed_in_user(request)
    return import_hsds(
        data,
        name=name,
        user=user,
        may_write=_may_write(user),
        can_manage_taxonomy=user.has_perm("directory.manage_taxonomy"),
        dry_run=dry_run,
    )


def _forget(request: HttpRequest) -> None:
    stored = request.session.pop(SESSION_KEY, None)
    if stored and isinstance(stored, dict):
        (_folder() / str(stored.get("token", "none"))).unlink(missing_ok=True)


@login_required
@permission_required("directory.manage_services", raise_exception=True)
def upload(request: HttpRequest) -> HttpResponse:
    """Show the upload form; on upload, check the file and show the report (nothing written yet)."""
    report = None
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            _forget(request)
            upload_file = form.cleaned_data["file"]
            data = upload_file.read()
            report = _run(request, data, upload_file.name, dry_run=True)
            if report.ok:
                token = secrets.token_hex(16)
                (_folder() / token).write_bytes(data)
                request.session[SESSION_KEY] = {"token": token, "name": upload_file.name[-100:]}
    return render(
        request,
        "directory/imports/upload.html",
        {"form": form, "report": report, "file_name": request.session.get(SESSION_KEY, {}).get("name", "")},
    )


@login_required
@permission_required("directory.manage_services", raise_exception=True)
def confirm(request: HttpRequest) -> HttpResponse:
    """Import the checked file for real (checked again: the directory may have changed since)."""
    if request.method != "POST":
        return redirect("directory:import")
    stored = request.session.get(SESSION_KEY)
    path = _folder() / str(stored.get("token", "")) if isinstance(stored, dict) and stored.get("token") else None
    if path is None or not path.is_file():
        messages.error(request, _("There is no checked file to import; upload it again."))
        return redirect("directory:import")
    data = path.read_bytes()
    report = _run(request, data, str(stored.get("name", "")), dry_run=False)  # type: ignore[union-attr]
    _forget(request)
    if not report.written:
        return render(request, "directory/imports/upload.html", {"form": UploadForm(), "report": report})
    messages.success(request, _("Imported: %(summary)s.") % {"summary": report.summary()})
    return render(request, "directory/imports/upload.html", {"form": UploadForm(), "report": report, "done": True})
