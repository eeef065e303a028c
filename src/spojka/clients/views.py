"""Clients' pages of the workspace: thin views over access helpers, forms, actions and queries.

Every page that shows or hands out personal data writes an audit entry.
"""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from spojka.accounts.access import signed_in_user
from spojka.accounts.models import User
from spojka.audit.actions import record_access, record_accesses
from spojka.audit.enums import AuditAction, AuditPurpose
from spojka.audit.queries import accesses_to_client
from spojka.clients import actions
from spojka.clients.access import (
    get_client_for_user,
    get_client_view_for_user,
    get_consent_for_user,
    get_household_for_user,
)
from spojka.clients.enums import DataCategory, Relationship
from spojka.clients.forms import (
    ClientForm,
    ConsentForm,
    EraseClientForm,
    HouseholdMemberForm,
    RegistrationForm,
    WithdrawConsentForm,
)
from spojka.clients.locales import country_name, language_name, printout_language
from spojka.clients.models import EDITABLE_FIELDS, Client, Household
from spojka.clients.queries import (
    EXPIRY_WARNING_DAYS,
    clients_for_listing,
    consents_of,
    expiring_documents,
    household_members,
    likely_duplicates,
    owned_clients,
    shared_categories_for,
    vulnerabilities_for,
)
from spojka.clients.subject_data import client_data
from spojka.core.exports import Column, export_response, requested_format
from spojka.geo.models import ResidenceStatus
from spojka.network.rules import active_membership

if TYPE_CHECKING:
    from spojka.referrals.queries import SharedView

PAGE_SIZE: Final = 50


@dataclass(frozen=True)
class ListedClient:
    """A row of a list of clients: the client and what of them the viewer may see."""

    client: Client
    view: "SharedView"

    @property
    def shared_by(self) -> str:
        """The organisation that shared the client through a referral; empty for the viewer's own client."""
        return "" if self.view.own else self.client.organization.name


def _own_view() -> "SharedView":
    # Imported here: referrals builds on clients (imports its models and queries at load time).
    from spojka.referrals.queries import SharedView

    return SharedView(own=True, categories=frozenset(DataCategory), withdrawn=False)


def _rows(clients: Iterable[Client], shared: dict[uuid.UUID, frozenset[DataCategory]]) -> list[ListedClient]:
    """Wrap clients in rows with what the viewer may see of each (their own in full, shared ones as shared)."""
    from spojka.referrals.queries import SharedView  # see _own_view

    own = _own_view()
    return [
        ListedClient(
            client=client,
            view=SharedView(own=False, categories=shared[client.pk], withdrawn=False) if client.pk in shared else own,
        )
        for client in clients
    ]


def _shown(category: DataCategory, value: Callable[[Client], Any]) -> Callable[[ListedClient], Any]:
    """Return a cell that shows the value only when the row's view covers the kind of data."""
    return lambda row: value(row.client) if row.view.shows(category) else ""


# What a list shows and exports: the field name for the audit entry, the kind of data it belongs
# to (None: not the client's personal data) and the column.
ListColumns = tuple[tuple[str, DataCategory | None, Column[ListedClient]], ...]

LIST_COLUMNS: Final[ListColumns] = (
    (
        "family_name",
        DataCategory.IDENTITY,
        Column(gettext_lazy("Family name"), _shown(DataCategory.IDENTITY, lambda client: client.family_name)),
    ),
    (
        "given_name",
        DataCategory.IDENTITY,
        Column(gettext_lazy("Given name"), _shown(DataCategory.IDENTITY, lambda client: client.given_name)),
    ),
    (
        "native_family_name",
        DataCategory.IDENTITY,
        Column(
            gettext_lazy("Family name in own script"),
            _shown(DataCategory.IDENTITY, lambda client: client.native_family_name),
        ),
    ),
    (
        "native_given_name",
        DataCategory.IDENTITY,
        Column(
            gettext_lazy("Given name in own script"),
            _shown(DataCategory.IDENTITY, lambda client: client.native_given_name),
        ),
    ),
    (
        "birth_date",
        DataCategory.IDENTITY,
        Column(gettext_lazy("Date of birth"), _shown(DataCategory.IDENTITY, lambda client: client.birth_display)),
    ),
    (
        "sex",
        DataCategory.IDENTITY,
        Column(gettext_lazy("Sex"), _shown(DataCategory.IDENTITY, lambda client: client.get_sex_display())),
    ),
    (
        "citizenship",
        DataCategory.IDENTITY,
        Column(
            gettext_lazy("Citizenship"),
            _shown(
                DataCategory.IDENTITY, lambda client: country_name(client.citizenship) if client.citizenship else ""
            ),
        ),
    ),
    (
        "residence_status",
        DataCategory.RESIDENCE,
        Column(
            gettext_lazy("Residence status"),
            _shown(
                DataCategory.RESIDENCE, lambda client: client.residence_status.name if client.residence_status else ""
            ),
        ),
    ),
    (
        "document_valid_until",
        DataCategory.RESIDENCE,
        Column(
            gettext_lazy("Document valid until"),
            _shown(DataCategory.RESIDENCE, lambda client: client.document_valid_until),
        ),
    ),
    (
        "municipality",
        DataCategory.CONTACT,
        Column(
            gettext_lazy("Municipality"),
            _shown(DataCategory.CONTACT, lambda client: client.municipality.name if client.municipality else ""),
        ),
    ),
    (
        "vulnerabilities",
        DataCategory.VULNERABILITIES,
        Column(
            gettext_lazy("Vulnerabilities"),
            _shown(
                DataCategory.VULNERABILITIES,
                lambda client: ", ".join(vulnerability.name for vulnerability in client.vulnerabilities.all()),
            ),
        ),
    ),
    ("organization", None, Column(gettext_lazy("Shared by"), lambda row: row.shared_by)),
)

EXPIRING_COLUMNS: Final[ListColumns] = (
    *(column for column in LIST_COLUMNS if column[0] in {"family_name", "given_name"}),
    *(column for column in LIST_COLUMNS if column[0] in {"native_family_name", "native_given_name"}),
    *(column for column in LIST_COLUMNS if column[0] == "residence_status"),
    (
        "document_type",
        DataCategory.RESIDENCE,
        Column(
            gettext_lazy("Document"),
            _shown(
                DataCategory.RESIDENCE,
                lambda client: client.get_document_type_display() if client.document_type else "",
            ),
        ),
    ),
    *(column for column in LIST_COLUMNS if column[0] == "document_valid_until"),
    (
        "phone",
        DataCategory.CONTACT,
        Column(
            gettext_lazy("Phone"),
            _shown(DataCategory.CONTACT, lambda client: str(client.phone) if client.phone else ""),
        ),
    ),
)

# The fields a client's record page shows, for the audit entry of each read.
RECORD_READ_FIELDS: Final = (*EDITABLE_FIELDS, "household", "consents")


def _export(request: HttpRequest, *, rows: list[ListedClient], columns: ListColumns, name: str) -> HttpResponse | None:
    """Return the rows as a download when the request asks for one (audited), else None.

    Each row carries only what the viewer may see of the client, and each client's audit entry
    names only those fields.
    """
    file_format = requested_format(request)
    if file_format is None:
        return None
    user = signed_in_user(request)
    membership = active_membership(user)
    if membership is None or not user.has_perm("clients.export_client_data", membership.organization):
        raise PermissionDenied
    by_fields: dict[tuple[str, ...], list[Client]] = {}
    for row in rows:
        fields = tuple(field for field, category, _column in columns if category and row.view.shows(category))
        by_fields.setdefault(fields, []).append(row.client)
    for fields, clients in by_fields.items():
        record_accesses(
            user=user, action=AuditAction.EXPORT, purpose=AuditPurpose.LIST_EXPORT, objects=clients, fields=fields
        )
    return export_response(
        rows=rows, columns=[column for _field, _category, column in columns], name=name, file_format=file_format
    )


@login_required
@permission_required("clients.view_clients", raise_exception=True)
def client_list(request: HttpRequest) -> HttpResponse:
    """List the organisation's clients, searched by name in either script and filtered; or download the list."""
    user = signed_in_user(request)
    membership = active_membership(user)
    query = request.GET.get("q", "").strip()
    status = _uuid_or_none(request.GET.get("status", ""))
    vulnerability = _uuid_or_none(request.GET.get("vulnerability", ""))
    expiring_only = request.GET.get("expiring") == "1"
    shared = shared_categories_for(viewer=user)
    listed = clients_for_listing(
        viewer=user,
        query=query,
        residence_status_id=status,
        vulnerability_id=vulnerability,
        expiring_only=expiring_only,
        shared=shared,
    )
    if (download := _export(request, rows=_rows(listed, shared), columns=LIST_COLUMNS, name="clients")) is not None:
        return download
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    organization = membership.organization if membership is not None else None
    return render(
        request,
        "clients/list.html",
        {
            "page": page,
            "clients": page.object_list,
            "rows": _rows(page.object_list, shared),
            "query": query,
            "status": str(status or ""),
            "vulnerability": str(vulnerability or ""),
            "expiring": expiring_only,
            "statuses": _statuses_for(organization),
            "vulnerabilities": vulnerabilities_for(organization=organization),
            "may_register": user.has_perm("clients.manage_clients"),
            "may_export": organization is not None and user.has_perm("clients.export_client_data", organization),
        },
    )


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _statuses_for(organization: Any) -> list[ResidenceStatus]:
    statuses = ResidenceStatus.objects.order_by("country_id", "position")
    if organization is not None and organization.municipality_id:
        statuses = statuses.filter(country_id=organization.municipality.country_id)
    return list(statuses)


def _organization_of(user: User) -> Any:
    membership = active_membership(user)
    return membership.organization if membership is not None else None


@login_required
@permission_required("clients.manage_clients", raise_exception=True)
def client_new(request: HttpRequest) -> HttpResponse:
    """Register a client, after showing the likely existing records of the same person."""
    user = signed_in_user(request)
    organization = _organization_of(user)
    household = _household_from(request, user)
    form = RegistrationForm(request.POST or None, organization=organization, in_household=household is not None)
    duplicates: list[Any] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = likely_duplicates(
            viewer=user,
            given_name=data["given_name"],
            family_name=data["family_name"],
            native_given_name=data["native_given_name"],
            native_family_name=data["native_family_name"],
            birth_date=form.instance.birth_date,
            birth_date_precision=form.instance.birth_date_precision,
            sex=data["sex"],
            citizenship=data["citizenship"],
            document_number=data["document_number"],
            phone=str(data["phone"] or ""),
            municipality_id=data["municipality"].pk if data["municipality"] else None,
        )
        if duplicates and not data["create_anyway"]:
            record_accesses(
                user=user,
                action=AuditAction.READ,
                purpose=AuditPurpose.REGISTRATION,
                objects=[duplicate.client for duplicate in duplicates],
                fields=["given_name", "family_name", "native_given_name", "native_family_name", "birth_date"],
                purpose_text="identity matching",
            )
        if not duplicates or data["create_anyway"]:
            client = actions.register_client(
                client=form.save(commit=False), vulnerabilities=list(data["vulnerabilities"]), by=user
            )
            if household is not None:
                actions.add_to_household(
                    client=client, relationship=Relationship(data["relationship"]), household=household, by=user
                )
            messages.success(request, _("The client has been registered."))
            return redirect("clients:detail", client_id=client.pk)
    if not duplicates:
        form.fields["create_anyway"].widget = form.fields["create_anyway"].hidden_widget()
    return render(
        request,
        "clients/form.html",
        {"form": form, "duplicates": duplicates, "client": None, "household": household},
    )


def _household_from(request: HttpRequest, user: User) -> Household | None:
    household_id = _uuid_or_none(request.GET.get("household", ""))
    return get_household_for_user(user, household_id) if household_id else None


@login_required
@permission_required("clients.view_clients", raise_exception=True)
def client_detail(request: HttpRequest, client_id: uuid.UUID) -> HttpResponse:
    """Show a client's record (each read is audited), with household, consents and, for the manager, who accessed it.

    Another organisation's client shared through a referral shows only the kinds of data the
    standing consent covers, without the consents, the household's names or who accessed it.
    """
    # Imported here: referrals builds on clients (imports its models and queries at load time).
    from spojka.referrals.queries import fields_seen

    user = signed_in_user(request)
    client, view = get_client_view_for_user(user, client_id)
    record_access(
        user=user,
        action=AuditAction.READ,
        purpose=AuditPurpose.CASEWORK if view.own else AuditPurpose.REFERRAL,
        obj=client,
        fields=RECORD_READ_FIELDS if view.own else fields_seen(view),
    )
    own = view.own
    may_see_accesses = own and user.has_perm("audit.view_audit")
    return render(
        request,
        "clients/detail.html",
        {
            "client": client,
            "view": view,
            "languages": [language_name(code) for code in client.languages] if view.identity else [],
            "preferred_language": language_name(client.preferred_language)
            if view.identity and client.preferred_language
            else "",
            "citizenship": country_name(client.citizenship) if view.identity and client.citizenship else "",
            "members": list(household_members(household=client.household))
            if view.household and client.household
            else [],
            "consents": list(consents_of(client=client)) if own else [],
            "accesses": list(accesses_to_client(viewer=user, client_id=client.pk)[:50]) if may_see_accesses else None,
            "may_manage": own and user.has_perm("clients.manage_clients", client.organization),
            "may_record_consent": own and user.has_perm("clients.record_consent", client.organization),
            "may_export": own and user.has_perm("clients.export_client_data", client.organization),
            "may_erase": own and user.has_perm("clients.erase_clients", client.organization),
        },
    )


@login_required
@permission_required("clients.manage_clients", raise_exception=True)
def client_edit(request: HttpRequest, client_id: uuid.UUID) -> HttpResponse:
    """Correct or complete a client's record."""
    user = signed_in_user(request)
    client = get_client_for_user(user, client_id, permission="clients.manage_clients")
    form = ClientForm(request.POST or None, instance=client, organization=client.organization)
    if request.method == "POST" and form.is_valid():
        actions.update_client(
            client=form.save(commit=False),
            changed_fields=form.changed_data,
            vulnerabilities=list(form.cleaned_data["vulnerabilities"]),
            by=user,
        )
        messages.success(request, _("The client's record has been saved."))
        return redirect("clients:detail", client_id=client.pk)
    return render(request, "clients/form.html", {"form": form, "duplicates": [], "client": client, "household": None})


@login_required
@permission_required("clients.manage_clients", raise_exception=True)
def household(request: HttpRequest, client_id: uuid.UUID) -> HttpResponse:
    """Show a client's household and add the organisation's other clients to it."""
    user = signed_in_user(request)
    client = get_client_for_user(user, client_id, permission="clients.manage_clients")
    candidates = owned_clients(user=user).exclude(pk=client.pk)
    if client.household_id:
        candidates = candidates.exclude(household_id=client.household_id)
    form = HouseholdMemberForm(request.POST or None, candidates=candidates.order_by("family_name", "given_name"))
    if request.method == "POST" and form.is_valid():
        household = client.household
        if household is None:
            household = actions.add_to_household(client=client, relationship=Relationship.REFERENCE, by=user)
        actions.add_to_household(
            client=form.cleaned_data["client"],
            relationship=Relationship(form.cleaned_data["relationship"]),
            household=household,
            by=user,
        )
        messages.success(request, _("The household has been updated."))
        return redirect("clients:household", client_id=client.pk)
    members = list(household_members(household=client.household)) if client.household else []
    return render(request, "clients/household.html", {"client": client, "members": members, "form": form})


@login_required
@require_POST
@permission_required("clients.manage_clients", raise_exception=True)
def household_leave(request: HttpRequest, client_id: uuid.UUID) -> HttpResponse:
    """Take a client out of their household."""
    user = signed_in_user(request)
    client = get_client_for_user(user, client_id, permission="clients.manage_clients")
    back_to = _uuid_or_none(request.POST.get("back_to", ""))
    actions.remove_from_household(client=client, by=user)
    messages.success(request, _("The client is no longer in the household."))
    return redirect("clients:household", client_id=back_to or client.pk)


@login_required
@permission_required("clients.record_consent", raise_exception=True)
def consent_new(request: HttpRequest, client_id: uuid.UUID) -> HttpResponse:
    """Record a client's consent to share data with an organisation for a purpose."""
    user = signed_in_user(request)
    client = get_client_for_user(user, client_id, permission="clients.record_consent")
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        consent = actions.give_consent(
            client=client,
            recipient_organization=data["recipient_organization"],
            service=data["service"],
            purpose=data["purpose"],
            categories=data["categories"],
            given_on=data["given_on"],
            channel=data["channel"],
            witness_name=data["witness_name"],
            by=user,
        )
        messages.success(request, _("The consent has been recorded. Print the form for the client to sign or keep."))
        return redirect(f"{reverse('clients:detail', kwargs={'client_id': client.pk})}#consent-{consent.pk}")
    return render(request, "clients/consent_form.html", {"client": client, "form": form})


@login_required
@permission_required("clients.record_consent", raise_exception=True)
def consent_withdraw(request: HttpRequest, consent_id: uuid.UUID) -> HttpResponse:
    """Withdraw a consent: nothing more is shared under it from now on."""
    user = signed_in_user(request)
    consent = get_consent_for_user(user, consent_id)
    form = WithdrawConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.withdraw_consent(consent=consent, reason=form.cleaned_data["reason"], by=user)
        messages.success(request, _("The consent has been withdrawn. Nothing more is shared under it."))
        return redirect("clients:detail", client_id=consent.client_id)
    return render(
        request, "clients/consent_withdraw.html", {"consent": consent, "client": consent.client, "form": form}
    )


@login_required
@permission_required("clients.record_consent", raise_exception=True)
def consent_print(request: HttpRequest, consent_id: uuid.UUID) -> HttpResponse:
    """Print a consent form in the client's language, filled in with the recipient, purpose and data."""
    user = signed_in_user(request)
    consent = get_consent_for_user(user, consent_id)
    record_access(
        user=user,
        action=AuditAction.PRINT,
        purpose=AuditPurpose.CONSENT,
        obj=consent,
        fields=["given_name", "family_name", "native_given_name", "native_family_name", "birth_date", "consent"],
    )
    language = printout_language(consent.client.preferred_language)
    with translation.override(language):
        response = render(
            request,
            "clients/consent_print.html",
            {
                "consent": consent,
                "client": consent.client,
                "language": language,
                "categories": consent.category_labels,
                "channel": consent.get_channel_display(),
            },
        )
    add_never_cache_headers(response)
    return response


@login_required
@permission_required("clients.view_clients", raise_exception=True)
def expiring(request: HttpRequest) -> HttpResponse:
    """List the organisation's clients whose residence document expires within 60 days (or has expired)."""
    user = signed_in_user(request)
    listed = list(expiring_documents(viewer=user))
    rows = _rows(listed, {})
    if (download := _export(request, rows=rows, columns=EXPIRING_COLUMNS, name="expiring-documents")) is not None:
        return download
    organization = _organization_of(user)
    return render(
        request,
        "clients/expiring.html",
        {
            "clients": listed,
            "days": EXPIRY_WARNING_DAYS,
            "may_export": organization is not None and user.has_perm("clients.export_client_data", organization),
        },
    )


@login_required
@permission_required("clients.view_clients", raise_exception=True)
def reminder(request: HttpRequest, client_id: uuid.UUID) -> HttpResponse:
    """Print a reminder, in the client's language, that their residence document expires and how to extend it."""
    user = signed_in_user(request)
    client = get_client_for_user(user, client_id)
    record_access(
        user=user,
        action=AuditAction.PRINT,
        purpose=AuditPurpose.REMINDER,
        obj=client,
        fields=["given_name", "family_name", "residence_status", "document_type", "document_valid_until"],
    )
    language = printout_language(client.preferred_language)
    with translation.override(language):
        response = render(request, "clients/reminder_print.html", {"client": client, "language": language})
    add_never_cache_headers(response)
    return response


@login_required
@permission_required("clients.export_client_data", raise_exception=True)
def data_export(request: HttpRequest, client_id: uuid.UUID) -> HttpResponse:
    """Show everything held about a client, to print and hand over (their right of access)."""
    user = signed_in_user(request)
    client = get_client_for_user(user, client_id, permission="clients.export_client_data")
    data = client_data(client=client)
    record_access(
        user=user,
        action=AuditAction.PRINT,
        purpose=AuditPurpose.DATA_SUBJECT_REQUEST,
        obj=client,
        fields=[*RECORD_READ_FIELDS, "accesses", "cases", "referrals"],
    )
    response = render(request, "clients/data_print.html", {"client": client, "data": data})
    add_never_cache_headers(response)
    return response


@login_required
@permission_required("clients.export_client_data", raise_exception=True)
def data_export_json(request: HttpRequest, client_id: uuid.UUID) -> HttpResponse:
    """Download everything held about a client as JSON (their right of access and portability)."""
    user = signed_in_user(request)
    client = get_client_for_user(user, client_id, permission="clients.export_client_data")
    data = client_data(client=client)
    record_access(
        user=user,
        action=AuditAction.EXPORT,
        purpose=AuditPurpose.DATA_SUBJECT_REQUEST,
        obj=client,
        fields=[*RECORD_READ_FIELDS, "accesses", "cases", "referrals"],
    )
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    # The file is named by the opaque id only, never by the person's name.
    response["Content-Disposition"] = f'attachment; filename="client-{client.pk}.json"'
    add_never_cache_headers(response)
    return response


@login_required
@permission_required("clients.erase_clients", raise_exception=True)
def erase(request: HttpRequest, client_id: uuid.UUID) -> HttpResponse:
    """Erase a client's personal data at their request, with the reason; statistics and the audit trail stay."""
    user = signed_in_user(request)
    client = get_client_for_user(user, client_id, permission="clients.erase_clients")
    form = EraseClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.erase_client(client=client, reason=form.cleaned_data["reason"], by=user)
        messages.success(request, _("The client's personal data have been erased."))
        return redirect("clients:list")
    return render(request, "clients/erase.html", {"client": client, "form": form})
