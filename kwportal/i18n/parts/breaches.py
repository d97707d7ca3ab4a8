"""The breach register of the privacy officer and the employee's notices of a breach
(issue 17 item 8; AVG art. 33/34)."""

from __future__ import annotations

NL: dict[str, str] = {
    # --- the register ---
    "breaches.link": "Datalekken",
    "breaches.title": "Register van datalekken",
    "breaches.intro": (
        "Leg elk datalek vast: wat er gebeurde, wanneer, welke gegevens van wie, het risico "
        "en de maatregelen. Binnen 72 uur na ontdekking meldt u het lek aan de Autoriteit "
        "Persoonsgegevens, tenzij het waarschijnlijk geen risico oplevert. Bij een hoog "
        "risico informeert u ook de betrokkenen. Tijden zijn Nederlandse tijd."
    ),
    "breaches.register": "Vastgelegde datalekken",
    "breaches.none": "Er zijn geen datalekken vastgelegd.",
    "breaches.new": "Nieuw datalek vastleggen",
    "breaches.title_label": "Korte omschrijving",
    "breaches.description": "Wat is er gebeurd",
    "breaches.occurred_at": "Wanneer gebeurde het",
    "breaches.found_at": "Wanneer ontdekt",
    "breaches.time_hint": "Datum en tijd, Nederlandse tijd.",
    "breaches.data_kinds": "Welke soorten gegevens",
    "breaches.kind.identity": "Naam en identiteit",
    "breaches.kind.contact": "Adres, e-mail, telefoon",
    "breaches.kind.employment": "Dienstverband",
    "breaches.kind.absence": "Verzuim",
    "breaches.kind.health": "Medische gegevens",
    "breaches.kind.account": "Inloggegevens",
    "breaches.risk": "Risico voor de betrokkenen",
    "breaches.risk.none": "Waarschijnlijk geen risico",
    "breaches.risk.risk": "Risico",
    "breaches.risk.high": "Hoog risico",
    "breaches.measures": "Genomen maatregelen",
    "breaches.consequences": "Waarschijnlijke gevolgen",
    "breaches.people_text": "Tekst voor de betrokkenen",
    "breaches.people_text_hint": (
        "In gewone taal: wat er gebeurde met hun gegevens. De betrokkenen lezen dit in het "
        "portaal, met de gevolgen, de maatregelen en hoe zij u bereiken."
    ),
    "breaches.whose": "Van wie",
    "breaches.organisation": "Werkgever",
    "breaches.choose_organisation": "Kies een werkgever",
    "breaches.numbers": "Personeelsnummers",
    "breaches.numbers_hint": "Gescheiden door spaties of komma's.",
    "breaches.all_employees": "Alle werknemers van deze werkgever",
    "breaches.named": "Genoemd:",
    "breaches.record": "Datalek vastleggen",
    "breaches.recorded": "Het datalek is vastgelegd.",
    "breaches.people_count": "betrokkenen",
    "breaches.told_count": "geïnformeerd",
    "breaches.ap": "Melding aan de Autoriteit Persoonsgegevens",
    "breaches.hours_left": "nog {hours} uur",
    "breaches.hours_overdue": "{hours} uur te laat",
    "breaches.ap_done": "Gemeld op",
    "breaches.ap_not": "Niet gemeld:",
    "breaches.ap_notified_at": "Gemeld op (datum en tijd)",
    "breaches.ap_reference": "Kenmerk van de melding",
    "breaches.ap_late_reason": "Reden van de vertraging",
    "breaches.ap_late_hint": "Alleen nodig als de melding na de 72 uur is gedaan.",
    "breaches.ap_save": "Melding vastleggen",
    "breaches.ap_skip_reason": "Waarom niet melden",
    "breaches.ap_skip": "Niet melden vastleggen",
    "breaches.ap_recorded": "De melding aan de Autoriteit Persoonsgegevens is vastgelegd.",
    "breaches.ap_skipped": "Vastgelegd waarom het lek niet is gemeld.",
    "breaches.tell_question": "Betrokkenen informeren",
    "breaches.tell.yes": "Ja, informeren",
    "breaches.tell.no": "Nee, niet informeren",
    "breaches.undecided": "Nog niet besloten",
    "breaches.must_tell": "Hoog risico: de betrokkenen moeten worden geïnformeerd.",
    "breaches.tell_reason": "Reden van het besluit",
    "breaches.decide": "Besluit vastleggen",
    "breaches.decided": "Het besluit is vastgelegd.",
    "breaches.tell_note": (
        "Elke betrokkene krijgt een bericht in het portaal en een e-mail dat er een bericht "
        "is. De e-mail noemt geen inhoud."
    ),
    "breaches.tell_now": "Betrokkenen nu informeren",
    "breaches.told": "De betrokkenen zijn geïnformeerd.",
    "breaches.told_count_now": "Aantal nu geïnformeerd:",
    "breaches.add_people": "Betrokkenen toevoegen",
    "breaches.add": "Toevoegen",
    "breaches.people_added": "De betrokkenen zijn toegevoegd.",
    # --- refusals ---
    "breaches.title_required": "Geef een korte omschrijving.",
    "breaches.too_long": "Deze tekst is te lang.",
    "breaches.found_at_required": "Vul in wanneer het lek is ontdekt.",
    "breaches.bad_moment": "Dit is geen geldige datum en tijd.",
    "breaches.in_future": "Dit moment ligt in de toekomst.",
    "breaches.found_before_occurred": (
        "Het lek kan niet eerder ontdekt zijn dan het gebeurde. Er is niets opgeslagen."
    ),
    "breaches.risk_required": "Kies het risico voor de betrokkenen.",
    "breaches.bad_kind": "Kies alleen soorten gegevens uit de lijst.",
    "breaches.organisation_required": "Kies de werkgever van de betrokkenen.",
    "breaches.too_many_numbers": "Noem hooguit 500 personeelsnummers tegelijk.",
    "breaches.unknown_number": (
        "Onbekend personeelsnummer bij deze werkgever. Er is niets opgeslagen."
    ),
    "breaches.numbers_required": "Noem personeelsnummers of kies alle werknemers.",
    "breaches.unknown": "Dit datalek bestaat niet.",
    "breaches.ap_already_notified": "De melding aan de Autoriteit Persoonsgegevens is al vastgelegd.",
    "breaches.ap_notified_at_required": "Vul in wanneer u het lek hebt gemeld.",
    "breaches.notified_before_found": "De melding kan niet eerder zijn dan de ontdekking.",
    "breaches.ap_reference_required": "Vul het kenmerk van de melding in.",
    "breaches.ap_reason_required": "Geef de reden.",
    "breaches.must_notify_ap": (
        "Dit lek brengt een risico mee: het moet worden gemeld aan de Autoriteit Persoonsgegevens."
    ),
    "breaches.choose_tell": "Kies of u de betrokkenen informeert.",
    "breaches.high_risk_must_tell": (
        "Bij een hoog risico moeten de betrokkenen worden geïnformeerd (AVG artikel 34)."
    ),
    "breaches.tell_reason_required": "Geef de reden van het besluit.",
    "breaches.already_told": "De betrokkenen zijn al geïnformeerd.",
    "breaches.decide_first": "Besluit eerst dat u de betrokkenen informeert.",
    "breaches.people_text_required": (
        "Schrijf de tekst voor de betrokkenen: die lezen zij in het portaal."
    ),
    "breaches.nobody_to_tell": "Er zijn geen betrokkenen om te informeren.",
    # --- mail ---
    "mail.breach.subject": "Een bericht over uw gegevens",
    "mail.breach.body": (
        "Beste {name},\n\n"
        "Er is een incident geweest waarbij uw gegevens betrokken waren. In het portaal van "
        "KrachtWerkt leest u wat er gebeurde, wat de gevolgen kunnen zijn en wat wij eraan "
        "doen:\n\n{link}\n\n"
        "Hebt u nog geen account? Vraag uw casemanager of mail privacy@kracht-werkt.nl.\n\n"
        "Met vriendelijke groet,\nKrachtWerkt"
    ),
    "mail.breach_reminder.subject": "Datalek nog niet gemeld",
    "mail.breach_reminder.body": (
        "Beste {name},\n\n"
        "Datalek nummer {number} in het register is 48 uur geleden ontdekt en nog niet "
        "gemeld aan de Autoriteit Persoonsgegevens. De melding moet uiterlijk {deadline} "
        "(Nederlandse tijd) gedaan zijn, of u legt vast waarom die niet nodig is.\n\n{link}\n\n"
        "KrachtWerkt portaal"
    ),
    # --- the employee's notices ---
    "notices.breach": (
        "Op {date} hebben wij u een bericht gestuurd over een incident met uw gegevens."
    ),
    "notices.breach_open": "Lees het bericht",
    "incidents.link": "Berichten over incidenten",
    "incidents.title": "Berichten over incidenten met uw gegevens",
    "incidents.intro": (
        "Als er een incident is geweest met uw gegevens, leest u hier wat er gebeurde, wat "
        "de gevolgen kunnen zijn en wat wij eraan doen."
    ),
    "incidents.none": "Er zijn geen berichten over incidenten met uw gegevens.",
    "incidents.notice_of": "Bericht van",
    "incidents.consequences": "Wat de gevolgen kunnen zijn",
    "incidents.measures": "Wat wij eraan doen",
    "incidents.questions": "Vragen?",
    "incidents.contact": (
        "Neem contact op met onze privacyfunctionaris: privacy@kracht-werkt.nl of 088 501 43 02."
    ),
}

EN: dict[str, str] = {
    # --- the register ---
    "breaches.link": "Data breaches",
    "breaches.title": "Data breach register",
    "breaches.intro": (
        "Record every breach: what happened, when, whose data of which kinds, the risk and "
        "the measures. Within 72 hours of finding it you notify the Dutch Data Protection "
        "Authority (AP), unless it is unlikely to bring a risk. With a high risk you also "
        "tell the people concerned. Times are Dutch time."
    ),
    "breaches.register": "Recorded breaches",
    "breaches.none": "No breaches have been recorded.",
    "breaches.new": "Record a new breach",
    "breaches.title_label": "Short description",
    "breaches.description": "What happened",
    "breaches.occurred_at": "When it happened",
    "breaches.found_at": "When it was found",
    "breaches.time_hint": "Date and time, Dutch time.",
    "breaches.data_kinds": "Which kinds of data",
    "breaches.kind.identity": "Name and identity",
    "breaches.kind.contact": "Address, e-mail, phone",
    "breaches.kind.employment": "Employment",
    "breaches.kind.absence": "Absence",
    "breaches.kind.health": "Medical data",
    "breaches.kind.account": "Sign-in data",
    "breaches.risk": "Risk to the people concerned",
    "breaches.risk.none": "Unlikely to bring a risk",
    "breaches.risk.risk": "Risk",
    "breaches.risk.high": "High risk",
    "breaches.measures": "Measures taken",
    "breaches.consequences": "Likely consequences",
    "breaches.people_text": "Text for the people concerned",
    "breaches.people_text_hint": (
        "In plain language: what happened to their data. They read it in the portal, with "
        "the consequences, the measures and how to reach you."
    ),
    "breaches.whose": "Whose data",
    "breaches.organisation": "Employer",
    "breaches.choose_organisation": "Choose an employer",
    "breaches.numbers": "Personnel numbers",
    "breaches.numbers_hint": "Separated by spaces or commas.",
    "breaches.all_employees": "All employees of this employer",
    "breaches.named": "Named:",
    "breaches.record": "Record the breach",
    "breaches.recorded": "The breach has been recorded.",
    "breaches.people_count": "people concerned",
    "breaches.told_count": "told",
    "breaches.ap": "Notification to the Dutch Data Protection Authority",
    "breaches.hours_left": "{hours} hours left",
    "breaches.hours_overdue": "{hours} hours overdue",
    "breaches.ap_done": "Notified on",
    "breaches.ap_not": "Not notified:",
    "breaches.ap_notified_at": "Notified on (date and time)",
    "breaches.ap_reference": "Reference of the notification",
    "breaches.ap_late_reason": "Reason for the delay",
    "breaches.ap_late_hint": "Only needed when it was notified after the 72 hours.",
    "breaches.ap_save": "Record the notification",
    "breaches.ap_skip_reason": "Why it is not notified",
    "breaches.ap_skip": "Record not notifying",
    "breaches.ap_recorded": "The notification to the authority has been recorded.",
    "breaches.ap_skipped": "Recorded why the breach was not notified.",
    "breaches.tell_question": "Tell the people concerned",
    "breaches.tell.yes": "Yes, tell them",
    "breaches.tell.no": "No, do not tell them",
    "breaches.undecided": "Not decided yet",
    "breaches.must_tell": "High risk: the people concerned must be told.",
    "breaches.tell_reason": "Reason for the decision",
    "breaches.decide": "Record the decision",
    "breaches.decided": "The decision has been recorded.",
    "breaches.tell_note": (
        "Each person concerned gets a notice in the portal and an e-mail that there is a "
        "notice. The e-mail holds no content."
    ),
    "breaches.tell_now": "Tell the people concerned now",
    "breaches.told": "The people concerned have been told.",
    "breaches.told_count_now": "Told now:",
    "breaches.add_people": "Add people concerned",
    "breaches.add": "Add",
    "breaches.people_added": "The people have been added.",
    # --- refusals ---
    "breaches.title_required": "Give a short description.",
    "breaches.too_long": "This text is too long.",
    "breaches.found_at_required": "Enter when the breach was found.",
    "breaches.bad_moment": "This is not a valid date and time.",
    "breaches.in_future": "This moment lies in the future.",
    "breaches.found_before_occurred": (
        "A breach cannot be found before it happened. Nothing was saved."
    ),
    "breaches.risk_required": "Choose the risk to the people concerned.",
    "breaches.bad_kind": "Choose only kinds of data from the list.",
    "breaches.organisation_required": "Choose the employer of the people concerned.",
    "breaches.too_many_numbers": "Name at most 500 personnel numbers at a time.",
    "breaches.unknown_number": "Unknown personnel number at this employer. Nothing was saved.",
    "breaches.numbers_required": "Name personnel numbers or choose all employees.",
    "breaches.unknown": "This breach does not exist.",
    "breaches.ap_already_notified": "The notification to the authority is already recorded.",
    "breaches.ap_notified_at_required": "Enter when you notified the breach.",
    "breaches.notified_before_found": "The notification cannot be before the breach was found.",
    "breaches.ap_reference_required": "Enter the reference of the notification.",
    "breaches.ap_reason_required": "Give the reason.",
    "breaches.must_notify_ap": (
        "This breach brings a risk: it must be notified to the Dutch Data Protection Authority."
    ),
    "breaches.choose_tell": "Choose whether you tell the people concerned.",
    "breaches.high_risk_must_tell": (
        "With a high risk the people concerned must be told (GDPR article 34)."
    ),
    "breaches.tell_reason_required": "Give the reason for the decision.",
    "breaches.already_told": "The people concerned have already been told.",
    "breaches.decide_first": "First decide to tell the people concerned.",
    "breaches.people_text_required": (
        "Write the text for the people concerned: they read it in the portal."
    ),
    "breaches.nobody_to_tell": "There is nobody to tell.",
    # --- mail ---
    "mail.breach.subject": "A message about your data",
    "mail.breach.body": (
        "Dear {name},\n\n"
        "There has been an incident involving your data. In the KrachtWerkt portal you can "
        "read what happened, what the consequences may be and what we are doing about it:"
        "\n\n{link}\n\n"
        "No account yet? Ask your case manager or write to privacy@kracht-werkt.nl.\n\n"
        "Kind regards,\nKrachtWerkt"
    ),
    "mail.breach_reminder.subject": "Data breach not yet notified",
    "mail.breach_reminder.body": (
        "Dear {name},\n\n"
        "Data breach number {number} in the register was found 48 hours ago and has not yet "
        "been notified to the Dutch Data Protection Authority. Notify it by {deadline} (Dutch "
        "time) at the latest, or record why that is not needed.\n\n{link}\n\n"
        "KrachtWerkt portal"
    ),
    # --- the employee's notices ---
    "notices.breach": "On {date} we sent you a message about an incident involving your data.",
    "notices.breach_open": "Read the message",
    "incidents.link": "Messages about incidents",
    "incidents.title": "Messages about incidents involving your data",
    "incidents.intro": (
        "If there has been an incident involving your data, you read here what happened, "
        "what the consequences may be and what we are doing about it."
    ),
    "incidents.none": "There are no messages about incidents involving your data.",
    "incidents.notice_of": "Message of",
    "incidents.consequences": "What the consequences may be",
    "incidents.measures": "What we are doing about it",
    "incidents.questions": "Questions?",
    "incidents.contact": (
        "Contact our privacy officer: privacy@kracht-werkt.nl or +31 88 501 43 02."
    ),
}
