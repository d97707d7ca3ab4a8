"""The doctor's estimate of the absence and the WIA status on /care-case (O15): the values
as they stand and the form that records them, for the doctor and his team only.

The section has its own state, loaded when it mounts (keyed on the case shown, so another
case mounts it afresh) and shown only while it holds the values of the case the page shows;
every handler acts on the case of the URL. A refused save keeps ``[[field, key], ...]``,
never what was typed. Nobody outside the doctor's team reaches this state: the employer's
expected period is the one of the released feedback."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.i18n import t
from kwportal.services.case.estimate import (
    FIELDS,
    MAX_DAYS,
    MIN_DAYS,
    WIA_CHOICES,
    EstimateChange,
    EstimateError,
    EstimateView,
    do_open_estimate,
    do_record_estimate,
)
from kwportal.services.views import PolicyDeniedError
from kwportal.ui.components import field_errors
from kwportal.ui.guard import guarded
from kwportal.ui.pages.care.common import MEDICAL_ROLES
from kwportal.ui.routes import case_id_from
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

FORM = "estimate-form"
#: one past what is valid, so an over-long value is refused, never silently shortened
_CUT = {"estimated_days": 12, "wia": 12}


class CareEstimateState(Localised, AuthState):
    #: the case whose values the state holds ("" until loaded)
    est_case_id: str = ""
    #: the estimate in days as text ("" when not estimated)
    est_days: str = ""
    #: "yes", "no" or "unknown"
    est_wia: str = "unknown"
    est_may_record: bool = False
    #: [[field, message key], ...] of the last refused save
    est_error_keys: list[list[str]] = []
    est_notice_key: str = ""
    #: bumped to mount the form afresh with the stored values
    est_revision: int = 0

    @rx.var
    def est_errors(self) -> dict[str, str]:
        return field_errors.messages(self.est_error_keys, FIELDS, self._lang)

    @rx.var
    def est_notice(self) -> str:
        return t(self.est_notice_key, self._lang) if self.est_notice_key else ""

    @rx.var
    def est_days_text(self) -> str:
        if not self.est_days:
            return t("estimate.not_estimated", self._lang)
        return t("estimate.days_value", self._lang).replace("{days}", self.est_days)

    @rx.var
    def est_wia_text(self) -> str:
        choice = self.est_wia if self.est_wia in WIA_CHOICES else "unknown"
        return t(f"estimate.wia.{choice}", self._lang)

    def _fill(self, view: EstimateView) -> None:
        self.est_case_id = str(view.case_id)
        self.est_days = "" if view.estimated_days is None else str(view.estimated_days)
        self.est_wia, self.est_may_record = view.wia, view.may_record
        self.est_error_keys, self.est_revision = [], self.est_revision + 1

    def _clear(self) -> None:
        self.est_case_id, self.est_days, self.est_wia = "", "", "unknown"
        self.est_may_record, self.est_error_keys, self.est_notice_key = False, [], ""

    def _case(self) -> int | None:
        return case_id_from(str(self.router.url))

    @rx.event
    @guarded(*MEDICAL_ROLES)
    def load(self) -> None:
        self.est_notice_key = ""
        case_id = self._case()
        if case_id is None:
            self._clear()
            return
        try:
            self._fill(self._run(do_open_estimate, case_id))
        except PolicyDeniedError:
            self._clear()

    @rx.event
    @guarded(*MEDICAL_ROLES)
    def save_estimate(self, form_data: dict[str, Any]) -> Any:
        case_id = self._case()
        if case_id is None:
            self._clear()
            return None
        days, wia = (str(form_data.get(name, ""))[: _CUT[name]] for name in FIELDS)
        try:
            change: EstimateChange = self._run(do_record_estimate, case_id, days, wia)
        except EstimateError as error:
            self.est_error_keys = [[p.field, p.code] for p in error.problems]
            self.est_notice_key = error.code
            return rx.call_script(field_errors.FOCUS_FIRST_ERROR)
        except PolicyDeniedError:
            self._clear()
            return None
        self._fill(change.view)
        self.est_notice_key = "estimate.saved" if change.changed else "estimate.unchanged"
        return None


def _wia_field(errors: Any) -> rx.Component:
    state = CareEstimateState
    ident = "estimate-wia"
    return rx.el.div(
        rx.el.label(tr("estimate.wia"), html_for=ident),
        rx.el.p(errors["wia"], id=f"{ident}-error", class_name="field-error"),
        rx.el.select(
            *[rx.el.option(tr(f"estimate.wia.{key}"), value=key) for key in WIA_CHOICES],
            id=ident,
            name="wia",
            default_value=state.est_wia,
            aria_describedby=f"{ident}-error",
            aria_invalid=rx.cond(errors["wia"] != "", "true", "false"),
        ),
        class_name="field",
    )


def _form() -> rx.Component:
    state = CareEstimateState
    errors: Any = state.est_errors
    return rx.el.form(
        field_errors.field(
            "estimate.estimated_days",
            "estimated_days",
            "estimate-days",
            errors,
            hint_key="estimate.days_hint",
            type="text",
            input_mode="numeric",
            max_length=len(str(MAX_DAYS)),
            auto_complete="off",
            default_value=state.est_days,
            placeholder=f"{MIN_DAYS}–{MAX_DAYS}",
        ),
        _wia_field(errors),
        rx.el.button(tr("estimate.save"), type="submit", class_name="button"),
        id=FORM,
        key=state.est_revision,
        on_submit=state.save_estimate,
        class_name="form",
    )


def estimate_section(case_id: Any) -> rx.Component:
    """The section for the case page showing ``case_id``."""
    state = CareEstimateState
    return rx.el.section(
        rx.cond(
            state.est_case_id == case_id,
            rx.fragment(
                rx.el.h2(tr("estimate.title")),
                rx.el.p(tr("estimate.intro"), class_name="meta"),
                rx.cond(
                    state.est_notice != "",
                    rx.el.p(state.est_notice, role="status", class_name="notice"),
                ),
                rx.el.dl(
                    rx.el.dt(tr("estimate.current_days")),
                    rx.el.dd(state.est_days_text),
                    rx.el.dt(tr("estimate.current_wia")),
                    rx.el.dd(state.est_wia_text),
                    class_name="items",
                ),
                rx.cond(state.est_may_record, _form()),
            ),
        ),
        key=case_id,
        on_mount=state.load,
        class_name="card estimate",
    )
