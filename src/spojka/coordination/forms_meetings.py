"""Forms of coordination meetings: the meeting, its minutes, attachments and action items."""

import datetime
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spojka.accounts.models import User
from spojka.coordination.actions_meetings import MAX_ATTACHMENT_BYTES, attachment_problem
from spojka.coordination.models import Meeting
from spojka.network.models import Organization

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class OrganizationChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # django-stubs generic
    """Organisations labelled with their short name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class PeopleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # django-stubs generic
    """Staff labelled with their name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name())


class MeetingForm(forms.Form):
    """When and where a meeting is, who takes part and what it will discuss."""

    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME_INPUT)
    ends_at = forms.DateTimeField(label=_("Ends"), required=False, widget=DATETIME_INPUT)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    online_url = forms.URLField(label=_("Online meeting link"), required=False, assume_scheme="https", max_length=200)
    organizations = OrganizationChoiceField(
        label=_("Participating organisations"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their staff see the meeting, its minutes and action items."),
    )
    participants = PeopleChoiceField(
        label=_("Participants"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    guests = forms.CharField(
        label=_("Guests"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("People from outside the platform, one per line (name and affiliation)."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One item per line, in order."),
    )

    def __init__(
        self,
        *args: Any,
        organizations: QuerySet[Organization],
        people: QuerySet[User],
        meeting: Meeting | None = None,
        **kwargs: Any,
    ) -> None:
        if meeting is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": meeting.title,
                "starts_at": timezone.localtime(meeting.starts_at),
                "ends_at": timezone.localtime(meeting.ends_at) if meeting.ends_at else None,
                "place": meeting.place,
                "online_url": meeting.online_url,
                "organizations": list(meeting.organizations.all()),
                "participants": list(meeting.participants.all()),
                "guests": meeting.guests,
                "agenda": "\n".join(item.title for item in meeting.agenda.all()),
            }
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = organizations  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["participants"].queryset = people  # type: ignore[attr-defined]  # a ModelChoiceField

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at < starts_at:
            self.add_error("ends_at", _("The meeting cannot end before it starts."))
        if not data.get("place", "").strip() and not data.get("online_url", "").strip():
            self.add_error("place", _("Say where the meeting takes place, or give the link to join it online."))
        return data

    def agenda_items(self) -> list[str]:
        """Return the agenda, one item per non-empty line."""
        return [line.strip() for line in self.cleaned_data.get("agenda", "").splitlines() if line.strip()]


class MinutesForm(forms.Form):
    """The minutes of a meeting, as plain text."""

    minutes = forms.CharField(label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 14}))


class AttachmentForm(forms.Form):
    """One file to attach to a meeting."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, office documents, text or pictures, at most %(megabytes)d MB.")
        % {"megabytes": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        problem = attachment_problem(upload)
        if problem:
            raise forms.ValidationError(problem)
        return upload


class OwnerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]  # django-stubs generic
    """Organisations labelled with their short name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class ActionItemForm(forms.Form):
    """What an organisation agreed to do, and by when."""

    text = forms.CharField(label=_("What is to be done"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    owner = OwnerChoiceField(label=_("Owner organisation"), queryset=Organization.objects.none())
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, meeting: Meeting, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["owner"].queryset = organizations  # type: ignore[attr-defined]  # a ModelChoiceField

    def clean_due_on(self) -> datetime.date:
        due_on: datetime.date = self.cleaned_data["due_on"]
        meeting_day = timezone.localdate(self.meeting.starts_at)
        if due_on < meeting_day:
            raise forms.ValidationError(
                _("The due date cannot be before the meeting (%(day)s).") % {"day": meeting_day.strftime("%d.%m.%Y")}
            )
        return due_on


class CloseActionItemForm(forms.Form):
    """A note on how an action item was done, or why it was cancelled."""

    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
