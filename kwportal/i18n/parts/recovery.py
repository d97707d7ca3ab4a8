"""Partial recovery (issue 18 item 7): the employer's (and the employee's own) report that
from a date a percentage of the hours is worked again, its page, errors, mail and export."""

from __future__ import annotations

NL: dict[str, str] = {
    "partial_recovery.title": "Werkhervatting: deels of volledig",
    "partial_recovery.link": "Werkhervatting melden (ook gedeeltelijk)",
    "partial_recovery.intro": (
        "Werkt de werknemer weer een deel van de uren? Vul in vanaf welke dag en welk "
        "percentage van de uren. 100 % betekent volledig hersteld: dan stoppen de wettelijke "
        "termijnen. Bij gedeeltelijk herstel lopen de termijnen door."
    ),
    "partial_recovery.employer_sees": (
        "U ziet en meldt alleen het percentage en de datum. Vraag niet naar de reden of de "
        "klachten: dat bespreekt de werknemer alleen met de bedrijfsarts."
    ),
    "partial_recovery.from_date": "Vanaf welke dag",
    "partial_recovery.percent_working": "Percentage van de uren aan het werk",
    "partial_recovery.percent_hint": (
        "Een heel getal: 1 tot en met 99 bij gedeeltelijk herstel, 100 bij volledig herstel, "
        "0 als de werknemer weer helemaal ziek is."
    ),
    "partial_recovery.submit": "Herstel melden",
    "partial_recovery.done": "Het gedeeltelijk herstel is vastgelegd. De termijnen lopen door.",
    "partial_recovery.full_recorded": (
        "Het volledig herstel is vastgelegd. De wettelijke termijnen stoppen hiermee."
    ),
    "partial_recovery.sick_recorded": "Vastgelegd: de werknemer is weer volledig ziek.",
    "partial_recovery.periods": "Verloop van het verzuim",
    "partial_recovery.period_from": "Vanaf",
    "partial_recovery.period_until": "Tot en met",
    "partial_recovery.period_percent": "Aan het werk",
    "partial_recovery.running": "nu",
    "partial_recovery.now": "Nu aan het werk",
    "partial_recovery.first_sick_day": "Eerste ziektedag",
    "partial_recovery.recovered_on": "Volledig hersteld op",
    "partial_recovery.closed": "Het herstel van deze werknemer is gemeld; er valt niets meer te melden.",
    "partial_recovery.back": "Terug naar de casus",
    "partial_recovery.not_found": "Deze casus is niet gevonden.",
    "partial_recovery.field_error": "Controleer dit veld",
    "partial_recovery.error.percent": (
        "Vul een heel getal in van 0 tot en met 100 (bijvoorbeeld 50)."
    ),
    "partial_recovery.error.before_start": "Deze datum ligt voor de eerste ziektedag.",
    "partial_recovery.error.sick_percent": (
        "Vul een heel getal in van 1 tot en met 99, of laat het leeg als de werknemer "
        "helemaal niet werkt."
    ),
    "sick.percent_working": "Werkt nog een deel van de uren (percentage)",
    "sick.percent_working_hint": (
        "Alleen invullen bij gedeeltelijk ziek: het percentage van de uren dat de werknemer "
        "nog werkt (1 tot en met 99). Leeg laten bij helemaal ziek."
    ),
    "partial_recovery.error.too_far": (
        "Deze datum ligt te ver in de toekomst: meld het herstel hooguit 14 dagen vooruit."
    ),
    "partial_recovery.error.not_after_last": (
        "Deze datum moet na de laatst gemelde herstelstap liggen."
    ),
    "partial_recovery.error.already_sick": "De werknemer staat al als volledig ziek gemeld.",
    "partial_recovery.error.same": "Dit percentage is al gemeld; vul een ander percentage in.",
    "partial_recovery.error.recovery_before_step": (
        "De hersteldatum moet na de laatst gemelde herstelstap liggen."
    ),
    "partial_recovery.mail_subject": "Melding gedeeltelijk herstel van {organisation}",
    "partial_recovery.mail_body": (
        "Er is een melding van gedeeltelijk herstel binnengekomen van {organisation}.\n\n"
        "Bekijk de melding in het portaal: {link}\n\nKrachtWerkt"
    ),
    "export.section.recovery_steps": "Werkhervatting: percentage aan het werk",
    "self_report.partial_recovery.mail_subject": (
        "Melding gedeeltelijk herstel door een werknemer van {organisation}"
    ),
    "self_report.partial_recovery.mail_body": (
        "Een werknemer van {organisation} heeft via het portaal gemeld weer een deel van de "
        "uren te werken.\n\n"
        "U ziet het in uw verzuimoverzicht: {link}\n\nKrachtWerkt"
    ),
    "self_report.partial_title": "Weer deels aan het werk",
    "self_report.partial_intro": (
        "Werkt u weer een deel van uw uren? Vul in vanaf welke dag en welk percentage. Uw "
        "werkgever ziet alleen het percentage en de datum."
    ),
    "self_report.partial_done": "Uw gedeeltelijk herstel is doorgegeven.",
    "self_report.percent_working_hint": (
        "Alleen invullen als u nog een deel van uw uren werkt: het percentage (1 tot en met "
        "99). Leeg laten als u helemaal niet werkt."
    ),
    "export.field.from_date": "Vanaf",
    "export.field.percent_working": "Percentage aan het werk",
}

EN: dict[str, str] = {
    "partial_recovery.title": "Return to work: partial or full",
    "partial_recovery.link": "Report a return to work (also partial)",
    "partial_recovery.intro": (
        "Is the employee working part of the hours again? Fill in from which day and which "
        "percentage of the hours. 100 % means fully recovered: the legal deadlines then stop. "
        "With a partial recovery the deadlines run on."
    ),
    "partial_recovery.employer_sees": (
        "You see and report only the percentage and the date. Do not ask for the reason or "
        "the complaints: the employee discusses those with the company doctor only."
    ),
    "partial_recovery.from_date": "From which day",
    "partial_recovery.percent_working": "Percentage of the hours at work",
    "partial_recovery.percent_hint": (
        "A whole number: 1 to 99 for a partial recovery, 100 for a full recovery, 0 when the "
        "employee is fully sick again."
    ),
    "partial_recovery.submit": "Report recovery",
    "partial_recovery.done": "The partial recovery has been recorded. The deadlines run on.",
    "partial_recovery.full_recorded": (
        "The full recovery has been recorded. The legal deadlines stop here."
    ),
    "partial_recovery.sick_recorded": "Recorded: the employee is fully sick again.",
    "partial_recovery.periods": "Course of the absence",
    "partial_recovery.period_from": "From",
    "partial_recovery.period_until": "Up to and including",
    "partial_recovery.period_percent": "At work",
    "partial_recovery.running": "now",
    "partial_recovery.now": "At work now",
    "partial_recovery.first_sick_day": "First day of sickness",
    "partial_recovery.recovered_on": "Fully recovered on",
    "partial_recovery.closed": (
        "The recovery of this employee has been reported; there is nothing more to report."
    ),
    "partial_recovery.back": "Back to the case",
    "partial_recovery.not_found": "This case was not found.",
    "partial_recovery.field_error": "Check this field",
    "partial_recovery.error.percent": "Fill in a whole number from 0 to 100 (for example 50).",
    "partial_recovery.error.before_start": "This date lies before the first day of sickness.",
    "partial_recovery.error.sick_percent": (
        "Fill in a whole number from 1 to 99, or leave it empty when the employee does not "
        "work at all."
    ),
    "sick.percent_working": "Still works part of the hours (percentage)",
    "sick.percent_working_hint": (
        "Only when sick for part of the hours: the percentage of the hours the employee "
        "still works (1 to 99). Leave empty when fully sick."
    ),
    "partial_recovery.error.too_far": (
        "This date lies too far ahead: report the recovery at most 14 days in advance."
    ),
    "partial_recovery.error.not_after_last": (
        "This date must lie after the last recovery step reported."
    ),
    "partial_recovery.error.already_sick": "The employee is already reported fully sick.",
    "partial_recovery.error.same": (
        "This percentage has already been reported; fill in another percentage."
    ),
    "partial_recovery.error.recovery_before_step": (
        "The recovery date must lie after the last recovery step reported."
    ),
    "partial_recovery.mail_subject": "Partial recovery report from {organisation}",
    "partial_recovery.mail_body": (
        "A partial recovery report has come in from {organisation}.\n\n"
        "See the report in the portal: {link}\n\nKrachtWerkt"
    ),
    "export.section.recovery_steps": "Return to work: percentage at work",
    "self_report.partial_recovery.mail_subject": (
        "Partial recovery report by an employee of {organisation}"
    ),
    "self_report.partial_recovery.mail_body": (
        "An employee of {organisation} reported through the portal working part of the "
        "hours again.\n\n"
        "You can see it in your absence overview: {link}\n\nKrachtWerkt"
    ),
    "self_report.partial_title": "Back at work for part of the hours",
    "self_report.partial_intro": (
        "Are you working part of your hours again? Fill in from which day and which "
        "percentage. Your employer sees only the percentage and the date."
    ),
    "self_report.partial_done": "Your partial recovery has been passed on.",
    "self_report.percent_working_hint": (
        "Only fill in when you still work part of your hours: the percentage (1 to 99). "
        "Leave empty when you do not work at all."
    ),
    "export.field.from_date": "From",
    "export.field.percent_working": "Percentage at work",
}
