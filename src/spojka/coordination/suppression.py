"""Small-count suppression: no count from 1 to 4 leaves the coordination figures, nor can be worked out.

The rules, in the order they apply:

1. Primary: a count from 1 to THRESHOLD - 1 is hidden. Zero is shown: "nobody" in a group says
   nothing about a person, and hiding zeros would make tables unreadable. Because zeros are always
   shown, a reader knows every hidden count is at least 1; the rules below account for that.
2. Complementary: a table publishes totals, and a total is an equation (the parts add up to it).
   In every equation, the hidden cells must be at least two, and when the total is shown the
   hidden parts must add up to at least THRESHOLD and to more than their number (else "two hidden
   cells that add up to 2" gives both away). When that fails, the smallest shown non-zero part is
   hidden too, or the total when no part is left.
3. Exact check: the equations of the table are solved over the hidden cells (Gaussian elimination
   on fractions); a hidden cell the published numbers determine hides one more neighbour, until
   none is determined.
4. Derived numbers (a median time, a ratio) follow the count they were measured on (`basis`).

Differencing overlapping periods: the open data publishes counts only for fixed calendar months
(`suppress_calendar`), each month suppressed on its own and the same way in every export, and a
sum over months (a quarter, a period total) is published only when every month in it is
(`aggregate`). Two exports of Jan-Mar and Jan-Apr then share the same month cells and give away
nothing one of them does not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Final, TypeVar

from spojka.coordination.figures.tables import ColumnKind, Row, Table, Value

THRESHOLD: Final = 5

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Equation:
    """Published cells that add up to another: `sum(parts) == total`, all indices into the cell list."""

    parts: tuple[int, ...]
    total: int


def is_small(count: int, *, threshold: int = THRESHOLD) -> bool:
    """Say whether a count is hidden by the primary rule (1 to threshold - 1; zero is shown)."""
    return 0 < count < threshold


def suppress_cells(
    values: Sequence[int], equations: Sequence[Equation], *, threshold: int = THRESHOLD
) -> frozenset[int]:
    """Return the indices of the cells to hide: the small counts and their complements."""
    hidden = {index for index, value in enumerate(values) if is_small(value, threshold=threshold)}
    while True:
        _close_equations(values, equations, hidden, threshold)
        determined = determined_cells(values, equations, hidden)
        if not determined:
            return frozenset(hidden)
        before = len(hidden)
        for cell in sorted(determined):
            _hide_one_more(values, [e for e in equations if cell in e.parts or cell == e.total], hidden)
        if len(hidden) == before:
            # Nothing left to hide around the determined cells: hide everything they touch.
            for equation in equations:
                if determined & {*equation.parts, equation.total}:
                    hidden.update((*equation.parts, equation.total))
            if len(hidden) == before:
                return frozenset(hidden)


def _close_equations(values: Sequence[int], equations: Sequence[Equation], hidden: set[int], threshold: int) -> None:
    """Hide complements until every equation keeps its hidden cells hidden."""
    changed = True
    while changed:
        changed = False
        for equation in equations:
            hidden_parts = [part for part in equation.parts if part in hidden]
            hidden_count = len(hidden_parts) + (equation.total in hidden)
            if hidden_count == 0:
                continue
            too_few = hidden_count == 1
            hidden_sum = sum(values[p] for p in hidden_parts)
            # Each hidden part is at least 1, so k parts adding up to k are all ones.
            too_small = (
                equation.total not in hidden
                and hidden_sum > 0
                and (hidden_sum < threshold or hidden_sum <= len(hidden_parts))
            )
            if too_few or too_small:
                changed |= _hide_one_more(values, [equation], hidden)


def _hide_one_more(values: Sequence[int], equations: Iterable[Equation], hidden: set[int]) -> bool:
    """Hide the smallest shown non-zero part of the equations, else a shown total; say whether one was hidden."""
    equations = list(equations)
    candidates = sorted(
        (values[part], part)
        for equation in equations
        for part in equation.parts
        if part not in hidden and values[part] > 0
    )
    if candidates:
        hidden.add(candidates[0][1])
        return True
    for equation in equations:
        if equation.total not in hidden:
            hidden.add(equation.total)
            return True
    return False


def determined_cells(values: Sequence[int], equations: Sequence[Equation], hidden: Iterable[int]) -> frozenset[int]:
    """Return the hidden cells that the shown cells and the equations determine exactly (linear algebra).

    The equations over the hidden cells are brought to reduced row echelon form, rows kept sparse as
    {cell: coefficient}; a hidden cell is determined exactly when one reduced row is that cell alone (a unit
    vector lies in the row space of a reduced basis only as one of its rows). Sparse rows keep this to
    milliseconds for the few hundred cells of the cooperation network.
    """
    unknowns = set(hidden)
    basis: dict[int, dict[int, Fraction]] = {}
    for equation in equations:
        row: dict[int, Fraction] = defaultdict(Fraction)
        for part in equation.parts:
            if part in unknowns:
                row[part] += 1
        if equation.total in unknowns:
            row[equation.total] -= 1
        row = {cell: value for cell, value in row.items() if value}
        # The basis is fully reduced, so substituting its rows brings in no other pivot.
        for pivot in [cell for cell in row if cell in basis]:
            factor = row.get(pivot)
            if factor:
                for cell, value in basis[pivot].items():
                    row[cell] = row.get(cell, Fraction(0)) - factor * value
                row = {cell: value for cell, value in row.items() if value}
        if not row:
            continue
        pivot = min(row)
        scale = row[pivot]
        row = {cell: value / scale for cell, value in row.items()}
        for other in basis.values():
            factor = other.get(pivot)
            if factor:
                for cell, value in row.items():
                    other[cell] = other.get(cell, Fraction(0)) - factor * value
                for cell in [cell for cell, value in other.items() if not value]:
                    del other[cell]
        basis[pivot] = row
    return frozenset(pivot for pivot, row in basis.items() if len(row) == 1)


def suppress_table(table: Table, *, threshold: int = THRESHOLD) -> Table:
    """Return the table with small counts and their complements hidden (value None, flag set).

    Each count column adds up to the totals row when there is one; with `additive_rows`, the count
    columns of a row also add up to its last count column. Durations and numbers with a `basis`
    are hidden with their count.
    """
    rows = [*table.rows, *([table.total] if table.total else [])]
    counts = [i for i, column in enumerate(table.columns) if column.kind is ColumnKind.COUNT]
    cells: list[tuple[int, int]] = [(r, c) for r in range(len(rows)) for c in counts]
    index = {cell: i for i, cell in enumerate(cells)}
    values = [int(rows[r].values[c] or 0) for r, c in cells]
    equations: list[Equation] = []
    if table.total is not None:
        body = range(len(table.rows))
        for c in counts:
            equations.append(Equation(tuple(index[(r, c)] for r in body), index[(len(table.rows), c)]))
    if table.additive_rows and len(counts) > 1:
        for r in range(len(rows)):
            equations.append(Equation(tuple(index[(r, c)] for c in counts[:-1]), index[(r, counts[-1])]))
    hidden = suppress_cells(values, equations, threshold=threshold)
    hidden_cells = {cells[i] for i in hidden}

    def protect(r: int, row: Row) -> Row:
        flags: list[bool] = []
        new_values: list[Value] = []
        for c, (value, column) in enumerate(zip(row.values, table.columns, strict=True)):
            if column.kind is ColumnKind.COUNT:
                flag = (r, c) in hidden_cells
            elif column.basis:
                flag = (r, table.column_index(column.basis)) in hidden_cells
            else:
                flag = False
            flags.append(flag)
            new_values.append(None if flag else value)
        return replace(row, values=tuple(new_values), suppressed=tuple(flags))

    protected = [protect(r, row) for r, row in enumerate(rows)]
    total = protected.pop() if table.total is not None else None
    return replace(table.with_rows(protected, total), protected=True)


TOTAL: Final = "__total__"


def suppress_calendar(
    counts: Mapping[tuple[str, K], int], *, threshold: int = THRESHOLD
) -> dict[tuple[str, K], int | None]:
    """Suppress counts kept per (category, calendar month), each month on its own with its total.

    `counts` holds every category of every month, and the month's total under the category TOTAL.
    The result has the same keys, with None for hidden cells. Each month is suppressed the same way
    whichever export it appears in, so overlapping exports leak nothing by differencing.
    """
    months: dict[K, list[str]] = {}
    for category, month in counts:
        months.setdefault(month, []).append(category)
    published: dict[tuple[str, K], int | None] = {}
    for month, categories in months.items():
        parts = [c for c in sorted(categories) if c != TOTAL]
        keys = [(c, month) for c in parts]
        values = [counts[key] for key in keys]
        equations: list[Equation] = []
        if (TOTAL, month) in counts:
            keys.append((TOTAL, month))
            values.append(counts[(TOTAL, month)])
            equations.append(Equation(tuple(range(len(parts))), len(parts)))
        hidden = suppress_cells(values, equations, threshold=threshold)
        for i, key in enumerate(keys):
            published[key] = None if i in hidden else values[i]
    return published


def aggregate(published: Mapping[K, int | None], keys: Iterable[K]) -> int | None:
    """Return the sum of published cells, or None when any of them is hidden (so it hides them consistently)."""
    total = 0
    for key in keys:
        value = published[key]
        if value is None:
            return None
        total += value
    return total
