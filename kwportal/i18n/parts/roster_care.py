"""Only employees in care (issue 17 item 1: the roster updates people with a case and counts
the rest; the sick report registers someone new) and visitors' data (item 10: an address
taken off the newsletter by the privacy officer; the UWV deskundigenoordeel)."""

from __future__ import annotations

NL: dict[str, str] = {
    # --- roster import: only people in care ---
    "roster_care.intro": (
        "Lees uw personeelsbestand in uit een CSV-bestand met de kolommen personeelsnummer, "
        "voornaam, achternaam en eventueel e-mail, afdeling, functie, uren per week, in dienst, "
        "uit dienst en geboortedatum. Scheidingsteken komma, puntkomma of tab; UTF-8 of "
        "Windows-1252. Wij slaan alleen gegevens op van medewerkers die bij ons in zorg zijn "
        "(met een ziekmelding): hun gegevens worden bijgewerkt. Van alle anderen bewaren wij "
        "niets, alleen het aantal medewerkers en dienstdagen per afdeling, voor de "
        "verzuimpercentages. Neem ook wie de laatste twee jaar uit dienst ging op, met de "
        "datum uit dienst. U ziet eerst een voorbeeld; er wordt niets opgeslagen voordat u "
        "bevestigt."
    ),
    "roster_care.counts": (
        "{rows} regels gelezen: {update} bij te werken, {unchanged} ongewijzigd, {dropped} "
        "niet op te slaan: geen zorg."
    ),
    "roster_care.applied": (
        "{rows} regels gelezen, {update} bijgewerkt, {unchanged} ongewijzigd, {dropped} niet "
        "opgeslagen: geen zorg."
    ),
    "roster.column.job_title": "functie",
    "roster.column.hours_per_week": "uren per week",
    "roster.error.hours": "Is geen geldig aantal uren per week (0 tot 80).",
    # --- the sick report registers someone new ---
    "sick.first_name": "Voornaam",
    "sick.last_name": "Achternaam",
    "sick.new_person_hint": (
        "Alleen nodig als deze medewerker nog niet bij ons bekend is (de eerste ziekmelding)."
    ),
    "sick.error.name_needed": (
        "Deze medewerker is nog niet bij ons bekend. Vul voornaam en achternaam in."
    ),
    "sick.error.name_too_long": "Is te lang.",
    # --- reports: the workforce comes from the roster's counts ---
    "reports.no_workforce": (
        "Voor verzuimpercentages hebben wij het aantal medewerkers per afdeling nodig: lees "
        "uw personeelsbestand in. Wij bewaren daarvan alleen aantallen."
    ),
    # --- visitors: an address taken off the newsletter on request ---
    "visitor_unsubscribe.title": "Afmelden voor de nieuwsbrief op verzoek",
    "visitor_unsubscribe.intro": (
        "Vroeg iemand per e-mail, telefoon of brief om afmelding? Vul het adres in. Naam en "
        "adres worden verwijderd en het adres krijgt geen e-mail meer, net als bij afmelden "
        "via de link in de nieuwsbrief. Het adres komt niet leesbaar in het logboek."
    ),
    "visitor_unsubscribe.submit": "Afmelden",
    "visitor_unsubscribe.removed": (
        "Afgemeld: naam en adres zijn verwijderd en het adres krijgt geen nieuwsbrief meer."
    ),
    "visitor_unsubscribe.already": "Dit adres was al afgemeld. Er is niets veranderd.",
    "visitor_unsubscribe.unknown": (
        "Dit adres staat niet op de lijst van de nieuwsbrief. Er is niets opgeslagen."
    ),
    # --- the UWV deskundigenoordeel ---
    "second_opinion.title": "Niet eens? Vraag UWV om een deskundigenoordeel",
    "second_opinion.summary": "Zo vraagt u een deskundigenoordeel aan bij UWV",
    "second_opinion.intro": (
        "Bent u het niet eens met het advies van de bedrijfsarts of met uw werkgever over uw "
        "re-integratie? Dan kunt u UWV om een onafhankelijk oordeel vragen, het "
        "deskundigenoordeel."
    ),
    "second_opinion.step.ask": (
        "Vraag het aan bij UWV, met het aanvraagformulier op de website van UWV (met DigiD) "
        "of op papier."
    ),
    "second_opinion.step.question": (
        "Schrijf op waarover u het niet eens bent: bijvoorbeeld of u uw eigen werk of ander "
        "werk kunt doen, of dat u of uw werkgever genoeg doet voor uw re-integratie."
    ),
    "second_opinion.step.bring": (
        "Stuur mee wat u heeft: het laatste advies van de bedrijfsarts, de probleemanalyse, het "
        "plan van aanpak met de bijstellingen en de evaluaties. U downloadt ze in dit portaal "
        "bij uw plan van aanpak."
    ),
    "second_opinion.step.costs": (
        "Een aanvraag door een werknemer kost € 100 (voor een werkgever meer). Het actuele "
        "bedrag staat op de pagina van UWV."
    ),
    "second_opinion.step.after": (
        "UWV spreekt met u, uw werkgever en de bedrijfsarts en geeft binnen enkele weken een "
        "oordeel. Dat is niet bindend, maar uw werkgever en UWV houden er later rekening mee."
    ),
    "second_opinion.link": "Naar de pagina over het deskundigenoordeel op uwv.nl",
}

EN: dict[str, str] = {
    "roster_care.intro": (
        "Import your staff roster from a CSV file with the columns personnel number, first "
        "name, last name and optionally e-mail, department, job title, hours per week, "
        "employment start and end, and date of birth. Separator comma, semicolon or tab; "
        "UTF-8 or Windows-1252. We store data only of employees who are in our care (reported "
        "sick): their data is updated. Of everyone else we keep nothing but the number of "
        "employees and employed days per department, for the absence percentages. Include "
        "those who left in the last two years, with their end date. You see a preview first; "
        "nothing is saved before you confirm."
    ),
    "roster_care.counts": (
        "{rows} lines read: {update} to update, {unchanged} unchanged, {dropped} not to be "
        "stored: not in care."
    ),
    "roster_care.applied": (
        "{rows} lines read, {update} updated, {unchanged} unchanged, {dropped} not stored: not "
        "in care."
    ),
    "roster.column.job_title": "job title",
    "roster.column.hours_per_week": "hours per week",
    "roster.error.hours": "Is not a valid number of hours per week (0 to 80).",
    "sick.first_name": "First name",
    "sick.last_name": "Last name",
    "sick.new_person_hint": (
        "Only needed when we do not know this employee yet (the first sick report)."
    ),
    "sick.error.name_needed": "We do not know this employee yet. Fill in first and last name.",
    "sick.error.name_too_long": "Is too long.",
    "reports.no_workforce": (
        "For absence percentages we need the number of employees per department: import your "
        "staff roster. We keep only counts of it."
    ),
    "visitor_unsubscribe.title": "Unsubscribe from the newsletter on request",
    "visitor_unsubscribe.intro": (
        "Did someone ask by e-mail, phone or letter to be unsubscribed? Enter the address. "
        "Name and address are deleted and the address gets no more e-mail, just as with the "
        "link in the newsletter. The address is not written readably to the log."
    ),
    "visitor_unsubscribe.submit": "Unsubscribe",
    "visitor_unsubscribe.removed": (
        "Unsubscribed: name and address were deleted and the address gets no more newsletters."
    ),
    "visitor_unsubscribe.already": "This address was already unsubscribed. Nothing changed.",
    "visitor_unsubscribe.unknown": (
        "This address is not on the newsletter list. Nothing was stored."
    ),
    "second_opinion.title": "Disagree? Ask UWV for an expert opinion",
    "second_opinion.summary": "How to ask UWV for an expert opinion (deskundigenoordeel)",
    "second_opinion.intro": (
        "Do you disagree with the company doctor's advice, or with your employer about your "
        "return to work? Then you can ask UWV for an independent opinion, the "
        "deskundigenoordeel."
    ),
    "second_opinion.step.ask": (
        "Apply to UWV, with the application form on UWV's website (with DigiD) or on paper."
    ),
    "second_opinion.step.question": (
        "Write down what you disagree about: for example whether you can do your own work or "
        "other work, or whether you or your employer do enough for your return to work."
    ),
    "second_opinion.step.bring": (
        "Send what you have: the company doctor's latest advice, the problem analysis, the "
        "plan of action with its updates and the evaluations. You download them in this "
        "portal, with your plan of action."
    ),
    "second_opinion.step.costs": (
        "An application by an employee costs € 100 (more for an employer). UWV's page gives "
        "the current amount."
    ),
    "second_opinion.step.after": (
        "UWV talks with you, your employer and the company doctor and gives its opinion "
        "within a few weeks. It is not binding, but your employer and UWV take it into "
        "account later."
    ),
    "second_opinion.link": "To the page about the deskundigenoordeel on uwv.nl",
}
