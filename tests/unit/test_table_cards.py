"""Issue 18 item 6: on a phone every table becomes stacked cards (below 600 px), each value led
by its column header, and no word is broken mid-word. The helper labels every data cell; the
pages build their tables through it; the stylesheet holds the media query and no table rule
breaks words anywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import reflex as rx

from kwportal.ui.components.lists import STACK, data_table

ROOT = Path(__file__).resolve().parents[2]
CSS = ROOT / "assets" / "kwportal.css"
TD = re.compile(r'jsx\("td",\{([^}]*)\}')
TABLE = re.compile(r'jsx\("table",\{([^}]*)\}')


def _tds(js: str) -> list[str]:
    return TD.findall(js)


def _assert_stacked(js: str) -> None:
    tables, tds = TABLE.findall(js), _tds(js)
    assert tables and tds
    assert all(STACK in props.split("className:")[1] for props in tables), tables
    assert all('"data-label":' in props for props in tds), tds


def test_data_table_labels_every_cell_with_its_header() -> None:
    rows = rx.Var.create([["Kantoor", "12"], ["Werkplaats", "3"]])
    js = str(
        data_table(
            caption="Verzuim",
            headers=["Afdeling", "Aantal"],
            rows=rows,
            cells=lambda r: [r[0], r[1]],
        )
    )
    _assert_stacked(js)
    labels = [re.search(r'"data-label":"([^"]*)"', props) for props in _tds(js)]
    assert [m.group(1) for m in labels if m] == ["Afdeling", "Aantal"]
    assert js.count('jsx("th",{scope:"col"}') == 2  # header cells stay for screen readers


def test_data_table_refuses_a_cell_without_header() -> None:
    with pytest.raises(ValueError):
        str(
            data_table(
                caption="x",
                headers=["a"],
                rows=rx.Var.create([["1", "2"]]),
                cells=lambda r: [r[0], r[1]],
            )
        )


def test_every_page_table_stacks_and_labels_its_cells() -> None:
    from kwportal.ui.pages.employer import overview, reports, roster
    from kwportal.ui.pages.visitors import stats

    for part in (
        reports.employer_reports_page,
        roster._error_table,
        stats.site_stats_page,
        overview._table,
    ):
        _assert_stacked(str(part()))


def test_no_page_builds_a_bare_data_cell() -> None:
    ui = ROOT / "kwportal" / "ui"
    bare = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in ui.rglob("*.py")
        if path.name != "lists.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "rx.el.td(" in line
    ]
    assert not bare, f"use kwportal.ui.components.lists.cell/data_table: {bare}"


def _rules(css: str) -> list[tuple[str, str]]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [(sel.strip(), body) for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)]


def test_css_stacks_tables_below_600px_with_labels_and_hidden_header() -> None:
    css = CSS.read_text(encoding="utf-8")
    media = css.split("@media (max-width: 599px)", 1)
    assert len(media) == 2, "the phone media query is missing"
    phone = dict(_rules(media[1].split("\n}\n", 1)[0] + "\n}"))
    before = next(body for sel, body in phone.items() if "table.stack td::before" in sel)
    assert "attr(data-label)" in before
    head = next(body for sel, body in phone.items() if sel == "table.stack thead")
    assert "clip" in head and "display: none" not in head  # hidden, still read out
    rows = next(body for sel, body in phone.items() if sel == "table.stack tr")
    assert "border" in rows


def test_no_table_rule_breaks_words_anywhere() -> None:
    rules = _rules(CSS.read_text(encoding="utf-8"))
    cells = [
        (sel, body)
        for sel, body in rules
        if re.search(r"(^|[\s,.>])(table|td|th|caption)\b|table", sel)
    ]
    assert cells
    for sel, body in cells:
        squeezed = body.replace(" ", "")
        assert "break-all" not in squeezed, sel
        assert "overflow-wrap:anywhere" not in squeezed, sel
        assert "word-break:break-word" not in squeezed, sel
    # the body's overflow-wrap: anywhere must not reach table cells
    whole = [body.replace(" ", "") for sel, body in rules if sel == "table th, table td"]
    assert whole and "overflow-wrap:break-word" in whole[0] and "hyphens:auto" in whole[0]
