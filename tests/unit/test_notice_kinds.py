"""Notices that mean what they say (issue 18 item 1): each catalog key a page shows as a
notice has one kind, decided in one place (kwportal/ui/notices.py); the notice says it in a
word and a border, and in its role: ``alert`` for an error, ``status`` for the others."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kwportal.i18n import CATALOGS
from kwportal.ui.components.field_errors import links
from kwportal.ui.components.forms import notice
from kwportal.ui.notices import KINDS, kind_of, kind_or_empty
from kwportal.ui.states.auth import AuthState

UI = Path(__file__).resolve().parents[2] / "kwportal" / "ui"
NOTICE_NAMES = {"notice_key", "done_key", "message_key"}


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("consents.withdrawn", "success"),
        ("consent.granted", "success"),
        ("sick.done", "success"),
        ("self_report.sick_done", "success"),
        ("feedback.released", "success"),
        ("rights.submitted_complaint", "success"),
        ("visitor.cookies_saved", "success"),
        ("auth.logged_out", "info"),
        ("estimate.unchanged", "info"),
        ("desk_export.no_account", "info"),
        ("stepup.act_cancelled", "info"),
        ("draft.gone", "warning"),
        ("feedback.stale", "warning"),
        ("consent.already_withdrawn", "warning"),
        ("consents.not_granted", "warning"),
        ("auth.session_expired", "warning"),
        ("auth.invalid", "error"),
        ("sick.error.phone", "error"),
        ("consults.error.cancelled", "error"),
        ("employer_case.not_found", "error"),
        ("consent.unknown", "error"),
        ("self_report.not_allowed", "error"),
    ],
)
def test_a_key_has_the_kind_its_outcome_means(key: str, kind: str) -> None:
    assert key in CATALOGS["nl"]
    assert kind_of(key) == kind


def test_no_notice_has_no_kind() -> None:
    assert kind_or_empty("") == ""
    assert kind_or_empty("sick.done") == "success"


def _literal_notice_keys() -> set[str]:
    """Every string a page state puts straight into a notice key."""
    found: set[str] = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Assign):
                continue
            targets = [t for target in node.targets for t in getattr(target, "elts", [target])]
            values = getattr(node.value, "elts", [node.value])
            for target, value in zip(targets, values, strict=False):
                name = getattr(target, "attr", getattr(target, "id", ""))
                for const in ast.walk(value):
                    if (
                        name in NOTICE_NAMES
                        and isinstance(const, ast.Constant)
                        and isinstance(const.value, str)
                        and "." in const.value.rstrip(".")
                    ):
                        found.add(const.value)
    return found


def test_every_notice_a_page_sets_is_in_the_catalog_and_has_a_kind() -> None:
    keys = _literal_notice_keys()
    assert len(keys) > 40
    assert sorted(k for k in keys if k not in CATALOGS["nl"]) == []
    assert {kind_of(k) for k in keys} <= set(KINDS)
    # the outcomes a person is glad of never look like a failure
    done = {k for k in keys if k.endswith((".done", ".saved", ".sent", ".withdrawn"))}
    assert done and all(kind_of(k) == "success" for k in done)


def test_the_notice_says_its_kind_in_its_role_and_a_word() -> None:
    rendered = str(notice(AuthState.notice_text, AuthState.notice_kind).render())
    assert 'role:"alert"' in rendered and 'role:"status"' in rendered
    assert '"aria-live":"assertive"' in rendered and '"aria-live":"polite"' in rendered
    for kind in KINDS:
        assert CATALOGS["nl"][f"notice.kind.{kind}"] in rendered
        assert CATALOGS["en"][f"notice.kind.{kind}"] in rendered
    plain = str(notice(AuthState.notice_text).render())
    assert 'role:"alert"' in plain  # a caller that names no kind keeps the error's role


def test_the_error_summary_links_each_refusal_to_its_field() -> None:
    keys = [["contact_phone", "sick.error.phone"], ["case", "sick.error.number"]]
    lines = links(keys, "sick-", ("contact_phone",), "nl", {"contact_phone": "sick.contact_phone"})
    assert lines == [
        [
            "#sick-contact_phone",
            f"{CATALOGS['nl']['sick.contact_phone']}: {CATALOGS['nl']['sick.error.phone']}",
        ],
        ["", CATALOGS["nl"]["sick.error.number"]],
    ]
