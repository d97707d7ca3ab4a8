"""What withdrawing a consent changes at once, said before the employee confirms (issue 18
item 2; AVG art. 7(3): withdrawing is as easy as granting, takes effect at once, and does
not undo what was lawful before). Derived from what the consent covers: its kind, the data
and the recipient."""

from __future__ import annotations

from kwportal.i18n import CATALOGS, t
from kwportal.services.employee.consents import MyConsent

#: kinds whose effect names the recipient who gets nothing more
RECIPIENT_KINDS = ("reintegration_provider", "insurer", "new_arbodienst")


def withdraw_effect(consent: MyConsent, lang: str) -> str:
    """One sentence: who no longer sees or gets what, from now on."""
    what = consent.datum_value or consent.data or consent.purpose
    key = f"consents.withdraw_effect.{consent.kind}"
    if key not in CATALOGS["nl"] or (consent.kind in RECIPIENT_KINDS and not consent.recipient):
        key = "consents.withdraw_effect.other"
    return (
        t(key, lang)
        .replace("{what}", what)
        .replace("{who}", consent.recipient)
        .replace("{purpose}", consent.purpose or what)
    )


def grant_effect(consent: MyConsent, lang: str) -> str:
    """One sentence: who may see or use what, from the moment of the grant."""
    what = consent.datum_value or consent.data or consent.purpose
    who = consent.recipient or t("consents.grant_effect.us", lang)
    return t("consents.grant_effect", lang).replace("{who}", who).replace("{what}", what)
