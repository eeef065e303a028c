"""Small-count suppression: no published number lets a reader work out a count from 1 to 4."""

import itertools
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from spojka.coordination.figures.tables import Column, ColumnKind, Row, Table
from spojka.coordination.suppression import (
    THRESHOLD,
    TOTAL,
    Equation,
    aggregate,
    determined_cells,
    is_small,
    suppress_calendar,
    suppress_cells,
    suppress_table,
)


def _feasible_values(values: list[int], hidden: frozenset[int], total_shown: bool) -> dict[int, set[int]]:
    """Return every value each hidden part can take, given the shown parts and total (zeros are shown, so >= 1)."""
    shown_sum = sum(v for i, v in enumerate(values) if i not in hidden)
    rest = sum(values) - shown_sum
    cells = sorted(hidden)
    options: dict[int, set[int]] = {i: set() for i in cells}
    upper = rest if total_shown else rest + 6
    for combo in itertools.product(range(1, upper + 1), repeat=len(cells)):
        if total_shown and sum(combo) != rest:
            continue
        for cell, value in zip(cells, combo, strict=True):
            options[cell].add(value)
    return options


def _one_column(values: list[int]) -> Table:
    return Table(
        key="t",
        title="t",
        columns=(Column("label", "Group", ColumnKind.LABEL), Column("n", "Count", ColumnKind.COUNT)),
        rows=tuple(Row(str(i), (str(i), v)) for i, v in enumerate(values)),
        total=Row("total", ("Total", sum(values))),
    )


def test_is_small_hides_one_to_four_and_shows_zero() -> None:
    assert [is_small(n) for n in range(7)] == [False, True, True, True, True, False, False]


def test_suppress_table_hides_a_small_cell_and_its_complement() -> None:
    table = suppress_table(_one_column([3, 40, 12]))

    assert table.values("n") == [None, 40, None]
    assert table.total is not None
    assert table.total.values[1] == 55
    assert table.protected


def test_suppress_table_hides_the_total_when_no_part_can_protect_the_small_one() -> None:
    table = suppress_table(_one_column([3, 0, 0]))

    assert table.values("n") == [None, 0, 0]
    assert table.total is not None
    assert table.total.suppressed[1]


def test_suppress_table_hides_two_small_cells_that_add_up_to_a_small_sum() -> None:
    # 1 + 1 = 2 with both hidden would still give both away (each is at least 1).
    table = suppress_table(_one_column([1, 1, 30, 50]))

    assert table.values("n")[:2] == [None, None]
    assert table.values("n")[2] is None


def test_suppress_table_hides_durations_with_their_count() -> None:
    table = suppress_table(
        Table(
            key="t",
            title="t",
            columns=(
                Column("label", "Group", ColumnKind.LABEL),
                Column("n", "Count", ColumnKind.COUNT),
                Column("median", "Median", ColumnKind.DURATION, basis="n"),
            ),
            rows=(Row("a", ("a", 2, 7.5)), Row("b", ("b", 30, 3.0)), Row("c", ("c", 20, 1.0))),
            total=Row("total", ("Total", 52, 2.0)),
        )
    )

    assert table.values("median") == [None, 3.0, None]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=5))
def test_no_suppressed_cell_of_a_column_with_a_total_can_be_solved(values: list[int]) -> None:
    parts = tuple(range(len(values)))
    cells = [*values, sum(values)]
    hidden = suppress_cells(cells, [Equation(parts, len(values))])
    hidden_parts = frozenset(i for i in hidden if i < len(values))

    assert all(i in hidden for i, v in enumerate(values) if is_small(v))
    for cell, options in _feasible_values(values, hidden_parts, len(values) not in hidden).items():
        assert len(options) > 1, f"cell {cell} of {values} is recoverable from the published numbers"


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=1, max_value=4).flatmap(
        lambda rows: st.lists(
            st.lists(st.integers(min_value=0, max_value=12), min_size=3, max_size=3), min_size=rows, max_size=rows
        )
    )
)
def test_no_suppressed_cell_of_a_table_with_both_marginals_can_be_solved(grid: list[list[int]]) -> None:
    rows, cols = len(grid), len(grid[0])
    # Cells: the body row by row, then the row totals, then the column totals, then the grand total.
    body = [v for row in grid for v in row]
    row_totals = [sum(row) for row in grid]
    col_totals = [sum(grid[r][c] for r in range(rows)) for c in range(cols)]
    values = [*body, *row_totals, *col_totals, sum(body)]
    row_total_at, col_total_at, grand = rows * cols, rows * cols + rows, rows * cols + rows + cols
    equations = [Equation(tuple(r * cols + c for c in range(cols)), row_total_at + r) for r in range(rows)]
    equations += [Equation(tuple(r * cols + c for r in range(rows)), col_total_at + c) for c in range(cols)]
    equations.append(Equation(tuple(row_total_at + r for r in range(rows)), grand))
    equations.append(Equation(tuple(col_total_at + c for c in range(cols)), grand))

    hidden = suppress_cells(values, equations)

    assert all(i in hidden for i, v in enumerate(values) if is_small(v))
    assert determined_cells(values, equations, hidden) == frozenset()


def _export(counts: dict[tuple[str, date], int], months: list[date]) -> dict[str, int | None]:
    """Publish an open-data export of some months: month cells and the period's sums, as the design says."""
    published = suppress_calendar({key: n for key, n in counts.items() if key[1] in months})
    export: dict[str, int | None] = {f"{category}@{month}": n for (category, month), n in published.items()}
    for category in {c for c, _ in counts}:
        export[f"{category}@period"] = aggregate(published, [(category, m) for m in months])
    return export


def test_differencing_two_overlapping_exports_recovers_nothing() -> None:
    jan, feb, mar, apr = (date(2026, m, 1) for m in range(1, 5))
    groups = {"UA": [40, 35, 31, 2], "SY": [8, 9, 7, 6], "MD": [6, 0, 5, 9]}
    counts = {(g, m): n for g, ns in groups.items() for n, m in zip(ns, (jan, feb, mar, apr), strict=True)}
    for month in (jan, feb, mar, apr):
        counts[(TOTAL, month)] = sum(groups[g][[jan, feb, mar, apr].index(month)] for g in groups)

    first = _export(counts, [jan, feb, mar])
    second = _export(counts, [jan, feb, mar, apr])

    # The April cell of Ukrainians (2) is hidden, and no difference of published figures gives it.
    assert second[f"UA@{apr}"] is None
    assert first["UA@period"] is not None
    assert second["UA@period"] is None
    # The period totals differ by April's total, which the second export publishes anyway.
    assert second[f"{TOTAL}@period"] == first[f"{TOTAL}@period"] + second[f"{TOTAL}@{apr}"]
    # Every number both exports publish is the same, so their difference is zero or unknown.
    for key in first.keys() & second.keys():
        if key.endswith("@period"):
            continue
        assert first[key] == second[key]
    # An attacker solving all published equations of both exports pins down no hidden April cell.
    april = [(g, apr) for g in groups] + [(TOTAL, apr)]
    published = suppress_calendar({k: v for k, v in counts.items() if k[1] == apr})
    values = [counts[k] for k in april]
    hidden = frozenset(i for i, k in enumerate(april) if published[k] is None)
    equations = [Equation(tuple(range(len(groups))), len(groups))]
    assert hidden
    assert determined_cells(values, equations, hidden) == frozenset()
    assert all(value == 0 or value >= THRESHOLD for value in second.values() if value is not None)
