"""Letters to employees the portal cannot reach (issue 17 item 5; seed ch. 1: "De
werknemer wordt altijd op de hoogte gebracht van de inhoud van de informatie die KrachtWerkt
aan de werkgever verstrekt").

When something reaches the employer (or is asked of him) and the employee has neither an
active portal account nor an e-mail address on file, :mod:`kwportal.services.employee.telling`
queues a letter (``employee_letter``). The case manager of the employer's team lists the
letters of his employers, prints each — a PDF that holds exactly what the employer received,
built from the employer's own views (the released feedback as ``case_view.feedback_view``
gives it, the plans as ``plan.read_plans`` gives them; never a medical datum) — posts it and
marks it sent. A hand-over letter names the arbodienst that takes over his running case and
from when; a breach letter holds what the privacy officer wrote for the people (AVG art.
34(2): the text, the likely consequences, the measures, the officer's contact) — never a
medical datum either. Printing is an audited export, marking it sent an audited disclosure to the
employee himself; so the employee's access log shows when he was told, and how.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import (
    LETTER_ROLES,
    PLAN_DRAFT,
    Actor,
    Subject,
    may_handle_letter,
    require,
)
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_date
from kwportal.models import (
    Breach,
    BreachPerson,
    Disclosure,
    Employee,
    EmployeeLetter,
    EmployerFeedback,
    Organisation,
    OrganisationHandover,
    SickLeaveCase,
)
from kwportal.models.base import MAX_ROW_ID
from kwportal.services import audit
from kwportal.services.case.reintegration_report import (
    Fields,
    ReportContent,
    Section,
    _feedback_record,
    _plan_record,
    _ReportPdf,
)
from kwportal.services.employee.export_pdf import LINE
from kwportal.services.employee.telling import BREACH, HANDOVER, PLAN_SENT, RELEASE
from kwportal.services.employer.case_view import feedback_view
from kwportal.services.employer.plan import PlanView, read_plans
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError, project

#: the kinds whose letter holds a content section: what the employer received, who takes
#: over his running case, the breach as the privacy officer wrote it for the people
CONTENT_KINDS = (RELEASE, PLAN_SENT, HANDOVER, BREACH)
WAITING_SHOWN = 200
SENT_SHOWN = 20
PERSON_COLUMNS = {
    "first_name": "employee.first_name",
    "last_name": "employee.last_name",
    "personnel_number": "employee.personnel_number",
    "street": "employee.street",
    "postal_code": "employee.postal_code",
    "city": "employee.city",
}


class LetterError(ValueError):
    """A refused act on a letter; ``code`` is a translation key."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class LetterLine:
    letter_id: int
    employee_id: int
    name: str
    personnel_number: str
    organisation: str
    #: a kind of telling (services/employee/telling.py KINDS)
    kind: str
    created_at: datetime
    sent_at: datetime | None
    #: a postal address is on file; without one the case manager must find it first
    has_address: bool


@dataclass(frozen=True, slots=True)
class LettersPage:
    """The letters still to post, oldest first, and the latest ones posted."""

    waiting: tuple[LetterLine, ...]
    sent: tuple[LetterLine, ...]


@dataclass(frozen=True, slots=True)
class LetterFile:
    filename: str
    content: bytes


def _lines(session: Session, actor: Actor, *, sent: bool) -> tuple[LetterLine, ...]:
    if not actor.employer_ids:
        return ()
    sent_at = col(EmployeeLetter.sent_at)
    query = (
        select(EmployeeLetter, Employee, Organisation)
        .join(SickLeaveCase, col(SickLeaveCase.id) == col(EmployeeLetter.case_id))
        .join(Employee, col(Employee.id) == col(EmployeeLetter.employee_id))
        .join(Organisation, col(Organisation.id) == col(SickLeaveCase.organisation_id))
        .where(
            col(SickLeaveCase.organisation_id).in_(actor.employer_ids),
            sent_at.is_not(None) if sent else sent_at.is_(None),
        )
        .order_by(sent_at.desc() if sent else col(EmployeeLetter.created_at))
        .order_by(col(EmployeeLetter.id))
        .limit(SENT_SHOWN if sent else WAITING_SHOWN)
    )
    lines = []
    for letter, person, organisation in session.exec(query):
        subject = Subject(person.id or 0, organisation.id or 0)
        values = project(actor, subject, person, PERSON_COLUMNS)
        lines.append(
            LetterLine(
                letter_id=letter.id or 0,
                employee_id=subject.employee_id,
                name=f"{values['first_name']} {values['last_name']}".strip(),
                personnel_number=values["personnel_number"],
                organisation=organisation.name,
                kind=letter.kind,
                created_at=letter.created_at,
                sent_at=letter.sent_at,
                has_address=bool(values["street"].strip() and values["city"].strip()),
            )
        )
    return tuple(lines)


def letters_page(actor: Actor, ctx: Ctx) -> LettersPage:
    require(actor, *LETTER_ROLES, error=PolicyDeniedError)
    page = LettersPage(
        _lines(ctx.session, actor, sent=False), _lines(ctx.session, actor, sent=True)
    )
    objects: dict[int, list[audit.ObjectRef]] = {}
    for line in (*page.waiting, *page.sent):
        objects.setdefault(line.employee_id, []).append(
            audit.ObjectRef(str(Category.AUDIT), "employee_letter", line.letter_id)
        )
    audit.record_many(
        ctx.session,
        audit.reads("employee_letters_view", objects),
        actor=actor,
        access=ctx.access,
        secret=ctx.secret,
        now=ctx.now,
    )
    return page


def _letter(
    session: Session, actor: Actor, letter_id: int, *, lock: bool = False
) -> tuple[EmployeeLetter, Subject]:
    """The letter, if it is one of the actor's employers'; any other reads as unknown."""
    require(actor, *LETTER_ROLES, error=LetterError)
    if not 0 < letter_id <= MAX_ROW_ID:
        raise LetterError("letters.unknown")
    letter = session.get(EmployeeLetter, letter_id, with_for_update=lock)
    case = session.get(SickLeaveCase, letter.case_id) if letter and letter.case_id else None
    if letter is None or case is None:
        raise LetterError("letters.unknown")
    if lock:
        session.refresh(letter)
    subject = Subject(case.employee_id, case.organisation_id)
    if not may_handle_letter(actor, subject) or case.employee_id != letter.employee_id:
        raise LetterError("letters.unknown")
    return letter, subject


# --- the letter's words: only what the employer received ---


def _day(value: date | datetime | None, lang: str) -> str:
    """A date in the letter's words: "30 november 2026" (a moment: its Amsterdam day)."""
    return fmt_date(value, lang)


@dataclass(frozen=True, slots=True)
class _Printed:
    content: ReportContent
    objects: tuple[audit.ObjectRef, ...]


def _released(
    session: Session, actor: Actor, subject: Subject, letter: EmployeeLetter, lang: str
) -> tuple[tuple[Fields, ...], list[audit.ObjectRef]]:
    disclosure = session.get(Disclosure, letter.disclosure_id) if letter.disclosure_id else None
    row = session.get(EmployerFeedback, disclosure.feedback_id) if disclosure else None
    if disclosure is None or row is None or row.id is None:
        return (), []
    record = _feedback_record(feedback_view(actor, subject, row), lang)
    ref = audit.ObjectRef(str(Category.EMPLOYER_FEEDBACK), "employer_feedback", row.id)
    return (record,), [ref]


def _plans(
    session: Session, actor: Actor, subject: Subject, case_id: int, lang: str
) -> tuple[tuple[Fields, ...], list[audit.ObjectRef]]:
    plans: list[PlanView] = [
        p for p in read_plans(session, actor, subject, case_id) if p.status != PLAN_DRAFT
    ]
    refs = [audit.ObjectRef(str(Category.EMPLOYER_RECORD), "case_plan", p.plan_id) for p in plans]
    return tuple(_plan_record(p, lang) for p in plans), refs


def _handed_over(
    session: Session, letter: EmployeeLetter, lang: str
) -> tuple[tuple[Fields, ...], list[audit.ObjectRef], dict[str, str]]:
    """Who takes over his running case, and from when: the case's hand-over."""
    case = session.get(SickLeaveCase, letter.case_id) if letter.case_id else None
    row = session.get(OrganisationHandover, case.handover_id) if case and case.handover_id else None
    if row is None or row.id is None:
        return (), [], {}
    since = _day(row.contract_end, lang)
    record = (
        (t("letters2.field.successor", lang), row.successor),
        (t("letters2.field.since", lang), since),
    )
    ref = audit.ObjectRef(str(Category.AUDIT), "organisation_handover", row.id)
    return (record,), [ref], {"successor": row.successor, "since": since}


def _breach(
    session: Session, letter: EmployeeLetter, lang: str
) -> tuple[tuple[Fields, ...], list[audit.ObjectRef]]:
    """The breach (AVG art. 34(2)) he was told of when the letter was queued: his
    ``breach_person`` row's ``notified_at`` and the letter's ``created_at`` are both the
    telling unit's ``ctx.now`` (the latest told at or before it, for any rounding). The
    text is the one the privacy officer wrote for the people: nothing medical by design."""
    found = session.exec(
        select(Breach)
        .join(BreachPerson, col(BreachPerson.breach_id) == col(Breach.id))
        .where(
            BreachPerson.employee_id == letter.employee_id,
            col(BreachPerson.notified_at) <= letter.created_at,
        )
        .order_by(col(BreachPerson.notified_at).desc(), col(BreachPerson.id).desc())
    ).first()
    if found is None or found.id is None:
        return (), []
    record = (
        (t("letters2.field.what", lang), found.people_text),
        (t("letters2.field.consequences", lang), found.consequences),
        (t("letters2.field.measures", lang), found.measures),
        (t("letters2.field.contact", lang), t("letters2.contact", lang)),
    )
    return (record,), [audit.ObjectRef(str(Category.AUDIT), "breach", found.id)]


def compose(
    session: Session, actor: Actor, letter: EmployeeLetter, subject: Subject, lang: str
) -> _Printed:
    """The letter's words, in ``lang``: to whom, why, what the employer received (or what
    is asked of him), and how to read it in the portal."""
    person = session.get(Employee, subject.employee_id)
    organisation = session.get(Organisation, subject.organisation_id)
    assert person is not None and organisation is not None and letter.case_id is not None
    values = project(actor, subject, person, PERSON_COLUMNS)
    name = f"{values['first_name']} {values['last_name']}".strip()
    address = (
        (t("letters.pdf.to", lang), name),
        (t("letters.pdf.street", lang), values["street"]),
        (t("letters.pdf.place", lang), f"{values['postal_code']} {values['city']}".strip()),
    )
    records: tuple[Fields, ...] = ()
    refs: list[audit.ObjectRef] = []
    words = {"successor": "", "since": ""}
    if letter.kind == RELEASE:
        records, refs = _released(session, actor, subject, letter, lang)
    elif letter.kind == PLAN_SENT:
        records, refs = _plans(session, actor, subject, letter.case_id, lang)
    elif letter.kind == HANDOVER:
        records, refs, found = _handed_over(session, letter, lang)
        words.update(found)
    elif letter.kind == BREACH:
        records, refs = _breach(session, letter, lang)
    intro = t(f"letters.pdf.intro.{letter.kind}", lang).format(
        employer=organisation.name, date=_day(letter.created_at, lang), **words
    )
    sections = [
        Section(t("letters.pdf.address", lang), (tuple((k, v) for k, v in address if v),)),
        Section(t(f"letters.pdf.title.{letter.kind}", lang), ((("", intro),),)),
    ]
    if letter.kind in CONTENT_KINDS:  # the others say *that*, and where to ask
        sections.append(Section(t(f"letters.pdf.content.{letter.kind}", lang), records))
    sections.append(Section(t("letters.pdf.next", lang), ((("", t("letters.pdf.how", lang)),),)))
    content = ReportContent(
        t("letters.pdf.heading", lang),
        f"{name} ({values['personnel_number']}) · {_day(letter.created_at, lang)}",
        tuple(sections),
    )
    return _Printed(content, tuple(refs))


class _LetterPdf(_ReportPdf):
    """The report's writer; a field without a label is a paragraph of the letter."""

    def record(self, record: dict[str, Any]) -> None:
        lines: list[str] = []
        for label, value in record.items():
            if value in (None, ""):
                continue
            lines += self._wrap(f"{label}: {value}" if label else str(value))
        self._write(lines, LINE)
        self._y += 2


def render(content: ReportContent, lang: str) -> bytes:
    pdf = _LetterPdf(lang, title=content.title, subtitle=content.subtitle)
    for section in content.sections:
        pdf.heading(section.heading)
        if not section.records:
            pdf.empty()
        for record in section.records:
            pdf.record(dict(record))
    return pdf.output()


# --- use cases: one click each ---


@use_case(Role.CASE_MANAGER)
def do_list_letters(actor: Actor, *, ctx: Ctx) -> LettersPage:
    return letters_page(actor, ctx)


@use_case(Role.CASE_MANAGER, step_up=True)
def do_print_letter(actor: Actor, letter_id: int, lang: str, *, ctx: Ctx) -> LetterFile:
    """The PDF to post; an audited export of what it holds."""
    letter, subject = _letter(ctx.session, actor, letter_id)
    printed = compose(ctx.session, actor, letter, subject, lang)
    audit.record(
        ctx.session,
        actor=actor,
        access=ctx.access,
        event_type="employee_letter_printed",
        action=audit.Action.EXPORT,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=subject.employee_id,
        objects=[
            audit.ObjectRef(str(Category.AUDIT), "employee_letter", letter_id),
            *printed.objects,
        ],
        details={"kind": letter.kind},
        secret=ctx.secret,
        now=ctx.now,
    )
    return LetterFile(f"brief-{letter_id}.pdf", render(printed.content, lang))


@use_case(Role.CASE_MANAGER)
def do_mark_sent(actor: Actor, letter_id: int, *, ctx: Ctx) -> LettersPage:
    """The letter is in the post: recorded once (a repeat is refused by name), as a
    disclosure to the employee himself in the audit log; then the list again."""
    letter, subject = _letter(ctx.session, actor, letter_id, lock=True)
    if letter.sent_at is not None:
        raise LetterError("letters.already_sent")
    letter.sent_at, letter.sent_by_account_id = ctx.now, actor.account_id
    ctx.session.add(letter)
    objects = [audit.ObjectRef(str(Category.AUDIT), "employee_letter", letter_id)]
    if letter.disclosure_id is not None:
        objects.append(audit.ObjectRef(str(Category.AUDIT), "disclosure", letter.disclosure_id))
    audit.record(
        ctx.session,
        actor=actor,
        access=ctx.access,
        event_type="employee_letter_sent",
        action=audit.Action.DISCLOSE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=subject.employee_id,
        objects=objects,
        details={"kind": letter.kind, "recipient": "employee"},
        secret=ctx.secret,
        now=ctx.now,
    )
    return letters_page(actor, ctx)
