"""The only doors to one site, station, visit or step: "not found" for missing and forbidden alike."""

import uuid

from django.http import Http404

from spojka.accounts.models import User
from spojka.desk.models import Site, Station, Step, Visit
from spojka.desk.queries import NETWORK_WIDE_ROLES, sites_receiving, sites_visible_to, stations_served_by
from spojka.network.rules import active_membership


def get_site_for_user(user: User, site_id: uuid.UUID, *, permission: str) -> Site:
    """Return a site the user takes part in if they hold the permission, else raise 404."""
    if not user.has_perm(permission):
        raise Http404
    site = sites_visible_to(user=user).filter(pk=site_id).first()
    if site is None:
        raise Http404
    return site


def get_site_for_reception(user: User, site_id: uuid.UUID) -> Site:
    """Return a site where the user may issue tickets, else raise 404."""
    if not user.has_perm("desk.receive_visitors"):
        raise Http404
    site = sites_receiving(user=user).filter(pk=site_id).first()
    if site is None:
        raise Http404
    return site


def get_public_site(site_id: uuid.UUID) -> Site:
    """Return an active site for its public display (no login: it shows no personal data)."""
    site = Site.objects.filter(pk=site_id, is_active=True).first()
    if site is None:
        raise Http404
    return site


def get_station_for_operator(user: User, station_id: uuid.UUID) -> Station:
    """Return a station the user is assigned to serve, else raise 404."""
    if not user.has_perm("desk.serve_station"):
        raise Http404
    station = stations_served_by(user=user).filter(pk=station_id).first()
    if station is None:
        raise Http404
    return station


def get_step_for_operator(user: User, step_id: uuid.UUID) -> Step:
    """Return a step at a station the user serves, else raise 404."""
    if not user.has_perm("desk.serve_station"):
        raise Http404
    step = (
        Step.objects.select_related("visit", "station__site")
        .filter(pk=step_id, station__in=stations_served_by(user=user))
        .first()
    )
    if step is None:
        raise Http404
    return step


def get_visit_for_reception(user: User, visit_id: uuid.UUID) -> Visit:
    """Return a visit of a site where the user issues tickets, else raise 404."""
    if not user.has_perm("desk.receive_visitors"):
        raise Http404
    visit = Visit.objects.select_related("site").filter(pk=visit_id, site__in=sites_receiving(user=user)).first()
    if visit is None:
        raise Http404
    return visit


def get_station_for_manager(user: User, station_id: uuid.UUID) -> Station:
    """Return a station whose operators the user manages, else raise 404.

    Managers manage the stations their organisation runs; administrators and coordinators any.
    """
    membership = active_membership(user)
    if membership is None or not user.has_perm("desk.manage_operators"):
        raise Http404
    stations = Station.objects.select_related("site__organization", "organization")
    if membership.role not in NETWORK_WIDE_ROLES:
        stations = stations.filter(organization_id=membership.organization_id)
    station = stations.filter(pk=station_id).first()
    if station is None:
        raise Http404
    return station
