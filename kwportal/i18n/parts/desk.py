"""The privacy desk's access-log search and transfer packages, and the administrator's pages
(issue 7, items 7 and 8)."""

NL: dict[str, str] = {
    # --- access-log search ---
    "desk_log.link": "Logboek doorzoeken",
    "desk_log.title": "Logboek doorzoeken",
    "desk_log.intro": (
        "Zoek in het toegangslogboek (NEN 7513) op persoon, op wie iets deed en op periode. "
        "U ziet alleen gegevens over de toegang, nooit medische inhoud. Elke zoekopdracht "
        "wordt zelf ook vastgelegd, en de werknemer ziet dat in zijn eigen logboek."
    ),
    "desk_log.filters": "Zoeken",
    "desk_log.person": "Werknemer (personeelsnummer of naam)",
    "desk_log.who": "Gedaan door (gebruikersnaam of naam)",
    "desk_log.role": "Functie",
    "desk_log.any_role": "Alle functies",
    "desk_log.search": "Zoeken",
    "desk_log.caption": "Gevonden regels",
    "desk_log.none": "Geen regels gevonden in deze periode.",
    "desk_log.event": "Gebeurtenis",
    "desk_log.actor": "Gedaan door",
    "desk_log.subject": "Over werknemer",
    "desk_log.objects": "Soort gegevens",
    "desk_log.nobody": "niemand (automatisch)",
    "desk_log.more": "Oudere",
    "desk_log.newer": "Nieuwere",
    "desk_log.too_long": "De zoektekst is te lang.",
    "desk_log.unknown_role": "Kies een functie uit de lijst.",
    # --- transfer to a new arbodienst ---
    "transfer.heading": "Overdracht aan een nieuwe arbodienst",
    "transfer.explain": (
        "Het pakket bevat de lopende ziektegevallen van deze werknemer, ondertekend. Het wordt "
        "op de server samengesteld en direct als bestand gedownload; u ziet de inhoud niet. "
        "Stuur het beveiligd naar de nieuwe arbodienst."
    ),
    "transfer.recipient": "Nieuwe arbodienst of bedrijfsarts",
    "transfer.build": "Overdrachtspakket maken en downloaden",
    "transfer.stepup_note": "U vult eerst opnieuw een code uit uw authenticator-app in.",
    "transfer.sent_on": "Pakket verstuurd op",
    "transfer.awaiting": "Wacht op bevestiging van ontvangst",
    "transfer.confirmed_on": "Ontvangst bevestigd op",
    "transfer.confirm": "Ontvangst door de nieuwe arbodienst bevestigd",
    "transfer.confirm_note": (
        "Na bevestiging bewaart KrachtWerkt deze gegevens niet langer "
        "(privacyreglement, Bewaartermijn)."
    ),
    "transfer.confirmed": "De ontvangst is vastgelegd.",
    "transfer.no_open_case": "Deze werknemer heeft geen lopend ziektegeval om over te dragen.",
    "transfer.not_a_transfer": "Dit is geen verzoek om overdracht.",
    "transfer.recipient_required": "Vul de naam van de nieuwe arbodienst in.",
    "transfer.recipient_too_long": "De naam is te lang (hoogstens 200 tekens).",
    "transfer.nothing_sent": "Er is nog geen pakket verstuurd dat op bevestiging wacht.",
    "transfer.summary_title": "Overdrachtsdossier (privacyreglement KrachtWerkt, hoofdstuk 3 D)",
    "transfer.summary_from": "Van",
    "transfer.summary_to": "Aan",
    "transfer.summary_created": "Gemaakt",
    "transfer.summary_employee": "Werknemer",
    "transfer.summary_employer": "Werkgever",
    "transfer.summary_case": "Ziektegeval",
    "transfer.summary_verify": (
        "manifest.json noemt de SHA-256 van elk bestand; manifest.jws is die lijst, "
        "ondertekend met de sleutel van KrachtWerkt (zie signing_key in manifest.json)."
    ),
    "transfer.part.sick_report": "Ziekmelding",
    "transfer.part.medical_notes": "Medische aantekeningen",
    "transfer.part.questionnaire_answers": "Vragenlijsten",
    "transfer.part.employer_feedback": "Terugkoppeling aan de werkgever",
    "transfer.part.appointments": "Afspraken",
    "transfer.part.helpers": "Betrokkenen bij re-integratie",
    "transfer.part.documents": "Documenten",
    # --- access-request export ---
    "desk_export.heading": "Inzage: dezelfde download als de werknemer zelf krijgt",
    "desk_export.explain": (
        "Maak het ZIP-bestand met al zijn gegevens (leesbare PDF, machineleesbare JSON en een "
        "ondertekend overzicht) en geef het hem veilig. Open het niet zelf: het bevat ook "
        "zijn medisch dossier. Het maken wordt vastgelegd bij dit verzoek."
    ),
    "desk_export.build": "Inzage-export maken en downloaden",
    "desk_export.not_an_access_request": "Dit is geen open verzoek om inzage.",
    "desk_export.busy": (
        "Er wordt al een export van deze werknemer gemaakt. Wacht tot die klaar is en "
        "probeer het daarna opnieuw."
    ),
}

EN: dict[str, str] = {
    # --- access-log search ---
    "desk_log.link": "Search the access log",
    "desk_log.title": "Search the access log",
    "desk_log.intro": (
        "Search the access log (NEN 7513) by person, by who acted and by period. You see data "
        "about the access only, never medical content. Every search is itself recorded, and "
        "the employee sees it in his own log."
    ),
    "desk_log.filters": "Search",
    "desk_log.person": "Employee (personnel number or name)",
    "desk_log.who": "Done by (username or name)",
    "desk_log.role": "Function",
    "desk_log.any_role": "All functions",
    "desk_log.search": "Search",
    "desk_log.caption": "Lines found",
    "desk_log.none": "No lines found in this period.",
    "desk_log.event": "Event",
    "desk_log.actor": "Done by",
    "desk_log.subject": "About employee",
    "desk_log.objects": "Kind of data",
    "desk_log.nobody": "nobody (automatic)",
    "desk_log.more": "Older",
    "desk_log.newer": "Newer",
    "desk_log.too_long": "The search text is too long.",
    "desk_log.unknown_role": "Choose a function from the list.",
    # --- transfer to a new arbodienst ---
    "transfer.heading": "Transfer to a new occupational health service",
    "transfer.explain": (
        "The package holds this employee's running sickness cases, signed. It is put together "
        "on the server and downloaded straight as a file; you do not see its content. Send it "
        "securely to the new occupational health service."
    ),
    "transfer.recipient": "New occupational health service or company doctor",
    "transfer.build": "Build and download the transfer package",
    "transfer.stepup_note": "You first enter a fresh code from your authenticator app.",
    "transfer.sent_on": "Package sent on",
    "transfer.awaiting": "Awaiting confirmation of receipt",
    "transfer.confirmed_on": "Receipt confirmed on",
    "transfer.confirm": "Receipt confirmed by the new service",
    "transfer.confirm_note": (
        "Once confirmed, KrachtWerkt no longer keeps these data (privacy policy, retention)."
    ),
    "transfer.confirmed": "The receipt has been recorded.",
    "transfer.no_open_case": "This employee has no running sickness case to transfer.",
    "transfer.not_a_transfer": "This is not a transfer request.",
    "transfer.recipient_required": "Enter the name of the new occupational health service.",
    "transfer.recipient_too_long": "The name is too long (at most 200 characters).",
    "transfer.nothing_sent": "No package has been sent that awaits confirmation.",
    "transfer.summary_title": "Transfer file (KrachtWerkt privacy policy, chapter 3 D)",
    "transfer.summary_from": "From",
    "transfer.summary_to": "To",
    "transfer.summary_created": "Created",
    "transfer.summary_employee": "Employee",
    "transfer.summary_employer": "Employer",
    "transfer.summary_case": "Sickness case",
    "transfer.summary_verify": (
        "manifest.json names the SHA-256 of every file; manifest.jws is that list, signed "
        "with KrachtWerkt's key (see signing_key in manifest.json)."
    ),
    "transfer.part.sick_report": "Sick report",
    "transfer.part.medical_notes": "Medical notes",
    "transfer.part.questionnaire_answers": "Questionnaires",
    "transfer.part.employer_feedback": "Feedback to the employer",
    "transfer.part.appointments": "Appointments",
    "transfer.part.helpers": "People helping with reintegration",
    "transfer.part.documents": "Documents",
    # --- access-request export ---
    "desk_export.heading": "Access: the same download the employee gets himself",
    "desk_export.explain": (
        "Make the ZIP file with all his data (readable PDF, machine-readable JSON and a "
        "signed list) and hand it to him safely. Do not open it yourself: it also holds his "
        "medical file. Making it is recorded with this request."
    ),
    "desk_export.build": "Make and download the access export",
    "desk_export.not_an_access_request": "This is not an open access request.",
    "desk_export.busy": (
        "An export of this employee is already being made. Wait until it is ready and try again."
    ),
}
