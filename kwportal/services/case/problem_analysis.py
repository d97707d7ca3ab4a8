"""The problem analysis (issue 15 item 3; Regeling procesgang eerste en tweede ziektejaar,
art. 2): the company doctor writes it by week 6, in two parts.

* The **medical part** is a ``case_document`` of kind ``problem_analysis``: it stays in the
  medical file (category medical), read by the doctor's team and by the employee himself
  (WGBO art. 7:456; his "My case" lists it for download). It never reaches a view for the
  employer, the case manager or the privacy desk.
* The **employer part** — the four items and the advice (seed ch. 1, "Aan werkgever") — is
  the case's employer-feedback draft, linked by ``case_document.feedback_id``. It is edited,
  shared with the employee and released on the feedback page (services/feedback): the one
  release flow, so employer and employee get identical text at the same moment.

The Poortwachter step counts as taken once the employer part is released: that is what the
employer can see and act on (services/employer/deadlines.py). Until then the doctor may
rework the medical part; after it, the analysis is final and a revised analysis is a new
document (a file is kept whole).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import (
    Actor,
    Subject,
    may_read_problem_analysis,
    may_write_problem_analysis,
)
from kwportal.domain.roles import Role
from kwportal.i18n.fmt import fmt_date
from kwportal.models import CaseDocument, Employee, EmployerFeedback, SickLeaveCase
from kwportal.services import audit
from kwportal.services.case.scope import CaseRef, case_in_scope
from kwportal.services.feedback.editor import RELEASED, current_draft
from kwportal.services.privacy import restriction
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError

KIND = "problem_analysis"
TITLE = "Probleemanalyse"
MAX_MEDICAL = 20_000
GROUND = audit.Ground.LEGAL_DUTY
#: the employer part's state, as the doctor's page shows it
PART_DRAFT, PART_SHARED, PART_RELEASED = "draft", "shared", "released"


class AnalysisError(ValueError):
    """A refused save; ``code`` is a translation key for the medical-part field."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class AnalysisLine:
    document_id: int
    created_at: datetime
    #: the optimistic lock: the moment of the last save the page saw
    stamp: str
    medical: str
    feedback_id: int | None
    employer_part: str
    released_at: datetime | None

    @property
    def released(self) -> bool:
        return self.employer_part == PART_RELEASED


@dataclass(frozen=True, slots=True)
class ProblemAnalysisPage:
    """The doctor's page: whose case, the analysis still open (its employer part not yet
    released) and the final ones before it, newest first."""

    case_id: int
    name: str
    sick_since: date
    current: AnalysisLine | None
    earlier: tuple[AnalysisLine, ...]
    #: the use of his data stopped, as the doctor is told (issue 17 item 3): the employer
    #: part still goes (a Poortwachter step), each release recorded as an exception
    restriction: restriction.RestrictionNotice | None = None


def _stamp(row: CaseDocument) -> str:
    return (row.updated_at or row.created_at).isoformat()


def _lines(session: Session, case_id: int) -> list[AnalysisLine]:
    rows = session.exec(
        select(CaseDocument, EmployerFeedback)
        .join(
            EmployerFeedback,
            col(EmployerFeedback.id) == col(CaseDocument.feedback_id),
            isouter=True,
        )
        .where(CaseDocument.case_id == case_id, CaseDocument.kind == KIND)
        .order_by(col(CaseDocument.created_at).desc(), col(CaseDocument.id).desc())
    ).all()
    return [_line(document, feedback) for document, feedback in rows]


def _line(document: CaseDocument, feedback: EmployerFeedback | None) -> AnalysisLine:
    assert document.id is not None
    if feedback is None or feedback.status != RELEASED:
        shared = feedback is not None and feedback.shared_with_employee_at is not None
        part, released_at = (PART_SHARED if shared else PART_DRAFT), None
    else:
        part, released_at = PART_RELEASED, feedback.released_at
    return AnalysisLine(
        document.id,
        document.created_at,
        _stamp(document),
        document.content,
        document.feedback_id,
        part,
        released_at,
    )


def _page(session: Session, actor: Actor, ref: CaseRef) -> ProblemAnalysisPage:
    case = session.get(SickLeaveCase, ref.case_id)
    person = session.get(Employee, ref.subject.employee_id)
    assert case is not None and person is not None
    lines = _lines(session, ref.case_id)
    current = next((line for line in lines if not line.released), None)
    earlier = tuple(line for line in lines if line.released)
    name = f"{person.first_name} {person.last_name}".strip()
    return ProblemAnalysisPage(
        ref.case_id,
        name,
        case.sick_report_date,
        current,
        earlier,
        restriction.notice_for(session, actor, ref.subject),
    )


def _reader(session: Session, actor: Actor, case_id: int) -> CaseRef:
    ref = case_in_scope(session, actor, case_id)
    if not may_read_problem_analysis(actor, ref.subject):
        raise PolicyDeniedError("the problem analysis is the doctor's team's")
    return ref


def _audit(
    ctx: Ctx, actor: Actor, subject: Subject, action: audit.Action, document_id: int | None
) -> None:
    audit.record(
        ctx.session,
        actor=actor,
        access=ctx.access,
        event_type=f"problem_analysis_{action}",
        action=action,
        ground=GROUND,
        subject_employee_id=subject.employee_id,
        objects=[audit.ObjectRef(str(Category.MEDICAL), "case_document", document_id)],
        secret=ctx.secret,
        now=ctx.now,
    )


def _clean(text: str) -> str:
    value = str(text or "").replace("\x00", "").strip()
    if not value:
        raise AnalysisError("problem_analysis.error.required")
    if len(value) > MAX_MEDICAL:
        raise AnalysisError("problem_analysis.error.too_long")
    return value


def _create(actor: Actor, ref: CaseRef, text: str, ctx: Ctx) -> CaseDocument:
    """A new analysis, its employer part the case's open feedback draft (a new one when
    there is none), so the four items are written and released where they always are."""
    draft = current_draft(
        actor,
        ref.case_id,
        session=ctx.session,
        create=True,
        now=ctx.now,
        access_point=ctx.access,
        secret=ctx.secret,
    )
    assert draft is not None
    row = CaseDocument(
        case_id=ref.case_id,
        employee_id=ref.subject.employee_id,
        kind=KIND,
        title=f"{TITLE} {fmt_date(ctx.now, short=True)}",
        content=text,
        author_account_id=actor.account_id,
        created_at=ctx.now,
        updated_at=ctx.now,
        feedback_id=draft.feedback_id,
    )
    ctx.session.add(row)
    ctx.session.flush()
    return row


def _update(ref: CaseRef, document_id: int, stamp: str, text: str, ctx: Ctx) -> CaseDocument:
    row = ctx.session.get(CaseDocument, document_id, with_for_update=True)
    if row is None or row.case_id != ref.case_id or row.kind != KIND:
        raise AnalysisError("problem_analysis.error.unknown")
    released = row.feedback_id is not None and (
        ctx.session.exec(
            select(EmployerFeedback.status).where(EmployerFeedback.id == row.feedback_id)
        ).first()
        == RELEASED
    )
    if released:
        raise AnalysisError("problem_analysis.error.final")
    if _stamp(row) != stamp:
        raise AnalysisError("problem_analysis.error.stale")
    row.content, row.updated_at = text, ctx.now
    ctx.session.add(row)
    return row


# --- use cases: one click each ---


@use_case(Role.COMPANY_DOCTOR, Role.CARE_TEAM)
def do_open_problem_analysis(actor: Actor, case_id: int, *, ctx: Ctx) -> ProblemAnalysisPage:
    """The case's analyses; reading the medical part is an audited read."""
    ref = _reader(ctx.session, actor, case_id)
    _audit(ctx, actor, ref.subject, audit.Action.READ, None)
    return _page(ctx.session, actor, ref)


@use_case(Role.COMPANY_DOCTOR)
def do_save_problem_analysis(
    actor: Actor, case_id: int, document_id: int, stamp: str, medical: str, *, ctx: Ctx
) -> ProblemAnalysisPage:
    """Write the medical part: a new analysis (``document_id`` 0, only when none is open)
    or the open one at the version the page saw (``stamp``); then the page again."""
    ref = case_in_scope(ctx.session, actor, case_id)
    if not may_write_problem_analysis(actor, ref.subject):
        raise PolicyDeniedError("the doctor writes the problem analysis")
    text = _clean(medical)
    if document_id == 0:
        if any(not line.released for line in _lines(ctx.session, case_id)):
            raise AnalysisError("problem_analysis.error.stale")
        row, action = _create(actor, ref, text, ctx), audit.Action.CREATE
    else:
        row, action = _update(ref, document_id, stamp, text, ctx), audit.Action.UPDATE
    _audit(ctx, actor, ref.subject, action, row.id)
    return _page(ctx.session, actor, ref)
