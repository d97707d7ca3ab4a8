"""docs/compliance.md maps each obligation of the seed to the code that enforces it and the
test that proves it (rule 8 of the house; issue 17 "Done when"). A cited test file or test
function that does not exist — renamed, moved, deleted — fails here, naming the line, so the
map cannot drift from the suite. A row whose status is not ``done`` must be in the map's
"Still open" list or marked partial in its own cell."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAP = ROOT / "docs" / "compliance.md"
FILE = re.compile(r"^((?:tests/)[\w/]+\.py|test_\w+\.py)(?:::(\w+))?$")


def _defines(path: Path, name: str) -> bool:
    return re.search(rf"def {name}\b", path.read_text(encoding="utf-8")) is not None


def _citations() -> tuple[int, list[tuple[int, str, str]]]:
    """How many tests are cited, and (line, citation, problem) for each one not in the
    tree."""
    count = 0
    by_name = {path.name: path for path in (ROOT / "tests").rglob("*.py")}
    problems = []
    for number, line in enumerate(MAP.read_text(encoding="utf-8").splitlines(), 1):
        current: Path | None = None
        for token in re.findall(r"`([^`]+)`", line):
            cited = FILE.match(token)
            if cited:
                name, function = cited.groups()
                path = ROOT / name if name.startswith("tests/") else by_name.get(name)
                if path is None or not path.exists():
                    problems.append((number, token, "no such file"))
                    current = None
                    continue
                current = path
                count += 1
                if function and not _defines(path, function):
                    problems.append((number, token, "no such test"))
                continue
            follow = re.match(r"^::(\w+)$", token) or re.match(r"^(test_\w+)$", token)
            if follow and current is not None:
                count += 1
                if not _defines(current, follow.group(1)):
                    problems.append((number, token, f"no such test in {current.name}"))
    return count, problems


def test_every_cited_test_exists() -> None:
    count, problems = _citations()
    assert problems == []
    assert count > 300  # the map cites its tests in backticks; a format change shows here


def test_every_chapter_of_the_seed_has_its_table_and_no_row_is_open() -> None:
    text = MAP.read_text(encoding="utf-8")
    for chapter in ("Chapter 1", "Chapter 2", "Chapter 3", "Not software"):
        assert f"## {chapter}" in text
    statuses = re.findall(r"\|\s*(open)\b[^|]*\|\s*$", text, flags=re.MULTILINE)
    assert statuses == []
