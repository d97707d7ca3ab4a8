"""Staff pages speak to staff (issue 18 item 9): no command-line text on a page, Dutch that
does not assume the person is a man where the person may be anyone, a rights request's
heading that names the request and whose it is, and long text fields that count instead
of cutting (``ui/components/counter.py``)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kwportal.domain.rights import RightsKind
from kwportal.i18n import CATALOGS
from kwportal.ui.components import counter

ROOT = Path(__file__).resolve().parents[2]

#: what a terminal would take: our CLI, make, options, the age tool, a shell
CLI = re.compile(
    r"\bkwportal [a-z]|\bmake (run|test|chromium|run-prod)\b|(^|\s)--[a-z]|\bage -[a-z]|"
    r"\.venv/|\bpip install|\bsudo\b|`"
)
#: "hij", "hem", and "zijn" where it says whose (possessive), not "to be"
HE = re.compile(r"\b(hij|hem)\b", re.IGNORECASE)
HIS = re.compile(
    r"\bzijn (eigen|team|behandelteam|gegevens|persoonsgegevens|werkgever|portaal|export|"
    r"toestemming|re-integratie|medisch dossier|dossier|verzoek|verzoeken|account|"
    r"toegangslogboek|kijk|mening|werk|functie|naam|adres|afspraak|afspraken|publieke|"
    r"geheime)\b",
    re.IGNORECASE,
)
#: where the pronoun stays: the seed's own text (the seed wins); single keys, should one
#: ever need it, by name
ALLOWED_PREFIXES = ("legal.",)
ALLOWED_KEYS: frozenset[str] = frozenset()


def _allowed(key: str) -> bool:
    return key.startswith(ALLOWED_PREFIXES) or key in ALLOWED_KEYS


def test_no_page_text_tells_anyone_to_type_a_command() -> None:
    found = [
        f"{lang} {key}: {text[:80]!r}"
        for lang, catalog in CATALOGS.items()
        for key, text in catalog.items()
        if CLI.search(text) and not key.startswith("legal.")
    ]
    assert found == [], "say what to do in the portal, or whom to ask:\n" + "\n".join(found)


def test_dutch_does_not_assume_the_person_is_a_man() -> None:
    found = [
        f"{key}: {text[:100]!r}"
        for key, text in CATALOGS["nl"].items()
        if (HE.search(text) or HIS.search(text)) and not _allowed(key)
    ]
    assert found == [], (
        "say 'de werknemer', 'de bedrijfsarts', 'het team', or rephrase:\n" + "\n".join(found)
    )


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("De werknemer beslist in zijn portaal.", True),
        ("Hij krijgt een e-mail.", True),
        ("hij of zij werkt weer", True),
        ("De gegevens zijn vastgelegd.", False),
        ("Er zijn geen open verzoeken.", False),
        ("De werknemer beslist in het portaal.", False),
    ],
)
def test_the_scan_tells_whose_from_to_be(text: str, flagged: bool) -> None:
    assert bool(HE.search(text) or HIS.search(text)) is flagged


def test_a_request_heading_names_the_request_not_your_data() -> None:
    for catalog in CATALOGS.values():
        for kind in RightsKind:
            heading = catalog[f"rights_desk.heading.{kind}"]
            assert not re.search(r"\b(uw|your|mijn|my)\b", heading, re.IGNORECASE), heading
        assert catalog["rights_desk.heading_of"]
    source = (ROOT / "kwportal/ui/pages/privacy/rights.py").read_text(encoding="utf-8")
    assert "request_heading(row.kind, row.name)" in source and "kind_label" not in source


#: the long text fields that count (a counter, no maxlength that cuts pasted text)
COUNTED_PAGES = (
    "kwportal/ui/pages/privacy/rights.py",
    "kwportal/ui/pages/privacy/restrictions.py",
    "kwportal/ui/pages/privacy/breaches.py",
    "kwportal/ui/pages/employee/rights.py",
    "kwportal/ui/pages/employee/my_case.py",
    "kwportal/ui/pages/employee/plan.py",
    "kwportal/ui/pages/employee/employer_view.py",
    "kwportal/ui/pages/employee/details.py",
    "kwportal/ui/pages/care/problem_analysis.py",
    "kwportal/ui/pages/care/case_file.py",
    "kwportal/ui/pages/care/consent_requests.py",
    "kwportal/ui/pages/care/feedback.py",
    "kwportal/ui/components/rights.py",
)


def _textareas(path: str) -> list[ast.Call]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "textarea"
    ]


@pytest.mark.parametrize("path", COUNTED_PAGES)
def test_counted_text_fields_are_never_cut_by_the_browser(path: str) -> None:
    areas = _textareas(path)
    assert areas, f"{path} has no textarea"
    for call in areas:
        names = {k.arg for k in call.keywords}
        assert "max_length" not in names, f"{path}:{call.lineno} cuts pasted text silently"
        assert any(
            isinstance(k.value, ast.Call) and getattr(k.value.func, "id", "") == "counted"
            for k in call.keywords
            if k.arg is None
        ), f"{path}:{call.lineno} has no counter"
    assert "char_counter(" in (ROOT / path).read_text(encoding="utf-8")


def test_the_counter_names_its_field_and_limit() -> None:
    attrs = counter.counted("f-answer", 2000)
    assert attrs == {"id": "f-answer", "custom_attrs": {"data-limit": "2000"}}
    rendered = str(counter.char_counter("f-answer", 2000))
    assert 'id={"f-answer-count"}' in rendered or "f-answer-count" in rendered
    assert "data-count-for" in rendered and "2.000" in rendered and "2,000" in rendered
    assert (ROOT / "assets" / counter.SCRIPT.lstrip("/")).is_file()
    for catalog in CATALOGS.values():
        assert "{n}" in catalog["counter.over"]


def test_an_over_long_breach_text_reaches_the_service_to_be_refused() -> None:
    from kwportal.services.privacy import breaches
    from kwportal.ui.pages.privacy.breaches import _form_text

    kept = _form_text({"description": "x" * (breaches.MAX_TEXT + 500)}, "description")
    assert len(kept) == breaches.MAX_TEXT + 1  # one past: refused, never cut to fit
