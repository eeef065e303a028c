"""Forms of the cases' pages."""

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spojka.accounts.models import User
from spojka.cases.enums import CaseOutcome, NeedPriority, NeedStatus, NoteConfidentiality
from spojka.directory.models import TaxonomyTerm


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class PersonChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name()


class TermChoiceField(forms.ModelChoiceField[TaxonomyTerm]):
    def label_from_instance(self, obj: TaxonomyTerm) -> str:
        return obj.name


class CaseForm(forms.Form):
    """A case's subject and caseworker."""

    title = forms.CharField(
        label=_("Subject"), max_length=200, required=False, help_text=_("A few words, without the client's name.")
    )
    caseworker = PersonChoiceField(label=_("Caseworker"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, caseworkers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = caseworkers  # type: ignore[attr-defined]  # a ModelChoiceField


class NeedForm(forms.Form):
    term = TermChoiceField(label=_("Need"), queryset=TaxonomyTerm.objects.none())
    priority = forms.ChoiceField(label=_("Priority"), choices=NeedPriority.choices, initial=NeedPriority.NORMAL)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args: Any, terms: QuerySet[TaxonomyTerm], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = terms  # type: ignore[attr-defined]  # a ModelChoiceField


class NeedChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=NeedStatus.choices)
    priority = forms.ChoiceField(label=_("Priority"), choices=NeedPriority.choices)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))
    confidentiality = forms.ChoiceField(
        label=_("Who may read it"),
        choices=NoteConfidentiality.choices,
        initial=NoteConfidentiality.ORGANIZATION,
        widget=forms.RadioSelect,
    )


class TaskForm(forms.Form):
    title = forms.CharField(label=_("What to do"), max_length=200)
    due_on = forms.DateField(label=_("Due"), widget=DateInput())
    assignee = PersonChoiceField(label=_("Who does it"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = people  # type: ignore[attr-defined]  # a ModelChoiceField

    def clean_due_on(self) -> datetime.date:
        due_on: datetime.date = self.cleaned_data["due_on"]
        if due_on < timezone.localdate() - datetime.timedelta(days=365):
            raise forms.ValidationError(_("The day is more than a year ago."))
        return due_on


class CloseCaseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CaseOutcome.choices)
    outcome_note = forms.CharField(
        label=_("Outcome in words"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
