"""Reads of geography with business meaning: the tree of units, searches, the loaded packs.

Administrative units and residence statuses are public reference data, the same for every
viewer, so these reads do not take one.
"""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from spojka.geo.models import AdministrativeUnit, Country, ResidenceStatus
from spojka.geo.packs import AvailablePack, available_packs
from spojka.geo.search import search_key


def loaded_countries() -> QuerySet[Country]:
    """Return the countries loaded from country packs."""
    return Country.objects.order_by("code")


def _for_listing(units: QuerySet[AdministrativeUnit]) -> QuerySet[AdministrativeUnit]:
    # Sorting by the folded name puts "Česká Lípa" among the C's, not after Z.
    return (
        units.select_related("country", "parent")
        .annotate(child_count=Count("children"))
        .order_by("country_id", "depth", "search_name", "name")
    )


def top_units(*, country_code: str = "") -> QuerySet[AdministrativeUnit]:
    """Return the units at the top of each country's tree (or of one country's)."""
    units = AdministrativeUnit.objects.filter(parent__isnull=True)
    if country_code:
        units = units.filter(country_id=country_code)
    return _for_listing(units)


def units_within(*, parent: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    """Return the units directly below a unit."""
    return _for_listing(AdministrativeUnit.objects.filter(parent=parent))


def search_units(*, query: str, country_code: str = "") -> QuerySet[AdministrativeUnit]:
    """Return the units whose name contains the query, ignoring case and diacritics."""
    units = AdministrativeUnit.objects.filter(search_name__contains=search_key(query))
    if country_code:
        units = units.filter(country_id=country_code)
    return _for_listing(units)


def units_for_detail() -> QuerySet[AdministrativeUnit]:
    """Return units with what a unit's page shows about them (country, parent)."""
    return AdministrativeUnit.objects.select_related("country", "parent")


def ancestors_of(*, unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """Return the units above a unit, from the top of the tree down to its parent."""
    ancestors: list[AdministrativeUnit] = []
    parent = unit.parent
    # One query per level above the parent: trees are a few levels deep.
    while parent is not None:
        ancestors.insert(0, parent)
        parent = AdministrativeUnit.objects.filter(pk=parent.parent_id).first() if parent.parent_id else None
    return ancestors


@dataclass(frozen=True)
class LevelCount:
    """A level of a country's units, its name in the active language and how many units it has."""

    code: str
    label: str
    count: int


@dataclass(frozen=True)
class CountryPack:
    """A loaded country, as the country packs page shows it."""

    country: Country
    levels: list[LevelCount]
    residence_statuses: list[ResidenceStatus]

    @property
    def unit_count(self) -> int:
        """Return how many administrative units the country has."""
        return sum(level.count for level in self.levels)


def loaded_country_packs() -> list[CountryPack]:
    """Return each loaded country with its levels, unit counts per level and residence statuses."""
    counts = {
        (row["country_id"], row["level"]): row["count"]
        for row in AdministrativeUnit.objects.values("country_id", "level").annotate(count=Count("id")).order_by()
    }
    packs = []
    for country in loaded_countries().prefetch_related("residence_statuses"):
        levels = [
            LevelCount(
                code=level["code"],
                label=country.level_label(level["code"]),
                count=counts.get((country.code, level["code"]), 0),
            )
            for level in country.levels
        ]
        packs.append(
            CountryPack(
                country=country,
                levels=levels,
                residence_statuses=list(country.residence_statuses.all()),
            )
        )
    return packs


def packs_not_loaded() -> list[AvailablePack]:
    """Return the packs shipped with Spojka whose country is not loaded from them."""
    loaded = set(Country.objects.values_list("pack", flat=True))
    return [pack for pack in available_packs() if pack.name not in loaded]
