"""The employer feedback editor, its preview as the employer and the release (issue 7,
items 3–5). Doctor, team member and case manager may draft; the release buttons work only
for the doctor or a member he delegated (the service decides, the page only says so).

The preview is the employer's own component (``employer_case_card``) fed by an
``EmployerCaseView`` built through the employer's policy row. Nothing medical is loaded
here: the feedback category is what a case manager may see too."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.db import transaction
from kwportal.i18n import t
from kwportal.services.feedback import editor as fb
from kwportal.services.feedback.draft_sharing import share_draft
from kwportal.services.feedback.preview import draft_preview
from kwportal.services.feedback.release import release_feedback
from kwportal.services.mail import send_all
from kwportal.services.views import PolicyDeniedError
from kwportal.settings import get_settings
from kwportal.ui.components.employer_case import CAPACITY_LEVELS, CaseCard, case_card
from kwportal.ui.components.employer_case import employer_case_card as employer_component
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.pages.care.common import CARE_ROLES, case_id_from
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

log = logging.getLogger(__name__)
ROUTE = "/care-feedback"


@dataclass
class AreaRow:
    area: str = ""
    level: str = ""
    note: str = ""


@dataclass
class TermRow:
    term: str = ""
    field: str = ""


class FeedbackState(AuthState):
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

    @rx.var
    def not_found(self) -> str:
        return t(self.not_found_key, self.lang) if self.not_found_key else ""

    @rx.var
    def version_line(self) -> str:
        return t("feedback.version", self.lang).replace("{version}", str(self.version))

    @rx.var
    def term_lines(self) -> list[str]:
        lines = []
        for row in self.terms:
            name, _, area = row.field.partition(".")
            where = t(f"feedback.field.{name}", self.lang)
            if area:
                where = f"{where} {t(f'capacity.area.{area}', self.lang)}"
            lines.append(
                t("feedback.term_line", self.lang)
                .replace("{term}", row.term)
                .replace("{field}", where)
            )
        return lines

    def _show(self, view: fb.DraftView | None) -> None:
        self.stale = False
        if view is None:
            self.has_draft, self._feedback_id, self.version = False, 0, 0
            self.areas, self.period, self.degree, self.advice = [], "", "", ""
            self.terms, self.terms_confirmed, self.may_release = [], False, False
            self.preview, self.shared_on, self.reaction = CaseCard(), "", ""
            self.reaction_readable = False
            return
        form = view.form
        self.has_draft, self._feedback_id, self.version = True, view.feedback_id, view.version
        self.areas = [
            AreaRow(a, form.levels.get(a, ""), form.notes.get(a, "")) for a in fb.FML_AREAS
        ]
        self.period, self.degree, self.advice = (
            form.expected_period,
            form.incapacity_degree,
            form.advice,
        )
        self.terms = [TermRow(h.term, h.field) for h in view.terms]
        self.terms_confirmed, self.may_release = view.terms_confirmed, view.may_release
        self.shared_on = f"{view.shared_at:%Y-%m-%d %H:%M}" if view.shared_at else ""
        self.reaction, self.reaction_readable = view.employee_reaction, view.reaction_readable

    def _load_draft(self, *, create: bool) -> None:
        ctx = self._context()
        actor = self._actor()
        with transaction() as session:
            view = fb.current_draft(
                actor,
                self._case_id,
                session=session,
                create=create,
                now=ctx.now,
                access_point=ctx.access,
                secret=ctx.secret,
            )
            card = (
                case_card(
                    draft_preview(
                        actor,
                        view.feedback_id,
                        session=session,
                        access_point=ctx.access,
                        secret=ctx.secret,
                    )
                )
                if view is not None
                else CaseCard()
            )
        self._show(view)
        self.preview = card

    def _guarded_call(self, action: Any) -> bool:
        """Run ``action``; a refusal becomes the page's message. True when it went through."""
        try:
            action()
        except fb.FeedbackError as error:
            self.notice_key = error.code
            self.stale = error.code == "feedback.stale"
            if error.terms:
                self.terms = [TermRow(h.term, h.field) for h in error.terms]
            return False
        except PolicyDeniedError:
            self.found, self.not_found_key = False, "care_case.not_found"
            return False
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
        self._guarded_call(lambda: self._load_draft(create=False))

    @rx.event
    @guarded(*CARE_ROLES)
    def start_draft(self) -> None:
        if self._case_id and self._guarded_call(lambda: self._load_draft(create=True)):
            self.notice_key = ""

    @rx.event
    @guarded(*CARE_ROLES)
    def reload_draft(self) -> None:
        if self._case_id and self._guarded_call(lambda: self._load_draft(create=False)):
            self.notice_key = ""

    @rx.event
    @guarded(*CARE_ROLES)
    def save(self, form_data: dict[str, Any]) -> None:
        if not self._feedback_id:
            return
        form = fb.FeedbackForm(
            levels={a: str(form_data.get(f"level_{a}", ""))[:20] for a in fb.FML_AREAS},
            notes={
                a: str(form_data.get(f"note_{a}", ""))[: fb.MAX_CAPACITY_NOTE + 1]
                for a in fb.FML_AREAS
            },
            expected_period=str(form_data.get("period", ""))[: fb.MAX_PERIOD + 1],
            incapacity_degree=str(form_data.get("degree", ""))[: fb.MAX_DEGREE + 1],
            advice=str(form_data.get("advice", ""))[: fb.MAX_ADVICE + 1],
        )
        self._change_draft(fb.save_draft, "feedback.saved", form=form)

    @rx.event
    @guarded(*CARE_ROLES)
    def confirm(self, form_data: dict[str, Any]) -> None:
        if not self._feedback_id:
            return
        reason = str(form_data.get("reason", ""))[: fb.MAX_REASON + 1]
        self._change_draft(fb.confirm_terms, "feedback.confirmed", reason=reason)

    @rx.event
    @guarded(*CARE_ROLES)
    def release(self) -> None:
        if not self._feedback_id:
            return
        ctx = self._context()
        outcome = self._change_draft(release_feedback, "feedback.released", origin=ctx.origin)
        if outcome is not None:
            send_all(outcome.mails, get_settings())

    @rx.event
    @guarded(*CARE_ROLES)
    def share_with_employee(self) -> None:
        if not self._feedback_id:
            return
        ctx = self._context()
        mail = self._change_draft(share_draft, "draft.shared", origin=ctx.origin)
        if mail is not None:
            send_all([mail], get_settings())

    def _change_draft(self, work: Callable[..., Any], done_key: str, **extra: Any) -> Any:
        """One change of the open draft at the version this page showed (a stale save is
        refused), in one transaction, then the draft as stored; the service's answer, or
        None when it was refused (its message is then on the page)."""
        ctx = self._context()
        outcome: list[Any] = []

        def act() -> None:
            with transaction() as session:
                outcome.append(
                    work(
                        self._actor(),
                        self._feedback_id,
                        expected_version=self.version,
                        session=session,
                        access_point=ctx.access,
                        secret=ctx.secret,
                        now=ctx.now,
                        **extra,
                    )
                )
            self._load_draft(create=False)

        if not self._guarded_call(act):
            return None
        self.notice_key = done_key
        return outcome[0]


def _level_select(row: Any) -> rx.Component:
    ident = "level-" + row.area
    return rx.el.div(
        rx.el.label(
            rx.match(row.area, *[(a, tr(f"capacity.area.{a}")) for a in fb.FML_AREAS], row.area),
            html_for=ident,
        ),
        rx.el.select(
            rx.el.option(tr("feedback.level_none"), value=""),
            *[rx.el.option(tr(f"capacity.level.{lv}"), value=lv) for lv in CAPACITY_LEVELS],
            id=ident,
            name="level_" + row.area,
            default_value=row.level,
        ),
        rx.el.label(tr("feedback.note"), html_for="note-" + row.area),
        rx.el.input(
            id="note-" + row.area,
            name="note_" + row.area,
            default_value=row.note,
            max_length=fb.MAX_CAPACITY_NOTE,
        ),
        class_name="field fml-area",
    )


def _text_field(label_key: str, name: str, value: Any, limit: int, rows: int = 0) -> rx.Component:
    ident = f"fb-{name}"
    control = (
        rx.el.textarea(id=ident, name=name, default_value=value, max_length=limit, rows=rows)
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
                                id="fb-reason", name="reason", rows=2, max_length=fb.MAX_REASON
                            ),
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
        rx.el.p(rx.el.a(tr("care_case.back"), href="/care")),
        notice(state.not_found),
        rx.cond(
            state.found,
            rx.el.div(
                notice(state.notice_text),
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
