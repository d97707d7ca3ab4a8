"""Rectification rules (seed ch. 3 B; issue 17 item 2): each field's value is checked the way
the field is checked elsewhere and stored in its own form; a target names one thing; who
applies which category is the policy's — never the desk for health data, nobody for the
medical file (only the doctor's team adds the statement)."""

from __future__ import annotations

from datetime import date

import pytest

from kwportal.domain.categories import Category
from kwportal.domain.policy import (
    Actor,
    Subject,
    may_add_medical_statement,
    may_decide_rectification,
    may_see_rectification,
)
from kwportal.domain.rectification import (
    EMPLOYEE_FIELDS,
    TargetKind,
    ValueRefusedError,
    care_address_target,
    check_value,
    employee_target,
    medical_target,
    parse_target,
    shown,
    typed,
)
from kwportal.domain.roles import Role

TODAY = date(2026, 11, 2)
STORED = {"employment_start": date(2010, 5, 1), "employment_end": None}


@pytest.mark.parametrize(
    ("field", "raw", "stored"),
    [
        ("postal_code", "7511ab", "7511 AB"),
        ("postal_code", " 7511 AB ", "7511 AB"),
        ("email", "a.de.vries@example.nl", "a.de.vries@example.nl"),
        ("phone", "+31 (0)6-1234 5678", "+31 (0)6-1234 5678"),
        ("date_of_birth", "1980-03-05", "1980-03-05"),
        ("date_of_birth", "5-3-1980", "1980-03-05"),
        ("employment_start", "01.02.2011", "2011-02-01"),
        ("employment_end", "2026-12-31", "2026-12-31"),
        ("hours_per_week", "24,5", "24.5"),
        ("hours_per_week", "32", "32"),
        ("gender", "V", "v"),
        ("city", "  Den   Haag ", "Den Haag"),
        ("care_address", "Zorglaan 9\n7600 AA Almelo", "Zorglaan 9 7600 AA Almelo"),
    ],
)
def test_a_good_value_is_kept_in_the_fields_own_form(field: str, raw: str, stored: str) -> None:
    assert check_value(field, raw, today=TODAY, stored=STORED) == stored


@pytest.mark.parametrize(
    ("field", "raw", "code"),
    [
        ("postal_code", "7511", "rectification.error.postal_code"),
        ("postal_code", "0511 AB", "rectification.error.postal_code"),
        ("postal_code", "7511 SS", "rectification.error.postal_code"),
        ("postal_code", "7511 A1", "rectification.error.postal_code"),
        ("email", "geen-adres", "rectification.error.email"),
        ("email", "twee@@example.nl", "rectification.error.email"),
        ("phone", "bel me maar", "rectification.error.phone"),
        ("phone", "+-+-+-+-", "rectification.error.phone"),
        ("date_of_birth", "31-02-1980", "rectification.error.date"),
        ("date_of_birth", "gisteren", "rectification.error.date"),
        ("date_of_birth", "2030-01-01", "date.birth_in_future"),
        ("date_of_birth", "2020-01-01", "rectification.error.birth_age"),
        ("date_of_birth", "1900-01-01", "rectification.error.birth_age"),
        ("employment_end", "2000-01-01", "rectification.error.end_before_start"),
        ("employment_start", "2027-01-01", "rectification.error.date_order_ok"),
        ("hours_per_week", "80", "rectification.error.hours"),
        ("hours_per_week", "0", "rectification.error.hours"),
        ("hours_per_week", "veel", "rectification.error.hours"),
        ("gender", "q", "rectification.error.gender"),
        ("city", "   ", "rectification.error.required"),
        ("city", "x" * 101, "rectification.error.too_long"),
        ("last_name", "x" * 100_000, "rectification.error.too_long"),
        ("city", "Hen\x00gelo", "rectification.error.control"),
        ("care_address", "x" * 301, "rectification.error.too_long"),
        ("password_hash", "x", "details.unknown_field"),
    ],
)
def test_a_bad_value_is_refused_with_a_message_for_its_field(
    field: str, raw: str, code: str
) -> None:
    if code == "rectification.error.date_order_ok":  # a later start with no end is fine
        assert check_value(field, raw, today=TODAY, stored=STORED) == "2027-01-01"
        ended = {**STORED, "employment_end": date(2026, 6, 30)}
        with pytest.raises(ValueRefusedError, match="end_before_start"):
            check_value(field, raw, today=TODAY, stored=ended)
        return
    with pytest.raises(ValueRefusedError) as refused:
        check_value(field, raw, today=TODAY, stored=STORED)
    assert refused.value.code == code


def test_typed_and_shown_round_trip() -> None:
    assert typed("date_of_birth", "1980-03-05") == date(1980, 3, 5)
    assert typed("hours_per_week", "24.5") == 24.5
    assert typed("city", "Hengelo") == "Hengelo"
    assert shown(date(1980, 3, 5)) == "1980-03-05"
    assert shown(32.0) == "32" and shown(None) == ""


def test_targets_name_one_thing_and_its_category() -> None:
    for target in (
        employee_target("city"),
        employee_target("department"),
        care_address_target(7),
        medical_target(case_id=7, note_id=None),
        medical_target(case_id=7, note_id=12),
    ):
        assert parse_target(target.text) == target
    assert [t.text for t in (care_address_target(7), medical_target(case_id=7, note_id=12))] == [
        "case.care_address:7",
        "medical_note:12",
    ]
    assert employee_target("city").category is Category.IDENTITY
    assert employee_target("department").category is Category.EMPLOYMENT
    assert care_address_target(7).category is Category.CARE_ADDRESS
    assert medical_target(case_id=7, note_id=None).kind is TargetKind.MEDICAL
    assert medical_target(case_id=7, note_id=None).category is Category.MEDICAL
    for bad in ("employee.password_hash", "case.care_address:x", "medical_note:0", "x:1", ""):
        assert parse_target(bad) is None
    assert "password_hash" not in EMPLOYEE_FIELDS


SUBJECT = Subject(employee_id=5, organisation_id=3)


def _actor(role: Role, *, employers: frozenset[int] = frozenset({3})) -> Actor:
    return Actor(1, role, employer_ids=employers)


@pytest.mark.parametrize(
    ("category", "deciders"),
    [
        (Category.IDENTITY, {Role.PRIVACY_OFFICER, Role.CASE_MANAGER}),
        (Category.EMPLOYMENT, {Role.CASE_MANAGER}),
        (Category.CARE_ADDRESS, {Role.COMPANY_DOCTOR, Role.CARE_TEAM}),
        (Category.MEDICAL, set()),
    ],
    # ids from the category only: a set's order differs between xdist workers
    ids=lambda value: str(value) if isinstance(value, Category) else "",
)
def test_who_applies_which_category(category: Category, deciders: set[Role]) -> None:
    allowed = {r for r in Role if may_decide_rectification(_actor(r), category, SUBJECT)}
    assert allowed == deciders
    # out of scope: a case manager or doctor of another team's employers decides nothing
    for role in (Role.CASE_MANAGER, Role.COMPANY_DOCTOR, Role.CARE_TEAM):
        assert not may_decide_rectification(
            _actor(role, employers=frozenset({4})), category, SUBJECT
        )


def test_the_desk_never_sees_a_health_value_and_only_the_doctors_team_adds_a_statement() -> None:
    desk = _actor(Role.PRIVACY_OFFICER)
    assert may_see_rectification(desk, Category.IDENTITY, SUBJECT)
    for category in (Category.EMPLOYMENT, Category.CARE_ADDRESS, Category.MEDICAL):
        assert not may_see_rectification(desk, category, SUBJECT)
    adders = {r for r in Role if may_add_medical_statement(_actor(r), SUBJECT)}
    assert adders == {Role.COMPANY_DOCTOR, Role.CARE_TEAM}
    assert not may_add_medical_statement(
        _actor(Role.COMPANY_DOCTOR, employers=frozenset({4})), SUBJECT
    )
