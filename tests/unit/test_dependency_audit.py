"""Known-vulnerable dependencies fail the build (issue 16, item 11): ``make test`` runs
``make audit`` (.ci/audit.py: pip-audit on constraints.txt, npm audit on reflex.lock). The
gate itself is checked here without the network: an advisory fails it unless the
allow-list names it with a reason, and an advisory service that did not answer fails it
too — never a silent pass."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _gate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kw_audit", ROOT / ".ci" / "audit.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


audit = _gate()
GHSA = "GHSA-abcd-efgh-ijkl"


def _report(*advisories: tuple[str, str]) -> dict[str, object]:
    return {
        "auditReportVersion": 2,
        "vulnerabilities": {
            package: {
                "name": package,
                "via": [
                    {"source": 1, "title": "bad", "url": f"https://github.com/advisories/{ghsa}"}
                ],
            }
            for package, ghsa in advisories
        }
        | {"wrapper": {"name": "wrapper", "via": ["left-pad"]}},
    }


def test_make_test_runs_the_audit_first() -> None:
    makefile = (ROOT / "Makefile").read_text()
    test_line = re.search(r"^test:(.*)$", makefile, re.M)
    assert test_line is not None and "audit-or-warn" in test_line.group(1).split()
    # the same script; an advisory service that does not answer is reported, not failed
    assert "audit.py --unreachable-warns" in makefile
    assert re.search(r"^audit:.*\n\t.*\.ci/audit\.py", makefile, re.M)


def test_the_committed_allow_list_is_valid() -> None:
    entries = audit.allowed((ROOT / ".ci" / "audit-allow.txt").read_text())
    assert all(len(reason) >= 10 for reason in entries.values())


def test_an_entry_needs_an_id_and_a_reason() -> None:
    assert audit.allowed(f"# comment\n{GHSA}  only the dev server is affected\n") == {
        GHSA: "only the dev server is affected"
    }
    for bad in (f"{GHSA}\n", "left-pad  we like it a lot\n"):
        with pytest.raises(audit.AuditError):
            audit.allowed(bad)


def test_pip_audit_never_skips_a_dependency_and_ignores_only_allowed_ids() -> None:
    command = audit.pip_audit_command({GHSA: "a reason long enough"})
    assert "--strict" in command and "--disable-pip" in command and "--no-deps" in command
    assert command[command.index("--requirement") + 1].endswith("constraints.txt")
    assert command[command.index("--ignore-vuln") + 1] == GHSA
    assert "--ignore-vuln" not in audit.pip_audit_command({})


def test_an_npm_advisory_fails_unless_allowed() -> None:
    report = _report(("left-pad", GHSA), ("react-thing", "GHSA-1111-2222-3333"))
    found = audit.npm_findings(report, {})
    assert [(f.package, f.advisory) for f in found] == [
        ("left-pad", GHSA),
        ("react-thing", "GHSA-1111-2222-3333"),
    ]
    left = audit.npm_findings(report, {GHSA: "only the dev server is affected"})
    assert [f.advisory for f in left] == ["GHSA-1111-2222-3333"]
    assert audit.npm_findings(_report(), {}) == []


@pytest.mark.parametrize(
    "answer",
    [
        {
            "message": "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
            "error": {"summary": ""},
        },
        {"error": {"code": "ENOTFOUND"}},
        {},
    ],
)
def test_an_advisory_service_that_did_not_answer_fails_the_audit(answer) -> None:
    with pytest.raises(audit.AuditError, match="could not ask"):
        audit.npm_findings(answer, {})


def test_an_unreachable_service_fails_make_audit_and_only_warns_in_make_test(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def unreachable(_allow: dict[str, str]) -> None:
        raise audit.Unreachable("nobody answered")

    def vulnerable(_allow: dict[str, str]) -> None:
        raise audit.AuditError("pip-audit: 1 known vulnerability")

    monkeypatch.setattr(audit, "audit_python", unreachable)
    monkeypatch.setattr(audit, "audit_frontend", unreachable)
    monkeypatch.setattr(audit.sys, "argv", ["audit.py"])
    assert audit.main() == 1
    monkeypatch.setattr(audit.sys, "argv", ["audit.py", "--unreachable-warns"])
    assert audit.main() == 0
    assert "AUDIT COULD NOT RUN" in capsys.readouterr().err
    monkeypatch.setattr(audit, "audit_python", vulnerable)
    assert audit.main() == 1
