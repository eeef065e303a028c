"""Forms of the one-stop shop: reception, the station's buttons, operators, sites and stations."""

from datetime import time
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from spojka.clients.models import Client
from spojka.desk.actions import MAX_PARTY_SIZE
from spojka.desk.enums import Priority, Weekday
from spojka.desk.models import Purpose, Site, Station
from spojka.network.models import Membership, Organization

LABEL_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def language_choices(codes: list[str]) -> list[tuple[str, str]]:
    """Return language codes with their names in their own language (as a visitor recognises them)."""
    return [(code, str(get_language_info(code)["name_local"]).capitalize()) for code in codes]


class PurposeChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # django-stubs' generic field
    def label_from_instance(self, obj: Purpose) -> str:
        return obj.label


class StationChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]  # django-stubs' generic field
    def label_from_instance(self, obj: Station) -> str:
        return f"{obj.code} · {obj.name}"


class MembershipChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]  # django-stubs' generic field
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.get_full_name()} ({obj.organization.display_name})"


class ClientChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]  # django-stubs' generic field
    def label_from_instance(self, obj: Client) -> str:
        born = f" ({obj.birth_date.year})" if obj.birth_date else ""
        return f"{obj.display_name}{born}"


class ClientSearchForm(forms.Form):
    """Reception's search for a client record to link the visit to (without JavaScript: a GET form)."""

    client_query = forms.CharField(label=_("Find a client record"), max_length=200, required=False)


class VisitForm(forms.Form):
    """What reception asks a visitor: why they came, their language, how many they are, any priority."""

    purposes = PurposeChoiceField(
        label=_("Purpose of the visit"),
        queryset=Purpose.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one purpose of the visit.")},
    )
    language = forms.ChoiceField(label=_("Visitor's language"), widget=forms.RadioSelect)
    party_size = forms.IntegerField(
        label=_("Party size"),
        min_value=1,
        max_value=MAX_PARTY_SIZE,
        initial=1,
        help_text=_("How many people come to the desks together, children included."),
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=Priority.choices,
        required=False,
        help_text=_("Called before the others at every station."),
    )
    client = ClientChoiceField(
        label=_("Client record"),
        queryset=Client.objects.none(),
        required=False,
        help_text=_("Optional: your organisation's client this visit is for. Never printed or displayed."),
    )

    def __init__(
        self,
        *args: Any,
        site: Site,
        purposes: QuerySet[Purpose],
        clients: QuerySet[Client] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        client_field = self.fields["client"]
        assert isinstance(client_field, ClientChoiceField)  # noqa: S101  # narrows the type for mypy
        client_field.queryset = clients if clients is not None else Client.objects.none()
        purposes_field = self.fields["purposes"]
        assert isinstance(purposes_field, PurposeChoiceField)  # noqa: S101  # narrows the type for mypy
        purposes_field.queryset = purposes
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)  # noqa: S101  # narrows the type for mypy
        language.choices = language_choices(list(site.languages))
        language.initial = site.languages[0] if site.languages else None


class TransferForm(forms.Form):
    """Where to send the called visitor, out of their route."""

    to_station = StationChoiceField(label=_("Send to station"), queryset=Station.objects.none())

    def __init__(self, *args: Any, station: Station, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_station"]
        assert isinstance(field, StationChoiceField)  # noqa: S101  # narrows the type for mypy
        field.queryset = (
            Station.objects.filter(site_id=station.site_id, is_active=True)
            .exclude(pk=station.pk)
            .order_by("position", "code")
        )


class AssignOperatorForm(forms.Form):
    """Which desk operator to let serve the station."""

    membership = MembershipChoiceField(label=_("Desk operator"), queryset=Membership.objects.none())

    def __init__(self, *args: Any, memberships: QuerySet[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        assert isinstance(field, MembershipChoiceField)  # noqa: S101  # narrows the type for mypy
        field.queryset = memberships


class DayForm(forms.Form):
    """The day the statistics page shows."""

    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))


class SiteForm(forms.ModelForm[Site]):
    """A one-stop-shop site's facts, set up by the platform administrator or a coordinator."""

    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices(list(LABEL_LANGUAGES)),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The visitors' languages: tickets print in them and the public display shows them."),
    )

    class Meta:
        model = Site
        fields = ["name", "organization", "address", "ticket_prefix", "languages", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = self.fields["organization"]
        assert isinstance(organization, forms.ModelChoiceField)  # noqa: S101  # narrows the type for mypy
        organization.queryset = Organization.objects.filter(is_active=True).order_by("name")

    def clean_languages(self) -> list[str]:
        """Keep the languages in the order of the platform's list."""
        chosen = set(self.cleaned_data["languages"])
        return [code for code in LABEL_LANGUAGES if code in chosen]


class StationForm(forms.ModelForm[Station]):
    """A station of a site: who runs it, what it does, its name in each language and its hours."""

    name_cs = forms.CharField(label=_("Name in Czech"), max_length=120)
    name_uk = forms.CharField(label=_("Name in Ukrainian"), max_length=120, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=120, required=False)
    name_ro = forms.CharField(label=_("Name in Romanian"), max_length=120, required=False)
    open_days = forms.TypedMultipleChoiceField(
        label=_("Open on"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opens_at = forms.TimeField(label=_("Opens at"), initial=time(8), widget=forms.TimeInput(attrs={"type": "time"}))
    closes_at = forms.TimeField(label=_("Closes at"), initial=time(16), widget=forms.TimeInput(attrs={"type": "time"}))

    class Meta:
        model = Station
        fields = ["organization", "kind", "code", "position", "service_minutes", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = self.fields["organization"]
        assert isinstance(organization, forms.ModelChoiceField)  # noqa: S101  # narrows the type for mypy
        organization.queryset = Organization.objects.filter(is_active=True).order_by("name")
        labels = self.instance.labels or {}
        for code in LABEL_LANGUAGES:
            self.fields[f"name_{code}"].initial = labels.get(code, "")
        if self.instance.pk:
            hours = list(self.instance.hours.all())
            self.fields["open_days"].initial = [row.weekday for row in hours]
            if hours:
                self.fields["opens_at"].initial = hours[0].opens_at
                self.fields["closes_at"].initial = hours[0].closes_at
        else:
            self.fields["open_days"].initial = [day.value for day in Weekday if day < Weekday.SATURDAY]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and opens >= closes:
            self.add_error("closes_at", _("The station must close after it opens."))
        return cleaned

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip()
        taken = Station.objects.filter(site_id=self.instance.site_id, code__iexact=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another station of this site has this number."))
        return code

    def labels(self) -> dict[str, str]:
        """Return the names entered, by language."""
        names = {code: str(self.cleaned_data.get(f"name_{code}") or "").strip() for code in LABEL_LANGUAGES}
        return {code: name for code, name in names.items() if name}


ROUTE_LENGTH = 5


class PurposeForm(forms.ModelForm[Purpose]):
    """A purpose of visits: its name in each language and its route, the stations in order."""

    name_cs = forms.CharField(label=_("Name in Czech"), max_length=120)
    name_uk = forms.CharField(label=_("Name in Ukrainian"), max_length=120, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=120, required=False)
    name_ro = forms.CharField(label=_("Name in Romanian"), max_length=120, required=False)

    class Meta:
        model = Purpose
        fields = ["position", "is_active"]

    def __init__(self, *args: Any, site: Site, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = self.instance.labels or {}
        for code in LABEL_LANGUAGES:
            self.fields[f"name_{code}"].initial = labels.get(code, "")
        stations = Station.objects.filter(site=site, is_active=True).order_by("position", "code")
        current = [step.station_id for step in self.instance.route.order_by("position")] if self.instance.pk else []
        for index in range(ROUTE_LENGTH):
            field = StationChoiceField(
                label=_("Station %(number)d on the route") % {"number": index + 1},
                queryset=stations,
                required=index == 0,
            )
            field.initial = current[index] if index < len(current) else None
            self.fields[f"stop_{index}"] = field

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        seen: set[Any] = set()
        for index in range(ROUTE_LENGTH):
            station = cleaned.get(f"stop_{index}")
            if station is None:
                continue
            if station.pk in seen:
                self.add_error(f"stop_{index}", _("Each station comes once on a route."))
            seen.add(station.pk)
        return cleaned

    def labels(self) -> dict[str, str]:
        """Return the names entered, by language."""
        names = {code: str(self.cleaned_data.get(f"name_{code}") or "").strip() for code in LABEL_LANGUAGES}
        return {code: name for code, name in names.items() if name}

    def route(self) -> list[Station]:
        """Return the route's stations in order, skipping empty places."""
        stops = (self.cleaned_data.get(f"stop_{index}") for index in range(ROUTE_LENGTH))
        return [station for station in stops if station is not None]
