"""Rectification that ends in a change (seed ch. 3 B: "Op uw verzoek worden de gegevens
aangepast indien deze door KrachtWerkt onjuist of fout zijn verwerkt"; issue 17 item 2).

The employee asks per field, with the value he wants (:func:`ask`): one rights request
(kind rectification, due in four weeks) with one :class:`RectificationItem`. The value is
checked the way the field is checked elsewhere; a bad one is refused at the field and
nothing is stored. Then, per item:

* an identity or employment field is applied or refused by the privacy desk or the case
  manager, as the policy says per category (domain/policy.py, issue 17 item 2): applied,
  the employee's column gets the value in the same transaction and the audit row keeps the
  old and the new value; refused, with a reason the employee sees;
* the care address (health data) is applied or refused by the company doctor or his team;
  the audit row names the field, never an address (an audit row holds no health data);
* the medical file the WGBO way (art. 7:454 lid 1): the employee writes his own statement
  about a note or about his file for a case (:func:`ask_statement`); the item carries no
  value, the statement is a :class:`MedicalStatement` that only the doctor and his team
  read. The doctor (or his team) adds it to the file next to the disputed text, which stays
  (:func:`add_statement`); nobody can refuse it.

After each outcome the employee is told the one way that reaches him
(services/employee/telling.py ``tell_employee``, kind ``rectification``): a notice on his
portal and a content-free mail to his account, else a content-free mail to the address on
file, else a letter the case manager posts; he sees the outcome per field on his details
page. The desk still answers the request as a whole."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from kwportal.domain import rectification as rules
from kwportal.domain.categories import Category
from kwportal.domain.policy import (
    Actor,
    Subject,
    may_add_medical_statement,
    may_decide_rectification,
    may_see_rectification,
    require,
)
from kwportal.domain.rectification import ItemStatus, Target, TargetKind, ValueRefusedError
from kwportal.domain.rights import RightsKind
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import local_date
from kwportal.models import (
    Employee,
    MedicalNote,
    MedicalStatement,
    RectificationItem,
    SickLeaveCase,
)
from kwportal.services import audit
from kwportal.services.case.scope import case_in_scope
from kwportal.services.employee import telling
from kwportal.services.mail import Mail
from kwportal.services.privacy import rights
from kwportal.services.privacy.rights import RightsError
from kwportal.services.unit import Ctx, use_case

#: the employee's page the mail points to (telling.PAGES)
DETAILS_PATH = telling.PAGES[telling.RECTIFICATION]
#: the same item asked again this soon is a double tap
DUPLICATE_WINDOW = timedelta(seconds=60)
#: decided items a staff page shows besides the open ones
MAX_DECIDED_SHOWN = 20
GROUND = audit.Ground.LEGAL_DUTY
AUDIT_EVENTS = {
    "rectification_requested": audit.Action.CREATE,
    "rectification_applied": audit.Action.UPDATE,
    "rectification_refused": audit.Action.UPDATE,
    "medical_statement_submitted": audit.Action.CREATE,
    "medical_statement_added": audit.Action.UPDATE,
    "rectification_items_read": audit.Action.READ,
}
#: the request's text per target kind (what the desk reads): the field, never a health datum
REQUEST_TEXT = {
    TargetKind.EMPLOYEE: "rectification.request_text.employee",
    TargetKind.CARE_ADDRESS: "rectification.request_text.care_address",
    TargetKind.MEDICAL: "rectification.request_text.medical",
}


class RectificationError(RightsError):
    """A refused ask or decision; ``code`` is a translation key, ``field`` the form field
    the message belongs at ("" for the form as a whole)."""

    def __init__(self, code: str, field: str = "") -> None:
        super().__init__(code)
        self.field = field


@dataclass(frozen=True, slots=True)
class ItemView:
    """One item as the viewer may see it: the values only where the policy lets him."""

    item_id: int
    request_id: int
    kind: TargetKind
    #: the column, ``care_address``, ``medical_note`` or ``medical_file``
    field: str
    status: ItemStatus
    reason: str
    created_at: datetime
    decided_at: datetime | None
    requested_value: str = ""
    current_value: str = ""
    #: the case a care address or medical item is about (employee and care staff only)
    case_id: int = 0
    sick_since: date | None = None
    #: this viewer may apply or refuse it
    may_decide: bool = False
    #: this viewer may add its statement to the file (doctor and team)
    may_add: bool = False


@dataclass(frozen=True, slots=True)
class StatementView:
    """The employee's statement next to the text he disputes (doctor and team only)."""

    item_id: int
    statement_id: int
    body: str
    submitted_at: datetime
    added_at: datetime | None
    #: the disputed note (empty when he wrote about his file as a whole)
    note_id: int | None
    note_body: str
    note_at: datetime | None


@dataclass(frozen=True, slots=True)
class CaseItems:
    """What a staff member on a case page handles: items, and statements (medical roles)."""

    case_id: int
    items: tuple[ItemView, ...] = ()
    statements: tuple[StatementView, ...] = ()


@dataclass(frozen=True, slots=True)
class MyCase:
    """A case of the employee, to choose in the care-address and medical forms."""

    case_id: int
    sick_since: date


# --- the employee asks ---


def _own(actor: Actor) -> int:
    return require(actor, Role.EMPLOYEE, has="employee_id", error=RightsError)


def _stored_dates(person: Employee) -> dict[str, object]:
    return {"employment_start": person.employment_start, "employment_end": person.employment_end}


def _his_case(session: Session, employee_id: int, case_id: int | None, field: str) -> int:
    case = session.get(SickLeaveCase, case_id) if case_id else None
    if case is None or case.id is None or case.employee_id != employee_id:
        raise RectificationError("rectification.error.unknown_case", field)
    return case.id


def my_cases(session: Session, actor: Actor) -> tuple[MyCase, ...]:
    employee_id = _own(actor)
    rows = session.exec(
        select(col(SickLeaveCase.id), col(SickLeaveCase.sick_report_date))
        .where(SickLeaveCase.employee_id == employee_id)
        .order_by(col(SickLeaveCase.sick_report_date).desc(), col(SickLeaveCase.id).desc())
    ).all()
    return tuple(MyCase(case_id or 0, since) for case_id, since in rows)


def _duplicate(session: Session, employee_id: int, target: str, value: str, now: datetime) -> bool:
    found = session.exec(
        select(RectificationItem.id).where(
            RectificationItem.employee_id == employee_id,
            RectificationItem.target == target,
            RectificationItem.requested_value == value,
            col(RectificationItem.created_at) >= now - DUPLICATE_WINDOW,
        )
    ).first()
    return found is not None


def _file(
    session: Session,
    actor: Actor,
    target: Target,
    value: str,
    *,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> RectificationItem:
    """The request and its one item, audited."""
    employee_id = _own(actor)
    label = t(f"details.field.{target.field}", "nl") if target.kind is TargetKind.EMPLOYEE else ""
    text = t(REQUEST_TEXT[target.kind], "nl").replace("{field}", label)
    request_id = rights.file_request(
        session, actor, RightsKind.RECTIFICATION, text, now=now, access=access, secret=secret
    )
    item = RectificationItem(
        request_id=request_id,
        employee_id=employee_id,
        target=target.text,
        requested_value=value,
        created_at=now,
    )
    session.add(item)
    session.flush()
    assert item.id is not None
    return item


def ask(
    session: Session,
    actor: Actor,
    field: str,
    raw_value: str,
    *,
    case_id: int | None = None,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> int:
    """Ask that ``field`` (an employee column, or ``care_address`` of the case named) get
    ``raw_value``; the id of the item. A value the field refuses, one that is already
    stored, or a double tap: :class:`RectificationError` at the field, nothing stored."""
    employee_id = _own(actor)
    person = session.get(Employee, employee_id)
    if person is None:
        raise RightsError("auth.not_allowed")
    if field == rules.CARE_ADDRESS:
        target = rules.care_address_target(_his_case(session, employee_id, case_id, field))
    elif field in rules.EMPLOYEE_FIELDS:
        target = rules.employee_target(field)
    else:
        raise RectificationError("details.unknown_field")
    try:
        value = rules.check_value(
            field, str(raw_value), today=local_date(now), stored=_stored_dates(person)
        )
    except ValueRefusedError as problem:
        raise RectificationError(problem.code, field) from None
    if value == _current(session, person, target):
        raise RectificationError("rectification.error.unchanged", field)
    rights.lock_person(session, employee_id)
    if _duplicate(session, employee_id, target.text, value, now):
        raise RectificationError("rights.duplicate", field)
    item = _file(session, actor, target, value, now=now, access=access, secret=secret)
    _log(
        session,
        actor,
        "rectification_requested",
        employee_id,
        [item],
        access=access,
        secret=secret,
        now=now,
        details={"target": target.field},
    )
    return item.id or 0


def ask_statement(
    session: Session,
    actor: Actor,
    case_id: int | None,
    note_ref: str,
    body: str,
    *,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> int:
    """His own statement about a text of his medical file (the note numbered ``note_ref``,
    as his download shows it, or the file of the case as a whole when empty); the id of
    the item. The statement is medical: stored apart, read by the doctor and his team."""
    employee_id = _own(actor)
    case = _his_case(session, employee_id, case_id, "statement_case")
    note_id = _his_note(session, employee_id, case, note_ref)
    text = body.replace("\x00", "").strip()
    if not text:
        raise RectificationError("rectification.error.statement_required", "statement")
    if len(text) > rules.MAX_STATEMENT:
        raise RectificationError("rectification.error.statement_too_long", "statement")
    target = rules.medical_target(case_id=case, note_id=note_id)
    rights.lock_person(session, employee_id)
    recent = session.exec(
        select(MedicalStatement.id).where(
            MedicalStatement.employee_id == employee_id,
            MedicalStatement.case_id == case,
            MedicalStatement.body == text,
            col(MedicalStatement.submitted_at) >= now - DUPLICATE_WINDOW,
        )
    ).first()
    if recent is not None:
        raise RectificationError("rights.duplicate", "statement")
    item = _file(session, actor, target, "", now=now, access=access, secret=secret)
    statement = MedicalStatement(
        employee_id=employee_id,
        case_id=case,
        note_id=note_id,
        rectification_id=item.id,
        body=text,
        submitted_at=now,
    )
    session.add(statement)
    session.flush()
    _log(
        session,
        actor,
        "medical_statement_submitted",
        employee_id,
        [item],
        statements=[statement],
        access=access,
        secret=secret,
        now=now,
        details={"target": target.field},
    )
    return item.id or 0


def _his_note(session: Session, employee_id: int, case_id: int, note_ref: str) -> int | None:
    ref = note_ref.strip().lstrip("#")
    if not ref:
        return None
    note = (
        session.get(MedicalNote, int(ref))
        if ref.isascii() and ref.isdigit() and len(ref) < 12
        else None
    )
    if note is None or note.employee_id != employee_id or note.case_id != case_id:
        raise RectificationError("rectification.error.unknown_note", "note")
    return note.id


def mine(session: Session, actor: Actor) -> tuple[ItemView, ...]:
    """His items, newest first: the value he asked for (his own), the outcome and why."""
    employee_id = _own(actor)
    rows = session.exec(
        select(RectificationItem)
        .where(RectificationItem.employee_id == employee_id)
        .order_by(col(RectificationItem.created_at).desc(), col(RectificationItem.id).desc())
    ).all()
    cases = dict(
        session.exec(
            select(MedicalStatement.rectification_id, MedicalStatement.case_id).where(
                MedicalStatement.employee_id == employee_id
            )
        ).all()
    )
    since = _sick_since(session, rows, extra=[c for c in cases.values() if c])
    return tuple(
        view
        for row in rows
        if (
            view := _view(
                row,
                # his care address stays out of every websocket frame (his frame shows it)
                value=row.requested_value if row.target.startswith("employee.") else "",
                since=since,
                case_id=cases.get(row.id) or 0,
            )
        )
        is not None
    )


# --- what staff see ---


def _view(
    row: RectificationItem,
    *,
    value: str = "",
    current: str = "",
    since: dict[int, date] | None = None,
    case_id: int = 0,
    may_decide: bool = False,
    may_add: bool = False,
) -> ItemView | None:
    target = rules.parse_target(row.target)
    if target is None:
        return None
    if target.field in (rules.CARE_ADDRESS, rules.MEDICAL_FILE):
        case_id = target.ref
    return ItemView(
        item_id=row.id or 0,
        request_id=row.request_id,
        kind=target.kind,
        field=target.field,
        status=_status(row.status),
        reason=row.reason,
        created_at=row.created_at,
        decided_at=row.decided_at,
        requested_value=value,
        current_value=current,
        case_id=case_id,
        sick_since=(since or {}).get(case_id),
        may_decide=may_decide,
        may_add=may_add,
    )


def _status(value: str) -> ItemStatus:
    try:
        return ItemStatus(value)
    except ValueError:
        return ItemStatus.OPEN


def _sick_since(
    session: Session, rows: Iterable[RectificationItem], *, extra: Iterable[int] = ()
) -> dict[int, date]:
    """The first sick day of each case the items name (and of the ``extra`` cases)."""
    case_ids = set(extra)
    for row in rows:
        target = rules.parse_target(row.target)
        if target is not None and target.field in (rules.CARE_ADDRESS, rules.MEDICAL_FILE):
            case_ids.add(target.ref)
    if not case_ids:
        return {}
    found = session.exec(
        select(col(SickLeaveCase.id), col(SickLeaveCase.sick_report_date)).where(
            col(SickLeaveCase.id).in_(sorted(case_ids))
        )
    ).all()
    return {case_id or 0: since for case_id, since in found}


def _current(session: Session, person: Employee, target: Target) -> str:
    """The value stored now for an employee column or a care address."""
    if target.kind is TargetKind.EMPLOYEE:
        return rules.shown(getattr(person, target.field))
    if target.kind is TargetKind.CARE_ADDRESS:
        case = session.get(SickLeaveCase, target.ref)
        return case.care_address if case is not None else ""
    return ""


def _subject(person: Employee) -> Subject:
    return Subject(employee_id=person.id or 0, organisation_id=person.organisation_id)


def _staff_view(
    session: Session, actor: Actor, row: RectificationItem, person: Employee
) -> ItemView | None:
    target = rules.parse_target(row.target)
    if target is None:
        return None
    subject = _subject(person)
    seen = target.kind is not TargetKind.MEDICAL and may_see_rectification(
        actor, target.category, subject
    )
    is_open = row.status == str(ItemStatus.OPEN)
    return _view(
        row,
        value=row.requested_value if seen else "",
        current=_current(session, person, target) if seen and is_open else "",
        may_decide=is_open and may_decide_rectification(actor, target.category, subject),
        may_add=is_open
        and target.kind is TargetKind.MEDICAL
        and may_add_medical_statement(actor, subject),
    )


def desk_items(
    session: Session,
    actor: Actor,
    request_ids: Iterable[int],
    *,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> dict[int, tuple[ItemView, ...]]:
    """The items of the requests the desk shows, per request: the value only where the
    policy lets the desk see it (identity), never a care address or a statement."""
    require(actor, Role.PRIVACY_OFFICER, error=RightsError)
    ids = sorted(set(request_ids))
    if not ids:
        return {}
    rows = session.exec(
        select(RectificationItem, Employee)
        .join(Employee, col(Employee.id) == col(RectificationItem.employee_id))
        .where(col(RectificationItem.request_id).in_(ids))
        .order_by(col(RectificationItem.id))
    ).all()
    found: dict[int, list[ItemView]] = defaultdict(list)
    for row, person in rows:
        view = _staff_view(session, actor, row, person)
        if view is not None:
            found[row.request_id].append(view)
    _log_reads(session, actor, [r for r, _p in rows], now=now, access=access, secret=secret)
    return {request_id: tuple(views) for request_id, views in found.items()}


def case_items(
    session: Session,
    actor: Actor,
    case_id: int,
    *,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> CaseItems:
    """On a case page: for the case manager the identity and employment items of the
    case's employee; for the doctor and his team the care-address items of this case and
    the statements about its medical file, each with the text it disputes."""
    ref = case_in_scope(session, actor, case_id)
    person = session.get(Employee, ref.subject.employee_id)
    if person is None:
        return CaseItems(case_id)
    rows = session.exec(
        select(RectificationItem)
        .where(RectificationItem.employee_id == person.id)
        .order_by(col(RectificationItem.created_at).desc(), col(RectificationItem.id).desc())
    ).all()
    medical = actor.role in (Role.COMPANY_DOCTOR, Role.CARE_TEAM)
    statements = _statements(session, person.id or 0, case_id) if medical else {}
    chosen: list[RectificationItem] = []
    for row in rows:
        target = rules.parse_target(row.target)
        if target is None:
            continue
        if target.kind is TargetKind.EMPLOYEE:
            mine_to_decide = target.category in (Category.IDENTITY, Category.EMPLOYMENT)
            keep = actor.role is Role.CASE_MANAGER and mine_to_decide
        elif target.kind is TargetKind.CARE_ADDRESS:
            keep = medical and target.ref == case_id
        else:
            keep = row.id in statements
        if keep:
            chosen.append(row)
    open_rows = [r for r in chosen if r.status == str(ItemStatus.OPEN)]
    decided = [r for r in chosen if r.status != str(ItemStatus.OPEN)][:MAX_DECIDED_SHOWN]
    shown_rows = open_rows + decided
    views = tuple(
        view
        for row in shown_rows
        if (view := _staff_view(session, actor, row, person)) is not None
        and view.kind is not TargetKind.MEDICAL
    )
    shown_statements = tuple(
        statements[row.id] for row in shown_rows if row.id is not None and row.id in statements
    )
    _log_reads(
        session,
        actor,
        shown_rows,
        statement_ids=[s.statement_id for s in shown_statements],
        now=now,
        access=access,
        secret=secret,
    )
    return CaseItems(case_id, views, shown_statements)


def _statements(session: Session, employee_id: int, case_id: int) -> dict[int, StatementView]:
    """The statements about this case's file, by item id, with the text each disputes."""
    rows = session.exec(
        select(MedicalStatement, RectificationItem)
        .join(
            RectificationItem,
            col(RectificationItem.id) == col(MedicalStatement.rectification_id),
        )
        .where(MedicalStatement.employee_id == employee_id, MedicalStatement.case_id == case_id)
    ).all()
    notes = {
        note.id: note
        for note in session.exec(
            select(MedicalNote).where(
                col(MedicalNote.id).in_([s.note_id for s, _i in rows if s.note_id])
            )
        ).all()
    }
    found = {}
    for statement, item in rows:
        note = notes.get(statement.note_id) if statement.note_id else None
        found[item.id or 0] = StatementView(
            item_id=item.id or 0,
            statement_id=statement.id or 0,
            body=statement.body,
            submitted_at=statement.submitted_at,
            added_at=statement.added_at,
            note_id=statement.note_id,
            note_body=note.body if note else "",
            note_at=note.created_at if note else None,
        )
    return found


# --- staff decide ---


def _locked_item(session: Session, item_id: int) -> RectificationItem:
    """Lock the row and re-read it: two staff members cannot both decide it."""
    item = session.exec(
        select(RectificationItem).where(RectificationItem.id == item_id).with_for_update()
    ).first()
    if item is None:
        raise RectificationError("rectification.unknown_item")
    return item


def _person_target(session: Session, item: RectificationItem) -> tuple[Employee, Target]:
    target = rules.parse_target(item.target)
    person = session.get(Employee, item.employee_id)
    if target is None or person is None:
        raise RectificationError("rectification.unknown_item")
    return person, target


def decide(
    session: Session,
    actor: Actor,
    item_id: int,
    *,
    apply: bool,
    reason: str = "",
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
    origin: str,
) -> tuple[Mail, ...]:
    """Apply (the field gets the requested value, now) or refuse (with a reason the
    employee reads) one item; he is told (telling.py), and the content-free mails that do
    it are returned, to send after the commit. Who may decide which field is the policy's;
    a medical item is never decided (its statement is added, :func:`add_statement`)."""
    item = _locked_item(session, item_id)
    person, target = _person_target(session, item)
    if not may_decide_rectification(actor, target.category, _subject(person)):
        raise RectificationError("auth.not_allowed")
    if item.status != str(ItemStatus.OPEN):
        raise RectificationError("rectification.already_decided")
    reason = " ".join(reason.replace("\x00", "").split()) if reason else ""
    if len(reason) > rules.MAX_REASON:
        raise RectificationError("rectification.error.reason_too_long", "reason")
    details: dict[str, object] = {"target": target.text}
    if apply:
        details.update(_apply(session, person, target, item.requested_value, today=local_date(now)))
        item.status = str(ItemStatus.APPLIED)
    else:
        if not reason:
            raise RectificationError("rectification.error.reason_required", "reason")
        item.status = str(ItemStatus.REFUSED)
    item.reason = reason
    item.decided_by_account_id, item.decided_at = actor.account_id, now
    session.add(item)
    _log(
        session,
        actor,
        "rectification_applied" if apply else "rectification_refused",
        person.id,
        [item],
        changed=target if apply else None,
        access=access,
        secret=secret,
        now=now,
        details=details,
    )
    case_id = target.ref if target.kind is TargetKind.CARE_ADDRESS else None
    return _tell(
        session, actor, person, case_id, now=now, access=access, secret=secret, origin=origin
    )


def _apply(
    session: Session, person: Employee, target: Target, value: str, *, today: date
) -> dict[str, object]:
    """Write the value; what the audit row keeps of the change (old and new for an
    identity or employment column, nothing of a care address)."""
    field = target.field
    try:  # checked again: the stored employment dates may have changed since
        value = rules.check_value(field, value, today=today, stored=_stored_dates(person))
    except ValueRefusedError as problem:
        raise RectificationError(problem.code) from None
    if target.kind is TargetKind.CARE_ADDRESS:
        case = session.get(SickLeaveCase, target.ref)
        if case is None or case.employee_id != person.id:
            raise RectificationError("rectification.unknown_item")
        case.care_address = value
        session.add(case)
        return {}
    if field == "personnel_number":
        taken = session.exec(
            select(Employee.id).where(
                Employee.organisation_id == person.organisation_id,
                Employee.personnel_number == value,
                Employee.id != person.id,
            )
        ).first()
        if taken is not None:
            raise RectificationError("rectification.error.number_taken")
    old = rules.shown(getattr(person, field))
    setattr(person, field, rules.typed(field, value))
    session.add(person)
    return {"old": old, "new": value}


def add_statement(
    session: Session,
    actor: Actor,
    item_id: int,
    *,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
    origin: str,
) -> tuple[Mail, ...]:
    """The doctor (or his team) adds the employee's statement to the file, next to the
    disputed text, which stays (WGBO art. 7:454 lid 1); he is told, and the mails that do
    it are returned."""
    item = _locked_item(session, item_id)
    person, target = _person_target(session, item)
    if target.kind is not TargetKind.MEDICAL:
        raise RectificationError("rectification.unknown_item")
    if not may_add_medical_statement(actor, _subject(person)):
        raise RectificationError("auth.not_allowed")
    statement = session.exec(
        select(MedicalStatement).where(MedicalStatement.rectification_id == item.id)
    ).first()
    if statement is None:
        raise RectificationError("rectification.unknown_item")
    if item.status != str(ItemStatus.OPEN):
        raise RectificationError("rectification.already_decided")
    statement.added_by_account_id, statement.added_at = actor.account_id, now
    item.status = str(ItemStatus.STATEMENT_ADDED)
    item.decided_by_account_id, item.decided_at = actor.account_id, now
    session.add_all([statement, item])
    _log(
        session,
        actor,
        "medical_statement_added",
        person.id,
        [item],
        statements=[statement],
        access=access,
        secret=secret,
        now=now,
        details={"target": target.field},
    )
    return _tell(
        session,
        actor,
        person,
        statement.case_id,
        now=now,
        access=access,
        secret=secret,
        origin=origin,
    )


def _tell(
    session: Session,
    actor: Actor,
    person: Employee,
    case_id: int | None,
    *,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
    origin: str,
) -> tuple[Mail, ...]:
    """That there is an outcome, and where to see it, the one way that reaches him
    (telling.py: his portal and account, else the address on file, else a letter for the
    case manager); the mails, to send after the commit. Never which field, value, reason
    or statement. The letter belongs to the case the item is about, else his latest."""
    if case_id is None:
        case_id = session.exec(
            select(SickLeaveCase.id)
            .where(SickLeaveCase.employee_id == person.id)
            .order_by(col(SickLeaveCase.sick_report_date).desc(), col(SickLeaveCase.id).desc())
        ).first()
    unit = Ctx(access=access, now=now, secret=secret, origin=origin, session=session)
    telling.tell_employee(
        unit, actor, employee_id=person.id or 0, case_id=case_id, kind=telling.RECTIFICATION
    )
    return tuple(unit.outbox)


# --- audit ---


def _log(
    session: Session,
    actor: Actor,
    event: str,
    subject: int | None,
    items: list[RectificationItem],
    *,
    statements: Iterable[MedicalStatement] = (),
    changed: Target | None = None,
    access: audit.AccessPoint,
    secret: str,
    now: datetime,
    details: dict[str, object] | None = None,
) -> None:
    objects = [audit.ObjectRef("rights_request", "rectification_item", i.id) for i in items]
    objects += [audit.ObjectRef("medical", "medical_statement", s.id) for s in statements]
    if changed is not None and changed.kind is TargetKind.CARE_ADDRESS:
        objects.append(audit.ObjectRef("care_address", "sick_leave_case", changed.ref))
    elif changed is not None:
        objects.append(audit.ObjectRef(str(changed.category), "employee", subject))
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type=event,
        action=AUDIT_EVENTS[event],
        ground=GROUND,
        subject_employee_id=subject,
        objects=objects,
        details=details,
        secret=secret,
        now=now,
    )


def _log_reads(
    session: Session,
    actor: Actor,
    rows: Iterable[RectificationItem],
    *,
    statement_ids: Iterable[int] = (),
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> None:
    """One read row per employee whose items a staff page shows."""
    per_person: dict[int, list[audit.ObjectRef]] = defaultdict(list)
    for row in rows:
        per_person[row.employee_id].append(
            audit.ObjectRef("rights_request", "rectification_item", row.id)
        )
    statements = [audit.ObjectRef("medical", "medical_statement", i) for i in statement_ids]
    for employee_id, objects in sorted(per_person.items()):
        audit.record(
            session,
            actor=actor,
            access=access,
            event_type="rectification_items_read",
            action=audit.Action.READ,
            ground=GROUND,
            subject_employee_id=employee_id,
            objects=[*objects, *statements],
            secret=secret,
            now=now,
        )


# --- use cases for the staff case pages (/care-case and /care-case-admin) ---

CASE_ROLES = (Role.COMPANY_DOCTOR, Role.CARE_TEAM, Role.CASE_MANAGER)


def _case_items(actor: Actor, case_id: int, ctx: Ctx) -> CaseItems:
    return case_items(
        ctx.session, actor, case_id, now=ctx.now, access=ctx.access, secret=ctx.secret
    )


def _on_case(session: Session, actor: Actor, case_id: int, item_id: int) -> None:
    """The item belongs to the employee of the case shown (and, for a care address or
    the medical file, to this very case): the page acts on what it shows."""
    ref = case_in_scope(session, actor, case_id)
    item = session.get(RectificationItem, item_id)
    target = rules.parse_target(item.target) if item is not None else None
    if item is None or target is None or item.employee_id != ref.subject.employee_id:
        raise RectificationError("rectification.unknown_item")
    if target.kind is TargetKind.CARE_ADDRESS and target.ref != case_id:
        raise RectificationError("rectification.unknown_item")
    if target.kind is TargetKind.MEDICAL:
        statement_case = session.exec(
            select(MedicalStatement.case_id).where(MedicalStatement.rectification_id == item_id)
        ).first()
        if statement_case != case_id:
            raise RectificationError("rectification.unknown_item")


@use_case(*CASE_ROLES)
def do_case_items(actor: Actor, case_id: int, *, ctx: Ctx) -> CaseItems:
    return _case_items(actor, case_id, ctx)


@use_case(*CASE_ROLES)
def do_decide_on_case(
    actor: Actor, case_id: int, item_id: int, apply: bool, reason: str, *, ctx: Ctx
) -> CaseItems:
    """Apply or refuse an item shown on the case page, then the refreshed items."""
    _on_case(ctx.session, actor, case_id, item_id)
    mails = decide(
        ctx.session,
        actor,
        item_id,
        apply=apply,
        reason=reason,
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
        origin=ctx.origin,
    )
    ctx.send(*mails)
    return _case_items(actor, case_id, ctx)


@use_case(Role.COMPANY_DOCTOR, Role.CARE_TEAM)
def do_add_statement(actor: Actor, case_id: int, item_id: int, *, ctx: Ctx) -> CaseItems:
    """Add the employee's statement to the file of this case, then the refreshed items."""
    _on_case(ctx.session, actor, case_id, item_id)
    mails = add_statement(
        ctx.session,
        actor,
        item_id,
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
        origin=ctx.origin,
    )
    ctx.send(*mails)
    return _case_items(actor, case_id, ctx)
