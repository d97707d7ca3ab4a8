"""The privacy desk's access-log search and transfer packages, and the administrator's pages
(issue 7, items 7 and 8)."""

NL: dict[str, str] = {
    # --- access-log search ---
    "desk_log.link": "Logboek doorzoeken",
    "desk_log.title": "Logboek doorzoeken",
    "desk_log.intro": (
        "Zoek in het toegangslogboek (NEN 7513) op persoon, op wie iets deed en op periode. "
        "U ziet alleen gegevens over de toegang, nooit medische inhoud. Elke zoekopdracht "
        "wordt zelf ook vastgelegd, en de werknemer ziet dat in het eigen logboek."
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
        "Het pakket met de lopende ziektegevallen bevat het medisch dossier. De bedrijfsarts "
        "maakt het, versleutelt het voor de nieuwe arbodienst en geeft het vrij; de "
        "privacydesk krijgt het niet. U ziet hier of en wanneer dat gebeurde, en u legt vast "
        "dat de nieuwe arbodienst het heeft ontvangen."
    ),
    "transfer.recipient": "Nieuwe arbodienst of bedrijfsarts",
    "transfer.stepup_note": "U vult eerst opnieuw een code uit uw authenticator-app in.",
    "transfer.released_on": "Vrijgegeven door de bedrijfsarts op",
    "transfer.package": "Overdrachtspakket",
    "transfer.waiting_for_doctor": "De bedrijfsarts heeft het pakket nog niet vrijgegeven.",
    "transfer.doctor_releases": (
        "Het overdrachtspakket bevat het medisch dossier: de bedrijfsarts maakt het en geeft "
        "het versleuteld vrij. De privacydesk downloadt het niet."
    ),
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
    "transfer.part.plans": "Plan van aanpak en evaluaties",
    "transfer.part.uploads": "Bestanden",
    "transfer.part.messages": "Berichten",
    # --- access-request export ---
    "desk_export.heading": "Inzage: de werknemer downloadt de eigen gegevens zelf",
    "desk_export.explain": (
        "Als u dit verzoek beantwoordt, zet het portaal de export (alle gegevens van de "
        "werknemer, ook het medisch dossier) klaar op de eigen pagina van de werknemer, die "
        "een e-mail zonder inhoud krijgt. U ontvangt de export niet; u ziet alleen wanneer "
        "die is klaargezet en wanneer de werknemer die heeft gedownload."
    ),
    "desk_export.deliver": "Beantwoorden en export klaarzetten voor de werknemer",
    "desk_export.employee_downloads": (
        "De privacydesk downloadt geen inzage-export meer: beantwoord het verzoek, dan zet "
        "het portaal de export klaar voor de werknemer zelf."
    ),
    "desk_export.no_account": (
        "Deze werknemer heeft geen actief account in het portaal en kan de export dus niet "
        "ophalen. Vraag de beheerder eerst een uitnodiging te sturen."
    ),
    "desk_export.delivered_title": "Klaargezette inzage-exports",
    "desk_export.delivered_intro": (
        "Wanneer de export van een beantwoord inzageverzoek is klaargezet en wanneer de "
        "werknemer de export voor het eerst heeft gedownload."
    ),
    "desk_export.delivered_on": "Klaargezet op",
    "desk_export.downloaded_on": "Gedownload op",
    "desk_export.not_yet": "nog niet",
    "desk_export.none_delivered": "Er zijn nog geen exports klaargezet.",
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
        "The package with the running sickness cases holds the medical file. The company "
        "doctor builds it, encrypts it for the new occupational health service and releases "
        "it; the privacy desk does not receive it. Here you see whether and when that "
        "happened, and you record that the new service received it."
    ),
    "transfer.recipient": "New occupational health service or company doctor",
    "transfer.stepup_note": "You first enter a fresh code from your authenticator app.",
    "transfer.released_on": "Released by the company doctor on",
    "transfer.package": "Transfer package",
    "transfer.waiting_for_doctor": "The company doctor has not released the package yet.",
    "transfer.doctor_releases": (
        "The transfer package holds the medical file: the company doctor builds it and "
        "releases it encrypted. The privacy desk does not download it."
    ),
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
    "transfer.part.plans": "Plan of action and evaluations",
    "transfer.part.uploads": "Files",
    "transfer.part.messages": "Messages",
    # --- access-request export ---
    "desk_export.heading": "Access: the employee downloads his data himself",
    "desk_export.explain": (
        "When you answer this request, the portal puts his export (all his data, his "
        "medical file too) on his own page and sends him an e-mail without content. You do "
        "not receive the export; you only see when it was delivered and when he downloaded it."
    ),
    "desk_export.deliver": "Answer and deliver the export to the employee",
    "desk_export.employee_downloads": (
        "The privacy desk no longer downloads an access export: answer the request and the "
        "portal delivers the export to the employee himself."
    ),
    "desk_export.no_account": (
        "This employee has no active portal account, so he cannot fetch his export. Have the "
        "administrator send him an invitation first."
    ),
    "desk_export.delivered_title": "Delivered access exports",
    "desk_export.delivered_intro": (
        "When the export of an answered access request was delivered, and when the employee "
        "first downloaded it."
    ),
    "desk_export.delivered_on": "Delivered on",
    "desk_export.downloaded_on": "Downloaded on",
    "desk_export.not_yet": "not yet",
    "desk_export.none_delivered": "No exports have been delivered yet.",
}
