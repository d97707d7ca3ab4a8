"""What granting allows and what withdrawing stops, said before the second tap (issue 18
item 2; BRIEF.md: "withdrawing is as easy as granting"): both name the same data and the
same recipient, in both languages."""

from __future__ import annotations

import pytest

from kwportal.services.employee.consents import MyConsent
from kwportal.ui.consent_effects import grant_effect, withdraw_effect


def _consent(state: str, recipient: str = "Werkgever") -> MyConsent:
    return MyConsent(
        consent_id=7,
        kind="employer_datum",
        state=state,
        purpose="Collega's kunnen helpen in een noodgeval",
        data="Noodinstructie",
        datum_value="Bij een aanval: 112 bellen.",
        datum_kind="emergency_note",
        recipient=recipient,
        notice_version="1",
        requested_at=None,
        granted_at=None,
        refused_at=None,
        withdrawn_at=None,
        valid_until=None,
        receipts=(),
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_granting_and_withdrawing_name_the_same_data(lang: str) -> None:
    granting = grant_effect(_consent("requested"), lang)
    withdrawing = withdraw_effect(_consent("granted"), lang)
    assert "Bij een aanval: 112 bellen." in granting
    assert "Bij een aanval: 112 bellen." in withdrawing
    assert "Werkgever" in granting


def test_a_grant_without_a_named_recipient_names_the_arbodienst() -> None:
    assert grant_effect(_consent("requested", recipient=""), "nl").startswith(
        "Vanaf nu mag KrachtWerkt"
    )
