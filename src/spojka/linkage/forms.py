"""Forms of identity matching's pages."""

from typing import Any, Final

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from spojka.linkage.enums import PairStatus

# A spreadsheet of this size holds tens of thousands of people: plenty for a list checked in the browser.
MAX_UPLOAD_BYTES: Final = 5 * 1024 * 1024


class QueueFilterForm(forms.Form):
    """Filters of the review queue."""

    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", pgettext_lazy("candidate pairs", "Waiting for a decision")), *PairStatus.choices],
    )


class MatchFileForm(forms.Form):
    """A spreadsheet of people to find the duplicates in, in the `match_file` format."""

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8 with a header row: record_id, agency, given_name, family_name, birth_date, sex, nationality, "
            "document_number, phone, municipality. Only record_id is required."
        ),
    )
    review = forms.BooleanField(label=_("Also list the pairs a person should look at"), required=False, initial=True)

    def clean_file(self) -> UploadedFile:
        uploaded: UploadedFile = self.cleaned_data["file"]
        if uploaded.size is not None and uploaded.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s). Upload at most %(limit)s, or split the list."),
                params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
                code="too_large",
            )
        return uploaded

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".csv,text/csv"
