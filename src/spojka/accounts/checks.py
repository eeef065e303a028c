"""System checks of the accounts settings, so that a typo does not silently switch protection off."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error


def check_two_factor_roles(**kwargs: Any) -> list[CheckMessage]:
    """Report role names in TWO_FACTOR_REQUIRED_ROLES that are not roles."""
    from spojka.network.enums import Role  # apps are loaded by the time checks run

    unknown = [role for role in settings.TWO_FACTOR_REQUIRED_ROLES if role not in Role.values]
    if not unknown:
        return []
    return [
        Error(
            f"TWO_FACTOR_REQUIRED_ROLES names unknown roles: {', '.join(unknown)}.",
            hint=f"Use some of: {', '.join(Role.values)}.",
            id="accounts.E001",
        )
    ]
