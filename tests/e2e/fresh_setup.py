"""The part of a new arbodienst's first day that is not the case journey, run against a
portal's database WITHOUT demo data (``python -m tests.e2e.fresh_setup <step> ...`` with the
portal's environment, so it uses the portal's own settings, secret and keys).

Every record is made by the same use cases the admin and employer pages call, as the
account that would make it there (``services/demo/acting.act``): the admin creates the
employer and the care team and assigns them. The employee is no roster row — only people in
care are stored (issue 17 item 1) — so he comes in with the employer's sick report, made on
the page by the journey; the ``employee`` step then finds his record for the invitation.
Prints the ids it made or found as JSON."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime

from sqlmodel import select

from kwportal.db import get_engine, transaction
from kwportal.models import Account, CareTeam, Employee, Organisation
from kwportal.services.admin import organisations, teams
from kwportal.services.demo.acting import act
from kwportal.settings import get_settings


def _account(session: object, username: str) -> Account:
    found = session.exec(select(Account).where(Account.username == username)).one()  # type: ignore[attr-defined]
    return found


def organisation(admin: str, doctor: str, case_manager: str, name: str, kvk: str) -> dict[str, int]:
    settings = get_settings()
    now = datetime.now(UTC)
    with transaction(get_engine()) as session:
        by = _account(session, admin)
        kwargs = {"now": now, "secret": settings.secret_key}
        act(session, by, organisations.do_create, name, kvk, now.date().isoformat(), **kwargs)
        org = session.exec(select(Organisation).where(Organisation.kvk_number == kvk)).one()
        doctor_id = _account(session, doctor).id
        act(session, by, teams.do_create_team, f"Team {name}", str(doctor_id), **kwargs)
        team = session.exec(select(CareTeam).where(CareTeam.doctor_account_id == doctor_id)).one()
        act(session, by, teams.do_assign_employer, str(team.id), str(org.id), **kwargs)
        manager_id = _account(session, case_manager).id
        act(session, by, teams.do_add_member, str(team.id), str(manager_id), **kwargs)
        return {"organisation_id": int(org.id or 0), "team_id": int(team.id or 0)}


def employee(organisation_id: str, number: str) -> dict[str, int]:
    """The record the sick report made for personnel number ``number``."""
    with transaction(get_engine()) as session:
        person = session.exec(
            select(Employee).where(
                Employee.organisation_id == int(organisation_id),
                Employee.personnel_number == number,
            )
        ).one()
        return {"employee_id": int(person.id or 0)}


STEPS = {"organisation": organisation, "employee": employee}

if __name__ == "__main__":
    print(json.dumps(STEPS[sys.argv[1]](*sys.argv[2:])))
