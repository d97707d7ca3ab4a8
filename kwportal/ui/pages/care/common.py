"""Pieces the care pages share: the roles of their guards, labels, list sections."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.ui.text import tr

CARE_ROLES = (Role.COMPANY_DOCTOR, Role.CARE_TEAM, Role.CASE_MANAGER)
MEDICAL_ROLES = (Role.COMPANY_DOCTOR, Role.CARE_TEAM)
ROLE_KEYS = tuple(str(r) for r in Role if r is not Role.SYSTEM)

__all__ = ["CARE_ROLES", "MEDICAL_ROLES", "list_section", "role_label"]


def role_label(value: Any) -> rx.Component:
    return rx.match(value, *[(r, tr(f"role.{r}")) for r in ROLE_KEYS], value)


def list_section(title_key: str, items: Any, render: Any) -> rx.Component:
    return rx.el.section(
        rx.el.h2(tr(title_key)),
        rx.cond(
            items.length() > 0,
            rx.el.ul(rx.foreach(items, render), class_name="plain care-list"),
            rx.el.p(tr("care_case.nothing")),
        ),
        class_name="card",
    )
