"""Country packs: one folder each (`cz-liberec/`, `md/`), and the loader that reads them.

The format is described in docs/country-packs.md.
"""

from spojka.geo.packs.errors import CountryPackError
from spojka.geo.packs.loader import (
    AvailablePack,
    PackReport,
    Tally,
    available_packs,
    load_country_pack,
)
from spojka.geo.packs.reader import PACKS_DIR

__all__ = [
    "PACKS_DIR",
    "AvailablePack",
    "CountryPackError",
    "PackReport",
    "Tally",
    "available_packs",
    "load_country_pack",
]
