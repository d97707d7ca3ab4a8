"""Texts of issue 15: case files."""

from __future__ import annotations

NL: dict[str, str] = {
    "case_files.title": "Bestanden",
    "case_files.link": "Bestanden bij het dossier",
    "case_files.of_person": "Dossier van {person}, ziek gemeld op {date}.",
    "case_files.own_case": "Uw dossier, ziek gemeld op {date}.",
    "case_files.list_title": "Bestanden bij het dossier",
    "case_files.none": "Er zijn nog geen bestanden die u mag zien.",
    "case_files.download": "Downloaden",
    "case_files.download_label": "{name} downloaden",
    "case_files.by": "door {role}",
    "case_files.you": "u",
    "case_files.upload_title": "Bestand toevoegen",
    "case_files.file": "Bestand",
    "case_files.hint": "PDF, JPEG of PNG, hoogstens {max} MB. Van een foto bewaren we alleen "
    "het beeld: locatie, toestel en andere gegevens in het bestand gaan eraf.",
    "case_files.upload": "Toevoegen",
    "case_files.audience.employee": (
        "Uw bestanden gaan alleen naar de bedrijfsarts en het team. Uw werkgever ziet ze niet"
        " en krijgt er niets over te horen."
    ),
    "case_files.audience.care": "Wat u hier toevoegt is medisch: alleen het behandelteam en "
    "de werknemer zien het, nooit de werkgever of de casemanager.",
    "case_files.audience.case": "Let op: de werknemer, de werkgever, de casemanager en het "
    "behandelteam zien dit bestand. Zet er geen medische gegevens in: geen diagnose, "
    "klachten, behandeling of medicijnen.",
    "case_files.back": "Terug naar het dossier",
    "case_files.done": "Gelukt: het bestand is toegevoegd.",
    "case_files.no_case": "U hebt geen verzuimdossier, dus ook geen bestanden.",
    "case_files.unknown_case": "Dit dossier bestaat niet of u hebt er geen toegang toe.",
    "case_files.unknown_file": "Dit bestand bestaat niet of u hebt er geen toegang toe.",
    "case_files.kind.application/pdf": "PDF",
    "case_files.kind.image/jpeg": "JPEG-afbeelding",
    "case_files.kind.image/png": "PNG-afbeelding",
    "case_files.error.no_file": "Fout: kies een bestand om toe te voegen.",
    "case_files.error.empty": "Fout: het bestand is leeg. Kies een ander bestand.",
    "case_files.error.too_large": "Fout: het bestand is te groot. Het mag hoogstens {max} MB zijn.",
    "case_files.error.type": "Fout: dit soort bestand nemen we niet aan. Alleen PDF, JPEG en "
    "PNG zijn toegestaan.",
    "case_files.error.lying_name": "Fout: de naam van het bestand klopt niet met wat erin "
    "staat (bijvoorbeeld een afbeelding met .pdf in de naam, of een programma). Alleen echte "
    "PDF-, JPEG- en PNG-bestanden zijn toegestaan.",
    "case_files.error.image_too_big": "Fout: de afbeelding heeft te veel beeldpunten "
    "(hoogstens 40 miljoen). Verklein de foto en probeer het opnieuw.",
    "case_files.error.damaged": "Fout: de afbeelding is beschadigd en kan niet worden geopend.",
    "case_files.error.pdf_active": "Fout: deze PDF bevat een script, een ingesloten bestand "
    "of een opdracht die iets start. Sla het bestand opnieuw op als gewone PDF (bijvoorbeeld met "
    "'Afdrukken als PDF') en probeer het opnieuw.",
    "case_files.error.medical_name": "Fout: de bestandsnaam bevat een medische term. Geef "
    "het bestand een naam zonder medische gegevens.",
    "case_files.error.too_many": "Fout: bij dit dossier zijn al te veel bestanden. Neem "
    "contact op met het behandelteam.",
}

EN: dict[str, str] = {
    "case_files.title": "Files",
    "case_files.link": "Files in the case",
    "case_files.of_person": "Case of {person}, reported sick on {date}.",
    "case_files.own_case": "Your case, reported sick on {date}.",
    "case_files.list_title": "Files in the case",
    "case_files.none": "There are no files yet that you may see.",
    "case_files.download": "Download",
    "case_files.download_label": "Download {name}",
    "case_files.by": "by {role}",
    "case_files.you": "you",
    "case_files.upload_title": "Add a file",
    "case_files.file": "File",
    "case_files.hint": "PDF, JPEG or PNG, at most {max} MB. Of a photo we keep only the "
    "picture: location, device and other data in the file are removed.",
    "case_files.upload": "Add",
    "case_files.audience.employee": "Your files go to the company doctor and the team only. "
    "Your employer does not see them and is not told about them.",
    "case_files.audience.care": "What you add here is medical: only the care team and the "
    "employee see it, never the employer or the case manager.",
    "case_files.audience.case": "Note: the employee, the employer, the case manager and the "
    "care team see this file. Put no medical data in it: no diagnosis, complaints, treatment "
    "or medication.",
    "case_files.back": "Back to the case",
    "case_files.done": "Done: the file has been added.",
    "case_files.no_case": "You have no absence case, so no files either.",
    "case_files.unknown_case": "This case does not exist or you have no access to it.",
    "case_files.unknown_file": "This file does not exist or you have no access to it.",
    "case_files.kind.application/pdf": "PDF",
    "case_files.kind.image/jpeg": "JPEG image",
    "case_files.kind.image/png": "PNG image",
    "case_files.error.no_file": "Error: choose a file to add.",
    "case_files.error.empty": "Error: the file is empty. Choose another file.",
    "case_files.error.too_large": "Error: the file is too large. It may be at most {max} MB.",
    "case_files.error.type": "Error: we do not accept this kind of file. Only PDF, JPEG and "
    "PNG are allowed.",
    "case_files.error.lying_name": "Error: the file's name does not match what is in it (for "
    "instance a picture with .pdf in its name, or a program). Only real PDF, JPEG and PNG "
    "files are allowed.",
    "case_files.error.image_too_big": "Error: the picture has too many pixels (at most 40 "
    "million). Make the photo smaller and try again.",
    "case_files.error.damaged": "Error: the picture is damaged and cannot be opened.",
    "case_files.error.pdf_active": "Error: this PDF holds a script, an embedded file or an "
    "action that starts something. Save it again as a plain PDF (for instance with 'Print "
    "to PDF') and try again.",
    "case_files.error.medical_name": "Error: the file name holds a medical term. Give the "
    "file a name without medical data.",
    "case_files.error.too_many": "Error: this case already holds too many files. Please "
    "contact the care team.",
}
