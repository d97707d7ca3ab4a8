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

# --- issue 15: questionnaire and the facts retention turns on ---

# --- issue 15: Poortwachter documents ---

# --- issue 15: uploads ---

# --- issue 15: messages ---
