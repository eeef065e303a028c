"""Which child-protection office serves which area: set up by platform operators in the technical administration."""

from django.contrib import admin

from spojka.referrals.models import ChildProtectionOffice


@admin.register(ChildProtectionOffice)
class ChildProtectionOfficeAdmin(admin.ModelAdmin[ChildProtectionOffice]):
    list_display = ["organization", "unit", "service"]
    list_select_related = ["organization", "unit", "service"]
    raw_id_fields = ["unit", "service"]
    search_fields = ["organization__name", "unit__name"]
