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
        "arbodienst opent het met de eigen geheime sleutel, of met de wachtzin die u op een "
        "andere manier doorgeeft, bijvoorbeeld telefonisch: nooit in dezelfde e-mail als het "
        "bestand."
    ),
    "care_transfer.none": "Er is geen verzoek om overdracht voor uw werkgevers.",
    "care_transfer.employer": "Werkgever",
    "care_transfer.open_cases": "Lopende ziektegevallen",
    "care_transfer.released_on": "Laatst vrijgegeven op",
    "care_transfer.method": "Versleutelen voor de nieuwe arbodienst",
    "care_transfer.by_key": "Met de publieke age-sleutel van de nieuwe arbodienst",
    "care_transfer.age_key": "Publieke age-sleutel (begint met age1)",
    "care_transfer.age_key_hint": (
        "Vraag de nieuwe arbodienst om de publieke sleutel. Plak nooit een geheime sleutel "
        "(AGE-SECRET-KEY-…)."
    ),
    "care_transfer.by_passphrase": "Met een wachtzin die u apart doorgeeft",
    "care_transfer.passphrase": "Wachtzin",
    "care_transfer.passphrase_hint": (
        "Minstens 12 tekens. Geef de wachtzin op een andere manier door dan het bestand."
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
        "arbodienst om de publieke sleutel (age1…) en laat de arbodienst deze geheime sleutel vervangen."
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
    # --- issue 17 item 6: an employer changes arbodienst (admin, doctor, employee) ---
    "handover.start_heading": "Contract beëindigen met een nieuwe arbodienst",
    "handover.start_note": (
        "De werkgever stapt over naar een andere arbodienst. Alle lopende ziektegevallen "
        "worden per geval overgedragen: de bedrijfsarts maakt het pakket van elk geval en "
        "geeft het versleuteld vrij aan de nieuwe arbodienst. Afgesloten gevallen blijven hier "
        "en volgen de gewone bewaartermijn. De werkgever en de werknemers met een lopend "
        "ziektegeval krijgen bericht."
    ),
    "handover.successor": "Nieuwe arbodienst",
    "handover.successor_email": "E-mailadres van de nieuwe arbodienst (niet verplicht)",
    "handover.contract_end": "Einde van het contract",
    "handover.start": "Contract beëindigen en overdracht starten",
    "handover.started": "Het contract eindigt; de overdracht is gestart.",
    "handover.started_counts": (
        "{cases} lopende ziektegevallen worden overgedragen; {told} werknemers kregen bericht."
    ),
    "handover.heading": "Overdracht aan de nieuwe arbodienst",
    "handover.cases": "Lopende ziektegevallen overgedragen",
    "handover.released": "Door de bedrijfsarts vrijgegeven",
    "handover.confirmed_label": "Ontvangst bevestigd",
    "handover.confirm_note": (
        "Bevestig pas als de nieuwe arbodienst de vrijgegeven pakketten heeft ontvangen. "
        "Daarna vernietigen wij die gevallen."
    ),
    "handover.confirm": "Ontvangst bevestigen",
    "handover.confirmed": "De ontvangst is bevestigd.",
    "handover.started_on": "Overdracht gestart op",
    "handover.admin_next": (
        "De bedrijfsarts geeft per lopend ziektegeval het pakket vrij aan de nieuwe "
        "arbodienst; de privacydesk bevestigt de ontvangst."
    ),
    "handover.desk_heading": "Overdracht aan een nieuwe arbodienst",
    "handover.desk_none": "Er is geen werkgever overgedragen aan een nieuwe arbodienst.",
    "handover.successor_required": "Vul de naam van de nieuwe arbodienst in. Er is niets opgeslagen.",
    "handover.successor_too_long": "De naam van de nieuwe arbodienst is te lang.",
    "handover.bad_email": "Dit is geen geldig e-mailadres.",
    "handover.end_required": "Vul de einddatum van het contract in. Er is niets opgeslagen.",
    "handover.end_before_start": (
        "Het contract kan niet eindigen voor het begon. Er is niets opgeslagen."
    ),
    "handover.already_started": (
        "Voor deze werkgever is de overdracht al gestart. Er is niets opgeslagen."
    ),
    "handover.none": "Voor deze werkgever is geen overdracht gestart.",
    "handover.nothing_released": (
        "De bedrijfsarts heeft nog geen pakket vrijgegeven dat op bevestiging wacht."
    ),
    "handover.doctor_heading": "Overdracht omdat de werkgever van arbodienst wisselt",
    "handover.doctor_intro": (
        "Het contract met deze werkgevers eindigt. Geef per lopend ziektegeval het pakket vrij "
        "aan de nieuwe arbodienst: het bevat alleen dat geval, versleuteld."
    ),
    "handover.doctor_none": "Er zijn geen ziektegevallen om over te dragen.",
    "handover.sick_since": "Ziek sinds",
    "handover.awaiting": "Vrijgegeven; wacht op bevestiging van ontvangst",
    "handover.release": "Pakket van dit geval versleutelen, vrijgeven en downloaden",
    "handover.not_a_handover_case": "Dit ziektegeval wordt niet overgedragen.",
    "notices.handover": (
        "Op {date}: uw werkgever stapt over naar een andere arbodienst. De gegevens van uw "
        "lopende ziektegeval gaan naar die arbodienst."
    ),
    "notices.handover_open": "Bekijk aan wie uw gegevens gaan",
    "mail.handover_employee.subject": "Uw gegevens gaan naar een nieuwe arbodienst",
    "mail.handover_employee.body": (
        "Beste {name},\n\n"
        "Uw werkgever {organisation} stapt per {date} over naar een andere arbodienst: "
        "{successor}. De gegevens van uw lopende ziektegeval dragen wij aan hen over; daarna "
        "bewaren wij die gegevens niet meer. In het portaal ziet u wanneer dat gebeurde:\n\n"
        "{link}\n\n"
        "Met vriendelijke groet,\nKrachtWerkt"
    ),
    "mail.handover_employer.subject": "Einde van de arbodienstverlening",
    "mail.handover_employer.body": (
        "Beste {name},\n\n"
        "Het contract van {organisation} met KrachtWerkt eindigt op {date}. De gegevens van "
        "de lopende ziektegevallen dragen wij per geval over aan {successor}; daarna bewaren "
        "wij ze niet meer. Afgesloten ziektegevallen bewaren wij zolang de wet dat vraagt.\n\n"
        "{origin}\n\n"
        "Met vriendelijke groet,\nKrachtWerkt"
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
        "it with its own secret key, or with the passphrase you give it another way, for "
        "instance by phone: never in the same e-mail as the file."
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
    # --- issue 17 item 6: an employer changes arbodienst (admin, doctor, employee) ---
    "handover.start_heading": "End the contract with a new arbodienst",
    "handover.start_note": (
        "The employer moves to another arbodienst. Every running sick case is handed over, "
        "case by case: the company doctor builds each case's package and releases it "
        "encrypted to the new arbodienst. Closed cases stay here under their usual retention "
        "term. The employer and the employees with a running case are told."
    ),
    "handover.successor": "New arbodienst",
    "handover.successor_email": "E-mail address of the new arbodienst (optional)",
    "handover.contract_end": "End of the contract",
    "handover.start": "End the contract and start the hand-over",
    "handover.started": "The contract ends; the hand-over has started.",
    "handover.started_counts": "{cases} running sick cases are handed over; {told} employees were told.",
    "handover.heading": "Hand-over to the new arbodienst",
    "handover.cases": "Running sick cases handed over",
    "handover.released": "Released by the company doctor",
    "handover.confirmed_label": "Receipt confirmed",
    "handover.confirm_note": (
        "Confirm only once the new arbodienst has received the released packages. We then "
        "destroy those cases."
    ),
    "handover.confirm": "Confirm receipt",
    "handover.confirmed": "Receipt has been confirmed.",
    "handover.started_on": "Hand-over started on",
    "handover.admin_next": (
        "The company doctor releases each running case's package to the new arbodienst; the "
        "privacy desk confirms receipt."
    ),
    "handover.desk_heading": "Hand-over to a new arbodienst",
    "handover.desk_none": "No employer has been handed over to a new arbodienst.",
    "handover.successor_required": "Enter the name of the new arbodienst. Nothing was saved.",
    "handover.successor_too_long": "The name of the new arbodienst is too long.",
    "handover.bad_email": "This is not a valid e-mail address.",
    "handover.end_required": "Enter the end date of the contract. Nothing was saved.",
    "handover.end_before_start": "The contract cannot end before it began. Nothing was saved.",
    "handover.already_started": (
        "The hand-over of this employer has already started. Nothing was saved."
    ),
    "handover.none": "No hand-over has started for this employer.",
    "handover.nothing_released": (
        "The company doctor has not released a package that awaits confirmation yet."
    ),
    "handover.doctor_heading": "Hand-over because the employer changes arbodienst",
    "handover.doctor_intro": (
        "The contract with these employers ends. Release each running sick case's package to "
        "the new arbodienst: it holds that case only, encrypted."
    ),
    "handover.doctor_none": "There are no sick cases to hand over.",
    "handover.sick_since": "Sick since",
    "handover.awaiting": "Released; awaiting confirmation of receipt",
    "handover.release": "Encrypt, release and download this case's package",
    "handover.not_a_handover_case": "This sick case is not being handed over.",
    "notices.handover": (
        "On {date}: your employer moves to another arbodienst. The data of your running sick "
        "case go to that arbodienst."
    ),
    "notices.handover_open": "See to whom your data go",
    "mail.handover_employee.subject": "Your data go to a new arbodienst",
    "mail.handover_employee.body": (
        "Dear {name},\n\n"
        "Your employer {organisation} moves to another arbodienst on {date}: {successor}. We "
        "hand the data of your running sick case over to them; after that we no longer keep "
        "those data. The portal shows when that happened:\n\n"
        "{link}\n\n"
        "Kind regards,\nKrachtWerkt"
    ),
    "mail.handover_employer.subject": "End of the occupational health service",
    "mail.handover_employer.body": (
        "Dear {name},\n\n"
        "The contract of {organisation} with KrachtWerkt ends on {date}. We hand the data of "
        "the running sick cases over to {successor}, case by case; after that we no longer "
        "keep them. Closed sick cases we keep as long as the law requires.\n\n"
        "{origin}\n\n"
        "Kind regards,\nKrachtWerkt"
    ),
}
