"""The policy's consent rule: a consented datum reaches the employer only while the consent
is granted, not withdrawn, not expired, and of a kind that may reach him at all."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwportal.domain.categories import COLUMN_CATEGORIES, Category
from kwportal.domain.policy import (
    CONSENT_DATUM_KINDS,
    FORBIDDEN_DATUM_KINDS,
    Actor,
    Subject,
    consent_active,
    may_request_datum,
    visible,
)
from kwportal.domain.roles import Role

TODAY = date(2026, 11, 28)
ANNA = Subject(employee_id=10, organisation_id=1)
EMPLOYER = Actor(account_id=1, role=Role.EMPLOYER_CONTACT, organisation_id=1)
OTHER_EMPLOYER = Actor(account_id=2, role=Role.EMPLOYER_CONTACT, organisation_id=2)
DATUM = "consent_record.datum_value"


def test_only_the_emergency_note_may_be_asked_for_the_employer() -> None:
    # issue 17 item 7: the consent route to the employer is the emergency note only
    assert {"emergency_note"} == CONSENT_DATUM_KINDS
    assert not CONSENT_DATUM_KINDS & FORBIDDEN_DATUM_KINDS
    for kind in ("diagnosis", "medication", "treatment", "other_health", "contact_detail", ""):
        assert not may_request_datum(kind), kind


@pytest.mark.parametrize(
    ("status", "withdrawn", "until", "kind", "active"),
    [
        ("granted", None, None, "emergency_note", True),
        ("granted", None, TODAY, "emergency_note", True),
        ("granted", None, None, "contact_detail", False),
        ("granted", None, date(2026, 11, 27), "emergency_note", False),
        ("granted", datetime(2026, 11, 1, tzinfo=UTC), None, "emergency_note", False),
        ("requested", None, None, "emergency_note", False),
        ("refused", None, None, "emergency_note", False),
        ("granted", None, None, "diagnosis", False),
    ],
)
def test_consent_active(status, withdrawn, until, kind, active) -> None:
    assert consent_active(status, withdrawn, until, datum_kind=kind, today=TODAY) is active


def test_employer_sees_the_datum_only_while_the_consent_is_active() -> None:
    assert visible(EMPLOYER, DATUM, ANNA, consent_is_active=True)
    assert not visible(EMPLOYER, DATUM, ANNA, consent_is_active=False)
    assert not visible(EMPLOYER, DATUM, ANNA)
    assert not visible(OTHER_EMPLOYER, DATUM, ANNA, consent_is_active=True)


def test_no_consent_opens_any_other_category_to_the_employer() -> None:
    opened = {
        column
        for column in COLUMN_CATEGORIES
        if visible(EMPLOYER, column, ANNA, consent_is_active=True)
        and not visible(EMPLOYER, column, ANNA, consent_is_active=False)
    }
    assert opened
    assert {COLUMN_CATEGORIES[c] for c in opened} == {Category.CONSENTED_DATUM}


@settings(max_examples=200, database=None, deadline=None)
@given(
    st.sampled_from([Role.CASE_MANAGER, Role.PRIVACY_OFFICER, Role.ADMIN, Role.SYSTEM]),
    st.booleans(),
)
def test_staff_outside_the_care_team_never_see_the_datum(role: Role, active: bool) -> None:
    actor = Actor(account_id=3, role=role, employer_ids=frozenset({1}))
    assert not visible(actor, DATUM, ANNA, consent_is_active=active)
