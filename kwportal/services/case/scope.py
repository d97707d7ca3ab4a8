"""Who in the care team reaches which case, and who may release employer feedback.

The scope itself is the policy's (``ROLE_SCOPE``, ``in_scope``): a doctor reaches the
employers assigned to his team, a team member those of her doctor's team, a case manager
the administration of the same employers (seed ch. 1: "alleen toegankelijk voor de
bedrijfsarts en leden van zijn behandelteam"). Release is the doctor's act; he may let a
care-team member release in his name (``TeamMember.may_release``), never a case manager.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from kwportal.domain.policy import Actor, Subject, in_scope, require
from kwportal.domain.roles import Role
from kwportal.models import SickLeaveCase, TeamMember
from kwportal.services.views import PolicyDeniedError

CARE_ROLES = (Role.COMPANY_DOCTOR, Role.CARE_TEAM, Role.CASE_MANAGER)
MEDICAL_ROLES = (Role.COMPANY_DOCTOR, Role.CARE_TEAM)


@dataclass(frozen=True, slots=True)
class CaseRef:
    case_id: int
    subject: Subject


def case_in_scope(session: Session, actor: Actor, case_id: int) -> CaseRef:
    """The case as the policy's subject, or PolicyDeniedError: an unknown case and one
    outside the actor's reach are refused alike, so ids reveal nothing."""
    require(actor, *CARE_ROLES, error=PolicyDeniedError)
    case = session.get(SickLeaveCase, case_id)
    if case is None or case.id is None:
        raise PolicyDeniedError("no such case")
    # held for the session, so the unit's next look at the case is not another query (the
    # session keeps only weak references; after a commit it is read afresh all the same)
    session.info.setdefault("cases_in_scope", {})[case.id] = case
    subject = Subject(employee_id=case.employee_id, organisation_id=case.organisation_id)
    if not in_scope(actor, subject):
        raise PolicyDeniedError("case outside the actor's scope")
    return CaseRef(case.id, subject)


def may_release(session: Session, actor: Actor, subject: Subject) -> bool:
    """The doctor of the team serving the employer, or a member he delegated."""
    if not in_scope(actor, subject):
        return False
    if actor.role is Role.COMPANY_DOCTOR:
        return True
    if actor.role is not Role.CARE_TEAM or actor.account_id is None:
        return False
    delegated = session.exec(
        select(TeamMember.may_release).where(TeamMember.account_id == actor.account_id)
    ).first()
    return bool(delegated)
