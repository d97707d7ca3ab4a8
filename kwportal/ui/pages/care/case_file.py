"""The medical file for the doctor and his team (issue 7, item 2): notes (append-only;
correct = a new version), questionnaires, exposure, appointments, documents, helpers.
Opening it is an audited read on the legal-duty ground. A case manager never reaches this
state: every handler refuses him, and his page (case_admin) loads no medical table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services import audit
from kwportal.services.case.file import CaseFilePage, do_add_note, do_open_case_file
from kwportal.services.case.medical_notes import MAX_NOTE, NoteError
from kwportal.services.case.work_notes import (
    MAX_WORK_NOTE,
    WorkNoteError,
    WorkNotesView,
    do_add_work_note,
)
from kwportal.services.views import PolicyDeniedError
from kwportal.ui import routes
from kwportal.ui.components import case_links as case_links_for
from kwportal.ui.components.case_links import case_links
from kwportal.ui.components.employer_case import day
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.pages.care.common import MEDICAL_ROLES, list_section, role_label
from kwportal.ui.routes import case_id_from
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.CARE_CASE
NOTE_FORM = "note-form"
WORK_NOTE_FORM = "work-note-form"
GROUND = audit.Ground.LEGAL_DUTY


@dataclass
class NoteRow:
    note_id: str = ""
    body: str = ""
    when: str = ""
    role: str = ""
    superseded: bool = False
    correction: bool = False


@dataclass
class PersonBlock:
    case_id: str = ""
    name: str = ""
    personnel_number: str = ""
    job: str = ""
    organisation: str = ""
    sick_since: str = ""
    recovered_on: str = ""
    care_address: str = ""


def _minute(value: datetime) -> str:
    return f"{value:%Y-%m-%d %H:%M}"


class CareCaseState(AuthState):
    found: bool = False
    not_found_key: str = ""
    person: PersonBlock = PersonBlock()
    notes: list[NoteRow] = []
    answers: list[str] = []
    exposures: list[str] = []
    appointments: list[str] = []
    documents: list[str] = []
    helpers: list[str] = []
    correcting: str = ""
    #: the company doctor's own work notes on this case (WGBO 7:456): filled for him alone
    keeps_work_notes: bool = False
    work_notes: list[str] = []
    _case_id: int = 0

    @rx.var
    def not_found(self) -> str:
        return t(self.not_found_key, self.lang) if self.not_found_key else ""

    @rx.var
    def ground_line(self) -> str:
        ground = t(f"ground.{GROUND}", self.lang)
        return t("care_case.read_ground", self.lang).replace("{ground}", ground)

    def _fill(self, page: CaseFilePage) -> None:
        self.found, self.not_found_key = True, ""
        view = page.file
        admin = view.admin
        self.person = PersonBlock(
            str(admin.case_id),
            f"{admin.first_name} {admin.last_name}",
            admin.personnel_number,
            admin.job_title,
            admin.organisation,
            day(admin.sick_report_date),
            day(admin.recovery_date),
            view.care_address,
        )
        self.notes = [
            NoteRow(
                str(n.note_id),
                n.body,
                _minute(n.created_at),
                n.author_role,
                n.superseded,
                n.supersedes_id is not None,
            )
            for n in view.notes
        ]
        self.answers = [f"{a.question}: {a.answer}" for a in view.answers]
        self.exposures = [
            f"{e.agent} ({e.kind}, {day(e.started_on)}–{day(e.ended_on)})" for e in view.exposures
        ]
        self.appointments = [
            f"{_minute(a.starts_at)} · {a.location} · {a.subject}" for a in admin.appointments
        ]
        self.documents = [f"{d.title} ({day(d.created_at)})" for d in admin.documents]
        self.helpers = [
            " · ".join(x for x in (h.name, h.helper_role, h.organisation, h.phone, h.email) if x)
            for h in admin.helpers
        ]
        self._fill_work_notes(page.work_notes)

    def _fill_work_notes(self, notes: WorkNotesView) -> None:
        self.keeps_work_notes = notes.kept
        self.work_notes = [f"{_minute(n.created_at)} · {n.body}" for n in notes.lines]

    def _clear(self, key: str) -> None:
        self.found, self.not_found_key, self._case_id = False, key, 0
        self.person, self.notes, self.correcting = PersonBlock(), [], ""
        self.answers, self.exposures, self.appointments = [], [], []
        self.documents, self.helpers = [], []
        self.keeps_work_notes, self.work_notes = False, []

    @rx.event
    @guarded(Role.COMPANY_DOCTOR)
    def write_work_note(self, form_data: dict[str, Any]) -> Any:
        if not self._case_id:
            self._clear("care_case.not_found")
            return None
        body = str(form_data.get("work_note", ""))[: MAX_WORK_NOTE + 1]
        try:
            notes = self._run(do_add_work_note, self._case_id, body)
        except WorkNoteError as error:
            self.notice_key = error.code
            return None
        except PolicyDeniedError:
            self._clear("care_case.not_found")
            return None
        self._fill_work_notes(notes)
        self.notice_key = "work_notes.added"
        return rx.call_script(f"document.getElementById('{WORK_NOTE_FORM}')?.reset()")

    @rx.event
    @guarded(*MEDICAL_ROLES)
    def load(self) -> None:
        self.notice_key, self.correcting = "", ""
        case_id = case_id_from(str(self.router.url))
        if case_id is None:
            self._clear("care_case.not_found")
            return
        self._case_id = case_id
        try:
            page = self._run(do_open_case_file, case_id, GROUND)
        except PolicyDeniedError:
            self._clear("care_case.not_found")
            return
        self._fill(page)

    @rx.event
    @guarded(*MEDICAL_ROLES)
    def correct_note(self, note_id: str) -> None:
        known = {n.note_id for n in self.notes if not n.superseded}
        self.correcting = note_id if note_id in known else ""

    @rx.event
    @guarded(*MEDICAL_ROLES)
    def cancel_correction(self) -> None:
        self.correcting = ""

    @rx.event
    @guarded(*MEDICAL_ROLES)
    def write_note(self, form_data: dict[str, Any]) -> Any:
        if not self._case_id:
            self._clear("care_case.not_found")
            return None
        body = str(form_data.get("body", ""))[: MAX_NOTE + 1]
        supersedes = int(self.correcting) if self.correcting.isdigit() else None
        try:
            page = self._run(do_add_note, self._case_id, body, supersedes, GROUND)
        except NoteError as error:
            self.notice_key = error.code
            return None
        except PolicyDeniedError:
            self._clear("care_case.not_found")
            return None
        self._fill(page)
        self.notice_key, self.correcting = "care_case.note_added", ""
        return rx.call_script(f"document.getElementById('{NOTE_FORM}')?.reset()")


def _note_item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.p(row.when, " · ", role_label(row.role), class_name="meta"),
        rx.cond(row.correction, rx.el.p(tr("care_case.note_correction_of"), class_name="meta")),
        rx.el.p(row.body, class_name="note-body"),
        rx.cond(
            row.superseded,
            rx.el.p(tr("care_case.note_superseded"), class_name="badge"),
            rx.el.button(
                tr("care_case.note_correct"),
                type="button",
                class_name="link-button",
                on_click=CareCaseState.correct_note(row.note_id),
            ),
        ),
        class_name=rx.cond(row.superseded, "care-note superseded", "care-note"),
    )


def _note_form() -> rx.Component:
    state = CareCaseState
    return rx.el.form(
        rx.el.div(
            rx.el.label(
                rx.cond(
                    state.correcting != "",
                    tr("care_case.note_correction_of"),
                    tr("care_case.note_body"),
                ),
                html_for="note-body",
            ),
            rx.el.textarea(id="note-body", name="body", rows=5, max_length=MAX_NOTE),
            class_name="field",
        ),
        rx.el.button(tr("care_case.note_add"), type="submit", class_name="button"),
        rx.cond(
            state.correcting != "",
            rx.el.button(
                tr("care_case.note_cancel"),
                type="button",
                class_name="link-button",
                on_click=CareCaseState.cancel_correction,
            ),
        ),
        id=NOTE_FORM,
        on_submit=CareCaseState.write_note,
        class_name="form",
    )


def person_block(person: Any, *, care_address: bool) -> rx.Component:
    rows = [
        rx.el.dt(tr("care_case.person")),
        rx.el.dd(person.name, " (", person.personnel_number, ")"),
        rx.el.dt(tr("care_case.employer")),
        rx.el.dd(person.organisation),
        rx.el.dt(tr("care_case.job")),
        rx.el.dd(person.job),
        rx.el.dt(tr("employer_case.sick_since")),
        rx.el.dd(person.sick_since),
    ]
    if care_address:
        rows += [rx.el.dt(tr("care_case.care_address")), rx.el.dd(person.care_address)]
    return rx.el.section(
        rx.el.dl(*rows, class_name="items"),
        rx.el.p(
            rx.el.a(
                tr("care.feedback_link"),
                href=routes.case_href(routes.CARE_FEEDBACK, person.case_id),
            ),
        ),
        class_name="card",
    )


def _line(text: Any) -> rx.Component:
    return rx.el.li(text)


def _work_notes() -> rx.Component:
    state = CareCaseState
    notes: Any = state.work_notes
    return rx.cond(
        state.keeps_work_notes,
        rx.el.section(
            rx.el.h2(tr("work_notes.title")),
            rx.el.p(tr("work_notes.intro"), class_name="meta"),
            rx.el.form(
                rx.el.div(
                    rx.el.label(tr("work_notes.body"), html_for="work-note-body"),
                    rx.el.textarea(
                        id="work-note-body", name="work_note", rows=3, max_length=MAX_WORK_NOTE
                    ),
                    class_name="field",
                ),
                rx.el.button(tr("work_notes.add"), type="submit", class_name="button secondary"),
                id=WORK_NOTE_FORM,
                on_submit=CareCaseState.write_work_note,
                class_name="form",
            ),
            rx.cond(
                notes.length() > 0,
                rx.el.ul(rx.foreach(notes, _line), class_name="plain care-list"),
                rx.el.p(tr("work_notes.none")),
            ),
            class_name="card work-notes",
        ),
    )


def care_case_page() -> rx.Component:
    state = CareCaseState
    notes: Any = state.notes
    return portal_page(
        rx.el.h1(tr("care_case.title")),
        rx.el.p(rx.el.a(tr("care_case.back"), href=routes.CARE)),
        notice(state.not_found),
        rx.cond(
            state.found,
            rx.el.div(
                rx.el.p(state.ground_line, class_name="meta"),
                notice(state.notice_text),
                person_block(state.person, care_address=True),
                case_links(case_links_for.DOCTOR, state.person.case_id),
                rx.el.section(
                    rx.el.h2(tr("care_case.notes")),
                    rx.el.p(tr("care_case.append_only"), class_name="meta"),
                    _note_form(),
                    rx.cond(
                        notes.length() > 0,
                        rx.el.ul(rx.foreach(state.notes, _note_item), class_name="plain care-list"),
                        rx.el.p(tr("care_case.no_notes")),
                    ),
                    class_name="card",
                ),
                _work_notes(),
                list_section("care_case.answers", state.answers, _line),
                list_section("care_case.exposures", state.exposures, _line),
                list_section("care_case.appointments", state.appointments, _line),
                list_section("care_case.documents", state.documents, _line),
                list_section("care_case.helpers", state.helpers, _line),
            ),
        ),
    )
