"""The layers point one way (README, "Architecture"; STYLE.md, "The application boundary").

Every import of every module under ``kwportal/`` is read (the syntax tree, type-checking
imports included) and each arrow the README forbids fails by name:

- the interface (``kwportal/ui``) never reaches the database: no ``kwportal.db``,
  ``sqlmodel``, ``sqlalchemy`` or ``kwportal.models``; it reaches data only through the
  runner and the use cases in ``kwportal/services``;
- a page (its state, a shared component) never imports an HTTP route module
  (``kwportal.ui.api``: routes and shared names live in ``ui/routes.py``), and no page
  imports another role's pages;
- services never import the interface (``kwportal.ui``) or Reflex;
- the domain imports nothing of ours outside ``kwportal.domain``, and no framework;
- the models import only the domain.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "kwportal"
DATABASE = ("kwportal.db", "sqlmodel", "sqlalchemy", "kwportal.models")
#: what the browser's screens are built from: pages, their states, shared pieces, the guard
SCREENS = ("kwportal.ui.pages", "kwportal.ui.states", "kwportal.ui.components", "kwportal.ui.guard")
FRAMEWORKS = ("reflex", "starlette", "sqlmodel", "sqlalchemy")


@dataclass(frozen=True)
class Arrow:
    source: str
    target: str
    line: int

    def __str__(self) -> str:
        return f"{self.source}:{self.line} imports {self.target}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> Iterator[Arrow]:
    source = module_name(path)
    package = source if path.name == "__init__.py" else source.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Arrow(source, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                # ``from kwportal.services import audit`` names the module it imports
                yield Arrow(source, f"{base}.{alias.name}" if base else alias.name, node.lineno)


def all_arrows() -> list[Arrow]:
    return [arrow for path in sorted(PACKAGE.rglob("*.py")) for arrow in imports(path)]


def within(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def role_area(name: str) -> str | None:
    """``kwportal.ui.pages.<area>`` of a page module, or None."""
    parts = name.split(".")
    return parts[3] if len(parts) > 3 and parts[:3] == ["kwportal", "ui", "pages"] else None


def forbidden(arrow: Arrow) -> str | None:
    """Why the README forbids ``arrow``, or None."""
    source, target = arrow.source, arrow.target
    if within(source, "kwportal.ui"):
        if within(target, *DATABASE):
            return "the interface reaches data only through the runner and use cases"
        area, other = role_area(source), role_area(target)
        if within(source, *SCREENS) and within(target, "kwportal.ui.api"):
            return "a page does not import an HTTP route module (routes live in ui/routes.py)"
        if area is not None and other is not None and other != area:
            return "one role's pages do not import another's (shared pieces: ui/components)"
    if within(source, "kwportal.services") and within(target, "kwportal.ui", "reflex"):
        return "services do not know the interface"
    if within(source, "kwportal.domain"):
        if within(target, "kwportal") and not within(target, "kwportal.domain"):
            return "the domain imports nothing of ours outside itself"
        if within(target, *FRAMEWORKS):
            return "the domain is pure rules, no framework"
    if within(source, "kwportal.models") and within(
        target, "kwportal.services", "kwportal.ui", "kwportal.db"
    ):
        return "the models depend only on the domain"
    return None


def test_the_layers_point_one_way() -> None:
    broken = [f"{arrow}: {why}" for arrow in all_arrows() if (why := forbidden(arrow))]
    assert broken == [], "\n".join(broken)


@pytest.mark.parametrize(
    ("source", "target", "allowed"),
    [
        ("kwportal.ui.pages.care.feedback", "kwportal.db", False),
        ("kwportal.ui.states.auth", "sqlmodel.Session", False),
        ("kwportal.ui.pages.care.common", "kwportal.ui.pages.employer.case", False),
        ("kwportal.ui.pages.employee.export", "kwportal.ui.api.downloads", False),
        ("kwportal.ui.states.auth", "kwportal.ui.api.http", False),
        ("kwportal.ui.api.public", "kwportal.ui.api.http", True),
        ("kwportal.ui.pages.care.feedback", "kwportal.ui.pages.care.common", True),
        ("kwportal.ui.pages.care.feedback", "kwportal.services.runner", True),
        ("kwportal.services.feedback.release", "kwportal.ui.routes", False),
        ("kwportal.domain.policy", "kwportal.models", False),
        ("kwportal.domain.policy", "kwportal.domain.roles", True),
        ("kwportal.models.cases", "kwportal.services.audit", False),
    ],
)
def test_the_rules_catch_what_they_name(source: str, target: str, allowed: bool) -> None:
    assert (forbidden(Arrow(source, target, 1)) is None) is allowed


def test_every_module_is_read() -> None:
    names = {module_name(path) for path in PACKAGE.rglob("*.py")}
    assert {"kwportal.services.runner", "kwportal.ui.routes", "kwportal.domain.policy"} <= names
    assert len(all_arrows()) > 500
