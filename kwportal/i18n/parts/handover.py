"""Two hand-overs that keep medical content away from the privacy desk (issue 16 item 1):
the company doctor's release of the encrypted transfer package (/care-transfer), and the
export delivered to the employee's own page in answer to his access request."""

from __future__ import annotations

NL: dict[str, str] = {
    # --- the company doctor releases the transfer package ---
    "care_transfer.link": "Overdracht aan een nieuwe arbodienst",
    "care_transfer.title": "Overdracht aan een nieuwe arbodienst",
    "care_transfer.intro": (
        "Werknemers van uw werkgevers die om overdracht hebben gevraagd en een lopend "
        "ziektegeval hebben. U maakt het overdrachtspakket (ondertekend, met het medisch "
        "dossier) en geeft het vrij: het wordt versleuteld voor de nieuwe arbodienst en als "
        "bestand gedownload. De verstrekking wordt vastgelegd; de privacydesk ziet alleen dat "
        "en wanneer u het vrijgaf."
    ),
    "care_transfer.how_to_open": (
        "Het bestand is versleuteld in het age-formaat (age-encryption.org). De nieuwe "
        "arbodienst opent het met zijn geheime sleutel (age -d -i sleutel.txt) of met de "
        "wachtzin die u hem op een andere manier geeft, bijvoorbeeld telefonisch: nooit in "
        "dezelfde e-mail als het bestand."
    ),
    "care_transfer.none": "Er is geen verzoek om overdracht voor uw werkgevers.",
    "care_transfer.employer": "Werkgever",
    "care_transfer.open_cases": "Lopende ziektegevallen",
    "care_transfer.released_on": "Laatst vrijgegeven op",
    "care_transfer.method": "Versleutelen voor de nieuwe arbodienst",
    "care_transfer.by_key": "Met de publieke age-sleutel van de nieuwe arbodienst",
    "care_transfer.age_key": "Publieke age-sleutel (begint met age1)",
    "care_transfer.age_key_hint": (
        "Vraag de nieuwe arbodienst om zijn publieke sleutel. Plak nooit een geheime sleutel "
        "(AGE-SECRET-KEY-…)."
    ),
    "care_transfer.by_passphrase": "Met een wachtzin die u apart doorgeeft",
    "care_transfer.passphrase": "Wachtzin",
    "care_transfer.passphrase_hint": (
        "Minstens 12 tekens. Geef hem op een andere manier door dan het bestand."
    ),
    "care_transfer.passphrase_again": "Wachtzin nogmaals",
    "care_transfer.release": "Pakket versleutelen, vrijgeven en downloaden",
    "care_transfer.choose_method": "Kies hoe het pakket wordt versleuteld.",
    "care_transfer.key_required": "Plak de publieke age-sleutel van de nieuwe arbodienst.",
    "care_transfer.not_an_age_key": (
        "Dit is geen publieke age-sleutel. Een publieke sleutel begint met age1 en is 62 "
        "tekens lang."
    ),
    "care_transfer.secret_key_given": (
        "Dit is een geheime sleutel. Er is niets opgeslagen of verstuurd; vraag de nieuwe "
        "arbodienst om de publieke sleutel (age1…) en laat hem deze geheime sleutel vervangen."
    ),
    "care_transfer.passphrase_required": "Vul een wachtzin in.",
    "care_transfer.passphrase_too_short": "De wachtzin moet minstens 12 tekens lang zijn.",
    "care_transfer.passphrase_too_long": "De wachtzin is te lang (hoogstens 1000 tekens).",
    "care_transfer.passphrase_mismatch": "De twee wachtzinnen zijn niet gelijk.",
    # --- the export delivered to the employee ---
    "export.delivered_title": "Antwoord op uw verzoek om inzage",
    "export.delivered_intro": (
        "De privacydesk heeft uw verzoek om inzage beantwoord door uw gegevens hier voor u "
        "klaar te zetten. U downloadt ze hieronder; alleen u kunt dat."
    ),
    "export.delivered_on": "Klaargezet op",
    "export.downloaded_on": "Gedownload op",
    "export.not_downloaded": "nog niet",
    "mail.export_ready.subject": "Uw gegevens staan voor u klaar",
    "mail.export_ready.body": (
        "Beste {name},\n\nU vroeg om inzage in uw gegevens. Ze staan voor u klaar in het "
        "portaal; na inloggen downloadt u ze hier:\n\n{link}\n\nOm uw privacy te beschermen "
        "staat de inhoud niet in deze e-mail.\n\nKrachtWerkt"
    ),
}

EN: dict[str, str] = {
    # --- the company doctor releases the transfer package ---
    "care_transfer.link": "Transfer to a new occupational health service",
    "care_transfer.title": "Transfer to a new occupational health service",
    "care_transfer.intro": (
        "Employees of your employers who asked for a transfer and have a running sickness "
        "case. You build the transfer package (signed, with the medical file) and release "
        "it: it is encrypted for the new service and downloaded as a file. The disclosure is "
        "recorded; the privacy desk only sees that and when you released it."
    ),
    "care_transfer.how_to_open": (
        "The file is encrypted in the age format (age-encryption.org). The new service opens "
        "it with its secret key (age -d -i key.txt) or with the passphrase you give it "
        "another way, for instance by phone: never in the same e-mail as the file."
    ),
    "care_transfer.none": "There is no transfer request for your employers.",
    "care_transfer.employer": "Employer",
    "care_transfer.open_cases": "Running sickness cases",
    "care_transfer.released_on": "Last released on",
    "care_transfer.method": "Encrypt for the new occupational health service",
    "care_transfer.by_key": "With the new service's public age key",
    "care_transfer.age_key": "Public age key (starts with age1)",
    "care_transfer.age_key_hint": (
        "Ask the new service for its public key. Never paste a secret key (AGE-SECRET-KEY-…)."
    ),
    "care_transfer.by_passphrase": "With a passphrase you hand over separately",
    "care_transfer.passphrase": "Passphrase",
    "care_transfer.passphrase_hint": (
        "At least 12 characters. Hand it over another way than the file."
    ),
    "care_transfer.passphrase_again": "Passphrase again",
    "care_transfer.release": "Encrypt, release and download the package",
    "care_transfer.choose_method": "Choose how the package is encrypted.",
    "care_transfer.key_required": "Paste the new service's public age key.",
    "care_transfer.not_an_age_key": (
        "This is not a public age key. A public key starts with age1 and is 62 characters long."
    ),
    "care_transfer.secret_key_given": (
        "This is a secret key. Nothing was stored or sent; ask the new service for its public "
        "key (age1…) and have it replace this secret key."
    ),
    "care_transfer.passphrase_required": "Enter a passphrase.",
    "care_transfer.passphrase_too_short": "The passphrase must be at least 12 characters long.",
    "care_transfer.passphrase_too_long": "The passphrase is too long (at most 1000 characters).",
    "care_transfer.passphrase_mismatch": "The two passphrases differ.",
    # --- the export delivered to the employee ---
    "export.delivered_title": "Answer to your access request",
    "export.delivered_intro": (
        "The privacy desk answered your access request by putting your data here for you. "
        "You download them below; only you can."
    ),
    "export.delivered_on": "Delivered on",
    "export.downloaded_on": "Downloaded on",
    "export.not_downloaded": "not yet",
    "mail.export_ready.subject": "Your data are ready for you",
    "mail.export_ready.body": (
        "Dear {name},\n\nYou asked for access to your data. They are ready for you in the "
        "portal; after signing in you download them here:\n\n{link}\n\nTo protect your "
        "privacy, the content is not in this e-mail.\n\nKrachtWerkt"
    ),
}
