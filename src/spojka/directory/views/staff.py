"""The staff side of the directory: lists, a service's page and history, editing, review, capacity."""

import uuid
from typing import Any, Final

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from spojka.accounts.access import signed_in_user
from spojka.accounts.models import User
from spojka.core.exports import Column, export_response, requested_format
from spojka.directory import access, queries
from spojka.directory.actions import capacity as capacity_actions
from spojka.directory.actions import contacts as contact_actions
from spojka.directory.actions import locations as location_actions
from spojka.directory.actions import schedules as schedule_actions
from spojka.directory.actions import services as service_actions
from spojka.directory.actions.taxonomy_edit import save_taxonomy_term
from spojka.directory.enums import ServiceStatus
from spojka.directory.forms import (
    AddCapacityForm,
    CapacityForm,
    ContactForm,
    ExceptionForm,
    IntervalFormSet,
    LocationForm,
    PhoneForm,
    ServiceForm,
    TaxonomyTermForm,
    WithdrawForm,
    interval_initial,
    language_name,
)
from spojka.directory.history import service_history
from spojka.directory.models import Contact, Location, Phone, Service
from spojka.network.models import Organization


def _needs(service: Service) -> str:
    return ", ".join(term.name for term in service.needs.all())


SERVICE_COLUMNS: Final[tuple[Column[Service], ...]] = (
    Column(gettext_lazy("Service"), lambda service: service.name),
    Column(gettext_lazy("Organisation"), lambda service: service.organization.name),
    Column(gettext_lazy("Needs"), _needs),
    Column(gettext_lazy("Status"), lambda service: service.get_status_display()),
    Column(gettext_lazy("E-mail"), lambda service: service.email),
    Column(gettext_lazy("Web page"), lambda service: service.url),
    Column(gettext_lazy("Last reviewed"), lambda service: timezone.localdate(service.reviewed_at)),
    Column(gettext_lazy("To review"), lambda service: service.is_stale),
    Column(
        gettext_lazy("Free places"),
        lambda service: (
            sum(capacity.available for capacity in service.capacities.all()) if service.capacities.all() else None
        ),
    ),
)

LOCATION_COLUMNS: Final[tuple[Column[Location], ...]] = (
    Column(gettext_lazy("Name"), lambda location: location.name),
    Column(gettext_lazy("Organisation"), lambda location: location.organization.name),
    Column(gettext_lazy("Kind of place"), lambda location: location.get_location_type_display()),
    Column(gettext_lazy("Address"), lambda location: location.one_line_address),
    Column(
        gettext_lazy("Municipality"), lambda location: location.municipality.name if location.municipality else None
    ),
    Column(gettext_lazy("Latitude"), lambda location: location.latitude),
    Column(gettext_lazy("Longitude"), lambda location: location.longitude),
    # Annotated by locations_visible_to, which django-stubs cannot see.
    Column(gettext_lazy("Services"), lambda location: location.service_count),  # type: ignore[attr-defined]
)


def _organizations_to_choose(user: User) -> list[Organization] | None:
    """Return the organisations a new record may belong to, or None when it is the user's own only."""
    if user.has_perm("directory.review_stale_services"):  # network-wide: coordinator, administrator
        return list(Organization.objects.filter(is_active=True).order_by("name"))
    return None


def _own_organization(user: User) -> Organization:
    organization = queries.managed_organization(user=user)
    if organization is None:
        raise PermissionDenied
    return organization


# The directory of the whole network.


@login_required
@permission_required("directory.view_services", raise_exception=True)
def services(request: HttpRequest) -> HttpResponse:
    """List every service of the network, filtered by organisation, need, status or staleness; or download it."""
    user = signed_in_user(request)
    organization_id = _uuid_or_none(request.GET.get("organization", ""))
    need_id = _uuid_or_none(request.GET.get("need", ""))
    status = request.GET.get("status", "")
    stale = request.GET.get("stale", "") == "1"
    query = request.GET.get("q", "").strip()[:200]
    listed = queries.services_for_listing(
        user=user, organization_id=organization_id, need_id=need_id, status=status, stale=stale, query=query
    )
    if file_format := requested_format(request):
        return export_response(rows=listed, columns=SERVICE_COLUMNS, name="services", file_format=file_format)
    return render(
        request,
        "directory/staff/services.html",
        {
            "services": listed,
            "filters": {
                "organization_id": str(organization_id or ""),
                "need_id": str(need_id or ""),
                "status": status,
                "stale": stale,
                "query": query,
            },
            "organizations": Organization.objects.filter(services__isnull=False).distinct().order_by("name"),
            "needs": queries.need_terms(),
            "statuses": ServiceStatus.choices,
        },
    )


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


@login_required
@permission_required("directory.view_services", raise_exception=True)
def service_detail(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    """Show a service with the staff's details and its change history."""
    user = signed_in_user(request)
    service = access.get_service_for_viewing(user, service_id)
    may_manage = user.has_perm("directory.manage_services", service.organization)
    history = list(service_history(service_id=service.pk)[:50])
    return render(
        request,
        "directory/staff/service_detail.html",
        {
            "service": service,
            "may_manage": may_manage,
            "history": history,
            "languages": [language_name(language.code) for language in service.languages.all()],
            "regular_hours": [row for row in service.schedules.all() if not row.is_exception],
            "exceptions": [row for row in service.schedules.all() if row.is_exception],
            "capacity_forms": [
                (capacity, CapacityForm(prefix=str(capacity.pk), initial=_capacity_initial(capacity)))
                for capacity in service.capacities.all()
            ]
            if may_manage
            else [],
            "add_capacity_form": AddCapacityForm(prefix="add") if may_manage else None,
            "phone_form": PhoneForm(prefix="phone") if may_manage else None,
            "contact_form": ContactForm(prefix="contact") if may_manage else None,
        },
    )


# An organisation's own services.


@login_required
@permission_required("directory.manage_services", raise_exception=True)
def my_services(request: HttpRequest) -> HttpResponse:
    """List the services of the organisation the user acts for, with their capacity to update in place."""
    user = signed_in_user(request)
    organization = _own_organization(user)
    listed = queries.services_of(organization=organization)
    if file_format := requested_format(request):
        return export_response(rows=listed, columns=SERVICE_COLUMNS, name="our-services", file_format=file_format)
    rows = [
        (
            service,
            [
                (capacity, CapacityForm(prefix=str(capacity.pk), initial=_capacity_initial(capacity)))
                for capacity in service.capacities.all()
            ],
        )
        for service in listed
    ]
    return render(
        request,
        "directory/staff/my_services.html",
        {
            "organization": organization,
            "rows": rows,
            "stale_count": sum(1 for s in listed if s.is_stale and s.status != ServiceStatus.DEFUNCT),
        },
    )


def _capacity_initial(capacity: Any) -> dict[str, Any]:
    return {"available": capacity.available, "maximum": capacity.maximum}


@login_required
@permission_required("directory.manage_services", raise_exception=True)
def service_edit(request: HttpRequest, service_id: uuid.UUID | None = None) -> HttpResponse:
    """Create a service, or edit one of an organisation the user manages."""
    user = signed_in_user(request)
    if service_id is not None:
        service = access.get_service_for_editing(user, service_id)
        organizations = None
    else:
        organizations = _organizations_to_choose(user)
        service = Service(organization=_own_organization(user) if organizations is None else None)
    form = ServiceForm(request.POST or None, instance=service, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        if organizations is not None:
            organization = form.cleaned_data["organization"]
            if not user.has_perm("directory.manage_services", organization):
                raise Http404
            service.organization = organization
        data = form.cleaned_data
        try:
            saved = service_actions.save_service(
                service=form.save(commit=False),
                texts=form.texts(),
                needs=data["needs"],
                residence_statuses=data["residence_statuses"],
                areas=data["areas"],
                languages=data["languages"],
                locations=data.get("locations"),
                by=user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The service has been saved."))
            return redirect("directory:service", service_id=saved.pk)
    return render(request, "directory/staff/service_form.html", {"form": form, "service": service})


@login_required
@permission_required("directory.manage_services", raise_exception=True)
def service_withdraw(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    """Withdraw a service (inactive, temporarily closed, discontinued), reactivate it, or delete it."""
    user = signed_in_user(request)
    service = access.get_service_for_editing(user, service_id)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST":
        if "delete" in request.POST:
            service_actions.delete_service(service=service, by=user)
            messages.success(request, _("The service has been deleted."))
            return redirect(
                "directory:my_services" if queries.managed_organization(user=user) else "directory:services"
            )
        if "reactivate" in request.POST:
            service_actions.set_service_status(service=service, status=ServiceStatus.ACTIVE, by=user)
            messages.success(request, _("The service is active again."))
            return redirect("directory:service", service_id=service.pk)
        if form.is_valid():
            service_actions.set_service_status(
                service=service, status=ServiceStatus(form.cleaned_data["status"]), by=user
            )
            messages.success(request, _("The service has been withdrawn."))
            return redirect("directory:service", service_id=service.pk)
    return render(request, "directory/staff/service_withdraw.html", {"form": form, "service": service})


@login_required
@require_POST
@permission_required("directory.manage_services", raise_exception=True)
def service_reviewed(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    """Confirm that a service's details are still right."""
    user = signed_in_user(request)
    service = access.get_service_for_editing(user, service_id)
    service_actions.mark_service_reviewed(service=service, by=user)
    messages.success(request, _("The service is marked as reviewed."))
    next_page = request.POST.get("next", "")
    if next_page == "review":
        return redirect("directory:review")
    return redirect("directory:service", service_id=service.pk)


# Opening hours.


def _hours_page(
    request: HttpRequest, *, user: User, service: Service | None = None, location: Location | None = None
) -> HttpResponse:
    owner: Service | Location = service if service is not None else location  # type: ignore[assignment]  # one is given
    rows = list(owner.schedules.all())
    formset = IntervalFormSet(request.POST or None, initial=interval_initial(rows), prefix="hours")
    exception_form = ExceptionForm(prefix="exception")
    back = (
        redirect("directory:service", service_id=owner.pk) if service is not None else redirect("directory:locations")
    )
    if request.method == "POST" and "add_exception" in request.POST:
        formset = IntervalFormSet(initial=interval_initial(rows), prefix="hours")
        exception_form = ExceptionForm(request.POST, prefix="exception")
        if exception_form.is_valid():
            data = exception_form.cleaned_data
            try:
                schedule_actions.add_exception(
                    valid_from=data["valid_from"],
                    valid_to=data["valid_to"],
                    opens_at=data["opens_at"],
                    closes_at=data["closes_at"],
                    note=data["note"],
                    service=service,
                    location=location,
                    by=user,
                )
            except ValidationError as error:
                exception_form.add_error(None, error)
            else:
                messages.success(request, _("The exception to the opening hours has been added."))
                return redirect(request.path)
    elif request.method == "POST" and formset.is_valid():
        try:
            schedule_actions.set_opening_hours(
                intervals=formset.intervals(), service=service, location=location, by=user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The opening hours have been saved."))
            return back
    return render(
        request,
        "directory/staff/hours.html",
        {
            "owner": owner,
            "service": service,
            "location": location,
            "formset": formset,
            "exception_form": exception_form,
            "exceptions": [row for row in rows if row.is_exception],
        },
    )


@login_required
@permission_required("directory.manage_services", raise_exception=True)
def service_hours(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    """Edit a service's weekly opening hours and its closures."""
    user = signed_in_user(request)
    return _hours_page(request, user=user, service=access.get_service_for_editing(user, service_id))


@login_required
@permission_required("directory.manage_services", raise_exception=True)
def location_hours(request: HttpRequest, location_id: uuid.UUID) -> HttpResponse:
    """Edit a location's weekly opening hours and its closures."""
    user = signed_in_user(request)
    return _hours_page(request, user=user, location=access.get_location_for_editing(user, location_id))


@login_required
@require_POST
@permission_required("directory.manage_services", raise_exception=True)
def exception_remove(request: HttpRequest, schedule_id: uuid.UUID) -> HttpResponse:
    """Remove a closure or special hours."""
    user = signed_in_user(request)
    exception = access.get_exception_for_editing(user, schedule_id)
    service_id, location_id = exception.service_id, exception.location_id
    schedule_actions.remove_exception(exception=exception, by=user)
    messages.success(request, _("The exception to the opening hours has been removed."))
    if service_id:
        return redirect("directory:service_hours", service_id=service_id)
    return redirect("directory:location_hours", location_id=location_id)


# Capacity.


@login_required
@require_POST
@permission_required("directory.manage_services", raise_exception=True)
def capacity_update(request: HttpRequest, capacity_id: uuid.UUID) -> HttpResponse:
    """Save the free and total places of a service: the list row's form (by htmx, or a plain post)."""
    user = signed_in_user(request)
    capacity = access.get_capacity_for_editing(user, capacity_id)
    form = CapacityForm(request.POST, prefix=str(capacity.pk))
    saved = False
    if form.is_valid():
        try:
            capacity_actions.update_capacity(
                capacity=capacity,
                available=form.cleaned_data["available"],
                maximum=form.cleaned_data["maximum"],
                by=user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            saved = True
    if getattr(request, "htmx", False):
        if saved:
            capacity.refresh_from_db()
            form = CapacityForm(prefix=str(capacity.pk), initial=_capacity_initial(capacity))
        return render(
            request,
            "directory/staff/_capacity_form.html",
            {"capacity": capacity, "form": form, "saved": saved, "next": _back(request, "directory:my_services")},
        )
    if saved:
        messages.success(
            request,
            _("Capacity of %(service)s saved: %(available)s free.")
            % {"service": capacity.service.name, "available": capacity.available},
        )
    else:
        messages.error(request, " ".join(_error_messages(form)))
    return redirect(_back(request, "directory:my_services"))


def _error_messages(form: Any) -> list[str]:
    return [str(message) for errors in form.errors.values() for message in errors]


def _back(request: HttpRequest, default: str) -> str:
    """Return where a form posted from a list goes back to: the page it came from, if ours."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse(default)


@login_required
@require_POST
@permission_required("directory.manage_services", raise_exception=True)
def capacity_add(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    """Start counting a service's places in a unit."""
    user = signed_in_user(request)
    service = access.get_service_for_editing(user, service_id)
    form = AddCapacityForm(request.POST, prefix="add")
    if form.is_valid():
        capacity_actions.add_capacity(
            service=service,
            unit=form.cleaned_data["unit"],
            available=form.cleaned_data["available"],
            maximum=form.cleaned_data["maximum"],
            by=user,
        )
        messages.success(request, _("The capacity has been saved."))
    else:
        messages.error(request, " ".join(_error_messages(form)))
    return redirect("directory:service", service_id=service.pk)


@login_required
@require_POST
@permission_required("directory.manage_services", raise_exception=True)
def capacity_remove(request: HttpRequest, capacity_id: uuid.UUID) -> HttpResponse:
    """Stop counting a service's places in a unit."""
    user = signed_in_user(request)
    capacity = access.get_capacity_for_editing(user, capacity_id)
    service_id = capacity.service_id
    capacity_actions.remove_capacity(capacity=capacity, by=user)
    messages.success(request, _("The capacity has been removed."))
    return redirect("directory:service", service_id=service_id)


# Phones and contact people of a service.


@login_required
@require_POST
@permission_required("directory.manage_services", raise_exception=True)
def phone_add(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    """Add a phone number to a service; an invalid number is refused with a clear message."""
    user = signed_in_user(request)
    service = access.get_service_for_editing(user, service_id)
    form = PhoneForm(request.POST, prefix="phone")
    if form.is_valid():
        data = form.cleaned_data
        contact_actions.save_phone(
            phone=Phone(service=service, number=data["number"], type=data["type"], description=data["description"]),
            by=user,
        )
        messages.success(request, _("The phone number has been added."))
    else:
        messages.error(request, " ".join(_error_messages(form)))
    return redirect("directory:service", service_id=service.pk)


@login_required
@require_POST
@permission_required("directory.manage_services", raise_exception=True)
def phone_remove(request: HttpRequest, phone_id: uuid.UUID) -> HttpResponse:
    """Remove a phone number of a service."""
    user = signed_in_user(request)
    phone = access.get_phone_for_editing(user, phone_id)
    service_id = phone.service_id
    contact_actions.delete_phone(phone=phone, by=user)
    messages.success(request, _("The phone number has been removed."))
    return redirect("directory:service", service_id=service_id) if service_id else redirect("directory:locations")


@login_required
@require_POST
@permission_required("directory.manage_services", raise_exception=True)
def contact_add(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    """Add a contact person to a service."""
    user = signed_in_user(request)
    service = access.get_service_for_editing(user, service_id)
    form = ContactForm(request.POST, prefix="contact", instance=Contact(service=service))
    if form.is_valid():
        contact_actions.save_contact(contact=form.save(commit=False), by=user)
        messages.success(request, _("The contact person has been added."))
    else:
        messages.error(request, " ".join(_error_messages(form)))
    return redirect("directory:service", service_id=service.pk)


@login_required
@require_POST
@permission_required("directory.manage_services", raise_exception=True)
def contact_remove(request: HttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    """Remove a contact person of a service."""
    user = signed_in_user(request)
    contact = access.get_contact_for_editing(user, contact_id)
    service_id = contact.service_id
    contact_actions.delete_contact(contact=contact, by=user)
    messages.success(request, _("The contact person has been removed."))
    return redirect("directory:service", service_id=service_id) if service_id else redirect("directory:locations")


# Locations.


@login_required
@permission_required("directory.view_services", raise_exception=True)
def locations(request: HttpRequest) -> HttpResponse:
    """List the places of the network where services are given; or download the list."""
    user = signed_in_user(request)
    own = queries.managed_organization(user=user)
    organization_id = _uuid_or_none(request.GET.get("organization", ""))
    if "organization" not in request.GET and own is not None:
        organization_id = own.pk
    listed = queries.locations_visible_to(user=user, organization_id=organization_id)
    if file_format := requested_format(request):
        return export_response(rows=listed, columns=LOCATION_COLUMNS, name="locations", file_format=file_format)
    return render(
        request,
        "directory/staff/locations.html",
        {
            "locations": listed,
            "organization_id": str(organization_id or ""),
            "own_organization_id": own.pk if own is not None else None,
            "network_wide": user.has_perm("directory.review_stale_services"),
            "organizations": Organization.objects.filter(locations__isnull=False).distinct().order_by("name"),
        },
    )


@login_required
@permission_required("directory.manage_services", raise_exception=True)
def location_edit(request: HttpRequest, location_id: uuid.UUID | None = None) -> HttpResponse:
    """Add a place of the organisation, or edit one."""
    user = signed_in_user(request)
    if location_id is not None:
        location = access.get_location_for_editing(user, location_id)
        organizations = None
    else:
        organizations = _organizations_to_choose(user)
        location = Location(organization=_own_organization(user) if organizations is None else None)
    form = LocationForm(request.POST or None, instance=location, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        if organizations is not None:
            organization = form.cleaned_data["organization"]
            if not user.has_perm("directory.manage_services", organization):
                raise Http404
            location.organization = organization
        try:
            with transaction.atomic():
                saved = location_actions.save_location(location=form.save(commit=False), texts=form.texts(), by=user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The place has been saved."))
            return redirect(f"{reverse('directory:locations')}?organization={saved.organization_id}")
    return render(request, "directory/staff/location_form.html", {"form": form, "location": location})


# Services to review.


@login_required
@permission_required("directory.manage_services", raise_exception=True)
def review(request: HttpRequest) -> HttpResponse:
    """List the services nobody has reviewed for six months: the organisation's own, or the whole network's."""
    user = signed_in_user(request)
    stale = queries.stale_services(viewer=user)
    if file_format := requested_format(request):
        return export_response(rows=stale, columns=SERVICE_COLUMNS, name="services-to-review", file_format=file_format)
    network_wide = user.has_perm("directory.review_stale_services")
    return render(
        request,
        "directory/staff/review.html",
        {
            "services": stale,
            "network_wide": network_wide,
            "counts": queries.stale_counts_by_organization() if network_wide else [],
        },
    )


@login_required
@permission_required("directory.review_stale_services", raise_exception=True)
def review_organization(request: HttpRequest, organization_id: uuid.UUID) -> HttpResponse:
    """List one organisation's services that nobody has reviewed for six months (for the coordinator)."""
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        raise Http404
    stale = queries.stale_services(viewer=signed_in_user(request)).filter(organization=organization)
    return render(
        request,
        "directory/staff/review.html",
        {"services": stale, "network_wide": False, "organization": organization, "counts": []},
    )


# The taxonomy of needs.


@login_required
@permission_required("directory.manage_taxonomy", raise_exception=True)
def taxonomy(request: HttpRequest) -> HttpResponse:
    """List the needs with their labels in every language and their search synonyms."""
    return render(
        request,
        "directory/staff/taxonomy.html",
        {
            "taxonomies": queries.taxonomies_with_terms(),
            "languages": [(code, language_name(code)) for code, _name in settings.LANGUAGES],
            "synonym_languages": [(code, language_name(code)) for code in ("cs", "uk", "ru", "en")],
        },
    )


@login_required
@permission_required("directory.manage_taxonomy", raise_exception=True)
def taxonomy_term_edit(request: HttpRequest, term_id: uuid.UUID) -> HttpResponse:
    """Edit a need's labels and search synonyms."""
    user = signed_in_user(request)
    term = access.get_term_for_editing(user, term_id)
    form = TaxonomyTermForm(request.POST or None, term=term)
    if request.method == "POST" and form.is_valid():
        save_taxonomy_term(term=term, labels=form.labels(), synonyms=form.synonyms(), by=user)
        messages.success(request, _("The need has been saved."))
        return redirect("directory:taxonomy")
    return render(request, "directory/staff/taxonomy_term_form.html", {"form": form, "term": term})
