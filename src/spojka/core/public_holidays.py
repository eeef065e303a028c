"""Public holidays of a country, from the `holidays` library (opening hours and working days)."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _holidays_in(country_code: str, year: int) -> frozenset[datetime.date]:
    try:
        return frozenset(holidays.country_holidays(country_code, years=year))
    except NotImplementedError:  # a country the library does not know: no public holidays, weekends aside
        return frozenset()


def is_public_holiday(day: datetime.date, *, country_code: str) -> bool:
    """Say whether a date is a public holiday in the country (False for an unknown or empty country code)."""
    return bool(country_code) and day in _holidays_in(country_code, day.year)
