"""The privacy statement, the cookie page and the employees' privacy reglement, rendered
from versioned text (domain/legal_texts.py): the current version, any earlier one (``?v=``),
and what changed since a version (``?since=``, or on the cookie page since the version the
visitor accepted).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from kwportal.domain import legal_texts
from kwportal.domain.legal_texts import Document, Version
from kwportal.i18n.fmt import fmt_date
from kwportal.ui import routes
from kwportal.ui.components.public_frame import choice_buttons, public_form, public_page, toggles
from kwportal.ui.states.visitor import VisitorState as V
from kwportal.ui.text import tr


def version_label(version: Version) -> str:
    """ "1 (07-02-2023)": the version's number and the day it was published."""
    return f"{version.number} ({fmt_date(version.published_on, short=True)})"


def _paragraphs(key: str) -> rx.Component:
    return rx.el.div(
        rx.cond(
            V.lang == "en",
            rx.fragment(*[_block(p) for p in _split("en", key)]),
            rx.fragment(*[_block(p) for p in _split("nl", key)]),
        )
    )


def _block(text: str) -> rx.Component:
    """A paragraph; its lines starting with ``- `` are a list (after the paragraph's lead)."""
    lines = text.split("\n")
    items = [line[2:] for line in lines if line.startswith("- ")]
    if not items:
        return rx.el.p(text)
    lead = " ".join(line for line in lines if not line.startswith("- "))
    listed = rx.el.ul(*[rx.el.li(item) for item in items])
    return rx.fragment(rx.el.p(lead), listed) if lead else listed


def _split(lang: str, key: str) -> list[str]:
    from kwportal.i18n import CATALOGS

    return CATALOGS[lang][key].split("\n\n")


def _section(key: str, level: str = "h2") -> rx.Component:
    heading = rx.el.h2 if level == "h2" else rx.el.h3
    return rx.el.section(heading(tr(f"{key}.title")), _paragraphs(f"{key}.body"))


def _version(version: Version) -> rx.Component:
    return rx.fragment(*[_section(key) for _section_id, key in version.sections])


def _document(doc: Document, render: Callable[[Version], rx.Component] = _version) -> rx.Component:
    """The version asked for (``?v=``), the current one otherwise."""
    current = legal_texts.current(doc)
    older = [v for v in legal_texts.VERSIONS[doc] if v.number != current.number]
    body: rx.Component = render(current)
    for version in older:
        body = rx.cond(V.doc_version == version.number, render(version), body)
    return body


def _changes(doc: Document, since: int) -> rx.Component:
    items = []
    for change in legal_texts.changes(doc, since):
        kind = tr(f"legal.change.{change.kind}")
        key = change.new_key or change.old_key
        new = _paragraphs(f"{change.new_key}.body") if change.new_key else rx.fragment()
        old = (
            rx.el.details(
                rx.el.summary(tr("legal.old_text")), _paragraphs(f"{change.old_key}.body")
            )
            if change.old_key
            else rx.fragment()
        )
        items.append(rx.el.li(rx.el.h3(tr(f"{key}.title"), " — ", kind), new, old))
    return rx.el.ul(*items, class_name="plain changes")


def _changes_since(doc: Document, since_var: Any) -> rx.Component:
    current = legal_texts.current(doc)
    shown: rx.Component = rx.fragment()
    for version in legal_texts.VERSIONS[doc]:
        if version.number >= current.number:
            continue
        shown = rx.cond(
            since_var == version.number,
            rx.el.section(
                rx.el.h2(tr("legal.changes_since"), " ", version_label(version)),
                _changes(doc, version.number),
                class_name="card",
            ),
            shown,
        )
    return shown


def _versions(doc: Document, route: str) -> rx.Component:
    current = legal_texts.current(doc)
    rows = []
    for version in reversed(legal_texts.VERSIONS[doc]):
        links = [rx.el.a(tr("legal.read"), href=f"{route}?v={version.number}")]
        if version.number < current.number:
            links += [
                " · ",
                rx.el.a(tr("legal.what_changed"), href=f"{route}?since={version.number}"),
            ]
        rows.append(rx.el.li(tr("legal.version"), " ", version_label(version), ": ", *links))
    return rx.el.section(
        rx.el.h2(tr("legal.versions")), rx.el.ul(*rows, class_name="plain"), class_name="card"
    )


def _shown_version(doc: Document) -> rx.Component:
    current = legal_texts.current(doc)
    label: rx.Component = rx.el.span(version_label(current))
    for version in legal_texts.VERSIONS[doc]:
        label = rx.cond(V.doc_version == version.number, rx.el.span(version_label(version)), label)
    return rx.el.p(tr("legal.version_shown"), " ", label, class_name="lead")


def privacy_page() -> rx.Component:
    doc = Document.PRIVACY
    return public_page(
        rx.el.h1(tr("privacy.title")),
        _shown_version(doc),
        rx.el.p(tr("privacy.controller")),
        _changes_since(doc, V.since_version),
        _document(doc),
        _versions(doc, routes.PRIVACY),
    )


def _my_choice() -> rx.Component:
    return rx.el.section(
        rx.el.h2(tr("cookies.your_choice")),
        rx.cond(
            V.has_choice,
            rx.fragment(
                rx.el.p(
                    tr("cookies.choice_made"),
                    " ",
                    V.accepted_on,
                    " (",
                    tr("legal.version"),
                    " ",
                    _var(V.accepted_version).to_string(),
                    ")",
                ),
                rx.el.ul(
                    rx.el.li(tr("cookies.functional"), ": ", tr("cookies.on")),
                    rx.el.li(
                        tr("cookies.analytics"),
                        ": ",
                        rx.cond(V.analytics, tr("cookies.on"), tr("cookies.off")),
                    ),
                    rx.el.li(
                        tr("cookies.marketing"),
                        ": ",
                        rx.cond(V.marketing, tr("cookies.on"), tr("cookies.off")),
                    ),
                    class_name="plain",
                ),
            ),
            rx.el.p(tr("cookies.no_choice")),
        ),
        rx.cond(V.gpc, rx.el.p(tr("cookies.gpc_honoured"), class_name="hint")),
        public_form(
            routes.API_COOKIES,
            rx.el.input(type="hidden", name="back", value=routes.COOKIES),
            toggles("page"),
            choice_buttons(with_custom=True),
        ),
        rx.cond(
            V.has_choice,
            public_form(
                routes.API_COOKIES,
                rx.el.input(type="hidden", name="back", value=routes.COOKIES),
                rx.el.button(
                    tr("cookies.withdraw"),
                    type="submit",
                    name="choice",
                    value="withdraw",
                    class_name="button secondary",
                ),
            ),
        ),
        class_name="card",
    )


def cookies_page() -> rx.Component:
    doc = Document.COOKIES
    current = legal_texts.current(doc).number
    since = rx.cond(
        V.since_version > 0,
        V.since_version,
        rx.cond((V.accepted_version > 0) & (V.accepted_version < current), V.accepted_version, 0),
    )
    return public_page(
        rx.el.h1(tr("cookies.title")),
        _my_choice(),
        _changes_since(doc, since),
        _shown_version(doc),
        _document(doc),
        _versions(doc, routes.COOKIES),
    )


def _var(value: Any) -> Any:
    """A state field as the Var it is at compile time (for the type checker)."""
    return value


def _web_chapter() -> rx.Component:
    """Seed ch. 2 is the visitors' privacy statement and cookie policy: a pointer to them."""
    return rx.el.section(
        rx.el.h2(tr("reglement.chapter.web")),
        rx.el.p(
            tr("reglement.chapter.web_body"),
            " ",
            rx.el.a(tr("public.nav.privacy"), href=routes.PRIVACY),
            " · ",
            rx.el.a(tr("public.nav.cookies"), href=routes.COOKIES),
        ),
        class_name="chapter",
    )


def _chapters(version: Version) -> rx.Component:
    """The reglement's sections (id ``<chapter>.<name>``) under their chapter headings: the
    introduction's sections on their own, then seed ch. 1, the pointer to ch. 2, ch. 3."""
    groups: dict[str, list[str]] = {}
    for section_id, key in version.sections:
        groups.setdefault(section_id.partition(".")[0], []).append(key)
    parts: list[rx.Component] = []
    for chapter, keys in groups.items():
        if chapter == "intro":
            parts += [_section(key) for key in keys]
            continue
        if chapter == "general":
            parts.append(_web_chapter())
        parts.append(
            rx.el.section(
                rx.el.h2(tr(f"reglement.chapter.{chapter}")),
                *[_section(key, "h3") for key in keys],
                class_name="chapter",
            )
        )
    return rx.fragment(*parts)


def _in_this_portal() -> rx.Component:
    """What this portal does beyond the seed's text (not part of the versioned text)."""
    return rx.el.section(
        rx.el.h2(tr("reglement.portal.title")),
        _paragraphs("reglement.portal.body"),
        rx.el.p(rx.el.a(tr("reglement.portal.link"), href=routes.MY_RIGHTS)),
        class_name="card",
    )


def reglement_page() -> rx.Component:
    """The privacy reglement for employees (seed introduction, ch. 1 and ch. 3; issue 17)."""
    doc = Document.REGLEMENT
    return public_page(
        rx.el.h1(tr("reglement.title")),
        _shown_version(doc),
        rx.el.p(tr("reglement.lead")),
        _changes_since(doc, V.since_version),
        _document(doc, _chapters),
        _in_this_portal(),
        _versions(doc, routes.PRIVACYREGLEMENT),
    )
