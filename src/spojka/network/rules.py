"""The permission matrix: which role may do what. The one place that decides it.

Views ask `user.has_perm(PERMISSION)` (or with an organisation as the object), templates ask
`{% has_perm %}` / `perms`; nobody re-derives a role. A user acts through one active
membership at a time (chosen in the header when they have several); the matrix applies to
that membership's role. Where a permission is checked against an organisation, the user must
also hold the role *in that organisation* when the permission is `OWN_ORGANIZATION_ONLY` —
unless the role reaches the whole network (`NETWORK_WIDE`).

Later apps add their rows here, so that the whole matrix stays readable on one screen.
"""

from collections.abc import Mapping
from typing import Any, Final

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from rules.permissions import add_perm
from rules.predicates import Predicate

from spojka.network.enums import Role

ALL_STAFF: Final = frozenset(Role)

# Roles whose object-level permissions are not limited to their own organisation.
NETWORK_WIDE: Final = frozenset({Role.PLATFORM_ADMIN})

# Permissions that, checked against an organisation, hold only in the user's own organisation.
OWN_ORGANIZATION_ONLY: Final = frozenset(
    {
        "network.manage_staff",
        "directory.manage_services",
        "clients.manage_clients",
        "clients.record_consent",
        "clients.export_client_data",
        "clients.erase_clients",
        "coordination.handle_tasks",
        "coordination.write_practice",
        "coordination.answer_rounds",
    }
)

# Roles that hold one of those permissions in every organisation, beyond NETWORK_WIDE.
ANY_ORGANIZATION: Final[Mapping[str, frozenset[Role]]] = {
    "directory.manage_services": frozenset({Role.REGIONAL_COORDINATOR}),
    "coordination.handle_tasks": frozenset({Role.REGIONAL_COORDINATOR}),
    "coordination.write_practice": frozenset({Role.REGIONAL_COORDINATOR}),
}

# permission                               roles that hold it
MATRIX: Final[Mapping[str, frozenset[Role]]] = {
    "core.use_workspace":                   ALL_STAFF,
    "network.view_organizations":           ALL_STAFF,
    "network.view_roles":                   ALL_STAFF,
    "network.manage_organizations":         frozenset({Role.PLATFORM_ADMIN}),
    "network.manage_staff":                 frozenset({Role.PLATFORM_ADMIN, Role.ORGANIZATION_MANAGER}),
    "geo.view_geography":                   ALL_STAFF,
    "geo.view_country_packs":               frozenset({Role.PLATFORM_ADMIN, Role.REGIONAL_COORDINATOR, Role.ANALYST}),
    "directory.view_services":              ALL_STAFF,
    "directory.manage_services":            frozenset({Role.PLATFORM_ADMIN, Role.REGIONAL_COORDINATOR,
                                                       Role.ORGANIZATION_MANAGER}),
    "directory.review_stale_services":      frozenset({Role.PLATFORM_ADMIN, Role.REGIONAL_COORDINATOR}),
    "directory.manage_taxonomy":            frozenset({Role.PLATFORM_ADMIN}),
    "desk.view_desk":                       frozenset({Role.PLATFORM_ADMIN, Role.REGIONAL_COORDINATOR,
                                                       Role.ORGANIZATION_MANAGER, Role.DESK_OPERATOR, Role.ANALYST}),
    "desk.receive_visitors":                frozenset({Role.DESK_OPERATOR}),
    "desk.serve_station":                   frozenset({Role.DESK_OPERATOR}),
    "desk.view_statistics":                 frozenset({Role.REGIONAL_COORDINATOR, Role.ORGANIZATION_MANAGER,
                                                       Role.DESK_OPERATOR, Role.ANALYST}),
    "desk.manage_operators":                frozenset({Role.PLATFORM_ADMIN, Role.REGIONAL_COORDINATOR,
                                                       Role.ORGANIZATION_MANAGER}),
    "desk.manage_sites":                    frozenset({Role.PLATFORM_ADMIN, Role.REGIONAL_COORDINATOR}),
    # Personal data: only inside the organisation that collected it; never the coordinator or analyst.
    "clients.view_clients":                 frozenset({Role.ORGANIZATION_MANAGER, Role.CASEWORKER, Role.DESK_OPERATOR}),
    "clients.manage_clients":               frozenset({Role.ORGANIZATION_MANAGER, Role.CASEWORKER, Role.DESK_OPERATOR}),
    "clients.record_consent":               frozenset({Role.ORGANIZATION_MANAGER, Role.CASEWORKER}),
    "clients.export_client_data":           frozenset({Role.ORGANIZATION_MANAGER, Role.CASEWORKER}),
    "clients.erase_clients":                frozenset({Role.ORGANIZATION_MANAGER}),
    "audit.view_audit":                     frozenset({Role.ORGANIZATION_MANAGER}),
    # Cases stay in their organisation; referrals cross it with consent (or a legal basis for child protection).
    "cases.view_cases":                     frozenset({Role.ORGANIZATION_MANAGER, Role.CASEWORKER}),
    "cases.manage_cases":                   frozenset({Role.ORGANIZATION_MANAGER, Role.CASEWORKER}),
    "referrals.view_referrals":             frozenset({Role.ORGANIZATION_MANAGER, Role.CASEWORKER,
                                                      Role.CHILD_PROTECTION_OFFICER}),
    "referrals.send_referrals":             frozenset({Role.ORGANIZATION_MANAGER, Role.CASEWORKER}),
    "referrals.handle_referrals":           frozenset({Role.ORGANIZATION_MANAGER, Role.CASEWORKER}),
    "referrals.notify_child_protection":    frozenset({Role.ORGANIZATION_MANAGER, Role.CASEWORKER}),
    "referrals.handle_child_protection":    frozenset({Role.CHILD_PROTECTION_OFFICER}),
    # Identity matching: reviewers see only pairs of their own organisation's records (docs/decisions/0010).
    "linkage.review_matches":               frozenset({Role.ORGANIZATION_MANAGER, Role.CASEWORKER}),
    "linkage.match_files":                  frozenset({Role.ORGANIZATION_MANAGER}),
    # Meetings and tasks: the coordinator runs them; staff of the organisations taking part follow them.
    "coordination.view_meetings":           ALL_STAFF - {Role.PLATFORM_ADMIN},
    "coordination.manage_meetings":         frozenset({Role.REGIONAL_COORDINATOR}),
    "coordination.handle_tasks":            ALL_STAFF - {Role.PLATFORM_ADMIN},
    "coordination.view_practice":           ALL_STAFF,
    "coordination.write_practice":          frozenset({Role.REGIONAL_COORDINATOR, Role.ORGANIZATION_MANAGER}),
    "coordination.publish_practice":        frozenset({Role.REGIONAL_COORDINATOR}),
    # Reporting rounds and capacity: the coordinator asks, organisations answer for themselves only.
    "coordination.manage_rounds":           frozenset({Role.REGIONAL_COORDINATOR}),
    "coordination.answer_rounds":           frozenset({Role.ORGANIZATION_MANAGER, Role.CASEWORKER}),
    "coordination.view_capacity":           frozenset({Role.REGIONAL_COORDINATOR, Role.ANALYST}),
    "coordination.manage_capacity":         frozenset({Role.REGIONAL_COORDINATOR}),
    # Pictures, reports and open data: aggregates only, small counts suppressed.
    "coordination.view_network":            frozenset({Role.REGIONAL_COORDINATOR, Role.ANALYST}),
    "coordination.view_dashboard":          frozenset({Role.REGIONAL_COORDINATOR, Role.ANALYST}),
    "coordination.publish_reports":         frozenset({Role.REGIONAL_COORDINATOR, Role.ANALYST}),
    "coordination.export_open_data":        frozenset({Role.REGIONAL_COORDINATOR, Role.ANALYST}),
}  # fmt: skip

# What each permission lets a person do, as the roles page explains it.
DESCRIPTIONS: Final[Mapping[str, Promise]] = {
    "core.use_workspace": _("Use the staff workspace"),
    "network.view_organizations": _("See the organisations of the network"),
    "network.view_roles": _("See what each role may do"),
    "network.manage_organizations": _("Add and edit organisations"),
    "network.manage_staff": _("Invite and deactivate staff of their organisation"),
    "geo.view_geography": _("Browse regions, districts and municipalities"),
    "geo.view_country_packs": _("See the loaded country packs and residence statuses"),
    "directory.view_services": _("Browse the directory of services, with the staff's details"),
    "directory.manage_services": _("Edit their organisation's services, places, hours and capacity, and import them"),
    "directory.review_stale_services": _("See every organisation's services that nobody has reviewed for six months"),
    "directory.manage_taxonomy": _("Edit the taxonomy of needs and the units of capacity"),
    "desk.view_desk": _("See the one-stop-shop sites they take part in, their stations and queues"),
    "desk.receive_visitors": _("Issue tickets to visitors at the reception of a one-stop shop"),
    "desk.serve_station": _("Call, serve and route visitors at the stations they are assigned to"),
    "desk.view_statistics": _("See the waiting-time statistics of one-stop-shop sites"),
    "desk.manage_operators": _("Assign desk operators to their organisation's stations"),
    "desk.manage_sites": _("Set up one-stop-shop sites, their stations and purposes of visits"),
    "clients.view_clients": _("See their organisation's clients and search them"),
    "clients.manage_clients": _("Register their organisation's clients and keep their records and households"),
    "clients.record_consent": _("Record and withdraw clients' consent to share their data"),
    "clients.export_client_data": _("Give a client everything held about them, and export lists of clients"),
    "clients.erase_clients": _("Erase a client's personal data at their request"),
    "audit.view_audit": _("See who accessed their organisation's clients, and export the audit trail"),
    "cases.view_cases": _("See their organisation's cases, with needs, notes and tasks"),
    "cases.manage_cases": _("Open, work on and close their organisation's cases"),
    "referrals.view_referrals": _("See the referrals their organisation sent or received"),
    "referrals.send_referrals": _("Refer clients to services with their consent and follow the referrals to the end"),
    "referrals.handle_referrals": _("Accept, decline and complete referrals sent to their organisation"),
    "referrals.notify_child_protection": _("Notify the child-protection office of a child at risk, on a legal basis"),
    "referrals.handle_child_protection": _("Receive child-protection notifications, confirm them, record the outcome"),
    "linkage.review_matches": _(
        "Compare their organisation's records that may be one person, merge them, keep them apart or undo a merge"
    ),
    "linkage.match_files": _("Find the duplicates inside a spreadsheet of people, without storing it"),
    "coordination.view_meetings": _(
        "See the coordination meetings their organisation or they themselves take part in, with minutes, "
        "attachments and action items (the regional coordinator sees every meeting)"
    ),
    "coordination.manage_meetings": _(
        "Plan coordination meetings, write their minutes and action items, and follow every organisation's open items"
    ),
    "coordination.handle_tasks": _(
        "See their organisation's tasks from meetings and reporting rounds, and mark its action items done"
    ),
    "coordination.view_practice": _("Read the good-practice library, internal entries included"),
    "coordination.write_practice": _("Write and edit their organisation's good-practice entries"),
    "coordination.publish_practice": _(
        "Publish good-practice entries and assemble the model description of the region for partners"
    ),
    "coordination.manage_rounds": _(
        "Send reporting rounds to municipalities and organisations, remind them, and see and export the results"
    ),
    "coordination.answer_rounds": _("Answer the reporting rounds sent to their organisation"),
    "coordination.view_capacity": _("See the capacity registry: free places per municipality and district"),
    "coordination.manage_capacity": _("Enter capacity figures and refresh them from the directory"),
    "coordination.view_network": _(
        "See the cooperation network: referrals between organisations and sectors, as a picture and tables"
    ),
    "coordination.publish_reports": _("Make the region's periodic report as PDF and XLSX, in Czech or English"),
    "coordination.export_open_data": _("Export anonymised open data with its data dictionary"),
    "coordination.view_dashboard": _(
        "See the dashboard of the region's figures (aggregates only, small counts hidden) and download its tables"
    ),
}


# Roles a holder of `network.manage_staff` may hand out. Network-wide roles are given only by
# the platform administrator.
ASSIGNABLE_ROLES: Final[Mapping[Role, tuple[Role, ...]]] = {
    Role.PLATFORM_ADMIN: tuple(Role),
    Role.ORGANIZATION_MANAGER: (
        Role.ORGANIZATION_MANAGER,
        Role.CASEWORKER,
        Role.DESK_OPERATOR,
        Role.CHILD_PROTECTION_OFFICER,
        Role.ANALYST,
    ),
}


def active_membership(user: Any) -> Any:
    """Return the membership the user is acting through, or None.

    The middleware puts the session's choice on the user; outside a request (commands,
    tests) the user's first active membership stands in.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if hasattr(user, "active_membership"):
        return user.active_membership
    from spojka.network.queries import default_membership  # models are not ready at import

    membership = default_membership(user=user)
    user.active_membership = membership
    return membership


def role_of(user: Any) -> Role | None:
    """Return the role of the user's active membership."""
    membership = active_membership(user)
    return Role(membership.role) if membership is not None else None


def _predicate(permission: str, roles: frozenset[Role]) -> Predicate:
    def holds(user: Any, organization: Any = None) -> bool:
        membership = active_membership(user)
        if membership is None or membership.role not in roles:
            return False
        if organization is None or permission not in OWN_ORGANIZATION_ONLY or membership.role in NETWORK_WIDE:
            return True
        if membership.role in ANY_ORGANIZATION.get(permission, frozenset()):
            return True
        return bool(membership.organization_id == organization.pk)

    return Predicate(holds, name=permission)


for _permission, _roles in MATRIX.items():
    add_perm(_permission, _predicate(_permission, _roles))  # type: ignore[no-untyped-call]  # rules ships no annotations here


def assignable_roles(user: Any) -> list[Role]:
    """Return the roles the user may give to others, in the order of the `Role` enum."""
    role = role_of(user)
    return list(ASSIGNABLE_ROLES.get(role, ())) if role is not None else []


def roles_with(permission: str) -> frozenset[Role]:
    """Return the roles that hold a permission (for documentation and the roles page)."""
    return MATRIX[permission]
