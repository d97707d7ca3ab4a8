"""The people helping with re-integration, kept by the case manager (issue 15)."""

from __future__ import annotations

NL: dict[str, str] = {
    "helpers.none": "Er zijn nog geen begeleiders vastgelegd.",
    "helpers.add_title": "Begeleider toevoegen",
    "helpers.name": "Naam",
    "helpers.helper_role": "Rol (bijvoorbeeld re-integratiecoach)",
    "helpers.organisation": "Organisatie (niet verplicht)",
    "helpers.phone": "Telefoon (niet verplicht)",
    "helpers.email": "E-mailadres (niet verplicht)",
    "helpers.add": "Begeleider toevoegen",
    "helpers.remove": "Verwijderen",
    "helpers.added": "De begeleider is toegevoegd. De werknemer ziet deze in het portaal.",
    "helpers.removed": "De begeleider is verwijderd.",
    "helpers.error.name": "Vul de naam van de begeleider in.",
    "helpers.error.helper_role": "Vul de rol van de begeleider in.",
    "helpers.error.phone": "Dit telefoonnummer klopt niet. Gebruik alleen cijfers, spaties en +.",
    "helpers.error.email": "Dit e-mailadres klopt niet.",
    "helpers.error.too_long": "Deze tekst is te lang.",
}

EN: dict[str, str] = {
    "helpers.none": "No helpers have been recorded yet.",
    "helpers.add_title": "Add a helper",
    "helpers.name": "Name",
    "helpers.helper_role": "Role (for example re-integration coach)",
    "helpers.organisation": "Organisation (optional)",
    "helpers.phone": "Phone (optional)",
    "helpers.email": "E-mail address (optional)",
    "helpers.add": "Add helper",
    "helpers.remove": "Remove",
    "helpers.added": "The helper has been added. The employee sees them in the portal.",
    "helpers.removed": "The helper has been removed.",
    "helpers.error.name": "Enter the helper's name.",
    "helpers.error.helper_role": "Enter the helper's role.",
    "helpers.error.phone": "This phone number is not valid. Use only digits, spaces and +.",
    "helpers.error.email": "This e-mail address is not valid.",
    "helpers.error.too_long": "This text is too long.",
}
