"""TOTP (RFC 6238) rules: 30-second steps, one step of drift, each step accepted once.

Expected codes come from pyotp directly, not from the module under test.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, unquote, urlparse

import pyotp
import pytest

from kwportal.domain import totp

SECRET = pyotp.random_base32(length=32)
#: five seconds into a 30-second step
T0 = datetime(2026, 11, 2, 9, 0, 5, tzinfo=UTC)
STEP = timedelta(seconds=30)


def code_at(moment: datetime, secret: str = SECRET) -> str:
    return pyotp.TOTP(secret).at(moment)


def test_the_current_code_is_accepted_and_names_its_step():
    step = totp.accept(SECRET, code_at(T0), T0, None)
    assert step == int(T0.timestamp()) // 30
    assert step == totp.step_of(T0)


@pytest.mark.parametrize("drift", [-1, 1])
def test_one_step_of_drift_either_way_is_accepted(drift):
    assert totp.accept(SECRET, code_at(T0 + drift * STEP), T0, None) == totp.step_of(T0) + drift


@pytest.mark.parametrize("drift", [-3, -2, 2, 3])
def test_two_or_more_steps_of_drift_are_refused(drift):
    code = code_at(T0 + drift * STEP)
    if code in {code_at(T0 + d * STEP) for d in (-1, 0, 1)}:
        pytest.skip("one-in-a-million collision of codes")
    assert totp.accept(SECRET, code, T0, None) is None


def test_a_code_from_another_secret_is_refused():
    other = pyotp.random_base32(length=32)
    code = code_at(T0, other)
    if code in {code_at(T0 + d * STEP) for d in (-1, 0, 1)}:
        pytest.skip("one-in-a-million collision of codes")
    assert totp.accept(SECRET, code, T0, None) is None


def test_each_step_is_accepted_once():
    step = totp.accept(SECRET, code_at(T0), T0, None)
    assert step is not None
    assert totp.accept(SECRET, code_at(T0), T0 + timedelta(seconds=10), step) is None


def test_an_earlier_step_after_a_later_one_was_used_is_refused():
    later = totp.step_of(T0) + 1
    assert totp.accept(SECRET, code_at(T0), T0, later) is None
    assert totp.accept(SECRET, code_at(T0 - STEP), T0, later) is None


def test_the_next_step_is_accepted_after_one_was_used():
    used = totp.step_of(T0)
    assert totp.accept(SECRET, code_at(T0 + STEP), T0 + STEP, used) == used + 1


def test_a_used_valid_code_is_a_replay():
    used = totp.step_of(T0)
    assert totp.is_replay(SECRET, code_at(T0), T0 + timedelta(seconds=3), used)
    assert totp.is_replay(SECRET, code_at(T0 - STEP), T0, used)


def test_a_fresh_wrong_or_malformed_code_is_not_a_replay():
    used = totp.step_of(T0) - 1
    assert not totp.is_replay(SECRET, code_at(T0), T0, used)
    assert not totp.is_replay(SECRET, code_at(T0), T0, None)
    assert not totp.is_replay(SECRET, "abc", T0, used)
    wrong = f"{(int(code_at(T0)) + 1) % 1_000_000:06d}"
    if wrong not in {code_at(T0 + d * STEP) for d in (-2, -1, 0, 1)}:
        assert not totp.is_replay(SECRET, wrong, T0, used + 5)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("123456", "123456"),
        ("123 456", "123456"),
        ("123-456", "123456"),
        (" 12 34 56 ", "123456"),
        ("123456\n", "123456"),
        ("\t123\u00a0456", "123456"),
        ("012345", "012345"),
    ],
)
def test_normalise_code_removes_spaces_and_dashes(raw, expected):
    assert totp.normalise_code(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["", "12345", "1234567", "12345a", "abcdef", "12.456", "12_456", "+12345", "1" * 10_240],
)
def test_normalise_code_refuses_malformed_input(raw):
    assert totp.normalise_code(raw) is None


def test_normalise_code_is_fast_on_ten_kilobytes():
    started = time.perf_counter()
    for raw in ("7" * 10_240, " -" * 5_120, "x" * 10_240, "123456" + " " * 10_240):
        totp.normalise_code(raw)
    assert time.perf_counter() - started < 0.5


def test_a_code_padded_with_10_kb_of_spaces_still_counts():
    assert totp.accept(SECRET, code_at(T0) + " " * 10_240, T0, None) == totp.step_of(T0)


@pytest.mark.parametrize("digits", ["１２３４５６", "١٢٣٤٥٦", "१२३४५६"])
def test_non_ascii_digits_are_refused_not_crashed_on(digits):
    assert totp.accept(SECRET, digits, T0, None) in (None, totp.step_of(T0))
    assert totp.normalise_code(digits) in (None, "123456")


def test_new_secrets_are_random_base32_of_160_bits_or_more():
    secrets = {totp.new_secret() for _ in range(20)}
    assert len(secrets) == 20
    for secret in secrets:
        assert len(secret) * 5 >= 160
        pyotp.TOTP(secret).now()


def test_the_provisioning_uri_names_issuer_account_and_secret():
    uri = totp.provisioning_uri(SECRET, username="jvandermeer", issuer="KrachtWerkt")
    parsed = urlparse(uri)
    query = parse_qs(parsed.query)
    assert parsed.scheme == "otpauth"
    assert parsed.netloc == "totp"
    assert unquote(parsed.path) == "/KrachtWerkt:jvandermeer"
    assert query["issuer"] == ["KrachtWerkt"]
    assert query["secret"] == [SECRET]
    assert query.get("digits", ["6"]) == ["6"]
    assert query.get("period", ["30"]) == ["30"]
