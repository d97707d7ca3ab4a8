"""Small-cell suppression for employer reports (issue 6 item 5; seed ch. 1: reports to the
employer hold "alleen geanonimiseerde informatie").

Two adversaries attack every published table: the module's own ``recoverable_cells`` (Gaussian
elimination over all row and column sums) and, written here apart from it, the classic attack
of subtracting the published entries of a line from its published total, repeated until nothing
new is learned.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwportal.domain.anonymity import (
    MIN_CELL_SIZE,
    Cell,
    Position,
    PublishedCell,
    PublishedTable,
    Reason,
    Table,
    count_table,
    recoverable_cells,
    suppress,
    suppress_groups,
)

PROPERTY = settings(max_examples=200, database=None, deadline=None)


def lines(rows: int, columns: int) -> list[list[Position]]:
    """Each line of the grid, its total last."""
    across = [[(i, j) for j in range(columns + 1)] for i in range(rows + 1)]
    down = [[(i, j) for i in range(rows + 1)] for j in range(columns + 1)]
    return across + down


def subtraction_attack(published: PublishedTable) -> dict[Position, float]:
    """Recover hidden entries from lines with one unknown left: total minus the rest."""
    grid = published.grid()
    known = {
        (i, j): entry.value
        for i, row in enumerate(grid)
        for j, entry in enumerate(row)
        if entry.value is not None
    }
    learned: dict[Position, float] = {}
    progress = True
    while progress:
        progress = False
        for line in lines(*published.shape):
            unknown = [p for p in line if p not in known]
            if len(unknown) != 1:
                continue
            *entries, total = line
            target = unknown[0]
            if target == total:
                value = sum(known[p] for p in entries)
            else:
                value = known[total] - sum(known[p] for p in entries if p != target)
            known[target] = learned[target] = value
            progress = True
    return learned


def with_hidden(table: Table, hidden: set[Position]) -> PublishedTable:
    """The table with exactly the entries in `hidden` hidden."""
    grid = [
        [
            PublishedCell(None, Reason.COMPLEMENTARY)
            if (i, j) in hidden
            else PublishedCell(c.value)
            for j, c in enumerate(row)
        ]
        for i, row in enumerate(table.grid())
    ]
    return PublishedTable(
        cells=tuple(tuple(row[:-1]) for row in grid[:-1]),
        row_totals=tuple(row[-1] for row in grid[:-1]),
        column_totals=tuple(grid[-1][:-1]),
        grand_total=grid[-1][-1],
    )


def primary_only(table: Table) -> PublishedTable:
    """The naive report: hide the small entries and nothing else."""
    grid = table.grid()
    small = {(i, j) for i, row in enumerate(grid) for j, c in enumerate(row) if 0 < c.people < 5}
    return with_hidden(table, small)


def hidden_with(published: PublishedTable, reason: Reason) -> set[Position]:
    return {
        (i, j)
        for i, row in enumerate(published.grid())
        for j, entry in enumerate(row)
        if entry.reason is reason
    }


def assert_safe(table: Table, published: PublishedTable) -> None:
    """The rules every published table keeps, whatever its shape."""
    assert published.shape == table.shape
    for row, published_row in zip(table.grid(), published.grid(), strict=True):
        for cell, entry in zip(row, published_row, strict=True):
            if cell.people == 0:
                assert entry == PublishedCell(cell.value)
            elif cell.people < MIN_CELL_SIZE:
                assert entry == PublishedCell(None, Reason.PRIMARY)
            elif entry.suppressed:
                assert entry.reason is Reason.COMPLEMENTARY
            else:
                assert entry.value == cell.value
    assert recoverable_cells(published) == frozenset()
    assert subtraction_attack(published) == {}


def suppress_counts(counts: Sequence[Sequence[int]]) -> PublishedTable:
    table = count_table(counts)
    published = suppress(table)
    assert_safe(table, published)
    return published


# --- the adversaries themselves -------------------------------------------------------------


def test_the_naive_report_gives_a_small_cell_away_by_subtraction():
    table = count_table([[3, 10, 12], [8, 9, 11]])
    naive = primary_only(table)
    assert subtraction_attack(naive) == {(0, 0): 3}
    assert recoverable_cells(naive) == {(0, 0)}


def test_the_attack_follows_a_chain_of_subtractions():
    naive = primary_only(count_table([[2, 3, 10, 10], [10, 4, 1, 10], [10, 10, 10, 10]]))
    assert subtraction_attack(naive) == {(0, 0): 2, (0, 1): 3, (1, 1): 4, (1, 2): 1}
    assert recoverable_cells(naive) == {(0, 0), (0, 1), (1, 1), (1, 2)}


def test_sums_of_rows_minus_columns_find_what_subtraction_misses():
    """Two closed rectangles of hidden cells joined by one hidden cell: every line has two or
    more hidden entries, so subtraction stalls, yet rows 0-1 minus columns 0-1 give (0, 2)."""
    table = count_table([[5, 5, 5, 6], [5, 5, 6, 6], [6, 6, 5, 5], [6, 6, 5, 5]])
    rectangles = {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3)}
    published = with_hidden(table, rectangles | {(0, 2)})
    assert subtraction_attack(published) == {}
    assert recoverable_cells(published) == {(0, 2)}
    assert recoverable_cells(with_hidden(table, rectangles)) == frozenset()


def test_one_partner_per_line_is_not_enough_for_a_sparse_table():
    """Found by Hypothesis against the plain rule "a line with one hidden entry gets a partner":
    it hides two closed rectangles joined by row 2's total, and columns 1 and T give that away."""
    table = count_table([[0, 1, 0], [0, 4, 0], [1, 0, 1]])
    rectangles = {(0, 1), (0, 3), (1, 1), (1, 3), (2, 0), (2, 2), (3, 0), (3, 2)}
    line_rule = with_hidden(table, rectangles | {(2, 3)})
    assert subtraction_attack(line_rule) == {}
    assert recoverable_cells(line_rule) == {(2, 3)}
    published = suppress_counts([[0, 1, 0], [0, 4, 0], [1, 0, 1]])
    assert published.column_totals[1] == PublishedCell(None, Reason.COMPLEMENTARY)


# --- adversarial tables ---------------------------------------------------------------------


def test_a_single_small_cell_gets_the_smallest_partners_in_its_row_and_column():
    published = suppress_counts([[3, 10, 12], [8, 9, 11], [7, 6, 20]])
    assert hidden_with(published, Reason.PRIMARY) == {(0, 0)}
    # 10 is the smallest other cell of row 0, 7 of column 0, and 6 closes the rectangle
    assert hidden_with(published, Reason.COMPLEMENTARY) == {(0, 1), (2, 0), (2, 1)}
    assert published.row_totals[0].value == 25
    assert published.grand_total.value == 86


def test_small_cells_on_a_diagonal_protect_each_other():
    published = suppress_counts([[2, 9, 8, 7], [9, 3, 8, 7], [8, 9, 4, 7], [8, 9, 8, 1]])
    assert hidden_with(published, Reason.PRIMARY) == {(0, 0), (1, 1), (2, 2), (3, 3)}
    # each alone would need three partners (16 entries); sharing them needs fewer
    assert len(published.suppressed()) <= 10


def test_a_chain_of_small_cells_across_rows_and_columns():
    published = suppress_counts([[4, 3, 20, 20], [20, 2, 1, 20], [20, 20, 3, 4], [20, 20, 20, 20]])
    assert hidden_with(published, Reason.PRIMARY) == {
        (0, 0),
        (0, 1),
        (1, 1),
        (1, 2),
        (2, 2),
        (2, 3),
    }


def test_a_partner_that_needs_partners_of_its_own_cascades():
    """Row 0's smallest other cell, 8, is alone in its column, so hiding it would force the
    column total (8 again) and a third entry in the totals row (18): 34 people. The row totals
    of rows 0 and 1 with the 6 below cost 30, so the protection runs through them."""
    published = suppress_counts([[3, 8, 0], [6, 0, 7], [9, 0, 8]])
    assert hidden_with(published, Reason.COMPLEMENTARY) == {(0, 3), (1, 0), (1, 3)}
    assert published.cells[0][1].value == 8


def test_a_row_total_below_five_is_hidden_and_cannot_be_rebuilt():
    published = suppress_counts([[2, 1, 1], [10, 12, 9], [8, 7, 11]])
    assert published.row_totals[0] == PublishedCell(None, Reason.PRIMARY)
    assert all(cell.suppressed for cell in published.cells[0])
    assert published.grand_total.value == 61


def test_a_published_total_and_the_rest_of_its_line_never_reveal_the_last_cell():
    published = suppress_counts([[6, 7, 2], [9, 9, 9]])
    for line in lines(*published.shape):
        hidden = [p for p in line if p in published.suppressed()]
        assert len(hidden) != 1


def test_one_row_table():
    published = suppress_counts([[3, 12, 7, 9]])
    assert published.cells[0][0].suppressed and published.column_totals[0].suppressed
    assert published.cells[0][2].reason is Reason.COMPLEMENTARY  # 7, the smallest other
    assert published.row_totals[0].value == 31


def test_one_column_table():
    published = suppress_counts([[12], [2], [30], [6]])
    assert published.cells[1][0] == PublishedCell(None, Reason.PRIMARY)
    assert published.cells[3][0] == PublishedCell(None, Reason.COMPLEMENTARY)
    assert published.column_totals[0].value == 50


def test_a_one_by_one_table_is_published_or_hidden_whole():
    assert suppress_counts([[7]]).suppressed() == frozenset()
    assert len(suppress_counts([[3]]).suppressed()) == 4


def test_large_cells_are_all_published_as_they_are():
    table = count_table([[5, 10, 12], [8, 9, 11], [7, 6, 20]])
    published = suppress(table)
    assert published.suppressed() == frozenset()
    assert [[e.value for e in row] for row in published.grid()] == [
        [c.value for c in row] for row in table.grid()
    ]


def test_all_small_cells_hide_everything_below_the_threshold():
    published = suppress_counts([[1, 2], [3, 4]])
    assert all(cell.suppressed for row in published.cells for cell in row)
    assert published.grand_total.value == 10


def test_a_table_of_fewer_than_five_people_hides_everything():
    published = suppress_counts([[1, 1], [1, 1]])
    assert all(entry.suppressed for row in published.grid() for entry in row)


def test_a_year_of_months_for_thirty_departments():
    rng = random.Random(6)
    counts = [
        [rng.choice((rng.randint(0, 4), rng.randint(5, 60))) for _ in range(12)] for _ in range(30)
    ]
    published = suppress_counts(counts)
    assert 0 < len(published.suppressed()) < 31 * 13


# --- zero cells -----------------------------------------------------------------------------


def test_zero_cells_are_published_and_never_chosen_as_partners():
    published = suppress_counts([[3, 0, 0, 9], [0, 0, 8, 9], [6, 0, 7, 9]])
    zeros = {(0, 1), (0, 2), (1, 0), (1, 1), (2, 1)}
    assert zeros.isdisjoint(published.suppressed())
    assert all(published.grid()[i][j].value == 0 for i, j in zeros)


def test_an_empty_table_publishes_zeros():
    published = suppress_counts([[0, 0], [0, 0]])
    assert published.suppressed() == frozenset()
    assert published.grand_total.value == 0


# --- derived measures -----------------------------------------------------------------------


def test_a_percentage_is_hidden_by_the_size_of_its_group_not_by_its_value():
    """Absence percentage per department and quarter: 2 people in department B in Q1."""
    cells = (
        (Cell(3.5, 40), Cell(12.5, 2), Cell(4.0, 41)),
        (Cell(6.1, 12), Cell(5.9, 12), Cell(0.0, 12)),
    )
    table = Table(
        cells=cells,
        row_totals=(Cell(4.2, 43), Cell(4.0, 12)),
        column_totals=(Cell(4.3, 52), Cell(6.6, 14), Cell(3.1, 53)),
        grand_total=Cell(4.1, 55),
    )
    published = suppress(table)
    assert_safe(table, published)
    assert published.cells[0][1] == PublishedCell(None, Reason.PRIMARY)
    assert published.cells[1][2].value == 0.0  # 12 people, none absent: a value, not a zero cell


def test_groups_one_small_group_gets_the_smallest_other_as_partner():
    published = suppress_groups([Cell.count(n) for n in (3, 20, 8)], Cell.count(31))
    assert published.groups[0] == PublishedCell(None, Reason.PRIMARY)
    assert published.groups[1].value == 20
    assert published.groups[2] == PublishedCell(None, Reason.COMPLEMENTARY)
    assert published.total.value == 31


def test_groups_with_a_small_total_hide_everything():
    published = suppress_groups([Cell.count(2), Cell.count(1)], Cell.count(3))
    assert all(group.suppressed for group in published.groups)
    assert published.total.suppressed


def test_groups_of_percentages():
    groups = [Cell(4.5, 30), Cell(9.0, 4), Cell(2.0, 25)]
    published = suppress_groups(groups, Cell(3.9, 59))
    assert [g.value for g in published.groups] == [4.5, None, None]
    assert published.total.value == 3.9


# --- determinism and input checks -----------------------------------------------------------


def test_the_same_table_always_gives_the_same_report():
    counts = [[3, 10, 10], [10, 10, 10], [10, 10, 2]]
    assert suppress_counts(counts) == suppress_counts(counts) == suppress(count_table(counts))


def test_ties_are_broken_by_position():
    published = suppress_counts([[3, 10, 10], [10, 10, 10], [10, 10, 10]])
    assert hidden_with(published, Reason.COMPLEMENTARY) == {(0, 1), (1, 0), (1, 1)}


@pytest.mark.parametrize(
    ("cells", "row_totals", "column_totals", "grand_total"),
    [
        ((), (), (), Cell.count(0)),
        (
            ((Cell.count(1),), (Cell.count(1), Cell.count(1))),
            (Cell.count(1),) * 2,
            (Cell.count(1),),
            Cell.count(2),
        ),
        (((Cell.count(6),),), (Cell.count(6),), (Cell.count(6), Cell.count(6)), Cell.count(6)),
        (((Cell.count(6),),), (Cell.count(5),), (Cell.count(6),), Cell.count(6)),
        (((Cell.count(0),),), (Cell.count(5),), (Cell.count(5),), Cell.count(5)),
    ],
    ids=["empty", "ragged", "totals-mismatch", "total-below-cell", "total-of-nobody"],
)
def test_inconsistent_tables_are_refused(cells, row_totals, column_totals, grand_total):
    with pytest.raises(ValueError):
        Table(cells, row_totals, column_totals, grand_total)


def test_cells_and_published_cells_are_checked():
    with pytest.raises(ValueError):
        Cell(1.0, -1)
    with pytest.raises(ValueError):
        Cell(float("nan"), 6)
    with pytest.raises(ValueError):
        PublishedCell(None)
    with pytest.raises(ValueError):
        PublishedCell(3, Reason.PRIMARY)
    with pytest.raises(ValueError):
        count_table([[1, 2], [3]])


# --- properties -----------------------------------------------------------------------------

counts = st.integers(0, 30) | st.integers(0, MIN_CELL_SIZE)


@st.composite
def count_grids(draw: st.DrawFn) -> list[list[int]]:
    rows, columns = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    row = st.lists(counts, min_size=columns, max_size=columns)
    return draw(st.lists(row, min_size=rows, max_size=rows))


@PROPERTY
@given(count_grids())
def test_no_published_table_reveals_a_small_cell(grid):
    suppress_counts(grid)


@settings(PROPERTY, max_examples=40)
@given(count_grids())
def test_the_report_does_not_depend_on_anything_but_the_table(grid):
    assert suppress(count_table(grid)) == suppress(count_table([list(r) for r in grid]))


def covering(people: Sequence[int], extra: int) -> int:
    """The people of a total over groups that may overlap (the same staff in every period)."""
    return max(people) + extra if max(people) else 0


@settings(PROPERTY, max_examples=100)
@given(count_grids(), st.lists(st.integers(0, 10), min_size=64, max_size=64), st.data())
def test_derived_measures_are_suppressed_by_their_people(grid, extras, data):
    """Percentages per department and period: totals cover overlapping groups, not sums."""
    size = (len(grid) + 1) * (len(grid[0]) + 1)
    values = iter(data.draw(st.lists(st.floats(0, 100), min_size=size, max_size=size)))
    extra = iter(extras)
    row_people = [covering(row, next(extra)) for row in grid]
    column_people = [covering(column, next(extra)) for column in zip(*grid, strict=True)]
    table = Table(
        cells=tuple(tuple(Cell(next(values), n) for n in row) for row in grid),
        row_totals=tuple(Cell(next(values), n) for n in row_people),
        column_totals=tuple(Cell(next(values), n) for n in column_people),
        grand_total=Cell(next(values), covering(row_people + column_people, next(extra))),
    )
    assert_safe(table, suppress(table))


@PROPERTY
@given(st.lists(counts, min_size=1, max_size=8))
def test_no_group_report_reveals_a_small_group(sizes):
    published = suppress_groups([Cell.count(n) for n in sizes], Cell.count(sum(sizes)))
    entries = [*published.groups, published.total]
    for size, entry in zip([*sizes, sum(sizes)], entries, strict=True):
        if 0 < size < MIN_CELL_SIZE:
            assert entry.suppressed
        elif not entry.suppressed:
            assert entry.value == size
    assert sum(entry.suppressed for entry in entries) != 1
