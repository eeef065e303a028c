"""Counting wrong two-factor codes per user, so that the second step is throttled like the password.

django-axes counts wrong passwords; this counts wrong codes in the shared cache (Redis in
production), with the same limit and cool-off, so that signing in again does not reset it.
"""

import structlog
from django.conf import settings
from django.core.cache import cache

from spojka.accounts.models import User

log = structlog.get_logger(__name__)


def _key(user: User) -> str:
    return f"spojka:two-factor-failures:{user.pk}"


def failure_limit() -> int:
    """Return how many wrong codes in a row end the sign-in."""
    return int(settings.AXES_FAILURE_LIMIT)


def cooloff_minutes() -> int:
    """Return how long, in minutes, the second step stays closed after too many wrong codes."""
    return max(1, round(float(settings.AXES_COOLOFF_TIME) * 60))


def code_failures(*, user: User) -> int:
    """Return how many wrong codes the user has entered within the cool-off."""
    return int(cache.get(_key(user), 0))


def codes_exhausted(*, user: User) -> bool:
    """Tell whether the user has used up their attempts and must wait."""
    return code_failures(user=user) >= failure_limit()


def record_code_failure(*, user: User) -> int:
    """Count one more wrong code and return the count."""
    key, timeout = _key(user), cooloff_minutes() * 60
    cache.add(key, 0, timeout)
    try:
        count = int(cache.incr(key))
    except ValueError:  # the count expired between the two calls
        cache.set(key, 1, timeout)
        count = 1
    if count >= failure_limit():
        # The wait runs from the last wrong code, not from the first.
        cache.touch(key, timeout)
        log.warning("two_factor_locked", user=user.pk, failures=count)
    return count


def clear_code_failures(*, user: User) -> None:
    """Forget the wrong codes after a right one."""
    cache.delete(_key(user))
