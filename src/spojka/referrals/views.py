"""Referrals' pages of the workspace: inbox, sent, a referral with its messages, and the transitions.

Every page that shows a client's data through a referral writes an audit entry naming the
fields it showed.
"""

import uuid
from typing import Any, Final

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from spojka.accounts.access import signed_in_user
from spojka.audit.actions import record_access, record_accesses
from spojka.audit.enums import AuditAction, AuditPurpose
from spojka.cases.access import get_case_for_user
from spojka.cases.enums import NeedStatus
from spojka.cases.models import CaseNeed
from spojka.cases.queries import shared_notes_of
from spojka.clients.enums import DataCategory
from spojka.clients.locales import country_name, language_name
from spojka.clients.models import Client
from spojka.clients.queries import household_members
from spojka.core.exports import Column, export_response, requested_format
from spojka.referrals import actions
from spojka.referrals.access import get_referral_for_user
from spojka.referrals.actions import ReferralError
from spojka.referrals.enums import ReferralKind, ReferralStatus, Side, Transition
from spojka.referrals.forms import ChildProtectionForm, MessageForm, ReferralForm, TransitionForm, capacity_text
from spojka.referrals.models import Referral
from spojka.referrals.queries import (
    events_of,
    fields_seen,
    incoming_referrals,
    messages_of,
    notifications_of,
    sent_referrals,
    services_for_referral,
    shared_view,
    sides_of,
    unread_count,
)
from spojka.referrals.transitions import FINAL_STATUSES, TRANSITIONS, ForbiddenTransitionError, allowed_transitions

PAGE_SIZE: Final = 50

# The list shows and exports no personal data: organisations, service, status, dates.
LIST_COLUMNS: Final[tuple[Column[Referral], ...]] = (
    Column(gettext_lazy("Reference"), lambda referral: str(referral.pk)),
    Column(gettext_lazy("Kind"), lambda referral: referral.get_kind_display()),
    Column(gettext_lazy("From"), lambda referral: referral.sender_organization.display_name),
    Column(gettext_lazy("To"), lambda referral: referral.recipient_name),
    Column(gettext_lazy("Status"), lambda referral: referral.get_status_display()),
    Column(gettext_lazy("Sent"), lambda referral: referral.sent_at),
    Column(gettext_lazy("Answer due"), lambda referral: referral.response_due_on),
    Column(gettext_lazy("Overdue"), lambda referral: referral.is_overdue),
    Column(gettext_lazy("Outcome"), lambda referral: referral.outcome_note or referral.decline_reason),
)


def _list(request: HttpRequest, *, incoming: bool) -> HttpResponse:
    user = signed_in_user(request)
    filters = {
        "status": request.GET.get("status", ""),
        "overdue_only": request.GET.get("overdue") == "1",
        "kind": request.GET.get("kind", ""),
    }
    query = incoming_referrals if incoming else sent_referrals
    listed = query(viewer=user, **filters)  # type: ignore[arg-type]  # filters match the signature
    file_format = requested_format(request)
    if file_format is not None:
        rows = list(listed)
        record_accesses(
            user=user,
            action=AuditAction.EXPORT,
            purpose=AuditPurpose.LIST_EXPORT,
            objects=rows,
            fields=["kind", "sender_organization", "recipient_organization", "service", "status", "sent_at", "outcome"],
        )
        name = "referrals-received" if incoming else "referrals-sent"
        return export_response(rows=rows, columns=LIST_COLUMNS, name=name, file_format=file_format)
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "referrals/list.html",
        {
            "incoming": incoming,
            "page": page,
            "referrals": page.object_list,
            "status": filters["status"],
            "overdue": filters["overdue_only"],
            "kind": filters["kind"],
            "statuses": ReferralStatus.choices,
            "kinds": ReferralKind.choices,
        },
    )


@login_required
@permission_required("referrals.view_referrals", raise_exception=True)
def inbox(request: HttpRequest) -> HttpResponse:
    """List the referrals sent to the organisation, filtered by status, kind and overdue; or download them."""
    return _list(request, incoming=True)


@login_required
@permission_required("referrals.view_referrals", raise_exception=True)
def sent(request: HttpRequest) -> HttpResponse:
    """List the referrals the organisation sent and its drafts; or download them."""
    return _list(request, incoming=False)


def _case_clients(case: Any) -> Any:
    if case.client_id is not None:
        return Client.objects.filter(pk=case.client_id, organization_id=case.organization_id, erased_at__isnull=True)
    return household_members(household=case.household).filter(organization_id=case.organization_id)


@login_required
@permission_required("referrals.send_referrals", raise_exception=True)
def referral_new(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """Refer the case's client to a service: send now (with consent) or keep as a draft."""
    user = signed_in_user(request)
    case = get_case_for_user(user, case_id, permission="cases.manage_cases")
    needs = CaseNeed.objects.filter(case=case).exclude(status=NeedStatus.MET).select_related("term")
    form = ReferralForm(
        request.POST or None,
        clients=_case_clients(case),
        services=services_for_referral(term_ids=[need.term_id for need in needs]),
        needs=needs,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        send_now = request.POST.get("action") != "draft"
        problem = actions.consent_problem(client=data["client"], service=data["service"]) if send_now else None
        if problem:
            form.add_error("service", problem)
        else:
            try:
                with transaction.atomic():
                    referral = actions.draft_referral(
                        case=case,
                        client=data["client"],
                        service=data["service"],
                        needs=list(data["needs"]),
                        message=data["message"],
                        by=user,
                    )
                    if send_now:
                        referral = actions.send_referral(referral=referral, expected_version=referral.version, by=user)
            except ReferralError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("The referral has been sent.") if send_now else _("The referral is saved as a draft.")
                )
                return redirect("referrals:detail", referral_id=referral.pk)
    return render(request, "referrals/form.html", {"form": form, "case": case, "has_needs": needs.exists()})


@login_required
@permission_required("referrals.view_referrals", raise_exception=True)
def referral_detail(request: HttpRequest, referral_id: uuid.UUID) -> HttpResponse:
    """Show a referral: the client's data it shares while consent stands, needs, messages, history, and the actions."""
    user = signed_in_user(request)
    referral = get_referral_for_user(user, referral_id)
    seen = shared_view(viewer=user, referral=referral)
    fields = fields_seen(seen)
    shared_notes = list(shared_notes_of(case_id=referral.case_id)) if (seen.notes and not seen.own) else []
    record_access(
        user=user,
        action=AuditAction.READ,
        purpose=AuditPurpose.CHILD_PROTECTION if referral.is_child_protection else AuditPurpose.REFERRAL,
        obj=referral,
        fields=[*fields, "messages"] if fields else ["referral", "messages"],
    )
    sides = sides_of(user, referral)
    possible = [
        transition
        for transition in allowed_transitions(referral.status)
        if TRANSITIONS[transition].side in sides
        and not (referral.is_child_protection and transition == Transition.DECLINE)
        and not (referral.is_child_protection and transition == Transition.SEND)
    ]
    client = referral.client
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "client": client,
            "seen": seen,
            "citizenship": country_name(client.citizenship) if seen.identity and client.citizenship else "",
            "languages": [language_name(code) for code in client.languages] if seen.identity else [],
            "vulnerabilities": list(client.vulnerabilities.all()) if seen.vulnerabilities else [],
            "members": (
                list(household_members(household=client.household)) if seen.household and client.household else []
            ),
            "needs": list(referral.needs.select_related("term")) if seen.needs or seen.own else [],
            "shared_notes": shared_notes,
            "messages_list": list(messages_of(referral=referral)),
            "events": list(events_of(referral=referral)),
            "transitions": [(transition, TRANSITIONS[transition]) for transition in possible],
            "transition_urls": _TRANSITION_URLS,
            "is_sender": Side.SENDER in sides,
            "is_recipient": Side.RECIPIENT in sides,
            "may_write": bool(sides) and referral.status != ReferralStatus.DRAFT,
            "is_final": referral.status in FINAL_STATUSES,
            "capacity": capacity_text(referral.service) if referral.service is not None else "",
            "shared_labels": [
                DataCategory(value).label for value in referral.shared_categories if value in DataCategory.values
            ],
            "message_form": MessageForm(),
            "transition_form": TransitionForm(initial={"version": referral.version}),
        },
    )


_TRANSITION_URLS: Final = {
    Transition.SEND: "referrals:send",
    Transition.ACCEPT: "referrals:accept",
    Transition.DECLINE: "referrals:decline",
    Transition.COMPLETE: "referrals:complete",
    Transition.NOT_COMPLETE: "referrals:not_complete",
    Transition.CANCEL: "referrals:cancel",
}


def _transition(request: HttpRequest, referral_id: uuid.UUID, transition: Transition) -> HttpResponse:
    user = signed_in_user(request)
    referral = get_referral_for_user(user, referral_id)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The page was out of date. Look at the referral again."))
        return redirect("referrals:detail", referral_id=referral.pk)
    try:
        actions.take_transition(
            referral=referral,
            transition=transition,
            expected_version=form.cleaned_data["version"],
            by=user,
            reason=form.cleaned_data["reason"],
        )
    except (ReferralError, ForbiddenTransitionError) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Done: the referral is now “%(status)s”.") % {"status": TRANSITIONS[transition].target.label},
        )
    return redirect("referrals:detail", referral_id=referral.pk)


@login_required
@require_POST
@permission_required("referrals.send_referrals", raise_exception=True)
def send(request: HttpRequest, referral_id: uuid.UUID) -> HttpResponse:
    """Send a draft referral (refused without a standing consent)."""
    return _transition(request, referral_id, Transition.SEND)


@login_required
@require_POST
@permission_required("referrals.send_referrals", raise_exception=True)
def cancel(request: HttpRequest, referral_id: uuid.UUID) -> HttpResponse:
    """Cancel a referral that is not yet accepted."""
    return _transition(request, referral_id, Transition.CANCEL)


@login_required
@require_POST
@permission_required("referrals.handle_referrals", raise_exception=True)
def accept(request: HttpRequest, referral_id: uuid.UUID) -> HttpResponse:
    """Accept a referral: a case opens here, linked to the sender's."""
    return _transition(request, referral_id, Transition.ACCEPT)


@login_required
@require_POST
@permission_required("referrals.handle_referrals", raise_exception=True)
def decline(request: HttpRequest, referral_id: uuid.UUID) -> HttpResponse:
    """Decline a referral, with the reason."""
    return _transition(request, referral_id, Transition.DECLINE)


@login_required
@require_POST
@permission_required("referrals.handle_referrals", raise_exception=True)
def complete(request: HttpRequest, referral_id: uuid.UUID) -> HttpResponse:
    """Record that the service was given; the outcome goes back to the sender's case."""
    return _transition(request, referral_id, Transition.COMPLETE)


@login_required
@require_POST
@permission_required("referrals.handle_referrals", raise_exception=True)
def not_complete(request: HttpRequest, referral_id: uuid.UUID) -> HttpResponse:
    """Record that the service could not be given, with the outcome."""
    return _transition(request, referral_id, Transition.NOT_COMPLETE)


@login_required
@require_POST
@permission_required("referrals.handle_child_protection", raise_exception=True)
def confirm_receipt(request: HttpRequest, referral_id: uuid.UUID) -> HttpResponse:
    """Confirm receipt of a child-protection notification."""
    return _transition(request, referral_id, Transition.ACCEPT)


@login_required
@require_POST
@permission_required("referrals.handle_child_protection", raise_exception=True)
def close_notification(request: HttpRequest, referral_id: uuid.UUID) -> HttpResponse:
    """Record how the office dealt with a child-protection notification."""
    result = Transition.NOT_COMPLETE if request.POST.get("result") == Transition.NOT_COMPLETE else Transition.COMPLETE
    return _transition(request, referral_id, result)


@login_required
@require_POST
@permission_required("referrals.view_referrals", raise_exception=True)
def message_add(request: HttpRequest, referral_id: uuid.UUID) -> HttpResponse:
    """Write a message to the other side of a referral."""
    user = signed_in_user(request)
    referral = get_referral_for_user(user, referral_id)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            actions.post_message(referral=referral, text=form.cleaned_data["text"], by=user)
        except ReferralError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The message has been sent."))
    else:
        messages.error(request, _("Write the message first."))
    return redirect(f"{_detail_url(referral.pk)}#messages-heading")


def _detail_url(referral_id: uuid.UUID) -> str:
    return reverse("referrals:detail", kwargs={"referral_id": referral_id})


@login_required
@permission_required("referrals.notify_child_protection", raise_exception=True)
def child_protection_new(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """Notify the child-protection office of the child's municipality, on a legal basis instead of consent."""
    user = signed_in_user(request)
    case = get_case_for_user(user, case_id, permission="cases.manage_cases")
    children = [client.pk for client in _case_clients(case) if actions.is_child(client)]
    form = ChildProtectionForm(request.POST or None, children=Client.objects.filter(pk__in=children))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = actions.notify_child_protection(
                case=case, client=data["client"], legal_basis=data["legal_basis"], message=data["message"], by=user
            )
        except ReferralError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The child-protection office has been notified."))
            return redirect("referrals:detail", referral_id=referral.pk)
    return render(
        request, "referrals/child_protection_form.html", {"form": form, "case": case, "has_children": bool(children)}
    )


@login_required
@permission_required("referrals.view_referrals", raise_exception=True)
def notifications(request: HttpRequest) -> HttpResponse:
    """List the user's notifications about referrals, newest first."""
    user = signed_in_user(request)
    page = Paginator(notifications_of(user=user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "referrals/notifications.html", {"page": page, "notifications": page.object_list})


@login_required
@permission_required("referrals.view_referrals", raise_exception=True)
def unread(request: HttpRequest) -> HttpResponse:
    """Answer the header's badge: how many of the user's notifications are unread."""
    response = render(request, "referrals/_unread.html", {"unread": unread_count(user=signed_in_user(request))})
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
@permission_required("referrals.view_referrals", raise_exception=True)
def notifications_read(request: HttpRequest) -> HttpResponse:
    """Mark every notification of the user read."""
    user = signed_in_user(request)
    actions.mark_notifications_read(user=user)
    return redirect("referrals:notifications")
