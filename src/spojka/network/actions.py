"""Every change to the network goes through one of these functions."""

import structlog
from django.db import transaction
from django.utils import timezone

from spojka.accounts.models import User
from spojka.network.enums import Role
from spojka.network.models import Membership, Organization
from spojka.network.tasks import send_invitation

log = structlog.get_logger(__name__)


@transaction.atomic
def invite_staff(
    *,
    organization: Organization,
    email: str,
    full_name: str,
    role: Role,
    title: str,
    language: str,
    by: User,
) -> Membership:
    """Give a person a role in the organisation and e-mail them a link to set their password.

    A person who already has an account (in another organisation, say) keeps it and gains the
    membership; a deactivated membership with the same role is reactivated.
    """
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email, full_name=full_name, preferred_language=language)
    elif not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    membership, created = Membership.objects.get_or_create(
        user=user,
        organization=organization,
        role=role,
        defaults={"title": title, "invited_by": by},
    )
    if not created:
        membership.is_active = True
        membership.deactivated_at = None
        membership.title = title or membership.title
        membership.save(update_fields=["is_active", "deactivated_at", "title"])
    log.info("staff_invited", membership=str(membership.pk), organization=str(organization.pk), by=by.pk)
    membership_id = str(membership.pk)
    transaction.on_commit(lambda: send_invitation.enqueue(membership_id))
    return membership


def resend_invitation(*, membership: Membership, by: User) -> None:
    """E-mail the invitation again (with a fresh link) to a person who has not signed in yet."""
    if not membership.awaits_first_sign_in:
        raise ValueError("only a pending invitation can be sent again")
    log.info("invitation_resent", membership=str(membership.pk), by=by.pk)
    membership_id = str(membership.pk)
    transaction.on_commit(lambda: send_invitation.enqueue(membership_id))


@transaction.atomic
def deactivate_membership(*, membership: Membership, by: User) -> None:
    """End a person's role in the organisation; with no other role left they can no longer log in."""
    membership.is_active = False
    membership.deactivated_at = timezone.now()
    membership.save(update_fields=["is_active", "deactivated_at"])
    user = membership.user
    if not user.memberships.filter(is_active=True).exists() and not user.is_superuser:
        user.is_active = False
        user.save(update_fields=["is_active"])
    log.info("membership_deactivated", membership=str(membership.pk), by=by.pk)


@transaction.atomic
def reactivate_membership(*, membership: Membership, by: User) -> None:
    """Give a deactivated person their role back."""
    membership.is_active = True
    membership.deactivated_at = None
    membership.save(update_fields=["is_active", "deactivated_at"])
    if not membership.user.is_active:
        membership.user.is_active = True
        membership.user.save(update_fields=["is_active"])
    log.info("membership_reactivated", membership=str(membership.pk), by=by.pk)


@transaction.atomic
def save_organization(*, organization: Organization, by: User) -> Organization:
    """Record a new or edited organisation of the network."""
    is_new = organization._state.adding
    organization.full_clean()
    organization.save()
    log.info("organization_saved", organization=str(organization.pk), created=is_new, by=by.pk)
    return organization
