"""The doctor's estimate of the absence and the WIA status (O15; seed ch. 1,
"Gezondheidsgegevens die aan bod komen bij de Arbozorg": "inschatte verzuimduur", "of
werkneer valt onder de Wet Werk en Inkomen naar Arbeidsvermogen").

The company doctor, or a member of his team, records on /care-case how long he expects the
absence to last (whole days, 1 to 730: two years of sickness, after which the WIA takes
over) and whether the employee falls under the WIA (yes, no, unknown); either may be left
empty. Both columns are ``absence_health``: the employer never reads them (his expected
period is the one of the released feedback), nor do the case manager or the desk.

Each save is one unit: checked at the field (nothing written on a refusal), in the case's
scope (``policy.may_record_estimate``), and audited ``case_estimate_recorded`` naming the
columns that changed — never their values: the audit log is read by the privacy desk, which
may not see health data (as with a care address or an exposure). A save without a change
writes nothing. Opening the values is an audited read of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import ESTIMATE_ROLES, Actor, Subject, may_record_estimate
from kwportal.models import SickLeaveCase
from kwportal.services import audit
from kwportal.services.case.scope import MEDICAL_ROLES, case_in_scope
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError, project

#: whole days; two years of sickness (104 weeks) at most, after which the WIA takes over
MIN_DAYS, MAX_DAYS = 1, 730
#: the form's WIA choice and what is stored
WIA_CHOICES: dict[str, bool | None] = {"yes": True, "no": False, "unknown": None}
FIELDS = ("estimated_days", "wia")
COLUMNS = {
    "estimated_days": "sick_leave_case.estimated_duration_days",
    "wia": "sick_leave_case.wia",
}


@dataclass(frozen=True, slots=True)
class FieldProblem:
    field: str
    code: str


class EstimateError(ValueError):
    """A refused save; ``problems`` name the fields at fault (nothing was written)."""

    def __init__(self, problems: tuple[FieldProblem, ...]) -> None:
        super().__init__("estimate.check_fields")
        self.code = "estimate.check_fields"
        self.problems = problems


@dataclass(frozen=True, slots=True)
class EstimateView:
    case_id: int
    #: None: not estimated
    estimated_days: int | None
    #: "yes", "no" or "unknown"
    wia: str
    #: the reader may record (the doctor or his team in scope)
    may_record: bool


@dataclass(frozen=True, slots=True)
class EstimateChange:
    """The values after a save and the columns it changed (none: nothing written)."""

    view: EstimateView
    changed: tuple[str, ...]


def _wia_choice(value: bool | None) -> str:
    return next(key for key, stored in WIA_CHOICES.items() if stored is value)


def check(estimated_days: str | int | None, wia: str) -> tuple[int | None, bool | None]:
    """The form's values as stored, or ``EstimateError`` naming every field at fault: the
    days empty or a whole number from 1 to 730; the WIA status one of the choices."""
    problems: list[FieldProblem] = []
    text = "" if estimated_days is None else str(estimated_days).strip()
    days: int | None = None
    if text:
        if not (text.isascii() and text.isdigit()) or len(text) > 4:
            problems.append(FieldProblem("estimated_days", "estimate.error.days_whole"))
        elif not MIN_DAYS <= int(text) <= MAX_DAYS:
            problems.append(FieldProblem("estimated_days", "estimate.error.days_range"))
        else:
            days = int(text)
    choice = str(wia or "").strip()
    if choice not in WIA_CHOICES:
        problems.append(FieldProblem("wia", "estimate.error.wia"))
    if problems:
        raise EstimateError(tuple(problems))
    return days, WIA_CHOICES[choice]


def _view(actor: Actor, subject: Subject, case: SickLeaveCase) -> EstimateView:
    values = project(actor, subject, case, COLUMNS)
    assert case.id is not None
    return EstimateView(
        case.id,
        values["estimated_days"],
        _wia_choice(values["wia"]),
        may_record_estimate(actor, subject),
    )


def _audit(
    session: Session,
    actor: Actor,
    ctx: Ctx,
    subject: Subject,
    case_id: int,
    event: str,
    fields: tuple[str, ...] = (),
) -> None:
    """Who read or changed the estimate of which case; a change names its fields only."""
    audit.record(
        session,
        actor=actor,
        access=ctx.access,
        event_type=event,
        action=audit.Action.UPDATE if fields else audit.Action.READ,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=subject.employee_id,
        objects=[audit.ObjectRef(str(Category.ABSENCE_HEALTH), "sick_leave_case", case_id)],
        details={"fields": list(fields)} if fields else None,
        secret=ctx.secret,
        now=ctx.now,
    )


@use_case(*MEDICAL_ROLES)
def do_open_estimate(actor: Actor, case_id: int, *, ctx: Ctx) -> EstimateView:
    """The case's estimate and WIA status for the doctor's team (an audited read)."""
    ref = case_in_scope(ctx.session, actor, case_id)
    case = ctx.session.get(SickLeaveCase, ref.case_id)
    assert case is not None
    view = _view(actor, ref.subject, case)
    _audit(ctx.session, actor, ctx, ref.subject, ref.case_id, "case_estimate_view")
    return view


@use_case(*ESTIMATE_ROLES)
def do_record_estimate(
    actor: Actor, case_id: int, estimated_days: str | int | None, wia: str, *, ctx: Ctx
) -> EstimateChange:
    """Record the estimated length of the absence and the WIA status of the case
    (``EstimateError`` on bad input, ``PolicyDeniedError`` outside the recorder's reach:
    nothing is written either way); a change is audited by the columns it changed, never
    their values."""
    ref = case_in_scope(ctx.session, actor, case_id)
    if not may_record_estimate(actor, ref.subject):
        raise PolicyDeniedError(f"{actor.role} may not record the estimate")
    days, falls_under = check(estimated_days, wia)
    # locked and read afresh: two saves at once each compare with what the other wrote
    case = ctx.session.exec(
        select(SickLeaveCase)
        .where(SickLeaveCase.id == ref.case_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    new = {"estimated_duration_days": days, "wia": falls_under}
    changed = tuple(column for column, value in new.items() if getattr(case, column) != value)
    if changed:
        case.estimated_duration_days, case.wia = days, falls_under
        ctx.session.add(case)
        ctx.session.flush()
        _audit(ctx.session, actor, ctx, ref.subject, ref.case_id, "case_estimate_recorded", changed)
    return EstimateChange(_view(actor, ref.subject, case), changed)
