"""Forms of reporting rounds and the capacity registry."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spojka.coordination.actions_rounds import QuestionSpec, check_questions
from spojka.coordination.enums_rounds import CapacityKind, QuestionKind, RecipientRule
from spojka.coordination.models import ReportingRound, RoundQuestion
from spojka.coordination.queries_rounds import districts, municipalities
from spojka.geo.models import AdministrativeUnit
from spojka.network.enums import Sector
from spojka.network.models import Organization
from spojka.network.queries import organizations_in_network

DEADLINE_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class UnitChoiceField(forms.ModelChoiceField[AdministrativeUnit]):
    """Units named with the unit above them, so that two villages of one name can be told apart."""

    def label_from_instance(self, obj: AdministrativeUnit) -> str:
        return f"{obj.name} ({obj.parent.name})" if obj.parent is not None else obj.name


class RoundForm(forms.Form):
    """A round's title, instructions, deadline and who it goes to."""

    title = forms.CharField(label=_("Title"), max_length=200)
    instructions = forms.CharField(
        label=_("Instructions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the recipients should know: what to count, as of which day, whom to ask."),
    )
    deadline = forms.DateTimeField(
        label=_("Deadline"),
        widget=DEADLINE_INPUT,
        help_text=_("Date and time (Prague time) until which answers can be submitted and corrected."),
    )
    recipient_rule = forms.ChoiceField(
        label=_("Who it goes to"), choices=RecipientRule.choices, widget=forms.RadioSelect
    )
    district = UnitChoiceField(
        label=_("District"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        help_text=_("For “all municipal organisations of a district”."),
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", "—"), *Sector.choices],
        required=False,
        help_text=_("For “all organisations of a sector”."),
    )
    organizations = forms.ModelMultipleChoiceField(
        label=_("Chosen organisations"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For “chosen organisations”."),
    )

    def __init__(self, *args: Any, reporting_round: ReportingRound | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reporting_round = reporting_round
        district_field = cast(UnitChoiceField, self.fields["district"])
        district_field.queryset = districts()
        organizations_field = cast(forms.ModelMultipleChoiceField[Organization], self.fields["organizations"])
        organizations_field.queryset = organizations_in_network()
        if reporting_round is not None and reporting_round.status != "draft":
            # Recipients are resolved at publication; afterwards only the texts and the deadline change.
            for name in ("recipient_rule", "district", "sector", "organizations"):
                self.fields[name].disabled = True

    @classmethod
    def initial_for(cls, reporting_round: ReportingRound) -> dict[str, Any]:
        """Return the form's initial data from a round."""
        return {
            "title": reporting_round.title,
            "instructions": reporting_round.instructions,
            "deadline": timezone.localtime(reporting_round.deadline),
            "recipient_rule": reporting_round.recipient_rule,
            "district": reporting_round.district,
            "sector": reporting_round.sector,
            "organizations": list(reporting_round.chosen_organizations.all()),
        }

    def clean_deadline(self) -> Any:
        deadline = self.cleaned_data["deadline"]
        if deadline is not None and deadline <= timezone.now():
            raise forms.ValidationError(_("The deadline must be in the future."))
        return deadline

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rule = data.get("recipient_rule")
        if rule == RecipientRule.DISTRICT_MUNICIPALITIES and not data.get("district"):
            self.add_error("district", _("Choose the district whose municipalities the round goes to."))
        if rule == RecipientRule.SECTOR and not data.get("sector"):
            self.add_error("sector", _("Choose the sector whose organisations the round goes to."))
        if rule == RecipientRule.CHOSEN and not data.get("organizations"):
            self.add_error("organizations", _("Choose at least one organisation."))
        return data


class QuestionForm(forms.Form):
    """One question of a round, as a row of the question editor."""

    key = forms.SlugField(
        label=_("Key"),
        max_length=60,
        help_text=_("Letters, digits, hyphens; unique in the round. Keep it the same across rounds for a series."),
    )
    label = forms.CharField(label=_("Question"), max_length=300)
    # A blank first choice, so that an empty row of the editor stays unchanged and is skipped.
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=[("", "\N{EM DASH}"), *QuestionKind.choices])
    help_text = forms.CharField(label=_("Explanation"), max_length=500, required=False)
    required = forms.BooleanField(label=_("Required"), required=False)
    min_value = forms.IntegerField(
        label=_("Smallest number"), required=False, help_text=_("Empty means 0: counts cannot be negative.")
    )
    max_value = forms.IntegerField(label=_("Largest number"), required=False)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a choice: one option per line."),
    )
    capacity_kind = forms.ChoiceField(
        label=_("Feeds the capacity registry as"),
        choices=[("", _("Does not feed the registry")), *CapacityKind.choices],
        required=False,
    )

    def spec(self) -> QuestionSpec:
        """Return the row as a question for `set_questions`."""
        data = self.cleaned_data
        return QuestionSpec(
            key=data["key"],
            label=data["label"],
            kind=data["kind"],
            help_text=data.get("help_text") or "",
            required=bool(data.get("required")),
            min_value=data["min_value"] if data.get("min_value") is not None else 0,
            max_value=data.get("max_value"),
            options=[line.strip() for line in (data.get("options") or "").splitlines() if line.strip()],
            capacity_kind=data.get("capacity_kind") or "",
        )

    @staticmethod
    def initial_for(question: RoundQuestion) -> dict[str, Any]:
        return {
            "key": question.key,
            "label": question.label,
            "kind": question.kind,
            "help_text": question.help_text,
            "required": question.required,
            "min_value": question.min_value,
            "max_value": question.max_value,
            "options": "\n".join(str(option) for option in question.options),
            "capacity_kind": question.capacity_kind,
        }


class BaseQuestionFormSet(forms.BaseFormSet):  # type: ignore[type-arg]  # django-stubs' BaseFormSet is generic over the form
    """The question editor: rows left empty are ignored, the rest checked together (unique keys)."""

    def specs(self) -> list[QuestionSpec]:
        """Return the filled rows not marked for deletion, in order."""
        initial = self.initial_form_count()
        return [
            form.spec()
            for index, form in enumerate(self.forms)
            if (index < initial or form.has_changed()) and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def refuse(self, messages: list[str]) -> None:
        """Show an action's refusal among the formset's own errors."""
        self._non_form_errors = self.error_class(messages)

    def clean(self) -> None:
        if any(self.errors):
            return
        try:
            check_questions(self.specs())
        except forms.ValidationError as error:
            raise forms.ValidationError(error.messages) from error


QuestionFormSet = forms.formset_factory(QuestionForm, formset=BaseQuestionFormSet, extra=2, can_delete=True)


def _number_field(question: RoundQuestion, label: str) -> forms.IntegerField:
    messages = {
        "invalid": _("Enter a whole number, such as 12."),
        "min_value": _("The count cannot be negative.")
        if question.min_value == 0
        else _("Enter a number of at least %(limit_value)s."),
        "max_value": _("Enter a number of at most %(limit_value)s."),
    }
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=question.min_value,
        max_value=question.max_value,
        error_messages=messages,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class AnswerForm(forms.Form):
    """An organisation's answer to a round: one field per question, one per municipality for tables.

    No field is required while a draft is saved; submitting asks for the required questions.
    """

    def __init__(
        self,
        *args: Any,
        questions: Sequence[RoundQuestion],
        area: Sequence[AdministrativeUnit],
        submit: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.area = list(area)
        self.submit = submit
        for question in self.questions:
            if question.kind == QuestionKind.MUNICIPALITY_TABLE:
                for unit in self.area:
                    self.fields[f"{question.key}__{unit.code}"] = _number_field(question, unit.name)
            elif question.kind == QuestionKind.NUMBER:
                self.fields[question.key] = _number_field(question, question.label)
            elif question.kind == QuestionKind.CHOICE:
                self.fields[question.key] = forms.ChoiceField(
                    label=question.label,
                    required=False,
                    choices=[(option, option) for option in question.options],
                    widget=forms.RadioSelect,
                )
            else:
                self.fields[question.key] = forms.CharField(
                    label=question.label, required=False, widget=forms.Textarea(attrs={"rows": 3})
                )

    def sections(self) -> list[dict[str, Any]]:
        """Return each question with its field, or its municipality rows, for the template."""
        sections: list[dict[str, Any]] = []
        for question in self.questions:
            if question.kind == QuestionKind.MUNICIPALITY_TABLE:
                rows = [(unit, self[f"{question.key}__{unit.code}"]) for unit in self.area]
                sections.append({"question": question, "field": None, "rows": rows})
            else:
                sections.append({"question": question, "field": self[question.key], "rows": []})
        return sections

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.submit:
            return data
        for question in self.questions:
            if not question.required:
                continue
            if question.kind == QuestionKind.MUNICIPALITY_TABLE:
                names = [f"{question.key}__{unit.code}" for unit in self.area]
                if names and all(data.get(name) is None for name in names) and not any(n in self.errors for n in names):
                    self.add_error(names[0], _("Give at least one number before submitting."))
            elif data.get(question.key) in (None, "") and question.key not in self.errors:
                self.add_error(question.key, _("Answer this question before submitting."))
        return data

    def answers(self) -> dict[str, Any]:
        """Return the cleaned answer in the shape `save_answer` takes."""
        answers: dict[str, Any] = {}
        for question in self.questions:
            if question.kind == QuestionKind.MUNICIPALITY_TABLE:
                answers[question.key] = {
                    unit.code: self.cleaned_data.get(f"{question.key}__{unit.code}") for unit in self.area
                }
            else:
                answers[question.key] = self.cleaned_data.get(question.key)
        return answers


class CapacityForm(forms.Form):
    """The coordinator's own figure of free places in a municipality."""

    municipality = UnitChoiceField(label=_("Municipality"), queryset=AdministrativeUnit.objects.none())
    kind = forms.ChoiceField(label=_("Kind of capacity"), choices=CapacityKind.choices)
    places = forms.IntegerField(
        label=_("Free places"),
        min_value=0,
        error_messages={
            "invalid": _("Enter a whole number, such as 12."),
            "min_value": _("The number of free places cannot be negative."),
        },
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False, help_text=_("Where the figure comes from."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(UnitChoiceField, self.fields["municipality"])
        field.queryset = municipalities()


def unit_choices(units: QuerySet[AdministrativeUnit]) -> list[tuple[str, str]]:
    """Return units as (id, name) pairs for a filter."""
    return [(str(unit.pk), unit.name) for unit in units]
