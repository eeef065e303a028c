"""The audit trail in the technical administration: to read, never to change."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from spojka.audit.models import AccessEntry


@admin.register(AccessEntry)
class AccessEntryAdmin(admin.ModelAdmin[AccessEntry]):
    list_display = ["at", "user", "organization", "action", "object_type", "object_id", "purpose"]
    list_filter = ["action", "purpose", "object_type"]
    list_select_related = ["user", "organization"]
    date_hierarchy = "at"
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
