"""Forms of the organisation and staff pages."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from spojka.network.enums import Role
from spojka.network.models import Organization


class OrganizationForm(forms.ModelForm[Organization]):
    """An organisation's public facts, edited by the platform administrator."""

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = [
            "name",
            "short_name",
            "sector",
            "identifier",
            "description",
            "email",
            "phone",
            "website",
            "address",
            "municipality",
            "parent",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ModelChoiceField)  # noqa: S101  # narrows the type for mypy
        municipality.queryset = municipality.queryset.order_by("name")  # type: ignore[union-attr]  # always set by ModelForm
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)  # noqa: S101  # narrows the type for mypy
        if self.instance.pk:
            parent.queryset = Organization.objects.exclude(pk=self.instance.pk)


class InviteForm(forms.Form):
    """Who to invite into the organisation, and as what."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"))
    title = forms.CharField(
        label=_("Job title"),
        max_length=150,
        required=False,
        help_text=_("Optional, e.g. social worker or coordinator for minorities."),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )

    def __init__(self, *args: Any, roles: list[Role], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role.value, role.label) for role in roles]  # type: ignore[attr-defined]  # ChoiceField

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()
