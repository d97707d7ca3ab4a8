"""The privacy officer's breach register (AVG art. 33/34; seed ch. 3 "maatregelen …
gevolgen … beperken"): record a breach, watch the 72-hour clock for the Autoriteit
Persoonsgegevens (Dutch time), record the notification or why there is none, decide
whether the people affected are told and tell them (a portal notice and a content-free
mail each, once). The register names no one: counts of people and their employers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import reflex as rx

from kwportal.domain.policy import BREACH_KEEPERS
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_datetime
from kwportal.services.privacy import breaches
from kwportal.ui import routes
from kwportal.ui.components import field_errors
from kwportal.ui.components.counter import char_counter, counted
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.BREACHES
FORM_FIELDS = (
    "title",
    "description",
    "occurred_at",
    "found_at",
    "data_kinds",
    "risk",
    "measures",
    "consequences",
    "people_text",
    "organisation_id",
    "numbers",
)
RISKS = ("none", "risk", "high")


@dataclass
class OrgOption:
    value: str = ""
    label: str = ""


@dataclass
class BreachRow:
    breach_id: str = ""
    title: str = ""
    description: str = ""
    occurred: str = ""
    found: str = ""
    deadline: str = ""
    clock: str = ""
    overdue: bool = False
    risk: str = ""
    kinds: str = ""
    measures: str = ""
    consequences: str = ""
    people_text: str = ""
    #: open | notified | not_notified
    ap_state: str = ""
    ap_notified: str = ""
    ap_reference: str = ""
    ap_reason: str = ""
    #: "" undecided | yes | no
    tell: str = ""
    tell_reason: str = ""
    told_at: str = ""
    people: str = ""
    told: str = ""
    organisations: str = ""
    may_skip_ap: bool = False
    must_tell: bool = False
    tell_pending: bool = False


def _local(moment: datetime | None) -> str:
    return fmt_datetime(moment, short=True)


def _clock(line: breaches.BreachLine, lang: str) -> str:
    if line.ap_state != "open":
        return ""
    if line.hours_left < 0:
        return t("breaches.hours_overdue", lang).format(hours=-line.hours_left)
    return t("breaches.hours_left", lang).format(hours=line.hours_left)


def _row(line: breaches.BreachLine, lang: str) -> BreachRow:
    return BreachRow(
        breach_id=str(line.breach_id),
        title=line.title,
        description=line.description,
        occurred=_local(line.occurred_at),
        found=_local(line.found_at),
        deadline=_local(line.deadline),
        clock=_clock(line, lang),
        overdue=line.ap_state == "open" and line.hours_left < 0,
        risk=line.risk,
        kinds=", ".join(t(f"breaches.kind.{k}", lang) for k in line.data_kinds),
        measures=line.measures,
        consequences=line.consequences,
        people_text=line.people_text,
        ap_state=line.ap_state,
        ap_notified=_local(line.ap_notified_at),
        ap_reference=line.ap_reference,
        ap_reason=line.ap_reason,
        tell="" if line.tell_people is None else ("yes" if line.tell_people else "no"),
        tell_reason=line.tell_reason,
        told_at=_local(line.told_at),
        people=str(line.people),
        told=str(line.told),
        organisations=", ".join(line.organisations),
        may_skip_ap=line.risk == "none",
        must_tell=line.risk == "high",
        tell_pending=line.tell_people is True and line.told < line.people,
    )


def _form_text(form: dict[str, Any], name: str, limit: int = breaches.MAX_TEXT) -> str:
    """One past ``limit``: an over-long text is refused by the service, never cut here."""
    return str(form.get(name, "") or "")[: limit + 1]


def _breach_id(form: dict[str, Any]) -> int:
    raw = _form_text(form, "breach_id", 12).strip()
    return int(raw) if raw.isdigit() else 0


class BreachesState(Localised, AuthState):
    rows: list[BreachRow] = []
    organisations: list[OrgOption] = []
    error_keys: list[list[str]] = []
    #: what a refusal names (an unknown personnel number); never anything typed otherwise
    error_detail: str = ""
    #: how many people the last "tell" reached
    told_now: str = ""

    @rx.var
    def errors(self) -> dict[str, str]:
        return field_errors.messages(self.error_keys, FORM_FIELDS, self._lang)

    def _show(self, register: breaches.Register) -> None:
        self.rows = [_row(line, self._lang) for line in register.breaches]
        self.organisations = [OrgOption(str(i), name) for i, name in register.organisations]

    def _act(self, done_key: str, work: Any, *args: Any) -> bool:
        self.error_keys, self.error_detail, self.told_now = [], "", ""
        try:
            result = self._run(work, *args)
        except breaches.BreachError as error:
            self.notice_key = error.code
            self.error_detail = error.detail
            if error.field:
                self.error_keys = [[error.field, error.code]]
            return False
        if isinstance(result, tuple):
            told, result = result
            self.told_now = str(told)
        self.notice_key = done_key
        self._show(result)
        return True

    @rx.event
    @guarded(*BREACH_KEEPERS)
    def load(self) -> None:
        self.notice_key, self.error_keys, self.error_detail, self.told_now = "", [], "", ""
        self._show(self._run(breaches.do_register))

    @rx.event
    @guarded(*BREACH_KEEPERS)
    def record(self, form_data: dict[str, Any]) -> Any:
        form = breaches.BreachForm(
            title=_form_text(form_data, "title", 300),
            description=_form_text(form_data, "description"),
            occurred_at=_form_text(form_data, "occurred_at", 25),
            found_at=_form_text(form_data, "found_at", 25),
            data_kinds=tuple(k for k in breaches.DATA_KINDS if form_data.get(f"kind_{k}")),
            risk=_form_text(form_data, "risk", 10),
            measures=_form_text(form_data, "measures"),
            consequences=_form_text(form_data, "consequences"),
            people_text=_form_text(form_data, "people_text"),
            organisation_id=_form_text(form_data, "organisation_id", 12),
            numbers=_form_text(form_data, "numbers", 10_000),
            all_employees=bool(form_data.get("all_employees")),
        )
        if self._act("breaches.recorded", breaches.do_record, form):
            return rx.call_script("document.getElementById('breach-form')?.reset()")
        return rx.call_script(field_errors.FOCUS_FIRST_ERROR)

    @rx.event
    @guarded(*BREACH_KEEPERS)
    def add_people(self, form_data: dict[str, Any]) -> None:
        self._act(
            "breaches.people_added",
            breaches.do_add_people,
            _breach_id(form_data),
            _form_text(form_data, "organisation_id", 12),
            _form_text(form_data, "numbers", 10_000),
            bool(form_data.get("all_employees")),
        )

    @rx.event
    @guarded(*BREACH_KEEPERS)
    def notify_ap(self, form_data: dict[str, Any]) -> None:
        self._act(
            "breaches.ap_recorded",
            breaches.do_notify_ap,
            _breach_id(form_data),
            _form_text(form_data, "ap_notified_at", 25),
            _form_text(form_data, "ap_reference", 200),
            _form_text(form_data, "ap_reason", 3000),
        )

    @rx.event
    @guarded(*BREACH_KEEPERS)
    def not_notified(self, form_data: dict[str, Any]) -> None:
        self._act(
            "breaches.ap_skipped",
            breaches.do_not_notified,
            _breach_id(form_data),
            _form_text(form_data, "ap_reason", 3000),
        )

    @rx.event
    @guarded(*BREACH_KEEPERS)
    def decide(self, form_data: dict[str, Any]) -> None:
        self._act(
            "breaches.decided",
            breaches.do_decide,
            _breach_id(form_data),
            _form_text(form_data, "tell", 5),
            _form_text(form_data, "tell_reason", 3000),
            _form_text(form_data, "people_text"),
        )

    @rx.event
    @guarded(*BREACH_KEEPERS)
    def tell(self, form_data: dict[str, Any]) -> None:
        self._act("breaches.told", breaches.do_tell, _breach_id(form_data))


# --- the page -------------------------------------------------------------------------------


def _area(label_key: str, name: str, ident: Any, *, hint_key: str = "", **attrs: Any) -> Any:
    hint = [rx.el.p(tr(hint_key), id=ident + "-hint", class_name="hint")] if hint_key else []
    if hint_key:
        attrs["aria_describedby"] = ident + "-hint"
    limit = breaches.MAX_REASON if name.endswith("_reason") else breaches.MAX_TEXT
    return rx.el.div(
        rx.el.label(tr(label_key), html_for=ident),
        *hint,
        rx.el.textarea(name=name, rows=3, **counted(ident, limit), **attrs),
        char_counter(ident, limit),
        class_name="field",
    )


def _input(label_key: str, name: str, ident: Any, **attrs: Any) -> Any:
    return rx.el.div(
        rx.el.label(tr(label_key), html_for=ident),
        rx.el.input(id=ident, name=name, **attrs),
        class_name="field",
    )


def _hidden(row: Any) -> Any:
    return rx.el.input(type="hidden", name="breach_id", value=row.breach_id)


def _org_select(ident: Any, errors: Any = None) -> Any:
    attrs: dict[str, Any] = {}
    children: list[Any] = []
    if errors is not None:
        attrs["aria_invalid"] = rx.cond(errors["organisation_id"] != "", "true", "false")
        children.append(
            rx.el.p(errors["organisation_id"], id=ident + "-error", class_name="field-error")
        )
        attrs["aria_describedby"] = ident + "-error"
    return rx.el.div(
        rx.el.label(tr("breaches.organisation"), html_for=ident),
        *children,
        rx.el.select(
            rx.el.option(tr("breaches.choose_organisation"), value=""),
            rx.foreach(BreachesState.organisations, lambda o: rx.el.option(o.label, value=o.value)),
            id=ident,
            name="organisation_id",
            **attrs,
        ),
        class_name="field",
    )


def _people_fields(prefix: Any, errors: Any = None) -> list[Any]:
    numbers: Any
    if errors is not None:
        numbers = field_errors.field(
            "breaches.numbers",
            "numbers",
            "breach-numbers",
            errors,
            hint_key="breaches.numbers_hint",
            type="text",
            max_length=10_000,
            auto_complete="off",
        )
    else:
        numbers = _input(
            "breaches.numbers", "numbers", prefix + "-numbers", type="text", max_length=10_000
        )
    return [
        _org_select(prefix + "-org", errors),
        numbers,
        rx.el.div(
            rx.el.input(id=prefix + "-all", name="all_employees", type="checkbox"),
            rx.el.label(tr("breaches.all_employees"), html_for=prefix + "-all"),
            class_name="check",
        ),
    ]


def _new_form() -> rx.Component:
    errors = BreachesState.errors
    return rx.el.details(
        rx.el.summary(tr("breaches.new")),
        rx.el.form(
            field_errors.field(
                "breaches.title_label", "title", "breach-title", errors, type="text", max_length=200
            ),
            _area("breaches.description", "description", "breach-description"),
            field_errors.field(
                "breaches.occurred_at",
                "occurred_at",
                "breach-occurred",
                errors,
                hint_key="breaches.time_hint",
                type="datetime-local",
            ),
            field_errors.field(
                "breaches.found_at",
                "found_at",
                "breach-found",
                errors,
                hint_key="breaches.time_hint",
                type="datetime-local",
            ),
            rx.el.fieldset(
                rx.el.legend(tr("breaches.data_kinds")),
                *[
                    rx.el.div(
                        rx.el.input(id=f"breach-kind-{k}", name=f"kind_{k}", type="checkbox"),
                        rx.el.label(tr(f"breaches.kind.{k}"), html_for=f"breach-kind-{k}"),
                        class_name="check",
                    )
                    for k in breaches.DATA_KINDS
                ],
                class_name="choices",
            ),
            rx.el.fieldset(
                rx.el.legend(tr("breaches.risk")),
                rx.el.p(errors["risk"], id="breach-risk-error", class_name="field-error"),
                *[
                    rx.el.div(
                        rx.el.input(
                            id=f"breach-risk-{r}",
                            name="risk",
                            type="radio",
                            value=r,
                            aria_describedby="breach-risk-error",
                        ),
                        rx.el.label(tr(f"breaches.risk.{r}"), html_for=f"breach-risk-{r}"),
                        class_name="check",
                    )
                    for r in RISKS
                ],
                class_name="choices",
            ),
            _area("breaches.measures", "measures", "breach-measures"),
            _area("breaches.consequences", "consequences", "breach-consequences"),
            _area(
                "breaches.people_text",
                "people_text",
                "breach-people-text",
                hint_key="breaches.people_text_hint",
            ),
            rx.el.fieldset(rx.el.legend(tr("breaches.whose")), *_people_fields("breach", errors)),
            rx.cond(
                BreachesState.error_detail != "",
                rx.el.p(
                    tr("breaches.named"), " ", BreachesState.error_detail, class_name="field-error"
                ),
                rx.el.span(),
            ),
            rx.el.button(tr("breaches.record"), type="submit", class_name="button"),
            id="breach-form",
            on_submit=BreachesState.record,
            class_name="form",
        ),
    )


def _ap_forms(row: Any) -> rx.Component:
    ident = "ap-" + row.breach_id
    return rx.fragment(
        rx.el.form(
            _hidden(row),
            _input(
                "breaches.ap_notified_at",
                "ap_notified_at",
                ident + "-at",
                type="datetime-local",
                required=True,
            ),
            _input(
                "breaches.ap_reference",
                "ap_reference",
                ident + "-ref",
                type="text",
                max_length=100,
                required=True,
            ),
            _area(
                "breaches.ap_late_reason",
                "ap_reason",
                ident + "-late",
                hint_key="breaches.ap_late_hint",
            ),
            rx.el.button(tr("breaches.ap_save"), type="submit", class_name="button"),
            on_submit=BreachesState.notify_ap,
            reset_on_submit=True,
            class_name="form",
        ),
        rx.cond(
            row.may_skip_ap,
            rx.el.form(
                _hidden(row),
                _area("breaches.ap_skip_reason", "ap_reason", ident + "-skip", required=True),
                rx.el.button(tr("breaches.ap_skip"), type="submit", class_name="button"),
                on_submit=BreachesState.not_notified,
                reset_on_submit=True,
                class_name="form",
            ),
            rx.el.span(),
        ),
    )


def _decide_form(row: Any) -> rx.Component:
    ident = "tell-" + row.breach_id
    return rx.el.form(
        _hidden(row),
        rx.cond(row.must_tell, rx.el.p(tr("breaches.must_tell"), class_name="badge new")),
        rx.el.fieldset(
            rx.el.legend(tr("breaches.tell_question")),
            *[
                rx.el.div(
                    rx.el.input(id=ident + "-" + v, name="tell", type="radio", value=v),
                    rx.el.label(tr(f"breaches.tell.{v}"), html_for=ident + "-" + v),
                    class_name="check",
                )
                for v in ("yes", "no")
            ],
            class_name="choices",
        ),
        _area("breaches.tell_reason", "tell_reason", ident + "-reason", required=True),
        rx.cond(
            row.people_text == "",
            _area(
                "breaches.people_text",
                "people_text",
                ident + "-text",
                hint_key="breaches.people_text_hint",
            ),
            rx.el.span(),
        ),
        rx.el.button(tr("breaches.decide"), type="submit", class_name="button"),
        on_submit=BreachesState.decide,
        reset_on_submit=True,
        class_name="form",
    )


def _tell_form(row: Any) -> rx.Component:
    return rx.el.form(
        _hidden(row),
        rx.el.p(tr("breaches.tell_note")),
        rx.el.button(tr("breaches.tell_now"), type="submit", class_name="button"),
        on_submit=BreachesState.tell,
        class_name="form",
    )


def _add_form(row: Any) -> rx.Component:
    return rx.el.details(
        rx.el.summary(tr("breaches.add_people")),
        rx.el.form(
            _hidden(row),
            *_people_fields("add-" + row.breach_id),
            rx.el.button(tr("breaches.add"), type="submit", class_name="button"),
            on_submit=BreachesState.add_people,
            reset_on_submit=True,
            class_name="form",
        ),
    )


def _text_item(label_key: str, value: Any) -> rx.Component:
    return rx.cond(
        value != "", rx.fragment(rx.el.dt(tr(label_key)), rx.el.dd(value)), rx.fragment()
    )


def _ap_status(row: Any) -> rx.Component:
    return rx.match(
        row.ap_state,
        (
            "notified",
            rx.el.dd(
                tr("breaches.ap_done"),
                " ",
                row.ap_notified,
                " · ",
                row.ap_reference,
                rx.cond(row.ap_reason != "", rx.fragment(" · ", row.ap_reason), rx.fragment()),
            ),
        ),
        ("not_notified", rx.el.dd(tr("breaches.ap_not"), " ", row.ap_reason)),
        rx.el.dd(
            row.deadline,
            " (",
            rx.el.strong(row.clock, class_name=rx.cond(row.overdue, "overdue", "")),
            ")",
        ),
    )


def _item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.h2("#", row.breach_id, " ", row.title),
        rx.el.dl(
            rx.el.dt(tr("breaches.found_at")),
            rx.el.dd(row.found),
            _text_item("breaches.occurred_at", row.occurred),
            rx.el.dt(tr("breaches.risk")),
            rx.el.dd(rx.match(row.risk, *[(r, tr(f"breaches.risk.{r}")) for r in RISKS], row.risk)),
            _text_item("breaches.data_kinds", row.kinds),
            rx.el.dt(tr("breaches.whose")),
            rx.el.dd(
                row.people,
                " ",
                tr("breaches.people_count"),
                " · ",
                row.told,
                " ",
                tr("breaches.told_count"),
                rx.cond(row.organisations != "", rx.fragment(" · ", row.organisations), ""),
            ),
            rx.el.dt(tr("breaches.ap")),
            _ap_status(row),
            rx.el.dt(tr("breaches.tell_question")),
            rx.el.dd(
                rx.match(
                    row.tell,
                    ("yes", tr("breaches.tell.yes")),
                    ("no", tr("breaches.tell.no")),
                    tr("breaches.undecided"),
                ),
                rx.cond(row.tell_reason != "", rx.fragment(" · ", row.tell_reason), ""),
                rx.cond(row.told_at != "", rx.fragment(" · ", row.told_at), ""),
            ),
            _text_item("breaches.description", row.description),
            _text_item("breaches.measures", row.measures),
            _text_item("breaches.consequences", row.consequences),
            _text_item("breaches.people_text", row.people_text),
            class_name="items",
        ),
        rx.cond(row.ap_state == "open", _ap_forms(row), rx.el.span()),
        rx.cond(row.tell == "", _decide_form(row), rx.el.span()),
        rx.cond(row.tell_pending, _tell_form(row), rx.el.span()),
        _add_form(row),
        class_name="card",
    )


def breaches_page() -> rx.Component:
    rows: Any = BreachesState.rows
    return portal_page(
        rx.el.h1(tr("breaches.title")),
        rx.el.p(tr("breaches.intro")),
        notice(BreachesState.notice_text, BreachesState.notice_kind),
        rx.cond(
            BreachesState.told_now != "",
            rx.el.p(tr("breaches.told_count_now"), " ", BreachesState.told_now, role="status"),
            rx.el.span(),
        ),
        _new_form(),
        rx.el.section(
            rx.el.h2(tr("breaches.register")),
            rx.cond(
                rows.length() > 0,
                rx.el.ul(rx.foreach(BreachesState.rows, _item), class_name="plain"),
                rx.el.p(tr("breaches.none")),
            ),
        ),
    )
