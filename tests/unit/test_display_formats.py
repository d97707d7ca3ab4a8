"""Every date, time, number and percentage a person reads goes through one module,
``kwportal.i18n.fmt`` (issue 18 item 3): Europe/Amsterdam time, "30 november 2026",
"0,4 %". This test reads the source of the pages and the services and fails on ad-hoc
formatting, so new code uses the module. A machine format (an ``<input type="date">``
value, a file name, a Message-ID, a CSV cell, command-line output) is allowed below,
each with its reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "kwportal"

#: (what, pattern, folders it applies to)
RULES = (
    ("strftime", re.compile(r"\.strftime\("), ("ui", "services")),
    ("a date format in an f-string", re.compile(r"\{[^{}]*:%[A-Za-z]"), ("ui", "services")),
    (
        "a number format in an f-string",
        re.compile(r"\{[^{}]*:[,_]?(\.\d+)?[fd%]?\}|\{[^{}]*:,\}"),
        ("ui", "services"),
    ),
    ("a percent sign glued to a value", re.compile(r"\}\s?%"), ("ui", "services")),
    ("an ISO date on a page", re.compile(r"\.isoformat\("), ("ui",)),
    ("a time zone on a page", re.compile(r"ZoneInfo\(|\.astimezone\("), ("ui",)),
)

#: (file under kwportal/, a piece of the line): machine formats, not for a person to read
ALLOWED = (
    # <input type="date"> values and their min / max stay ISO
    ("ui/components/employer_case.py", "line.due.isoformat()"),
    ("ui/components/case_steps.py", "line.due.isoformat()"),
    ("ui/pages/admin/organisations.py", "line.contract_end.isoformat()"),
    ("ui/pages/admin/organisations.py", "until.isoformat()"),
    ("ui/pages/employee/self_report.py", "screen.open_since.isoformat()"),
    ("ui/pages/employee/self_report.py", "screen.today.isoformat()"),
    ("ui/pages/employee/retention.py", "mine.until.isoformat()"),
    ("ui/pages/employee/access_log.py", "result.since.isoformat()"),
    ("ui/pages/employee/access_log.py", "local_today().isoformat()"),
    ("ui/pages/care/case_file.py", "date().isoformat()"),
    ("ui/pages/care/exposure_parts.py", "line.earliest.isoformat()"),
    ("ui/pages/employer/sick_report.py", "do_open_form).isoformat()"),
    ("ui/pages/employer/case.py", "screen.today.isoformat()"),
    ("ui/pages/employer/recovery.py", ".isoformat()"),
    ("ui/pages/employer/plan.py", "o.due.isoformat()"),
    ("ui/pages/employer/plan.py", "a.due_on.isoformat()"),
    ("ui/pages/employer/overview.py", ".isoformat()"),
    ("ui/pages/employer/person.py", "screen.employment_end.isoformat()"),
    ("ui/pages/employer/person.py", "screen.today.isoformat()"),
    ("ui/pages/employer/person.py", "line.at_least_until.isoformat()"),
    ("ui/pages/privacy/desk_log.py", "result.since.isoformat()"),
    ("ui/pages/privacy/desk_log.py", "local_today().isoformat()"),
    ("ui/pages/portal/home.py", "decision.destroy_from.isoformat()"),
    ("ui/pages/portal/dashboard.py", ".isoformat()"),
    # JSON kept for the step-up's pending act
    ("ui/pending_act.py", '"expires": pending.expires.isoformat()'),
    # file names, Message-IDs, backups: machine stamps
    ("services/mail.py", 'strftime("%Y%m%dT%H%M%S%f")'),
    ("services/employee/export.py", "{now:%Y%m%d}.zip"),
    ("services/backup/make.py", ":%Y%m%dT%H%M%SZ}"),
    # the CSV download keeps a plain decimal point for spreadsheets
    ("services/employer/reports.py", 'f"{cell.value:.1f}"'),
    # command-line output (English, for an operator)
    ("services/backup/make.py", "{self.size:,} bytes"),
    ("services/employer/roster_cleanup.py", ":,}"),
    ("services/retention/run.py", "{lock.acquired_at:%Y-%m-%d %H:%M} UTC"),
    # a demo fills the consult form's <input type="time">
    ("services/demo/case_consults.py", '"time": f"{local:%H:%M}"'),
    # a SQL LIKE pattern
    ("services/employer/dashboard.py", 'f"%{escaped}%"'),
)


def _offences() -> list[str]:
    found = []
    for what, pattern, folders in RULES:
        for folder in folders:
            for path in sorted((ROOT / folder).rglob("*.py")):
                name = path.relative_to(ROOT).as_posix()
                for number, line in enumerate(path.read_text().splitlines(), start=1):
                    if line.lstrip().startswith("#") or not pattern.search(line):
                        continue
                    if any(name == f and piece in line for f, piece in ALLOWED):
                        continue
                    found.append(f"kwportal/{name}:{number}: {what}: {line.strip()}")
    return found


def test_dates_and_numbers_are_shown_through_the_formatting_module() -> None:
    offences = _offences()
    assert not offences, (
        "show dates, times, numbers and percentages with kwportal.i18n.fmt (fmt_date, "
        "fmt_datetime, fmt_time, fmt_number, fmt_percent); a machine format goes in "
        "ALLOWED with its reason:\n" + "\n".join(offences)
    )


@pytest.mark.parametrize(
    ("line", "caught"),
    [
        ('x = f"{value:%Y-%m-%d}"', True),
        ('x = value.strftime("%d-%m")', True),
        ('x = f"{share:.1f}"', True),
        ('x = f"{count:,}"', True),
        ('x = f"{share}%"', True),
        ("x = fmt_percent(share, lang)", False),
        ('x = f"{name} ({number})"', False),
    ],
)
def test_the_rules_catch_ad_hoc_formatting(line: str, caught: bool) -> None:
    assert any(pattern.search(line) for _, pattern, _ in RULES) is caught
