"""Identity matching's pages: real-time candidates, the review queue, side-by-side review, persons, file upload.

Every page that shows a client's data writes an audit entry; pairs across organisations are
never shown (docs/decisions/0010).
"""

import datetime
import io
import uuid
from dataclasses import dataclass
from typing import Any, Final

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from spojka.accounts.access import signed_in_user
from spojka.audit.actions import record_access, record_accesses
from spojka.audit.enums import AuditAction, AuditPurpose
from spojka.clients.access import get_client_for_user
from spojka.clients.locales import country_name
from spojka.clients.models import Client
from spojka.core.exports import Column, ExportFormat, export_response, requested_format
from spojka.linkage import actions
from spojka.linkage.access import get_pair_for_user, get_person_for_user
from spojka.linkage.client_records import record_of
from spojka.linkage.enums import PairStatus
from spojka.linkage.forms import MatchFileForm, QueueFilterForm
from spojka.linkage.matching.batch import match_records
from spojka.linkage.matching.files import FileFormatError, read_records
from spojka.linkage.models import CandidatePair
from spojka.linkage.queries import candidates_for, person_of, queue_counts, review_queue
from spojka.linkage.reasons import reasons_for
from spojka.linkage.uploads import SHOWN_PAIRS, UploadedPair, error_message, file_error_message, pairs_of_upload
from spojka.network.rules import active_membership

PAGE_SIZE: Final = 50
AUDIT_TEXT: Final = "identity matching"
# What the candidates box shows of each record (named in its audit entry).
CANDIDATE_FIELDS: Final = ("given_name", "family_name", "native_given_name", "native_family_name", "birth_date")


def _typed_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _typed_year(value: str) -> int | None:
    text = value.strip()
    return int(text) if text.isdigit() and 1880 <= int(text) <= 2200 else None


@login_required
@permission_required("clients.manage_clients", raise_exception=True)
@require_GET
def candidates(request: HttpRequest) -> HttpResponse:
    """Show the organisation's clients who may be the person being typed into the registration form (htmx)."""
    user = signed_in_user(request)
    data = request.GET
    birth_date = _typed_date(data.get("birth_date", ""))
    year = _typed_year(data.get("birth_year", ""))
    year_only = birth_date is None and year is not None
    if year_only and year is not None:
        birth_date = datetime.date(year, 1, 1)
    record = record_of(
        record_id="typed",
        given_name=data.get("given_name", "")[:150],
        family_name=data.get("family_name", "")[:150],
        native_given_name=data.get("native_given_name", "")[:150],
        native_family_name=data.get("native_family_name", "")[:150],
        birth_date=birth_date,
        year_only=year_only,
        sex=data.get("sex", ""),
        citizenship=data.get("citizenship", "")[:2],
        document_number=data.get("document_number", "")[:64],
        phone=data.get("phone", "")[:32],
        municipality_id=data.get("municipality", "")[:40],
    )
    exclude = _uuid_or_none(data.get("exclude", ""))
    found = candidates_for(viewer=user, record=record, exclude_id=exclude)
    if found:
        record_accesses(
            user=user,
            action=AuditAction.READ,
            purpose=AuditPurpose.REGISTRATION,
            objects=[candidate.client for candidate in found],
            fields=CANDIDATE_FIELDS,
            purpose_text=AUDIT_TEXT,
        )
    response = render(request, "linkage/_candidates.html", {"candidates": found, "live": True})
    response["Cache-Control"] = "no-store"
    return response


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


# --- the review queue ------------------------------------------------------------------------------------------


def _reasons_text(pair: CandidatePair) -> str:
    return "; ".join(reason.label for reason in reasons_for(pair.reasons))


QUEUE_COLUMNS: Final[tuple[Column[CandidatePair], ...]] = (
    Column(gettext_lazy("Pair"), lambda pair: str(pair.pk)),
    Column(gettext_lazy("Status"), lambda pair: pair.get_status_display()),
    Column(gettext_lazy("Probability"), lambda pair: round(pair.probability, 4)),
    Column(gettext_lazy("Match weight"), lambda pair: round(pair.weight, 2)),
    Column(gettext_lazy("Reasons"), _reasons_text),
    Column(gettext_lazy("First record"), lambda pair: str(pair.client_a_id)),
    Column(gettext_lazy("First record: name"), lambda pair: pair.client_a.display_name),
    Column(gettext_lazy("First record: born"), lambda pair: pair.client_a.birth_display),
    Column(gettext_lazy("Second record"), lambda pair: str(pair.client_b_id)),
    Column(gettext_lazy("Second record: name"), lambda pair: pair.client_b.display_name),
    Column(gettext_lazy("Second record: born"), lambda pair: pair.client_b.birth_display),
)


@login_required
@permission_required("linkage.review_matches", raise_exception=True)
def queue(request: HttpRequest) -> HttpResponse:
    """List the pairs of the organisation's records that may be one person, with counts and filters; or download."""
    user = signed_in_user(request)
    form = QueueFilterForm(request.GET or None)
    status = query = ""
    if form.is_valid():
        status, query = form.cleaned_data["status"], form.cleaned_data["q"].strip()
    pairs = review_queue(viewer=user, status=status, query=query)
    membership = active_membership(user)
    may_export = membership is not None and user.has_perm("clients.export_client_data", membership.organization)
    file_format = requested_format(request)
    if file_format is not None:
        if not may_export:
            raise PermissionDenied
        rows = list(pairs)
        clients = [client for pair in rows for client in (pair.client_a, pair.client_b)]
        record_accesses(
            user=user,
            action=AuditAction.EXPORT,
            purpose=AuditPurpose.LIST_EXPORT,
            objects=clients,
            fields=["given_name", "family_name", "native_given_name", "native_family_name", "birth_date"],
            purpose_text=AUDIT_TEXT,
        )
        return export_response(rows=rows, columns=QUEUE_COLUMNS, name="candidate-pairs", file_format=file_format)
    page = Paginator(pairs, PAGE_SIZE).get_page(request.GET.get("page"))
    record_accesses(
        user=user,
        action=AuditAction.READ,
        purpose=AuditPurpose.CASEWORK,
        objects=[client for pair in page.object_list for client in (pair.client_a, pair.client_b)],
        fields=["given_name", "family_name", "native_given_name", "native_family_name", "birth_date"],
        purpose_text=AUDIT_TEXT,
    )
    counts = queue_counts(viewer=user)
    return render(
        request,
        "linkage/queue.html",
        {
            "form": form,
            "page": page,
            "pairs": [(pair, reasons_for(pair.reasons)) for pair in page.object_list],
            "counts": [(PairStatus(status_value), counts[status_value]) for status_value in PairStatus.values],
            "open_count": counts[PairStatus.PROPOSED] + counts[PairStatus.REVIEW] + counts[PairStatus.SKIPPED],
            "may_export": may_export,
        },
    )


@dataclass(frozen=True)
class ComparedField:
    """A row of the side-by-side comparison."""

    label: str
    first: str
    second: str

    @property
    def differs(self) -> bool:
        return bool(self.first and self.second and self.first.casefold() != self.second.casefold())

    @property
    def missing(self) -> bool:
        return not (self.first and self.second)


def _compared(first: Client, second: Client) -> list[ComparedField]:
    def born(client: Client) -> str:
        return client.birth_display

    rows: list[tuple[str, Any]] = [
        (_("Given name"), lambda c: c.given_name),
        (_("Family name"), lambda c: c.family_name),
        (_("Given name in own script"), lambda c: c.native_given_name),
        (_("Family name in own script"), lambda c: c.native_family_name),
        (_("Date of birth"), born),
        (_("Sex"), lambda c: c.get_sex_display() if c.sex else ""),
        (_("Citizenship"), lambda c: country_name(c.citizenship) if c.citizenship else ""),
        (_("Document number"), lambda c: c.document_number),
        (_("Phone"), lambda c: str(c.phone or "")),
        (_("Municipality"), lambda c: c.municipality.name if c.municipality else ""),
        (_("Residence status"), lambda c: c.residence_status.name if c.residence_status else ""),
        (_("Registered"), lambda c: c.created_at.date().isoformat()),
    ]
    return [ComparedField(label, str(read(first) or ""), str(read(second) or "")) for label, read in rows]


COMPARED_AUDIT_FIELDS: Final = (
    "given_name",
    "family_name",
    "native_given_name",
    "native_family_name",
    "birth_date",
    "sex",
    "citizenship",
    "document_number",
    "phone",
    "municipality",
    "residence_status",
)


@login_required
@permission_required("linkage.review_matches", raise_exception=True)
def pair_detail(request: HttpRequest, pair_id: uuid.UUID) -> HttpResponse:
    """Compare two records side by side, differing fields marked, with the reasons; merge, keep apart or skip."""
    user = signed_in_user(request)
    pair = get_pair_for_user(user, pair_id)
    for client in (pair.client_a, pair.client_b):
        record_access(
            user=user,
            action=AuditAction.READ,
            purpose=AuditPurpose.CASEWORK,
            obj=client,
            fields=COMPARED_AUDIT_FIELDS,
            purpose_text=AUDIT_TEXT,
        )
    person = person_of(client=pair.client_a) if pair.status == PairStatus.MERGED else None
    return render(
        request,
        "linkage/pair.html",
        {
            "pair": pair,
            "rows": _compared(pair.client_a, pair.client_b),
            "reasons": reasons_for(pair.reasons),
            "percent": round(pair.probability * 100),
            "person": person,
            "decided": pair.status in (PairStatus.MERGED, PairStatus.KEPT_APART),
        },
    )


def _decide(request: HttpRequest, pair_id: uuid.UUID, decision: str) -> HttpResponse:
    user = signed_in_user(request)
    pair = get_pair_for_user(user, pair_id)
    try:
        if decision == "merge":
            actions.merge_pair(pair=pair, by=user)
            messages.success(request, _("The two records are now linked as one person. Both records stay as they are."))
        elif decision == "keep_apart":
            actions.keep_apart(pair=pair, by=user)
            messages.success(request, _("Kept apart: these two records will not be proposed again."))
        elif decision == "skip":
            actions.skip_pair(pair=pair, by=user)
            messages.info(request, _("Skipped: the pair stays in the queue for later."))
        else:
            actions.undo_merge(pair=pair, by=user)
            messages.success(request, _("The merge has been undone: the records are no longer linked."))
    except actions.PairDecidedError:
        messages.warning(request, _("Someone has already decided about this pair."))
        return redirect("linkage:pair", pair_id=pair.pk)
    if decision == "undo":
        return redirect("linkage:pair", pair_id=pair.pk)
    following = review_queue(viewer=user).exclude(pk=pair.pk).exclude(status=PairStatus.SKIPPED).first()
    return redirect("linkage:pair", pair_id=following.pk) if following is not None else redirect("linkage:queue")


@login_required
@permission_required("linkage.review_matches", raise_exception=True)
@require_POST
def pair_merge(request: HttpRequest, pair_id: uuid.UUID) -> HttpResponse:
    """Link the two records of a pair as one person."""
    return _decide(request, pair_id, "merge")


@login_required
@permission_required("linkage.review_matches", raise_exception=True)
@require_POST
def pair_keep_apart(request: HttpRequest, pair_id: uuid.UUID) -> HttpResponse:
    """Remember that the two records of a pair are not the same person."""
    return _decide(request, pair_id, "keep_apart")


@login_required
@permission_required("linkage.review_matches", raise_exception=True)
@require_POST
def pair_skip(request: HttpRequest, pair_id: uuid.UUID) -> HttpResponse:
    """Leave a pair for later."""
    return _decide(request, pair_id, "skip")


@login_required
@permission_required("linkage.review_matches", raise_exception=True)
@require_POST
def pair_undo(request: HttpRequest, pair_id: uuid.UUID) -> HttpResponse:
    """Undo the merge of a pair."""
    return _decide(request, pair_id, "undo")


# --- persons -----------------------------------------------------------------------------------------------------


@login_required
@permission_required("clients.view_clients", raise_exception=True)
def person_detail(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """Show the records of one person the viewer may see; records elsewhere only as "known elsewhere"."""
    user = signed_in_user(request)
    view = get_person_for_user(user, person_id)
    record_accesses(
        user=user,
        action=AuditAction.READ,
        purpose=AuditPurpose.CASEWORK,
        objects=view.records,
        fields=["given_name", "family_name", "birth_date"],
        purpose_text=AUDIT_TEXT,
    )
    membership = active_membership(user)
    own_organization = membership.organization_id if membership is not None else None
    return render(
        request,
        "linkage/person.html",
        {
            "view": view,
            "own_organization": own_organization,
            "may_detach": user.has_perm("linkage.review_matches"),
        },
    )


@login_required
@permission_required("linkage.review_matches", raise_exception=True)
@require_POST
def record_detach(request: HttpRequest, client_id: uuid.UUID) -> HttpResponse:
    """Take one of the organisation's records out of the person it is linked to."""
    user = signed_in_user(request)
    client = get_client_for_user(user, client_id)
    membership = active_membership(user)
    if membership is None or client.organization_id != membership.organization_id:
        raise Http404
    person = person_of(client=client)
    if actions.detach_record(client=client, by=user):
        messages.success(request, _("The record is no longer linked to the other records of this person."))
    if person is not None and get_person_visible(user, person.pk):
        return redirect("linkage:person", person_id=person.pk)
    return redirect("clients:detail", client_id=client.pk)


def get_person_visible(user: object, person_id: uuid.UUID) -> bool:
    try:
        get_person_for_user(user, person_id)
    except Http404:
        return False
    return True


# --- a file matched in the browser ------------------------------------------------------------------------------

UPLOAD_COLUMNS: Final[tuple[Column[UploadedPair], ...]] = (
    Column(gettext_lazy("record_id_a"), lambda pair: pair.first.record_id),
    Column(gettext_lazy("record_id_b"), lambda pair: pair.second.record_id),
    Column(gettext_lazy("Decision"), lambda pair: pair.decision_label),
    Column(gettext_lazy("Probability"), lambda pair: round(pair.probability, 4)),
    Column(gettext_lazy("Match weight"), lambda pair: round(pair.weight, 2)),
    Column(gettext_lazy("Reasons"), lambda pair: "; ".join(reason.label for reason in pair.reasons)),
    Column(gettext_lazy("First: name"), lambda pair: pair.first.name),
    Column(gettext_lazy("First: born"), lambda pair: pair.first.born),
    Column(gettext_lazy("Second: name"), lambda pair: pair.second.name),
    Column(gettext_lazy("Second: born"), lambda pair: pair.second.born),
)


@login_required
@permission_required("linkage.match_files", raise_exception=True)
def match_file(request: HttpRequest) -> HttpResponse:
    """Find the duplicates inside an uploaded CSV list of people, in memory, without storing anything."""
    form = MatchFileForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "pairs": None, "errors": [], "records": 0}
    if request.method == "POST" and form.is_valid():
        try:
            records, row_errors = read_records(io.BytesIO(form.cleaned_data["file"].read()))
        except FileFormatError as error:
            form.add_error("file", file_error_message(error))
            return render(request, "linkage/match_file.html", context)
        context["errors"] = [(error.line, error_message(error)) for error in row_errors]
        context["records"] = len(records)
        pairs = pairs_of_upload(records, match_records(records), review=form.cleaned_data["review"])
        context["pairs"] = pairs[:SHOWN_PAIRS]
        context["more_pairs"] = max(0, len(pairs) - SHOWN_PAIRS)
        output = request.POST.get("output", "page")
        if output in {item.value for item in ExportFormat}:
            return export_response(
                rows=pairs, columns=UPLOAD_COLUMNS, name="matched-pairs", file_format=ExportFormat(output)
            )
    return render(request, "linkage/match_file.html", context)
