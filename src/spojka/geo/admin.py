"""The technical administration of countries, units and residence statuses (normally loaded from packs)."""

from django.contrib import admin

from spojka.geo.models import AdministrativeUnit, Country, ResidenceStatus


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin[Country]):
    list_display = ["code", "name", "pack", "loaded_at"]


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin[AdministrativeUnit]):
    list_display = ["name", "code", "level", "parent", "population"]
    list_filter = ["country", "level"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(ResidenceStatus)
class ResidenceStatusAdmin(admin.ModelAdmin[ResidenceStatus]):
    list_display = ["code", "name", "country", "position"]
    list_filter = ["country"]
