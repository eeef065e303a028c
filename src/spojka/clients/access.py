"""The only door to one client's record: "not found" for missing and forbidden alike.

Two doors, so that a page cannot show a shared client by mistake:
- `get_client_for_user` opens only the user's own organisation's clients (every page that
  changes, prints for, exports or erases a client, and any page that shows the whole record);
- `get_client_view_for_user` also opens another organisation's client that a referral shared,
  with the `SharedView` saying which kinds of data the page may show.
"""

import uuid
from typing import TYPE_CHECKING

from django.http import Http404

from spojka.clients.models import Client, Consent, Household
from spojka.clients.queries import client_for_record, clients_visible_to
from spojka.network.rules import active_membership

if TYPE_CHECKING:
    from spojka.referrals.queries import SharedView


def get_client_for_user(user: object, client_id: uuid.UUID, *, permission: str = "clients.view_clients") -> Client:
    """Return a client of the user's own organisation they hold the permission on, else raise 404.

    A client another organisation shared through a referral is not found here, whatever the
    permission: use `get_client_view_for_user` for the one page that shows it (the record).
    """
    membership = active_membership(user)
    if membership is None:
        raise Http404
    client = (
        client_for_record(clients_visible_to(user))
        .filter(pk=client_id, organization_id=membership.organization_id)
        .first()
    )
    if client is None or not user.has_perm(permission, client.organization):  # type: ignore[attr-defined]  # a User
        raise Http404
    return client


def get_client_view_for_user(user: object, client_id: uuid.UUID) -> "tuple[Client, SharedView]":
    """Return a client the user may see, with what of them they may see, else raise 404.

    The user's own organisation's client is seen whole. Another organisation's client is seen
    only while a referral shares some kinds of data under a standing consent; after a
    withdrawal nothing is left and the record is not found, as if it never existed.
    """
    # Imported here, not at the top: referrals builds on clients (imports its models and queries
    # at load time); a module-level import back would make the two apps import each other.
    from spojka.referrals.queries import client_shared_view

    client = client_for_record(clients_visible_to(user)).filter(pk=client_id).first()
    if client is None or not user.has_perm("clients.view_clients", client.organization):  # type: ignore[attr-defined]  # a User
        raise Http404
    view = client_shared_view(viewer=user, client=client)
    if view.nothing:
        raise Http404
    return client, view


def get_consent_for_user(user: object, consent_id: uuid.UUID, *, permission: str = "clients.record_consent") -> Consent:
    """Return a consent of an own client the user may act on with the permission, else raise 404."""
    consent = (
        Consent.objects.select_related("client", "recipient_organization", "service", "recorded_by", "withdrawn_by")
        .filter(pk=consent_id)
        .first()
    )
    if consent is None:
        raise Http404
    get_client_for_user(user, consent.client_id, permission=permission)
    return consent


def get_household_for_user(user: object, household_id: uuid.UUID) -> Household:
    """Return a household of the user's own organisation they may manage, else raise 404."""
    membership = active_membership(user)
    household = Household.objects.filter(pk=household_id).first()
    if (
        household is None
        or membership is None
        or household.organization_id != membership.organization_id
        or not user.has_perm("clients.manage_clients")  # type: ignore[attr-defined]  # a User
    ):
        raise Http404
    return household
