"""Dutch first, English too: both catalogs hold the same keys, no empty text, and the same
placeholders in both languages."""

from __future__ import annotations

import re

import pytest

from kwportal.i18n import CATALOGS, normalise_language, t

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_both_languages_have_the_same_keys() -> None:
    assert set(CATALOGS["nl"]) ^ set(CATALOGS["en"]) == set()


@pytest.mark.parametrize("key", sorted(CATALOGS["nl"]))
def test_text_is_present_and_placeholders_match(key: str) -> None:
    dutch, english = CATALOGS["nl"][key], CATALOGS["en"][key]
    assert dutch.strip() and english.strip()
    assert set(PLACEHOLDER.findall(dutch)) == set(PLACEHOLDER.findall(english))


def test_language_is_allow_listed() -> None:
    assert normalise_language("EN-gb") == "en"
    assert normalise_language("<script>") == "nl"
    assert normalise_language(None) == "nl"
    assert t("login.title", "fr") == t("login.title", "nl")
