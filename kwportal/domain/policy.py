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
#: what colleagues need to act in an emergency (BRIEF.md, "How far consent reaches"). A
#: contact detail is no health data at all.
CONSENT_DATUM_KINDS = frozenset({"emergency_note", "contact_detail"})

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

# --- issue 17 item 3: processing stopped (restriction and its legal exceptions) ---

# --- issue 17 items 5 and 7: the employee always told; consents beyond the employer ---

# --- issue 17 items 6 and 8: hand-over on contract end; the breach register ---

# --- issue 17 items 1 and 10: only employees in care; visitor data ---
