"""The technical administration of organisations and memberships, for the platform's operators."""

from django.contrib import admin
from django.db import models

from spojka.network.models import Membership, Organization


class MembershipInline(admin.TabularInline[Membership, Organization]):
    model = Membership
    fk_name = "organization"
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at", "deactivated_at", "invited_by"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin[Organization]):
    list_display = ["name", "sector", "municipality", "is_active", "updated_at"]
    list_filter = ["sector", "is_active"]
    search_fields = ["name", "short_name", "identifier"]
    autocomplete_fields = ["parent", "municipality"]
    inlines = [MembershipInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "organization", "role", "is_active", "created_at"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__email", "user__full_name", "organization__name"]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization"]
