"""The shipped medical-term lists and the matching rules (issue 7, item 4)."""

from __future__ import annotations

from importlib import resources

import pytest

from kwportal.domain.medical_terms import (
    TERM_FILES,
    check_fields,
    find_terms,
    normalise,
    terms,
)


def _lines(name: str) -> list[str]:
    text = resources.files("kwportal.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_the_lists_hold_at_least_500_distinct_terms_in_dutch_and_english():
    assert len(terms()) >= 500
    dutch, english = (set(map(normalise, _lines(name))) for name in TERM_FILES)
    assert len(dutch) >= 250 and len(english) >= 250
    assert {"depressie", "oxazepam", "hernia"} <= dutch
    assert {"depression", "sertraline", "herniated disc"} <= english


def test_every_term_is_lower_case_and_found_in_itself():
    for name in TERM_FILES:
        for line in _lines(name):
            assert line == line.strip().lower(), line
            assert normalise(line) in find_terms(f"x {line} y"), line


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Hij heeft DEPRESSIE", ("depressie",)),
        ("Suïcidale gedachten en suïcide", ("suicide",)),
        ("Na de bypass-operatie", ("bypass", "operatie")),
        ("covid-19 en post-covid", ("covid-19", "post-covid")),
        ("Na de bypassoperatie", ("bypassoperatie",)),
        ("Diagnosed with multiple\n sclerosis.", ("diagnosed", "multiple sclerosis")),
        ("Uses sertraline, then prozac", ("sertraline", "prozac")),
        ("reumaconsulent gebeld", ()),
        ("Long covid sinds maart", ("long covid",)),
    ],
)
def test_whole_words_case_and_accents_ignored(text, found):
    assert find_terms(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Start met aangepast werk, 2 uur per dag, zonder tillen.",
        "Kan zittend werk doen; beperkt in dynamische handelingen.",
        "Verwacht herstel binnen 4 tot 6 weken; daarna evaluatie.",
        "Can work half days, no night shifts, review in four weeks.",
    ],
)
def test_ordinary_feedback_is_not_flagged(text):
    assert find_terms(text) == ()


def test_hits_name_the_field():
    hits = check_fields({"advice": "geen paracetamol", "expected_period": "6 weken"})
    assert [(h.field, h.term) for h in hits] == [("advice", "paracetamol")]
