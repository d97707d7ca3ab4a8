"""Exposures and what they do to the retention term (issue 15 item 6).

The company doctor records that an employee worked with hazardous substances or ionising
radiation, from when and (once known) until when, and corrects or ends such a record; the
care team reads them. Each record lengthens how long the whole file is kept (seed ch. 1,
Bewaartermijn: 40 years for hazardous substances; Besluit Stralingshygiëne art. 100 and
Euratom 2013/59 art. 45: until age 75 and at least 30 years after the radiation work), so
every change answers with the retention line before and after it, from the same rules the
retention run uses (:func:`kwportal.domain.retention.decide` on the dossier of
:func:`kwportal.services.retention.plan.dossiers`). Exposures are medical: the employer, the
case manager, the privacy desk and the administrator never read them (the desk sees only
"a longer statutory term", ``retention.desk.desk_rule``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import (
    EXPOSURE_KINDS,
    Actor,
    Subject,
    may_read_exposures,
    may_record_exposure,
)
from kwportal.domain.retention import Decision, Exposure, decide
from kwportal.domain.roles import Role
from kwportal.models import ExposureRecord
from kwportal.models.base import MAX_ROW_ID
from kwportal.services import audit
from kwportal.services.case.scope import MEDICAL_ROLES, case_in_scope
from kwportal.services.retention.plan import dossier_of
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError, project_rows

MAX_AGENT = 200
EXPOSURE_COLUMNS = {
    "exposure_id": "exposure_record.id",
    "kind": "exposure_record.kind",
    "agent": "exposure_record.agent",
    "started_on": "exposure_record.started_on",
    "ended_on": "exposure_record.ended_on",
    "recorded_at": "exposure_record.recorded_at",
    "updated_at": "exposure_record.updated_at",
}


@dataclass(frozen=True, slots=True)
class FieldProblem:
    field: str
    code: str


class ExposureError(ValueError):
    """A refused record or correction; ``problems`` name the fields at fault (nothing was
    written)."""

    def __init__(self, code: str, problems: tuple[FieldProblem, ...] = ()) -> None:
        super().__init__(code)
        self.code = code
        self.problems = problems


@dataclass(frozen=True, slots=True)
class ExposureLine:
    exposure_id: int
    kind: str
    agent: str
    started_on: date
    ended_on: date | None
    recorded_at: datetime
    updated_at: datetime | None


@dataclass(frozen=True, slots=True)
class RetentionLine:
    """How long the file is kept as things stand: the longest term known now and its rule,
    and what keeps it from being fixed yet (open case, running employment …)."""

    #: the first day destruction could be allowed by the longest known term
    earliest: date | None
    rule: str
    holds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ExposurePanel:
    exposures: tuple[ExposureLine, ...]
    retention: RetentionLine
    #: the reader may record and correct (the company doctor)
    may_record: bool


@dataclass(frozen=True, slots=True)
class ExposureChange:
    """What one change did: the panel afterwards and the retention line before it."""

    panel: ExposurePanel
    before: RetentionLine


def retention_line(decision: Decision) -> RetentionLine:
    """The longest term among the applicable ones (the one that decides once nothing holds
    the file any more), and the holds."""
    holds = tuple(str(h) for h in decision.holds)
    if decision.destroy_from is not None:
        return RetentionLine(decision.destroy_from, str(decision.rule), holds)
    if not decision.terms:
        return RetentionLine(None, str(decision.rule), holds)
    rule, earliest = max(decision.terms, key=lambda term: term[1])
    return RetentionLine(earliest, str(rule), holds)


def _retention(
    session: Session, employee_id: int, exposures: list[Exposure] | None = None
) -> RetentionLine:
    """The line from the same rules and inputs as the retention run, in one round trip
    (and one more for the exposures when the caller has not read them)."""
    session.flush()
    if exposures is None:
        exposures = [
            Exposure(kind, ended)
            for kind, ended in session.exec(
                select(col(ExposureRecord.kind), col(ExposureRecord.ended_on)).where(
                    ExposureRecord.employee_id == employee_id
                )
            )
        ]
    found = dossier_of(session, employee_id, exposures)
    assert found is not None
    return retention_line(decide(found))


def exposure_panel(session: Session, actor: Actor, subject: Subject) -> ExposurePanel:
    """The employee's exposures (of every case: they follow the person) and his retention
    line, for the doctor and his team."""
    if not may_read_exposures(actor, subject):
        raise PolicyDeniedError(f"{actor.role} may not read exposures")
    session.flush()
    rows = session.execute(
        select_columns(
            *(getattr(ExposureRecord, c.split(".", 1)[1]) for c in EXPOSURE_COLUMNS.values())
        )
        .where(col(ExposureRecord.employee_id) == subject.employee_id)
        .order_by(col(ExposureRecord.started_on), col(ExposureRecord.id))
    ).all()
    lines = tuple(ExposureLine(**v) for v in project_rows(actor, subject, rows, EXPOSURE_COLUMNS))
    retention = _retention(
        session, subject.employee_id, [Exposure(line.kind, line.ended_on) for line in lines]
    )
    return ExposurePanel(lines, retention, may_record_exposure(actor, subject))


@dataclass(frozen=True, slots=True)
class ExposureForm:
    kind: str
    agent: str
    started_on: date
    ended_on: date | None


def _day(raw: str, field: str, problems: list[FieldProblem]) -> date | None:
    text = raw.strip()[:10]
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.append(FieldProblem(field, "exposures.bad_date"))
        return None


def check_form(kind: str, agent: str, started_on: str, ended_on: str, today: date) -> ExposureForm:
    """The form's values, or ``ExposureError`` naming every field at fault: a known kind, an
    agent, a start not in the future, an end (if any) not before the start nor in the
    future."""
    problems: list[FieldProblem] = []
    if kind not in EXPOSURE_KINDS:
        problems.append(FieldProblem("kind", "exposures.kind_required"))
    text = agent.replace("\x00", "").strip()
    if not text:
        problems.append(FieldProblem("agent", "exposures.agent_required"))
    elif len(text) > MAX_AGENT:
        problems.append(FieldProblem("agent", "exposures.agent_too_long"))
    start = _day(started_on, "started_on", problems)
    end = _day(ended_on, "ended_on", problems)
    if start is None and not any(p.field == "started_on" for p in problems):
        problems.append(FieldProblem("started_on", "exposures.start_required"))
    if start is not None and start > today:
        problems.append(FieldProblem("started_on", "exposures.start_in_future"))
    if end is not None and end > today:
        problems.append(FieldProblem("ended_on", "exposures.end_in_future"))
    if start is not None and end is not None and end < start:
        problems.append(FieldProblem("ended_on", "exposures.end_before_start"))
    if problems:
        raise ExposureError("exposures.check_fields", tuple(problems))
    assert start is not None
    return ExposureForm(kind, text, start, end)


def _audit(
    session: Session, actor: Actor, ctx: Ctx, row: ExposureRecord, event: str, fields: list[str]
) -> None:
    """Who recorded or changed which exposure record, and which fields changed: never the
    agent or the dates themselves (medical)."""
    audit.record(
        session,
        actor=actor,
        access=ctx.access,
        event_type=event,
        action=audit.Action.CREATE if event == "exposure_recorded" else audit.Action.UPDATE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=row.employee_id,
        objects=[audit.ObjectRef(str(Category.MEDICAL), "exposure_record", row.id)],
        details={"fields": fields},
        secret=ctx.secret,
        now=ctx.now,
    )


def _writer(actor: Actor, case_id: int, ctx: Ctx) -> Subject:
    subject = case_in_scope(ctx.session, actor, case_id).subject
    if not may_record_exposure(actor, subject):
        raise PolicyDeniedError(f"{actor.role} may not record exposures")
    return subject


@use_case(*MEDICAL_ROLES)
def do_open_exposures(actor: Actor, case_id: int, *, ctx: Ctx) -> ExposurePanel:
    """The exposures of the case's employee and his retention line."""
    subject = case_in_scope(ctx.session, actor, case_id).subject
    return exposure_panel(ctx.session, actor, subject)


@use_case(Role.COMPANY_DOCTOR)
def do_record_exposure(
    actor: Actor, case_id: int, kind: str, agent: str, started_on: str, ended_on: str, *, ctx: Ctx
) -> ExposureChange:
    """A new exposure of the case's employee (``ExposureError`` on bad input: nothing is
    written), then the panel with the retention line before and after."""
    subject = _writer(actor, case_id, ctx)
    form = check_form(kind, agent, started_on, ended_on, ctx.today)
    before = _retention(ctx.session, subject.employee_id)
    row = ExposureRecord(
        employee_id=subject.employee_id,
        kind=form.kind,
        agent=form.agent,
        started_on=form.started_on,
        ended_on=form.ended_on,
        recorded_at=ctx.now,
        recorded_by_account_id=actor.account_id,
    )
    ctx.session.add(row)
    ctx.session.flush()
    _audit(ctx.session, actor, ctx, row, "exposure_recorded", ["kind", "agent", "started_on"])
    return ExposureChange(exposure_panel(ctx.session, actor, subject), before)


@use_case(Role.COMPANY_DOCTOR)
def do_correct_exposure(
    actor: Actor,
    case_id: int,
    exposure_id: int,
    kind: str,
    agent: str,
    started_on: str,
    ended_on: str,
    *,
    ctx: Ctx,
) -> ExposureChange:
    """Correct or end one exposure of the case's employee (one of another person reads as
    unknown); a change without a difference writes nothing."""
    subject = _writer(actor, case_id, ctx)
    row = ctx.session.get(ExposureRecord, exposure_id) if 0 < exposure_id <= MAX_ROW_ID else None
    if row is None or row.employee_id != subject.employee_id:
        raise ExposureError("exposures.unknown")
    form = check_form(kind, agent, started_on, ended_on, ctx.today)
    before = _retention(ctx.session, subject.employee_id)
    changed = [
        name
        for name in ("kind", "agent", "started_on", "ended_on")
        if getattr(row, name) != getattr(form, name)
    ]
    if changed:
        for name in changed:
            setattr(row, name, getattr(form, name))
        row.updated_at = ctx.now
        ctx.session.add(row)
        ctx.session.flush()
        _audit(ctx.session, actor, ctx, row, "exposure_corrected", changed)
    return ExposureChange(exposure_panel(ctx.session, actor, subject), before)
