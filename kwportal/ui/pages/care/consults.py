"""The consult agenda (issue 15 item 1): a doctor's or team member's bookable slots, the
bookings in them and their attendance, the team's requests to move a consult; with
``?case=N`` the case's consults and the team's free slots, booked (or rebooked) by the case
manager or the doctor. Every click is one use case of ``services/case/consults.py``; the
reason of a move request reaches this state only for the doctor and his team."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services.case import consults
from kwportal.services.case.consult_agenda import BookingLine, ConsultsPage, SlotLine
from kwportal.services.case.consult_mail import local_minute
from kwportal.services.views import PolicyDeniedError
from kwportal.ui import routes
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.pages.care.common import CARE_ROLES, MEDICAL_ROLES
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.CARE_CONSULTS
SLOT_FORM = "slot-form"
BOOKERS = (Role.COMPANY_DOCTOR, Role.CASE_MANAGER)
STATUSES = ("booked", "confirmed", "move_requested", "cancelled")
#: refusals shown at their place (the slot form's fields, the free slots); others are
#: the notice at the top
ERROR_FIELDS = (*consults.SLOT_FIELDS, "slot")


@dataclass
class OwnerOption:
    value: str = ""
    label: str = ""


@dataclass
class BookingRow:
    appointment_id: str = ""
    case_href: str = ""
    employee: str = ""
    when: str = ""
    minutes: str = ""
    place_kind: str = ""
    place: str = ""
    with_name: str = ""
    status: str = ""
    attendance: str = ""
    move_reason: str = ""
    can_attend: bool = False
    can_cancel: bool = False


@dataclass
class SlotRow:
    slot_id: str = ""
    when: str = ""
    minutes: str = ""
    place_kind: str = ""
    place: str = ""
    owner: str = ""
    booked: bool = False
    booking: BookingRow = field(default_factory=BookingRow)


def _booking_row(line: BookingLine) -> BookingRow:
    return BookingRow(
        str(line.appointment_id),
        routes.case_href(ROUTE, line.case_id),
        line.employee_name,
        local_minute(line.starts_at),
        str(line.minutes),
        line.place_kind,
        line.place,
        line.with_name,
        line.status,
        line.attendance,
        line.move_reason,
        line.can_attend,
        line.can_cancel,
    )


def _slot_row(line: SlotLine) -> SlotRow:
    booking = _booking_row(line.booking) if line.booking else BookingRow()
    return SlotRow(
        str(line.slot_id),
        local_minute(line.starts_at),
        str(line.minutes),
        line.place_kind,
        line.place,
        line.owner_name,
        line.booking is not None,
        booking,
    )


def _digits(value: Any) -> int:
    text = str(value)[:19]
    return int(text) if text.isdigit() else 0


class ConsultsState(Localised, AuthState):
    owners: list[OwnerOption] = []
    owner_id: str = ""
    owner_name: str = ""
    slots: list[SlotRow] = []
    move_requests: list[BookingRow] = []
    has_case: bool = False
    case_employee: str = ""
    case_appointments: list[BookingRow] = []
    free_slots: list[SlotRow] = []
    may_book: bool = False
    #: the consult being moved to another slot (a rebooking), or ""
    replacing: str = ""
    error_keys: list[list[str]] = []
    _case_id: int | None = None

    @rx.var
    def field_errors(self) -> dict[str, str]:
        found = {name: "" for name in ERROR_FIELDS}
        for name, key in self.error_keys:
            found[name] = found[name] or t(key, self._lang)
        return found

    def _show(self, page: ConsultsPage) -> None:
        self.owners = [OwnerOption(str(o.account_id), o.name) for o in page.owners]
        self.owner_id = str(page.owner_id) if page.owner_id else ""
        names = {o.account_id: o.name for o in page.owners}
        self.owner_name = names.get(page.owner_id, "")
        self.slots = [_slot_row(s) for s in page.slots]
        self.move_requests = [_booking_row(b) for b in page.move_requests]
        case = page.case
        self.has_case = case is not None
        self.case_employee = case.employee_name if case else ""
        self.case_appointments = [_booking_row(b) for b in case.appointments] if case else []
        self.free_slots = [_slot_row(s) for s in case.free_slots] if case else []
        self.may_book = bool(case and case.may_book)
        open_ids = {row.appointment_id for row in self.case_appointments if row.can_cancel}
        self.replacing = self.replacing if self.replacing in open_ids else ""

    def _refused(self, error: Exception) -> Any:
        """A use case's refusal: at its field (focus moves there), or as the notice."""
        if isinstance(error, consults.ConsultError):
            self.error_keys = [[f, c] for f, c in error.errors]
            first = error.errors[0][0]
            self.notice_key = "" if first in ERROR_FIELDS else error.code
            if first in consults.SLOT_FIELDS:
                return rx.call_script(f"document.getElementById('slot-{first}')?.focus()")
            return None
        self.error_keys, self.notice_key = [], "consults.not_found"
        return None

    def _act(self, work: Any, *args: Any, done: str) -> Any:
        try:
            page = self._run(work, *args)
        except (consults.ConsultError, PolicyDeniedError) as error:
            return self._refused(error)
        self.error_keys, self.notice_key = [], done
        self._show(page)
        return None

    @rx.event
    @guarded(*CARE_ROLES)
    def load(self) -> Any:
        self.notice_key, self.error_keys, self.replacing = "", [], ""
        self._case_id = routes.case_id_from(str(self.router.url))
        page = self._run(consults.do_show_consults, 0, self._case_id)
        if page.case_refused:
            self._case_id, self.notice_key = None, "consults.not_found"
        self._show(page)

    @rx.event
    @guarded(*CARE_ROLES)
    def choose_owner(self, form_data: dict[str, Any]) -> Any:
        owner = _digits(form_data.get("owner", ""))
        return self._act(consults.do_show_consults, owner, self._case_id, done="")

    @rx.event
    @guarded(*CARE_ROLES)
    def add_slot(self, form_data: dict[str, Any]) -> Any:
        raw = {name: str(form_data.get(name, ""))[:300] for name in consults.SLOT_FIELDS}
        owner = _digits(self.owner_id)
        failed = self._act(consults.do_add_slot, owner, raw, self._case_id, done="consults.added")
        if failed is not None or self.error_keys:
            return failed
        return rx.call_script(f"document.getElementById('{SLOT_FORM}')?.reset()")

    @rx.event
    @guarded(*BOOKERS)
    def book(self, slot_id: str) -> Any:
        if self._case_id is None:
            return None
        done = "consults.rebooked" if self.replacing else "consults.booked"
        args = (self._case_id, _digits(slot_id), _digits(self.replacing), _digits(self.owner_id))
        result = self._act(consults.do_book_consult, *args, done=done)
        if not self.error_keys:
            self.replacing = ""
        return result

    @rx.event
    @guarded(*BOOKERS)
    def start_rebook(self, appointment_id: str) -> None:
        known = {row.appointment_id for row in self.case_appointments if row.can_cancel}
        self.replacing = appointment_id if appointment_id in known else ""

    @rx.event
    @guarded(*BOOKERS)
    def stop_rebook(self) -> None:
        self.replacing = ""

    @rx.event
    @guarded(*CARE_ROLES)
    def cancel(self, appointment_id: str) -> Any:
        args = (_digits(appointment_id), _digits(self.owner_id), self._case_id)
        return self._act(consults.do_cancel_consult, *args, done="consults.cancelled")

    @rx.event
    @guarded(*MEDICAL_ROLES)
    def record_attendance(self, appointment_id: str, attendance: str) -> Any:
        args = (_digits(appointment_id), str(attendance)[:20], _digits(self.owner_id))
        return self._act(
            consults.do_record_attendance, *args, self._case_id, done="consults.recorded"
        )


# --- components ---


def _place(row: Any) -> rx.Component:
    kinds = [(k, tr(f"consults.kind.{k}")) for k in consults.PLACE_KINDS]
    return rx.el.span(
        rx.match(row.place_kind, *kinds, row.place_kind),
        rx.cond(row.place != "", rx.el.span(": ", row.place), rx.fragment()),
    )


def _status(row: Any) -> rx.Component:
    labels = [(s, tr(f"consults.status.{s}")) for s in STATUSES]
    return rx.el.span(rx.match(row.status, *labels, row.status), class_name="badge done")


def _attendance(row: Any) -> rx.Component:
    return rx.match(
        row.attendance,
        ("attended", rx.el.span(tr("consults.attended"), class_name="badge done")),
        ("not_attended", rx.el.span(tr("consults.not_attended"), class_name="badge overdue")),
        rx.fragment(),
    )


def _actions(row: Any, *, rebook: bool) -> rx.Component:
    state = ConsultsState
    buttons = [
        rx.cond(
            row.can_attend,
            rx.el.span(
                rx.el.button(
                    tr("consults.mark_attended"),
                    type="button",
                    class_name="button secondary",
                    on_click=state.record_attendance(row.appointment_id, "attended"),
                ),
                " ",
                rx.el.button(
                    tr("consults.mark_not_attended"),
                    type="button",
                    class_name="button secondary",
                    on_click=state.record_attendance(row.appointment_id, "not_attended"),
                ),
            ),
        ),
        rx.cond(
            row.can_cancel,
            rx.el.button(
                tr("consults.cancel"),
                type="button",
                class_name="button secondary",
                on_click=state.cancel(row.appointment_id),
            ),
        ),
    ]
    if rebook:
        buttons.append(
            rx.cond(
                row.can_cancel & state.may_book,
                rx.el.button(
                    tr("consults.rebook"),
                    type="button",
                    class_name="button secondary",
                    on_click=state.start_rebook(row.appointment_id),
                ),
            )
        )
    return rx.el.div(*buttons, class_name="consult-actions")


def _booking(row: Any, *, rebook: bool = False) -> rx.Component:
    return rx.el.div(
        rx.el.p(
            rx.el.a(row.employee, href=row.case_href),
            rx.cond(
                row.with_name != "", rx.el.span(" · ", tr("consults.with"), " ", row.with_name)
            ),
        ),
        rx.el.p(_status(row), _attendance(row)),
        rx.cond(
            row.move_reason != "",
            rx.el.p(tr("consults.move_reason"), " ", row.move_reason, class_name="meta"),
        ),
        _actions(row, rebook=rebook),
    )


def _when(row: Any) -> rx.Component:
    return rx.el.p(
        rx.el.strong(row.when),
        " · ",
        row.minutes,
        " ",
        tr("consults.minutes_short"),
        " · ",
        _place(row),
    )


def _agenda_item(row: Any) -> rx.Component:
    return rx.el.li(
        _when(row),
        rx.cond(row.booked, _booking(row.booking), rx.el.p(tr("consults.free"), class_name="meta")),
    )


def _booking_item(row: Any) -> rx.Component:
    return rx.el.li(_when(row), _booking(row))


def _case_booking_item(row: Any) -> rx.Component:
    return rx.el.li(_when(row), _booking(row, rebook=True))


def _free_item(row: Any) -> rx.Component:
    state = ConsultsState
    return rx.el.li(
        _when(row),
        rx.el.p(tr("consults.with"), " ", row.owner),
        rx.cond(
            state.may_book,
            rx.el.button(
                rx.cond(state.replacing != "", tr("consults.move_here"), tr("consults.book")),
                type="button",
                class_name="button",
                on_click=state.book(row.slot_id),
            ),
        ),
    )


def _list(items: Any, render: Any, empty: str) -> rx.Component:
    return rx.cond(
        items.length() > 0,
        rx.el.ul(rx.foreach(items, render), class_name="plain"),
        rx.el.p(tr(empty)),
    )


def _field_error(name: str) -> rx.Component:
    return rx.el.p(
        ConsultsState.field_errors[name], id=f"slot-{name}-error", class_name="field-error"
    )


def _slot_field(name: str, control: rx.Component) -> rx.Component:
    return rx.el.div(
        rx.el.label(tr(f"consults.field.{name}"), html_for=f"slot-{name}"),
        control,
        _field_error(name),
        class_name="field",
    )


def _input(name: str, **attrs: Any) -> rx.Component:
    return rx.el.input(
        id=f"slot-{name}",
        name=name,
        aria_describedby=f"slot-{name}-error",
        aria_invalid=rx.cond(ConsultsState.field_errors[name] != "", "true", "false"),
        **attrs,
    )


def _slot_form() -> rx.Component:
    kinds = [rx.el.option(tr(f"consults.kind.{k}"), value=k) for k in consults.PLACE_KINDS]
    return rx.el.section(
        rx.el.h2(tr("consults.new_slot")),
        rx.el.p(tr("consults.new_slot_intro"), class_name="hint"),
        rx.el.form(
            _slot_field("date", _input("date", type="date", required=True)),
            _slot_field("time", _input("time", type="time", required=True)),
            _slot_field(
                "minutes",
                _input(
                    "minutes",
                    type="number",
                    min=consults.MIN_MINUTES,
                    max=consults.MAX_MINUTES,
                    step=5,
                    default_value="30",
                    required=True,
                    input_mode="numeric",
                ),
            ),
            _slot_field(
                "place_kind",
                rx.el.select(
                    *kinds,
                    id="slot-place_kind",
                    name="place_kind",
                    aria_describedby="slot-place_kind-error",
                ),
            ),
            _slot_field("place", _input("place", type="text", max_length=consults.MAX_PLACE)),
            rx.el.button(tr("consults.add_slot"), type="submit", class_name="button"),
            id=SLOT_FORM,
            on_submit=ConsultsState.add_slot,
            class_name="form",
        ),
        class_name="card",
    )


def _owner_chooser() -> rx.Component:
    state = ConsultsState
    owners: Any = state.owners
    return rx.cond(
        owners.length() > 1,
        rx.el.form(
            rx.el.div(
                rx.el.label(tr("consults.owner"), html_for="consult-owner"),
                rx.el.select(
                    rx.foreach(state.owners, lambda o: rx.el.option(o.label, value=o.value)),
                    id="consult-owner",
                    name="owner",
                    default_value=state.owner_id,
                    key=state.owner_id,
                ),
                class_name="field",
            ),
            rx.el.button(tr("consults.show"), type="submit", class_name="button secondary"),
            on_submit=state.choose_owner,
            class_name="form",
        ),
    )


def _agenda() -> rx.Component:
    state = ConsultsState
    owners: Any = state.owners
    return rx.cond(
        owners.length() > 0,
        rx.fragment(
            rx.el.section(
                rx.el.h2(tr("consults.agenda_of"), " ", state.owner_name),
                _owner_chooser(),
                _list(state.slots, _agenda_item, "consults.no_slots"),
                class_name="card",
            ),
            _slot_form(),
        ),
    )


def _case_section() -> rx.Component:
    state = ConsultsState
    return rx.cond(
        state.has_case,
        rx.el.section(
            rx.el.h2(tr("consults.case_title"), " ", state.case_employee),
            rx.el.h3(tr("consults.case_appointments")),
            _list(state.case_appointments, _case_booking_item, "consults.none"),
            rx.el.h3(tr("consults.free_slots")),
            rx.cond(
                state.replacing != "",
                rx.el.p(
                    tr("consults.rebooking"),
                    " ",
                    rx.el.button(
                        tr("consults.stop_rebook"),
                        type="button",
                        class_name="link-button",
                        on_click=state.stop_rebook,
                    ),
                    role="status",
                ),
            ),
            rx.cond(
                state.field_errors["slot"] != "",
                rx.el.p(state.field_errors["slot"], role="alert", class_name="notice"),
            ),
            _list(state.free_slots, _free_item, "consults.no_free_slots"),
            class_name="card",
            id="consult-case",
        ),
    )


def consults_page() -> rx.Component:
    state = ConsultsState
    return portal_page(
        rx.el.h1(tr("consults.title")),
        notice(state.notice_text, state.notice_kind),
        _case_section(),
        _agenda(),
        rx.el.section(
            rx.el.h2(tr("consults.move_requests")),
            _list(state.move_requests, _booking_item, "consults.no_move_requests"),
            class_name="card",
        ),
    )
