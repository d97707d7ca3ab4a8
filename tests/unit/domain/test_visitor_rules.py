"""Pure rules of the public site: IP truncation, referrer hosts, the three-year statistics
term, input validation, versioned legal texts and the signed form token."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kwportal.domain import legal_texts
from kwportal.domain import visitors as rules
from kwportal.domain.legal_texts import Document
from kwportal.i18n import CATALOGS
from kwportal.services.visitors.common import form_token_problem, new_form_token

SECRET = "unit-secret"
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("ip", "prefix"),
    [
        ("203.0.113.77", "203.0.113.0"),
        ("2001:db8:1:2:3::5", "2001:db8:1::"),
        ("not an ip", ""),
        ("", ""),
    ],
)
def test_ip_is_cut_to_its_network(ip: str, prefix: str) -> None:
    assert rules.truncate_ip(ip) == prefix


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.google.com/search?q=verzuim+naam", "www.google.com"),
        ("http://localhost:3000/privacy", ""),
        ("", ""),
        ("javascript:alert(1)", ""),
        ("https://<script>/", ""),
    ],
)
def test_referrer_keeps_only_an_outside_host(url: str, host: str) -> None:
    assert rules.referrer_host(url, "localhost") == host


def test_statistics_are_due_after_three_whole_years() -> None:
    """seed ch. 2: "maximaal drie jaar"; 29 February ends on 1 March (domain/retention)."""
    assert rules.statistics_cutoff(date(2026, 11, 28)) == date(2023, 11, 29)
    assert rules.statistics_destroy_from(date(2024, 2, 29)) == date(2027, 3, 1)
    assert rules.statistics_cutoff(date(2027, 2, 28)) == date(2024, 2, 29)
    assert rules.statistics_cutoff(date(2027, 3, 1)) == date(2024, 3, 2)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("iemand@example.nl", ""),
        (" Iemand@Example.NL ", ""),
        ("", "visitor.email_missing"),
        ("geen-adres", "visitor.email_invalid"),
        ("<script>@x.nl", "visitor.email_invalid"),
        ("a" * 10_000 + "@example.nl", "visitor.email_invalid"),
    ],
)
def test_email_validation(value: str, problem: str) -> None:
    assert rules.email_problem(value) == problem


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("088 501 43 02", ""),
        ("+31 (0)6-12345678", ""),
        ("", "visitor.phone_missing"),
        ("12345", "visitor.phone_invalid"),
        ("<script>alert(1)</script>", "visitor.phone_invalid"),
        ("1" * 10_000, "visitor.phone_invalid"),
    ],
)
def test_phone_validation(value: str, problem: str) -> None:
    assert rules.phone_problem(value) == problem


def test_names_and_texts_have_limits() -> None:
    assert rules.name_problem("<script>alert(1)</script>") == ""  # text, shown as text
    assert rules.name_problem("x" * 10_000) == "visitor.name_invalid"
    assert rules.name_problem("a\x07b") == "visitor.name_invalid"
    assert rules.name_problem(" ") == "visitor.name_missing"
    assert rules.text_problem("x" * 501, rules.MAX_MESSAGE) == "visitor.text_too_long"


def test_callbacks_go_180_days_after_closing_or_after_a_year() -> None:
    created = NOW - timedelta(days=10)
    assert not rules.callback_due(created, None, NOW)
    assert not rules.callback_due(created, NOW - timedelta(days=179), NOW)
    assert rules.callback_due(created, NOW - timedelta(days=180), NOW)
    assert rules.callback_due(NOW - timedelta(days=365), None, NOW)


def test_every_version_has_text_in_both_languages_and_a_date() -> None:
    for doc, versions in legal_texts.VERSIONS.items():
        numbers = [v.number for v in versions]
        assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
        dates = [v.published_on for v in versions]
        assert dates == sorted(dates), doc
        for version in versions:
            for _section, key in version.sections:
                for lang in ("nl", "en"):
                    assert CATALOGS[lang][f"{key}.title"] and CATALOGS[lang][f"{key}.body"]


def test_changes_since_an_older_version_name_each_section() -> None:
    found = {c.section: c.kind for c in legal_texts.changes(Document.COOKIES, 1)}
    assert found == {
        "functional": "changed",
        "analytics": "changed",
        "marketing": "changed",
        "choice": "added",
    }
    privacy = {c.section: c.kind for c in legal_texts.changes(Document.PRIVACY, 1)}
    assert privacy["statistics"] == "added" and privacy["grounds"] == "changed"
    assert "data" not in privacy  # unchanged sections are not listed
    assert legal_texts.changes(Document.COOKIES, legal_texts.current(Document.COOKIES).number) == ()
    assert legal_texts.changes(Document.COOKIES, 99) == ()


def test_version_tags_round_trip() -> None:
    tag = legal_texts.version_tag(Document.COOKIES)
    assert legal_texts.parse_tag(tag) == (
        Document.COOKIES,
        legal_texts.current(Document.COOKIES).number,
    )
    assert legal_texts.parse_tag("nonsense") is None
    assert legal_texts.parse_tag("cookies-x") is None


def test_form_token_is_signed_bound_to_its_cookie_and_timed() -> None:
    token, nonce = new_form_token(SECRET, NOW)
    later = NOW + timedelta(seconds=5)
    assert form_token_problem(SECRET, token, nonce, later, min_seconds=2) == ""
    assert form_token_problem(SECRET, token, nonce, NOW, min_seconds=2) == "visitor.too_fast"
    assert (
        form_token_problem(SECRET, token, "other", later, min_seconds=2) == "visitor.form_invalid"
    )
    assert form_token_problem(SECRET, token, "", later, min_seconds=2) == "visitor.form_invalid"
    assert form_token_problem("other", token, nonce, later, min_seconds=2) == "visitor.form_invalid"
    stamp, rest = token.split(".", 1)
    forged = f"{int(stamp) - 100}.{rest}"
    assert form_token_problem(SECRET, forged, nonce, later, min_seconds=2) == "visitor.form_invalid"
    stale = NOW + rules.MAX_FORM_AGE + timedelta(seconds=1)
    assert form_token_problem(SECRET, token, nonce, stale, min_seconds=2) == "visitor.form_stale"
    assert (
        form_token_problem(SECRET, "x" * 10_000, nonce, later, min_seconds=2)
        == "visitor.form_invalid"
    )
