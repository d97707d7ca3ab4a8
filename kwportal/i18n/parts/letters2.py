"""Issue 17 item 5, the last two paths: the hand-over of his running case to a new
arbodienst and a breach of his data (AVG art. 34) reach an employee without an account or
an address on file by a letter the case manager posts; the mail on file of the telling
layer for the same two kinds (content-free)."""

from __future__ import annotations

_CONTACT_NL = "de privacyfunctionaris van KrachtWerkt: privacy@kracht-werkt.nl of 088 501 43 02"
_CONTACT_EN = "the privacy officer of KrachtWerkt: privacy@kracht-werkt.nl or 088 501 43 02"

NL: dict[str, str] = {
    # --- mail to the address on file (content-free) ---
    "told.mail.handover.subject": "Uw gegevens gaan naar een nieuwe arbodienst",
    "told.mail.handover.body": (
        "Beste {name},\n\nUw werkgever stapt over naar een andere arbodienst. De gegevens van "
        "uw lopende ziektegeval dragen wij aan hen over.\n\n"
        "U heeft geen account op ons portaal ({origin}). Vragen? Neem contact op met "
        + _CONTACT_NL
        + ".\n\nKrachtWerkt"
    ),
    "told.mail.breach.subject": "Er is iets misgegaan met uw gegevens",
    "told.mail.breach.body": (
        "Beste {name},\n\nBij KrachtWerkt is iets misgegaan met de beveiliging van uw "
        "gegevens. Wat er gebeurde en wat wij eraan doen, leest u in onze brief.\n\n"
        "U heeft geen account op ons portaal ({origin}). Vragen? Neem contact op met "
        + _CONTACT_NL
        + ".\n\nKrachtWerkt"
    ),
    # --- the letter ---
    "letters.kind.handover": "Overdracht aan een nieuwe arbodienst",
    "letters.kind.breach": "Beveiligingsincident",
    "letters.pdf.title.handover": "Uw lopende ziektegeval gaat naar een nieuwe arbodienst",
    "letters.pdf.title.breach": "Er is iets misgegaan met uw gegevens",
    "letters.pdf.intro.handover": (
        "Uw werkgever {employer} stapt per {since} over naar een andere arbodienst: "
        "{successor}. De gegevens van uw lopende ziektegeval dragen wij aan hen over; daarna "
        "bewaren wij die gegevens niet meer. Vragen? Neem contact op met " + _CONTACT_NL + "."
    ),
    "letters.pdf.intro.breach": (
        "Bij KrachtWerkt is iets misgegaan met de beveiliging van persoonsgegevens, ook die "
        "van u. De wet (AVG artikel 34) zegt dat wij u dat laten weten. Hieronder leest u wat "
        "er gebeurde, wat de gevolgen kunnen zijn en wat wij eraan doen."
    ),
    "letters.pdf.content.handover": "Wie uw ziektegeval overneemt",
    "letters.pdf.content.breach": "Wat er gebeurde",
    "letters2.field.successor": "Nieuwe arbodienst",
    "letters2.field.since": "Vanaf",
    "letters2.field.what": "Wat er gebeurde",
    "letters2.field.consequences": "Mogelijke gevolgen",
    "letters2.field.measures": "Wat wij eraan doen",
    "letters2.field.contact": "Vragen",
    "letters2.contact": "Neem contact op met " + _CONTACT_NL + ".",
}

EN: dict[str, str] = {
    "told.mail.handover.subject": "Your data go to a new arbodienst",
    "told.mail.handover.body": (
        "Dear {name},\n\nYour employer is changing to another arbodienst. We hand the data of "
        "your running sick-leave case over to them.\n\n"
        "You have no account on our portal ({origin}). Questions? Contact "
        + _CONTACT_EN
        + ".\n\nKrachtWerkt"
    ),
    "told.mail.breach.subject": "Something went wrong with your data",
    "told.mail.breach.body": (
        "Dear {name},\n\nAt KrachtWerkt something went wrong with the security of your data. "
        "What happened and what we do about it is in our letter.\n\n"
        "You have no account on our portal ({origin}). Questions? Contact "
        + _CONTACT_EN
        + ".\n\nKrachtWerkt"
    ),
    "letters.kind.handover": "Hand-over to a new arbodienst",
    "letters.kind.breach": "Security incident",
    "letters.pdf.title.handover": "Your running sick-leave case goes to a new arbodienst",
    "letters.pdf.title.breach": "Something went wrong with your data",
    "letters.pdf.intro.handover": (
        "Your employer {employer} changes to another arbodienst as of {since}: {successor}. We "
        "hand the data of your running sick-leave case over to them; after that we no longer "
        "keep those data. Questions? Contact " + _CONTACT_EN + "."
    ),
    "letters.pdf.intro.breach": (
        "At KrachtWerkt something went wrong with the security of personal data, yours "
        "included. The law (GDPR article 34) says we let you know. Below you read what "
        "happened, what the consequences may be and what we do about it."
    ),
    "letters.pdf.content.handover": "Who takes over your case",
    "letters.pdf.content.breach": "What happened",
    "letters2.field.successor": "New arbodienst",
    "letters2.field.since": "As of",
    "letters2.field.what": "What happened",
    "letters2.field.consequences": "Possible consequences",
    "letters2.field.measures": "What we do about it",
    "letters2.field.contact": "Questions",
    "letters2.contact": "Contact " + _CONTACT_EN + ".",
}
