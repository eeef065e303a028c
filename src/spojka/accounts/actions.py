"""Every change to how a user signs in goes through one of these functions.

Checking a code is itself a write: a backup code is used up, an authenticator remembers the last
code it accepted (so that it is not accepted twice), and a wrong code counts against the device's
own throttle. That is why the functions that check a code are not one transaction as a whole: a
wrong code must stay counted.
"""

from typing import Any, Final

import django_otp
import structlog
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from spojka.accounts.authenticator import (
    BACKUP_CODE_COUNT,
    looks_like_app_code,
    new_backup_code,
    normalized_code,
)
from spojka.accounts.models import User

log = structlog.get_logger(__name__)

# Device names are for the technical administration only; people never see them.
APP_DEVICE_NAME: Final = "Authenticator app"
BACKUP_DEVICE_NAME: Final = "Backup codes"


@transaction.atomic
def start_two_factor_setup(*, user: User) -> Any:
    """Create an unconfirmed authenticator for the user, replacing one left half set up."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def enable_two_factor(*, user: User, device: Any, code: str) -> list[str] | None:
    """Confirm the pending authenticator with a code from it and return new backup codes, or None if wrong."""
    if device.user_id != user.pk or device.confirmed:
        raise ValueError("enable_two_factor() needs the user's pending authenticator")
    code = normalized_code(code)
    if not looks_like_app_code(code) or django_otp.verify_token(user, device.persistent_id, code) is None:
        return None
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _replace_backup_codes(user=user)
    log.info("two_factor_enabled", user=user.pk)
    return codes


def verify_two_factor_code(*, user: User, code: str) -> Any:
    """Return the user's confirmed device that accepts the code, or None; a backup code is used up."""
    code = normalized_code(code)
    if not code:
        return None
    # Only the kind of device the code is meant for sees it, so that a backup code does not count
    # as a wrong code against the authenticator's throttle, nor the other way round.
    model = TOTPDevice if looks_like_app_code(code) else StaticDevice
    for device in model.objects.devices_for_user(user, confirmed=True):
        verified = django_otp.verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None


def regenerate_backup_codes(*, user: User, code: str) -> list[str] | None:
    """Replace the user's backup codes once a code checks out; return them, or None if the code is wrong."""
    if verify_two_factor_code(user=user, code=code) is None:
        return None
    with transaction.atomic():
        codes = _replace_backup_codes(user=user)
    log.info("two_factor_backup_codes_replaced", user=user.pk)
    return codes


def disable_two_factor(*, user: User, code: str) -> bool:
    """Remove the user's authenticator and backup codes once a code checks out; False if it is wrong."""
    if verify_two_factor_code(user=user, code=code) is None:
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    log.info("two_factor_disabled", user=user.pk)
    return True


def _replace_backup_codes(*, user: User) -> list[str]:
    # The device stays and only its codes change: a session verified with a backup code points
    # at the device and must stay verified.
    device = StaticDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    elif not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    device.token_set.all().delete()
    codes: list[str] = []
    while len(codes) < BACKUP_CODE_COUNT:
        candidate = new_backup_code()
        if candidate not in codes:
            codes.append(candidate)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=candidate) for candidate in codes)
    return codes
