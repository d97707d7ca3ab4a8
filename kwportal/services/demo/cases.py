"""Demo sick-leave cases in every phase, with canaries in every medical text."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session

from kwportal.domain.roles import Role
from kwportal.models import (
    Account,
    ConsentRecord,
    Disclosure,
    EmployerFeedback,
    MedicalNote,
    Organisation,
    RightsRequest,
    SickLeaveCase,
    SickReport,
)
from kwportal.services.case.estimate import do_record_estimate
from kwportal.services.case.helpers import NewHelper, do_add_helper
from kwportal.services.demo.acting import act
from kwportal.services.demo.vocabulary import MEDICAL_PHRASES

#: Phase name → range of days since the first sick day (BRIEF.md, Poortwachter).
PHASES: dict[str, tuple[int, int]] = {
    "new": (1, 10),
    "week6": (35, 45),
    "week42": (285, 300),
    "recovered": (20, 200),
    "long_term": (400, 700),
}
RIGHTS_TERM_DAYS = 28


def _id(row: SickLeaveCase | Organisation) -> int:
    assert row.id is not None
    return row.id


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


class CaseBuilder:
    def __init__(
        self,
        session: Session,
        org: Organisation,
        accounts: dict[Role, Account],
        rng: random.Random,
        today: date,
        secret: str = "",
    ) -> None:
        self.session, self.org, self.accounts = session, org, accounts
        self.rng, self.today, self.secret = rng, today, secret
        self.counts: Counter[str] = Counter()

    def build(self, employee_ids: list[int], *, phase_offset: int, light: bool = False) -> None:
        phases = list(PHASES)
        for n, employee_id in enumerate(employee_ids):
            phase = phases[(n + phase_offset) % len(phases)]
            case, estimate = self._case(employee_id, phase)
            self._medical(case, light)
            if not light:
                self._estimate(case, phase, estimate)
                self._feedback(case, phase)
                self._around(case, n)
        if employee_ids and not light:
            self._person_records(employee_ids[0])

    def _account_id(self, role: Role) -> int | None:
        account = self.accounts.get(role)
        return account.id if account else None

    def _case(self, employee_id: int, phase: str) -> tuple[SickLeaveCase, int]:
        """The case and the doctor's estimate in days (recorded by :meth:`_estimate`)."""
        low, high = PHASES[phase]
        days = self.rng.randint(low, high)
        first_day = self.today - timedelta(days=days - 1)
        recovered = first_day + timedelta(days=days // 2) if phase == "recovered" else None
        estimate = self.rng.choice((14, 42, 90, 365))
        case = SickLeaveCase(
            employee_id=employee_id,
            organisation_id=_id(self.org),
            sick_report_date=first_day,
            recovery_date=recovered,
            safety_net=self.rng.random() < 0.1,
            traffic_accident=self.rng.random() < 0.05,
            created_at=_at(first_day),
        )
        self.session.add(case)
        self.session.flush()
        case.care_address = f"ZORGADRES-{case.id} Verpleeghuis De Linde, Oldenzaal"
        self.session.add(
            SickReport(
                case_id=_id(case),
                reported_by_account_id=self._account_id(Role.EMPLOYER_CONTACT),
                reported_at=_at(first_day, 10),
                contact_phone="0612345678",
                expected_duration=self.rng.choice(("< 1 week", "1-6 weken", "> 6 weken")),
                handover_work="Planning overdragen aan collega",
                safety_net=False,
                work_accident=self.rng.random() < 0.1,
                traffic_accident_third_party=False,
                care_address=case.care_address,
            )
        )
        self.counts["sick_leave_case"] += 1
        return case, estimate

    def _estimate(self, case: SickLeaveCase, phase: str, days: int) -> None:
        """The doctor records his estimate and the WIA status on /care-case (O15) a week
        into the absence; whether the WIA applies is not known yet for a new case."""
        doctor = self.accounts.get(Role.COMPANY_DOCTOR)
        if doctor is None:
            return
        wia = {"long_term": "yes", "new": "unknown"}.get(phase, "no")
        at = _at(min(case.sick_report_date + timedelta(days=7), self.today), 12)
        act(
            self.session,
            doctor,
            do_record_estimate,
            _id(case),
            days,
            wia,
            now=at,
            secret=self.secret,
        )

    def _medical(self, case: SickLeaveCase, light: bool) -> None:
        for n in range(1 if light else 2):
            phrase = self.rng.choice(MEDICAL_PHRASES)
            self.session.add(
                MedicalNote(
                    case_id=_id(case),
                    employee_id=case.employee_id,
                    author_account_id=self._account_id(Role.COMPANY_DOCTOR),
                    body=f"MEDISCH-{case.id}-{n} {phrase}",
                    created_at=_at(case.sick_report_date + timedelta(days=n * 7), 11),
                )
            )
            self.counts["medical_note"] += 1

    def _feedback(self, case: SickLeaveCase, phase: str) -> None:
        released = phase != "new"
        capacity = {
            "personal_functioning": "can",
            "social_functioning": "limited",
            "physical_environment": "can",
            "dynamic_movements": "limited",
            "static_postures": "limited",
            "working_hours": "limited",
        }
        feedback = EmployerFeedback(
            case_id=_id(case),
            functional_capacity=json.dumps(capacity),
            expected_period=self.rng.choice(("2 tot 4 weken", "6 tot 12 weken", "onbekend")),
            incapacity_degree=self.rng.choice(("volledig", "gedeeltelijk (50%)")),
            advice="Start met aangepast werk, 2 uur per dag, zonder tillen.",
            status="released" if released else "draft",
            author_account_id=self._account_id(Role.COMPANY_DOCTOR),
            created_at=_at(case.sick_report_date + timedelta(days=3)),
        )
        if released:
            feedback.released_by_account_id = self._account_id(Role.COMPANY_DOCTOR)
            feedback.released_at = _at(case.sick_report_date + timedelta(days=7))
        self.session.add(feedback)
        self.session.flush()
        if not released:
            feedback.advice = f"CONCEPT-{feedback.id} {feedback.advice}"
        else:
            self._disclosed_to_employer(case, feedback)
        self.counts["employer_feedback"] += 1

    def _disclosed_to_employer(self, case: SickLeaveCase, feedback: EmployerFeedback) -> None:
        assert feedback.released_at is not None
        self.session.add(
            Disclosure(
                employee_id=case.employee_id,
                case_id=_id(case),
                recipient_kind="employer",
                recipient_organisation_id=_id(self.org),
                recipient_name=self.org.name,
                categories="employer_feedback",
                feedback_id=feedback.id,
                ground="legal_duty",
                disclosed_by_account_id=feedback.released_by_account_id,
                disclosed_at=feedback.released_at,
            )
        )
        self.counts["disclosure"] += 1

    def _around(self, case: SickLeaveCase, n: int) -> None:
        """The re-integration coach, added by the case manager on /case-admin."""
        manager = self.accounts.get(Role.CASE_MANAGER)
        if manager is None:
            return
        coach = NewHelper("R. Koster", "re-integratiecoach", "Werkfit Twente", "053 123 45 67")
        at = _at(case.sick_report_date + timedelta(days=14 + n % 5), 11)
        act(self.session, manager, do_add_helper, _id(case), coach, now=at, secret=self.secret)
        self.counts["case_helper"] += 1

    def _person_records(self, employee_id: int) -> None:
        consent = ConsentRecord(
            employee_id=employee_id,
            kind="gp_authorisation",  # a machtiging (issue 17 item 7)
            purpose="Machtiging: informatie opvragen bij de huisarts",
            data_description="Behandelgegevens rugklachten",
            data_categories="medical",
            recipient="Bedrijfsarts KrachtWerkt",
            legal_basis="explicit_consent",
            notice_version="2023-02-07",
            granted_at=_at(self.today - timedelta(days=20)),
            valid_until=self.today + timedelta(days=70),
        )
        self.session.add(consent)
        self.session.flush()
        self._other_disclosures(employee_id, consent)
        self.session.add(
            RightsRequest(
                employee_id=employee_id,
                kind="access",
                text="Ik wil graag inzage in mijn dossier.",
                received_at=_at(self.today - timedelta(days=5)),
                due_at=self.today + timedelta(days=RIGHTS_TERM_DAYS - 5),
            )
        )
        self.counts["consent_record"] += 1
        self.counts["rights_request"] += 1

    def _other_disclosures(self, employee_id: int, consent: ConsentRecord) -> None:
        """Beyond the employer: the re-integration report to UWV (a legal duty, Wet WIA)
        and a letter to the GP on the employee's consent (issue 5, item 2)."""
        doctor = self._account_id(Role.COMPANY_DOCTOR)
        team = self._account_id(Role.CARE_TEAM)
        for kind, name, categories, ground, consent_id, by, days in (
            ("uwv", "UWV", "absence,employer_feedback,medical", "legal_duty", None, doctor, 40),
            ("gp", "Huisarts", "medical", "consent", consent.id, team, 15),
        ):
            self.session.add(
                Disclosure(
                    employee_id=employee_id,
                    recipient_kind=kind,
                    recipient_name=name,
                    categories=categories,
                    consent_id=consent_id,
                    ground=ground,
                    disclosed_by_account_id=by,
                    disclosed_at=_at(self.today - timedelta(days=days), 15),
                )
            )
            self.counts["disclosure"] += 1
