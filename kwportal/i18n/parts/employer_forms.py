"""The employer's sick and recovery reports, Poortwachter steps taken, anonymised reports and
roster import (issue 6, items 3, 4, 5, 6)."""

from __future__ import annotations

NL: dict[str, str] = {
    "employer.links": "Verzuim",
    "sick.link": "Medewerker ziek melden",
    "sick.title": "Ziekmelding",
    "sick.intro": (
        "Meld een medewerker ziek. U vult alleen in wat de wet toestaat: hoe de medewerker "
        "bereikbaar is, de verwachte duur, werk dat overgedragen moet worden en drie ja/nee-"
        "vragen. Het zorgteam van de bedrijfsarts krijgt direct bericht."
    ),
    "sick.warning": (
        "Let op: vul nergens in wat uw medewerker mankeert of waardoor. U mag daar niet naar "
        "vragen en het niet vastleggen (Autoriteit Persoonsgegevens). De bedrijfsarts bespreekt "
        "dat met de medewerker."
    ),
    "sick.personnel_number": "Personeelsnummer",
    "sick.first_sick_day": "Eerste ziektedag",
    "sick.contact_phone": "Telefoonnummer waarop de medewerker bereikbaar is",
    "sick.contact_email": "E-mailadres waarop de medewerker bereikbaar is",
    "sick.contact_hint": "Vul een telefoonnummer, een e-mailadres of beide in.",
    "sick.care_address": "Verpleegadres (alleen als de medewerker ergens anders verblijft)",
    "sick.care_address_hint": (
        "Dit adres gaat alleen naar het zorgteam. U ziet het na het versturen niet meer terug."
    ),
    "sick.expected_duration": "Verwachte duur van het verzuim",
    "sick.duration.unknown": "Nog niet bekend",
    "sick.duration.days": "Enkele dagen",
    "sick.duration.weeks_1_2": "1 tot 2 weken",
    "sick.duration.weeks_2_6": "2 tot 6 weken",
    "sick.duration.weeks_over_6": "Langer dan 6 weken",
    "sick.handover_work": "Werk en afspraken die overgedragen moeten worden",
    "sick.safety_net": (
        "Valt de medewerker onder een vangnetregeling van de Ziektewet? (alleen ja of nee, "
        "niet welke)"
    ),
    "sick.work_accident": "Is het verzuim het gevolg van een arbeidsongeval?",
    "sick.traffic_accident": (
        "Is het verzuim het gevolg van een verkeersongeval waarbij een andere partij "
        "aansprakelijk is?"
    ),
    "sick.yes": "Ja",
    "sick.no": "Nee",
    "sick.submit": "Ziekmelding versturen",
    "sick.done": "De ziekmelding is ontvangen en het zorgteam heeft bericht gekregen.",
    "sick.open_case": "Bekijk de verzuimzaak",
    "sick.errors_title": "Controleer het formulier",
    "sick.error.number": "Vul het personeelsnummer in (hoogstens 40 tekens).",
    "sick.error.date": "Vul een geldige datum in.",
    "sick.error.future": "Deze datum ligt in de toekomst.",
    "sick.error.too_old": "Deze datum ligt meer dan een jaar terug; neem contact op met uw arbodienst.",
    "sick.error.phone": "Dit telefoonnummer klopt niet: alleen cijfers, spaties, +, - en haakjes.",
    "sick.error.email": "Dit e-mailadres klopt niet.",
    "sick.error.contact": "Vul een telefoonnummer of een e-mailadres in.",
    "sick.error.too_long": "Deze tekst is te lang.",
    "sick.error.choose": "Kies een verwachte duur.",
    "sick.error.yes_no": "Kies ja of nee.",
    "sick.error.unknown": "Er is bij uw organisatie geen medewerker met dit personeelsnummer.",
    "sick.error.not_employed": "Op deze datum was de medewerker niet bij u in dienst.",
    "sick.error.already_open": "Deze medewerker is al ziek gemeld; meld eerst het herstel.",
    "sick.error.overlap": "Deze datum valt in een eerder verzuim dat al is afgesloten.",
    "sick.mail_subject": "Nieuwe ziekmelding van {organisation}",
    "sick.mail_body": (
        "Er is een nieuwe ziekmelding binnengekomen van {organisation}.\n\n"
        "Bekijk de melding in het portaal: {link}\n\nKrachtWerkt"
    ),
    "recovery.title": "Herstelmelding",
    "recovery.intro": "Is de medewerker weer aan het werk? Vul de eerste dag in waarop de medewerker weer werkt.",
    "recovery.date": "Eerste werkdag na herstel",
    "recovery.submit": "Herstel melden",
    "recovery.done": "Het herstel is vastgelegd. De wettelijke termijnen stoppen hiermee.",
    "recovery.error.already": "Het herstel van deze medewerker is al gemeld.",
    "recovery.error.before": "De hersteldatum ligt voor de eerste ziektedag.",
    "recovery.mail_subject": "Herstelmelding van {organisation}",
    "recovery.mail_body": (
        "Er is een herstelmelding binnengekomen van {organisation}.\n\n"
        "Bekijk de melding in het portaal: {link}\n\nKrachtWerkt"
    ),
    "steps.done_on": "Gedaan op",
    "steps.submit": "Vastleggen als gedaan",
    "steps.recorded": "De stap is vastgelegd als gedaan.",
    "steps.who": (
        "U legt zelf vast wanneer u het plan van aanpak maakte, het evalueerde, de 42e-weeks"
        "melding aan UWV deed, de eerstejaarsevaluatie hield en wanneer de WIA-aanvraag is "
        "ingediend. De probleemanalyse legt de bedrijfsarts vast."
    ),
    "steps.error.unknown": "Deze stap hoort niet bij deze verzuimzaak.",
    "steps.error.date": "Vul een geldige datum in.",
    "steps.error.not_yours": "Deze stap legt de bedrijfsarts vast, niet u.",
    "steps.error.already": "Deze stap is al vastgelegd.",
    "steps.error.future": "Deze datum ligt in de toekomst.",
    "reports.link": "Verzuimcijfers (anoniem)",
    "reports.title": "Verzuimcijfers",
    "reports.intro": (
        "Deze cijfers zijn anoniem: een cel die over minder dan 5 personen gaat, is verborgen "
        "(x), en ook zoveel andere cellen dat u een verborgen cel niet uit de totalen kunt "
        "terugrekenen."
    ),
    "reports.year": "Jaar",
    "reports.show": "Tonen",
    "reports.pmo_none": (
        "Samenvattingen van het preventief medisch onderzoek (PMO): er zijn geen PMO-gegevens "
        "in het portaal, dus er is niets samen te vatten."
    ),
    "reports.table.absence": "Verzuimpercentage per afdeling en kwartaal",
    "reports.table.frequency": "Aantal ziekmeldingen per afdeling en kwartaal",
    "reports.table.durations": "Verzuimen per afdeling naar duur (begonnen in dit jaar)",
    "reports.col.q1": "1e kwartaal",
    "reports.col.q2": "2e kwartaal",
    "reports.col.q3": "3e kwartaal",
    "reports.col.q4": "4e kwartaal",
    "reports.col.up_to_7": "tot 8 dagen",
    "reports.col.8_to_42": "8 tot 43 dagen",
    "reports.col.43_to_365": "43 dagen tot een jaar",
    "reports.col.over_365": "langer dan een jaar",
    "reports.total": "Totaal",
    "reports.department": "Afdeling",
    "reports.table": "Tabel",
    "reports.column": "Periode of duur",
    "reports.value": "Waarde",
    "reports.no_department": "(geen afdeling)",
    "reports.hidden": "x = verborgen om de anonimiteit te beschermen",
    "reports.legend": "x = verborgen: minder dan 5 personen, of nodig om zo'n cel te beschermen",
    "reports.download": "Download als CSV",
    "reports.chart_title": "Verzuimpercentage van uw organisatie per kwartaal",
    "reports.chart_text": "Dezelfde cijfers staan in de tabel hieronder.",
    "roster.link": "Personeelsbestand inlezen",
    "roster.title": "Personeelsbestand inlezen",
    "roster.intro": (
        "Lees uw medewerkers in uit een CSV-bestand met de kolommen personeelsnummer, voornaam, "
        "achternaam en eventueel e-mail, afdeling, in dienst, uit dienst en geboortedatum. "
        "Scheidingsteken "
        "komma, puntkomma of tab; UTF-8 of Windows-1252. Een medewerker met een bekend "
        "personeelsnummer wordt bijgewerkt, nooit dubbel aangemaakt. U ziet eerst een "
        "voorbeeld; er wordt niets opgeslagen voordat u bevestigt."
    ),
    "roster.size_hint": "Hoogstens {max} MB.",
    "roster.file": "CSV-bestand",
    "roster.upload": "Bestand controleren",
    "roster.preview_title": "Controle van {file}",
    "roster.counts": (
        "{rows} regels: {create} nieuw, {update} bijgewerkt, {unchanged} ongewijzigd."
    ),
    "roster.format": "Gelezen als {encoding}, scheidingsteken {delimiter}.",
    "roster.error_count": "{count} fouten gevonden. Verbeter het bestand en lees het opnieuw in.",
    "roster.errors_caption": "Fouten per regel en kolom",
    "roster.col.line": "Regel",
    "roster.col.column": "Kolom",
    "roster.col.reason": "Reden",
    "roster.whole_row": "hele regel",
    "roster.apply": "Bevestigen en opslaan",
    "roster.done": "Het personeelsbestand is opgeslagen.",
    "roster.applied": "Opgeslagen: {create} nieuw, {update} bijgewerkt, {unchanged} ongewijzigd.",
    "roster.column.personnel_number": "personeelsnummer",
    "roster.column.first_name": "voornaam",
    "roster.column.last_name": "achternaam",
    "roster.column.email": "e-mail",
    "roster.column.department": "afdeling",
    "roster.column.employment_start": "in dienst",
    "roster.column.employment_end": "uit dienst",
    "roster.column.date_of_birth": "geboortedatum",
    "roster.error.binary": "Dit is geen tekstbestand. Sla het op als CSV.",
    "roster.error.encoding": "De tekens in dit bestand zijn niet te lezen. Sla het op als CSV (UTF-8).",
    "roster.error.delimiter": (
        "Er is geen scheidingsteken gevonden: gebruik komma, puntkomma of tab tussen de kolommen."
    ),
    "roster.error.empty": "Het bestand bevat geen medewerkers.",
    "roster.error.too_large": "Het bestand is te groot: hoogstens {detail} MB.",
    "roster.error.too_many_rows": "Het bestand heeft te veel regels: hoogstens {detail}.",
    "roster.error.column_twice": "Deze kolom staat er twee keer in: {detail}.",
    "roster.error.missing_columns": "Deze kolommen ontbreken: {detail}.",
    "roster.error.field_count": "Deze regel heeft niet {detail} kolommen zoals de kopregel.",
    "roster.error.control": "Bevat onleesbare tekens.",
    "roster.error.required": "Is leeg maar verplicht.",
    "roster.error.too_long": "Is te lang: hoogstens {detail} tekens.",
    "roster.error.email": "Is geen geldig e-mailadres.",
    "roster.error.date": "Is geen geldige datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ).",
    "roster.error.end_before_start": "Ligt voor de datum in dienst.",
    "roster.error.duplicate": "Dit personeelsnummer stond al op regel {detail}.",
    "roster.error.no_upload": "Er is geen bestand om op te slaan: lees het opnieuw in.",
    "roster.error.has_errors": "Het bestand heeft nog {detail} fouten; er is niets opgeslagen.",
    "roster.error.no_file": "Kies een bestand.",
}

EN: dict[str, str] = {
    "employer.links": "Absence",
    "sick.link": "Report an employee sick",
    "sick.title": "Sick report",
    "sick.intro": (
        "Report an employee sick. You fill in only what the law allows: how to reach the "
        "employee, the expected duration, work to hand over and three yes/no questions. The "
        "company doctor's care team is told at once."
    ),
    "sick.warning": (
        "Note: never write what is wrong with your employee or why. You may not ask for it or "
        "record it (Dutch Data Protection Authority). The company doctor discusses it with the "
        "employee."
    ),
    "sick.personnel_number": "Personnel number",
    "sick.first_sick_day": "First day of sickness",
    "sick.contact_phone": "Phone number where the employee can be reached",
    "sick.contact_email": "E-mail address where the employee can be reached",
    "sick.contact_hint": "Fill in a phone number, an e-mail address or both.",
    "sick.care_address": "Care address (only if the employee is staying elsewhere)",
    "sick.care_address_hint": (
        "This address goes to the care team only. You will not see it again after sending."
    ),
    "sick.expected_duration": "Expected duration of the absence",
    "sick.duration.unknown": "Not known yet",
    "sick.duration.days": "A few days",
    "sick.duration.weeks_1_2": "1 to 2 weeks",
    "sick.duration.weeks_2_6": "2 to 6 weeks",
    "sick.duration.weeks_over_6": "More than 6 weeks",
    "sick.handover_work": "Work and appointments to hand over",
    "sick.safety_net": (
        "Is the employee covered by a Sickness Benefits Act safety-net provision? (yes or no "
        "only, not which)"
    ),
    "sick.work_accident": "Is the absence the result of a work accident?",
    "sick.traffic_accident": (
        "Is the absence the result of a traffic accident for which another party is liable?"
    ),
    "sick.yes": "Yes",
    "sick.no": "No",
    "sick.submit": "Send sick report",
    "sick.done": "The sick report was received and the care team has been told.",
    "sick.open_case": "View the absence case",
    "sick.errors_title": "Please check the form",
    "sick.error.number": "Fill in the personnel number (at most 40 characters).",
    "sick.error.date": "Fill in a valid date.",
    "sick.error.future": "This date lies in the future.",
    "sick.error.too_old": "This date is more than a year ago; please contact your health service.",
    "sick.error.phone": "This phone number is not valid: digits, spaces, +, - and brackets only.",
    "sick.error.email": "This e-mail address is not valid.",
    "sick.error.contact": "Fill in a phone number or an e-mail address.",
    "sick.error.too_long": "This text is too long.",
    "sick.error.choose": "Choose an expected duration.",
    "sick.error.yes_no": "Choose yes or no.",
    "sick.error.unknown": "Your organisation has no employee with this personnel number.",
    "sick.error.not_employed": "The employee was not employed by you on this date.",
    "sick.error.already_open": "This employee has already been reported sick; report the recovery first.",
    "sick.error.overlap": "This date falls within an earlier absence that has been closed.",
    "sick.mail_subject": "New sick report from {organisation}",
    "sick.mail_body": (
        "A new sick report came in from {organisation}.\n\n"
        "See the report in the portal: {link}\n\nKrachtWerkt"
    ),
    "recovery.title": "Recovery report",
    "recovery.intro": "Is the employee back at work? Fill in the first day he or she works again.",
    "recovery.date": "First working day after recovery",
    "recovery.submit": "Report recovery",
    "recovery.done": "The recovery has been recorded. The legal deadlines stop here.",
    "recovery.error.already": "The recovery of this employee has already been reported.",
    "recovery.error.before": "The recovery date lies before the first day of sickness.",
    "recovery.mail_subject": "Recovery report from {organisation}",
    "recovery.mail_body": (
        "A recovery report came in from {organisation}.\n\n"
        "See the report in the portal: {link}\n\nKrachtWerkt"
    ),
    "steps.done_on": "Done on",
    "steps.submit": "Record as done",
    "steps.recorded": "The step has been recorded as done.",
    "steps.who": (
        "You record when you made the plan of action, evaluated it, sent the week-42 report to "
        "UWV, held the first-year evaluation and when the WIA application went in. The company "
        "doctor records the problem analysis."
    ),
    "steps.error.unknown": "This step does not belong to this absence case.",
    "steps.error.date": "Fill in a valid date.",
    "steps.error.not_yours": "The company doctor records this step, not you.",
    "steps.error.already": "This step has already been recorded.",
    "steps.error.future": "This date lies in the future.",
    "reports.link": "Absence figures (anonymous)",
    "reports.title": "Absence figures",
    "reports.intro": (
        "These figures are anonymous: a cell about fewer than 5 people is hidden (x), and so "
        "are enough other cells that you cannot work a hidden cell out from the totals."
    ),
    "reports.year": "Year",
    "reports.show": "Show",
    "reports.pmo_none": (
        "Summaries of the preventive medical examination (PMO): the portal holds no PMO data, "
        "so there is nothing to summarise."
    ),
    "reports.table.absence": "Absence percentage per department and quarter",
    "reports.table.frequency": "Number of sick reports per department and quarter",
    "reports.table.durations": "Absences per department by duration (begun in this year)",
    "reports.col.q1": "1st quarter",
    "reports.col.q2": "2nd quarter",
    "reports.col.q3": "3rd quarter",
    "reports.col.q4": "4th quarter",
    "reports.col.up_to_7": "up to 7 days",
    "reports.col.8_to_42": "8 to 42 days",
    "reports.col.43_to_365": "43 days to a year",
    "reports.col.over_365": "more than a year",
    "reports.total": "Total",
    "reports.department": "Department",
    "reports.table": "Table",
    "reports.column": "Period or duration",
    "reports.value": "Value",
    "reports.no_department": "(no department)",
    "reports.hidden": "x = hidden to protect anonymity",
    "reports.legend": "x = hidden: fewer than 5 people, or needed to protect such a cell",
    "reports.download": "Download as CSV",
    "reports.chart_title": "Absence percentage of your organisation per quarter",
    "reports.chart_text": "The same figures are in the table below.",
    "roster.link": "Import staff roster",
    "roster.title": "Import staff roster",
    "roster.intro": (
        "Import your employees from a CSV file with the columns personnel number, first name, "
        "last name and optionally e-mail, department, employment start and end, and date of "
        "birth. Separator "
        "comma, semicolon or tab; UTF-8 or Windows-1252. An employee with a known personnel "
        "number is updated, never created twice. You see a preview first; nothing is saved "
        "before you confirm."
    ),
    "roster.size_hint": "At most {max} MB.",
    "roster.file": "CSV file",
    "roster.upload": "Check file",
    "roster.preview_title": "Check of {file}",
    "roster.counts": "{rows} lines: {create} new, {update} updated, {unchanged} unchanged.",
    "roster.format": "Read as {encoding}, separator {delimiter}.",
    "roster.error_count": "{count} errors found. Correct the file and import it again.",
    "roster.errors_caption": "Errors by line and column",
    "roster.col.line": "Line",
    "roster.col.column": "Column",
    "roster.col.reason": "Reason",
    "roster.whole_row": "whole line",
    "roster.apply": "Confirm and save",
    "roster.done": "The staff roster has been saved.",
    "roster.applied": "Saved: {create} new, {update} updated, {unchanged} unchanged.",
    "roster.column.personnel_number": "personnel number",
    "roster.column.first_name": "first name",
    "roster.column.last_name": "last name",
    "roster.column.email": "e-mail",
    "roster.column.department": "department",
    "roster.column.employment_start": "employment start",
    "roster.column.employment_end": "employment end",
    "roster.column.date_of_birth": "date of birth",
    "roster.error.binary": "This is not a text file. Save it as CSV.",
    "roster.error.encoding": "The characters in this file cannot be read. Save it as CSV (UTF-8).",
    "roster.error.delimiter": (
        "No separator found: use a comma, semicolon or tab between the columns."
    ),
    "roster.error.empty": "The file holds no employees.",
    "roster.error.too_large": "The file is too large: at most {detail} MB.",
    "roster.error.too_many_rows": "The file has too many lines: at most {detail}.",
    "roster.error.column_twice": "This column appears twice: {detail}.",
    "roster.error.missing_columns": "These columns are missing: {detail}.",
    "roster.error.field_count": "This line does not have {detail} columns like the header.",
    "roster.error.control": "Contains unreadable characters.",
    "roster.error.required": "Is empty but required.",
    "roster.error.too_long": "Is too long: at most {detail} characters.",
    "roster.error.email": "Is not a valid e-mail address.",
    "roster.error.date": "Is not a valid date (use YYYY-MM-DD or DD-MM-YYYY).",
    "roster.error.end_before_start": "Lies before the employment start.",
    "roster.error.duplicate": "This personnel number already appeared on line {detail}.",
    "roster.error.no_upload": "There is no file to save: import it again.",
    "roster.error.has_errors": "The file still has {detail} errors; nothing was saved.",
    "roster.error.no_file": "Choose a file.",
}
