"""What an HSDS import found: every problem with its record and field, or what it changed."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from spojka.directory.hsds.tables import Row


@dataclass(frozen=True, order=True)
class Problem:
    """One problem (or note) about one record: its HSDS type, id, where it was read, and the field."""

    record: str
    record_id: str
    where: str
    field: str
    message: str

    @classmethod
    def at(cls, row: "Row", field_name: str, message: str) -> "Problem":
        return cls(row.kind, row.id, row.where, field_name, message)

    @classmethod
    def about(cls, record: str, record_id: str, where: str, field_name: str, message: str) -> "Problem":
        return cls(record, record_id, where, field_name, message)

    def __str__(self) -> str:
        record = f"{self.record} {self.record_id}".strip()
        place = f" ({self.where})" if self.where else ""
        field_part = f" · {self.field}" if self.field else ""
        return f"{record}{place}{field_part}: {self.message}"


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + self.removed


@dataclass
class ImportReport:
    """The outcome: problems (then nothing was written), notes, and counts by type of record."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    counts: dict[str, Tally] = field(default_factory=dict)
    source_format: str = ""
    version: str = "3.0"
    written: bool = False
    service_ids: set[Any] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.problems

    def tally(self, kind: str) -> Tally:
        return self.counts.setdefault(kind, Tally())

    @property
    def totals(self) -> Tally:
        total = Tally()
        for tally in self.counts.values():
            total.created += tally.created
            total.updated += tally.updated
            total.unchanged += tally.unchanged
            total.removed += tally.removed
        return total

    def sorted_counts(self) -> list[tuple[str, Tally]]:
        return sorted(self.counts.items())

    def summary(self) -> str:
        totals = self.totals
        return _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(removed)d removed") % {
            "created": totals.created,
            "updated": totals.updated,
            "unchanged": totals.unchanged,
            "removed": totals.removed,
        }
