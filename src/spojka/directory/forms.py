"""Forms of the staff side of the directory."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Final, cast

from babel import Locale, UnknownLocaleError
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst, format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from spojka.core.translated import Translatable, site_language
from spojka.directory.actions.capacity import check_capacity
from spojka.directory.actions.contacts import normalise_phone
from spojka.directory.actions.schedules import Interval, check_intervals
from spojka.directory.enums import PhoneType, ServiceStatus, Weekday
from spojka.directory.models import CapacityUnit, Contact, Location, Schedule, Service, TaxonomyTerm
from spojka.directory.queries import need_terms
from spojka.geo.models import AdministrativeUnit, ResidenceStatus
from spojka.network.models import Organization

# Languages a service may say it speaks: those of the people the network serves and of its
# staff, by ISO 639-1 code. Their names come from Babel, in the language of the page.
SPOKEN_LANGUAGES: Final = (
    "cs", "sk", "uk", "ru", "be", "en", "de", "pl", "vi", "ro", "hu", "bg", "sr", "hr", "sq",
    "fr", "es", "it", "pt", "tr", "ar", "fa", "ps", "ku", "ka", "hy", "az", "kk", "ky", "uz",
    "tg", "mn", "zh",
)  # fmt: skip

# Languages the search synonyms of a need are kept in.
SYNONYM_LANGUAGES: Final = ("cs", "uk", "ru", "en")


def language_name(code: str, *, in_language: str | None = None) -> str:
    """Return a language's name in the active language (or the one asked for), e.g. "ukrajinština"."""
    try:
        locale = Locale.parse((in_language or get_language() or settings.LANGUAGE_CODE).replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale("en")
    return capfirst(locale.languages.get(code) or Locale("en").languages.get(code) or code)


def spoken_language_choices() -> list[tuple[str, str]]:
    """Return the languages a service may speak, named in the active language, alphabetically."""
    return sorted(((code, language_name(code)) for code in SPOKEN_LANGUAGES), key=lambda choice: choice[1].lower())


TIME_INPUT: Final = {"type": "time"}
DATE_INPUT: Final = {"type": "date"}


@dataclass(frozen=True)
class LanguageSection:
    """The translatable fields of a form in one language, shown as a fieldset of their own."""

    code: str
    name: str
    is_site_language: bool
    fields: list[forms.BoundField]

    @property
    def is_open(self) -> bool:
        """Say whether the section should show unfolded: the site's language, or one with text or errors."""
        return self.is_site_language or any(field.value() or field.errors for field in self.fields)


class TranslatedFieldsMixin:
    """Adds a field per translatable text and UI language, named `<field>__<language>`.

    The site's language is where the required texts are required; the other languages are
    optional (the portal shows the site's text marked as such where one is missing).
    """

    translated_fields: ClassVar[tuple[str, ...]] = ()
    required_texts: ClassVar[frozenset[str]] = frozenset({"name"})
    fields: dict[str, forms.Field]

    def add_translated_fields(self, model: type[Translatable], instance: Translatable | None) -> None:
        base = site_language()
        for code, _name in settings.LANGUAGES:
            for name in self.translated_fields:
                model_field = model._meta.get_field(name)
                assert isinstance(model_field, models.Field)  # noqa: S101  # narrows the type for mypy
                is_long = isinstance(model_field, models.TextField)
                field = forms.CharField(
                    label=format_lazy(
                        "{field} ({language})", field=capfirst(model_field.verbose_name), language=language_name(code)
                    ),
                    max_length=model_field.max_length,
                    required=code == base and name in self.required_texts,
                    help_text=model_field.help_text if code == base else "",
                    widget=forms.Textarea(attrs={"rows": 3, "lang": code})
                    if is_long
                    else forms.TextInput(attrs={"lang": code}),
                )
                if instance is not None and instance.pk:
                    field.initial = instance.text_in(name, code)
                self.fields[f"{name}__{code}"] = field

    def language_sections(self) -> list[LanguageSection]:
        """Return the translatable fields grouped by language, the site's language first."""
        base = site_language()
        ordered = sorted(settings.LANGUAGES, key=lambda language: language[0] != base)
        return [
            LanguageSection(
                code=code,
                name=language_name(code),
                is_site_language=code == base,
                fields=[self[f"{name}__{code}"] for name in self.translated_fields],  # type: ignore[index]  # a Form
            )
            for code, _name in ordered
        ]

    def texts(self) -> dict[str, dict[str, str]]:
        """Return the cleaned texts by language and field, as the save actions take them."""
        data: dict[str, Any] = self.cleaned_data  # type: ignore[attr-defined]  # a Form
        return {
            code: {name: str(data.get(f"{name}__{code}") or "").strip() for name in self.translated_fields}
            for code, _name in settings.LANGUAGES
        }

    def untranslated_visible_fields(self) -> Iterator[forms.BoundField]:
        """Return the visible fields that are not per-language texts (for includes/form_fields)."""
        for field in self.visible_fields():  # type: ignore[attr-defined]  # a Form
            if "__" not in field.name:
                yield field


class UnitChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # django-stubs generic
    """Administrative units labelled with their level, e.g. "Liberec (municipality)"."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.level_label})"


class ServiceForm(TranslatedFieldsMixin, forms.ModelForm[Service]):
    """What a service is, for whom, where and in which languages."""

    translated_fields = Service.TRANSLATED_FIELDS

    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=Organization.objects.none())
    needs = forms.ModelMultipleChoiceField(
        label=_("Needs it answers"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    residence_statuses = forms.ModelMultipleChoiceField(
        label=_("For people with residence status"),
        queryset=ResidenceStatus.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty when the service is open to people of any status."),
    )
    areas = UnitChoiceField(
        label=_("For people living in"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Districts or municipalities; leave empty when it serves the whole region."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Given at"),
        queryset=Location.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The organisation's places where the service is given."),
    )
    url = forms.URLField(label=_("Web page"), required=False, assume_scheme="https")

    class Meta:
        model = Service
        fields = [
            "status",
            "url",
            "email",
            "is_free",
            "minimum_age",
            "maximum_age",
            "response_days",
            "closed_on_public_holidays",
            "accreditations",
        ]

    def __init__(self, *args: Any, organizations: Sequence[Organization] | None = None, **kwargs: Any) -> None:
        """`organizations`: those a new service may belong to; None when the organisation is fixed."""
        super().__init__(*args, **kwargs)
        service = self.instance
        organization_field = self.fields["organization"]
        assert isinstance(organization_field, forms.ModelChoiceField)  # noqa: S101  # narrows the type for mypy
        if organizations is None:
            del self.fields["organization"]
        else:
            organization_field.queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations]).order_by(
                "name"
            )
        self._set_queryset("needs", need_terms())
        self._set_queryset("residence_statuses", ResidenceStatus.objects.order_by("country", "position"))
        self._set_queryset(
            "areas",
            AdministrativeUnit.objects.exclude(level="region").select_related("country").order_by("depth", "name"),
        )
        self.fields["languages"].choices = spoken_language_choices()  # type: ignore[attr-defined]  # a ChoiceField
        if service.organization_id:
            self._set_queryset("locations", Location.objects.filter(organization_id=service.organization_id))
        else:
            del self.fields["locations"]
        if service.pk:
            self.initial.update(
                {
                    "needs": list(service.needs.all()),
                    "residence_statuses": list(service.residence_statuses.all()),
                    "areas": [area.unit_id for area in service.areas.all()],
                    "languages": [language.code for language in service.languages.all()],
                    "locations": [link.location_id for link in service.at_locations.all()],
                }
            )
        self.add_translated_fields(Service, service)

    def _set_queryset(self, name: str, queryset: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  # narrows the type for mypy
        field.queryset = queryset

    def need_groups(self) -> list[tuple[str, list[Any]]]:
        """Return the need checkboxes grouped by taxonomy, in the taxonomy's order."""
        field = self.fields["needs"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  # narrows the type for mypy
        taxonomy_of = {str(term.pk): term.taxonomy.name for term in field.queryset}  # type: ignore[union-attr]  # set in __init__
        groups: dict[str, list[Any]] = {}
        for checkbox in self["needs"].subwidgets:
            groups.setdefault(taxonomy_of.get(str(checkbox.data["value"]), ""), []).append(checkbox)
        return list(groups.items())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        minimum, maximum = data.get("minimum_age"), data.get("maximum_age")
        if minimum is not None and maximum is not None and minimum > maximum:
            self.add_error("maximum_age", _("The maximum age must not be lower than the minimum age."))
        return data


class WithdrawForm(forms.Form):
    """What happens to a service that is no longer given as it was."""

    status = forms.ChoiceField(
        label=_("New status"),
        choices=[(value, label) for value, label in ServiceStatus.choices if value != ServiceStatus.ACTIVE],
        widget=forms.RadioSelect,
    )


class IntervalForm(forms.Form):
    """One weekly opening interval."""

    weekday = forms.TypedChoiceField(label=_("Day"), choices=Weekday.choices, coerce=int)
    opens_at = forms.TimeField(label=_("Opens"), widget=forms.TimeInput(attrs=TIME_INPUT, format="%H:%M"))
    closes_at = forms.TimeField(label=_("Closes"), widget=forms.TimeInput(attrs=TIME_INPUT, format="%H:%M"))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens is not None and closes is not None and opens >= closes:
            self.add_error("closes_at", _("The closing time must come after the opening time."))
        return data


class BaseIntervalFormSet(forms.BaseFormSet):  # type: ignore[type-arg]  # django-stubs generic
    """The weekly hours; several intervals a day are allowed, overlapping ones are not."""

    def intervals(self) -> list[Interval]:
        return [
            Interval(
                weekday=Weekday(form.cleaned_data["weekday"]),
                opens_at=form.cleaned_data["opens_at"],
                closes_at=form.cleaned_data["closes_at"],
                note=form.cleaned_data.get("note", ""),
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and "weekday" in form.cleaned_data
        ]

    def clean(self) -> None:
        if any(self.errors):
            return
        try:
            check_intervals(self.intervals())
        except ValidationError as error:
            raise ValidationError(error.messages) from error


IntervalFormSet = cast(
    type[BaseIntervalFormSet],
    forms.formset_factory(
        IntervalForm, formset=BaseIntervalFormSet, extra=3, can_delete=True, max_num=50, validate_max=True
    ),
)


def interval_initial(rows: Sequence[Schedule]) -> list[dict[str, Any]]:
    """Return the formset's initial data from a service's or location's weekly rows."""
    return [
        {"weekday": row.weekday, "opens_at": row.opens_at, "closes_at": row.closes_at, "note": row.description}
        for row in rows
        if not row.is_exception
    ]


class ExceptionForm(forms.Form):
    """Dates when a service is closed, or open only at special hours."""

    valid_from = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"))
    valid_to = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
        help_text=_("Leave empty for a single day."),
    )
    closed = forms.BooleanField(label=_("Closed all day"), required=False, initial=True)
    opens_at = forms.TimeField(
        label=_("Opens"),
        required=False,
        widget=forms.TimeInput(attrs=TIME_INPUT, format="%H:%M"),
        help_text=_("Only when open at special hours."),
    )
    closes_at = forms.TimeField(
        label=_("Closes"), required=False, widget=forms.TimeInput(attrs=TIME_INPUT, format="%H:%M")
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False, help_text=_("E.g. public holiday."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("valid_from"), data.get("valid_to")
        if first and last and last < first:
            self.add_error("valid_to", _("The last day comes before the first."))
        if data.get("closed"):
            data["opens_at"] = data["closes_at"] = None
        else:
            opens, closes = data.get("opens_at"), data.get("closes_at")
            if opens is None or closes is None:
                raise ValidationError(_("Give the special opening hours, or tick “Closed all day”."))
            if opens >= closes:
                self.add_error("closes_at", _("The closing time must come after the opening time."))
        return data


class LocationForm(TranslatedFieldsMixin, forms.ModelForm[Location]):
    """A place where an organisation gives services, with its address."""

    translated_fields = Location.TRANSLATED_FIELDS

    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=Organization.objects.none())
    url = forms.URLField(label=_("Web address"), required=False, assume_scheme="https")

    class Meta:
        model = Location
        fields = [
            "location_type",
            "alternate_name",
            "address_1",
            "address_2",
            "postal_code",
            "city",
            "municipality",
            "url",
            "latitude",
            "longitude",
        ]

    def __init__(self, *args: Any, organizations: Sequence[Organization] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization_field = self.fields["organization"]
        assert isinstance(organization_field, forms.ModelChoiceField)  # noqa: S101  # narrows the type for mypy
        if organizations is None:
            del self.fields["organization"]
        else:
            organization_field.queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations]).order_by(
                "name"
            )
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ModelChoiceField)  # noqa: S101  # narrows the type for mypy
        municipality.queryset = AdministrativeUnit.objects.filter(level="municipality").order_by("name")
        help_text = _("Leave empty to use the centre of the municipality.")
        self.fields["latitude"].help_text = help_text
        self.fields["longitude"].help_text = help_text
        self.add_translated_fields(Location, self.instance)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_latitude, has_longitude = data.get("latitude") is not None, data.get("longitude") is not None
        if has_latitude != has_longitude:
            raise ValidationError(_("Give both the latitude and the longitude, or neither."))
        if data.get("location_type") != "virtual" and not data.get("municipality") and not data.get("city"):
            self.add_error("municipality", _("Choose the municipality of the address."))
        return data


class CapacityForm(forms.Form):
    """Free and total places of a service in one unit: the list's two numbers and Save."""

    available = forms.IntegerField(label=_("Free"), min_value=0, max_value=100000)
    maximum = forms.IntegerField(label=_("Total"), min_value=0, max_value=100000, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "available" in data and not self.errors:
            try:
                check_capacity(available=data["available"], maximum=data.get("maximum"))
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return data


class AddCapacityForm(CapacityForm):
    """Start counting a service's places in a unit."""

    unit = forms.ModelChoiceField(label=_("Counted in"), queryset=CapacityUnit.objects.order_by("code"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["unit", "available", "maximum"])


class PhoneForm(forms.Form):
    """A phone number of a service or location."""

    number = forms.CharField(label=_("Number"), max_length=32, help_text=_("E.g. +420 485 123 456."))
    type = forms.ChoiceField(label=_("Kind"), choices=PhoneType.choices, initial=PhoneType.VOICE)
    description = forms.CharField(
        label=_("Description"), max_length=255, required=False, help_text=_("E.g. Ukrainian line, mornings only.")
    )

    def clean_number(self) -> str:
        return normalise_phone(str(self.cleaned_data["number"]))


class ContactForm(forms.ModelForm[Contact]):
    """A person to contact about a service."""

    class Meta:
        model = Contact
        fields = ["name", "title", "department", "email"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("name") and not data.get("email"):
            raise ValidationError(_("Give the contact's name or e-mail."))
        return data


class TaxonomyTermForm(forms.Form):
    """A need's label in every UI language and its search synonyms in the languages people search in."""

    def __init__(self, *args: Any, term: TaxonomyTerm, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, _name in settings.LANGUAGES:
            self.fields[f"label_{code}"] = forms.CharField(
                label=language_name(code),
                max_length=200,
                required=code == site_language(),
                initial=term.labels.get(code, ""),
                widget=forms.TextInput(attrs={"lang": code}),
            )
        for code in SYNONYM_LANGUAGES:
            self.fields[f"synonyms_{code}"] = forms.CharField(
                label=language_name(code),
                required=False,
                initial="\n".join(term.synonyms.get(code, [])),
                help_text=_("One word or phrase a line."),
                widget=forms.Textarea(attrs={"rows": 3, "lang": code}),
            )

    def label_fields(self) -> list[forms.BoundField]:
        return [self[f"label_{code}"] for code, _name in settings.LANGUAGES]

    def synonym_fields(self) -> list[forms.BoundField]:
        return [self[f"synonyms_{code}"] for code in SYNONYM_LANGUAGES]

    def labels(self) -> dict[str, str]:
        return {code: str(self.cleaned_data.get(f"label_{code}") or "") for code, _name in settings.LANGUAGES}

    def synonyms(self) -> dict[str, list[str]]:
        return {
            code: [
                word.strip()
                for line in str(self.cleaned_data.get(f"synonyms_{code}") or "").splitlines()
                for word in line.split(",")
                if word.strip()
            ]
            for code in SYNONYM_LANGUAGES
        }
