"""Forms of the referrals' pages."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from spojka.cases.models import CaseNeed
from spojka.clients.models import Client
from spojka.directory.models import Service
from spojka.referrals.enums import LegalBasis
from spojka.referrals.queries import capacity_of


def capacity_text(service: Service) -> str:
    """Return the service's capacity in words: free of total per unit, and when it was last updated."""
    parts = []
    for capacity in capacity_of(service):
        updated = formats.date_format(capacity.updated_at, "SHORT_DATE_FORMAT")
        if capacity.maximum is not None:
            parts.append(
                str(_("%(free)s of %(total)s %(unit)s free, updated %(updated)s"))
                % {
                    "free": capacity.available,
                    "total": capacity.maximum,
                    "unit": capacity.unit.name,
                    "updated": updated,
                }
            )
        else:
            parts.append(
                str(_("%(free)s %(unit)s free, updated %(updated)s"))
                % {"free": capacity.available, "unit": capacity.unit.name, "updated": updated}
            )
    return "; ".join(parts)


class ServiceChoiceField(forms.ModelChoiceField[Service]):
    """Services named with their organisation and, where the directory knows it, their capacity."""

    def label_from_instance(self, obj: Service) -> str:
        label = f"{obj.organization.display_name}: {obj.name}"
        capacity = capacity_text(obj)
        return f"{label} ({capacity})" if capacity else label


class NeedChoiceField(forms.ModelMultipleChoiceField[CaseNeed]):
    def label_from_instance(self, obj: CaseNeed) -> str:
        return f"{obj.term.name} ({obj.get_priority_display()})"


class PersonChoiceField(forms.ModelChoiceField[Client]):
    def label_from_instance(self, obj: Client) -> str:
        return obj.display_name


class ReferralForm(forms.Form):
    """Whom to refer (for a household's case), to which service, for which needs, with what message."""

    client = PersonChoiceField(label=_("Client"), queryset=Client.objects.none())
    service = ServiceChoiceField(
        label=_("Service"),
        queryset=Service.objects.none(),
        help_text=_("Services answering the case's needs come first; free places as the directory last heard."),
    )
    needs = NeedChoiceField(
        label=_("For the needs"), queryset=CaseNeed.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    message = forms.CharField(
        label=_("Message to the recipient"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Only what the client agreed to share."),
    )

    def __init__(
        self,
        *args: Any,
        clients: QuerySet[Client],
        services: QuerySet[Service],
        needs: QuerySet[CaseNeed],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["service"].queryset = services  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["needs"].queryset = needs  # type: ignore[attr-defined]  # a ModelChoiceField
        if clients.count() == 1:
            self.fields["client"].initial = clients.first()
            self.fields["client"].widget = forms.HiddenInput()


class TransitionForm(forms.Form):
    """A change of status: the version the person saw, and the reason or outcome where one is asked."""

    version = forms.IntegerField(widget=forms.HiddenInput(), min_value=0)
    reason = forms.CharField(label=_("Reason or outcome"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))


class ChildProtectionForm(forms.Form):
    """A notification to the child-protection office: which child, on which legal basis, what happened."""

    client = PersonChoiceField(label=_("Child"), queryset=Client.objects.none())
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices)
    message = forms.CharField(
        label=_("What the office should know"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Facts you saw or were told, when and by whom; no guesses."),
    )

    def __init__(self, *args: Any, children: QuerySet[Client], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = children  # type: ignore[attr-defined]  # a ModelChoiceField
