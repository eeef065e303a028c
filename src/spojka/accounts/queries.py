"""Reads about accounts with business meaning: whether two-factor sign-in is on, needed, pending."""

from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from spojka.accounts.models import User
from spojka.network.rules import role_of


def has_two_factor(*, user: User) -> bool:
    """Tell whether the user has a confirmed device, so that signing in asks for a code."""
    # One query for both kinds of device: the middleware asks on every workspace request.
    confirmed = {"user": OuterRef("pk"), "confirmed": True}
    return (
        User.objects.filter(pk=user.pk)
        .filter(Exists(TOTPDevice.objects.filter(**confirmed)) | Exists(StaticDevice.objects.filter(**confirmed)))
        .exists()
    )


def pending_totp_device(*, user: User) -> Any:
    """Return the authenticator being set up (created, not yet confirmed with a code), or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def backup_codes_left(*, user: User) -> int:
    """Return how many unused backup codes the user has."""
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def requires_two_factor(*, user: User) -> bool:
    """Tell whether the role the user acts in may use the workspace only with two-factor sign-in."""
    role = role_of(user)
    return role is not None and role.value in settings.TWO_FACTOR_REQUIRED_ROLES
