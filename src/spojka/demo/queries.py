"""Reads of the demo: the logins of the demo's invented people."""

from spojka.demo import liberec
from spojka.network.enums import Role
from spojka.network.models import Membership

_ROLE_ORDER = {role.value: position for position, role in enumerate(Role)}


def demo_memberships() -> list[Membership]:
    """Return the active roles of demo users (e-mail in the demo domain), in listing order."""
    memberships = Membership.objects.filter(
        user__email__iendswith=f"@{liberec.EMAIL_DOMAIN}",
        is_active=True,
        user__is_active=True,
        organization__is_active=True,
    ).select_related("user", "organization")
    return sorted(
        memberships,
        key=lambda membership: (
            _ROLE_ORDER.get(membership.role, len(_ROLE_ORDER)),
            membership.organization.name,
            membership.user.email,
        ),
    )
