"""Pages of coordination meetings: list, detail, planning, minutes, attachments, action items, calendar file."""

import datetime
import uuid
from typing import Any, Final

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from spojka.accounts.access import signed_in_user
from spojka.accounts.models import User
from spojka.coordination import actions_meetings as actions
from spojka.coordination.actions_meetings import MeetingError
from spojka.coordination.forms_meetings import (
    ActionItemForm,
    AttachmentForm,
    CloseActionItemForm,
    MeetingForm,
    MinutesForm,
)
from spojka.coordination.models import ActionItem, Meeting
from spojka.coordination.queries_meetings import (
    get_action_item_for_user,
    get_attachment_for_user,
    get_meeting_for_user,
    group_by_owner,
    meeting_for_detail,
    meetings_for_listing,
    open_action_items_for_coordinator,
    participant_choices,
)
from spojka.core.exports import Column, export_response, requested_format
from spojka.network.queries import organizations_in_network

PAST_SHOWN: Final = 30

ACTION_ITEM_COLUMNS: Final[tuple[Column[ActionItem], ...]] = (
    Column(gettext_lazy("Owner organisation"), lambda item: item.owner.name),
    Column(gettext_lazy("What is to be done"), lambda item: item.text),
    Column(gettext_lazy("Due"), lambda item: item.due_on),
    Column(gettext_lazy("Overdue"), lambda item: item.is_overdue),
    Column(gettext_lazy("Meeting"), lambda item: item.meeting.title),
    Column(gettext_lazy("Meeting date"), lambda item: timezone.localdate(item.meeting.starts_at)),
)


@login_required
@permission_required("coordination.view_meetings", raise_exception=True)
def meeting_list(request: HttpRequest) -> HttpResponse:
    """List the viewer's upcoming meetings and the latest past ones."""
    user = signed_in_user(request)
    return render(
        request,
        "coordination/meetings/list.html",
        {
            "upcoming": list(meetings_for_listing(viewer=user, past=False)),
            "past": list(meetings_for_listing(viewer=user, past=True)[:PAST_SHOWN]),
            "may_manage": user.has_perm("coordination.manage_meetings"),
        },
    )


def _meeting_form(request: HttpRequest, meeting: Meeting | None = None) -> MeetingForm:
    return MeetingForm(
        request.POST or None,
        organizations=organizations_in_network(),
        people=participant_choices(),
        meeting=meeting,
    )


def _save_meeting(form: MeetingForm, user: User, meeting: Meeting | None) -> Meeting:
    data = form.cleaned_data
    values: dict[str, Any] = {
        "title": data["title"],
        "starts_at": data["starts_at"],
        "ends_at": data.get("ends_at"),
        "place": data.get("place", ""),
        "online_url": data.get("online_url", ""),
        "organizations": data.get("organizations", []),
        "participants": data.get("participants", []),
        "guests": data.get("guests", ""),
        "agenda": form.agenda_items(),
        "by": user,
    }
    if meeting is None:
        return actions.plan_meeting(**values)
    return actions.change_meeting(meeting=meeting, **values)


@login_required
@permission_required("coordination.manage_meetings", raise_exception=True)
def meeting_new(request: HttpRequest) -> HttpResponse:
    """Plan a meeting of the platform."""
    user = signed_in_user(request)
    form = _meeting_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = _save_meeting(form, user, None)
        except MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting has been planned."))
            return redirect("coordination:meeting", meeting_id=meeting.pk)
    return render(request, "coordination/meetings/form.html", {"form": form, "meeting": None})


@login_required
@permission_required("coordination.manage_meetings", raise_exception=True)
def meeting_edit(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    """Change a meeting's time, place, participants or agenda."""
    user = signed_in_user(request)
    meeting = get_meeting_for_user(user, meeting_id, permission="coordination.manage_meetings")
    form = _meeting_form(request, meeting)
    if request.method == "POST" and form.is_valid():
        try:
            _save_meeting(form, user, meeting)
        except MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting has been changed."))
            return redirect("coordination:meeting", meeting_id=meeting.pk)
    return render(request, "coordination/meetings/form.html", {"form": form, "meeting": meeting})


def _detail(request: HttpRequest, meeting: Meeting, **forms: Any) -> HttpResponse:
    user = signed_in_user(request)
    meeting = meeting_for_detail(meeting=meeting)
    may_manage = user.has_perm("coordination.manage_meetings")
    items = list(meeting.action_items.all())
    context: dict[str, Any] = {
        "meeting": meeting,
        "items": [(item, item.is_open and user.has_perm("coordination.handle_tasks", item.owner)) for item in items],
        "may_manage": may_manage,
        "minutes_form": forms.get("minutes_form") or MinutesForm(initial={"minutes": meeting.minutes}),
        "attachment_form": forms.get("attachment_form") or AttachmentForm(),
        "item_form": forms.get("item_form")
        or ActionItemForm(
            meeting=meeting,
            organizations=meeting.organizations.all() if meeting.organizations.all() else organizations_in_network(),
        ),
    }
    return render(request, "coordination/meetings/detail.html", context)


@login_required
@permission_required("coordination.view_meetings", raise_exception=True)
def meeting_detail(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    """Show a meeting: when and where, who, the agenda, minutes, attachments and action items."""
    user = signed_in_user(request)
    return _detail(request, get_meeting_for_user(user, meeting_id))


@login_required
@permission_required("coordination.manage_meetings", raise_exception=True)
@require_POST
def meeting_minutes(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    """Save the minutes of a meeting that has begun."""
    user = signed_in_user(request)
    meeting = get_meeting_for_user(user, meeting_id, permission="coordination.manage_meetings")
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            actions.write_minutes(meeting=meeting, minutes=form.cleaned_data["minutes"], by=user)
        except MeetingError as error:
            form.add_error("minutes", str(error))
        else:
            messages.success(request, _("The minutes have been saved."))
            return redirect(reverse("coordination:meeting", kwargs={"meeting_id": meeting.pk}) + "#minutes")
    return _detail(request, meeting, minutes_form=form)


@login_required
@permission_required("coordination.manage_meetings", raise_exception=True)
@require_POST
def attachment_add(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    """Attach a file to a meeting."""
    user = signed_in_user(request)
    meeting = get_meeting_for_user(user, meeting_id, permission="coordination.manage_meetings")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.attach_file(meeting=meeting, upload=form.cleaned_data["file"], by=user)
        except MeetingError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("The file has been attached."))
            return redirect(reverse("coordination:meeting", kwargs={"meeting_id": meeting.pk}) + "#attachments")
    return _detail(request, meeting, attachment_form=form)


@login_required
@permission_required("coordination.view_meetings", raise_exception=True)
def attachment_download(request: HttpRequest, attachment_id: uuid.UUID) -> FileResponse:
    """Send an attachment to staff who may see its meeting; never cached, never shown inline."""
    attachment = get_attachment_for_user(signed_in_user(request), attachment_id)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


@login_required
@permission_required("coordination.manage_meetings", raise_exception=True)
@require_POST
def attachment_remove(request: HttpRequest, attachment_id: uuid.UUID) -> HttpResponse:
    """Remove an attachment from its meeting."""
    user = signed_in_user(request)
    attachment = get_attachment_for_user(user, attachment_id)
    actions.remove_attachment(attachment=attachment, by=user)
    messages.success(request, _("The attachment has been removed."))
    return redirect(reverse("coordination:meeting", kwargs={"meeting_id": attachment.meeting_id}) + "#attachments")


@login_required
@permission_required("coordination.manage_meetings", raise_exception=True)
@require_POST
def action_item_add(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    """Record an action item of a meeting."""
    user = signed_in_user(request)
    meeting = get_meeting_for_user(user, meeting_id, permission="coordination.manage_meetings")
    form = ActionItemForm(request.POST, meeting=meeting, organizations=organizations_in_network())
    if form.is_valid():
        try:
            actions.add_action_item(
                meeting=meeting,
                text=form.cleaned_data["text"],
                owner=form.cleaned_data["owner"],
                due_on=form.cleaned_data["due_on"],
                by=user,
            )
        except MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The action item has been added."))
            return redirect(reverse("coordination:meeting", kwargs={"meeting_id": meeting.pk}) + "#action-items")
    return _detail(request, meeting, item_form=form)


def _back(request: HttpRequest, item: ActionItem) -> str:
    wanted = request.POST.get("next", "")
    if wanted == "tasks":
        return reverse("coordination:tasks")
    if wanted == "action_items":
        return reverse("coordination:action_items")
    return reverse("coordination:meeting", kwargs={"meeting_id": item.meeting_id}) + "#action-items"


@login_required
@permission_required("coordination.handle_tasks", raise_exception=True)
@require_POST
def action_item_done(request: HttpRequest, item_id: uuid.UUID) -> HttpResponse:
    """Mark one of the organisation's action items done, with a note."""
    user = signed_in_user(request)
    item = get_action_item_for_user(user, item_id)
    form = CloseActionItemForm(request.POST)
    if form.is_valid():
        try:
            actions.complete_action_item(item=item, note=form.cleaned_data["note"], by=user)
        except MeetingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The action item is done."))
    else:
        messages.error(request, _("The note is too long."))
    return redirect(_back(request, item))


@login_required
@permission_required("coordination.manage_meetings", raise_exception=True)
@require_POST
def action_item_cancel(request: HttpRequest, item_id: uuid.UUID) -> HttpResponse:
    """Cancel an action item that is no longer needed, saying why."""
    user = signed_in_user(request)
    item = get_action_item_for_user(user, item_id)
    get_meeting_for_user(user, item.meeting_id, permission="coordination.manage_meetings")
    form = CloseActionItemForm(request.POST)
    try:
        if not form.is_valid():
            raise MeetingError(_("The note is too long."))
        actions.cancel_action_item(item=item, note=form.cleaned_data["note"], by=user)
    except MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The action item has been cancelled."))
    return redirect(_back(request, item))


@login_required
@permission_required("coordination.manage_meetings", raise_exception=True)
def action_items(request: HttpRequest) -> HttpResponse:
    """List every organisation's open action items, grouped by organisation; or download them."""
    user = signed_in_user(request)
    items = list(open_action_items_for_coordinator(viewer=user))
    file_format = requested_format(request)
    if file_format is not None:
        return export_response(rows=items, columns=ACTION_ITEM_COLUMNS, name="action-items", file_format=file_format)
    return render(
        request,
        "coordination/meetings/action_items.html",
        {"groups": group_by_owner(items), "count": len(items), "today": timezone.localdate()},
    )


@login_required
@permission_required("coordination.view_meetings", raise_exception=True)
def meeting_ics(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    """Return the meeting as a calendar file (iCalendar) to add to one's calendar."""
    meeting = get_meeting_for_user(signed_in_user(request), meeting_id)
    calendar = Calendar()
    calendar.add("prodid", "-//Spojka//coordination meetings//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"{meeting.pk}@spojka")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=2))
    event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    if meeting.online_url:
        event.add("url", meeting.online_url)
    agenda = "\n".join(f"{number}. {item.title}" for number, item in enumerate(meeting.agenda.all(), start=1))
    event.add("description", "\n".join(filter(None, [agenda, meeting.online_url])))
    calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response
