"""The shapes every dashboard figure shares: a period, a column, a table of aggregates.

A figure is a `Table`: a title, typed columns, one row per category (with a stable `key` per row,
such as a unit code, for maps and open data), an optional totals row, and a flag per cell saying
whether the cell is suppressed. A suppressed cell's value is None: the number never leaves
`spojka.coordination.suppression`, so templates, charts and exports cannot show it by mistake.

Values by column kind:
- "label": str (already translated), never suppressed;
- "count": int (persons, referrals, visits…) or None when suppressed;
- "duration": float, hours, or None when suppressed or when there is nothing to measure; a duration
  column names the count column it was measured on (`basis`) and is hidden with it;
- "number": float (capacity places, a ratio), or None.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Final, TypeAlias

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy, pgettext

Value: TypeAlias = str | int | float | None


class ColumnKind(StrEnum):
    """What a column holds, which decides how it is suppressed, shown and charted."""

    LABEL = "label"
    COUNT = "count"
    DURATION = "duration"
    NUMBER = "number"


@dataclass(frozen=True)
class Column:
    """A column of a figure: a stable key, a translated label, its kind and, for a duration, its count column."""

    key: str
    label: str
    kind: ColumnKind
    basis: str = ""


@dataclass(frozen=True)
class Row:
    """One category of a figure: a stable key (a code, never a person), its values and suppressed flags."""

    key: str
    values: tuple[Value, ...]
    suppressed: tuple[bool, ...] = ()

    def __post_init__(self) -> None:
        if not self.suppressed:
            object.__setattr__(self, "suppressed", (False,) * len(self.values))


@dataclass(frozen=True)
class Table:
    """A dashboard figure: aggregates only, small counts suppressed once it has passed `suppress_table`."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    total: Row | None = None
    note: str = ""
    # True once the table went through spojka.coordination.suppression; views refuse raw tables.
    protected: bool = False
    # Counts within a row add up to nothing meaningful (e.g. sent ⊇ accepted ⊇ completed), while each
    # count column adds up to the totals row; `additive_rows` says the opposite case also holds.
    additive_rows: bool = False
    meta: dict[str, str] = field(default_factory=dict)

    def column_index(self, key: str) -> int:
        """Return the position of the column with this key."""
        for index, column in enumerate(self.columns):
            if column.key == key:
                return index
        raise KeyError(key)

    def column(self, key: str) -> Column:
        """Return the column with this key."""
        return self.columns[self.column_index(key)]

    def values(self, key: str) -> list[Value]:
        """Return one column's values, row by row (None where suppressed)."""
        index = self.column_index(key)
        return [row.values[index] for row in self.rows]

    def is_empty(self) -> bool:
        """Say whether the figure has nothing to show for the period (no rows, or only zeros)."""
        counts = [i for i, column in enumerate(self.columns) if column.kind != ColumnKind.LABEL]
        return all(row.values[i] in (0, None) and not row.suppressed[i] for row in self.rows for i in counts)

    def with_rows(self, rows: Sequence[Row], total: Row | None) -> Table:
        """Return a copy with other rows and totals (used by the suppression)."""
        return replace(self, rows=tuple(rows), total=total)

    def iter_cells(self) -> Iterator[tuple[Row, Column, Value, bool]]:
        """Yield every cell of the body and the totals row as (row, column, value, suppressed)."""
        for row in (*self.rows, *([self.total] if self.total else [])):
            for index, column in enumerate(self.columns):
                yield row, column, row.values[index], row.suppressed[index]


class Grain(StrEnum):
    """The calendar cell a period is made of."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    RANGE = "range"


class PeriodError(ValueError):
    """A period that cannot be read; the message is translated and shown to the user."""


_MONTH: Final = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER: Final = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_YEAR: Final = re.compile(r"^(\d{4})$")
# Longer than this and a figure by month has more bars than anyone reads.
MAX_RANGE_DAYS: Final = 3660
EARLIEST_YEAR: Final = 2000

GRAIN_LABELS: Final = {
    Grain.MONTH: gettext_lazy("month"),
    Grain.QUARTER: gettext_lazy("quarter"),
    Grain.YEAR: gettext_lazy("year"),
    Grain.RANGE: gettext_lazy("from – to"),  # noqa: RUF001 (a real dash: gettext reads no \N{} escapes)
}


@dataclass(frozen=True)
class Period:
    """A span of days, both ends included, with the grain it was chosen by."""

    start: date
    end: date
    grain: Grain = Grain.RANGE

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """Return one calendar month."""
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), Grain.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Return one calendar quarter."""
        first = 3 * (quarter - 1) + 1
        return cls(date(year, first, 1), Period.month(year, first + 2).end, Grain.QUARTER)

    @classmethod
    def year(cls, year: int) -> Period:
        """Return one calendar year."""
        return cls(date(year, 1, 1), date(year, 12, 31), Grain.YEAR)

    @classmethod
    def default(cls, today: date | None = None) -> Period:
        """Return the last twelve months up to today, the dashboard's opening view."""
        today = today or timezone.localdate()
        start_year, start_month = (today.year - 1, today.month + 1) if today.month < 12 else (today.year, 1)
        return cls(date(start_year, start_month, 1), today, Grain.RANGE)

    @classmethod
    def parse(cls, *, period: str = "", start: str = "", end: str = "") -> Period:
        """Read a period from GET parameters: `period` as 2026-03, 2026-Q1 or 2026, else `start`/`end` dates.

        Nothing given: the default period. Raises PeriodError with a message for the user.
        """
        period, start, end = period.strip(), start.strip(), end.strip()
        if period:
            if match := _MONTH.match(period):
                year, month = int(match[1]), int(match[2])
                if not 1 <= month <= 12:
                    raise PeriodError(gettext("There is no month %(month)s.") % {"month": period})
                cls._check_year(year)
                return cls.month(year, month)
            if match := _QUARTER.match(period):
                cls._check_year(int(match[1]))
                return cls.quarter(int(match[1]), int(match[2]))
            if match := _YEAR.match(period):
                cls._check_year(int(match[1]))
                return cls.year(int(match[1]))
            raise PeriodError(gettext("Choose the period as a month (2026-03), a quarter (2026-Q1) or a year (2026)."))
        if not start and not end:
            return cls.default()
        try:
            first = date.fromisoformat(start) if start else None
            last = date.fromisoformat(end) if end else None
        except ValueError:
            raise PeriodError(gettext("Write the dates as YYYY-MM-DD, for example 2026-03-31.")) from None
        last = last or timezone.localdate()
        first = first or date(last.year, 1, 1)
        cls._check_year(first.year)
        cls._check_year(last.year)
        if first > last:
            raise PeriodError(gettext("The period must start before it ends."))
        if (last - first).days > MAX_RANGE_DAYS:
            raise PeriodError(gettext("Choose a period of at most ten years."))
        return cls(first, last, Grain.RANGE)

    @staticmethod
    def _check_year(year: int) -> None:
        if not EARLIEST_YEAR <= year <= timezone.localdate().year + 1:
            raise PeriodError(
                gettext("Choose a year between %(first)s and %(last)s.")
                % {
                    "first": EARLIEST_YEAR,
                    "last": timezone.localdate().year + 1,
                }
            )

    @property
    def start_datetime(self) -> datetime:
        """Return the first instant of the period in the current time zone."""
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def end_datetime(self) -> datetime:
        """Return the first instant after the period (exclusive upper bound)."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def months(self) -> list[date]:
        """Return the first day of every calendar month the period touches."""
        months, cursor = [], self.start.replace(day=1)
        while cursor <= self.end:
            months.append(cursor)
            cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
        return months

    def as_query(self) -> dict[str, str]:
        """Return the GET parameters that select this period again (bookmarkable)."""
        if self.grain is Grain.MONTH:
            return {"period": f"{self.start:%Y-%m}"}
        if self.grain is Grain.QUARTER:
            return {"period": f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"}
        if self.grain is Grain.YEAR:
            return {"period": str(self.start.year)}
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    def label(self) -> str:
        """Return the period for people, in the active language."""
        if self.grain is Grain.MONTH:
            return date_format(self.start, "F Y")
        if self.grain is Grain.QUARTER:
            return pgettext("period", "Q%(quarter)s %(year)s") % {
                "quarter": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        if self.grain is Grain.YEAR:
            return str(self.start.year)
        first, last = date_format(self.start, "SHORT_DATE_FORMAT"), date_format(self.end, "SHORT_DATE_FORMAT")
        return f"{first} \N{EN DASH} {last}"

    def slug(self) -> str:
        """Return the period as ASCII for file names."""
        return "-".join(self.as_query().values())
