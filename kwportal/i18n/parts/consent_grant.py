"""Granting a consent asks once, as withdrawing does (BRIEF.md: "withdrawing is as easy as
granting"; issue 18 item 2)."""

NL = {
    "consents.grant_confirm_title": "Deze toestemming geven?",
    "consents.grant_effect": "Vanaf nu mag {who} dit zien of gebruiken: {what}",
    "consents.grant_effect.us": "KrachtWerkt",
    "consents.grant_after": (
        "U kunt deze toestemming altijd weer intrekken, net zo eenvoudig als u haar geeft."
    ),
    "consents.grant_confirm": "Ja, nu geven",
    "consents.grant_no": "Niet nu",
}

EN = {
    "consents.grant_confirm_title": "Give this consent?",
    "consents.grant_effect": "From now on {who} may see or use this: {what}",
    "consents.grant_effect.us": "KrachtWerkt",
    "consents.grant_after": "You can withdraw this consent at any time, as easily as you give it.",
    "consents.grant_confirm": "Yes, give it now",
    "consents.grant_no": "Not now",
}
