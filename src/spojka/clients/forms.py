"""Forms of the clients' pages."""

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from spojka.clients.enums import BirthDatePrecision, ConsentChannel, DataCategory, Relationship
from spojka.clients.locales import country_choices, language_choices
from spojka.clients.models import EDITABLE_FIELDS, Client, Vulnerability
from spojka.directory.enums import ServiceStatus
from spojka.directory.models import Service
from spojka.geo.models import AdministrativeUnit, ResidenceStatus
from spojka.network.models import Organization
from spojka.network.queries import organizations_in_network


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ServiceChoiceField(forms.ModelChoiceField[Service]):
    def label_from_instance(self, obj: Service) -> str:
        return f"{obj.organization.display_name}: {obj.name}"


class ClientForm(forms.ModelForm[Client]):
    """A client's record: names in both scripts, birth, residence, contacts, address, vulnerabilities."""

    birth_year = forms.IntegerField(
        label=_("Year of birth only"),
        required=False,
        min_value=1880,
        max_value=2200,
        help_text=_("When the full date is not known."),
    )
    citizenship = forms.ChoiceField(label=_("Citizenship"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), required=False, widget=forms.CheckboxSelectMultiple
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        required=False,
        help_text=_("Printed reminders and consent forms are in this language where Spojka speaks it."),
    )
    vulnerabilities = forms.ModelMultipleChoiceField(
        label=_("Vulnerabilities"),
        queryset=Vulnerability.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Client
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "birth_date": DateInput(),
            "document_valid_from": DateInput(),
            "document_valid_until": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, organization: Organization | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["citizenship"].choices = [("", "—"), *country_choices()]  # type: ignore[attr-defined]  # ChoiceField
        self.fields["languages"].choices = language_choices()  # type: ignore[attr-defined]  # ChoiceField
        self.fields["preferred_language"].choices = [("", "—"), *language_choices()]  # type: ignore[attr-defined]  # ChoiceField
        country_id = (
            organization.municipality.country_id if organization is not None and organization.municipality else None
        )
        statuses: QuerySet[ResidenceStatus] = ResidenceStatus.objects.order_by("country_id", "position")
        units: QuerySet[AdministrativeUnit] = AdministrativeUnit.objects.filter(children__isnull=True)
        vulnerabilities: QuerySet[Vulnerability] = Vulnerability.objects.order_by("position", "code")
        if country_id:
            statuses = statuses.filter(country_id=country_id)
            units = units.filter(country_id=country_id)
            vulnerabilities = vulnerabilities.filter(country_id=country_id)
        self.fields["residence_status"].queryset = statuses  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["municipality"].queryset = units.order_by("search_name", "name")  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["vulnerabilities"].queryset = vulnerabilities  # type: ignore[attr-defined]  # ModelMultipleChoiceField
        if (
            self.instance.pk
            and self.instance.birth_date_precision == BirthDatePrecision.YEAR
            and self.instance.birth_date
        ):
            self.initial["birth_year"] = self.instance.birth_date.year
            self.initial["birth_date"] = None
        if self.instance.pk:
            self.initial["vulnerabilities"] = list(self.instance.vulnerabilities.all())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        birth_date = cleaned.get("birth_date")
        birth_year = cleaned.get("birth_year")
        if birth_date is None and birth_year:
            if birth_year > timezone.localdate().year:
                self.add_error("birth_year", _("The date of birth cannot be in the future."))
            else:
                cleaned["birth_date"] = datetime.date(birth_year, 1, 1)
                self.instance.birth_date_precision = BirthDatePrecision.YEAR
        elif birth_date is not None:
            self.instance.birth_date_precision = BirthDatePrecision.DAY
        return cleaned


class RegistrationForm(ClientForm):
    """A new client, with the confirmation asked when likely duplicates were found."""

    create_anyway = forms.BooleanField(
        label=_("This is a different person: register them anyway"),
        required=False,
    )

    class Meta(ClientForm.Meta):
        fields = [*ClientForm.Meta.fields]

    def __init__(self, *args: Any, in_household: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if in_household:
            self.fields["relationship"] = forms.ChoiceField(
                label=_("Relationship to the reference person"),
                choices=[choice for choice in Relationship.choices if choice[0] != Relationship.REFERENCE],
                initial=Relationship.CHILD,
            )


class ConsentForm(forms.Form):
    """A client's consent to share some of their data with an organisation, for a purpose."""

    recipient_organization = forms.ModelChoiceField(
        label=_("Share with the organisation"), queryset=Organization.objects.none()
    )
    service = ServiceChoiceField(
        label=_("For the service"),
        queryset=Service.objects.none(),
        required=False,
        help_text=_("Leave empty when the consent covers every service of the organisation."),
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=255,
        help_text=_("In words the client understands, e.g. help with finding a job."),
    )
    categories = forms.MultipleChoiceField(
        label=_("Data to share"), choices=DataCategory.choices, widget=forms.CheckboxSelectMultiple
    )
    given_on = forms.DateField(label=_("Given on"), widget=DateInput(), initial=timezone.localdate)
    channel = forms.ChoiceField(label=_("How was it given"), choices=ConsentChannel.choices, widget=forms.RadioSelect)
    witness_name = forms.CharField(
        label=_("Witness"),
        max_length=150,
        required=False,
        help_text=_("Required for verbal consent: the full name of the person who witnessed it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient_organization"].queryset = organizations_in_network()  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["service"].queryset = (  # type: ignore[attr-defined]  # ModelChoiceField
            Service.objects.filter(status=ServiceStatus.ACTIVE)
            .select_related("organization")
            .order_by("organization__name", "name")
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("channel") == ConsentChannel.VERBAL_WITNESSED and not cleaned.get("witness_name", "").strip():
            self.add_error("witness_name", _("Verbal consent needs the name of the witness."))
        given_on = cleaned.get("given_on")
        if given_on is not None and given_on > timezone.localdate():
            self.add_error("given_on", _("Consent cannot be given in the future."))
        service = cleaned.get("service")
        recipient = cleaned.get("recipient_organization")
        if service is not None and recipient is not None and service.organization_id != recipient.pk:
            self.add_error("service", _("The service must be one of the recipient organisation's."))
        return cleaned


class WithdrawConsentForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("As the client said it, or how they withdrew it."),
    )


class EraseClientForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for erasure"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the client asked for it on a date, in writing."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the names, contacts and documents cannot be restored"),
    )


class HouseholdMemberForm(forms.Form):
    """Add one of the organisation's clients to this household."""

    client = forms.ModelChoiceField(label=pgettext_lazy("household", "Member"), queryset=Client.objects.none())
    relationship = forms.ChoiceField(label=_("Relationship to the reference person"), choices=Relationship.choices)

    def __init__(self, *args: Any, candidates: QuerySet[Client], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = candidates  # type: ignore[attr-defined]  # ModelChoiceField
