"""Texts of issue 15: the employee reports himself sick or recovered (/my-report), and the
administrator's switch for it per organisation."""

from __future__ import annotations

NL: dict[str, str] = {
    "self_report.title": "Ziek- of hersteldmelden",
    "self_report.link": "Ziek- of hersteldmelden",
    "self_report.intro": (
        "Hier meldt u zich ziek of weer beter. De wettelijke termijnen lopen dan precies zoals "
        "bij een melding door uw werkgever."
    ),
    "self_report.employer": "Uw werkgever",
    "self_report.not_allowed": (
        "Uw werkgever laat ziek- en hersteldmeldingen niet via dit portaal lopen."
    ),
    "self_report.who_to_call": (
        "Meld u ziek of beter bij uw leidinggevende of de verzuimcontactpersoon van uw "
        "werkgever, zoals in het verzuimprotocol van uw werkgever staat. Bel bij voorkeur op "
        "uw eerste ziektedag voor het begin van uw werktijd."
    ),
    "self_report.warning": (
        "Vertel hier niet wat u mankeert of hoe het komt. Dat bespreekt u alleen met de "
        "bedrijfsarts of het team."
    ),
    "self_report.employer_sees": (
        "Uw werkgever ziet alleen dat u zich ziek of beter heeft gemeld en op welke datum. "
        "Uw telefoonnummer, e-mailadres en verpleegadres gaan naar de bedrijfsarts en het team."
    ),
    "self_report.sick_title": "Ziek melden",
    "self_report.recovered_title": "Beter melden",
    "self_report.open_since": "U bent ziek gemeld sinds {date}.",
    "self_report.first_sick_day": "Eerste ziektedag",
    "self_report.contact_phone": "Telefoonnummer waarop u bereikbaar bent",
    "self_report.contact_email": "E-mailadres waarop u bereikbaar bent",
    "self_report.contact_hint": "Vul een telefoonnummer, een e-mailadres of beide in.",
    "self_report.care_address": "Verpleegadres (alleen als u ergens anders verblijft)",
    "self_report.care_address_hint": (
        "Alleen de bedrijfsarts en het team zien dit adres, uw werkgever niet."
    ),
    "self_report.expected_duration": "Hoe lang denkt u ziek te zijn?",
    "self_report.recovery_date": "Eerste dag dat u weer werkt",
    "self_report.submit_sick": "Ziek melden",
    "self_report.submit_recovered": "Beter melden",
    "self_report.sick_done": (
        "Uw ziekmelding is ontvangen. Uw werkgever en de bedrijfsarts hebben bericht gekregen."
    ),
    "self_report.recovered_done": (
        "Uw herstelmelding is ontvangen. Uw werkgever en de bedrijfsarts hebben bericht gekregen."
    ),
    "self_report.errors_title": "Controleer het formulier",
    "self_report.error.no_open_case": "U bent op dit moment niet ziek gemeld.",
    "self_report.sick.mail_subject": "Ziekmelding door een werknemer van {organisation}",
    "self_report.sick.mail_body": (
        "Een werknemer van {organisation} heeft zich via het portaal ziek gemeld.\n\n"
        "U ziet de melding in uw verzuimoverzicht: {link}\n\nKrachtWerkt"
    ),
    "self_report.recovery.mail_subject": "Herstelmelding door een werknemer van {organisation}",
    "self_report.recovery.mail_body": (
        "Een werknemer van {organisation} heeft zich via het portaal beter gemeld.\n\n"
        "U ziet het in uw verzuimoverzicht: {link}\n\nKrachtWerkt"
    ),
    "admin.orgs.self_report": "Werknemers melden zichzelf ziek en beter",
    "admin.orgs.self_report_is_on": "Aan: werknemers kunnen zich in het portaal ziek en beter melden.",
    "admin.orgs.self_report_is_off": "Uit: alleen de werkgever meldt ziek en beter.",
    "admin.orgs.self_report_switch_on": "Zelf ziekmelden aanzetten",
    "admin.orgs.self_report_switch_off": "Zelf ziekmelden uitzetten",
    "admin.orgs.self_report_saved": "De instelling voor zelf ziekmelden is opgeslagen.",
    "admin.orgs.bad_self_report": "Kies aan of uit.",
}

EN: dict[str, str] = {
    "self_report.title": "Report sick or recovered",
    "self_report.link": "Report sick or recovered",
    "self_report.intro": (
        "Report yourself sick or recovered here. The legal deadlines then run exactly as "
        "when your employer reports it."
    ),
    "self_report.employer": "Your employer",
    "self_report.not_allowed": "Your employer does not take sick and recovery reports through this portal.",
    "self_report.who_to_call": (
        "Report sick or recovered to your manager or your employer's absence contact, as your "
        "employer's absence protocol says. Preferably call on your first day of sickness, "
        "before your working hours begin."
    ),
    "self_report.warning": (
        "Do not say here what is wrong with you or how it came about. You discuss that only "
        "with the company doctor or the team."
    ),
    "self_report.employer_sees": (
        "Your employer sees only that you reported sick or recovered and on which date. Your "
        "phone number, e-mail address and care address go to the company doctor and the team."
    ),
    "self_report.sick_title": "Report sick",
    "self_report.recovered_title": "Report recovered",
    "self_report.open_since": "You have been reported sick since {date}.",
    "self_report.first_sick_day": "First day of sickness",
    "self_report.contact_phone": "Phone number where you can be reached",
    "self_report.contact_email": "E-mail address where you can be reached",
    "self_report.contact_hint": "Fill in a phone number, an e-mail address or both.",
    "self_report.care_address": "Care address (only if you are staying elsewhere)",
    "self_report.care_address_hint": (
        "Only the company doctor and the team see this address, not your employer."
    ),
    "self_report.expected_duration": "How long do you expect to be sick?",
    "self_report.recovery_date": "First day you are back at work",
    "self_report.submit_sick": "Report sick",
    "self_report.submit_recovered": "Report recovered",
    "self_report.sick_done": (
        "Your sick report was received. Your employer and the company doctor have been told."
    ),
    "self_report.recovered_done": (
        "Your recovery report was received. Your employer and the company doctor have been told."
    ),
    "self_report.errors_title": "Please check the form",
    "self_report.error.no_open_case": "You are not reported sick at the moment.",
    "self_report.sick.mail_subject": "Sick report by an employee of {organisation}",
    "self_report.sick.mail_body": (
        "An employee of {organisation} reported sick through the portal.\n\n"
        "You can see the report in your absence overview: {link}\n\nKrachtWerkt"
    ),
    "self_report.recovery.mail_subject": "Recovery report by an employee of {organisation}",
    "self_report.recovery.mail_body": (
        "An employee of {organisation} reported recovered through the portal.\n\n"
        "You can see it in your absence overview: {link}\n\nKrachtWerkt"
    ),
    "admin.orgs.self_report": "Employees report themselves sick and recovered",
    "admin.orgs.self_report_is_on": "On: employees can report sick and recovered in the portal.",
    "admin.orgs.self_report_is_off": "Off: only the employer reports sick and recovered.",
    "admin.orgs.self_report_switch_on": "Switch self-reporting on",
    "admin.orgs.self_report_switch_off": "Switch self-reporting off",
    "admin.orgs.self_report_saved": "The self-reporting setting was saved.",
    "admin.orgs.bad_self_report": "Choose on or off.",
}
