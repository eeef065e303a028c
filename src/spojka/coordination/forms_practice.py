"""Forms of the good-practice library: an entry in several languages, and the model description's choices."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from spojka.coordination.models import GoodPractice, PracticeTag, PracticeVisibility
from spojka.core.translated import site_language
from spojka.network.models import Organization

LANGUAGE_NAMES = dict(settings.LANGUAGES)


@dataclass(frozen=True)
class LanguageSection:
    """The entry's texts in one language, shown as a section of their own."""

    code: str
    name: str
    is_site_language: bool
    fields: list[forms.BoundField]

    @property
    def is_open(self) -> bool:
        """Say whether the section shows unfolded: the site's language, or one with text or errors."""
        return self.is_site_language or any(field.value() or field.errors for field in self.fields)


class OrganizationsField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # django-stubs generic
    """Organisations labelled with their short name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class OrganizationField(forms.ModelChoiceField):  # type: ignore[type-arg]  # django-stubs generic
    """An organisation labelled with its name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class TagsField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # django-stubs generic
    """Tags labelled in the page's language."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.t.name)


class PracticeForm(forms.Form):
    """A good-practice entry: its texts per language, who took part, contacts, tags and visibility."""

    TRANSLATED = GoodPractice.TRANSLATED_FIELDS
    REQUIRED = frozenset({"title"})

    organization = OrganizationField(label=_("Organisation that writes it"), queryset=Organization.objects.none())
    actors = OrganizationsField(
        label=_("Organisations of the network involved"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contacts = forms.CharField(
        label=_("Contacts"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who to ask: a name, role, e-mail or phone."),
    )
    tags = TagsField(
        label=_("Tags"), queryset=PracticeTag.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    new_tags = forms.CharField(label=_("New tags"), required=False, max_length=300, help_text=_("Separated by commas."))
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=PracticeVisibility.choices,
        widget=forms.RadioSelect,
        help_text=_("Public entries show on the region's public pages once published."),
    )

    def __init__(
        self,
        *args: Any,
        organizations: QuerySet[Organization],
        tags: QuerySet[PracticeTag],
        practice: GoodPractice | None = None,
        **kwargs: Any,
    ) -> None:
        if practice is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "organization": practice.organization_id,
                "actors": list(practice.actors.all()),
                "contacts": practice.contacts,
                "tags": list(practice.tags.all()),
                "visibility": practice.visibility,
            }
        kwargs.setdefault("initial", {}).setdefault("visibility", PracticeVisibility.PUBLIC)
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["actors"].queryset = Organization.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["tags"].queryset = tags  # type: ignore[attr-defined]  # a ModelChoiceField
        base = site_language()
        for code, _name in settings.LANGUAGES:
            for name in self.TRANSLATED:
                model_field = GoodPractice._meta.get_field(name)
                assert isinstance(model_field, models.Field)  # noqa: S101  # narrows the type for mypy
                field = forms.CharField(
                    label=format_lazy(
                        "{field} ({language})",
                        field=capfirst(model_field.verbose_name),
                        language=LANGUAGE_NAMES[code],
                    ),
                    max_length=model_field.max_length,
                    required=code == base and name in self.REQUIRED,
                    help_text=model_field.help_text if code == base else "",
                    widget=forms.Textarea(attrs={"rows": 4, "lang": code})
                    if isinstance(model_field, models.TextField)
                    else forms.TextInput(attrs={"lang": code}),
                )
                if practice is not None:
                    field.initial = practice.text_in(name, code)
                self.fields[f"{name}__{code}"] = field

    def language_sections(self) -> list[LanguageSection]:
        """Return the texts grouped by language, the site's language first."""
        base = site_language()
        ordered = sorted(settings.LANGUAGES, key=lambda language: language[0] != base)
        return [
            LanguageSection(
                code=code,
                name=str(name),
                is_site_language=code == base,
                fields=[self[f"{field}__{code}"] for field in self.TRANSLATED],
            )
            for code, name in ordered
        ]

    def other_fields(self) -> list[forms.BoundField]:
        """Return the fields that are not per-language texts."""
        return [field for field in self.visible_fields() if "__" not in field.name]

    def texts(self) -> dict[str, dict[str, str]]:
        """Return the cleaned texts by language and field, as `save_practice` takes them."""
        return {
            code: {name: str(self.cleaned_data.get(f"{name}__{code}") or "").strip() for name in self.TRANSLATED}
            for code, _name in settings.LANGUAGES
        }

    def new_tag_names(self) -> list[str]:
        """Return the new tags typed in, without blanks."""
        return [name.strip() for name in self.cleaned_data.get("new_tags", "").split(",") if name.strip()]


class ModelDescriptionForm(forms.Form):
    """The language of the model description and the good practices it includes."""

    language = forms.ChoiceField(
        label=_("Language"), choices=[("cs", _("Czech")), ("en", _("English"))], initial="cs", widget=forms.RadioSelect
    )
    practices = forms.ModelMultipleChoiceField(
        label=_("Good practices to include"),
        queryset=GoodPractice.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: all published entries."),
    )

    def __init__(self, *args: Any, practices: QuerySet[GoodPractice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["practices"].queryset = practices  # type: ignore[attr-defined]  # a ModelChoiceField
