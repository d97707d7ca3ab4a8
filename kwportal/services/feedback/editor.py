"""The employer feedback editor (issue 7, item 3): the four items the employer may hear
(seed ch. 1, "Aan werkgever"), with the functional capacity after the six areas of the
Functionele Mogelijkhedenlijst, each can / limited / cannot with a short note.

A case manager may draft; only the doctor or a member he delegated releases
(services/release). Two people on one draft: every save names the version it started
from and a save from an older version is refused, so the last write never silently wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from kwportal.domain import capacity
from kwportal.domain.categories import Category
from kwportal.domain.medical_terms import TermHit, check_fields
from kwportal.domain.policy import Access, Actor, access
from kwportal.models import EmployerFeedback
from kwportal.services import audit
from kwportal.services.case.scope import CaseRef, case_in_scope, may_release

#: the six areas of the FML, in the order of the list (``domain.capacity``)
FML_AREAS = capacity.AREAS
LEVELS = capacity.LEVELS
MAX_CAPACITY_NOTE = capacity.MAX_NOTE
MAX_PERIOD = 200
MAX_DEGREE = 100
MAX_ADVICE = 5000
MIN_REASON, MAX_REASON = 10, 500
DRAFT, RELEASED = "draft", "released"


class FeedbackError(ValueError):
    """A refused edit; ``code`` is a translation key."""

    def __init__(self, code: str, terms: tuple[TermHit, ...] = ()) -> None:
        super().__init__(code)
        self.code = code
        self.terms = terms


@dataclass(frozen=True, slots=True)
class FeedbackForm:
    #: area -> "can" | "limited" | "cannot" | "" (not assessed)
    levels: dict[str, str] = field(default_factory=dict)
    #: area -> short note
    notes: dict[str, str] = field(default_factory=dict)
    expected_period: str = ""
    incapacity_degree: str = ""
    advice: str = ""

    def is_empty(self) -> bool:
        return not (
            any(self.levels.values())
            or any(self.notes.values())
            or self.expected_period
            or self.incapacity_degree
            or self.advice
        )

    def texts(self) -> dict[str, str]:
        """The free texts the medical-term check reads, by field."""
        texts = {f"note.{area}": self.notes.get(area, "") for area in FML_AREAS}
        texts.update(
            expected_period=self.expected_period,
            incapacity_degree=self.incapacity_degree,
            advice=self.advice,
        )
        return texts


@dataclass(frozen=True, slots=True)
class DraftView:
    feedback_id: int
    case_id: int
    status: str
    version: int
    form: FeedbackForm
    terms: tuple[TermHit, ...]
    #: the flagged terms of this very version were confirmed with a reason
    terms_confirmed: bool
    may_release: bool
    released_at: datetime | None
    #: when the draft was shared with the employee (NVAB: discussed before it is sent)
    shared_at: datetime | None = None
    #: the employee's reaction: his words about his health, so only for those who may read
    #: medical data (never the case manager)
    employee_reaction: str = ""
    reaction_readable: bool = False


def form_of(row: EmployerFeedback) -> FeedbackForm:
    stored = capacity.read(row.functional_capacity, row.capacity_notes)
    return FeedbackForm(
        levels={a: stored.level(a) for a in FML_AREAS},
        notes={a: stored.note(a) for a in FML_AREAS},
        expected_period=row.expected_period,
        incapacity_degree=row.incapacity_degree,
        advice=row.advice,
    )


def require_feedback_access(actor: Actor) -> None:
    if access(actor, Category.EMPLOYER_FEEDBACK) is not Access.FULL:
        raise FeedbackError("auth.not_allowed")


def _view(session: Session, actor: Actor, ref: CaseRef, row: EmployerFeedback) -> DraftView:
    assert row.id is not None
    form = form_of(row)
    medical = access(actor, Category.MEDICAL) is Access.FULL
    return DraftView(
        feedback_id=row.id,
        case_id=row.case_id,
        status=row.status,
        version=row.version,
        form=form,
        terms=check_fields(form.texts()),
        terms_confirmed=row.terms_confirmed_version == row.version,
        may_release=row.status == DRAFT and may_release(session, actor, ref.subject),
        released_at=row.released_at,
        shared_at=row.shared_with_employee_at,
        employee_reaction=row.employee_reaction if medical else "",
        reaction_readable=medical,
    )


def current_draft(
    actor: Actor,
    case_id: int,
    *,
    session: Session,
    create: bool,
    now: datetime,
    access_point: audit.AccessPoint,
    secret: str,
) -> DraftView | None:
    """The case's open draft; with ``create``, a new empty one when there is none."""
    require_feedback_access(actor)
    ref = case_in_scope(session, actor, case_id)
    row = session.exec(
        select(EmployerFeedback)
        .where(EmployerFeedback.case_id == case_id, EmployerFeedback.status == DRAFT)
        .order_by(col(EmployerFeedback.id).desc())
    ).first()
    if row is None:
        if not create:
            return None
        row = EmployerFeedback(case_id=case_id, author_account_id=actor.account_id, created_at=now)
        session.add(row)
        session.flush()
        _audit(session, actor, access_point, ref, row, "feedback_draft_created", secret, now)
    return _view(session, actor, ref, row)


def locked_draft(
    session: Session, actor: Actor, feedback_id: int, expected_version: int
) -> tuple[CaseRef, EmployerFeedback]:
    """The draft, row-locked, checked against the actor's scope and the version he saw."""
    require_feedback_access(actor)
    row = session.get(EmployerFeedback, feedback_id, with_for_update=True)
    if row is None:
        raise FeedbackError("feedback.unknown")
    ref = case_in_scope(session, actor, row.case_id)
    if row.status != DRAFT:
        raise FeedbackError("feedback.already_released")
    if row.version != expected_version:
        raise FeedbackError("feedback.stale")
    return ref, row


def clean_form(form: FeedbackForm) -> FeedbackForm:
    """Trimmed and checked; every refusal names the field."""
    levels = {}
    for area in FML_AREAS:
        level = form.levels.get(area, "").strip()
        if level and not capacity.is_level(level):
            raise FeedbackError("feedback.level_invalid")
        levels[area] = level
    notes = {a: _text(form.notes.get(a, ""), MAX_CAPACITY_NOTE, "note") for a in FML_AREAS}
    return FeedbackForm(
        levels=levels,
        notes=notes,
        expected_period=_text(form.expected_period, MAX_PERIOD, "period"),
        incapacity_degree=_text(form.incapacity_degree, MAX_DEGREE, "degree"),
        advice=_text(form.advice, MAX_ADVICE, "advice"),
    )


def _text(value: str, limit: int, name: str) -> str:
    value = value.replace("\x00", "").strip()
    if len(value) > limit:
        raise FeedbackError(f"feedback.{name}_too_long")
    return value


def save_draft(
    actor: Actor,
    feedback_id: int,
    *,
    expected_version: int,
    form: FeedbackForm,
    session: Session,
    access_point: audit.AccessPoint,
    secret: str,
    now: datetime,
) -> DraftView:
    clean = clean_form(form)
    ref, row = locked_draft(session, actor, feedback_id, expected_version)
    row.functional_capacity, row.capacity_notes = capacity.of(clean.levels, clean.notes).to_json()
    row.expected_period = clean.expected_period
    row.incapacity_degree = clean.incapacity_degree
    row.advice = clean.advice
    row.author_account_id = actor.account_id
    row.version += 1
    session.add(row)
    _audit(session, actor, access_point, ref, row, "feedback_draft_saved", secret, now)
    return _view(session, actor, ref, row)


def confirm_terms(
    actor: Actor,
    feedback_id: int,
    *,
    expected_version: int,
    reason: str,
    session: Session,
    access_point: audit.AccessPoint,
    secret: str,
    now: datetime,
) -> DraftView:
    """The releaser confirms the flagged terms of this version may go, and says why. The
    audit row records that and how many terms, never the terms (they are medical)."""
    ref, row = locked_draft(session, actor, feedback_id, expected_version)
    if not may_release(session, actor, ref.subject):
        raise FeedbackError("feedback.may_not_release")
    hits = check_fields(form_of(row).texts())
    if not hits:
        raise FeedbackError("feedback.no_terms")
    text = reason.replace("\x00", "").strip()
    if len(text) < MIN_REASON:
        raise FeedbackError("feedback.reason_required")
    if len(text) > MAX_REASON:
        raise FeedbackError("feedback.reason_too_long")
    row.terms_confirmed_version, row.terms_confirmed_reason = row.version, text
    session.add(row)
    _audit(
        session,
        actor,
        access_point,
        ref,
        row,
        "feedback_terms_confirmed",
        secret,
        now,
        details={"terms": len(hits), "fields": sorted({h.field for h in hits})},
    )
    return _view(session, actor, ref, row)


def _audit(
    session: Session,
    actor: Actor,
    access_point: audit.AccessPoint,
    ref: CaseRef,
    row: EmployerFeedback,
    event_type: str,
    secret: str,
    now: datetime,
    *,
    details: dict[str, object] | None = None,
) -> None:
    audit.record(
        session,
        actor=actor,
        access=access_point,
        event_type=event_type,
        action=audit.Action.CREATE if event_type.endswith("created") else audit.Action.UPDATE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=ref.subject.employee_id,
        objects=[audit.ObjectRef(str(Category.EMPLOYER_FEEDBACK), "employer_feedback", row.id)],
        details={"version": row.version, **(details or {})},
        secret=secret,
        now=now,
    )
