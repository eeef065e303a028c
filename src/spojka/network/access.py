"""The only doors to a single organisation's records: "not found" for missing and forbidden alike."""

import uuid

from django.http import Http404

from spojka.accounts.models import User
from spojka.network.models import Membership, Organization


def get_organization_for_user(user: User, organization_id: uuid.UUID, *, permission: str) -> Organization:
    """Return the organisation if the user holds the permission for it, else raise 404."""
    organization = Organization.objects.select_related("municipality", "parent").filter(pk=organization_id).first()
    if organization is None or not user.has_perm(permission, organization):
        raise Http404
    return organization


def get_membership_for_manager(user: User, membership_id: uuid.UUID) -> Membership:
    """Return a membership of an organisation whose staff the user manages, else raise 404."""
    membership = Membership.objects.select_related("user", "organization").filter(pk=membership_id).first()
    if membership is None or not user.has_perm("network.manage_staff", membership.organization):
        raise Http404
    return membership
