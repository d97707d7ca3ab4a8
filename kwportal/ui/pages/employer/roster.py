"""Roster import: a plain multipart form posts the file to ``/api/employer/roster`` (size
limit enforced while it streams in, staged in the database); this page then shows the preview
— counts and errors by line and column, never a cell's content — and applies it on request.
Only people in care are updated; the other rows are counted and not stored (issue 17 item 1),
and the page says how many. No employee's data passes through this state."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import CATALOGS, t
from kwportal.services.employer import roster
from kwportal.services.employer.roster_csv import MAX_BYTES
from kwportal.ui import routes
from kwportal.ui.components.forms import notice, post_form
from kwportal.ui.components.lists import data_table
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.EMPLOYER_ROSTER
_ID = re.compile(r"^[1-9][0-9]{0,11}$")
DELIMITER_NAMES = {",": ",", ";": ";", "\t": "tab"}


@dataclass
class ErrorLine:
    line: str = ""
    column: str = ""
    reason: str = ""


def _message(key: str, lang: str, **values: object) -> str:
    text = t(key, lang)
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


class RosterState(Localised, AuthState):
    has_preview: bool = False
    filename: str = ""
    counts: list[int] = [0, 0, 0, 0]
    error_count: int = 0
    file_format: list[str] = ["", ""]
    #: [line, column key, reason key, detail] per error (no cell values)
    error_keys: list[list[str]] = []
    message_key: str = ""
    message_detail: str = ""
    _upload_id: int | None = None

    @rx.var
    def message(self) -> str:
        if not self.message_key:
            return ""
        return _message(self.message_key, self._lang, detail=self.message_detail)

    @rx.var
    def size_hint(self) -> str:
        return _message("roster.size_hint", self._lang, max=MAX_BYTES // (1024 * 1024))

    @rx.var
    def count_line(self) -> str:
        rows, update, unchanged, dropped = self.counts
        return _message(
            "roster_care.counts",
            self._lang,
            rows=rows,
            update=update,
            unchanged=unchanged,
            dropped=dropped,
        )

    @rx.var
    def applied_line(self) -> str:
        rows, update, unchanged, dropped = self.counts
        return _message(
            "roster_care.applied",
            self._lang,
            rows=rows,
            update=update,
            unchanged=unchanged,
            dropped=dropped,
        )

    @rx.var
    def format_line(self) -> str:
        encoding, delimiter = self.file_format
        return _message("roster.format", self._lang, encoding=encoding, delimiter=delimiter)

    @rx.var
    def error_count_line(self) -> str:
        return _message("roster.error_count", self._lang, count=self.error_count)

    @rx.var
    def preview_title(self) -> str:
        return _message("roster.preview_title", self._lang, file=self.filename)

    @rx.var
    def errors(self) -> list[ErrorLine]:
        lang = self._lang
        return [
            ErrorLine(
                line,
                t(f"roster.column.{column}", lang) if column else t("roster.whole_row", lang),
                _message(code, lang, detail=detail),
            )
            for line, column, code, detail in self.error_keys
        ]

    def _reset_preview(self) -> None:
        self.has_preview, self.filename, self.error_count = False, "", 0
        self.counts, self.file_format, self.error_keys = [0, 0, 0, 0], ["", ""], []
        self._upload_id = None

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def load(self) -> None:
        self._reset_preview()
        self.message_key, self.message_detail, self.notice_key = "", "", ""
        query = parse_qs(urlsplit(str(self.router.url)).query)
        error = query.get("e", [""])[0]
        if error.startswith("roster.error.") and error in CATALOGS["nl"]:
            self.message_key = error
            self.message_detail = str(MAX_BYTES // (1024 * 1024))
        raw = query.get("upload", [""])[0]
        upload_id = int(raw) if _ID.match(raw) else None
        try:
            shown = self._run(roster.do_preview, upload_id)
        except roster.RosterError as error:
            self.message_key, self.message_detail = error.code, error.detail
            return
        if shown is not None:
            self._show(shown)

    def _show(self, shown: roster.Preview) -> None:
        self._upload_id = shown.upload_id
        self.has_preview, self.filename = True, shown.filename
        self.counts = [shown.rows, shown.to_update, shown.unchanged, shown.dropped]
        self.error_count = shown.error_count
        self.file_format = [shown.encoding, DELIMITER_NAMES.get(shown.delimiter, "?")]
        self.error_keys = [[str(e.line), e.column, e.code, e.detail] for e in shown.errors]

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def apply_upload(self) -> None:
        upload_id = self._upload_id
        if upload_id is None:
            self.message_key, self.message_detail = "roster.error.no_upload", ""
            return
        try:
            done = self._run(roster.do_apply, upload_id)
        except roster.RosterError as error:
            self._reset_preview()
            self.message_key, self.message_detail = error.code, error.detail
            return
        self._reset_preview()
        self.counts = [done.rows, done.updated, done.unchanged, done.dropped]
        self.message_key, self.notice_key = "", "roster.done"


def _upload_form() -> rx.Component:
    return post_form(
        routes.API_ROSTER,
        rx.el.div(
            rx.el.label(tr("roster.file"), html_for="roster-file"),
            rx.el.p(
                RosterState.size_hint,
                id="roster-file-hint",
                class_name="hint",
            ),
            rx.el.input(
                id="roster-file",
                name="file",
                type="file",
                accept=".csv,text/csv,text/plain",
                required=True,
                aria_describedby="roster-file-hint",
            ),
            class_name="field",
        ),
        rx.el.button(tr("roster.upload"), type="submit", class_name="button"),
        enc_type="multipart/form-data",
    )


def _error_table() -> rx.Component:
    return rx.el.div(
        data_table(
            caption=tr("roster.errors_caption"),
            headers=[tr(f"roster.col.{c}") for c in ("line", "column", "reason")],
            rows=RosterState.errors,
            cells=lambda e: [e.line, e.column, e.reason],
            class_name="report-table text-cells",
        ),
        class_name="table-scroll",
        tab_index=0,
        role="region",
        aria_label=tr("roster.errors_caption"),
    )


def _preview() -> rx.Component:
    state = RosterState
    return rx.el.section(
        rx.el.h2(state.preview_title),
        rx.el.p(state.format_line),
        rx.el.p(state.count_line),
        rx.cond(
            state.error_count > 0,
            rx.el.div(
                rx.el.p(state.error_count_line, role="alert", class_name="notice"),
                _error_table(),
            ),
            rx.el.button(
                tr("roster.apply"),
                type="button",
                class_name="button",
                on_click=state.apply_upload,
            ),
        ),
        class_name="card",
    )


def roster_page() -> rx.Component:
    state = RosterState
    return portal_page(
        rx.el.h1(tr("roster.title")),
        rx.el.p(tr("roster_care.intro")),
        notice(state.message),
        rx.cond(
            state.notice_key == "roster.done",
            rx.el.p(state.applied_line, role="status", class_name="notice"),
            rx.el.span(),
        ),
        rx.cond(state.has_preview, _preview(), rx.el.span()),
        _upload_form(),
    )
