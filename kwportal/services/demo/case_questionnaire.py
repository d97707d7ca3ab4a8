"""Demo intake answers and exposures (issue 15 items 2, 6 and 9), made through the very use
cases the pages call: the employee fills his questionnaire (``do_save_intake``) and corrects
one answer an hour later, and the company doctor records exposures on the case file
(``do_record_exposure``). Text answers and agents carry ``MEDISCH-`` canaries (the leak tests
look for them in every frame an employer, the privacy desk or the administrator gets)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from kwportal.domain.retention import add_years
from kwportal.models import Account
from kwportal.services.case.exposures import do_record_exposure
from kwportal.services.demo.acting import act
from kwportal.services.employee.questionnaire import do_save_intake, intake

#: text answers by question key; ``{case}`` is the case id
TEXT_ANSWERS = {
    "complaints": "MEDISCH-Q{case}-1 Pijn onder in de rug, uitstralend naar het linkerbeen.",
    "since_when": "MEDISCH-Q{case}-2 Sinds drie weken, na het tillen van dozen.",
    "treatment_details": "MEDISCH-Q{case}-3 Huisarts, verwezen naar de fysiotherapeut.",
    "work_hard": "MEDISCH-Q{case}-4 Tillen, lang staan en autorijden.",
    "work_possible": "MEDISCH-Q{case}-5 Administratief werk, een paar uur per dag.",
    "return_help": "MEDISCH-Q{case}-6 Eerst halve dagen, zonder tillen.",
}
#: the choice and scale answers (values, as the form sends them)
CHOSEN = {
    "severity": "6",
    "work_related": "partly",
    "treatment": "gp",
    "contact_manager": "regular",
    "expected_return": "within_month",
}
CORRECTED = {"severity": "4"}
#: the exposures a doctor records: (kind, agent); ``{case}`` is the case id
EXPOSURES = {
    "hazardous_substance": "MEDISCH-E{case} isocyanaten in spuitlak",
    "ionising_radiation": "MEDISCH-E{case} röntgenstraling bij lasinspectie",
}


@dataclass(frozen=True, slots=True)
class Seeded:
    answers: int
    exposures: int


def _answers(case_id: int) -> dict[str, str]:
    texts = {key: text.replace("{case}", str(case_id)) for key, text in TEXT_ANSWERS.items()}
    return {**texts, **CHOSEN}


def seed_case_questionnaire(
    session: Session,
    *,
    case_id: int,
    employee: Account,
    doctor: Account,
    answered_at: datetime,
    secret: str,
    exposure_kinds: Sequence[str] = ("hazardous_substance",),
) -> Seeded:
    """The employee of ``case_id`` (it must be his latest case, still open, its first
    consult after ``answered_at``) answers the intake at ``answered_at`` (UTC) and corrects
    one answer an hour later; the doctor of the team serving his employer then records one
    exposure per kind in ``exposure_kinds`` (started three years before, radiation ended a
    month before). Returns how many answers and exposures were made."""
    answers = _answers(case_id)
    act(session, employee, do_save_intake, answers, "nl", now=answered_at, secret=secret)
    later = answered_at + timedelta(hours=1)
    act(
        session,
        employee,
        do_save_intake,
        {**answers, **CORRECTED},
        "nl",
        now=later,
        secret=secret,
    )
    today = answered_at.date()
    start: date = add_years(today, -3)
    for n, kind in enumerate(exposure_kinds):
        ended = (today - timedelta(days=30)).isoformat() if kind == "ionising_radiation" else ""
        act(
            session,
            doctor,
            do_record_exposure,
            case_id,
            kind,
            EXPOSURES[kind].replace("{case}", str(case_id)),
            start.isoformat(),
            ended,
            now=later + timedelta(hours=1 + n),
            secret=secret,
        )
    known = {q.key for q in intake().questions}
    return Seeded(len(answers.keys() & known), len(exposure_kinds))
