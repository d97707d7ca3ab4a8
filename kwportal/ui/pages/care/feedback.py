"""The employer feedback editor, its preview as the employer and the release (issue 7,
items 3–5). Doctor, team member and case manager may draft; the release buttons work only
for the doctor or a member he delegated (the service decides, the page only says so).

The preview is the employer's own component (``employer_case_card``) fed by an
``EmployerCaseView`` built through the employer's policy row. Nothing medical is loaded
here: the feedback category is what a case manager may see too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain import capacity
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_datetime
from kwportal.services.feedback import editor as fb
from kwportal.services.feedback import workspace
from kwportal.services.views import PolicyDeniedError
from kwportal.ui import routes
from kwportal.ui.components.counter import char_counter, counted
from kwportal.ui.components.employer_case import CaseCard, case_card
from kwportal.ui.components.employer_case import employer_case_card as employer_component
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.restriction_notice import restriction_notice, since_text
from kwportal.ui.guard import guarded
from kwportal.ui.pages.care.common import CARE_ROLES
from kwportal.ui.routes import case_id_from
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.CARE_FEEDBACK


@dataclass
class AreaRow:
    area: str = ""
    level: str = ""
    note: str = ""


@dataclass
class TermRow:
    term: str = ""
    field: str = ""


class FeedbackState(Localised, AuthState):
    found: bool = False
    not_found_key: str = ""
    case_id: str = ""
    has_draft: bool = False
    version: int = 0
    areas: list[AreaRow] = []
    period: str = ""
    degree: str = ""
    advice: str = ""
    terms: list[TermRow] = []
    terms_confirmed: bool = False
    may_release: bool = False
    stale: bool = False
    preview: CaseCard = CaseCard()
    shared_on: str = ""
    reaction: str = ""
    reaction_readable: bool = False
    _case_id: int = 0
    _feedback_id: int = 0
    #: the use of his data stopped, and since when (issue 17 item 3)
    restricted: bool = False
    restricted_since: str = ""

    @rx.var
    def not_found(self) -> str:
        return t(self.not_found_key, self._lang) if self.not_found_key else ""

    @rx.var
    def version_line(self) -> str:
        return t("feedback.version", self._lang).replace("{version}", str(self.version))

    @rx.var
    def term_lines(self) -> list[str]:
        lines = []
        for row in self.terms:
            name, _, area = row.field.partition(".")
            where = t(f"feedback.field.{name}", self._lang)
            if area:
                where = f"{where} {t(f'capacity.area.{area}', self._lang)}"
            lines.append(
                t("feedback.term_line", self._lang)
                .replace("{term}", row.term)
                .replace("{field}", where)
            )
        return lines

    def _show(self, page: workspace.FeedbackPage) -> None:
        self.stale = False
        self.restricted = page.restriction is not None
        self.restricted_since = since_text(page.restriction and page.restriction.since)
        view = page.draft
        self.preview = case_card(page.preview) if page.preview is not None else CaseCard()
        if view is None:
            self.has_draft, self._feedback_id, self.version = False, 0, 0
            self.areas, self.period, self.degree, self.advice = [], "", "", ""
            self.terms, self.terms_confirmed, self.may_release = [], False, False
            self.shared_on, self.reaction, self.reaction_readable = "", "", False
            return
        form = view.form
        self.has_draft, self._feedback_id, self.version = True, view.feedback_id, view.version
        self.areas = [
            AreaRow(a, form.levels.get(a, ""), form.notes.get(a, "")) for a in capacity.AREAS
        ]
        self.period, self.degree, self.advice = (
            form.expected_period,
            form.incapacity_degree,
            form.advice,
        )
        self.terms = [TermRow(h.term, h.field) for h in view.terms]
        self.terms_confirmed, self.may_release = view.terms_confirmed, view.may_release
        self.shared_on = fmt_datetime(view.shared_at, short=True)
        self.reaction, self.reaction_readable = view.employee_reaction, view.reaction_readable

    def _click(self, use_case: Callable[..., workspace.FeedbackPage], *args: Any) -> bool:
        """Run the click's one use case and show the page it returns; a refusal becomes the
        page's message (nothing changed: the unit rolled back). True when it went through."""
        try:
            page = self._run(use_case, self._case_id, *args)
        except fb.FeedbackError as error:
            self.notice_key = error.code
            self.stale = error.code == "feedback.stale"
            if error.terms:
                self.terms = [TermRow(h.term, h.field) for h in error.terms]
            return False
        except PolicyDeniedError:
            self.found, self.not_found_key = False, "care_case.not_found"
            return False
        self._show(page)
        return True

    @rx.event
    @guarded(*CARE_ROLES)
    def load(self) -> None:
        self.notice_key = ""
        case_id = case_id_from(str(self.router.url))
        self._case_id = case_id or 0
        self.case_id = str(case_id or "")
        self.found, self.not_found_key = True, ""
        if case_id is None:
            self.found, self.not_found_key = False, "care_case.not_found"
            return
        self._click(workspace.do_open_draft)

    @rx.event
    @guarded(*CARE_ROLES)
    def start_draft(self) -> None:
        if self._case_id and self._click(workspace.do_start_draft):
            self.notice_key = ""

    @rx.event
    @guarded(*CARE_ROLES)
    def reload_draft(self) -> None:
        if self._case_id and self._click(workspace.do_open_draft):
            self.notice_key = ""

    @rx.event
    @guarded(*CARE_ROLES)
    def save(self, form_data: dict[str, Any]) -> None:
        if not self._feedback_id:
            return
        form = fb.FeedbackForm(
            levels={a: str(form_data.get(f"level_{a}", ""))[:20] for a in capacity.AREAS},
            notes={
                a: str(form_data.get(f"note_{a}", ""))[: capacity.MAX_NOTE + 1]
                for a in capacity.AREAS
            },
            expected_period=str(form_data.get("period", ""))[: fb.MAX_PERIOD + 1],
            incapacity_degree=str(form_data.get("degree", ""))[: fb.MAX_DEGREE + 1],
            advice=str(form_data.get("advice", ""))[: fb.MAX_ADVICE + 1],
        )
        self._change_draft(workspace.do_save_draft, "feedback.saved", form)

    @rx.event
    @guarded(*CARE_ROLES)
    def confirm(self, form_data: dict[str, Any]) -> None:
        if not self._feedback_id:
            return
        reason = str(form_data.get("reason", ""))[: fb.MAX_REASON + 1]
        self._change_draft(workspace.do_confirm_terms, "feedback.confirmed", reason)

    @rx.event
    @guarded(*CARE_ROLES)
    def release(self) -> None:
        if not self._feedback_id:
            return
        self._change_draft(workspace.do_release, "feedback.released")

    @rx.event
    @guarded(*CARE_ROLES)
    def share_with_employee(self) -> None:
        if not self._feedback_id:
            return
        self._change_draft(workspace.do_share_draft, "draft.shared")

    def _change_draft(
        self, use_case: Callable[..., workspace.FeedbackPage], done_key: str, *args: Any
    ) -> None:
        """One change of the open draft at the version this page showed (a stale save is
        refused) and the draft as stored then, in one unit of work; a refusal leaves its
        message on the page."""
        if self._click(use_case, self._feedback_id, self.version, *args):
            self.notice_key = done_key


def _level_select(row: Any) -> rx.Component:
    ident = "level-" + row.area
    return rx.el.div(
        rx.el.label(
            rx.match(row.area, *[(a, tr(f"capacity.area.{a}")) for a in capacity.AREAS], row.area),
            html_for=ident,
        ),
        rx.el.select(
            rx.el.option(tr("feedback.level_none"), value=""),
            *[rx.el.option(tr(f"capacity.level.{lv}"), value=lv) for lv in capacity.LEVELS],
            id=ident,
            name="level_" + row.area,
            default_value=row.level,
        ),
        rx.el.label(tr("feedback.note"), html_for="note-" + row.area),
        rx.el.input(
            id="note-" + row.area,
            name="note_" + row.area,
            default_value=row.note,
            max_length=capacity.MAX_NOTE,
        ),
        class_name="field fml-area",
    )


def _text_field(label_key: str, name: str, value: Any, limit: int, rows: int = 0) -> rx.Component:
    ident = f"fb-{name}"
    control = (
        rx.fragment(
            rx.el.textarea(name=name, default_value=value, rows=rows, **counted(ident, limit)),
            char_counter(ident, limit),
        )
        if rows
        else rx.el.input(id=ident, name=name, default_value=value, max_length=limit)
    )
    return rx.el.div(rx.el.label(tr(label_key), html_for=ident), control, class_name="field")


def _editor() -> rx.Component:
    state = FeedbackState
    version: Any = state.version
    return rx.el.form(
        rx.el.fieldset(
            rx.el.legend(tr("feedback.capacity")),
            rx.foreach(state.areas, _level_select),
        ),
        _text_field("feedback.period", "period", state.period, fb.MAX_PERIOD),
        _text_field("feedback.degree", "degree", state.degree, fb.MAX_DEGREE),
        _text_field("feedback.advice", "advice", state.advice, fb.MAX_ADVICE, rows=5),
        rx.el.p(state.version_line, class_name="meta"),
        rx.el.button(tr("feedback.save"), type="submit", class_name="button"),
        on_submit=FeedbackState.save,
        key=version.to_string(),
        class_name="form",
    )


def _terms() -> rx.Component:
    state = FeedbackState
    terms: Any = state.terms
    return rx.cond(
        terms.length() > 0,
        rx.el.section(
            rx.el.h2(tr("feedback.terms_title")),
            rx.el.p(tr("feedback.terms_intro")),
            rx.el.ul(rx.foreach(state.term_lines, rx.el.li), class_name="terms"),
            rx.cond(
                state.terms_confirmed,
                rx.el.p(tr("feedback.confirmed"), class_name="meta"),
                rx.cond(
                    state.may_release,
                    rx.el.form(
                        rx.el.div(
                            rx.el.label(tr("feedback.reason"), html_for="fb-reason"),
                            rx.el.textarea(
                                name="reason", rows=2, **counted("fb-reason", fb.MAX_REASON)
                            ),
                            char_counter("fb-reason", fb.MAX_REASON),
                            class_name="field",
                        ),
                        rx.el.button(tr("feedback.confirm"), type="submit", class_name="button"),
                        on_submit=FeedbackState.confirm,
                        class_name="form",
                    ),
                ),
            ),
            class_name="card warning-card",
        ),
    )


def _share() -> rx.Component:
    state = FeedbackState
    return rx.el.section(
        rx.el.h2(tr("draft.share_title")),
        rx.el.p(tr("draft.share_intro")),
        rx.cond(
            state.shared_on != "",
            rx.el.p(tr("draft.shared_on"), " ", state.shared_on, class_name="meta"),
            rx.el.p(tr("draft.not_shared"), class_name="meta"),
        ),
        rx.cond(
            state.reaction_readable,
            rx.fragment(
                rx.el.h3(tr("draft.reaction_title")),
                rx.cond(
                    state.reaction != "",
                    rx.el.p(state.reaction, class_name="answer"),
                    rx.el.p(tr("draft.no_reaction")),
                ),
            ),
        ),
        rx.cond(
            state.may_release,
            rx.el.button(
                tr("draft.share"),
                type="button",
                class_name="button secondary",
                on_click=FeedbackState.share_with_employee,
            ),
        ),
        class_name="card",
    )


def _release() -> rx.Component:
    state = FeedbackState
    return rx.el.section(
        rx.el.h2(tr("feedback.release")),
        rx.cond(
            state.may_release,
            rx.el.button(
                tr("feedback.release"),
                type="button",
                class_name="button",
                on_click=FeedbackState.release,
            ),
            rx.el.p(tr("feedback.release_only_doctor")),
        ),
        class_name="card",
    )


def care_feedback_page() -> rx.Component:
    state = FeedbackState
    return portal_page(
        rx.el.h1(tr("feedback.title")),
        rx.el.p(rx.el.a(tr("care_case.back"), href=routes.CARE)),
        notice(state.not_found),
        rx.cond(
            state.found,
            rx.el.div(
                notice(state.notice_text, state.notice_kind),
                restriction_notice(state.restricted, state.restricted_since, audience="staff"),
                rx.cond(
                    state.stale,
                    rx.el.button(
                        tr("feedback.reload"),
                        type="button",
                        class_name="button secondary",
                        on_click=FeedbackState.reload_draft,
                    ),
                ),
                rx.el.p(tr("feedback.intro")),
                rx.cond(
                    state.has_draft,
                    rx.el.div(
                        rx.el.section(_editor(), class_name="card"),
                        _terms(),
                        rx.el.section(
                            rx.el.h2(tr("feedback.preview")),
                            rx.el.p(tr("feedback.preview_intro")),
                            employer_component(state.preview),
                            class_name="preview",
                        ),
                        _share(),
                        _release(),
                    ),
                    rx.el.div(
                        rx.el.p(tr("feedback.no_draft")),
                        rx.el.button(
                            tr("feedback.start"),
                            type="button",
                            class_name="button",
                            on_click=FeedbackState.start_draft,
                        ),
                    ),
                ),
            ),
        ),
    )
