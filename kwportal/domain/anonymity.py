"""Anonymised group reports for employers: small-cell and complementary suppression.

Seed ch. 1 ("Welke persoonsgegevens kunnen aan derden worden verstrekt?"): reports to the employer
"bevatten alleen geanonimiseerde informatie en dus geen persoonsgegevens die herleidbaar zijn tot
een individuele werknemer". Issue 6 item 5: every cell built from fewer than 5 people is
suppressed, with complementary suppression so that totals cannot reveal a suppressed cell.

A table (rows e.g. departments, columns e.g. periods or duration classes) and its row, column and
grand totals form the *grid*: R+1 rows of C+1 entries, row R holding the column totals and column C
the row totals; a position is (row, column) in it. Each line of the grid is a sum the employer can
use. For a derived measure (absence percentage) the employer knows the group sizes, so weighted
values add up just the same.

Zero cells (nobody) are published as 0 and never hidden, not even as partners. A zero describes no
one, so the threshold has no one to protect; hidden, it is found again (counts are never negative,
so hidden entries of a line that must add up to 0 are all 0); as a partner it protects nothing, as
a class known to be empty. "Everyone in department X was absent" is carried by the non-zero cell
equal to its published total (group disclosure), which hiding the zero does not change. For absence
the employer learns nothing new (it sees every sick report, BRIEF.md "Data categories"); for a PMO
finding the report builder must merge categories or departments instead.

Limits: no hidden entry can be recomputed from the sums (`recoverable_cells` checks exactly), nor
pinned by "counts are not negative": every hidden count is 1 or more and lies on a cycle of hidden
entries, along which it can shift by one. An employer who also knows that hidden counts are at
least 1 can narrow them, and in rare patterns pin hidden 1s (two hidden cells of a line adding up
to 2); excluding that needs protection intervals (a linear program per entry). Show one mark for
every hidden entry, never the reason: "1 to 4 people" against "5 or more" narrows them further.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Generic, TypeVar

MIN_CELL_SIZE = 5
"""Fewest people an entry may be built from to be published (issue 6 item 5; seed ch. 1, "geen
persoonsgegevens die herleidbaar zijn tot een individuele werknemer")."""

Position = tuple[int, int]
"""(row, column) in the grid; row R holds the column totals, column C the row totals."""

_T = TypeVar("_T")
_Cost = tuple[int, int]  # people in newly hidden entries, then their number
_Vertex = tuple[int, int]  # a line of the grid: (0, row) or (1, column); ties go low first


class Reason(StrEnum):
    PRIMARY = "primary"  # built from 1 to MIN_CELL_SIZE - 1 people
    COMPLEMENTARY = "complementary"  # hidden so that no primary entry can be recomputed


@dataclass(frozen=True, slots=True)
class Cell:
    """A value and the number of distinct people it was built from; `people` decides suppression.

    For a head count both are the same (`Cell.count`); for a derived measure (absence percentage,
    mean duration) `value` is the measure and `people` the size of the group it was computed over.
    """

    value: float
    people: int

    def __post_init__(self) -> None:
        if self.people < 0:
            raise ValueError("a cell cannot be built from a negative number of people")
        if not math.isfinite(self.value):
            raise ValueError("a cell's value must be a finite number")

    @classmethod
    def count(cls, people: int) -> Cell:
        return cls(people, people)


@dataclass(frozen=True, slots=True)
class PublishedCell:
    """What the employer may be shown: the value, or None with the reason it was hidden."""

    value: float | None
    reason: Reason | None = None

    def __post_init__(self) -> None:
        if (self.value is None) == (self.reason is None):
            raise ValueError("an entry is either published with a value or hidden with a reason")

    @property
    def suppressed(self) -> bool:
        return self.value is None


def _ungrid(grid: list[list[PublishedCell]]) -> PublishedTable:
    return PublishedTable(
        cells=tuple(tuple(row[:-1]) for row in grid[:-1]),
        row_totals=tuple(row[-1] for row in grid[:-1]),
        column_totals=tuple(grid[-1][:-1]),
        grand_total=grid[-1][-1],
    )


def _lines(rows: int, columns: int) -> list[tuple[list[Position], Position]]:
    """Every line of a grid for `rows` x `columns` cells, as (its entries, its total)."""
    across = [([(i, j) for j in range(columns)], (i, columns)) for i in range(rows + 1)]
    down = [([(i, j) for i in range(rows)], (rows, j)) for j in range(columns + 1)]
    return across + down


@dataclass(frozen=True, slots=True)
class _Grid(Generic[_T]):
    cells: tuple[tuple[_T, ...], ...]
    row_totals: tuple[_T, ...]
    column_totals: tuple[_T, ...]
    grand_total: _T

    def __post_init__(self) -> None:
        rows, columns = self.shape
        if rows == 0 or columns == 0:
            raise ValueError("a table needs at least one row and one column")
        if len(self.row_totals) != rows or any(len(row) != columns for row in self.cells):
            raise ValueError("a table needs rows of one cell per column, and one total per row")

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.cells), len(self.column_totals)

    def grid(self) -> tuple[tuple[_T, ...], ...]:
        body = ((*row, total) for row, total in zip(self.cells, self.row_totals, strict=True))
        return (*body, (*self.column_totals, self.grand_total))


@dataclass(frozen=True, slots=True)
class Table(_Grid[Cell]):
    """Cells with their totals, as the report builder computed them from individual people.

    A total covers at least the people of each entry in its line, and covers someone exactly when
    one of them does: a total that is not made of its own cells would make the sums meaningless.
    """

    def __post_init__(self) -> None:
        _Grid.__post_init__(self)  # zero-argument super() fails in slotted dataclasses
        grid = self.grid()
        for entries, (ti, tj) in _lines(*self.shape):
            total, most = grid[ti][tj].people, max(grid[i][j].people for i, j in entries)
            if total < most or (total == 0) != (most == 0):
                raise ValueError(f"the total at {(ti, tj)} does not cover the people of its line")


@dataclass(frozen=True, slots=True)
class PublishedTable(_Grid[PublishedCell]):
    """The table as the employer may see it; same shape as the `Table` it came from."""

    def suppressed(self) -> frozenset[Position]:
        grid = self.grid()
        return frozenset(
            (i, j) for i, row in enumerate(grid) for j, e in enumerate(row) if e.value is None
        )


def count_table(counts: Sequence[Sequence[int]]) -> Table:
    """A table of head counts, each person counted in one cell; the totals are the sums."""
    if not counts or any(len(row) != len(counts[0]) for row in counts):
        raise ValueError("a table needs at least one row, and rows of equal length")
    column_sums = [sum(column) for column in zip(*counts, strict=True)]
    return Table(
        cells=tuple(tuple(Cell.count(n) for n in row) for row in counts),
        row_totals=tuple(Cell.count(sum(row)) for row in counts),
        column_totals=tuple(Cell.count(n) for n in column_sums),
        grand_total=Cell.count(sum(column_sums)),
    )


def suppress(table: Table) -> PublishedTable:
    """Hide every entry built from 1 to 4 people, then enough others that none can be recomputed.

    Seen as a graph with the lines of the grid as vertices and the hidden entries as edges, a hidden
    entry is fixed by the sums exactly when its edge lies on no cycle. So for each primary entry
    (in grid order) the cheapest path from its row to its column is hidden as well: hidden entries
    cost nothing, others their people, zero cells are never used (the smallest cells go first,
    then the fewest; ties by grid order). An entry alone in its line gets a partner in that line
    and one across; chains of small cells share partners; cascades close in one path.
    """
    grid = table.grid()
    people = {(i, j): cell.people for i, row in enumerate(grid) for j, cell in enumerate(row)}
    primary = sorted(p for p, n in people.items() if 0 < n < MIN_CELL_SIZE)
    adjacency: dict[_Vertex, list[tuple[_Vertex, Position]]] = {}
    for (i, j), n in people.items():
        if n > 0:
            adjacency.setdefault((0, i), []).append(((1, j), (i, j)))
            adjacency.setdefault((1, j), []).append(((0, i), (i, j)))
    hidden = set(primary)
    for entry in primary:
        hidden |= _closing_path(entry, hidden, people, adjacency)
    reasons = {p: Reason.COMPLEMENTARY for p in hidden} | {p: Reason.PRIMARY for p in primary}
    return _ungrid(
        [
            [
                PublishedCell(None, reasons[i, j]) if (i, j) in reasons else PublishedCell(c.value)
                for j, c in enumerate(row)
            ]
            for i, row in enumerate(grid)
        ]
    )


def _closing_path(
    entry: Position,
    hidden: set[Position],
    people: dict[Position, int],
    adjacency: dict[_Vertex, list[tuple[_Vertex, Position]]],
) -> set[Position]:
    """The entries still to hide so that `entry` lies on a cycle of hidden entries (Dijkstra)."""
    start, goal = (0, entry[0]), (1, entry[1])
    best: dict[_Vertex, _Cost] = {start: (0, 0)}
    via: dict[_Vertex, tuple[_Vertex, Position]] = {}
    queue: list[tuple[_Cost, _Vertex]] = [((0, 0), start)]
    while queue:
        cost, vertex = heapq.heappop(queue)
        if vertex == goal:
            break
        if cost > best[vertex]:
            continue
        for neighbour, position in adjacency[vertex]:
            if position == entry:
                continue
            step = (0, 0) if position in hidden else (people[position], 1)
            reached = (cost[0] + step[0], cost[1] + step[1])
            if neighbour not in best or reached < best[neighbour]:
                best[neighbour], via[neighbour] = reached, (vertex, position)
                heapq.heappush(queue, (reached, neighbour))
    if goal not in via:  # excluded by Table's check: every non-zero entry lies on a cycle
        raise RuntimeError(f"no cycle can protect the entry at {entry}")
    path, vertex = set(), goal
    while vertex != start:
        vertex, position = via[vertex]
        path.add(position)
    return path - hidden


@dataclass(frozen=True, slots=True)
class PublishedGroups:
    """A one-dimensional report as the employer may see it."""

    groups: tuple[PublishedCell, ...]
    total: PublishedCell


def suppress_groups(groups: Sequence[Cell], total: Cell) -> PublishedGroups:
    """Groups and their total (e.g. absence percentage per department and for the organisation).

    Treated as a table of one column whose row totals are the groups themselves, so the same rule
    applies: a small group is hidden together with at least one more group (or the total).
    """
    table = Table(
        cells=tuple((group,) for group in groups),
        row_totals=tuple(groups),
        column_totals=(total,),
        grand_total=total,
    )
    published = suppress(table)
    return PublishedGroups(tuple(row[0] for row in published.cells), published.column_totals[0])


def recoverable_cells(published: PublishedTable) -> frozenset[Position]:
    """Hidden entries that the published numbers fix exactly: the adversary's view.

    Each line's entries add up to its total: a linear system in the hidden entries. One is fixed
    when it has a row of its own in the reduced row echelon form. That is the whole linear attack:
    a total minus the rest of its line, repeated, and any sum of rows minus columns (which
    line-by-line subtraction misses). Only the pattern matters, so derived measures are covered.
    """
    unknowns = sorted(published.suppressed())
    index = {position: k for k, position in enumerate(unknowns)}
    equations: list[list[Fraction]] = []
    for entries, total in _lines(*published.shape):
        row = [Fraction(0)] * len(unknowns)
        for position in entries:
            if position in index:
                row[index[position]] = Fraction(1)
        if total in index:
            row[index[total]] = Fraction(-1)
        if any(row):
            equations.append(row)
    return frozenset(
        unknowns[next(k for k, a in enumerate(row) if a)]
        for row in _reduced_row_echelon(equations)
        if sum(1 for a in row if a) == 1
    )


def _reduced_row_echelon(matrix: list[list[Fraction]]) -> list[list[Fraction]]:
    rows = [list(row) for row in matrix]
    rank = 0
    for column in range(len(rows[0]) if rows else 0):
        pivot = next((k for k in range(rank, len(rows)) if rows[k][column]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        lead = rows[rank][column]
        rows[rank] = [a / lead for a in rows[rank]]
        for k, row in enumerate(rows):
            if k != rank and row[column]:
                factor = row[column]
                rows[k] = [a - factor * b for a, b in zip(row, rows[rank], strict=True)]
        rank += 1
    return rows[:rank]
