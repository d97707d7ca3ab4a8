"""Download my data at scale (issue 5): one employee with a 20-year dossier (>= 2,000
records: cases, notes, questionnaires, appointments, documents, feedback, consents,
disclosures, requests and access-log lines), exported on SQLite (WAL, synchronous=FULL).

    .venv/bin/python benchmarks/export.py [--years 20] [--repeat 5]

Prints, each the median of --repeat runs: the JSON alone (records read in batches and
streamed), the PDF alone (fpdf2, DejaVu), the whole ZIP as the route builds it (JSON +
PDF + signed manifest + audit row), and the peak Python memory of the whole export
(tracemalloc) beside the process's peak RSS. Targets: JSON <= 1 s, PDF <= 3 s.
Not part of the pass/fail suite.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import resource
import statistics
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlmodel import Session

from kwportal.db import make_engine, transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.migrate import upgrade
from kwportal.models import (
    Appointment,
    CaseDocument,
    ConsentRecord,
    Disclosure,
    Employee,
    EmployerFeedback,
    MedicalNote,
    Organisation,
    QuestionnaireAnswer,
    RightsRequest,
    SickLeaveCase,
)
from kwportal.services import audit
from kwportal.services.employee import export
from kwportal.services.employee.export_data import SECTIONS, records
from kwportal.services.employee.export_pdf import ExportPdf
from kwportal.settings import _new_signing_key

SECRET = "benchmark-secret"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
WEB = audit.AccessPoint(ip="127.0.0.1", agent="benchmark")
NOTE = (
    "Consult: werkneemster meldt aanhoudende klachten; belastbaarheid besproken, "
    "opbouw in uren afgesproken, volgende afspraak over drie weken. "
)


def build(session: Session, years: int) -> tuple[int, int]:
    """The dossier; returns (employee id, records written)."""
    org = Organisation(name="Benchmark BV", kvk_number="99999999", contract_start=date(2000, 1, 1))
    session.add(org)
    session.flush()
    person = Employee(
        organisation_id=org.id, personnel_number="B1", first_name="Zoë", last_name="Ødegård"
    )
    session.add(person)
    session.flush()
    assert org.id is not None and person.id is not None
    count = 0
    start = date(NOW.year - years, 1, 15)
    for year in range(years):
        begin = start + timedelta(days=365 * year)
        case = SickLeaveCase(
            employee_id=person.id,
            organisation_id=org.id,
            sick_report_date=begin,
            recovery_date=begin + timedelta(days=60),
            care_address=f"Zorgstraat {year}, Enschede",
        )
        session.add(case)
        session.flush()
        rows = [
            *[
                MedicalNote(case_id=case.id, employee_id=person.id, body=NOTE * 3)
                for _ in range(50)
            ],
            *[
                QuestionnaireAnswer(
                    employee_id=person.id,
                    case_id=case.id,
                    questionnaire="4DKL",
                    question=f"Vraag {n}",
                    answer="Soms",
                )
                for n in range(20)
            ],
            *[
                Appointment(
                    case_id=case.id,
                    employee_id=person.id,
                    starts_at=datetime.combine(begin, datetime.min.time(), UTC)
                    + timedelta(days=7 * n),
                    location="Spreekkamer 2",
                )
                for n in range(8)
            ],
            *[
                CaseDocument(
                    case_id=case.id,
                    employee_id=person.id,
                    kind="plan_of_action",
                    title="Plan van aanpak",
                    content=NOTE * 10,
                )
                for _ in range(3)
            ],
            *[
                EmployerFeedback(
                    case_id=case.id,
                    functional_capacity='{"working_hours": "limited"}',
                    advice="Halve dagen",
                    status="released",
                    released_at=NOW,
                )
                for _ in range(4)
            ],
            Disclosure(
                employee_id=person.id, case_id=case.id, recipient_kind="employer", ground="legal"
            ),
            ConsentRecord(
                employee_id=person.id,
                purpose="Machtiging huisarts",
                data_description="Behandelgegevens",
                recipient="Bedrijfsarts",
                notice_version="2023",
            ),
            RightsRequest(employee_id=person.id, kind="access", text="Inzage", due_at=begin),
        ]
        session.add_all(rows)
        count += len(rows) + 1
        reader = Actor(None, Role.EMPLOYER_CONTACT, org.id)
        for _ in range(20):
            audit.record(
                session,
                actor=reader,
                access=WEB,
                event_type="employer_case_view",
                action=audit.Action.READ,
                ground=audit.Ground.LEGAL_DUTY,
                subject_employee_id=person.id,
                objects=[audit.ObjectRef("absence", "sick_leave_case", case.id)],
                secret=SECRET,
            )
        count += 20
    return person.id, count


class _NoPdf:
    def section(self, name: str) -> None: ...
    def record(self, record: object) -> None: ...
    def empty(self) -> None: ...


def time_json(engine, employee_id: int) -> float:
    with transaction(engine) as session, tempfile.SpooledTemporaryFile(4 << 20) as spool:
        began = time.perf_counter()
        export._write_json(session, employee_id, spool, _NoPdf(), lang="nl", stamp="x")  # type: ignore[arg-type]
        return time.perf_counter() - began


def time_pdf(engine, employee_id: int) -> float:
    with transaction(engine) as session:
        rows = {s.name: list(records(session, employee_id, s.name)) for s in SECTIONS}
    began = time.perf_counter()
    pdf = ExportPdf("nl", title="Uw gegevens", subtitle="benchmark")
    for name, items in rows.items():
        pdf.section(name)
        for item in items:
            pdf.record(item)
    pdf.output()
    return time.perf_counter() - began


def time_zip(engine, employee_id: int) -> tuple[float, int, int]:
    me = Actor(None, Role.EMPLOYEE, None, employee_id)
    with transaction(engine) as session, tempfile.SpooledTemporaryFile(4 << 20) as out:
        began = time.perf_counter()
        summary = export.write_export(
            session, employee_id, out, lang="nl", now=NOW, actor=me, access=WEB, secret=SECRET
        )
        elapsed = time.perf_counter() - began
        out.seek(0, io.SEEK_END)
        return elapsed, summary.records, out.tell()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("KWPORTAL_SIGNING_KEY", _new_signing_key())
    os.environ.setdefault("KWPORTAL_SECRET_KEY", SECRET)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'export.db'}")
        upgrade(engine, secret=SECRET)
        began = time.perf_counter()
        with transaction(engine) as session:
            employee_id, written = build(session, args.years)
        print(
            f"setup: {written:,} records over {args.years} years in "
            f"{time.perf_counter() - began:.1f} s (not measured)"
        )
        json_s = [time_json(engine, employee_id) for _ in range(args.repeat)]
        pdf_s = [time_pdf(engine, employee_id) for _ in range(args.repeat)]
        zips = [time_zip(engine, employee_id) for _ in range(args.repeat)]
        tracemalloc.start()
        time_zip(engine, employee_id)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        engine.dispose()
    records_out, size = zips[0][1], zips[0][2]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores shared with other agents, "
        f"Python {platform.python_version()}"
    )
    print(f"records exported: {records_out:,}; ZIP {size / 1024:,.0f} KiB")
    print(f"JSON  median {statistics.median(json_s):.3f} s (target <= 1 s)")
    print(f"PDF   median {statistics.median(pdf_s):.3f} s (target <= 3 s)")
    print(
        f"ZIP   median {statistics.median(z[0] for z in zips):.3f} s "
        "(JSON + PDF + manifest + audit)"
    )
    print(
        f"peak Python memory during one export: {peak / 1024 / 1024:.1f} MiB; "
        f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


if __name__ == "__main__":
    main()
