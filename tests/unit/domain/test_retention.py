"""Retention rules (seed ch. 1, Bewaartermijn; BRIEF.md, Retention): worked examples and
properties."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kwportal.domain.retention import (
    Decision,
    Dossier,
    Exposure,
    Hold,
    Rule,
    add_years,
    decide,
    due,
)

BORN = date(1970, 6, 15)


def dossier(**overrides: object) -> Dossier:
    values: dict[str, object] = {
        "date_of_birth": BORN,
        "employment_end": date(2020, 3, 31),
        "contract_end": date(2018, 12, 31),
        "date_of_death": None,
        "last_change": date(2019, 5, 1),
    }
    values.update(overrides)
    return Dossier(**values)  # type: ignore[arg-type]


def test_twenty_years_after_the_end_of_employment() -> None:
    result = decide(dossier())
    assert result.rule is Rule.MEDICAL_FILE_20Y
    assert result.destroy_from == date(2040, 4, 1)


def test_end_of_contract_later_than_employment_decides() -> None:
    result = decide(dossier(contract_end=date(2022, 1, 31)))
    assert result.destroy_from == date(2042, 2, 1)


def test_death_before_end_of_employment_counts_as_its_end() -> None:
    result = decide(dossier(employment_end=None, date_of_death=date(2021, 7, 9)))
    assert result.rule is Rule.MEDICAL_FILE_20Y
    assert result.destroy_from == date(2041, 7, 10)


def test_wgbo_last_change_wins_when_later() -> None:
    result = decide(dossier(last_change=date(2023, 9, 30)))
    assert result.rule is Rule.WGBO_LAST_CHANGE_20Y
    assert result.destroy_from == date(2043, 10, 1)


def test_unknown_end_of_employment_keeps_everything() -> None:
    result = decide(dossier(employment_end=None))
    assert result.destroy_from is None
    assert Hold.EMPLOYMENT_RUNNING in result.holds


def test_running_contract_keeps_everything() -> None:
    result = decide(dossier(contract_end=None))
    assert result.destroy_from is None and Hold.CONTRACT_RUNNING in result.holds


def test_hazardous_substances_forty_years_after_latest_event_or_change() -> None:
    exposures = (Exposure("hazardous_substance", date(2015, 1, 1)),)
    result = decide(dossier(exposures=exposures, last_change=date(2021, 2, 2)))
    assert result.rule is Rule.HAZARDOUS_40Y
    assert result.destroy_from == date(2061, 2, 3)


def test_radiation_until_age_75() -> None:
    exposures = (Exposure("ionising_radiation", date(2000, 1, 1)),)
    result = decide(dossier(exposures=exposures))
    assert result.rule is Rule.RADIATION_AGE_75
    assert result.destroy_from == date(2045, 6, 15)


def test_radiation_at_least_thirty_years_after_the_work() -> None:
    exposures = (Exposure("ionising_radiation", date(2019, 12, 31)),)
    result = decide(dossier(exposures=exposures, date_of_birth=date(1950, 1, 1)))
    assert result.rule is Rule.RADIATION_30Y_AFTER_WORK
    assert result.destroy_from == date(2050, 1, 1)


def test_radiation_work_still_running_keeps_everything() -> None:
    result = decide(dossier(exposures=(Exposure("ionising_radiation", None),)))
    assert result.destroy_from is None and Hold.RADIATION_WORK_RUNNING in result.holds


def test_radiation_without_birth_date_keeps_everything() -> None:
    exposures = (Exposure("ionising_radiation", date(2000, 1, 1)),)
    result = decide(dossier(exposures=exposures, date_of_birth=None))
    assert result.destroy_from is None and Hold.BIRTH_DATE_UNKNOWN in result.holds


def test_29_february_birthday_reaches_75_on_1_march() -> None:
    exposures = (Exposure("ionising_radiation", date(1990, 1, 1)),)
    result = decide(dossier(exposures=exposures, date_of_birth=date(1952, 2, 29)))
    assert (Rule.RADIATION_AGE_75, date(2027, 3, 1)) in result.terms  # 2027 is a common year


def test_add_years_never_lands_early() -> None:
    assert add_years(date(2024, 2, 29), 20) == date(2044, 2, 29)
    assert add_years(date(2024, 2, 29), 21) == date(2045, 3, 1)


def test_open_case_and_legal_hold_postpone() -> None:
    assert decide(dossier(open_case=True)).holds == (Hold.OPEN_CASE,)
    assert decide(dossier(legal_hold=True)).destroy_from is None


def test_consent_to_keep_longer() -> None:
    result = decide(dossier(consent_until=(date(2050, 12, 31),)))
    assert result.rule is Rule.CONSENT_LONGER and result.destroy_from == date(2051, 1, 1)


def test_transfer_confirmed_means_destroy_now_unless_held() -> None:
    assert decide(dossier(transfer_confirmed_on=date(2026, 11, 1))).rule is Rule.TRANSFERRED
    held = decide(dossier(transfer_confirmed_on=date(2026, 11, 1), legal_hold=True))
    assert held.destroy_from is None


def test_due() -> None:
    decision = Decision(date(2040, 4, 1), Rule.MEDICAL_FILE_20Y)
    assert not due(decision, date(2040, 3, 31))
    assert due(decision, date(2040, 4, 1))
    assert not due(Decision(None, Rule.NOT_YET), date(2100, 1, 1))


dates = st.dates(min_value=date(1940, 1, 1), max_value=date(2030, 12, 31))
optional_dates = st.none() | dates
exposures = st.lists(
    st.builds(
        Exposure,
        kind=st.sampled_from(["hazardous_substance", "ionising_radiation", "noise"]),
        ended_on=optional_dates,
    ),
    max_size=3,
)


@given(
    birth=optional_dates,
    employment_end=optional_dates,
    contract_end=optional_dates,
    death=optional_dates,
    last_change=dates,
    exposure_list=exposures,
    consent=st.lists(dates, max_size=2),
)
def test_never_earlier_than_any_applicable_rule(
    birth: date | None,
    employment_end: date | None,
    contract_end: date | None,
    death: date | None,
    last_change: date,
    exposure_list: list[Exposure],
    consent: list[date],
) -> None:
    d = Dossier(
        birth,
        employment_end,
        contract_end,
        death,
        last_change,
        exposure_list,
        consent_until=consent,
    )
    result = decide(d)
    if result.destroy_from is None:
        return
    start = result.destroy_from
    end_of_employment = employment_end or death
    assert end_of_employment is not None and contract_end is not None
    latest = max([end_of_employment, contract_end] + ([death] if death else []))
    assert start > add_years(latest, 20)
    assert start > add_years(last_change, 20)
    if any(e.kind == "hazardous_substance" for e in exposure_list):
        assert start > add_years(max(latest, last_change), 40)
    radiation = [e for e in exposure_list if e.kind == "ionising_radiation"]
    if radiation:
        assert birth is not None and start >= add_years(birth, 75)
        ended = [e.ended_on for e in radiation]
        assert all(ended) and start > add_years(max(e for e in ended if e), 30)
    for until in consent:
        assert start > until
    assert start - timedelta(days=1) >= max(latest, last_change)


def test_dates_that_cannot_be_right_are_named() -> None:
    from kwportal.domain.retention import date_problems

    today = date(2026, 11, 28)
    assert date_problems(
        employment_start=date(2020, 1, 1),
        employment_end=date(2019, 1, 1),
        date_of_birth=None,
        date_of_death=None,
        today=today,
    ) == ["date.end_before_start"]
    assert date_problems(
        employment_start=None,
        employment_end=None,
        date_of_birth=BORN,
        date_of_death=date(2027, 1, 1),
        today=today,
    ) == ["date.death_in_future"]
    assert date_problems(
        employment_start=None,
        employment_end=None,
        date_of_birth=date(1980, 1, 1),
        date_of_death=date(1979, 1, 1),
        today=today,
    ) == ["date.death_before_birth"]
    assert (
        date_problems(
            employment_start=date(2020, 1, 1),
            employment_end=None,
            date_of_birth=BORN,
            date_of_death=None,
            today=today,
        )
        == []
    )


def test_visitor_data_terms() -> None:
    from kwportal.domain.retention import VisitorData, visitor_destroy_from

    collected = date(2024, 2, 29)
    assert visitor_destroy_from(VisitorData.NEWSLETTER, collected_on=collected) is None
    assert visitor_destroy_from(
        VisitorData.NEWSLETTER, collected_on=collected, unsubscribed_on=date(2025, 1, 2)
    ) == date(2025, 1, 2)
    assert visitor_destroy_from(VisitorData.LOCATION, collected_on=collected) == date(2027, 3, 1)
    assert visitor_destroy_from(
        VisitorData.WEBSITE_ACTIVITY, collected_on=date(2023, 5, 4)
    ) == date(2026, 5, 4)
