"""The medical-term check of employer feedback (issue 7, item 4): the employer may hear
the four items only (seed ch. 1, "Aan werkgever"), never a diagnosis or a medicine, so
the feedback is searched for diagnosis, condition, treatment and medication terms from a
shipped Dutch and English list before it is released.

Matching ignores case and accents ("Suïcide" finds "suicide") and finds whole words only
("reuma" is not found inside "reumaconsulent"; multi-word terms match across any
whitespace). A hit blocks the release until the author edits the text or
confirms with a reason (services/feedback).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

TERM_FILES = ("medical_terms_nl.txt", "medical_terms_en.txt")


def normalise(text: str) -> str:
    """Lower case without accents: the form terms and texts are compared in."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def _read(name: str) -> list[str]:
    text = resources.files("kwportal.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def terms() -> frozenset[str]:
    """Every term of both lists, normalised."""
    return frozenset(normalise(term) for name in TERM_FILES for term in _read(name))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    longest_first = sorted(terms(), key=lambda t: (-len(t), t))
    alternatives = "|".join(r"\s+".join(map(re.escape, t.split())) for t in longest_first)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


@dataclass(frozen=True, slots=True)
class TermHit:
    """One flagged term: which field, and the term as the list spells it."""

    field: str
    term: str


def find_terms(text: str) -> tuple[str, ...]:
    """The distinct list terms in ``text``, in order of first appearance."""
    found: dict[str, None] = {}
    for match in _pattern().finditer(normalise(text)):
        found.setdefault(" ".join(match.group(0).split()), None)
    return tuple(found)


def check_fields(fields: dict[str, str]) -> tuple[TermHit, ...]:
    """Every flagged term per field, fields in the given order."""
    return tuple(TermHit(name, term) for name, text in fields.items() for term in find_terms(text))
