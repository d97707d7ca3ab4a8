"""Texts of issue 15: the facts retention turns on that the employer or the administrator
records (end of employment, date of death), and the date of birth at the sick report."""

from __future__ import annotations

NL: dict[str, str] = {
    "employer_person.title": "Dienstverband en overlijden",
    "employer_person.intro": (
        "Leg hier vast wanneer het dienstverband van de medewerker eindigt of eindigde, of "
        "de datum van overlijden. Deze gegevens bepalen hoe lang KrachtWerkt het dossier "
        "bewaart."
    ),
    "employer_person.name": "Naam",
    "employer_person.number": "Personeelsnummer",
    "employer_person.employment_start": "In dienst sinds",
    "employer_person.employment_end": "Einde dienstverband",
    "employer_person.employment_end_hint": "Laat leeg zolang het dienstverband loopt.",
    "employer_person.date_of_death": "Datum van overlijden",
    "employer_person.date_of_death_hint": (
        "Alleen invullen als de medewerker is overleden. Een eerder vastgelegde datum ziet u "
        "hier niet terug; laat leeg als er niets verandert."
    ),
    "employer_person.unknown": "niet bekend",
    "employer_person.submit": "Opslaan",
    "employer_person.saved": "De gegevens zijn vastgelegd.",
    "employer_person.retention_until": (
        "Op grond van deze gegevens bewaart KrachtWerkt het dossier tot ten minste {date}: "
        "20 jaar na het laatste van einde dienstverband, einde contract met KrachtWerkt en "
        "overlijden. De wet kan langer bewaren vragen."
    ),
    "employer_person.retention_not_yet": "Er loopt nog geen bewaartermijn, omdat: {reasons}.",
    "employer_person.retention_unknown": "Er loopt nog geen bewaartermijn.",
    "employer_person.retention_held": "Zolang {reasons}, wordt niets vernietigd.",
    "employer_person.hold.employment_running": "het dienstverband nog loopt",
    "employer_person.hold.contract_running": (
        "het contract van de werkgever met KrachtWerkt nog loopt"
    ),
    "employer_person.hold.open_case": "er een lopende verzuimzaak is",
    "employer_person.errors_title": "Controleer het formulier",
    "employer_person.error.date": "Vul een geldige datum in.",
    "sick.date_of_birth": "Geboortedatum (als u die weet)",
    "sick.date_of_birth_hint": (
        "De geboortedatum bepaalt in sommige gevallen hoe lang het dossier bewaard wordt. "
        "U ziet de datum na het versturen niet terug."
    ),
    "sick.error.birth_range": "Deze geboortedatum kan niet kloppen.",
    "admin.facts.title": "Einde dienstverband of overlijden vastleggen",
    "admin.facts.intro": (
        "Vul de organisatie en het personeelsnummer in. Een lege datum laat het gegeven zoals "
        "het is. U ziet geen verzuim- of medische gegevens van de medewerker."
    ),
    "admin.facts.organisation": "Organisatie",
    "admin.facts.choose_organisation": "Kies een organisatie",
    "admin.facts.number": "Personeelsnummer",
    "admin.facts.submit": "Vastleggen",
    "admin.facts.saved": "De gegevens zijn vastgelegd.",
    "admin.facts.unknown_person": "Er is bij deze organisatie geen medewerker met dit personeelsnummer.",
}

EN: dict[str, str] = {
    "employer_person.title": "Employment and death",
    "employer_person.intro": (
        "Record here when the employee's employment ends or ended, or the date of death. "
        "These facts decide how long KrachtWerkt keeps the file."
    ),
    "employer_person.name": "Name",
    "employer_person.number": "Personnel number",
    "employer_person.employment_start": "Employed since",
    "employer_person.employment_end": "End of employment",
    "employer_person.employment_end_hint": "Leave empty while the employment runs.",
    "employer_person.date_of_death": "Date of death",
    "employer_person.date_of_death_hint": (
        "Fill in only if the employee has died. A date recorded earlier is not shown here; "
        "leave empty if nothing changes."
    ),
    "employer_person.unknown": "not known",
    "employer_person.submit": "Save",
    "employer_person.saved": "The facts were recorded.",
    "employer_person.retention_until": (
        "On these facts KrachtWerkt keeps the file until at least {date}: 20 years after the "
        "latest of end of employment, end of the contract with KrachtWerkt and death. The law "
        "may require keeping it longer."
    ),
    "employer_person.retention_not_yet": "No retention term runs yet, because: {reasons}.",
    "employer_person.retention_unknown": "No retention term runs yet.",
    "employer_person.retention_held": "As long as {reasons}, nothing is destroyed.",
    "employer_person.hold.employment_running": "the employment still runs",
    "employer_person.hold.contract_running": (
        "the employer's contract with KrachtWerkt still runs"
    ),
    "employer_person.hold.open_case": "there is an open absence case",
    "employer_person.errors_title": "Please check the form",
    "employer_person.error.date": "Fill in a valid date.",
    "sick.date_of_birth": "Date of birth (if you know it)",
    "sick.date_of_birth_hint": (
        "In some cases the date of birth decides how long the file is kept. It is not shown "
        "back to you after sending."
    ),
    "sick.error.birth_range": "This date of birth cannot be right.",
    "admin.facts.title": "Record end of employment or death",
    "admin.facts.intro": (
        "Fill in the organisation and the personnel number. An empty date leaves that fact as "
        "it is. You see no absence or medical data of the employee."
    ),
    "admin.facts.organisation": "Organisation",
    "admin.facts.choose_organisation": "Choose an organisation",
    "admin.facts.number": "Personnel number",
    "admin.facts.submit": "Record",
    "admin.facts.saved": "The facts were recorded.",
    "admin.facts.unknown_person": "This organisation has no employee with this personnel number.",
}
