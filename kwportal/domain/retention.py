"""How long an employee's arbo/medical file is kept (seed ch. 1, "Bewaartermijn"; BRIEF.md,
Retention). Pure rules: every term is a named constant with its source, and the longest
applicable term wins (seed: "Mocht KrachtWerkt wettelijk verplicht zijn om
persoonsgegevens langer te bewaren, dan zal zij dat doen").

``destroy_from`` is the first day destruction is allowed: the day after the last day of the
longest term. ``None`` means "not yet": an unknown end of employment, a running contract,
an open case or a legal hold keeps everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

#: seed ch. 1 and KNMG: 20 years after end of employment, end of contract, or death.
MEDICAL_FILE_YEARS = 20
#: WGBO art. 7:454 lid 3 (since 2020): 20 years from the last change to the file.
WGBO_LAST_CHANGE_YEARS = 20
#: seed ch. 1: hazardous substances, 40 years after the latest event or last change.
HAZARDOUS_SUBSTANCE_YEARS = 40
#: Besluit Stralingshygiëne art. 100: until the employee is or would have been 75.
RADIATION_AGE = 75
#: Euratom 2013/59 art. 45 (Besluit basisveiligheidsnormen stralingsbescherming):
#: at least 30 years after the radiation work ended.
RADIATION_AFTER_WORK_YEARS = 30


class Rule(StrEnum):
    MEDICAL_FILE_20Y = "medical_file_20y"
    WGBO_LAST_CHANGE_20Y = "wgbo_last_change_20y"
    HAZARDOUS_40Y = "hazardous_substances_40y"
    RADIATION_AGE_75 = "radiation_age_75"
    RADIATION_30Y_AFTER_WORK = "radiation_30y_after_work"
    CONSENT_LONGER = "consent_longer"
    TRANSFERRED = "transferred_to_new_arbodienst"
    NOT_YET = "not_yet"


class Hold(StrEnum):
    """Why nothing can be destroyed yet."""

    EMPLOYMENT_RUNNING = "employment_running"
    CONTRACT_RUNNING = "contract_running"
    OPEN_CASE = "open_case"
    LEGAL_HOLD = "legal_hold"
    RADIATION_WORK_RUNNING = "radiation_work_running"
    BIRTH_DATE_UNKNOWN = "birth_date_unknown"


@dataclass(frozen=True, slots=True)
class Exposure:
    kind: str  # "hazardous_substance" | "ionising_radiation"
    ended_on: date | None


@dataclass(frozen=True, slots=True)
class Dossier:
    """The dates that decide retention for one employee's file."""

    date_of_birth: date | None
    employment_end: date | None
    contract_end: date | None
    date_of_death: date | None
    last_change: date
    exposures: Sequence[Exposure] = ()
    open_case: bool = False
    legal_hold: bool = False
    #: end dates of explicit consents to keep longer (seed: "met uitdrukkelijke
    #: toestemming van werknemers … gedurende een langere periode bewaren")
    consent_until: Sequence[date] = ()
    transfer_confirmed_on: date | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    destroy_from: date | None
    rule: Rule
    holds: tuple[Hold, ...] = ()
    #: every applicable term as (rule, first day destruction is allowed), for the plan
    terms: tuple[tuple[Rule, date], ...] = ()


def add_years(day: date, years: int) -> date:
    """``day`` plus whole years; 29 February lands on 1 March in a common year (the later
    of the two candidates, so a term never ends early)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def _after(last_day: date) -> date:
    return last_day + timedelta(days=1)


def _end_event(d: Dossier) -> tuple[date | None, list[Hold]]:
    """The latest of end of employment, end of contract and death, or None while one of
    them has not happened (death ends the employment)."""
    holds: list[Hold] = []
    employment_end = d.employment_end or d.date_of_death
    if employment_end is None:
        holds.append(Hold.EMPLOYMENT_RUNNING)
    if d.contract_end is None:
        holds.append(Hold.CONTRACT_RUNNING)
    if holds:
        return None, holds
    assert employment_end is not None and d.contract_end is not None
    events = [employment_end, d.contract_end]
    if d.date_of_death is not None:
        events.append(d.date_of_death)
    return max(events), holds


def _radiation_terms(
    d: Dossier, radiation: list[Exposure]
) -> tuple[list[tuple[Rule, date]], list[Hold]]:
    if not radiation:
        return [], []
    holds: list[Hold] = []
    terms: list[tuple[Rule, date]] = []
    if d.date_of_birth is None:
        holds.append(Hold.BIRTH_DATE_UNKNOWN)
    else:
        terms.append((Rule.RADIATION_AGE_75, add_years(d.date_of_birth, RADIATION_AGE)))
    ends = [e.ended_on for e in radiation]
    if any(end is None for end in ends):
        holds.append(Hold.RADIATION_WORK_RUNNING)
    else:
        last = max(end for end in ends if end is not None)
        terms.append(
            (Rule.RADIATION_30Y_AFTER_WORK, _after(add_years(last, RADIATION_AFTER_WORK_YEARS)))
        )
    return terms, holds


def decide(d: Dossier) -> Decision:
    """The first day the file may be destroyed and the rule that decided it."""
    if d.transfer_confirmed_on is not None and not d.legal_hold:
        return Decision(d.transfer_confirmed_on, Rule.TRANSFERRED)
    end_event, holds = _end_event(d)
    terms: list[tuple[Rule, date]] = [
        (Rule.WGBO_LAST_CHANGE_20Y, _after(add_years(d.last_change, WGBO_LAST_CHANGE_YEARS)))
    ]
    if end_event is not None:
        terms.append((Rule.MEDICAL_FILE_20Y, _after(add_years(end_event, MEDICAL_FILE_YEARS))))
        if any(e.kind == "hazardous_substance" for e in d.exposures):
            anchor = max(end_event, d.last_change)
            terms.append((Rule.HAZARDOUS_40Y, _after(add_years(anchor, HAZARDOUS_SUBSTANCE_YEARS))))
    radiation = [e for e in d.exposures if e.kind == "ionising_radiation"]
    radiation_terms, radiation_holds = _radiation_terms(d, radiation)
    terms += radiation_terms
    holds += radiation_holds
    terms += [(Rule.CONSENT_LONGER, _after(until)) for until in d.consent_until]
    if d.open_case:
        holds.append(Hold.OPEN_CASE)
    if d.legal_hold:
        holds.append(Hold.LEGAL_HOLD)
    if holds:
        return Decision(None, Rule.NOT_YET, tuple(holds), tuple(terms))
    rule, destroy_from = max(terms, key=lambda term: term[1])
    return Decision(destroy_from, rule, (), tuple(terms))


def transferred_case_destroy_from(
    confirmed_on: date | None, *, legal_hold: bool, exposed: bool
) -> date | None:
    """The first day one case handed over to a new arbodienst may be destroyed on its own,
    while the rest of the file keeps its term (seed ch. 1: "dragen wij persoonsgegevens die
    verband houden met lopende ziektegevallen over … waarna KrachtWerkt deze gegevens niet
    meer zal bewaren"): the day the successor confirmed receipt. A legal hold keeps it, and
    so does an exposure record, whose statutory term the seed puts above the transfer."""
    if confirmed_on is None or legal_hold or exposed:
        return None
    return confirmed_on


def due(decision: Decision, today: date) -> bool:
    return decision.destroy_from is not None and decision.destroy_from <= today


def date_problems(
    *,
    employment_start: date | None,
    employment_end: date | None,
    date_of_birth: date | None,
    date_of_death: date | None,
    today: date,
) -> list[str]:
    """Dates that would move a destruction date and cannot be right; every form and import
    that records them refuses them with these codes (translation keys)."""
    problems: list[str] = []
    if employment_start and employment_end and employment_end < employment_start:
        problems.append("date.end_before_start")
    if date_of_death and date_of_death > today:
        problems.append("date.death_in_future")
    if date_of_birth and date_of_death and date_of_death < date_of_birth:
        problems.append("date.death_before_birth")
    if date_of_birth and date_of_birth > today:
        problems.append("date.birth_in_future")
    return problems


#: seed ch. 2: location data and website-activity data, "maximaal drie jaar"
VISITOR_STATISTICS_YEARS = 3


class VisitorData(StrEnum):
    """Website visitors' data (seed ch. 2, Bewaartermijn)."""

    NEWSLETTER = "newsletter"  # name and e-mail for the newsletter
    LOCATION = "location"
    WEBSITE_ACTIVITY = "website_activity"


def visitor_destroy_from(
    kind: VisitorData, *, collected_on: date, unsubscribed_on: date | None = None
) -> date | None:
    """Newsletter name and address: kept until the person unsubscribes ("totdat de persoon
    zich afmeldt"); location and activity data: at most three years."""
    if kind is VisitorData.NEWSLETTER:
        return unsubscribed_on
    return add_years(collected_on, VISITOR_STATISTICS_YEARS)
