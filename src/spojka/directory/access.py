"""The only doors to single directory records: "not found" for missing and forbidden alike."""

import uuid

from django.http import Http404

from spojka.accounts.models import User
from spojka.directory.models import Contact, Location, Phone, Schedule, Service, ServiceCapacity, TaxonomyTerm
from spojka.directory.queries import service_for_detail


def get_service_for_viewing(user: User, service_id: uuid.UUID) -> Service:
    """Return a service with its details if the user may browse the directory, else raise 404."""
    if not user.has_perm("directory.view_services"):
        raise Http404
    service = service_for_detail(service_id=service_id)
    if service is None:
        raise Http404
    return service


def get_service_for_editing(user: User, service_id: uuid.UUID) -> Service:
    """Return a service if the user may manage its organisation's services, else raise 404."""
    service = Service.objects.select_related("organization").filter(pk=service_id).first()
    if service is None or not user.has_perm("directory.manage_services", service.organization):
        raise Http404
    return service


def get_location_for_editing(user: User, location_id: uuid.UUID) -> Location:
    """Return a location if the user may manage its organisation's services, else raise 404."""
    location = Location.objects.select_related("organization", "municipality").filter(pk=location_id).first()
    if location is None or not user.has_perm("directory.manage_services", location.organization):
        raise Http404
    return location


def get_capacity_for_editing(user: User, capacity_id: uuid.UUID) -> ServiceCapacity:
    """Return a service's capacity if the user may manage the service, else raise 404."""
    capacity = ServiceCapacity.objects.select_related("service__organization", "unit").filter(pk=capacity_id).first()
    if capacity is None or not user.has_perm("directory.manage_services", capacity.service.organization):
        raise Http404
    return capacity


def get_exception_for_editing(user: User, schedule_id: uuid.UUID) -> Schedule:
    """Return an exception to opening hours if the user may manage its owner, else raise 404."""
    schedule = (
        Schedule.objects.select_related("service__organization", "location__organization")
        .filter(pk=schedule_id, is_exception=True)
        .first()
    )
    owner = schedule.service or schedule.location if schedule is not None else None
    if schedule is None or owner is None or not user.has_perm("directory.manage_services", owner.organization):
        raise Http404
    return schedule


def get_phone_for_editing(user: User, phone_id: uuid.UUID) -> Phone:
    """Return a service's or location's phone if the user may manage it, else raise 404."""
    phone = Phone.objects.select_related("service__organization", "location__organization").filter(pk=phone_id).first()
    owner = (phone.service or phone.location) if phone is not None else None
    if phone is None or owner is None or not user.has_perm("directory.manage_services", owner.organization):
        raise Http404
    return phone


def get_contact_for_editing(user: User, contact_id: uuid.UUID) -> Contact:
    """Return a contact person if the user may manage their service or location, else raise 404."""
    contact = (
        Contact.objects.select_related("service__organization", "location__organization").filter(pk=contact_id).first()
    )
    owner = (contact.service or contact.location) if contact is not None else None
    if contact is None or owner is None or not user.has_perm("directory.manage_services", owner.organization):
        raise Http404
    return contact


def get_term_for_editing(user: User, term_id: uuid.UUID) -> TaxonomyTerm:
    """Return a taxonomy term if the user may edit the taxonomy, else raise 404."""
    term = TaxonomyTerm.objects.select_related("taxonomy").filter(pk=term_id).first()
    if term is None or not user.has_perm("directory.manage_taxonomy"):
        raise Http404
    return term
