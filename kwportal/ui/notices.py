"""What kind a notice is (issue 18 item 1; STYLE.md "On a phone"): success, information,
warning or error, decided here for every catalog key a state puts in ``notice_key``, so no
caller guesses. A key's last part names the outcome ("consent.withdrawn", "feedback.saved");
a part under ``.error.`` or a refusal is an error; a short table settles the exceptions.

The kind decides the words and the border the notice shows (not only its colour) and how a
screen reader hears it: an error interrupts (``role="alert"``), the others wait their turn
(``role="status"``)."""

from __future__ import annotations

from typing import Literal

Kind = Literal["success", "info", "warning", "error"]
KINDS: tuple[Kind, ...] = ("success", "info", "warning", "error")

#: an outcome that went through
SUCCESS_WORDS = frozenset(
    {
        "added",
        "answered",
        "applied",
        "booked",
        "cancelled",
        "changed",
        "confirmed",
        "corrected",
        "created",
        "done",
        "granted",
        "lifted",
        "marked_sent",
        "rebooked",
        "received",
        "recorded",
        "released",
        "removed",
        "saved",
        "sent",
        "started",
        "submitted",
        "submitted_complaint",
        "unsubscribed",
        "updated",
        "uploaded",
        "withdrawn",
    }
)
SUCCESS_SUFFIXES: tuple[str, ...] = ("_done", "_saved", "_sent", "_added", "_removed")
SUCCESS_SUFFIXES += ("_recorded", "_set", "_lifted", "_created", "_changed", "_granted")
SUCCESS_SUFFIXES += ("_withdrawn", "_updated", "_received", "_confirmed", "_released")
SUCCESS_SUFFIXES += ("_submitted", "_answered")
#: nothing went wrong, nothing changed: a fact to know
INFO_WORDS = frozenset(
    {"none", "unchanged", "logged_out", "logged_out_everywhere", "nothing_released", "not_yet"}
    | {"idle"}
)
INFO_PREFIXES = ("no_", "none_")
INFO_SUFFIXES = ("_check_mail",)
#: it did not go through, but nothing is wrong with what the user did: look again
WARNING_WORDS = frozenset({"gone", "stale", "duplicate", "session_expired", "terms_unconfirmed"})
WARNING_PREFIXES = ("already",)
WARNING_SUFFIXES = ("_gone",)
#: the exceptions to the naming rule, by whole key
TABLE: dict[str, Kind] = {
    "auth.no_person": "info",
    "auth.sso_logged_out": "info",
    "consents.expired": "warning",
    "consents.not_granted": "warning",
    "feedback.no_draft": "warning",
    "handover.none": "info",
    "letters.no_address": "warning",
    "stepup.act_cancelled": "info",
}


_RULES: tuple[tuple[Kind, frozenset[str], tuple[str, ...], tuple[str, ...]], ...] = (
    ("warning", WARNING_WORDS, WARNING_PREFIXES, WARNING_SUFFIXES),
    ("success", SUCCESS_WORDS, (), SUCCESS_SUFFIXES),
    ("info", INFO_WORDS, INFO_PREFIXES, INFO_SUFFIXES),
)


def kind_of(key: str) -> Kind:
    """The kind of the notice ``key`` (a catalog key); an unknown shape is an error, as
    every notice was before kinds existed."""
    if key in TABLE:
        return TABLE[key]
    parts = key.split(".")
    if "error" in parts[:-1] or "errors" in parts[:-1]:
        return "error"
    last = parts[-1]
    if last.startswith("not_"):
        return "error"
    for kind, words, prefixes, suffixes in _RULES:
        if last in words or last.startswith(prefixes) or last.endswith(suffixes):
            return kind
    return "error"


def kind_or_empty(key: str) -> str:
    """The kind for a state's computed var: "" while there is no notice."""
    return kind_of(key) if key else ""
