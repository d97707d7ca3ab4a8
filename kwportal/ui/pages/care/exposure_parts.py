"""The intake answers and the exposures on the care case file (issue 15 items 2 and 6): rows
built from the file's views and the sections that show them. The state and its handlers
live in :mod:`kwportal.ui.pages.care.case_file`; the sections take it as an argument."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from kwportal.domain.policy import EXPOSURE_KINDS
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_datetime, fmt_iso_date
from kwportal.services.case.exposures import MAX_AGENT, ExposurePanel, RetentionLine
from kwportal.services.case.file import AnswerLine
from kwportal.ui.components.employer_case import day
from kwportal.ui.components.forms import notice
from kwportal.ui.text import tr

EXPOSURE_FORM = "exposure-form"
#: the form's fields, in the order their messages are listed
EXPOSURE_FIELDS = ("kind", "agent", "started_on", "ended_on")


@dataclass
class AnswerRow:
    question: str = ""
    answer: str = ""
    meta: str = ""


@dataclass
class ExposureRow:
    exposure_id: str = ""
    kind: str = ""
    agent: str = ""
    started_on: str = ""
    ended_on: str = ""
    meta: str = ""


@dataclass
class RetentionRow:
    earliest: str = ""
    rule: str = ""
    holds: list[str] = field(default_factory=list)


def answer_rows(answers: tuple[AnswerLine, ...], lang: str) -> list[AnswerRow]:
    meta = t("questionnaire.file_meta", lang)
    return [
        AnswerRow(
            a.question,
            a.answer,
            meta.replace("{name}", a.questionnaire)
            .replace("{version}", str(a.version))
            .replace("{when}", fmt_datetime(a.answered_at, lang)),
        )
        for a in answers
    ]


def exposure_rows(panel: ExposurePanel, lang: str) -> list[ExposureRow]:
    rows = []
    for e in panel.exposures:
        if e.updated_at is None:
            meta = t("exposures.meta", lang).replace(
                "{recorded}", fmt_datetime(e.recorded_at, lang)
            )
        else:
            meta = (
                t("exposures.meta_changed", lang)
                .replace("{recorded}", fmt_datetime(e.recorded_at, lang))
                .replace("{changed}", fmt_datetime(e.updated_at, lang))
            )
        rows.append(
            ExposureRow(
                str(e.exposure_id), e.kind, e.agent, day(e.started_on), day(e.ended_on), meta
            )
        )
    return rows


def retention_row(line: RetentionLine | None) -> RetentionRow:
    if line is None:
        return RetentionRow()
    earliest = line.earliest.isoformat() if line.earliest else ""
    return RetentionRow(earliest, line.rule, list(line.holds))


def retention_text(row: RetentionRow, lang: str) -> str:
    """The line as the doctor reads it: "destruction allowed from <date> at the earliest
    (<rule>) and not while <holds>"."""
    if not row.rule:
        return ""
    if row.earliest:
        rule = t(f"exposures.rule.{row.rule}", lang)
        text = t("exposures.retention_line", lang).replace(
            "{date}", fmt_iso_date(row.earliest, lang)
        )
        text = text.replace("{rule}", rule)
    else:
        text = t("exposures.retention_no_date", lang)
    if row.holds:
        holds = "; ".join(t(f"exposures.hold.{h}", lang) for h in row.holds)
        text += " " + t("exposures.retention_holds", lang).replace("{holds}", holds)
    return text


# --- sections ------------------------------------------------------------------------------


def _answer(row: Any) -> rx.Component:
    return rx.fragment(
        rx.el.dt(row.question),
        rx.el.dd(rx.el.p(row.answer, class_name="note-body"), rx.el.p(row.meta, class_name="meta")),
    )


def answers_section(answers: Any) -> rx.Component:
    return rx.el.section(
        rx.el.h2(tr("care_case.answers")),
        rx.cond(
            answers.length() > 0,
            rx.el.dl(rx.foreach(answers, _answer), class_name="items answers"),
            rx.el.p(tr("questionnaire.file_none")),
        ),
        class_name="card",
    )


def _kind(value: Any) -> rx.Component:
    return rx.match(value, *[(k, tr(f"exposures.kind.{k}")) for k in EXPOSURE_KINDS], value)


def _exposure(state: Any, row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.strong(_kind(row.kind)), ": ", row.agent),
        rx.el.p(
            row.started_on,
            " – ",
            rx.cond(row.ended_on != "", row.ended_on, tr("exposures.running")),
        ),
        rx.el.p(row.meta, class_name="meta"),
        rx.cond(
            state.may_record_exposures,
            rx.el.button(
                tr("exposures.correct"),
                type="button",
                class_name="link-button",
                on_click=state.edit_exposure(row.exposure_id),
            ),
        ),
    )


def _field_error(message: Any, ident: str) -> rx.Component:
    return rx.el.p(message, id=f"{ident}-error", class_name="field-error")


def _input(state: Any, name: str, label: str, **attrs: Any) -> rx.Component:
    ident = f"exposure-{name}"
    message = state.exposure_field_errors[name]
    hint = attrs.pop("hint", "")
    described = f"{ident}-hint {ident}-error" if hint else f"{ident}-error"
    return rx.el.div(
        rx.el.label(tr(label), html_for=ident),
        rx.el.p(tr(hint), id=f"{ident}-hint", class_name="hint") if hint else rx.fragment(),
        rx.el.input(
            id=ident,
            name=name,
            aria_describedby=described,
            aria_invalid=rx.cond(message != "", "true", "false"),
            **attrs,
        ),
        _field_error(message, ident),
        class_name="field",
    )


def _exposure_form(state: Any) -> rx.Component:
    editing = state.editing_exposure != ""
    kind_error = state.exposure_field_errors["kind"]
    return rx.el.form(
        rx.el.h3(rx.cond(editing, tr("exposures.correcting"), tr("exposures.new"))),
        rx.el.div(
            rx.el.label(tr("exposures.kind"), html_for="exposure-kind"),
            rx.el.select(
                rx.el.option(tr("exposures.choose_kind"), value=""),
                *[rx.el.option(tr(f"exposures.kind.{k}"), value=k) for k in EXPOSURE_KINDS],
                id="exposure-kind",
                name="kind",
                default_value=state.exposure_form.kind,
                aria_describedby="exposure-kind-error",
                aria_invalid=rx.cond(kind_error != "", "true", "false"),
            ),
            _field_error(kind_error, "exposure-kind"),
            class_name="field",
        ),
        _input(
            state,
            "agent",
            "exposures.agent",
            hint="exposures.agent_hint",
            max_length=MAX_AGENT,
            default_value=state.exposure_form.agent,
            auto_complete="off",
        ),
        _input(
            state,
            "started_on",
            "exposures.started_on",
            type="date",
            max=state.today,
            default_value=state.exposure_form.started_on,
        ),
        _input(
            state,
            "ended_on",
            "exposures.ended_on",
            hint="exposures.ended_hint",
            type="date",
            max=state.today,
            default_value=state.exposure_form.ended_on,
        ),
        rx.el.button(
            rx.cond(editing, tr("exposures.save_correction"), tr("exposures.record")),
            type="submit",
            class_name="button",
        ),
        rx.cond(
            editing,
            rx.el.button(
                tr("exposures.cancel"),
                type="button",
                class_name="link-button",
                on_click=state.cancel_exposure_edit,
            ),
        ),
        id=EXPOSURE_FORM,
        key=state.exposure_revision,
        no_validate=True,
        on_submit=state.save_exposure,
        class_name="form exposure-form",
    )


def _retention(state: Any) -> rx.Component:
    return rx.el.div(
        rx.el.h3(tr("exposures.retention")),
        rx.cond(
            state.retention_before_text != "",
            rx.el.p(state.retention_before_text),
        ),
        rx.el.p(state.retention_now_text),
        role="status",
        class_name="retention-line",
    )


def exposure_section(state: Any) -> rx.Component:
    exposures: Any = state.exposures
    errors: Any = state.exposure_errors
    return rx.el.section(
        rx.el.h2(tr("exposures.title")),
        rx.el.p(tr("exposures.intro"), class_name="meta"),
        notice(state.exposure_notice),
        rx.cond(
            exposures.length() > 0,
            rx.el.ul(
                rx.foreach(exposures, lambda row: _exposure(state, row)),
                class_name="plain care-list",
            ),
            rx.el.p(tr("exposures.none")),
        ),
        _retention(state),
        rx.cond(
            state.may_record_exposures,
            rx.fragment(
                rx.cond(
                    errors.length() > 0,
                    rx.el.div(
                        rx.el.p(rx.el.strong(tr("exposures.errors_title"))),
                        rx.el.ul(rx.foreach(errors, lambda line: rx.el.li(line))),
                        role="alert",
                        class_name="notice error-summary",
                    ),
                ),
                _exposure_form(state),
            ),
        ),
        class_name="card exposures",
    )
