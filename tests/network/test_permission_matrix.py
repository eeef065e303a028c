"""Every role against every protected view: allowed where the matrix says so, denied elsewhere."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from spojka.accounts.models import User
from spojka.network.enums import Role
from spojka.network.rules import MATRIX
from tests.clients import matrix as clients
from tests.conftest import Personas
from tests.coordination import matrix_meetings as meetings
from tests.coordination import matrix_rounds as rounds
from tests.desk import matrix as desk
from tests.directory.factories import (
    ContactFactory,
    LocationFactory,
    PhoneFactory,
    ScheduleFactory,
    ServiceCapacityFactory,
    ServiceFactory,
    TaxonomyTermFactory,
)
from tests.factories import AdministrativeUnitFactory
from tests.linkage import matrix as linkage
from tests.referrals import matrix as referrals


@dataclass(frozen=True)
class ProtectedView:
    name: str
    permission: str
    kwargs: Callable[[Personas], dict[str, object]]
    method: str = "get"

    def url(self, personas: Personas) -> str:
        return reverse(self.name, kwargs=self.kwargs(personas))


def _no_kwargs(personas: Personas) -> dict[str, object]:
    return {}


def _a_network_download(personas: Personas) -> dict[str, object]:
    return {"file_format": "svg"}


def _our_org(personas: Personas) -> dict[str, object]:
    return {"organization_id": personas.ours.pk}


def _a_unit(personas: Personas) -> dict[str, object]:
    return {"unit_id": AdministrativeUnitFactory().pk}


def _caseworker_membership(personas: Personas) -> dict[str, object]:
    return {"membership_id": personas.user(Role.CASEWORKER).memberships.get().pk}


def _our_service(personas: Personas) -> dict[str, object]:
    return {"service_id": ServiceFactory(organization=personas.ours).pk}


def _our_location(personas: Personas) -> dict[str, object]:
    return {"location_id": LocationFactory(organization=personas.ours).pk}


def _our_capacity(personas: Personas) -> dict[str, object]:
    return {"capacity_id": ServiceCapacityFactory(service__organization=personas.ours).pk}


def _our_closure(personas: Personas) -> dict[str, object]:
    closure = ScheduleFactory(
        service__organization=personas.ours,
        is_exception=True,
        weekday=None,
        opens_at=None,
        closes_at=None,
        valid_from=datetime.date(2026, 12, 24),
    )
    return {"schedule_id": closure.pk}


def _our_phone(personas: Personas) -> dict[str, object]:
    return {"phone_id": PhoneFactory(service__organization=personas.ours).pk}


def _our_contact(personas: Personas) -> dict[str, object]:
    return {"contact_id": ContactFactory(service__organization=personas.ours).pk}


def _a_need(personas: Personas) -> dict[str, object]:
    return {"term_id": TaxonomyTermFactory().pk}


def _a_dashboard_figure(personas: Personas) -> dict[str, object]:
    return {"figure": "clients_by_district", "file_format": "csv"}


PROTECTED_VIEWS = [
    ProtectedView("core:workspace", "core.use_workspace", _no_kwargs),
    ProtectedView("network:organizations", "network.view_organizations", _no_kwargs),
    ProtectedView("network:organization", "network.view_organizations", _our_org),
    ProtectedView("network:organization_new", "network.manage_organizations", _no_kwargs),
    ProtectedView("network:organization_edit", "network.manage_organizations", _our_org),
    ProtectedView("network:organization_staff", "network.manage_staff", _our_org),
    ProtectedView("network:invite", "network.manage_staff", _our_org),
    ProtectedView("network:staff", "network.manage_staff", _no_kwargs),
    ProtectedView("network:deactivate", "network.manage_staff", _caseworker_membership, "post"),
    ProtectedView("network:reactivate", "network.manage_staff", _caseworker_membership, "post"),
    ProtectedView("network:resend_invitation", "network.manage_staff", _caseworker_membership, "post"),
    ProtectedView("network:roles", "network.view_roles", _no_kwargs),
    ProtectedView("geo:units", "geo.view_geography", _no_kwargs),
    ProtectedView("geo:unit", "geo.view_geography", _a_unit),
    ProtectedView("geo:packs", "geo.view_country_packs", _no_kwargs),
    ProtectedView("desk:index", "desk.view_desk", _no_kwargs),
    ProtectedView("desk:site", "desk.view_desk", desk.our_site),
    ProtectedView("desk:reception", "desk.receive_visitors", desk.our_site),
    ProtectedView("desk:visit", "desk.receive_visitors", desk.our_visit),
    ProtectedView("desk:ticket", "desk.receive_visitors", desk.our_visit),
    ProtectedView("desk:station", "desk.serve_station", desk.our_station),
    ProtectedView("desk:call_next", "desk.serve_station", desk.our_station, "post"),
    ProtectedView("desk:step_served", "desk.serve_station", desk.our_called_step, "post"),
    ProtectedView("desk:step_no_show", "desk.serve_station", desk.our_called_step, "post"),
    ProtectedView("desk:step_transfer", "desk.serve_station", desk.our_called_step, "post"),
    ProtectedView("desk:statistics", "desk.view_statistics", desk.our_site),
    ProtectedView("desk:station_operators", "desk.manage_operators", desk.our_station),
    ProtectedView("desk:operator_remove", "desk.manage_operators", desk.our_operator, "post"),
    ProtectedView("desk:site_new", "desk.manage_sites", _no_kwargs),
    ProtectedView("desk:site_edit", "desk.manage_sites", desk.our_site),
    ProtectedView("desk:station_new", "desk.manage_sites", desk.our_site),
    ProtectedView("desk:station_edit", "desk.manage_sites", desk.our_station),
    ProtectedView("desk:purpose_new", "desk.manage_sites", desk.our_site),
    ProtectedView("desk:purpose_edit", "desk.manage_sites", desk.our_purpose),
    ProtectedView("directory:services", "directory.view_services", _no_kwargs),
    ProtectedView("directory:service", "directory.view_services", _our_service),
    ProtectedView("directory:locations", "directory.view_services", _no_kwargs),
    ProtectedView("directory:my_services", "directory.manage_services", _no_kwargs),
    ProtectedView("directory:review", "directory.manage_services", _no_kwargs),
    ProtectedView("directory:review_organization", "directory.review_stale_services", _our_org),
    ProtectedView("directory:service_new", "directory.manage_services", _no_kwargs),
    ProtectedView("directory:service_edit", "directory.manage_services", _our_service),
    ProtectedView("directory:service_withdraw", "directory.manage_services", _our_service),
    ProtectedView("directory:service_reviewed", "directory.manage_services", _our_service, "post"),
    ProtectedView("directory:service_hours", "directory.manage_services", _our_service),
    ProtectedView("directory:capacity_add", "directory.manage_services", _our_service, "post"),
    ProtectedView("directory:phone_add", "directory.manage_services", _our_service, "post"),
    ProtectedView("directory:contact_add", "directory.manage_services", _our_service, "post"),
    ProtectedView("directory:capacity_update", "directory.manage_services", _our_capacity, "post"),
    ProtectedView("directory:capacity_remove", "directory.manage_services", _our_capacity, "post"),
    ProtectedView("directory:exception_remove", "directory.manage_services", _our_closure, "post"),
    ProtectedView("directory:phone_remove", "directory.manage_services", _our_phone, "post"),
    ProtectedView("directory:contact_remove", "directory.manage_services", _our_contact, "post"),
    ProtectedView("directory:location_new", "directory.manage_services", _no_kwargs),
    ProtectedView("directory:location_edit", "directory.manage_services", _our_location),
    ProtectedView("directory:location_hours", "directory.manage_services", _our_location),
    ProtectedView("directory:taxonomy", "directory.manage_taxonomy", _no_kwargs),
    ProtectedView("directory:taxonomy_term_edit", "directory.manage_taxonomy", _a_need),
    ProtectedView("clients:list", "clients.view_clients", _no_kwargs),
    ProtectedView("clients:new", "clients.manage_clients", _no_kwargs),
    ProtectedView("clients:expiring", "clients.view_clients", _no_kwargs),
    ProtectedView("clients:detail", "clients.view_clients", clients.our_client),
    ProtectedView("clients:edit", "clients.manage_clients", clients.our_client),
    ProtectedView("clients:household", "clients.manage_clients", clients.our_client),
    ProtectedView("clients:household_leave", "clients.manage_clients", clients.our_client, "post"),
    ProtectedView("clients:consent_new", "clients.record_consent", clients.our_client),
    ProtectedView("clients:consent_withdraw", "clients.record_consent", clients.our_consent),
    ProtectedView("clients:consent_print", "clients.record_consent", clients.our_consent),
    ProtectedView("clients:reminder", "clients.view_clients", clients.our_client_with_document),
    ProtectedView("clients:data_export", "clients.export_client_data", clients.our_client),
    ProtectedView("clients:data_export_json", "clients.export_client_data", clients.our_client),
    ProtectedView("clients:erase", "clients.erase_clients", clients.our_client),
    ProtectedView("audit:trail", "audit.view_audit", _no_kwargs),
    ProtectedView("cases:list", "cases.view_cases", _no_kwargs),
    ProtectedView("cases:tasks", "cases.view_cases", _no_kwargs),
    ProtectedView("cases:detail", "cases.view_cases", referrals.our_case),
    ProtectedView("cases:new", "cases.manage_cases", _no_kwargs),
    ProtectedView("cases:edit", "cases.manage_cases", referrals.our_case),
    ProtectedView("cases:need_add", "cases.manage_cases", referrals.our_case, "post"),
    ProtectedView("cases:need_change", "cases.manage_cases", referrals.our_need, "post"),
    ProtectedView("cases:note_add", "cases.manage_cases", referrals.our_case, "post"),
    ProtectedView("cases:task_add", "cases.manage_cases", referrals.our_case, "post"),
    ProtectedView("cases:task_done", "cases.manage_cases", referrals.our_task, "post"),
    ProtectedView("cases:close", "cases.manage_cases", referrals.our_case),
    ProtectedView("cases:reopen", "cases.manage_cases", referrals.our_case, "post"),
    ProtectedView("referrals:inbox", "referrals.view_referrals", _no_kwargs),
    ProtectedView("referrals:sent", "referrals.view_referrals", _no_kwargs),
    ProtectedView("referrals:notifications", "referrals.view_referrals", _no_kwargs),
    ProtectedView("referrals:notifications_read", "referrals.view_referrals", _no_kwargs, "post"),
    ProtectedView("referrals:unread", "referrals.view_referrals", _no_kwargs),
    ProtectedView("referrals:detail", "referrals.view_referrals", referrals.our_notification_to_ourselves),
    ProtectedView("referrals:message_add", "referrals.view_referrals", referrals.our_notification_to_ourselves, "post"),
    ProtectedView("referrals:new", "referrals.send_referrals", referrals.our_case),
    ProtectedView("referrals:send", "referrals.send_referrals", referrals.our_draft, "post"),
    ProtectedView("referrals:cancel", "referrals.send_referrals", referrals.our_draft, "post"),
    ProtectedView("referrals:accept", "referrals.handle_referrals", referrals.incoming_sent, "post"),
    ProtectedView("referrals:decline", "referrals.handle_referrals", referrals.incoming_sent, "post"),
    ProtectedView("referrals:complete", "referrals.handle_referrals", referrals.incoming_accepted, "post"),
    ProtectedView("referrals:not_complete", "referrals.handle_referrals", referrals.incoming_accepted, "post"),
    ProtectedView("referrals:child_protection_new", "referrals.notify_child_protection", referrals.our_case),
    ProtectedView(
        "referrals:confirm_receipt",
        "referrals.handle_child_protection",
        referrals.our_notification_to_ourselves,
        "post",
    ),
    ProtectedView(
        "referrals:close_notification",
        "referrals.handle_child_protection",
        referrals.our_notification_to_ourselves,
        "post",
    ),
    ProtectedView("directory:import", "directory.manage_services", _no_kwargs),
    ProtectedView("directory:import_confirm", "directory.manage_services", _no_kwargs, "post"),
    ProtectedView("coordination:meetings", "coordination.view_meetings", _no_kwargs),
    ProtectedView("coordination:meeting", "coordination.view_meetings", meetings.our_meeting),
    ProtectedView("coordination:meeting_ics", "coordination.view_meetings", meetings.our_meeting),
    ProtectedView("coordination:attachment", "coordination.view_meetings", meetings.our_attachment),
    ProtectedView("coordination:meeting_new", "coordination.manage_meetings", _no_kwargs),
    ProtectedView("coordination:meeting_edit", "coordination.manage_meetings", meetings.our_meeting),
    ProtectedView("coordination:meeting_minutes", "coordination.manage_meetings", meetings.our_meeting, "post"),
    ProtectedView("coordination:attachment_add", "coordination.manage_meetings", meetings.our_meeting, "post"),
    ProtectedView("coordination:attachment_remove", "coordination.manage_meetings", meetings.our_attachment, "post"),
    ProtectedView("coordination:action_item_add", "coordination.manage_meetings", meetings.our_meeting, "post"),
    ProtectedView("coordination:action_item_cancel", "coordination.manage_meetings", meetings.our_action_item, "post"),
    ProtectedView("coordination:action_items", "coordination.manage_meetings", _no_kwargs),
    ProtectedView("coordination:tasks", "coordination.handle_tasks", _no_kwargs),
    ProtectedView("coordination:action_item_done", "coordination.handle_tasks", meetings.our_action_item, "post"),
    ProtectedView("coordination:practices", "coordination.view_practice", _no_kwargs),
    ProtectedView("coordination:practice", "coordination.view_practice", meetings.our_practice),
    ProtectedView("coordination:practice_new", "coordination.write_practice", _no_kwargs),
    ProtectedView("coordination:practice_edit", "coordination.write_practice", meetings.our_practice),
    ProtectedView("coordination:practice_publish", "coordination.publish_practice", meetings.our_practice, "post"),
    ProtectedView("coordination:model_description", "coordination.publish_practice", _no_kwargs),
    ProtectedView("coordination:rounds", "coordination.manage_rounds", _no_kwargs),
    ProtectedView("coordination:round_new", "coordination.manage_rounds", _no_kwargs),
    ProtectedView("coordination:round", "coordination.manage_rounds", rounds.a_round),
    ProtectedView("coordination:round_edit", "coordination.manage_rounds", rounds.a_round),
    ProtectedView("coordination:round_questions", "coordination.manage_rounds", rounds.a_draft_round),
    ProtectedView("coordination:round_publish", "coordination.manage_rounds", rounds.a_draft_round, "post"),
    ProtectedView("coordination:round_close", "coordination.manage_rounds", rounds.a_round, "post"),
    ProtectedView("coordination:round_copy", "coordination.manage_rounds", rounds.a_round, "post"),
    ProtectedView("coordination:round_remind", "coordination.manage_rounds", rounds.a_round, "post"),
    ProtectedView("coordination:round_results", "coordination.manage_rounds", rounds.a_round),
    ProtectedView("coordination:round_export", "coordination.manage_rounds", rounds.a_round),
    ProtectedView("coordination:round_history", "coordination.manage_rounds", rounds.a_question_key),
    ProtectedView("coordination:rounds_received", "coordination.answer_rounds", _no_kwargs),
    ProtectedView("coordination:round_answer", "coordination.answer_rounds", rounds.a_round),
    ProtectedView("coordination:capacity", "coordination.view_capacity", _no_kwargs),
    ProtectedView("coordination:capacity_new", "coordination.manage_capacity", _no_kwargs),
    ProtectedView("coordination:capacity_refresh", "coordination.manage_capacity", _no_kwargs, "post"),
    ProtectedView("coordination:capacity_remove", "coordination.manage_capacity", rounds.a_manual_figure, "post"),
    ProtectedView("coordination:index", "core.use_workspace", _no_kwargs),
    ProtectedView("coordination:dashboard", "coordination.view_dashboard", _no_kwargs),
    ProtectedView("coordination:dashboard_export", "coordination.view_dashboard", _a_dashboard_figure),
    ProtectedView("coordination:network", "coordination.view_network", _no_kwargs),
    ProtectedView("coordination:network_download", "coordination.view_network", _a_network_download),
    ProtectedView("coordination:reports", "coordination.publish_reports", _no_kwargs),
    ProtectedView("coordination:open_data", "coordination.export_open_data", _no_kwargs),
    ProtectedView("linkage:candidates", "clients.manage_clients", _no_kwargs),
    ProtectedView("linkage:queue", "linkage.review_matches", _no_kwargs),
    ProtectedView("linkage:pair", "linkage.review_matches", linkage.our_pair),
    ProtectedView("linkage:pair_merge", "linkage.review_matches", linkage.our_pair, "post"),
    ProtectedView("linkage:pair_keep_apart", "linkage.review_matches", linkage.our_pair, "post"),
    ProtectedView("linkage:pair_skip", "linkage.review_matches", linkage.our_pair, "post"),
    ProtectedView("linkage:pair_undo", "linkage.review_matches", linkage.our_pair, "post"),
    ProtectedView("linkage:person", "clients.view_clients", linkage.our_person),
    ProtectedView("linkage:record_detach", "linkage.review_matches", linkage.our_linked_record, "post"),
    ProtectedView("linkage:match_file", "linkage.match_files", _no_kwargs),
]

# Workspace pages any signed-in person may open, whatever their role.
OPEN_TO_EVERY_USER = {
    "core:switch_membership",
    "accounts:login",
    "accounts:login_verify",
    "accounts:logout",
    "accounts:two_factor",
    "accounts:two_factor_setup",
    "accounts:two_factor_backup_codes",
    "accounts:two_factor_disable",
    "accounts:profile",
    "accounts:password_change",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    # The desk's public display for the waiting room's screen: open to anyone, signed in or not
    # (it shows ticket numbers and stations, never a name).
    "desk:display",
    "desk:display_now",
}


def _workspace_url_names() -> set[str]:
    """Return the names of every URL under /app/, except the Django admin."""
    names: set[str] = set()

    def walk(patterns: list[URLPattern | URLResolver], namespace: str, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            elif pattern.name and (prefix + str(pattern.pattern)).startswith("app/"):
                names.add(namespace + pattern.name)

    for top in get_resolver().url_patterns:
        if isinstance(top, URLResolver) and "LocalePrefixPattern" in type(top.pattern).__name__:
            walk(top.url_patterns, "", "")
    return names


def test_matrix_covers_every_workspace_view() -> None:
    covered = {view.name for view in PROTECTED_VIEWS} | OPEN_TO_EVERY_USER
    assert _workspace_url_names() - covered == set(), "add the new view to PROTECTED_VIEWS"


def test_every_permission_in_the_matrix_guards_a_view() -> None:
    assert {view.permission for view in PROTECTED_VIEWS} == set(MATRIX)


def _request(client: Client, view: ProtectedView, personas: Personas) -> int:
    url = view.url(personas)
    response = client.post(url) if view.method == "post" else client.get(url)
    return response.status_code


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
@pytest.mark.parametrize("view", PROTECTED_VIEWS, ids=lambda view: view.name)
def test_role_is_allowed_exactly_where_the_matrix_says(
    role: Role, view: ProtectedView, personas: Personas, login: Callable[[User], Client]
) -> None:
    client = login(personas.user(role))
    status = _request(client, view, personas)
    if role in MATRIX[view.permission]:
        assert status in {200, 302}, f"{role} should reach {view.name}"
    else:
        assert status in {403, 404}, f"{role} must not reach {view.name}"


@pytest.mark.parametrize("view", PROTECTED_VIEWS, ids=lambda view: view.name)
def test_anonymous_visitor_is_sent_to_login(view: ProtectedView, personas: Personas, client: Client) -> None:
    response = client.post(view.url(personas)) if view.method == "post" else client.get(view.url(personas))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("view", PROTECTED_VIEWS, ids=lambda view: view.name)
def test_user_without_any_role_is_denied(
    view: ProtectedView, personas: Personas, login: Callable[[User], Client]
) -> None:
    client = login(personas.outsider)
    assert _request(client, view, personas) in {403, 404}
