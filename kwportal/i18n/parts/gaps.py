"""Issue 17, the gaps between its parts: the employee's statement in the transfer package,
the employee told of a rectification's outcome and of a stop (mail on file, letter, notice),
stop requests handled on the restrictions page, the restriction flag on lists, and the
disputed note on the doctor's case page."""

from __future__ import annotations

_LETTER_HOW_NL = (
    "Vragen? Neem contact op met de privacyfunctionaris van KrachtWerkt: "
    "privacy@kracht-werkt.nl of 088 501 43 02."
)
_LETTER_HOW_EN = (
    "Questions? Contact the privacy officer of KrachtWerkt: privacy@kracht-werkt.nl or "
    "088 501 43 02."
)

NL: dict[str, str] = {
    # --- the transfer package: the statement next to the note it disputes ---
    "transfer.part.medical_statements": "Eigen verklaringen van de werknemer over het dossier",
    "transfer.note_statement": (
        "Verklaring van de werknemer bij deze aantekening (WGBO art. 7:454; de aantekening "
        "blijft staan)"
    ),
    # --- the employee told: mail to the address on file (content-free) ---
    "told.mail.rectification.subject": "Uw verzoek om verbetering van uw gegevens",
    "told.mail.rectification.body": (
        "Beste {name},\n\nOver uw verzoek om uw gegevens te verbeteren is besloten.\n\n"
        "U heeft geen account op ons portaal ({origin}), waar u de uitkomst per gegeven "
        "leest. Vraag uw casemanager bij KrachtWerkt om een account, of vraag de uitkomst "
        "op bij onze privacyfunctionaris (privacy@kracht-werkt.nl).\n\n"
        "Om uw privacy te beschermen staat het besluit niet in deze e-mail.\n\nKrachtWerkt"
    ),
    "told.mail.restriction_started.subject": "Het gebruik van uw gegevens is gestopt",
    "told.mail.restriction_started.body": (
        "Beste {name},\n\nHet gebruik van uw gegevens is gestopt. Alleen wat de wet vraagt "
        "gaat nog door: de stappen van de Wet verbetering poortwachter en wat UWV nodig "
        "heeft.\n\nU heeft geen account op ons portaal ({origin}). Vragen? Neem contact op "
        "met onze privacyfunctionaris (privacy@kracht-werkt.nl).\n\nKrachtWerkt"
    ),
    "told.mail.restriction_lifted.subject": "Het gebruik van uw gegevens start weer",
    "told.mail.restriction_lifted.body": (
        "Beste {name},\n\nDe stop op het gebruik van uw gegevens is opgeheven.\n\n"
        "U heeft geen account op ons portaal ({origin}). Vragen? Neem contact op met onze "
        "privacyfunctionaris (privacy@kracht-werkt.nl).\n\nKrachtWerkt"
    ),
    # --- the letter, for someone without account and address ---
    "letters.kind.rectification": "Uitkomst van een verzoek om verbetering",
    "letters.kind.restriction_started": "Gebruik van gegevens gestopt",
    "letters.kind.restriction_lifted": "Gebruik van gegevens start weer",
    "letters.pdf.title.rectification": "Uw verzoek om verbetering van uw gegevens",
    "letters.pdf.title.restriction_started": "Het gebruik van uw gegevens is gestopt",
    "letters.pdf.title.restriction_lifted": "Het gebruik van uw gegevens start weer",
    "letters.pdf.intro.rectification": (
        "Op {date} is besloten over uw verzoek om uw gegevens te verbeteren. Wat er per "
        "gegeven is besloten en waarom, leest u met een account op het portaal, of u vraagt "
        "het op bij de privacyfunctionaris van KrachtWerkt. Om uw privacy te beschermen staat "
        "het besluit niet in deze brief. " + _LETTER_HOW_NL
    ),
    "letters.pdf.intro.restriction_started": (
        "Op {date} is het gebruik van uw gegevens gestopt. Uw werkgever {employer} krijgt over "
        "u alleen nog wat de wet vraagt: de stappen van de Wet verbetering poortwachter en wat "
        "UWV nodig heeft. Wilt u dat het gebruik weer start? " + _LETTER_HOW_NL
    ),
    "letters.pdf.intro.restriction_lifted": (
        "Op {date} is de stop op het gebruik van uw gegevens opgeheven. Uw werkgever "
        "{employer} kan weer informatie over uw verzuim van ons krijgen; u krijgt dan altijd "
        "te horen wat. " + _LETTER_HOW_NL
    ),
    # --- the notices on his start page ---
    "notices.rectification": "Op {date} is besloten over uw verzoek om uw gegevens te verbeteren.",
    "notices.rectification_open": "Bekijk de uitkomst",
    "notices.restriction_started": (
        "Op {date} is het gebruik van uw gegevens gestopt. Alleen wat de wet vraagt gaat nog door."
    ),
    "notices.restriction_lifted": "Op {date} is de stop op het gebruik van uw gegevens opgeheven.",
    "notices.restriction_open": "Bekijk uw verzoeken",
    # --- a stop request is handled on the restrictions page ---
    "rights_desk.stop_elsewhere": (
        "Een verzoek om te stoppen beantwoordt u op de pagina Gebruik gestopt. Daar stopt u "
        "het gebruik en beantwoordt u het verzoek in één keer, of wijst u het af met de "
        "reden. Er is niets veranderd."
    ),
    "rights_desk.stop_intro": (
        "Dit verzoek handelt u af op de pagina Gebruik gestopt: toestaan stopt het gebruik "
        "en beantwoordt het verzoek in één keer."
    ),
    "rights_desk.stop_handle": "Afhandelen op Gebruik gestopt",
    "restriction.refuse_title": "Afwijzen",
    "restriction.refuse_answer_label": "Antwoord aan de werknemer, met de reden van de afwijzing",
    "restriction.refuse": "Afwijzen: het gebruik gaat door",
    "restriction.refused_done": (
        "Het verzoek is afgewezen en beantwoord. Het gebruik van de gegevens gaat door."
    ),
    "restriction.requests_answer_hint": (
        "Toestaan stopt het gebruik en beantwoordt het verzoek in één keer. Afwijzen kan "
        "alleen met een antwoord waarin de reden staat; de werknemer leest het."
    ),
    # --- the flag on lists ---
    "restriction.badge": "Gebruik gestopt",
    # --- the doctor's note list ---
    "care.note_disputed": "De werknemer heeft een verklaring bij deze aantekening gevoegd",
    "care.note_dispute_pending": (
        "De werknemer wil een verklaring bij deze aantekening voegen. U vindt die hieronder, "
        "bij de verklaringen."
    ),
}

EN: dict[str, str] = {
    "transfer.part.medical_statements": "The employee's own statements about the file",
    "transfer.note_statement": (
        "The employee's statement about this note (WGBO art. 7:454; the note stays)"
    ),
    "told.mail.rectification.subject": "Your request to correct your data",
    "told.mail.rectification.body": (
        "Dear {name},\n\nYour request to correct your data has been decided.\n\n"
        "You have no account on our portal ({origin}), where you read the outcome per item. "
        "Ask your case manager at KrachtWerkt for an account, or ask our privacy officer "
        "(privacy@kracht-werkt.nl) for the outcome.\n\n"
        "To protect your privacy the decision is not in this e-mail.\n\nKrachtWerkt"
    ),
    "told.mail.restriction_started.subject": "The use of your data has stopped",
    "told.mail.restriction_started.body": (
        "Dear {name},\n\nThe use of your data has stopped. Only what the law requires goes "
        "on: the steps of the Gatekeeper Improvement Act and what UWV needs.\n\n"
        "You have no account on our portal ({origin}). Questions? Contact our privacy "
        "officer (privacy@kracht-werkt.nl).\n\nKrachtWerkt"
    ),
    "told.mail.restriction_lifted.subject": "The use of your data starts again",
    "told.mail.restriction_lifted.body": (
        "Dear {name},\n\nThe stop on the use of your data has been lifted.\n\n"
        "You have no account on our portal ({origin}). Questions? Contact our privacy "
        "officer (privacy@kracht-werkt.nl).\n\nKrachtWerkt"
    ),
    "letters.kind.rectification": "Outcome of a request for correction",
    "letters.kind.restriction_started": "Use of data stopped",
    "letters.kind.restriction_lifted": "Use of data starts again",
    "letters.pdf.title.rectification": "Your request to correct your data",
    "letters.pdf.title.restriction_started": "The use of your data has stopped",
    "letters.pdf.title.restriction_lifted": "The use of your data starts again",
    "letters.pdf.intro.rectification": (
        "On {date} your request to correct your data was decided. What was decided per item "
        "and why, you read with an account on the portal, or ask the privacy officer of "
        "KrachtWerkt. To protect your privacy the decision is not in this letter. " + _LETTER_HOW_EN
    ),
    "letters.pdf.intro.restriction_started": (
        "On {date} the use of your data stopped. Your employer {employer} receives only what "
        "the law requires about you: the steps of the Gatekeeper Improvement Act and what UWV "
        "needs. Do you want the use to start again? " + _LETTER_HOW_EN
    ),
    "letters.pdf.intro.restriction_lifted": (
        "On {date} the stop on the use of your data was lifted. Your employer {employer} can "
        "again receive information about your absence from us; you are always told what. "
        + _LETTER_HOW_EN
    ),
    "notices.rectification": "On {date} your request to correct your data was decided.",
    "notices.rectification_open": "See the outcome",
    "notices.restriction_started": (
        "On {date} the use of your data stopped. Only what the law requires goes on."
    ),
    "notices.restriction_lifted": "On {date} the stop on the use of your data was lifted.",
    "notices.restriction_open": "See your requests",
    "rights_desk.stop_elsewhere": (
        "A request to stop is answered on the page Use stopped. There you stop the use and "
        "answer the request at once, or refuse it with the reason. Nothing was changed."
    ),
    "rights_desk.stop_intro": (
        "Handle this request on the page Use stopped: granting stops the use and answers the "
        "request at once."
    ),
    "rights_desk.stop_handle": "Handle on Use stopped",
    "restriction.refuse_title": "Refuse",
    "restriction.refuse_answer_label": "Answer to the employee, with the reason for refusing",
    "restriction.refuse": "Refuse: the use goes on",
    "restriction.refused_done": "The request was refused and answered. The use of the data goes on.",
    "restriction.requests_answer_hint": (
        "Granting stops the use and answers the request at once. Refusing needs an answer "
        "that gives the reason; the employee reads it."
    ),
    "restriction.badge": "Use stopped",
    "care.note_disputed": "The employee added a statement about this note",
    "care.note_dispute_pending": (
        "The employee wants a statement added to this note. You find it below, with the statements."
    ),
}
