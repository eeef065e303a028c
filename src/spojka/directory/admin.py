"""The technical administration of the directory, for the platform's operators (mostly for reading).

Staff edit services in the workspace, where every change goes through the actions and their
history; here the records can be inspected and, in an emergency, corrected.
"""

from django.contrib import admin

from spojka.directory.models import (
    CapacityUnit,
    Contact,
    Language,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceCapacity,
    Taxonomy,
    TaxonomyTerm,
)


class ScheduleInline(admin.TabularInline[Schedule, Service]):
    model = Schedule
    fk_name = "service"
    extra = 0
    fields = ["is_exception", "weekday", "opens_at", "closes_at", "valid_from", "valid_to", "description"]


class CapacityInline(admin.TabularInline[ServiceCapacity, Service]):
    model = ServiceCapacity
    extra = 0
    readonly_fields = ["updated_at", "updated_by"]


class LanguageInline(admin.TabularInline[Language, Service]):
    model = Language
    fk_name = "service"
    extra = 0
    fields = ["code", "note"]


class PhoneInline(admin.TabularInline[Phone, Service]):
    model = Phone
    fk_name = "service"
    extra = 0
    fields = ["number", "type", "description"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin[Service]):
    list_display = ["name", "organization", "status", "reviewed_at", "updated_at"]
    list_filter = ["status", "organization"]
    search_fields = ["name", "alternate_name", "organization__name"]
    list_select_related = ["organization"]
    readonly_fields = ["id", "reviewed_at", "reviewed_by", "created_at", "updated_at"]
    autocomplete_fields = ["organization"]
    inlines = [ScheduleInline, CapacityInline, LanguageInline, PhoneInline]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin[Location]):
    list_display = ["name", "organization", "location_type", "city", "municipality"]
    list_filter = ["location_type"]
    search_fields = ["name", "address_1", "city", "organization__name"]
    list_select_related = ["organization", "municipality"]
    readonly_fields = ["id", "address_id", "created_at", "updated_at"]
    autocomplete_fields = ["organization", "municipality"]


@admin.register(ServiceAtLocation)
class ServiceAtLocationAdmin(admin.ModelAdmin[ServiceAtLocation]):
    list_display = ["service", "location"]
    search_fields = ["service__name", "location__name"]
    list_select_related = ["service", "location"]
    raw_id_fields = ["service", "location"]


@admin.register(Taxonomy)
class TaxonomyAdmin(admin.ModelAdmin[Taxonomy]):
    list_display = ["code", "name", "version"]


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(admin.ModelAdmin[TaxonomyTerm]):
    list_display = ["code", "name", "taxonomy", "parent", "position"]
    list_filter = ["taxonomy"]
    search_fields = ["code"]
    list_select_related = ["taxonomy", "parent"]


@admin.register(CapacityUnit)
class CapacityUnitAdmin(admin.ModelAdmin[CapacityUnit]):
    list_display = ["code", "name", "scheme", "identifier"]


@admin.register(ServiceCapacity)
class ServiceCapacityAdmin(admin.ModelAdmin[ServiceCapacity]):
    list_display = ["service", "unit", "available", "maximum", "updated_at", "updated_by"]
    list_select_related = ["service", "unit", "updated_by"]
    readonly_fields = ["updated_at", "updated_by"]
    raw_id_fields = ["service"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin[Contact]):
    list_display = ["name", "title", "email", "service", "location"]
    search_fields = ["name", "email"]
    raw_id_fields = ["service", "location"]


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin[ServiceArea]):
    list_display = ["service", "unit"]
    raw_id_fields = ["service", "unit"]
