"""The privacy desk's access-log search (issue 7, item 7): by person, actor, function and
period; metadata only (kwportal/services/privacy/desk_log.py). Each search is logged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import CATALOGS, t
from kwportal.i18n.fmt import fmt_datetime
from kwportal.services.privacy import desk_log as service
from kwportal.ui import routes
from kwportal.ui.components.access_log import date_input, role_label
from kwportal.ui.components.forms import notice
from kwportal.ui.components.lists import card_section, item, optional_item, pager
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.ACCESS_LOG_DESK
ROLES = tuple(str(r) for r in Role)


@dataclass
class DeskRow:
    """A line as stored: names and keys, translated when shown."""

    when: str = ""
    event: str = ""
    actor: str = ""
    role: str = ""
    organisation: str = ""
    subject: str = ""
    categories: str = ""
    objects: str = ""
    action: str = ""
    ground: str = ""


def _label(prefix: str, value: str, lang: str) -> str:
    key = f"{prefix}.{value}"
    return t(key, lang) if key in CATALOGS["nl"] else value


def translate(row: DeskRow, lang: str) -> DeskRow:
    return DeskRow(
        when=row.when,
        event=row.event,
        actor=row.actor or t("desk_log.nobody", lang),
        role=role_label(row.role, lang),
        organisation=row.organisation,
        subject=row.subject,
        categories=", ".join(_label("category", c, lang) for c in row.categories.split()),
        objects=row.objects,
        action=_label("action", row.action, lang),
        ground=_label("ground", row.ground, lang),
    )


def as_row(line: service.DeskLogLine) -> DeskRow:
    actor = f"{line.actor_name} ({line.actor_username})" if line.actor_username else ""
    subject = f"{line.subject_number} · {line.subject_name}" if line.subject_number else ""
    return DeskRow(
        when=fmt_datetime(line.at, short=True, seconds=True),
        event=line.event_type,
        actor=actor,
        role=line.actor_role,
        organisation=line.organisation,
        subject=subject,
        categories=" ".join(line.categories),
        objects=", ".join(line.object_types),
        action=line.action,
        ground=line.ground,
    )


class DeskLogState(Localised, AuthState):
    rows: list[DeskRow] = []
    person: str = ""
    who: str = ""
    role_filter: str = ""
    since: str = ""
    until: str = ""
    today: str = ""
    page: int = 1
    has_more: bool = False

    @rx.var
    def lines(self) -> list[DeskRow]:
        return [translate(row, self._lang) for row in self.rows]

    @rx.var
    def page_line(self) -> str:
        return t("access_log.page", self._lang).replace("{page}", str(self.page))

    def _search(self, form: dict[str, Any], page: int) -> None:
        """Search with the form's filters; a refused search leaves the lines as they were."""
        person = str(form.get("person", ""))[: service.MAX_PERSON + 1]
        who = str(form.get("who", ""))[: service.MAX_WHO + 1]
        role = str(form.get("role", ""))[:40]
        try:
            since, until = date_input(form.get("since")), date_input(form.get("until"))
            result = self._run(service.do_search, person, who, role, since, until, page)
        except (service.DeskLogError, service.BadPeriodError) as error:
            self.notice_key = error.code
            return
        self.notice_key = ""
        self.rows = [as_row(line) for line in result.lines]
        self.person, self.who, self.role_filter = person.strip(), who.strip(), role
        self.since, self.until = result.since.isoformat(), result.until.isoformat()
        self.today = service.local_today().isoformat()
        self.page, self.has_more = result.page, result.has_more

    def _current(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "who": self.who,
            "role": self.role_filter,
            "since": self.since,
            "until": self.until,
        }

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def load(self) -> None:
        """The page opens empty: nobody's log is read before the desk asks."""
        self.rows, self.page, self.has_more = [], 1, False
        self.person = self.who = self.role_filter = self.since = self.until = ""
        self.today = service.local_today().isoformat()
        self.notice_key = ""

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def search(self, form_data: dict[str, Any]) -> None:
        self._search(form_data if isinstance(form_data, dict) else {}, 1)

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def older(self) -> None:
        if self.has_more:
            self._search(self._current(), self.page + 1)

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def newer(self) -> None:
        if self.page > 1:
            self._search(self._current(), self.page - 1)


def _text(label_key: str, name: str, value: Any, limit: int) -> rx.Component:
    ident = f"desk-log-{name}"
    return rx.el.div(
        rx.el.label(tr(label_key), html_for=ident),
        rx.el.input(id=ident, name=name, type="text", default_value=value, max_length=limit),
        class_name="field",
    )


def _date(label_key: str, name: str, value: Any) -> rx.Component:
    ident = f"desk-log-{name}"
    return rx.el.div(
        rx.el.label(tr(label_key), html_for=ident),
        rx.el.input(id=ident, name=name, type="date", default_value=value, max=DeskLogState.today),
        class_name="field",
    )


def _role_select() -> rx.Component:
    options = [rx.el.option(tr("desk_log.any_role"), value="")]
    options += [rx.el.option(tr(f"role.{r}"), value=r) for r in ROLES if r != str(Role.SYSTEM)]
    options.append(rx.el.option(tr("access_log.system"), value=str(Role.SYSTEM)))
    return rx.el.div(
        rx.el.label(tr("desk_log.role"), html_for="desk-log-role"),
        rx.el.select(
            *options, id="desk-log-role", name="role", default_value=DeskLogState.role_filter
        ),
        class_name="field",
    )


def _form() -> rx.Component:
    state = DeskLogState
    return rx.el.form(
        rx.el.fieldset(
            rx.el.legend(tr("desk_log.filters")),
            _text("desk_log.person", "person", state.person, service.MAX_PERSON),
            _text("desk_log.who", "who", state.who, service.MAX_WHO),
            _role_select(),
            _date("access_log.since", "since", state.since),
            _date("access_log.until", "until", state.until),
        ),
        rx.el.button(tr("desk_log.search"), type="submit", class_name="button"),
        on_submit=state.search,
        key=state.since + "/" + state.until + "/" + state.role_filter,
        class_name="form",
    )


def _card(line: Any) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.strong(line.when), " · ", rx.el.code(line.event), class_name="who"),
        rx.el.dl(
            *item("desk_log.actor", line.actor),
            *item("access_log.role", line.role),
            optional_item("access_log.organisation", line.organisation),
            optional_item("desk_log.subject", line.subject),
            *item("access_log.what", line.categories),
            *item("desk_log.objects", line.objects),
            *item("access_log.action", line.action),
            *item("access_log.ground", line.ground),
            class_name="items",
        ),
        class_name="access-card",
    )


def _pager() -> rx.Component:
    state = DeskLogState
    return pager(
        label_key="access_log.paging",
        back_key="desk_log.newer",
        on_back=state.newer,
        back_disabled=state.page <= 1,
        page_line=state.page_line,
        forward_key="desk_log.more",
        on_forward=state.older,
        forward_disabled=~state.has_more,
    )


def desk_log_page() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("desk_log.title")),
        rx.el.p(tr("desk_log.intro")),
        notice(DeskLogState.notice_text, DeskLogState.notice_kind),
        _form(),
        card_section("desk_log.caption", DeskLogState.lines, _card, "desk_log.none"),
        _pager(),
    )
