"""Rectification as an outcome (seed ch. 3 B; issue 17 item 2) and the escalation of
overdue rights requests (issue 17 item 4): the employee's details page, the desk, the
case pages of the care team and the case manager, and the mails."""

from __future__ import annotations

NL: dict[str, str] = {
    # what the desk reads as the request's text (never a health datum)
    "rectification.request_text.employee": "Verbetering gevraagd van: {field}.",
    "rectification.request_text.care_address": (
        "Verbetering gevraagd van het verblijfsadres tijdens ziekte. Alleen de bedrijfsarts "
        "en het team zien het adres en beslissen erover."
    ),
    "rectification.request_text.medical": (
        "Eigen verklaring bij het medisch dossier. Alleen de bedrijfsarts en het team lezen "
        "de verklaring; zij voegen haar toe aan het dossier."
    ),
    # refused values, at the field
    "rectification.error.control": "Gebruik alleen gewone tekens.",
    "rectification.error.required": "Vul de juiste waarde in.",
    "rectification.error.too_long": "Dit is te lang voor dit gegeven.",
    "rectification.error.postal_code": "Vul een postcode in zoals 7511 AB.",
    "rectification.error.email": "Vul een e-mailadres in zoals naam@voorbeeld.nl.",
    "rectification.error.phone": "Vul een telefoonnummer in met alleen cijfers, spaties, "
    "haakjes, streepjes en eventueel een + vooraan.",
    "rectification.error.gender": "Kies v (vrouw), m (man) of x (anders of onbekend).",
    "rectification.error.date": "Vul een datum in zoals 2026-03-31.",
    "rectification.error.birth_age": "Deze geboortedatum past niet bij iemand die werkt.",
    "rectification.error.end_before_start": (
        "De datum uit dienst kan niet vóór de datum in dienst liggen."
    ),
    "rectification.error.hours": "Vul een aantal uren per week in tussen 0 en 60.",
    "rectification.error.unchanged": "Dit staat er al zo.",
    "rectification.error.unknown_case": "Kies een van uw verzuimperiodes.",
    "rectification.error.unknown_note": (
        "Dat nummer hoort niet bij een aantekening in uw dossier van deze verzuimperiode."
    ),
    "rectification.error.statement_required": "Schrijf uw verklaring.",
    "rectification.error.statement_too_long": ("Uw verklaring is te lang (maximaal 5.000 tekens)."),
    "rectification.error.reason_required": (
        "Schrijf waarom het verzoek wordt geweigerd; de werknemer leest de reden."
    ),
    "rectification.error.reason_too_long": "De reden is te lang (maximaal 2.000 tekens).",
    "rectification.error.number_taken": (
        "Dit personeelsnummer heeft al een andere werknemer bij deze werkgever."
    ),
    "rectification.unknown_item": "Dat verzoek om verbetering bestaat niet.",
    "rectification.already_decided": "Over dit verzoek om verbetering is al besloten.",
    # the employee's page
    "rectification.hint.date": "Bijvoorbeeld 2026-03-31.",
    "rectification.hint.postal_code": "Bijvoorbeeld 7511 AB.",
    "rectification.hint.gender": "v (vrouw), m (man) of x (anders of onbekend).",
    "rectification.hint.hours_per_week": "Bijvoorbeeld 32 of 24,5.",
    "rectification.status_label": "Uitkomst",
    "rectification.status.open": "In behandeling",
    "rectification.status.applied": "Aangepast",
    "rectification.status.refused": "Geweigerd",
    "rectification.status.statement_added": "Verklaring toegevoegd aan het dossier",
    "rectification.asked": "Gevraagd",
    "rectification.asked_on": "Gevraagd op",
    "rectification.decided_on": "Besloten op",
    "rectification.reason": "Reden",
    "rectification.mine_title": "Uw verzoeken om verbetering",
    "rectification.field.care_address": "Verblijfsadres tijdens ziekte",
    "rectification.field.medical_file": "Eigen verklaring bij het medisch dossier",
    "rectification.field.medical_note": "Eigen verklaring bij een aantekening in het dossier",
    "rectification.case_label": "Verzuim vanaf",
    "rectification.care_value": "Het juiste verblijfsadres",
    "rectification.care_hint": (
        "Alleen de bedrijfsarts en het team zien het adres en passen het aan."
    ),
    "rectification.medical_title": "Mijn medisch dossier: een eigen verklaring",
    "rectification.medical_intro": (
        "Klopt een tekst in uw medisch dossier volgens u niet? De bedrijfsarts verandert of "
        "verwijdert wat in het dossier staat niet, maar u mag er uw eigen verklaring bij "
        "schrijven. De bedrijfsarts voegt die toe aan uw dossier, naast de tekst waar het om "
        "gaat. Alleen de bedrijfsarts en het team lezen haar."
    ),
    "rectification.note_label": "Nummer van de aantekening (niet verplicht)",
    "rectification.note_hint": (
        "Het nummer staat bij de aantekening in uw download van Mijn gegevens. Laat het leeg "
        "als uw verklaring over uw dossier als geheel gaat."
    ),
    "rectification.statement_label": "Uw verklaring",
    "rectification.statement_send": "Verklaring versturen",
    "rectification.statement_sent": (
        "Uw verklaring is ontvangen. De bedrijfsarts voegt haar toe aan uw dossier; u krijgt "
        "daarover bericht."
    ),
    "rectification.no_cases": (
        "Er is geen verzuimdossier van u, dus ook geen medisch dossier om een verklaring bij "
        "te schrijven."
    ),
    "rectification.sent": (
        "Uw verzoek is ontvangen. U ziet hieronder wat ermee gebeurt; u krijgt bericht als er "
        "is besloten."
    ),
    # the desk and the case pages
    "rectification.items_title": "Gevraagde verbeteringen",
    "rectification.current": "Nu vastgelegd",
    "rectification.apply": "Aanpassen",
    "rectification.refuse": "Weigeren",
    "rectification.refuse_reason": "Reden van weigering (de werknemer leest deze)",
    "rectification.applied_done": "De gegevens zijn aangepast; de werknemer krijgt bericht.",
    "rectification.refused_done": "Het verzoek is geweigerd; de werknemer ziet de reden.",
    "rectification.by_case_manager": (
        "De casemanager beoordeelt dit gegeven over het dienstverband."
    ),
    "rectification.by_care_team": (
        "De bedrijfsarts en het team beoordelen dit (een gezondheidsgegeven)."
    ),
    "rectification.by_doctor": (
        "De bedrijfsarts voegt de verklaring van de werknemer toe aan het medisch dossier."
    ),
    "rectification.care_title": "Verzoeken van de werknemer om verbetering",
    "rectification.care_intro": (
        "Wat de werknemer vraagt, met de uitkomst. Een verblijfsadres past u aan of weigert u "
        "met een reden; een eigen verklaring bij het medisch dossier voegt u toe."
    ),
    "rectification.admin_intro": (
        "Wat de werknemer vraagt te verbeteren aan de eigen persoonsgegevens en het "
        "dienstverband. Pas het aan, of weiger met een reden; de werknemer leest die."
    ),
    "rectification.none": "Geen verzoeken om verbetering.",
    "rectification.statements_title": "Eigen verklaringen van de werknemer (WGBO art. 7:454)",
    "rectification.disputed": "De tekst waar het om gaat (blijft staan)",
    "rectification.whole_file": "Over het dossier als geheel.",
    "rectification.statement_body": "Verklaring van de werknemer",
    "rectification.submitted_on": "Ontvangen op",
    "rectification.added_on": "Toegevoegd aan het dossier op",
    "rectification.add_statement": "Toevoegen aan het dossier",
    "rectification.cannot_refuse": (
        "Een eigen verklaring moet aan het dossier worden toegevoegd (WGBO art. 7:454); u kunt "
        "haar niet weigeren. Wilt u reageren? Schrijf dan een aantekening."
    ),
    "rectification.statement_added_done": (
        "De verklaring staat nu in het dossier, naast de tekst waar het om gaat; de werknemer "
        "krijgt bericht."
    ),
    # mails: *that* something happened, never which field, value or statement
    "mail.rectification.subject": "Uw verzoek om verbetering van uw gegevens",
    "mail.rectification.body": (
        "Beste {name},\n\nOver uw verzoek om uw gegevens te verbeteren is besloten. Wat er is "
        "gebeurd, ziet u na inloggen in het portaal:\n\n{link}\n\nOm uw privacy te "
        "beschermen staat het besluit niet in deze e-mail.\n\nKrachtWerkt"
    ),
    "mail.rights_overdue.subject": "Verzoeken van werknemers zijn over de termijn",
    "mail.rights_overdue.body": (
        "Beste {name},\n\n{count} verzoek(en) van werknemers zijn niet binnen vier weken "
        "beantwoord, terwijl de privacyverklaring een antwoord belooft uiterlijk binnen vier "
        "weken. Bekijk de open verzoeken in het portaal:\n\n{link}\n\nKrachtWerkt"
    ),
}

EN: dict[str, str] = {
    "rectification.request_text.employee": "Correction asked of: {field}.",
    "rectification.request_text.care_address": (
        "Correction asked of the address during illness. Only the company doctor and the team "
        "see the address and decide on it."
    ),
    "rectification.request_text.medical": (
        "Own statement for the medical file. Only the company doctor and the team read the "
        "statement; they add it to the file."
    ),
    "rectification.error.control": "Use ordinary characters only.",
    "rectification.error.required": "Fill in the correct value.",
    "rectification.error.too_long": "This is too long for this item.",
    "rectification.error.postal_code": "Fill in a postal code such as 7511 AB.",
    "rectification.error.email": "Fill in an e-mail address such as name@example.com.",
    "rectification.error.phone": "Fill in a phone number with digits, spaces, brackets, "
    "dashes and perhaps a leading + only.",
    "rectification.error.gender": "Choose v (woman), m (man) or x (other or unknown).",
    "rectification.error.date": "Fill in a date such as 2026-03-31.",
    "rectification.error.birth_age": "This date of birth does not fit someone who works.",
    "rectification.error.end_before_start": (
        "The date employment ended cannot be before the date it started."
    ),
    "rectification.error.hours": "Fill in a number of hours per week between 0 and 60.",
    "rectification.error.unchanged": "This is what is recorded already.",
    "rectification.error.unknown_case": "Choose one of your periods of absence.",
    "rectification.error.unknown_note": (
        "That number is not a note in your file for this period of absence."
    ),
    "rectification.error.statement_required": "Write your statement.",
    "rectification.error.statement_too_long": (
        "Your statement is too long (at most 5,000 characters)."
    ),
    "rectification.error.reason_required": (
        "Write why the request is refused; the employee reads the reason."
    ),
    "rectification.error.reason_too_long": "The reason is too long (at most 2,000 characters).",
    "rectification.error.number_taken": (
        "Another employee of this employer already has this personnel number."
    ),
    "rectification.unknown_item": "That request for a correction does not exist.",
    "rectification.already_decided": "This request for a correction has been decided already.",
    "rectification.hint.date": "For example 2026-03-31.",
    "rectification.hint.postal_code": "For example 7511 AB.",
    "rectification.hint.gender": "v (woman), m (man) or x (other or unknown).",
    "rectification.hint.hours_per_week": "For example 32 or 24.5.",
    "rectification.status_label": "Outcome",
    "rectification.status.open": "Being handled",
    "rectification.status.applied": "Corrected",
    "rectification.status.refused": "Refused",
    "rectification.status.statement_added": "Statement added to the file",
    "rectification.asked": "Asked",
    "rectification.asked_on": "Asked on",
    "rectification.decided_on": "Decided on",
    "rectification.reason": "Reason",
    "rectification.mine_title": "Your requests for a correction",
    "rectification.field.care_address": "Address during illness",
    "rectification.field.medical_file": "Own statement for the medical file",
    "rectification.field.medical_note": "Own statement for a note in the file",
    "rectification.case_label": "Absence from",
    "rectification.care_value": "The correct address during illness",
    "rectification.care_hint": "Only the company doctor and the team see and correct the address.",
    "rectification.medical_title": "My medical file: an own statement",
    "rectification.medical_intro": (
        "Do you think a text in your medical file is wrong? The company doctor does not change "
        "or delete what is in the file, but you may add your own statement. The company doctor "
        "adds it to your file, next to the text it is about. Only the company doctor and the "
        "team read it."
    ),
    "rectification.note_label": "Number of the note (optional)",
    "rectification.note_hint": (
        "The number is next to the note in your download of My data. Leave it empty if your "
        "statement is about your file as a whole."
    ),
    "rectification.statement_label": "Your statement",
    "rectification.statement_send": "Send statement",
    "rectification.statement_sent": (
        "Your statement has been received. The company doctor adds it to your file; you will "
        "be told."
    ),
    "rectification.no_cases": (
        "There is no absence file of yours, so no medical file to add a statement to."
    ),
    "rectification.sent": (
        "Your request has been received. You see below what happens to it; you will be told "
        "once it is decided."
    ),
    "rectification.items_title": "Corrections asked",
    "rectification.current": "Recorded now",
    "rectification.apply": "Correct",
    "rectification.refuse": "Refuse",
    "rectification.refuse_reason": "Reason for refusing (the employee reads it)",
    "rectification.applied_done": "The data have been corrected; the employee will be told.",
    "rectification.refused_done": "The request has been refused; the employee sees the reason.",
    "rectification.by_case_manager": "The case manager decides on this employment item.",
    "rectification.by_care_team": (
        "The company doctor and the team decide on this (a health datum)."
    ),
    "rectification.by_doctor": (
        "The company doctor adds the employee's statement to the medical file."
    ),
    "rectification.care_title": "The employee's requests for a correction",
    "rectification.care_intro": (
        "What the employee asks, with the outcome. An address during illness you correct or "
        "refuse with a reason; an own statement for the medical file you add."
    ),
    "rectification.admin_intro": (
        "What the employee asks to correct in his personal and employment details. Correct it, "
        "or refuse with a reason he reads."
    ),
    "rectification.none": "No requests for a correction.",
    "rectification.statements_title": "The employee's own statements (WGBO art. 7:454)",
    "rectification.disputed": "The text it is about (it stays)",
    "rectification.whole_file": "About the file as a whole.",
    "rectification.statement_body": "The employee's statement",
    "rectification.submitted_on": "Received on",
    "rectification.added_on": "Added to the file on",
    "rectification.add_statement": "Add to the file",
    "rectification.cannot_refuse": (
        "An own statement must be added to the file (WGBO art. 7:454); you cannot refuse it. "
        "Do you want to respond? Then write a note."
    ),
    "rectification.statement_added_done": (
        "The statement is now in the file, next to the text it is about; the employee will be told."
    ),
    "mail.rectification.subject": "Your request to correct your data",
    "mail.rectification.body": (
        "Dear {name},\n\nYour request to correct your data has been decided. What happened you "
        "see after signing in to the portal:\n\n{link}\n\nTo protect your privacy the decision "
        "is not in this e-mail.\n\nKrachtWerkt"
    ),
    "mail.rights_overdue.subject": "Employees' requests are past their term",
    "mail.rights_overdue.body": (
        "Dear {name},\n\n{count} request(s) of employees have not been answered within four "
        "weeks, while the privacy statement promises an answer within four weeks at the "
        "latest. See the open requests in the portal:\n\n{link}\n\nKrachtWerkt"
    ),
}
