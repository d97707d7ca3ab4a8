"""Password rules after NIST SP 800-63B: length, not common, not like the user's own name or
e-mail; no composition rules. Each rule is a small class with a stable error code, so the
message is translated in the interface and the rule is tested on its own."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise

MIN_LENGTH = 12
#: at least 64 must be accepted; a bound keeps the hashing cost bounded
MAX_LENGTH = 256
SIMILARITY_LIMIT = 0.7
#: a name part must be this long, and cover this share of the password, to count
MIN_PART_LENGTH = 4
MIN_PART_SHARE = 0.3
#: Dutch name particles are common words, not personal
NAME_PARTICLES = frozenset({"van", "der", "den", "de", "het", "ter", "ten", "op", "in", "la", "le"})
MAX_REPEAT_UNIT = 4
_TRAILING = re.compile(r"[\d\W_]+$")


@dataclass(frozen=True, slots=True)
class PasswordProblem:
    code: str


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """30,000 common passwords, shipped with the zxcvbn package (no download)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(word.lower() for word in FREQUENCY_LISTS["passwords"])


class LengthRule:
    def check(self, password: str, _attributes: Iterable[str]) -> PasswordProblem | None:
        if len(password) < MIN_LENGTH:
            return PasswordProblem("password_too_short")
        if len(password) > MAX_LENGTH:
            return PasswordProblem("password_too_long")
        return None


class CommonPasswordRule:
    """Refuses a listed password, also with digits or symbols added at the end
    (``qwerty123456``) and also repeated (``passwordpassword``)."""

    def check(self, password: str, _attributes: Iterable[str]) -> PasswordProblem | None:
        lowered = password.lower().strip()
        listed = common_passwords()
        stem = _TRAILING.sub("", lowered)
        candidates = {lowered, stem, *_repeats(lowered), *_repeats(stem)}
        if any(c in listed for c in candidates if c) or _predictable(lowered):
            return PasswordProblem("password_common")
        return None


def _predictable(text: str) -> bool:
    """Few distinct characters, a short unit repeated (``abcabcabcabc``) or an alphabet or
    digit run (``123456789012``, ``zyxwvutsrqpo``)."""
    if len(set(text)) <= 2 or any(len(unit) <= MAX_REPEAT_UNIT for unit in _repeats(text)):
        return True
    steps = {
        (ord(b) - ord(a)) % 10 if a.isdigit() and b.isdigit() else ord(b) - ord(a)
        for a, b in pairwise(text)
    }
    return text.isascii() and text.isalnum() and steps in ({1}, {-1}, {9})


def _repeats(text: str) -> set[str]:
    return {text[:n] for n in range(1, len(text) // 2 + 1) if text[:n] * (len(text) // n) == text}


class SimilarityRule:
    """Refuses a password that contains or resembles the user's name, username or e-mail."""

    def check(self, password: str, attributes: Iterable[str]) -> PasswordProblem | None:
        lowered = password.lower()
        for attribute in attributes:
            for part in _parts(attribute):
                if _contains_personal(lowered, part):
                    return PasswordProblem("password_like_user")
                if _similar(lowered, part):
                    return PasswordProblem("password_like_user")
        return None


def _contains_personal(password: str, part: str) -> bool:
    if len(part) < MIN_PART_LENGTH or part in NAME_PARTICLES or part not in password:
        return False
    return len(part) / len(password) >= MIN_PART_SHARE


def _similar(password: str, part: str) -> bool:
    matcher = SequenceMatcher(a=password, b=part)
    return matcher.quick_ratio() >= SIMILARITY_LIMIT and matcher.ratio() >= SIMILARITY_LIMIT


def _parts(attribute: str) -> set[str]:
    lowered = attribute.lower().strip()
    if not lowered:
        return set()
    pieces = re.split(r"[\W_]+", lowered.split("@", 1)[0])
    return {lowered, *(p for p in pieces if p)}


RULES = (LengthRule(), CommonPasswordRule(), SimilarityRule())


def password_problems(password: str, *, user_attributes: Iterable[str] = ()) -> list[str]:
    """Error codes for ``password``; empty when acceptable."""
    attributes = tuple(user_attributes)
    problems: list[str] = []
    for rule in RULES:
        problem = rule.check(password, attributes)
        if problem:
            problems.append(problem.code)
            if problem.code == "password_too_long":
                break
    return problems
