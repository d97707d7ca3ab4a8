"""Who may ask which consent (issue 17 item 7; BRIEF.md "How far consent reaches"): a GP
machtiging by the doctor's team, sharing with a re-integration provider, the absence insurer
or a new arbodienst by the doctor or the case manager, the emergency note for the employer
by the doctor's team — never by the employer, the desk or the administrator; and a consent
may be used only while granted, not withdrawn and not past its period."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kwportal.domain.policy import (
    BEYOND_EMPLOYER_KINDS,
    CONSENT_ASKERS,
    Actor,
    Subject,
    consent_state,
    consent_usable,
    may_ask_consent,
    telling_channel,
)
from kwportal.domain.roles import Role

TODAY = date(2026, 12, 1)
ANNA = Subject(employee_id=10, organisation_id=1)
ASKS = {
    "employer_datum": {Role.COMPANY_DOCTOR, Role.CARE_TEAM},
    "gp_authorisation": {Role.COMPANY_DOCTOR, Role.CARE_TEAM},
    "reintegration_provider": {Role.COMPANY_DOCTOR, Role.CASE_MANAGER},
    "insurer": {Role.COMPANY_DOCTOR, Role.CASE_MANAGER},
    "new_arbodienst": {Role.COMPANY_DOCTOR, Role.CASE_MANAGER},
}


def _actor(role: Role, organisation: int = 1) -> Actor:
    return Actor(
        account_id=5,
        role=role,
        organisation_id=organisation,
        employee_id=10 if role is Role.EMPLOYEE else None,
        employer_ids=frozenset({organisation}),
    )


def test_every_consent_the_brief_names_has_its_askers() -> None:
    assert set(BEYOND_EMPLOYER_KINDS) == {
        "gp_authorisation",
        "reintegration_provider",
        "insurer",
        "new_arbodienst",
    }
    assert {k: set(v) for k, v in CONSENT_ASKERS.items()} == ASKS


@pytest.mark.parametrize("kind", sorted(ASKS))
@pytest.mark.parametrize("role", [r for r in Role if r is not Role.SYSTEM])
def test_each_kind_is_asked_by_its_roles_only(kind: str, role: Role) -> None:
    assert may_ask_consent(_actor(role), kind, ANNA) is (role in ASKS[kind])
    # never for a person outside the actor's scope
    assert not may_ask_consent(_actor(role, organisation=2), kind, ANNA)


def test_the_employer_never_asks() -> None:
    for kind in (*ASKS, "retention_longer", "anything"):
        assert not may_ask_consent(_actor(Role.EMPLOYER_CONTACT), kind, ANNA)


@pytest.mark.parametrize(
    ("status", "withdrawn", "until", "state"),
    [
        ("requested", None, date(2027, 1, 1), "requested"),
        ("requested", None, date(2026, 11, 30), "expired"),
        ("granted", None, None, "granted"),
        ("granted", None, TODAY, "granted"),
        ("granted", None, date(2026, 11, 30), "expired"),
        ("granted", datetime(2026, 11, 1, tzinfo=UTC), date(2027, 1, 1), "withdrawn"),
        ("refused", None, date(2027, 1, 1), "refused"),
    ],
)
def test_a_consent_is_usable_only_while_granted_and_in_its_period(
    status: str, withdrawn: datetime | None, until: date | None, state: str
) -> None:
    assert consent_state(status, withdrawn, until, today=TODAY) == state
    assert consent_usable(status, withdrawn, until, today=TODAY) is (state == "granted")


def test_the_employee_is_told_in_the_one_way_that_reaches_him() -> None:
    assert telling_channel(has_account=True, has_email=True) == "portal"
    assert telling_channel(has_account=True, has_email=False) == "portal"
    assert telling_channel(has_account=False, has_email=True) == "email"
    assert telling_channel(has_account=False, has_email=False) == "letter"
