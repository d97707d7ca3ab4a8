"""Views: frozen dataclasses built only through the policy.

A view declares, per field, the ``table.column`` it reads. :func:`project` asks the policy
for every one of them and refuses (naming the column) when the actor may not see it, so a
view cannot quietly carry a value its reader may not have.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kwportal.domain.policy import Actor, Subject, visible


class PolicyDeniedError(PermissionError):
    """The actor may not see a column (or the subject at all)."""


def project(
    actor: Actor,
    subject: Subject,
    row: Any,
    columns: Mapping[str, str],
    *,
    released: bool = True,
    consent_is_active: bool = False,
    shared: bool = False,
) -> dict[str, Any]:
    """``{field: value}`` for ``columns`` (field → ``table.column``) of ``row``."""
    values: dict[str, Any] = {}
    for field_name, column in columns.items():
        if not visible(
            actor,
            column,
            subject,
            released=released,
            consent_is_active=consent_is_active,
            shared=shared,
        ):
            raise PolicyDeniedError(f"{actor.role} may not see {column}")
        values[field_name] = getattr(row, column.split(".", 1)[1])
    return values


def project_rows(
    actor: Actor,
    subject: Subject,
    rows: Iterable[Any],
    columns: Mapping[str, str],
    *,
    released: bool = True,
) -> list[dict[str, Any]]:
    """:func:`project` for many rows of one subject: the policy is asked once per column
    (its answer depends on actor, subject and column only), then every row is read."""
    for column in columns.values():
        if not visible(actor, column, subject, released=released):
            raise PolicyDeniedError(f"{actor.role} may not see {column}")
    names = [(field_name, column.split(".", 1)[1]) for field_name, column in columns.items()]
    return [{field_name: getattr(row, attr) for field_name, attr in names} for row in rows]
