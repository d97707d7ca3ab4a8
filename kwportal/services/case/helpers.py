"""The people helping with re-integration (BRIEF.md: the employee's portal shows them): the
case manager or care team adds a helper — a re-integration coach, a labour expert, a
physiotherapist paid by the employer — with how to reach them, and removes one who is no
longer involved. Administration, never medical: the case manager may do it, and the employee
sees the list on his case page. Each change is audited and returns the case's
administration as the page shows it next (one unit per click)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session

from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor
from kwportal.models import CaseHelper
from kwportal.services import audit
from kwportal.services.case.file import CaseAdminView, open_case_admin
from kwportal.services.case.scope import CARE_ROLES, CaseRef, case_in_scope
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError

LIMITS = {"name": 200, "helper_role": 100, "organisation": 200, "phone": 30, "email": 254}
_PHONE = re.compile(r"^\+?[0-9 ()\-]{6,29}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class HelperError(ValueError):
    """A field of the helper form is wrong: ``field`` and the message's key."""

    def __init__(self, field: str, key: str) -> None:
        super().__init__(key)
        self.field, self.key = field, key


@dataclass(frozen=True, slots=True)
class NewHelper:
    name: str
    helper_role: str
    organisation: str = ""
    phone: str = ""
    email: str = ""


def _clean(new: NewHelper) -> NewHelper:
    values = {k: _CONTROL.sub("", str(getattr(new, k) or "")).strip() for k in LIMITS}
    for field, limit in LIMITS.items():
        if len(values[field]) > limit:
            raise HelperError(field, "helpers.error.too_long")
    for field in ("name", "helper_role"):
        if not values[field]:
            raise HelperError(field, f"helpers.error.{field}")
    if values["phone"] and not _PHONE.match(values["phone"]):
        raise HelperError("phone", "helpers.error.phone")
    if values["email"] and not _EMAIL.match(values["email"]):
        raise HelperError("email", "helpers.error.email")
    return NewHelper(**values)


def _audit(
    session: Session, actor: Actor, ctx: Ctx, ref: CaseRef, action: audit.Action, row: int
) -> None:
    audit.record(
        session,
        actor=actor,
        access=ctx.access,
        event_type="case_helper_" + ("added" if action is audit.Action.CREATE else "removed"),
        action=action,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=ref.subject.employee_id,
        objects=[audit.ObjectRef(str(Category.ABSENCE), "case_helper", row)],
        secret=ctx.secret,
        now=ctx.now,
    )


def _view(actor: Actor, case_id: int, ctx: Ctx) -> CaseAdminView:
    return open_case_admin(
        actor, case_id, session=ctx.session, access_point=ctx.access, secret=ctx.secret
    )


@use_case(*CARE_ROLES)
def do_add_helper(actor: Actor, case_id: int, new: NewHelper, *, ctx: Ctx) -> CaseAdminView:
    ref = case_in_scope(ctx.session, actor, case_id)
    helper = _clean(new)
    row = CaseHelper(
        case_id=case_id,
        created_at=ctx.now,
        name=helper.name,
        helper_role=helper.helper_role,
        organisation=helper.organisation,
        phone=helper.phone,
        email=helper.email,
    )
    ctx.session.add(row)
    ctx.session.flush()
    assert row.id is not None
    _audit(ctx.session, actor, ctx, ref, audit.Action.CREATE, row.id)
    return _view(actor, case_id, ctx)


@use_case(*CARE_ROLES)
def do_remove_helper(actor: Actor, case_id: int, helper_id: int, *, ctx: Ctx) -> CaseAdminView:
    ref = case_in_scope(ctx.session, actor, case_id)
    row = ctx.session.get(CaseHelper, helper_id)
    if row is None or row.case_id != case_id:
        raise PolicyDeniedError("no such helper on this case")
    ctx.session.delete(row)
    ctx.session.flush()
    _audit(ctx.session, actor, ctx, ref, audit.Action.DELETE, helper_id)
    return _view(actor, case_id, ctx)
