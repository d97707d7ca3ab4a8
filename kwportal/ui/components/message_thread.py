"""One message thread as a list, oldest first: the messages page and the employee's "what
my employer sees" page render the employer thread with this same piece (issue 15 item 5).
Times are shown in Europe/Amsterdam; the author by name and function."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n.fmt import fmt_datetime
from kwportal.services.case.messages import MessageLine
from kwportal.ui.text import tr

AUTHOR_ROLES = tuple(str(r) for r in Role if r not in (Role.SYSTEM,))


@dataclass
class MessageRow:
    message_id: str = ""
    author: str = ""
    role: str = ""
    mine: bool = False
    new: bool = False
    when: str = ""
    body: str = ""


def local_minute(moment: datetime) -> str:
    """A stored UTC moment (naive from SQLite) as Amsterdam wall time, "30-11-2026 14:05"."""
    return fmt_datetime(moment, short=True)


def message_rows(lines: tuple[MessageLine, ...]) -> list[MessageRow]:
    return [
        MessageRow(
            str(line.message_id),
            line.author_name,
            line.author_role,
            line.mine,
            line.new,
            local_minute(line.created_at),
            line.body,
        )
        for line in lines
    ]


def _role(value: Any) -> rx.Component:
    return rx.match(value, *[(r, tr(f"role.{r}")) for r in AUTHOR_ROLES], value)


def _item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.p(
            rx.el.strong(rx.cond(row.mine, tr("messages.you"), row.author)),
            " (",
            _role(row.role),
            ") · ",
            rx.el.time(row.when),
            rx.cond(row.new, rx.el.span(" · ", rx.el.strong(tr("messages.new")))),
            class_name="meta",
        ),
        rx.el.p(
            row.body,
            class_name="note-body",
            style={"white_space": "pre-wrap", "overflow_wrap": "anywhere"},
        ),
        class_name="card message",
    )


def message_list(rows: Any, label: Any) -> rx.Component:
    """The thread's messages, or a line saying there are none; ``label`` names the list."""
    return rx.cond(
        rows.length() > 0,
        rx.el.ol(rx.foreach(rows, _item), class_name="plain messages", aria_label=label),
        rx.el.p(tr("messages.empty")),
    )
