"""The directory's models, split by concept; import them from here."""

from spojka.directory.models.capacity import CapacityUnit, ServiceCapacity
from spojka.directory.models.locations import Accessibility, Location
from spojka.directory.models.schedules import Schedule
from spojka.directory.models.search import SearchDocument, SearchIndexVersion, SearchPosting
from spojka.directory.models.services import (
    STALE_AFTER,
    Contact,
    CostOption,
    Language,
    Phone,
    RequiredDocument,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceEligibility,
    ServiceNeed,
)
from spojka.directory.models.taxonomy import Taxonomy, TaxonomyTerm

__all__ = [
    "STALE_AFTER",
    "Accessibility",
    "CapacityUnit",
    "Contact",
    "CostOption",
    "Language",
    "Location",
    "Phone",
    "RequiredDocument",
    "Schedule",
    "SearchDocument",
    "SearchIndexVersion",
    "SearchPosting",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceCapacity",
    "ServiceEligibility",
    "ServiceNeed",
    "Taxonomy",
    "TaxonomyTerm",
]
