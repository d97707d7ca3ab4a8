"""Pieces both rights pages share (the employee's own requests and the privacy desk's
queue): the label of a kind and of a status, and a list of requests."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.domain.rights import RequestStatus, RightsKind
from kwportal.ui.text import tr

KINDS = tuple(str(k) for k in RightsKind)
STATUSES = tuple(str(s) for s in RequestStatus)


def kind_label(key: Any) -> rx.Component:
    return rx.match(key, *[(k, tr(f"rights.kind.{k}")) for k in KINDS], key)


def status_label(key: Any) -> rx.Component:
    return rx.match(key, *[(s, tr(f"rights.status.{s}")) for s in STATUSES], key)


def request_list(items: Any, render: Any, empty_key: str) -> rx.Component:
    return rx.cond(
        items.length() > 0,
        rx.el.ul(rx.foreach(items, render), class_name="plain rights-list"),
        rx.el.p(tr(empty_key)),
    )
