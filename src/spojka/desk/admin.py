"""The technical administration of the one-stop shop, for the platform's operators."""

from django.contrib import admin

from spojka.desk.models import OpeningHours, Purpose, RouteStep, Site, Station, StationOperator


class OpeningHoursInline(admin.TabularInline[OpeningHours, Station]):
    model = OpeningHours
    extra = 0


class StationOperatorInline(admin.TabularInline[StationOperator, Station]):
    model = StationOperator
    extra = 0
    raw_id_fields = ["membership"]
    readonly_fields = ["assigned_by", "created_at"]


class RouteStepInline(admin.TabularInline[RouteStep, Purpose]):
    model = RouteStep
    extra = 0


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin[Site]):
    list_display = ["name", "organization", "ticket_prefix", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    list_select_related = ["organization"]


@admin.register(Station)
class StationAdmin(admin.ModelAdmin[Station]):
    list_display = ["code", "site", "kind", "organization", "is_active"]
    list_filter = ["kind", "is_active"]
    list_select_related = ["site", "organization"]
    inlines = [OpeningHoursInline, StationOperatorInline]


@admin.register(Purpose)
class PurposeAdmin(admin.ModelAdmin[Purpose]):
    list_display = ["__str__", "site", "position", "is_active"]
    list_select_related = ["site"]
    inlines = [RouteStepInline]
