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
from kwportal.i18n.fmt import LOCAL_ZONE, fmt_datetime
from kwportal.services import audit
from kwportal.services.case.exposures import (
    MAX_AGENT,
    ExposureError,
    ExposurePanel,
    RetentionLine,
    do_correct_exposure,
    do_record_exposure,
)
from kwportal.services.case.file import (
    CaseFilePage,
    NoteLine,
    do_add_note,
    do_older_notes,
    do_open_case_file,
)
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
from kwportal.ui.components.consent_status import consent_status_line
from kwportal.ui.components.counter import char_counter, counted
from kwportal.ui.components.employer_case import day
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.restriction_notice import restriction_notice, since_text
from kwportal.ui.guard import guarded
from kwportal.ui.pages.care.common import MEDICAL_ROLES, list_section, role_label
from kwportal.ui.pages.care.estimate_parts import estimate_section
from kwportal.ui.pages.care.exposure_parts import (
    EXPOSURE_FIELDS,
    AnswerRow,
    ExposureRow,
    RetentionRow,
    answer_rows,
    answers_section,
    exposure_rows,
    exposure_section,
    retention_row,
    retention_text,
)
from kwportal.ui.pages.care.rectification_parts import rectification_section
from kwportal.ui.routes import case_id_from
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
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
    #: the employee's statement about this note: "added", "pending" or "" (WGBO 7:454)
    disputed: str = ""


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
    return fmt_datetime(value, short=True)


def _note_row(n: NoteLine) -> NoteRow:
    return NoteRow(
        str(n.note_id),
        n.body,
        _minute(n.created_at),
        n.author_role,
        n.superseded,
        n.supersedes_id is not None,
        n.disputed,
    )


class CareCaseState(Localised, AuthState):
    found: bool = False
    not_found_key: str = ""
    person: PersonBlock = PersonBlock()
    #: the newest page of notes, and older pages as asked for ("show older notes")
    notes: list[NoteRow] = []
    #: every note in the file, shown or not
    notes_total: int = 0
    answers: list[AnswerRow] = []
    #: exposures and the retention line they give (issue 15 item 6); written by the doctor
    exposures: list[ExposureRow] = []
    may_record_exposures: bool = False
    retention_now: RetentionRow = RetentionRow()
    #: the line before the last change made on this page ("" rule when none)
    retention_before: RetentionRow = RetentionRow()
    editing_exposure: str = ""
    exposure_form: ExposureRow = ExposureRow()
    exposure_revision: int = 0
    #: [[field, message key], ...] of the last refused exposure form
    exposure_error_keys: list[list[str]] = []
    exposure_notice_key: str = ""
    today: str = ""
    appointments: list[str] = []
    documents: list[str] = []
    helpers: list[str] = []
    #: the employee's consents beyond the employer (a GP machtiging …) and their state today
    consent_lines: list[str] = []
    correcting: str = ""
    #: the company doctor's own work notes on this case (WGBO 7:456): filled for him alone
    keeps_work_notes: bool = False
    work_notes: list[str] = []
    _case_id: int = 0
    #: the use of his data stopped, and since when (issue 17 item 3)
    restricted: bool = False
    restricted_since: str = ""

    @rx.var
    def not_found(self) -> str:
        return t(self.not_found_key, self._lang) if self.not_found_key else ""

    @rx.var
    def retention_now_text(self) -> str:
        key = (
            "exposures.retention_after" if self.retention_before.rule else "exposures.retention_now"
        )
        line = retention_text(self.retention_now, self._lang)
        return t(key, self._lang).replace("{line}", line) if line else ""

    @rx.var
    def retention_before_text(self) -> str:
        line = retention_text(self.retention_before, self._lang)
        return t("exposures.retention_before", self._lang).replace("{line}", line) if line else ""

    @rx.var
    def exposure_field_errors(self) -> dict[str, str]:
        found = {name: "" for name in EXPOSURE_FIELDS}
        for name, code in self.exposure_error_keys:
            if name in found and not found[name]:
                found[name] = t(code, self._lang)
        return found

    @rx.var
    def exposure_errors(self) -> list[str]:
        return [
            f"{t(f'exposures.{name}', self._lang)}: {t(code, self._lang)}"
            for name, code in self.exposure_error_keys
        ]

    @rx.var
    def exposure_notice(self) -> str:
        return t(self.exposure_notice_key, self._lang) if self.exposure_notice_key else ""

    @rx.var
    def notes_shown_line(self) -> str:
        """The count line ("the newest 50 of 500 notes") while not all are shown."""
        if self.notes_total <= len(self.notes):
            return ""
        line = t("care_case.notes_shown", self._lang)
        return line.replace("{shown}", str(len(self.notes))).replace(
            "{total}", str(self.notes_total)
        )

    @rx.var
    def ground_line(self) -> str:
        ground = t(f"ground.{GROUND}", self._lang)
        return t("care_case.read_ground", self._lang).replace("{ground}", ground)

    def _fill(self, page: CaseFilePage) -> None:
        self.found, self.not_found_key = True, ""
        view = page.file
        admin = view.admin
        self.restricted = admin.restriction is not None
        self.restricted_since = since_text(admin.restriction and admin.restriction.since)
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
        self.notes = [_note_row(n) for n in view.notes]
        self.notes_total = view.notes_total
        self.answers = answer_rows(view.answers, self._lang)
        self._fill_exposures(view.exposure, before=None)
        self.appointments = [
            f"{_minute(a.starts_at)} · {a.location} · {a.subject}" for a in admin.appointments
        ]
        self.documents = [f"{d.title} ({day(d.created_at)})" for d in admin.documents]
        self.helpers = [
            " · ".join(x for x in (h.name, h.helper_role, h.organisation, h.phone, h.email) if x)
            for h in admin.helpers
        ]
        self._fill_work_notes(page.work_notes)
        self.consent_lines = [consent_status_line(c, self._lang) for c in page.consents]

    def _fill_exposures(self, panel: ExposurePanel, *, before: RetentionLine | None) -> None:
        self.exposures = exposure_rows(panel, self._lang)
        self.may_record_exposures = panel.may_record
        self.retention_now, self.retention_before = (
            retention_row(panel.retention),
            retention_row(before),
        )
        self.editing_exposure, self.exposure_form = "", ExposureRow()
        self.exposure_error_keys, self.exposure_revision = [], self.exposure_revision + 1
        self.today = datetime.now(LOCAL_ZONE).date().isoformat()

    def _fill_work_notes(self, notes: WorkNotesView) -> None:
        self.keeps_work_notes = notes.kept
        self.work_notes = [f"{_minute(n.created_at)} · {n.body}" for n in notes.lines]

    def _clear(self, key: str) -> None:
        self.found, self.not_found_key, self._case_id = False, key, 0
        self.person, self.notes, self.correcting = PersonBlock(), [], ""
        self.notes_total = 0
        self.answers, self.exposures, self.appointments = [], [], []
        self.may_record_exposures, self.editing_exposure = False, ""
        self.retention_now, self.retention_before = RetentionRow(), RetentionRow()
        self.exposure_form, self.exposure_error_keys = ExposureRow(), []
        self.exposure_notice_key = ""
        self.documents, self.helpers, self.consent_lines = [], [], []
        self.keeps_work_notes, self.work_notes = False, []
        self.restricted, self.restricted_since = False, ""

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
    @guarded(Role.COMPANY_DOCTOR)
    def save_exposure(self, form_data: dict[str, Any]) -> Any:
        """Record a new exposure, or correct (or end) the one being edited; each field is cut
        one past its limit, so an over-long value is refused, never silently shortened."""
        if not self._case_id:
            self._clear("care_case.not_found")
            return None
        limits = {"kind": 40, "agent": MAX_AGENT + 1, "started_on": 20, "ended_on": 20}
        values = [str(form_data.get(name, ""))[: limits[name]] for name in EXPOSURE_FIELDS]
        editing = self.editing_exposure
        try:
            if editing.isdigit():
                change = self._run(do_correct_exposure, self._case_id, int(editing), *values)
            else:
                change = self._run(do_record_exposure, self._case_id, *values)
        except ExposureError as error:
            self.exposure_error_keys = [[p.field, p.code] for p in error.problems]
            self.exposure_notice_key = error.code
            first = error.problems[0].field if error.problems else "kind"
            return rx.call_script(f"document.getElementById('exposure-{first}')?.focus()")
        except PolicyDeniedError:
            self._clear("care_case.not_found")
            return None
        self._fill_exposures(change.panel, before=change.before)
        self.exposure_notice_key = "exposures.corrected" if editing else "exposures.recorded"
        return None

    @rx.event
    @guarded(Role.COMPANY_DOCTOR)
    def edit_exposure(self, exposure_id: str) -> Any:
        """Open the form on one of the exposures shown (any other id is ignored)."""
        row = next((r for r in self.exposures if r.exposure_id == exposure_id), None)
        if row is None or not self.may_record_exposures:
            return None
        self.editing_exposure, self.exposure_form = row.exposure_id, row
        self.exposure_error_keys, self.exposure_notice_key = [], ""
        self.exposure_revision += 1
        return rx.call_script("document.getElementById('exposure-kind')?.focus()")

    @rx.event
    @guarded(Role.COMPANY_DOCTOR)
    def cancel_exposure_edit(self) -> None:
        self.editing_exposure, self.exposure_form = "", ExposureRow()
        self.exposure_error_keys, self.exposure_notice_key = [], ""
        self.exposure_revision += 1

    @rx.event
    @guarded(*MEDICAL_ROLES)
    def load(self) -> None:
        self.notice_key, self.correcting = "", ""
        self.exposure_notice_key = ""
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
    def show_older_notes(self) -> None:
        """The next page of notes below the ones shown: an audited read like the first."""
        count = len(self.notes)
        if not self._case_id or not count or count >= self.notes_total:
            return
        if not self.notes[-1].note_id.isdigit():
            return
        older_than = int(self.notes[-1].note_id)
        try:
            page = self._run(do_older_notes, self._case_id, older_than, GROUND)
        except PolicyDeniedError:
            self._clear("care_case.not_found")
            return
        shown = {n.note_id for n in self.notes}
        self.notes = self.notes + [_note_row(n) for n in page.notes if str(n.note_id) not in shown]
        self.notes_total = len(self.notes) + page.older

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
        rx.match(
            row.disputed,
            ("added", rx.el.p(tr("care.note_disputed"), class_name="badge disputed")),
            ("pending", rx.el.p(tr("care.note_dispute_pending"), class_name="badge disputed")),
            rx.fragment(),
        ),
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
            rx.el.textarea(name="body", rows=5, **counted("note-body", MAX_NOTE)),
            char_counter("note-body", MAX_NOTE),
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
                        name="work_note", rows=3, **counted("work-note-body", MAX_WORK_NOTE)
                    ),
                    char_counter("work-note-body", MAX_WORK_NOTE),
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
                notice(state.notice_text, state.notice_kind),
                restriction_notice(state.restricted, state.restricted_since, audience="staff"),
                person_block(state.person, care_address=True),
                case_links(case_links_for.DOCTOR, state.person.case_id),
                estimate_section(state.person.case_id),
                rx.el.section(
                    rx.el.h2(tr("care_case.notes")),
                    rx.el.p(tr("care_case.append_only"), class_name="meta"),
                    _note_form(),
                    rx.cond(
                        notes.length() > 0,
                        rx.el.ul(rx.foreach(state.notes, _note_item), class_name="plain care-list"),
                        rx.el.p(tr("care_case.no_notes")),
                    ),
                    rx.cond(
                        state.notes_shown_line != "",
                        rx.el.div(
                            rx.el.p(state.notes_shown_line, class_name="meta", id="notes-shown"),
                            rx.el.button(
                                tr("care_case.notes_older"),
                                type="button",
                                id="notes-older",
                                class_name="button secondary",
                                on_click=CareCaseState.show_older_notes,
                            ),
                        ),
                    ),
                    class_name="card",
                ),
                rectification_section(state.person.case_id, medical=True),
                _work_notes(),
                answers_section(state.answers),
                exposure_section(state),
                list_section("care_case.appointments", state.appointments, _line),
                list_section("care_case.documents", state.documents, _line),
                list_section("care_case.helpers", state.helpers, _line),
                list_section("consent_beyond.care_title", state.consent_lines, _line),
            ),
        ),
    )
