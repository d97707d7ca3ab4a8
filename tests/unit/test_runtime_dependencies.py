"""Every module the portal imports at run time comes with its runtime dependencies.

``make run`` installs ``pyproject.toml``'s ``dependencies`` only; ``make test`` installs the
dev extras as well, so a module that only a dev tool brings (``requests`` came with
pip-audit, and Authlib's OpenID Connect client imports it) passes every test and still
breaks ``make run`` on a fresh clone at its first start. This reads every import of the
code ``make run`` executes (``kwportal/``, ``rxconfig.py``, ``alembic/``) and checks that
the distribution providing it is a runtime dependency or one that a runtime dependency
requires (its own requirements, extras as asked), never a dev extra alone. A static read
cannot see what a library imports in turn (Authlib's ``requests_client`` imports
``requests``), so every module of the package is also imported in a fresh interpreter that
cannot see the modules only dev extras install.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"
#: the code that runs under ``make run``: the package, Reflex's config, the migrations
SOURCES = sorted(
    [*(ROOT / "kwportal").rglob("*.py"), ROOT / "rxconfig.py", *(ROOT / "alembic").rglob("*.py")]
)
#: our own top-level name: the package itself
LOCAL = {"kwportal"}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(source: str) -> set[str]:
    """The top-level module names ``source`` imports when it runs (lazy imports inside
    functions too; those under ``if TYPE_CHECKING:`` never run, so they do not count)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return found


def _requirements(of: str, extras: set[str]) -> list[Requirement]:
    """The installed distribution's own requirements that apply here, with ``extras``."""
    wanted = []
    for text in metadata.requires(of) or []:
        requirement = Requirement(text)
        marker = requirement.marker
        if marker is None or any(marker.evaluate({"extra": e}) for e in extras | {""}):
            wanted.append(requirement)
    return wanted


@cache
def runtime_closure() -> frozenset[str]:
    """The canonical names of the runtime dependencies and everything they require."""
    declared = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    todo = [Requirement(text) for text in declared]
    seen: dict[str, set[str]] = {}
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        extras = set(requirement.extras)
        if name in seen and extras <= seen[name]:
            continue
        seen[name] = seen.get(name, set()) | extras
        todo += _requirements(requirement.name, extras)
    return frozenset(seen)


@cache
def providers() -> dict[str, frozenset[str]]:
    """Top-level module name -> the canonical names of the distributions that install it."""
    return {
        module: frozenset(canonicalize_name(d) for d in dists)
        for module, dists in metadata.packages_distributions().items()
    }


def missing_from_runtime(modules: set[str]) -> dict[str, set[str]]:
    """The third-party modules no runtime dependency brings, with who brings them here."""
    third_party = modules - set(sys.stdlib_module_names) - LOCAL
    closure = runtime_closure()
    return {
        module: set(providers().get(module, {"(not installed)"}))
        for module in sorted(third_party)
        if not providers().get(module, frozenset()) & closure
    }


def test_every_import_is_brought_by_a_runtime_dependency() -> None:
    missing = {
        str(path.relative_to(ROOT)): found
        for path in SOURCES
        if (found := missing_from_runtime(imports_of(path.read_text(encoding="utf-8"))))
    }
    assert len(SOURCES) > 100
    assert missing == {}, (
        f"modules that only a dev extra or nothing installs: {missing}; add their "
        "distribution to [project] dependencies"
    )


def test_the_check_tells_a_dev_only_module_from_a_runtime_one() -> None:
    """The detector itself: websocket-client and pytest are dev extras only, Authlib and
    requests are runtime, and an import under TYPE_CHECKING does not count."""
    assert set(missing_from_runtime({"websocket", "pytest", "authlib", "requests"})) == {
        "websocket",
        "pytest",
    }
    source = (
        "from typing import TYPE_CHECKING\n"
        "import json\n"
        "if TYPE_CHECKING:\n"
        "    import pytest\n"
        "def later():\n"
        "    import segno\n"
    )
    assert imports_of(source) == {"typing", "json", "segno"}
    # the closure follows requirements and extras: psycopg[binary] brings psycopg_binary
    assert {"psycopg", "psycopg-binary", "starlette"} <= runtime_closure()


#: run in a fresh interpreter: hide the given top-level modules, import every module of the
#: package (the app module too, in demo mode), print the ones that fail and why
_IMPORT_ALL = """
import importlib, pkgutil, sys

HIDDEN = set(sys.argv[1].split(","))


class Hide:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in HIDDEN:
            raise ModuleNotFoundError(f"No module named {name!r} (only a dev extra has it)")
        return None


sys.meta_path.insert(0, Hide())
import kwportal

names = ["rxconfig"] + [
    info.name for info in pkgutil.walk_packages(kwportal.__path__, "kwportal.")
]
for name in names:
    try:
        importlib.import_module(name)
    except BaseException as error:
        print(f"{name}: {error!r}"[:300])
"""


def dev_only_modules() -> set[str]:
    """Top-level modules installed here that no runtime dependency brings."""
    closure = runtime_closure()
    return {
        module
        for module, dists in providers().items()
        if not dists & closure and module not in sys.stdlib_module_names and module not in LOCAL
    }


def test_every_module_imports_without_what_only_dev_extras_install(tmp_path: Path) -> None:
    hidden = dev_only_modules()
    assert {"pytest", "playwright", "websocket"} <= hidden  # the dev tools are hidden
    env = {k: v for k, v in os.environ.items() if not k.startswith("KWPORTAL_")}
    env |= {"KWPORTAL_DEMO": "1", "KWPORTAL_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL, ",".join(sorted(hidden))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout == "", f"modules that fail to import at run time:\n{result.stdout}"
