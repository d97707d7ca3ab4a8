"""The functional-capacity model (``domain.capacity``): the six FML areas and three levels,
defined once; the JSON a feedback row keeps them in, written in the order of the list and
read back tolerantly from whatever is stored today."""

from __future__ import annotations

import json

import pytest

from kwportal.domain import capacity
from kwportal.services.feedback import editor
from kwportal.ui.components import employer_case


def test_the_areas_and_levels_are_defined_once():
    assert capacity.AREAS == (
        "personal_functioning",
        "social_functioning",
        "physical_environment",
        "dynamic_movements",
        "static_postures",
        "working_hours",
    )
    assert capacity.LEVELS == ("can", "limited", "cannot")
    assert editor.FML_AREAS is capacity.AREAS and editor.LEVELS is capacity.LEVELS
    assert employer_case.CAPACITY_AREAS is capacity.AREAS
    assert employer_case.CAPACITY_LEVELS is capacity.LEVELS
    assert editor.MAX_CAPACITY_NOTE == capacity.MAX_NOTE


@pytest.mark.parametrize(
    ("value", "ok"), [("can", True), ("cannot", True), ("", False), ("x", False)]
)
def test_a_level_is_one_of_the_three(value, ok):
    assert capacity.is_level(value) is ok


def test_dump_keeps_the_assessed_areas_in_the_order_of_the_list():
    raw = capacity.dump({"working_hours": "limited", "personal_functioning": "can", "x": ""})
    assert raw == '{"personal_functioning": "can", "working_hours": "limited"}'
    assert capacity.dump({}) == "{}"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('{"working_hours": "limited"}', {"working_hours": "limited"}),
        ("{}", {}),
        ("", {}),
        (None, {}),
        ("null", {}),
        ('["working_hours"]', {}),
        ('"limited"', {}),
        ("{not json", {}),
        ('{"working_hours": "", "static_postures": null}', {}),
        ('{"working_hours": 3, "static_postures": {"level": "can"}}', {"working_hours": "3"}),
    ],
)
def test_parse_is_tolerant_of_what_is_stored(raw, expected):
    assert capacity.parse(raw) == expected


def test_parse_puts_the_six_first_in_their_order_and_keeps_an_unknown_key_after_them():
    raw = json.dumps({"zz_other": "can", "working_hours": "cannot", "aa_other": "limited"})
    assert list(capacity.parse(raw).items()) == [
        ("working_hours", "cannot"),
        ("aa_other", "limited"),
        ("zz_other", "can"),
    ]


def test_read_and_to_json_round_trip():
    levels = {"dynamic_movements": "limited", "personal_functioning": "can"}
    notes = {"dynamic_movements": "niet meer dan 10 kg tillen", "working_hours": ""}
    stored = capacity.of(levels, notes)
    assert stored.levels == (("personal_functioning", "can"), ("dynamic_movements", "limited"))
    assert stored.notes == (("dynamic_movements", "niet meer dan 10 kg tillen"),)
    assert capacity.read(*stored.to_json()) == stored
    assert json.loads(stored.to_json()[1]) == {"dynamic_movements": "niet meer dan 10 kg tillen"}


def test_an_area_not_assessed_reads_as_empty():
    stored = capacity.read('{"working_hours": "limited"}')
    assert stored.level("working_hours") == "limited"
    assert stored.level("static_postures") == "" and stored.note("working_hours") == ""
    assert capacity.read(None, None) == capacity.Capacity()
