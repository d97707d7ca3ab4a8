"""The single role × category matrix (BRIEF.md, "Roles"): the only place that says who may
see what.

Two questions decide every read:

1. *Scope* — is the data subject within the actor's reach? An employee reaches only himself,
   an employer contact only its own organisation, a company doctor the employers assigned to
   his team, a team member the same employers through her doctor's team (seed ch. 1: "alleen
   toegankelijk voor de bedrijfsarts en leden van zijn behandelteam").
2. *Category* — may this role see this category at all, and with which restriction?

Services build views only through :func:`visible`; a denied column never reaches a view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Literal, overload

from kwportal.domain.categories import (
    EMPLOYER_IDENTITY_COLUMNS,
    Category,
    category_of,
)
from kwportal.domain.roles import Role


class Scope(StrEnum):
    OWN = "own"
    OWN_ORGANISATION = "own_organisation"
    ASSIGNED_EMPLOYERS = "assigned_employers"
    OWN_TEAM = "own_team"
    ALL = "all"


class Access(StrEnum):
    FULL = "full"
    #: employer feedback only once released (NVAB guidance; seed ch. 1 "Aan werkgever").
    RELEASED_ONLY = "released_only"
    #: the employee reads a draft once it is shared with him, before it is sent (NVAB
    #: guidance, BRIEF.md "How feedback reaches the employer"), and all released feedback
    SHARED_OR_RELEASED = "shared_or_released"
    #: identity: name and personnel number only (BRIEF.md).
    NAME_ONLY = "name_only"
    #: only while the employee's explicit consent is active (seed ch. 1: "niet zonder
    #: uitdrukkelijke toestemming van de werknemer"); see :func:`consent_active`.
    CONSENT_ACTIVE = "consent_active"


_C = Category
_FULL = Access.FULL

ROLE_SCOPE: dict[Role, Scope] = {
    Role.EMPLOYEE: Scope.OWN,
    Role.EMPLOYER_CONTACT: Scope.OWN_ORGANISATION,
    Role.COMPANY_DOCTOR: Scope.ASSIGNED_EMPLOYERS,
    Role.CARE_TEAM: Scope.OWN_TEAM,
    Role.CASE_MANAGER: Scope.ASSIGNED_EMPLOYERS,
    Role.PRIVACY_OFFICER: Scope.ALL,
    Role.ADMIN: Scope.ALL,
    Role.SYSTEM: Scope.ALL,
}

MATRIX: dict[Role, dict[Category, Access]] = {
    Role.EMPLOYEE: {
        _C.IDENTITY: _FULL,
        _C.EMPLOYMENT: _FULL,
        _C.CARE_ADDRESS: _FULL,
        _C.ABSENCE: _FULL,
        _C.ABSENCE_HEALTH: _FULL,
        _C.MEDICAL: _FULL,
        _C.EMPLOYER_FEEDBACK: Access.SHARED_OR_RELEASED,
        _C.EMPLOYER_RECORD: _FULL,
        _C.CONSENT: _FULL,
        _C.CONSENTED_DATUM: _FULL,
        _C.RIGHTS_REQUEST: _FULL,
        _C.AUDIT: _FULL,
    },
    Role.EMPLOYER_CONTACT: {
        _C.IDENTITY: Access.NAME_ONLY,
        _C.EMPLOYMENT: _FULL,
        _C.ABSENCE: _FULL,
        _C.EMPLOYER_FEEDBACK: Access.RELEASED_ONLY,
        _C.EMPLOYER_RECORD: _FULL,
        _C.CONSENTED_DATUM: Access.CONSENT_ACTIVE,
    },
    Role.COMPANY_DOCTOR: {
        _C.IDENTITY: _FULL,
        #: the name of the employers the team serves (care team workspace)
        _C.ORGANISATION: _FULL,
        _C.EMPLOYMENT: _FULL,
        _C.CARE_ADDRESS: _FULL,
        _C.ABSENCE: _FULL,
        _C.ABSENCE_HEALTH: _FULL,
        _C.MEDICAL: _FULL,
        _C.EMPLOYER_FEEDBACK: _FULL,
        _C.EMPLOYER_RECORD: _FULL,
        _C.CONSENT: _FULL,
        _C.CONSENTED_DATUM: _FULL,
        _C.RIGHTS_REQUEST: _FULL,
    },
    Role.CARE_TEAM: {
        _C.IDENTITY: _FULL,
        #: the name of the employers the team serves (care team workspace)
        _C.ORGANISATION: _FULL,
        _C.EMPLOYMENT: _FULL,
        _C.CARE_ADDRESS: _FULL,
        _C.ABSENCE: _FULL,
        _C.ABSENCE_HEALTH: _FULL,
        _C.MEDICAL: _FULL,
        _C.EMPLOYER_FEEDBACK: _FULL,
        _C.EMPLOYER_RECORD: _FULL,
        _C.CONSENT: _FULL,
        _C.CONSENTED_DATUM: _FULL,
    },
    Role.CASE_MANAGER: {
        _C.IDENTITY: _FULL,
        #: the name of the employers the team serves (care team workspace)
        _C.ORGANISATION: _FULL,
        _C.EMPLOYMENT: _FULL,
        _C.ABSENCE: _FULL,
        _C.EMPLOYER_FEEDBACK: _FULL,
        _C.EMPLOYER_RECORD: _FULL,
        #: callback requests from the public site (seed ch. 2)
        _C.VISITOR: _FULL,
    },
    Role.PRIVACY_OFFICER: {
        _C.IDENTITY: _FULL,
        _C.CONSENT: _FULL,
        _C.RIGHTS_REQUEST: _FULL,
        _C.AUDIT: _FULL,
        #: visitors' rights requests and the data they concern (seed ch. 2)
        _C.VISITOR: _FULL,
    },
    Role.ADMIN: {
        _C.IDENTITY: _FULL,
        _C.ORGANISATION: _FULL,
    },
    Role.SYSTEM: {},
}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: the signed-in account and what its function reaches."""

    account_id: int | None
    role: Role
    organisation_id: int | None = None
    employee_id: int | None = None
    #: employers assigned to the actor's care team (doctor, team member, case manager)
    employer_ids: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Subject:
    """Whose data: the employee and the employer he works for."""

    employee_id: int
    organisation_id: int


def in_scope(actor: Actor, subject: Subject) -> bool:
    scope = ROLE_SCOPE[actor.role]
    if scope is Scope.OWN:
        return actor.employee_id is not None and actor.employee_id == subject.employee_id
    if scope is Scope.OWN_ORGANISATION:
        return (
            actor.organisation_id is not None and actor.organisation_id == subject.organisation_id
        )
    if scope in (Scope.ASSIGNED_EMPLOYERS, Scope.OWN_TEAM):
        return subject.organisation_id in actor.employer_ids
    return scope is Scope.ALL


def access(actor: Actor, category: Category) -> Access | None:
    """The role's access to a category regardless of subject, or None."""
    return MATRIX[actor.role].get(category)


def visible(
    actor: Actor,
    column: str,
    subject: Subject,
    *,
    released: bool = True,
    consent_is_active: bool = False,
    shared: bool = False,
) -> bool:
    """May ``actor`` see ``table.column`` of ``subject``?

    ``released`` tells whether the employer feedback row is released, ``shared`` whether
    its draft was shared with the employee; they matter only for the employer_feedback
    category. ``consent_is_active`` tells whether the consent behind a
    consented datum is active now (:func:`consent_active`); it matters only for the
    consented_datum category, and defaults to "no".
    """
    if not in_scope(actor, subject):
        return False
    grant = access(actor, category_of(column))
    if grant is None:
        return False
    if grant is Access.RELEASED_ONLY:
        return released
    if grant is Access.SHARED_OR_RELEASED:
        return released or shared
    if grant is Access.CONSENT_ACTIVE:
        return consent_is_active
    if grant is Access.NAME_ONLY:
        return column in EMPLOYER_IDENTITY_COLUMNS
    return True


# --- consents: what may reach the employer with the employee's consent --------------------

#: the status of a consent that was given (a withdrawal keeps it and sets a withdrawal time)
CONSENT_GRANTED = "granted"

#: Kinds of extra datum a company doctor may ask the employee to share with his employer.
#: The Autoriteit Persoonsgegevens holds that an employer may not process other health data
#: even with the employee's consent (the employment relation makes consent unfree), except
#: what colleagues need to act in an emergency (BRIEF.md, "How far consent reaches"): the
#: consent route to the employer is the emergency note only (issue 17 item 7).
CONSENT_DATUM_KINDS = frozenset({"emergency_note"})

#: Kinds that are refused outright, whatever the employee would say: the diagnosis, the
#: medication, the treatment and any other health datum never reach the employer this way.
FORBIDDEN_DATUM_KINDS = frozenset({"diagnosis", "medication", "treatment", "other_health"})


def may_request_datum(kind: str) -> bool:
    """May a datum of this kind be asked for, for the employer, on the employee's consent?"""
    return kind in CONSENT_DATUM_KINDS and kind not in FORBIDDEN_DATUM_KINDS


def consent_active(
    status: str,
    withdrawn_at: datetime | None,
    valid_until: date | None,
    *,
    datum_kind: str,
    today: date,
) -> bool:
    """A consent lets its datum through only while it is granted, not withdrawn, not
    expired, and of a kind the policy allows at all. A withdrawal counts from the very next
    request (AVG art. 7(3)); it does not undo what was lawfully shown before."""
    if status != CONSENT_GRANTED or withdrawn_at is not None:
        return False
    if valid_until is not None and valid_until < today:
        return False
    return may_request_datum(datum_kind)


# --- the company doctor's personal work notes (WGBO art. 7:456) ---------------------------


def may_keep_work_notes(actor: Actor) -> bool:
    """Only a company doctor keeps personal work notes, on the cases in his scope."""
    return actor.role is Role.COMPANY_DOCTOR and actor.account_id is not None


def may_read_work_note(actor: Actor, author_account_id: int) -> bool:
    """A work note is its author's alone: not his team, not the employee (they are no part
    of the file, an access request or a download), not the privacy desk."""
    return may_keep_work_notes(actor) and actor.account_id == author_account_id


class NotAllowedError(PermissionError):
    """The actor's role (or a missing link to a person, organisation or account) rules the
    act out before any row is read."""

    code = "auth.not_allowed"


ActorLink = Literal["employee_id", "organisation_id", "account_id"]


@overload
def require(
    actor: Actor,
    *roles: Role,
    has: ActorLink,
    error: Callable[[str], Exception] = ...,
) -> int: ...


@overload
def require(
    actor: Actor,
    *roles: Role,
    has: None = None,
    error: Callable[[str], Exception] = ...,
) -> None: ...


def require(
    actor: Actor,
    *roles: Role,
    has: ActorLink | None = None,
    error: Callable[[str], Exception] = NotAllowedError,
) -> int | None:
    """The one role check of every use case: ``actor`` acts in one of ``roles`` and, when
    ``has`` names a link (the employee's own person, the contact's organisation, the
    account), has it; that id is returned. Otherwise ``error("auth.not_allowed")`` is
    raised, so a service keeps its own error type for the page to map."""
    if actor.role not in roles:
        raise error(NotAllowedError.code)
    if has is None:
        return None
    value: int | None = getattr(actor, has)
    if value is None:
        raise error(NotAllowedError.code)
    return value


# --- a case end to end (issue 15): who may see and do what on the new records. Each part
# is owned by one piece of work; keep additions inside your own part. ---

# --- issue 15: consults ---

#: who holds consults and so has bookable slots (spreekuur): the doctor and his team members
AGENDA_OWNER_ROLES = (Role.COMPANY_DOCTOR, Role.CARE_TEAM)
#: who books a consult for a case (issue 15 item 1: "the case manager or doctor")
BOOKING_ROLES = (Role.COMPANY_DOCTOR, Role.CASE_MANAGER)
#: who cancels or rebooks a consult of a case in scope (the staff of the case's team)
CONSULT_STAFF_ROLES = (Role.COMPANY_DOCTOR, Role.CARE_TEAM, Role.CASE_MANAGER)


def may_keep_agenda(actor: Actor, owner_account_id: int, owner_role: str, same_team: bool) -> bool:
    """Slots belong to a doctor or team member; he keeps his own, and the doctor or the case
    manager of the same team keeps them on his behalf."""
    if owner_role not in AGENDA_OWNER_ROLES or not same_team:
        return False
    if actor.account_id == owner_account_id:
        return True
    return actor.role in (Role.COMPANY_DOCTOR, Role.CASE_MANAGER)


def may_record_attendance(actor: Actor, held_by_account_id: int | None) -> bool:
    """The doctor of the case's team, or the team member who held the consult; never the
    case manager (call ``in_scope`` for the case as well)."""
    if actor.role is Role.COMPANY_DOCTOR:
        return True
    return actor.role is Role.CARE_TEAM and actor.account_id == held_by_account_id


# --- issue 15: questionnaire and the facts retention turns on ---

#: who reads an employee's questionnaire answers besides himself: they are medical (BRIEF.md
#: data categories, "questionnaire answers"), so only the doctor's team
INTAKE_READER_ROLES = (Role.COMPANY_DOCTOR, Role.CARE_TEAM)


def may_answer_intake(actor: Actor, employee_id: int) -> bool:
    """Only the employee himself answers his intake questionnaire."""
    return actor.role is Role.EMPLOYEE and actor.employee_id == employee_id


def intake_open(*, case_open: bool, consult_held: bool) -> bool:
    """He answers and corrects until his first consult: once the doctor has seen him (its
    time has passed, or attendance was recorded) the answers are part of the file."""
    return case_open and not consult_held


def may_read_intake(actor: Actor, subject: Subject) -> bool:
    """The employee himself, or the doctor's team within its scope; nobody else."""
    if not in_scope(actor, subject):
        return False
    if actor.role is Role.EMPLOYEE:
        return actor.employee_id == subject.employee_id
    return actor.role in INTAKE_READER_ROLES and access(actor, _C.MEDICAL) is _FULL


#: exposures that lengthen retention (seed ch. 1 Bewaartermijn; Besluit Stralingshygiëne)
EXPOSURE_KINDS = ("hazardous_substance", "ionising_radiation")


def may_record_exposure(actor: Actor, subject: Subject) -> bool:
    """Only the company doctor records or corrects an exposure, on a case in his scope: it
    is a medical finding that moves the retention term."""
    return (
        actor.role is Role.COMPANY_DOCTOR
        and actor.account_id is not None
        and in_scope(actor, subject)
    )


def may_read_exposures(actor: Actor, subject: Subject) -> bool:
    """The doctor and his team members read exposures; never the employer, the case
    manager, the privacy desk or the administrator."""
    return actor.role in INTAKE_READER_ROLES and in_scope(actor, subject)


def may_report_self(actor: Actor, employee_id: int, *, organisation_allows: bool) -> bool:
    """The employee reports himself sick or recovered only where his employer allows it
    (the organisation's setting, issue 15 item 7), and only for himself."""
    return actor.role is Role.EMPLOYEE and actor.employee_id == employee_id and organisation_allows


def may_record_life_events(actor: Actor, subject: Subject) -> bool:
    """The end of employment and a date of death (issue 15 item 6) are recorded by the
    employee's own employer or by the administrator; each moves the retention term."""
    if actor.role is Role.EMPLOYER_CONTACT:
        return actor.account_id is not None and in_scope(actor, subject)
    return actor.role is Role.ADMIN and actor.account_id is not None


#: the one term the employer's and the administrator's facts drive (seed ch. 1: 20 years
#: after the end of employment, of the contract, or death); the other terms speak of the
#: medical file (exposures, consents, its last change) and stay with the privacy desk
LIFE_EVENT_RETENTION_RULE = "medical_file_20y"


def retention_holds_shown(actor: Actor, holds: tuple[str, ...]) -> tuple[str, ...]:
    """Which reasons for "not yet" the recorder of a life event is told: employment and
    contract running; an open case only to a role that sees absences (not the admin)."""
    shown = {"employment_running", "contract_running"}
    if access(actor, _C.ABSENCE) is _FULL:
        shown.add("open_case")
    return tuple(h for h in holds if h in shown)


# --- issue 15: Poortwachter documents ---

#: a plan of action's (or evaluation's) life: the employer writes a draft, submits it to
#: the employee, who adds his view and agrees or disagrees; then it is final
PLAN_DRAFT, PLAN_SUBMITTED = "draft", "submitted"
PLAN_AGREED, PLAN_DISAGREED = "agreed", "disagreed"
PLAN_FINAL = frozenset({PLAN_AGREED, PLAN_DISAGREED})
#: besides the employer and the employee, the care team reads the plans it helps with
_PLAN_CARE_READERS = (Role.COMPANY_DOCTOR, Role.CARE_TEAM, Role.CASE_MANAGER)


def may_write_problem_analysis(actor: Actor, subject: Subject) -> bool:
    """The problem analysis is the company doctor's (Regeling procesgang eerste en tweede
    ziektejaar, art. 2: "de bedrijfsarts ... stelt een probleemanalyse op")."""
    return actor.role is Role.COMPANY_DOCTOR and in_scope(actor, subject)


def may_read_problem_analysis(actor: Actor, subject: Subject) -> bool:
    """Its medical part stays in the file: the doctor's team reads it, and the employee his
    own file (WGBO art. 7:456); never the employer, the case manager or the desk."""
    readers = (Role.COMPANY_DOCTOR, Role.CARE_TEAM, Role.EMPLOYEE)
    return actor.role in readers and in_scope(actor, subject)


def may_write_plan(actor: Actor, subject: Subject) -> bool:
    """The employer draws up the plan of action and its evaluations (Wet verbetering
    poortwachter; BW art. 7:658a), for its own employees only."""
    return actor.role is Role.EMPLOYER_CONTACT and in_scope(actor, subject)


def may_read_plan(actor: Actor, subject: Subject, status: str) -> bool:
    """The employer reads its own drafts; the employee and the care team read a plan once
    it is submitted to the employee."""
    if not in_scope(actor, subject):
        return False
    if actor.role is Role.EMPLOYER_CONTACT:
        return True
    return status != PLAN_DRAFT and actor.role in (Role.EMPLOYEE, *_PLAN_CARE_READERS)


def may_respond_to_plan(actor: Actor, subject: Subject, status: str) -> bool:
    """Only the employee himself adds his view and agrees or disagrees, once, while the
    plan waits for him (both views belong in it since 1 July 2023)."""
    return actor.role is Role.EMPLOYEE and in_scope(actor, subject) and status == PLAN_SUBMITTED


def may_download_reintegration_report(actor: Actor, subject: Subject) -> bool:
    """The re-integration report goes with the WIA application: the employer draws it up
    and the employee receives it (Regeling procesgang, art. 3), so both download it."""
    roles = (Role.EMPLOYER_CONTACT, Role.EMPLOYEE)
    return actor.role in roles and in_scope(actor, subject)


# --- issue 15: uploads ---

#: an upload's audience (``case_upload.audience``): ``care`` — medical, sent to the care
#: team: the doctor and his team in scope, and the employee himself; ``case`` — shared
#: about the case: the employer's contacts, the case manager and care team in scope, and
#: the employee
UPLOAD_CARE = "care"
UPLOAD_CASE = "case"

#: who attaches files to a case, and the audience each upload gets. The employee's files
#: go to the care team only (a specialist's letter is medical: seed ch. 1, "alleen
#: toegankelijk voor de bedrijfsarts en leden van zijn behandelteam"); the doctor's and his
#: team's are medical too and never reach the employer; the employer's and the case
#: manager's (who sees no medical data) are about the case and read by everyone on it.
UPLOAD_AUDIENCE: dict[Role, str] = {
    Role.EMPLOYEE: UPLOAD_CARE,
    Role.COMPANY_DOCTOR: UPLOAD_CARE,
    Role.CARE_TEAM: UPLOAD_CARE,
    Role.EMPLOYER_CONTACT: UPLOAD_CASE,
    Role.CASE_MANAGER: UPLOAD_CASE,
}
#: the audiences each role reads (always within its scope)
UPLOAD_READERS: dict[Role, frozenset[str]] = {
    Role.EMPLOYEE: frozenset({UPLOAD_CARE, UPLOAD_CASE}),
    Role.COMPANY_DOCTOR: frozenset({UPLOAD_CARE, UPLOAD_CASE}),
    Role.CARE_TEAM: frozenset({UPLOAD_CARE, UPLOAD_CASE}),
    Role.EMPLOYER_CONTACT: frozenset({UPLOAD_CASE}),
    Role.CASE_MANAGER: frozenset({UPLOAD_CASE}),
}


def may_upload(actor: Actor, subject: Subject) -> bool:
    """May the actor attach a file to this person's case?"""
    return actor.role in UPLOAD_AUDIENCE and in_scope(actor, subject)


def upload_audience(actor: Actor) -> str:
    """The audience of the actor's uploads (KeyError for a role that uploads nothing)."""
    return UPLOAD_AUDIENCE[actor.role]


def readable_upload_audiences(actor: Actor) -> frozenset[str]:
    """The audiences whose uploads the actor's role reads at all (none for the desk)."""
    return UPLOAD_READERS.get(actor.role, frozenset())


def may_read_upload(actor: Actor, audience: str, subject: Subject) -> bool:
    """May the actor list or download an upload of this audience about this person? A
    ``care`` upload reaches the care team in scope and the employee, nobody else."""
    return audience in readable_upload_audiences(actor) and in_scope(actor, subject)


def upload_category(audience: str) -> Category:
    """What an upload of this audience is, for the audit log: a ``care`` upload (and any
    audience not known) is medical; a ``case`` upload an employer record."""
    return Category.EMPLOYER_RECORD if audience == UPLOAD_CASE else Category.MEDICAL


# --- issue 15: messages ---

THREAD_CARE = "care"
THREAD_EMPLOYER = "employer"
THREADS = (THREAD_CARE, THREAD_EMPLOYER)

#: Who reads each of a case's two threads. The care thread is medical (seed ch. 1: "alleen
#: toegankelijk voor de bedrijfsarts en leden van zijn behandelteam"): the employee and the
#: doctor's team, never the case manager (no medical data, BRIEF.md "Roles") nor the
#: employer. The employer thread is the employer's conversation with the case manager about
#: the case; the doctor's team may read it, and the employee reads it on "what my employer
#: sees" (BRIEF.md: everything the employer sees about him).
THREAD_READERS: dict[str, frozenset[Role]] = {
    THREAD_CARE: frozenset({Role.EMPLOYEE, Role.COMPANY_DOCTOR, Role.CARE_TEAM}),
    THREAD_EMPLOYER: frozenset(
        {
            Role.EMPLOYER_CONTACT,
            Role.CASE_MANAGER,
            Role.COMPANY_DOCTOR,
            Role.CARE_TEAM,
            Role.EMPLOYEE,
        }
    ),
}
#: Who writes in each thread: its two sides only.
THREAD_WRITERS: dict[str, frozenset[Role]] = {
    THREAD_CARE: frozenset({Role.EMPLOYEE, Role.COMPANY_DOCTOR, Role.CARE_TEAM}),
    THREAD_EMPLOYER: frozenset({Role.EMPLOYER_CONTACT, Role.CASE_MANAGER}),
}


def may_read_thread(actor: Actor, thread: str, subject: Subject) -> bool:
    """May ``actor`` read ``thread`` of a case of ``subject``?"""
    return actor.role in THREAD_READERS.get(thread, frozenset()) and in_scope(actor, subject)


def may_write_thread(actor: Actor, thread: str, subject: Subject) -> bool:
    """May ``actor`` post in ``thread`` of a case of ``subject``?"""
    return actor.role in THREAD_WRITERS.get(thread, frozenset()) and in_scope(actor, subject)


def threads_readable_by(role: Role) -> tuple[str, ...]:
    """The threads a role reads at all, in the order a page offers them."""
    return tuple(thread for thread in THREADS if role in THREAD_READERS[thread])


def thread_is_checked(thread: str) -> bool:
    """Every message in the employer thread passes the medical-term check: the employer
    reads it (seed ch. 1, "Aan werkgever": the four items only, never a diagnosis)."""
    return thread == THREAD_EMPLOYER


def thread_category(thread: str) -> Category:
    """The category a message's text has in its thread: medical in the care thread; in the
    employer thread a record of the employer's conversation (it passed the term check)."""
    return Category.MEDICAL if thread == THREAD_CARE else Category.EMPLOYER_RECORD


# --- issue 17: the privacy duties as outcomes. Each part below is its own section; keep
# the rules here, never in pages or services. ---

# --- issue 17 item 2: rectification (who applies which field; the medical file's way) ---
# Seed ch. 3 B: "Op uw verzoek worden de gegevens aangepast". Who applies an item is decided
# by the category of its target (domain/rectification.py), within the matrix above:
# * identity — the privacy desk (every employee) or the case manager in scope;
# * employment — the case manager in scope only: the matrix gives the privacy officer no
#   employment data, so he sees that such an item exists and its outcome, never its value;
# * care address — health data (HEALTH_CATEGORIES): the company doctor and his care team in
#   scope only; never the privacy desk, never the case manager (who has no care address);
# * medical — nobody changes or refuses it (WGBO art. 7:454 lid 1): the doctor or his team
#   in scope adds the employee's own statement next to the disputed text, which stays.

#: who applies or refuses an item per target category
RECTIFY_ROLES: dict[Category, tuple[Role, ...]] = {
    Category.IDENTITY: (Role.PRIVACY_OFFICER, Role.CASE_MANAGER),
    Category.EMPLOYMENT: (Role.CASE_MANAGER,),
    Category.CARE_ADDRESS: (Role.COMPANY_DOCTOR, Role.CARE_TEAM),
}
#: who adds the employee's statement to the medical file
MEDICAL_STATEMENT_ROLES = (Role.COMPANY_DOCTOR, Role.CARE_TEAM)


def may_see_rectification(actor: Actor, category: Category, subject: Subject) -> bool:
    """May ``actor`` see the requested value of an item whose target is of ``category``
    (the employee his own; staff only with full access to that category, in scope)?
    Nobody sees a value for a medical target: it has none; its statement is medical."""
    return in_scope(actor, subject) and access(actor, category) is Access.FULL


def may_decide_rectification(actor: Actor, category: Category, subject: Subject) -> bool:
    """May ``actor`` apply or refuse an item whose target is of ``category``?"""
    roles = RECTIFY_ROLES.get(category, ())
    return actor.role in roles and may_see_rectification(actor, category, subject)


def may_add_medical_statement(actor: Actor, subject: Subject) -> bool:
    """The doctor or his team in scope adds the statement; he cannot refuse it."""
    return actor.role in MEDICAL_STATEMENT_ROLES and may_see_rectification(
        actor, Category.MEDICAL, subject
    )


# --- issue 17 item 3: processing stopped (restriction and its legal exceptions) ---

#: Seed ch. 3 E ("het gebruik van die persoonsgegevens te stoppen"; AVG art. 18/21): while
#: the employee's data are restricted, these acts about him are refused: every new
#: disclosure to his employer or another party, and what only prepares one. An act that
#: neither this set nor :data:`RESTRICTION_EXCEPTIONS` names is refused too (fail closed).
RESTRICTION_REFUSED: frozenset[str] = frozenset(
    {
        #: employer feedback outside a Poortwachter step (a plain "terugkoppeling")
        "feedback_release",
        #: sharing a draft of such feedback with the employee before its release
        "feedback_draft_share",
        #: asking the employee to let a named datum reach his employer
        "consent_request",
        #: the case manager writing to the employer about him (employer thread)
        "employer_message",
        #: a file the case manager attaches for the employer to read (audience ``case``)
        "case_upload_shared",
    }
)
#: The legal duties that go on despite the stop (AVG art. 18(2) and 21(1): processing the
#: law requires — Wet verbetering poortwachter, the WIA application to UWV — is no use the
#: employee can stop), each act with the ground its exception row records and the notices
#: name. The transfer package at his own request is his right (seed ch. 3 D), not a use.
RESTRICTION_EXCEPTIONS: dict[str, str] = {
    #: the employer part of the problem analysis (Regeling procesgang, art. 2: week 6)
    "problem_analysis_release": "poortwachter_problem_analysis",
    "problem_analysis_share": "poortwachter_problem_analysis",
    #: the plan of action, its evaluations and the first-year evaluation
    "plan_submit": "poortwachter_plan_of_action",
    #: the 42nd-week sick report to UWV, recorded as sent
    "uwv_sick_report": "uwv_sick_report",
    #: the WIA application, recorded as made
    "wia_application": "uwv_wia_application",
    #: the re-integration report the employer downloads for the WIA application
    "reintegration_report": "uwv_reintegration_report",
    #: the transfer package to a new arbodienst at the employee's own request
    "transfer_package": "employee_request",
    #: the hand-over of a running case when the employer changes arbodienst (item 6)
    "handover_package": "arbodienst_handover",
    #: the employee himself granting a consent asked before the stop: AVG art. 18(2) lets
    #: restricted data be processed "with the data subject's consent" — his own choice
    "consent_grant": "data_subject_consent",
}
#: The grounds in the order a notice names them (what still goes on).
RESTRICTION_GROUNDS: tuple[str, ...] = tuple(dict.fromkeys(RESTRICTION_EXCEPTIONS.values()))
#: The employer's anonymised reports (and their CSV) count nobody whose data are
#: restricted: an aggregate of him is still a use of his data, and the stop leaves no
#: "report that includes him" (services/employer/reports.py leaves him out).
RESTRICTION_LEFT_OUT_OF_REPORTS = True
#: Writing in a case's thread that discloses to the employer: (role, thread) → act.
RESTRICTION_MESSAGE_ACTS: dict[tuple[Role, str], str] = {
    (Role.CASE_MANAGER, THREAD_EMPLOYER): "employer_message",
}
#: Uploads that reach the employer: the uploader's role → act (the employer's own upload
#: only stores what he hands in — AVG art. 18(1) leaves storage allowed).
RESTRICTION_UPLOAD_ACTS: dict[Role, str] = {Role.CASE_MANAGER: "case_upload_shared"}


def restriction_ground(act: str) -> str | None:
    """The legal ground on which ``act`` still goes on for a restricted employee, or None
    when the act is refused (any act the rules do not name as an exception)."""
    return RESTRICTION_EXCEPTIONS.get(act)


class RestrictionShown(StrEnum):
    """How much of a restriction a role is told on the screens that touch the employee."""

    NONE = "none"
    #: only that the use of his data stopped (AVG art. 19: a recipient is told of the
    #: restriction) — never why, never since when
    FLAG = "flag"
    #: since when, and which legal duties still go on
    DETAILS = "details"
    #: the desk: the reason too
    FULL = "full"


RESTRICTION_SHOWN: dict[Role, RestrictionShown] = {
    Role.EMPLOYEE: RestrictionShown.DETAILS,
    Role.EMPLOYER_CONTACT: RestrictionShown.FLAG,
    Role.COMPANY_DOCTOR: RestrictionShown.DETAILS,
    Role.CARE_TEAM: RestrictionShown.DETAILS,
    Role.CASE_MANAGER: RestrictionShown.DETAILS,
    Role.PRIVACY_OFFICER: RestrictionShown.FULL,
}


def restriction_shown(actor: Actor, subject: Subject) -> RestrictionShown:
    """What ``actor`` is told of a restriction of ``subject`` (nothing outside his scope)."""
    if not in_scope(actor, subject):
        return RestrictionShown.NONE
    return RESTRICTION_SHOWN.get(actor.role, RestrictionShown.NONE)


def restriction_blocks_consent(kind: str) -> bool:
    """A consent that lets his data reach someone — the employer's datum and each consent
    beyond the employer (item 7: ``CONSENT_ASKERS``) — is neither asked nor granted while
    the use of his data is stopped; it would be a new disclosure."""
    return kind in CONSENT_ASKERS


#: Who starts, lifts and lists restrictions: the privacy desk (seed ch. 3: requests go to
#: the privacy officer).
RESTRICTION_DESK = frozenset({Role.PRIVACY_OFFICER})

# --- issue 17 items 5 and 7: the employee always told; consents beyond the employer ---

#: how the employee hears of what reached his employer (seed ch. 1: "De werknemer wordt
#: altijd op de hoogte gebracht van de inhoud van de informatie die KrachtWerkt aan de
#: werkgever verstrekt"): in his portal while he has an active account; else by e-mail to
#: the address on file, which says only *that* something was released and how to read it;
#: else by a letter that prints what the employer received, posted by the case manager
TOLD_PORTAL, TOLD_EMAIL, TOLD_LETTER = "portal", "email", "letter"
#: who prints and posts those letters: the case manager of the employer's team (he reads
#: the employer feedback and the plans the letter prints, never medical data)
LETTER_ROLES = (Role.CASE_MANAGER,)


def telling_channel(*, has_account: bool, has_email: bool) -> str:
    """The one way the employee is told: portal, else e-mail, else a letter."""
    if has_account:
        return TOLD_PORTAL
    return TOLD_EMAIL if has_email else TOLD_LETTER


def may_handle_letter(actor: Actor, subject: Subject) -> bool:
    """The case manager of the employer's team prints, posts and marks a letter sent."""
    return actor.role in LETTER_ROLES and actor.account_id is not None and in_scope(actor, subject)


#: the kinds of consent (``consent_record.kind``) a member of the care side asks the
#: employee for, and who may ask each (BRIEF.md "How far consent reaches"). Only the
#: emergency note points at the employer; every other consent points elsewhere: a
#: machtiging to ask the treating GP or specialist for information (medical: the doctor's
#: team), and sharing with a re-integration provider, the absence insurer or a new
#: arbodienst (the doctor or the case manager). The employer never asks.
CONSENT_EMPLOYER_DATUM = "employer_datum"
CONSENT_GP = "gp_authorisation"
CONSENT_REINTEGRATION = "reintegration_provider"
CONSENT_INSURER = "insurer"
CONSENT_NEW_ARBODIENST = "new_arbodienst"
BEYOND_EMPLOYER_KINDS = (
    CONSENT_GP,
    CONSENT_REINTEGRATION,
    CONSENT_INSURER,
    CONSENT_NEW_ARBODIENST,
)
CONSENT_ASKERS: dict[str, frozenset[Role]] = {
    CONSENT_EMPLOYER_DATUM: frozenset({Role.COMPANY_DOCTOR, Role.CARE_TEAM}),
    CONSENT_GP: frozenset({Role.COMPANY_DOCTOR, Role.CARE_TEAM}),
    CONSENT_REINTEGRATION: frozenset({Role.COMPANY_DOCTOR, Role.CASE_MANAGER}),
    CONSENT_INSURER: frozenset({Role.COMPANY_DOCTOR, Role.CASE_MANAGER}),
    CONSENT_NEW_ARBODIENST: frozenset({Role.COMPANY_DOCTOR, Role.CASE_MANAGER}),
}
#: the data categories each consent beyond the employer may carry at most (its receipt
#: names them; the request's own text says which data exactly)
CONSENT_DATA_CATEGORIES: dict[str, str] = {
    CONSENT_GP: "medical",
    CONSENT_REINTEGRATION: "identity,employment,absence,employer_feedback",
    CONSENT_INSURER: "identity,employment,absence,employer_feedback",
    CONSENT_NEW_ARBODIENST: (
        "identity,employment,absence,absence_health,medical,employer_feedback"
    ),
}
#: a consent beyond the employer is asked for a period: at most the two years of the
#: Wet verbetering poortwachter (104 weeks), never open-ended
CONSENT_MAX_PERIOD_DAYS = 104 * 7
CONSENT_EXPIRED = "expired"


def consent_askers(kind: str) -> frozenset[Role]:
    return CONSENT_ASKERS.get(kind, frozenset())


def may_ask_consent(actor: Actor, kind: str, subject: Subject) -> bool:
    """May ``actor`` ask the employee ``subject`` for a consent of ``kind``? Only a
    named account of a role that asks for this kind, for a person in its scope."""
    return (
        actor.role in consent_askers(kind)
        and actor.account_id is not None
        and in_scope(actor, subject)
    )


def consent_kinds_for(role: Role) -> tuple[str, ...]:
    """The kinds a role asks for, and so the requests it sees the status of."""
    return tuple(kind for kind, roles in CONSENT_ASKERS.items() if role in roles)


def consent_state(
    status: str, withdrawn_at: datetime | None, valid_until: date | None, *, today: date
) -> str:
    """requested | granted | refused | withdrawn | expired. Only ``granted`` may be used:
    a withdrawn or expired machtiging can no longer be used to ask or share anything, and
    a request whose period has passed can no longer be granted."""
    if status == CONSENT_GRANTED and withdrawn_at is not None:
        return "withdrawn"
    lapsed = valid_until is not None and valid_until < today
    if status in (CONSENT_GRANTED, "requested") and lapsed:
        return CONSENT_EXPIRED
    return status


def consent_usable(
    status: str, withdrawn_at: datetime | None, valid_until: date | None, *, today: date
) -> bool:
    return consent_state(status, withdrawn_at, valid_until, today=today) == CONSENT_GRANTED


# --- issue 17 items 6 and 8: hand-over on contract end; the breach register ---

#: who ends an employer's contract with a named successor and so starts the hand-over of
#: its running cases (seed ch. 1, Bewaartermijn); nothing medical passes through his hands
HANDOVER_STARTERS = (Role.ADMIN,)
#: who confirms that the successor received a case's package: the privacy desk, as for a
#: transfer request (it reads the transfer columns of a case, never the case; the
#: administrator reads no case at all); the package is built and released by the doctor
HANDOVER_CONFIRMERS = (Role.PRIVACY_OFFICER,)
#: who builds, encrypts and releases a handed-over case's package: the doctor of the team
#: that serves the employer (BRIEF.md: "released by the company doctor")
HANDOVER_RELEASERS = (Role.COMPANY_DOCTOR,)

#: who keeps the breach register (AVG art. 33(5)): the privacy officer alone
BREACH_KEEPERS = (Role.PRIVACY_OFFICER,)
#: AVG art. 33(1): the Autoriteit Persoonsgegevens within 72 hours of finding the breach
BREACH_AP_HOURS = 72
#: the officers are reminded when a breach with a risk is this old and not yet notified
BREACH_REMIND_HOURS = 48
BREACH_RISKS = ("none", "risk", "high")


def breach_ap_deadline(found_at: datetime) -> datetime:
    """The last moment to notify the AP (AVG art. 33(1): "uiterlijk 72 uur")."""
    from datetime import timedelta

    return found_at + timedelta(hours=BREACH_AP_HOURS)


def breach_must_notify_ap(risk: str) -> bool:
    """Every breach goes to the AP unless it is unlikely to bring a risk (art. 33(1))."""
    return risk != "none"


def breach_must_tell_people(risk: str) -> bool:
    """A high risk to the people's rights and freedoms: they are told (art. 34(1))."""
    return risk == "high"


# --- issue 17 items 1 and 10: only employees in care; visitor data ---

#: seed ch. 1: "alleen noodzakelijke persoonsgegevens worden verwerkt van werknemers waarop
#: de zorgverlening start. Indien er geen zorg wordt verleend, krijgt KrachtWerkt dus geen
#: beschikking over persoonsgegevens van werknemers." A person comes in with his sick report
#: (the employer's or his own); the roster only updates the employment facts of people who
#: have a case, and keeps of everyone else counts per department, never a person.
ROSTER_UPDATES = (
    "first_name",
    "last_name",
    "email",
    "department",
    "employment_start",
    "employment_end",
    "date_of_birth",
    "job_title",
    "hours_per_week",
)


def roster_keeps(*, has_case: bool) -> bool:
    """May a roster row be stored (as an update of the person)? Only for a person in care."""
    return has_case


def removable_not_in_care(*, has_case: bool, kept_by: frozenset[str]) -> bool:
    """``kwportal roster-cleanup``: a stored person without any case goes, unless a row of
    another table points at him (an account, a consent, a rights request, a legal hold, an
    exposure, a disclosure …): those are kept, and reported by ``kept_by``."""
    return not has_case and not kept_by


#: who takes an address off the newsletter for a visitor who asked by e-mail: whoever
#: handles visitors' requests (/visitor-requests)
VISITOR_UNSUBSCRIBE_ROLES = (Role.PRIVACY_OFFICER,)


def may_unsubscribe_visitor(actor: Actor) -> bool:
    return actor.role in VISITOR_UNSUBSCRIBE_ROLES


# --- O15: the doctor's estimate and the WIA status ---
# Seed ch. 1, "Gezondheidsgegevens die aan bod komen bij de Arbozorg": "inschatte
# verzuimduur" and "of werkneer valt onder de Wet Werk en Inkomen naar Arbeidsvermogen".
# Both are absence_health (categories.py): the care team records and reads them; the
# employer never does (he hears the expected period from released feedback only).

#: who records the estimate and the WIA status: the company doctor and his team
ESTIMATE_ROLES = (Role.COMPANY_DOCTOR, Role.CARE_TEAM)


def may_record_estimate(actor: Actor, subject: Subject) -> bool:
    """The doctor of the team assigned to the employer, or a member of his team, on a case
    within that scope; never the case manager, the employer or the desk."""
    return (
        actor.role in ESTIMATE_ROLES
        and actor.account_id is not None
        and in_scope(actor, subject)
        and access(actor, _C.ABSENCE_HEALTH) is _FULL
    )
