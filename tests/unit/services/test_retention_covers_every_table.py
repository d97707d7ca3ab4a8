"""The retention run destroys a whole file: every table that points at an employee or one
of his cases must be in its delete list, or a file with such a row cannot be destroyed
(PostgreSQL refuses the foreign key) or leaves personal data behind. A new table fails
here until the run deletes it (or it is named below with the reason it stays)."""

from __future__ import annotations

import inspect
import re

from sqlmodel import SQLModel

import kwportal.models as models
from kwportal.services.retention import run

#: tables that point at a person or case but are not destroyed with his file, and why
KEPT: dict[str, str] = {
    "retention_tombstone": "the proof that a file was destroyed (no personal data)",
}
#: an employee and his cases (staff tables point at accounts, and staff are not a file)
OWNERS = {"employee", "sick_leave_case"}


def _pointing_tables() -> set[str]:
    found = set()
    for table in SQLModel.metadata.tables.values():
        for fk in table.foreign_keys:
            if fk.column.table.name in OWNERS and table.name not in OWNERS:
                found.add(table.name)
    return found


def _deleted_tables() -> set[str]:
    source = inspect.getsource(run)
    names = set(re.findall(r"delete\((\w+)\)", source))
    names |= set(re.findall(r"update\((\w+)\)", source))
    tables = set()
    for name in names:
        model = getattr(models, name, None)
        if model is not None and hasattr(model, "__tablename__"):
            tables.add(str(model.__tablename__))
    # tables removed in a loop: ``for model in (A, B, …)``
    for group in re.findall(r"for model in \(([^)]*)\)", source):
        for each in re.findall(r"\w+", group):
            model = getattr(models, each, None)
            if model is not None and hasattr(model, "__tablename__"):
                tables.add(str(model.__tablename__))
    return tables


def test_every_table_that_points_at_a_person_is_destroyed_with_his_file() -> None:
    missing = _pointing_tables() - _deleted_tables() - set(KEPT)
    assert not missing, f"the retention run does not delete: {sorted(missing)}"
