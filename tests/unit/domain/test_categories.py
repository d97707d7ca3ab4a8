"""Every stored column is classified, and the classification names no ghost columns."""

from __future__ import annotations

import pytest
from sqlmodel import SQLModel

import kwportal.models  # noqa: F401  (registers every table)
from kwportal.domain.categories import (
    COLUMN_CATEGORIES,
    EMPLOYER_IDENTITY_COLUMNS,
    Category,
    category_of,
)


def _schema_columns() -> set[str]:
    return {
        f"{table.name}.{column.name}"
        for table in SQLModel.metadata.tables.values()
        for column in table.columns
    }


def test_metadata_holds_the_tables_of_the_model_package():
    assert {"employee", "medical_note", "audit_event", "account"} <= set(SQLModel.metadata.tables)


def test_every_column_of_every_table_is_classified():
    unclassified = sorted(_schema_columns() - set(COLUMN_CATEGORIES))
    assert not unclassified, (
        f"{len(unclassified)} column(s) have no data category in "
        f"kwportal/domain/categories.py: {', '.join(unclassified)}"
    )


def test_no_classification_refers_to_a_column_that_does_not_exist():
    stale = sorted(set(COLUMN_CATEGORIES) - _schema_columns())
    assert not stale, f"stale entries in COLUMN_CATEGORIES: {', '.join(stale)}"


def test_every_classification_is_a_category():
    wrong = {
        column: value
        for column, value in COLUMN_CATEGORIES.items()
        if not isinstance(value, Category)
    }
    assert not wrong, f"not a Category: {wrong}"


def test_keys_have_the_table_dot_column_form():
    malformed = [key for key in COLUMN_CATEGORIES if key.count(".") != 1]
    assert not malformed, f"keys must be 'table.column': {malformed}"


def test_employer_identity_columns_are_employee_identity_columns():
    for column in EMPLOYER_IDENTITY_COLUMNS:
        assert column.startswith("employee.")
        assert COLUMN_CATEGORIES[column] is Category.IDENTITY


@pytest.mark.parametrize(
    ("column", "category"),
    [
        ("medical_note.body", Category.MEDICAL),
        ("questionnaire_answer.answer", Category.MEDICAL),
        ("sick_leave_case.care_address", Category.CARE_ADDRESS),
        ("sick_report.care_address", Category.CARE_ADDRESS),
        ("sick_leave_case.wia", Category.ABSENCE_HEALTH),
        ("sick_leave_case.sick_report_date", Category.ABSENCE),
        ("employer_feedback.advice", Category.EMPLOYER_FEEDBACK),
        ("account.password_hash", Category.CREDENTIAL),
        ("account.totp_secret", Category.CREDENTIAL),
        ("audit_head.seal", Category.AUDIT),
    ],
)
def test_sensitive_columns_have_the_expected_category(column, category):
    assert category_of(column) is category


def test_category_of_an_unknown_column_names_it():
    with pytest.raises(KeyError, match=r"employee\.shoe_size"):
        category_of("employee.shoe_size")
