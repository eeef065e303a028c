"""Working days for response deadlines: weekends and the country's public holidays are skipped."""

import datetime

from spojka.core.public_holidays import is_public_holiday
from spojka.geo.models import Country
from spojka.network.models import Organization


def is_working_day(day: datetime.date, *, country: str) -> bool:
    """Say whether offices work on the day: not a Saturday, Sunday or public holiday of the country."""
    return day.weekday() < 5 and not is_public_holiday(day, country_code=country)


def add_working_days(start: datetime.date, days: int, *, country: str) -> datetime.date:
    """Return the day `days` working days after `start` (a start on a day off counts from the next working day)."""
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, country=country):
            remaining -= 1
    return day


def country_of(organization: Organization) -> str:
    """Return the code of the country whose holidays apply to the organisation (by its municipality)."""
    municipality = organization.municipality
    if municipality is not None:
        return str(municipality.country_id)
    # Without a municipality, the first loaded country pack stands in.
    return str(Country.objects.order_by("code").values_list("code", flat=True).first() or "CZ")
