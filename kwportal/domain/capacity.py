"""The functional capacity (seed ch. 1, "Aan werkgever"; issue 7, item 3): what the employee
can and cannot do, after the six areas of the Functionele Mogelijkhedenlijst (FML), each
``can`` / ``limited`` / ``cannot`` with a short note.

The one definition of the areas and the levels, and of the JSON an employer feedback row
keeps them in: ``functional_capacity`` is ``{area: level}``, ``capacity_notes`` is
``{area: note}``, each with the assessed areas only. Reading is tolerant of what is stored
today (an empty column, ``null``, a value that is no object, invalid JSON, a key outside
the list): nothing stored makes a page fail, and an unknown key is kept, after the six.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

#: the six areas of the FML, in the order of the list (the JSON keys)
AREAS = (
    "personal_functioning",
    "social_functioning",
    "physical_environment",
    "dynamic_movements",
    "static_postures",
    "working_hours",
)
CAN, LIMITED, CANNOT = "can", "limited", "cannot"
LEVELS = (CAN, LIMITED, CANNOT)
#: the longest note on one area
MAX_NOTE = 200

_RANK = {area: n for n, area in enumerate(AREAS)}

Pairs = tuple[tuple[str, str], ...]


def is_level(value: str) -> bool:
    return value in LEVELS


def ordered(values: Mapping[str, str]) -> Pairs:
    """``(area, value)`` pairs with a value: the six areas in the order of the list, then
    any other key (sorted)."""
    keys = sorted(values, key=lambda k: (_RANK.get(k, len(AREAS)), k))
    return tuple((k, values[k]) for k in keys if values[k])


def parse(raw: str | None) -> dict[str, str]:
    """One stored column as ``{area: text}`` in the order of the list; empty values are
    left out, and anything that is not a JSON object of texts reads as nothing."""
    try:
        value = json.loads(raw or "{}")
    except (TypeError, ValueError):
        return {}
    if not isinstance(value, dict):
        return {}
    texts = {
        str(k): v if isinstance(v, str) else str(v)
        for k, v in value.items()
        if isinstance(v, str | int | float) and not isinstance(v, bool)
    }
    return dict(ordered(texts))


def dump(values: Mapping[str, str]) -> str:
    """The stored form of one column: the areas with a value, in the order of the list."""
    return json.dumps(dict(ordered(values)))


@dataclass(frozen=True, slots=True)
class Capacity:
    """One feedback's functional capacity: the assessed areas' levels and the notes given,
    each as ``(area, text)`` pairs in the order of the list."""

    levels: Pairs = ()
    notes: Pairs = ()

    def level(self, area: str) -> str:
        """The area's level, or "" when it was not assessed."""
        return dict(self.levels).get(area, "")

    def note(self, area: str) -> str:
        return dict(self.notes).get(area, "")

    def to_json(self) -> tuple[str, str]:
        """``(functional_capacity, capacity_notes)`` as stored."""
        return dump(dict(self.levels)), dump(dict(self.notes))


def of(levels: Mapping[str, str], notes: Mapping[str, str]) -> Capacity:
    return Capacity(ordered(levels), ordered(notes))


def read(functional_capacity: str | None, capacity_notes: str | None = None) -> Capacity:
    """The two stored columns as one :class:`Capacity` (tolerant; see the module)."""
    return Capacity(tuple(parse(functional_capacity).items()), tuple(parse(capacity_notes).items()))
