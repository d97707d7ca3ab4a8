"""The workforce as counts (issue 17 item 1): people and employed days per department and
quarter, the whole year as quarter 0, and the running quarter's elapsed share."""

from __future__ import annotations

from datetime import date

from kwportal.domain.workforce import YEAR, Figure, elapsed_share, figures, quarter_bounds


def test_counts_per_department_and_quarter_from_employment_dates() -> None:
    people = [
        ("Bouw", date(2020, 1, 1), None),
        ("Bouw", date(2026, 2, 15), date(2026, 5, 31)),
        ("Kantoor", None, date(2025, 12, 31)),
    ]
    counted = figures(people, [2026])
    assert counted[("Bouw", 2026, 1)] == Figure(2, 90 + 45)
    assert counted[("Bouw", 2026, 2)] == Figure(2, 91 + 61)
    assert counted[("Bouw", 2026, 3)] == Figure(1, 92)
    assert counted[("Bouw", 2026, YEAR)] == Figure(2, 365 + 45 + 61)
    assert not any(key[0] == "Kantoor" for key in counted)  # left before the year


def test_the_running_quarter_is_cut_at_today() -> None:
    assert quarter_bounds(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))
    assert elapsed_share(2026, 1, date(2026, 12, 1)) == 1.0
    assert elapsed_share(2026, 4, date(2026, 9, 30)) == 0.0
    assert elapsed_share(2026, 1, date(2026, 1, 9)) == 9 / 90
