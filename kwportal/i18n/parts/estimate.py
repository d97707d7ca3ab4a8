"""The doctor's estimate of the absence and the WIA status on /care-case (O15)."""

from __future__ import annotations

NL: dict[str, str] = {
    "estimate.title": "Verwachte verzuimduur en WIA",
    "estimate.intro": (
        "Alleen voor de bedrijfsarts en het team. De werkgever ziet dit nooit en hoort de "
        "verwachte duur alleen uit de terugkoppeling die u vrijgeeft."
    ),
    "estimate.current_days": "Verwachte verzuimduur",
    "estimate.current_wia": "Valt onder de WIA",
    "estimate.days_value": "{days} dagen",
    "estimate.not_estimated": "Nog niet ingeschat",
    "estimate.estimated_days": "Verwachte verzuimduur in dagen",
    "estimate.days_hint": (
        "Een heel getal van 1 tot en met 730. Laat het veld leeg als u het nog niet kunt "
        "inschatten."
    ),
    "estimate.wia": "Valt de werknemer onder de WIA (Wet Werk en Inkomen naar Arbeidsvermogen)?",
    "estimate.wia.yes": "Ja",
    "estimate.wia.no": "Nee",
    "estimate.wia.unknown": "Onbekend",
    "estimate.save": "Inschatting opslaan",
    "estimate.saved": "De inschatting is opgeslagen.",
    "estimate.unchanged": "Er is niets veranderd.",
    "estimate.check_fields": "Controleer de velden hieronder. Er is niets opgeslagen.",
    "estimate.error.days_whole": "Vul een heel aantal dagen in, alleen met cijfers.",
    "estimate.error.days_range": "Vul een aantal dagen in van 1 tot en met 730.",
    "estimate.error.wia": "Kies ja, nee of onbekend.",
}

EN: dict[str, str] = {
    "estimate.title": "Expected length of absence and WIA",
    "estimate.intro": (
        "For the company doctor and the team only. The employer never sees this: he hears "
        "the expected period only from the feedback you release."
    ),
    "estimate.current_days": "Expected length of absence",
    "estimate.current_wia": "Falls under the WIA",
    "estimate.days_value": "{days} days",
    "estimate.not_estimated": "Not estimated yet",
    "estimate.estimated_days": "Expected length of absence in days",
    "estimate.days_hint": (
        "A whole number from 1 to 730. Leave the field empty if you cannot estimate it yet."
    ),
    "estimate.wia": "Does the employee fall under the WIA (Work and Income according to Labour "
    "Capacity Act)?",
    "estimate.wia.yes": "Yes",
    "estimate.wia.no": "No",
    "estimate.wia.unknown": "Unknown",
    "estimate.save": "Save estimate",
    "estimate.saved": "The estimate has been saved.",
    "estimate.unchanged": "Nothing has changed.",
    "estimate.check_fields": "Check the fields below. Nothing has been saved.",
    "estimate.error.days_whole": "Enter a whole number of days, using digits only.",
    "estimate.error.days_range": "Enter a number of days from 1 to 730.",
    "estimate.error.wia": "Choose yes, no or unknown.",
}
