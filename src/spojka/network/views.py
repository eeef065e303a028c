"""Organisation and staff pages of the workspace."""

import uuid
from typing import Final

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from spojka.accounts.access import signed_in_user
from spojka.core.exports import Column, export_response, requested_format
from spojka.network import actions
from spojka.network.access import get_membership_for_manager, get_organization_for_user
from spojka.network.enums import Role, Sector
from spojka.network.forms import InviteForm, OrganizationForm
from spojka.network.models import Membership, Organization
from spojka.network.queries import organizations_for_listing, staff_of
from spojka.network.rules import DESCRIPTIONS, MATRIX, active_membership, assignable_roles

# The columns of the exported lists: what the page shows, and the public facts behind it.
ORGANIZATION_COLUMNS: Final[tuple[Column[Organization], ...]] = (
    Column(gettext_lazy("Name"), lambda organization: organization.name),
    Column(capfirst(gettext_lazy("short name")), lambda organization: organization.short_name),
    Column(gettext_lazy("Sector"), lambda organization: organization.get_sector_display()),
    Column(gettext_lazy("Identification number"), lambda organization: organization.identifier),
    Column(
        gettext_lazy("Municipality"),
        lambda organization: organization.municipality.name if organization.municipality else None,
    ),
    Column(gettext_lazy("Part of"), lambda organization: organization.parent.name if organization.parent else None),
    Column(gettext_lazy("Address"), lambda organization: organization.address),
    Column(gettext_lazy("Phone"), lambda organization: organization.phone),
    Column(gettext_lazy("E-mail"), lambda organization: organization.email),
    Column(gettext_lazy("Website"), lambda organization: organization.website),
    Column(capfirst(gettext_lazy("active")), lambda organization: organization.is_active),
    # Annotated by organizations_for_listing, which django-stubs cannot see.
    Column(gettext_lazy("Staff"), lambda organization: organization.staff_count),  # type: ignore[attr-defined]
)

STAFF_COLUMNS: Final[tuple[Column[Membership], ...]] = (
    Column(pgettext_lazy("person", "Name"), lambda membership: membership.user.get_full_name()),
    Column(gettext_lazy("Job title"), lambda membership: membership.title),
    Column(gettext_lazy("E-mail"), lambda membership: membership.user.email),
    Column(gettext_lazy("Role"), lambda membership: membership.get_role_display()),
    Column(capfirst(gettext_lazy("active")), lambda membership: membership.is_active),
    Column(gettext_lazy("Invitation pending"), lambda membership: membership.awaits_first_sign_in),
    Column(capfirst(gettext_lazy("created")), lambda membership: timezone.localdate(membership.created_at)),
    Column(
        capfirst(gettext_lazy("deactivated")),
        lambda membership: timezone.localdate(membership.deactivated_at) if membership.deactivated_at else None,
    ),
    Column(
        capfirst(gettext_lazy("invited by")),
        lambda membership: membership.invited_by.get_full_name() if membership.invited_by else None,
    ),
)


@login_required
@permission_required("network.view_organizations", raise_exception=True)
def organizations(request: HttpRequest) -> HttpResponse:
    """List the organisations of the network, filtered by sector or a search; or download the list."""
    sector = request.GET.get("sector", "")
    query = request.GET.get("q", "").strip()
    listed = organizations_for_listing(sector=sector, query=query)
    if file_format := requested_format(request):
        return export_response(rows=listed, columns=ORGANIZATION_COLUMNS, name="organizations", file_format=file_format)
    return render(
        request,
        "network/organizations.html",
        {
            "organizations": listed,
            "sectors": Sector.choices,
            "sector": sector,
            "query": query,
        },
    )


@login_required
@permission_required("network.view_organizations", raise_exception=True)
def organization_detail(request: HttpRequest, organization_id: uuid.UUID) -> HttpResponse:
    """Show an organisation's public facts (and, to those who manage it, a link to its staff)."""
    organization = get_organization_for_user(
        signed_in_user(request), organization_id, permission="network.view_organizations"
    )
    return render(
        request,
        "network/organization_detail.html",
        {
            "organization": organization,
            "may_manage_staff": request.user.has_perm("network.manage_staff", organization),
            "children": organization.children.filter(is_active=True).order_by("name"),
        },
    )


@login_required
@permission_required("network.manage_organizations", raise_exception=True)
def organization_edit(request: HttpRequest, organization_id: uuid.UUID | None = None) -> HttpResponse:
    """Add an organisation to the network, or correct one."""
    organization = (
        get_organization_for_user(signed_in_user(request), organization_id, permission="network.manage_organizations")
        if organization_id
        else Organization()
    )
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        saved = actions.save_organization(organization=form.save(commit=False), by=signed_in_user(request))
        messages.success(request, _("The organisation has been saved."))
        return redirect("network:organization", organization_id=saved.pk)
    return render(request, "network/organization_form.html", {"form": form, "organization": organization})


@login_required
def my_staff(request: HttpRequest) -> HttpResponse:
    """Open the staff page of the organisation the user acts for."""
    membership = active_membership(request.user)
    if membership is None or not request.user.has_perm("network.manage_staff", membership.organization):
        raise PermissionDenied
    return redirect("network:organization_staff", organization_id=membership.organization_id)


@login_required
@permission_required("network.manage_staff", raise_exception=True)
def organization_staff(request: HttpRequest, organization_id: uuid.UUID) -> HttpResponse:
    """List the organisation's staff with their roles, and let the manager change them; or download the list."""
    organization = get_organization_for_user(
        signed_in_user(request), organization_id, permission="network.manage_staff"
    )
    staff = staff_of(organization=organization)
    if file_format := requested_format(request):
        return export_response(rows=staff, columns=STAFF_COLUMNS, name="staff", file_format=file_format)
    return render(request, "network/staff.html", {"organization": organization, "staff": staff})


@login_required
@permission_required("network.manage_staff", raise_exception=True)
def invite(request: HttpRequest, organization_id: uuid.UUID) -> HttpResponse:
    """Invite a person into the organisation with a role; they get an e-mail to set a password."""
    user = signed_in_user(request)
    organization = get_organization_for_user(user, organization_id, permission="network.manage_staff")
    form = InviteForm(request.POST or None, roles=assignable_roles(user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.invite_staff(
            organization=organization,
            email=data["email"],
            full_name=data["full_name"],
            role=Role(data["role"]),
            title=data["title"],
            language=data["language"],
            by=user,
        )
        messages.success(
            request,
            _("%(name)s has been invited. The invitation is on its way by e-mail.") % {"name": data["full_name"]},
        )
        return redirect("network:organization_staff", organization_id=organization.pk)
    return render(request, "network/invite.html", {"form": form, "organization": organization})


@login_required
@require_POST
def deactivate(request: HttpRequest, membership_id: uuid.UUID) -> HttpResponse:
    """End a person's role in the organisation."""
    user = signed_in_user(request)
    membership = get_membership_for_manager(user, membership_id)
    if membership.user_id == user.pk:
        messages.error(request, _("You cannot deactivate your own role. Ask another manager."))
    else:
        actions.deactivate_membership(membership=membership, by=user)
        messages.success(
            request,
            _("%(name)s can no longer act for the organisation.") % {"name": membership.user},
        )
    return redirect("network:organization_staff", organization_id=membership.organization_id)


@login_required
@require_POST
def reactivate(request: HttpRequest, membership_id: uuid.UUID) -> HttpResponse:
    """Give a deactivated person their role back."""
    user = signed_in_user(request)
    membership = get_membership_for_manager(user, membership_id)
    actions.reactivate_membership(membership=membership, by=user)
    messages.success(request, _("%(name)s can act for the organisation again.") % {"name": membership.user})
    return redirect("network:organization_staff", organization_id=membership.organization_id)


@login_required
@require_POST
def resend_invitation(request: HttpRequest, membership_id: uuid.UUID) -> HttpResponse:
    """Send the invitation again to a person who has not signed in yet."""
    user = signed_in_user(request)
    membership = get_membership_for_manager(user, membership_id)
    if membership.awaits_first_sign_in:
        actions.resend_invitation(membership=membership, by=user)
        messages.success(request, _("The invitation to %(name)s is on its way again.") % {"name": membership.user})
    else:
        messages.error(
            request, _("%(name)s has signed in already; there is no invitation to send.") % {"name": membership.user}
        )
    return redirect("network:organization_staff", organization_id=membership.organization_id)


@login_required
@permission_required("network.view_roles", raise_exception=True)
def roles(request: HttpRequest) -> HttpResponse:
    """Show the permission matrix: what each role may do."""
    rows = [(DESCRIPTIONS[permission], [role in holders for role in Role]) for permission, holders in MATRIX.items()]
    return render(request, "network/roles.html", {"roles": list(Role), "rows": rows})
