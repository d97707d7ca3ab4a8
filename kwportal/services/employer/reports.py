"""Anonymised absence reports for the employer (seed ch. 1: reports to the employer "bevatten
alleen geanonimiseerde informatie"; issue 6 item 5).

Three tables per department, for one calendar year, each suppressed by
:mod:`kwportal.domain.anonymity` (fewer than 5 people hidden, plus complementary cells so no
total gives one away):

* absence percentage per quarter: sick calendar days / employed calendar days (a day worked
  partly counts by the share still absent: 50 % working is half a day, issue 18 item 7),
  built from the people employed in the department in that quarter (a derived measure over
  the group); the employed days and the group come from the roster's counts, since only
  people in care are stored (issue 17 item 1; without a roster the table is left out and
  the page says why);
* sick reports per quarter: how many absences began (a partial recovery is no new report),
  built from the people who reported sick;
* duration classes: absences that began in the year by length (ongoing ones up to today),
  built from the people concerned.

PMO (preventive medical examination) summaries: the portal holds no PMO data (no model), so
there is nothing to summarise; the page says so rather than show an empty table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select as select_rows
from sqlmodel import Session, col

from kwportal.domain import workforce
from kwportal.domain.anonymity import Cell, PublishedCell, PublishedTable, Table, suppress
from kwportal.domain.partial_absence import WorkingStep, absent_days
from kwportal.domain.policy import Actor, require
from kwportal.domain.roles import Role
from kwportal.models import Employee, RecoveryStep, SickLeaveCase, WorkforceFigure
from kwportal.services import audit
from kwportal.services.privacy import restriction
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError

DURATION_CLASSES: tuple[tuple[str, int, int | None], ...] = (
    ("up_to_7", 1, 7),
    ("8_to_42", 8, 42),
    ("43_to_365", 43, 365),
    ("over_365", 366, None),
)
"""Duration classes in calendar days: short, medium (to the problem analysis), long, very long."""
QUARTERS = ("q1", "q2", "q3", "q4")
YEARS_BACK = 2
NO_DEPARTMENT = ""
_DAY = timedelta(days=1)
_CHUNK = 500
_Absence = tuple[int, date, date | None, tuple[WorkingStep, ...]]
"""(employee, first sick day, recovery date, partial-recovery steps)"""


@dataclass(frozen=True, slots=True)
class ReportTable:
    key: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    published: PublishedTable
    percent: bool


@dataclass(frozen=True, slots=True)
class Reports:
    year: int
    years: tuple[int, ...]
    absence: ReportTable
    frequency: ReportTable
    durations: ReportTable
    pmo_available: bool = False
    #: the roster gave the workforce counts the absence percentage divides by (issue 17
    #: item 1: only people in care are stored, so there is no other denominator)
    workforce_known: bool = True

    @property
    def tables(self) -> tuple[ReportTable, ...]:
        if not self.workforce_known:
            return (self.frequency, self.durations)
        return (self.absence, self.frequency, self.durations)


@dataclass(frozen=True, slots=True)
class _Person:
    department: str
    start: date | None
    end: date | None


def years_for(today: date) -> tuple[int, ...]:
    return tuple(range(today.year, today.year - YEARS_BACK - 1, -1))


def reports(
    actor: Actor,
    year: int,
    *,
    session: Session,
    today: date,
    access: audit.AccessPoint,
    secret: str,
) -> Reports:
    """The organisation's reports for ``year`` (another year falls back to this one)."""
    organisation_id = require(
        actor, Role.EMPLOYER_CONTACT, has="organisation_id", error=PolicyDeniedError
    )
    years = years_for(today)
    year = year if year in years else today.year
    people = _people(session, organisation_id)
    cases = _cases(session, organisation_id, year)
    # processing stopped (issue 17 item 3): a restricted employee counts in no report
    stopped = restriction.restricted_in_organisation(session, organisation_id)
    people = {key: person for key, person in people.items() if key not in stopped}
    cases = [case for case in cases if case[0] not in stopped]
    staffed, known = _workforce(session, organisation_id, year)
    named = {p.department for p in people.values()} | {d for d, _q in staffed}
    departments = tuple(sorted(named)) or (NO_DEPARTMENT,)
    result = Reports(
        year=year,
        years=years,
        workforce_known=known,
        absence=_absence(people, cases, departments, year, today, staffed),
        frequency=_frequency(people, cases, departments, year),
        durations=_durations(people, cases, departments, year, today),
    )
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="employer_reports",
        action=audit.Action.READ,
        ground=audit.Ground.CONTRACT,
        details={"year": year, "anonymised": True},
        secret=secret,
    )
    return result


def _people(session: Session, organisation_id: int) -> dict[int, _Person]:
    rows = session.execute(
        select_rows(
            col(Employee.id),
            col(Employee.department),
            col(Employee.employment_start),
            col(Employee.employment_end),
        ).where(col(Employee.organisation_id) == organisation_id)
    ).all()
    return {row.id: _Person(row.department.strip(), row[2], row[3]) for row in rows}


def _cases(session: Session, organisation_id: int, year: int) -> list[_Absence]:
    """(employee, first sick day, recovery date, partial-recovery steps) of every absence
    that touches the year."""
    rows = session.execute(
        select_rows(
            col(SickLeaveCase.id),
            col(SickLeaveCase.employee_id),
            col(SickLeaveCase.sick_report_date),
            col(SickLeaveCase.recovery_date),
        ).where(
            col(SickLeaveCase.organisation_id) == organisation_id,
            col(SickLeaveCase.sick_report_date) <= date(year, 12, 31),
            col(SickLeaveCase.recovery_date).is_(None)
            | (col(SickLeaveCase.recovery_date) > date(year, 1, 1)),
        )
    ).all()
    steps = _steps(session, [row[0] for row in rows])
    return [(row[1], row[2], row[3], tuple(steps.get(row[0], ()))) for row in rows]


def _steps(session: Session, case_ids: list[int]) -> dict[int, list[WorkingStep]]:
    """Each case's partial recoveries (issue 18 item 7), oldest first."""
    found: dict[int, list[WorkingStep]] = defaultdict(list)
    for chunk in range(0, len(case_ids), _CHUNK):
        rows = session.execute(
            select_rows(
                col(RecoveryStep.case_id),
                col(RecoveryStep.from_date),
                col(RecoveryStep.percent_working),
            )
            .where(col(RecoveryStep.case_id).in_(case_ids[chunk : chunk + _CHUNK]))
            .order_by(col(RecoveryStep.case_id), col(RecoveryStep.from_date))
        ).all()
        for case_id, from_date, percent in rows:
            found[case_id].append(WorkingStep(from_date, percent))
    return found


def _quarters(year: int, today: date) -> list[tuple[date, date]]:
    """Each quarter's first and last day, cut at today (a quarter still to come is empty)."""
    bounds = []
    for q in range(4):
        first = date(year, 3 * q + 1, 1)
        last = (date(year + 1, 1, 1) if q == 3 else date(year, 3 * q + 4, 1)) - _DAY
        bounds.append((first, min(last, today)))
    return bounds


def _table(
    departments: Sequence[str],
    columns: int,
    value: dict[tuple[int, int], float],
    who: dict[tuple[int, int], set[int]],
    weight: dict[tuple[int, int], float] | None = None,
) -> Table:
    """A table whose cells, row totals, column totals and grand total are built from sets of
    people; values add up, or (with ``weight``) are a ratio value/weight in percent."""

    def cell(keys: list[tuple[int, int]]) -> Cell:
        total = sum(value.get(k, 0.0) for k in keys)
        group: set[int] = set().union(*(who.get(k, set()) for k in keys)) if keys else set()
        if weight is not None:
            base = sum(weight.get(k, 0.0) for k in keys)
            total = round(100.0 * total / base, 1) if base else 0.0
        return Cell(total, len(group))

    rows = range(len(departments))
    cols = range(columns)
    return Table(
        cells=tuple(tuple(cell([(r, c)]) for c in cols) for r in rows),
        row_totals=tuple(cell([(r, c) for c in cols]) for r in rows),
        column_totals=tuple(cell([(r, c) for r in rows]) for c in cols),
        grand_total=cell([(r, c) for r in rows for c in cols]),
    )


def _workforce(
    session: Session, organisation_id: int, year: int
) -> tuple[dict[tuple[str, int], tuple[int, int]], bool]:
    """The roster's counts for ``year``: (department, quarter) → (people, employed days),
    and whether the organisation ever gave a roster (issue 17 item 1)."""
    rows = session.execute(
        select_rows(
            col(WorkforceFigure.department),
            col(WorkforceFigure.quarter),
            col(WorkforceFigure.people),
            col(WorkforceFigure.employed_days),
        ).where(
            col(WorkforceFigure.organisation_id) == organisation_id,
            col(WorkforceFigure.year) == year,
        )
    ).all()
    known = bool(rows) or (
        session.execute(
            select_rows(col(WorkforceFigure.id))
            .where(col(WorkforceFigure.organisation_id) == organisation_id)
            .limit(1)
        ).first()
        is not None
    )
    return {(row[0], row[1]): (row[2], row[3]) for row in rows}, known


def _absence(
    people: dict[int, _Person],
    cases: list[_Absence],
    departments: Sequence[str],
    year: int,
    today: date,
    staffed: dict[tuple[str, int], tuple[int, int]],
) -> ReportTable:
    """Sick days of the people in care over the employed days of the whole workforce, per
    department and quarter; the group size of a cell is the workforce count (the roster's
    figures: nobody outside care is stored). The running quarter's days are cut at today."""
    index = {d: i for i, d in enumerate(departments)}
    quarters = _quarters(year, today)
    employed: dict[tuple[int, int], float] = defaultdict(float)
    heads: dict[tuple[int, int], int] = defaultdict(int)
    year_heads: dict[int, int] = defaultdict(int)
    sick: dict[tuple[int, int], float] = defaultdict(float)
    started = any(workforce.elapsed_share(year, q, today) for q in (1, 2, 3, 4))
    for (department, quarter), (count, days) in staffed.items():
        if quarter == workforce.YEAR:
            year_heads[index[department]] = count if started else 0
            continue
        share = workforce.elapsed_share(year, quarter, today)
        if share:
            key = (index[department], quarter - 1)
            employed[key] += days * share
            heads[key] += count
    for person_id, start, recovered, steps in cases:
        sick_one = people.get(person_id)
        if sick_one is None:
            continue
        for q, (first, last) in enumerate(quarters):
            lo, hi = max(first, sick_one.start or first), min(last, sick_one.end or last)
            # a partly recovered day counts by the share still absent (issue 18 item 7)
            absent = (
                absent_days(lo, hi, first_sick_day=start, recovery_date=recovered, steps=steps)
                if hi >= lo
                else 0.0
            )
            sick[(index[sick_one.department], q)] += absent
    table = _rate_table(len(departments), len(quarters), sick, employed, heads, year_heads)
    return ReportTable("absence", tuple(departments), QUARTERS, suppress(table), True)


def _rate_table(
    rows: int,
    columns: int,
    value: dict[tuple[int, int], float],
    weight: dict[tuple[int, int], float],
    heads: dict[tuple[int, int], int],
    year_heads: dict[int, int],
) -> Table:
    """value/weight in percent per cell and total; each entry's group size from counts
    (a department's people are no one else's, so column totals add up)."""

    def cell(keys: list[tuple[int, int]], people: int) -> Cell:
        base = sum(weight.get(k, 0.0) for k in keys)
        total = sum(value.get(k, 0.0) for k in keys)
        return Cell(round(100.0 * total / base, 1) if base else 0.0, people)

    row_people = [year_heads.get(r, 0) for r in range(rows)]
    return Table(
        cells=tuple(
            tuple(cell([(r, c)], heads.get((r, c), 0)) for c in range(columns)) for r in range(rows)
        ),
        row_totals=tuple(
            cell([(r, c) for c in range(columns)], row_people[r]) for r in range(rows)
        ),
        column_totals=tuple(
            cell([(r, c) for r in range(rows)], sum(heads.get((r, c), 0) for r in range(rows)))
            for c in range(columns)
        ),
        grand_total=cell([(r, c) for r in range(rows) for c in range(columns)], sum(row_people)),
    )


def _frequency(
    people: dict[int, _Person],
    cases: list[_Absence],
    departments: Sequence[str],
    year: int,
) -> ReportTable:
    index = {d: i for i, d in enumerate(departments)}
    count: dict[tuple[int, int], float] = defaultdict(float)
    who: dict[tuple[int, int], set[int]] = defaultdict(set)
    for person_id, start, _, _ in cases:
        if start.year != year or person_id not in people:
            continue
        key = (index[people[person_id].department], (start.month - 1) // 3)
        count[key] += 1
        who[key].add(person_id)
    table = _table(departments, len(QUARTERS), count, who)
    return ReportTable("frequency", tuple(departments), QUARTERS, suppress(table), False)


def _durations(
    people: dict[int, _Person],
    cases: list[_Absence],
    departments: Sequence[str],
    year: int,
    today: date,
) -> ReportTable:
    index = {d: i for i, d in enumerate(departments)}
    count: dict[tuple[int, int], float] = defaultdict(float)
    who: dict[tuple[int, int], set[int]] = defaultdict(set)
    for person_id, start, recovered, _ in cases:
        if start.year != year or person_id not in people:
            continue
        days = ((recovered - _DAY) if recovered else today) - start
        length = max(1, days.days + 1)
        klass = next(
            i for i, (_, lo, hi) in enumerate(DURATION_CLASSES) if lo <= length <= (hi or length)
        )
        key = (index[people[person_id].department], klass)
        count[key] += 1
        who[key].add(person_id)
    table = _table(departments, len(DURATION_CLASSES), count, who)
    columns = tuple(name for name, _, _ in DURATION_CLASSES)
    return ReportTable("durations", tuple(departments), columns, suppress(table), False)


def shown(cell: PublishedCell, *, percent: bool) -> str:
    """A published value as text; a hidden one as one mark, never the reason."""
    if cell.value is None:
        return "x"
    return f"{cell.value:.1f}" if percent else str(int(cell.value))


def csv_rows(result: Reports, labels: dict[str, str]) -> list[list[object]]:
    """Every table as CSV rows: table, department, period or class, value (``x`` = hidden)."""
    out: list[list[object]] = [
        [labels["table"], labels["department"], labels["column"], labels["value"]]
    ]
    for table in result.tables:
        name = labels[f"table.{table.key}"]
        for r, department in enumerate(table.rows):
            dept = department or labels["no_department"]
            for c, column in enumerate(table.columns):
                cell = table.published.cells[r][c]
                out.append(
                    [name, dept, labels[f"col.{column}"], shown(cell, percent=table.percent)]
                )
            total = table.published.row_totals[r]
            out.append([name, dept, labels["total"], shown(total, percent=table.percent)])
        for c, column in enumerate(table.columns):
            cell = table.published.column_totals[c]
            out.append(
                [name, labels["total"], labels[f"col.{column}"], shown(cell, percent=table.percent)]
            )
        grand = table.published.grand_total
        out.append([name, labels["total"], labels["total"], shown(grand, percent=table.percent)])
    out.append([labels["legend"], "", "", ""])
    return out


# --- use cases: one click each (the page and the CSV route hand them to the runner) ---


@dataclass(frozen=True, slots=True)
class ReportsDownload:
    """The figures for the CSV, and the reader's language for its words."""

    reports: Reports
    language: str


def _reports(actor: Actor, year: int, ctx: Ctx) -> Reports:
    return reports(
        actor, year, session=ctx.session, today=ctx.today, access=ctx.access, secret=ctx.secret
    )


@use_case(Role.EMPLOYER_CONTACT)
def do_reports(actor: Actor, year: int, *, ctx: Ctx) -> Reports:
    """The organisation's anonymised figures for ``year`` (0 or another year: this one)."""
    return _reports(actor, year, ctx)


@use_case(Role.EMPLOYER_CONTACT, step_up=True)
def do_download_reports(actor: Actor, year: int, *, ctx: Ctx) -> ReportsDownload:
    """The same figures for the CSV download, which needs a fresh code (BRIEF.md,
    "Security")."""
    language = ctx.signed_in.language if ctx.signed_in is not None else ""
    return ReportsDownload(_reports(actor, year, ctx), language)
