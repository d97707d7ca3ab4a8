"""Files attached to a case (issue 15 item 4), for every role that works on it: the list of
the files the signed-in account may read (built by the service from the policy, so an
employer's state never holds, nor counts, what the employee sent the care team), a download
link per file (a fresh code first), and the upload form, a plain multipart form that posts
to ``/api/case/upload`` and comes back here with its outcome. Staff and employers open a
case with ``?case=N``; the employee his own latest case."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.domain.uploads import MAX_UPLOAD_BYTES
from kwportal.i18n import CATALOGS, t
from kwportal.i18n.fmt import fmt_datetime, fmt_size
from kwportal.services import runner
from kwportal.services.case.uploads import CaseFiles, CaseFilesError, do_list_files
from kwportal.ui import routes
from kwportal.ui.components.employer_case import day
from kwportal.ui.components.forms import notice, post_form
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.restriction_notice import notice_vars, restriction_notice_as
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.CASE_FILES
ROLES = (
    Role.EMPLOYEE,
    Role.EMPLOYER_CONTACT,
    Role.COMPANY_DOCTOR,
    Role.CARE_TEAM,
    Role.CASE_MANAGER,
)
MAX_MB = MAX_UPLOAD_BYTES // (1024 * 1024)
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
FILE_INPUT = "case-file-input"
_DONE = re.compile(r"^[1-9][0-9]{0,11}$")
#: where "back to the case" leads, per role
BACK: dict[str, str] = {
    Role.EMPLOYEE: routes.MY_CASE,
    Role.EMPLOYER_CONTACT: routes.EMPLOYER_CASE,
    Role.COMPANY_DOCTOR: routes.CARE_CASE,
    Role.CARE_TEAM: routes.CARE_CASE,
    Role.CASE_MANAGER: routes.CASE_ADMIN,
}


@dataclass
class FileEntry:
    href: str = ""
    name: str = ""
    content_type: str = ""
    size: int = 0
    when: str = ""
    role: str = ""
    own: bool = False


@dataclass
class FileRow:
    href: str = ""
    name: str = ""
    meta: str = ""
    label: str = ""


def _fill(text: str, **values: object) -> str:
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def _local(moment: datetime) -> str:
    return fmt_datetime(moment, short=True)


def _size(size: int, lang: str) -> str:
    """``0,4 MB`` in Dutch, ``0.4 MB`` in English; small files in kB."""
    return fmt_size(size, lang)


class CaseFilesState(Localised, AuthState):
    found: bool = False
    message_key: str = ""
    #: the page's own outcome from the upload route: ``done`` or an error key at the field
    done: bool = False
    error_key: str = ""
    person: str = ""
    sick_since: str = ""
    #: where the signed-in account's uploads go: ``care`` or ``case`` (domain.policy)
    audience: str = ""
    upload_action: str = routes.API_CASE_UPLOAD
    back_href: str = ""
    entries: list[FileEntry] = []
    #: the use of the employee's data stopped (issue 17 item 3), as the reader is told
    restricted: bool = False
    restricted_since: str = ""
    restricted_audience: str = "staff"
    #: the download links this page listed: the only ones ``fetch`` follows
    _hrefs: list[str] = []
    #: the reader reads his own case (the computed texts read this, not ``AuthState.role``:
    #: an event elsewhere then need not load this page, see ``states/base.py``)
    _own: bool = False

    @rx.var
    def message(self) -> str:
        return t(self.message_key, self._lang) if self.message_key else ""

    @rx.var
    def field_error(self) -> str:
        return _fill(t(self.error_key, self._lang), max=MAX_MB) if self.error_key else ""

    @rx.var
    def hint(self) -> str:
        return _fill(t("case_files.hint", self._lang), max=MAX_MB)

    @rx.var
    def audience_line(self) -> str:
        if not self.audience:
            return ""
        key = "employee" if self._own else self.audience
        return t(f"case_files.audience.{key}", self._lang)

    @rx.var
    def heading(self) -> str:
        if not self.found:
            return ""
        if self._own:
            return _fill(t("case_files.own_case", self._lang), date=self.sick_since)
        text = t("case_files.of_person", self._lang)
        return _fill(text, person=self.person, date=self.sick_since)

    @rx.var
    def rows(self) -> list[FileRow]:
        lang = self._lang
        return [_row(entry, lang) for entry in self.entries]

    def _clear(self, message_key: str = "") -> None:
        self.found, self.message_key, self.person, self.sick_since = False, message_key, "", ""
        self.audience, self.entries, self._hrefs = "", [], []
        self.upload_action, self.back_href = routes.API_CASE_UPLOAD, ""
        self.restricted, self.restricted_since = False, ""

    def _show(self, view: CaseFiles, asked: int | None) -> None:
        self.found, self.message_key = True, ""
        self._own = self.role == Role.EMPLOYEE
        self.person, self.sick_since = view.person, day(view.sick_since)
        self.audience = view.audience
        self.restricted, self.restricted_since, self.restricted_audience = notice_vars(
            view.restriction, self.role
        )
        self.entries = [
            FileEntry(
                routes.case_file_href(f.upload_id),
                f.filename,
                f.content_type,
                f.size,
                _local(f.created_at),
                f.uploader_role,
                f.own,
            )
            for f in view.files
        ]
        self._hrefs = [entry.href for entry in self.entries]
        query = {"case": asked} if asked is not None else {}
        self.upload_action = routes.with_query(routes.API_CASE_UPLOAD, **query)
        back = BACK.get(self.role, routes.PORTAL)
        self.back_href = back if asked is None else routes.case_href(back, view.case_id)

    def _outcome(self, query: dict[str, list[str]]) -> None:
        """The upload route's answer in the URL: a known error key, or the new file."""
        error = query.get("e", [""])[0]
        known = error.startswith("case_files.") and error in CATALOGS["nl"]
        self.error_key = error if known else ""
        self.done = bool(_DONE.match(query.get("done", [""])[0]))

    @rx.event
    @guarded(*ROLES)
    def load(self) -> None:
        url = str(self.router.url)
        asked = routes.case_id_from(url)
        try:
            view = self._run(do_list_files, asked)
        except CaseFilesError as error:
            self._clear(error.code)
            return
        self._show(view, asked)
        self._outcome(parse_qs(urlsplit(url).query))

    @rx.event
    @guarded(*ROLES)
    def fetch(self, href: str) -> Any:
        """A fresh code first (a stale one sends the tab to the step-up page and back),
        then the browser downloads the file itself; only a file this page listed."""
        if not isinstance(href, str) or href not in self._hrefs:
            return None
        self._run(runner.do_confirm_fresh_code)
        return rx.download(url=href, filename="")


def _row(entry: FileEntry, lang: str) -> FileRow:
    role = t(f"role.{entry.role}", lang) if f"role.{entry.role}" in CATALOGS[lang] else ""
    if entry.own:
        role = f"{role} ({t('case_files.you', lang)})"
    kind_key = f"case_files.kind.{entry.content_type}"
    kind = t(kind_key, lang) if kind_key in CATALOGS[lang] else entry.content_type
    by = _fill(t("case_files.by", lang), role=role)
    meta = " · ".join((kind, _size(entry.size, lang), entry.when, by))
    label = _fill(t("case_files.download_label", lang), name=entry.name)
    return FileRow(entry.href, entry.name, meta, label)


def _file_item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.strong(row.name)),
        rx.el.p(row.meta, class_name="meta"),
        rx.el.a(
            tr("case_files.download"),
            href=row.href,
            download="",
            aria_label=row.label,
            class_name="button secondary",
            custom_attrs={"reloadDocument": True},
            on_click=CaseFilesState.fetch(row.href).prevent_default,
        ),
        class_name="card",
        style={"overflow_wrap": "anywhere"},
    )


def _file_list() -> rx.Component:
    state = CaseFilesState
    return rx.el.section(
        rx.el.h2(tr("case_files.list_title"), id="case-files-list"),
        rx.cond(
            state.rows.length() > 0,
            rx.el.ul(rx.foreach(state.rows, _file_item), class_name="plain file-list"),
            rx.el.p(tr("case_files.none")),
        ),
        aria_labelledby="case-files-list",
    )


def _upload_form() -> rx.Component:
    state = CaseFilesState
    has_error = state.error_key != ""
    return rx.el.section(
        rx.el.h2(tr("case_files.upload_title")),
        rx.el.p(
            state.audience_line,
            class_name=rx.cond(state.audience == "case", "warning", "secrecy-note"),
        ),
        post_form(
            state.upload_action,
            rx.el.div(
                rx.el.label(tr("case_files.file"), html_for=FILE_INPUT),
                rx.el.p(state.hint, id="case-file-hint", class_name="hint"),
                rx.cond(
                    has_error,
                    rx.el.p(
                        state.field_error, id="case-file-error", role="alert", class_name="notice"
                    ),
                    rx.el.span(),
                ),
                rx.el.input(
                    id=FILE_INPUT,
                    name="file",
                    type="file",
                    accept=ACCEPT,
                    required=True,
                    aria_describedby=rx.cond(
                        has_error, "case-file-hint case-file-error", "case-file-hint"
                    ),
                    aria_invalid=rx.cond(has_error, "true", "false"),
                ),
                class_name="field",
            ),
            rx.el.button(tr("case_files.upload"), type="submit", class_name="button"),
            enc_type="multipart/form-data",
        ),
        class_name="card",
    )


def case_files_page() -> rx.Component:
    state = CaseFilesState
    return portal_page(
        rx.el.h1(tr("case_files.title")),
        notice(state.message),
        rx.cond(
            state.found,
            rx.fragment(
                rx.el.p(state.heading, class_name="lead"),
                restriction_notice_as(
                    state.restricted, state.restricted_since, state.restricted_audience
                ),
                rx.cond(
                    state.done,
                    rx.el.p(tr("case_files.done"), role="status", class_name="notice"),
                    rx.el.span(),
                ),
                _file_list(),
                _upload_form(),
                rx.el.p(rx.el.a(tr("case_files.back"), href=state.back_href)),
            ),
            rx.el.span(),
        ),
    )
