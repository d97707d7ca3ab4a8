"""The care team workspace (caseload, case file, employer feedback, release) and the
employee's side of a release (notices, disclosure timeline)."""

from __future__ import annotations

NL: dict[str, str] = {
    # caseload
    "care.link": "Mijn caseload",
    "care.title": "Caseload",
    "care.intro": "De verzuimdossiers van de werkgevers die aan uw team zijn toegewezen.",
    "care.search": "Zoek op naam of personeelsnummer",
    "care.search_button": "Zoeken",
    "care.include_closed": "Ook afgesloten dossiers",
    "care.none": "Geen dossiers gevonden.",
    "care.sick_since": "Ziek sinds {date}",
    "care.recovered_on": "Hersteld op {date}",
    "care.has_draft": "Concept-terugkoppeling",
    "care.open_file": "Dossier openen",
    "care.open_admin": "Administratie openen",
    "care.feedback_link": "Terugkoppeling aan werkgever",
    "care.delegation_title": "Vrijgeven namens u",
    "care.delegation_intro": (
        "Leden van uw team die terugkoppeling aan de werkgever mogen vrijgeven namens u."
    ),
    "care.delegate": "Mag vrijgeven",
    "care.undelegate": "Niet meer laten vrijgeven",
    "care.delegated": "Mag vrijgeven namens u",
    "care.not_delegated": "Mag niet vrijgeven",
    "care.delegation_saved": "De bevoegdheid is aangepast.",
    # case file
    "care_case.title": "Medisch dossier",
    "care_case.admin_title": "Dossieradministratie",
    "care_case.back": "Terug naar de caseload",
    "care_case.not_found": "Dit dossier bestaat niet of valt buiten uw team.",
    "care_case.read_ground": "U leest dit dossier op grond van: {ground}. Dat wordt vastgelegd.",
    "care_case.person": "Werknemer",
    "care_case.employer": "Werkgever",
    "care_case.job": "Functie",
    "care_case.care_address": "Verpleegadres",
    "care_case.notes": "Medische aantekeningen",
    "care_case.no_notes": "Nog geen aantekeningen.",
    "care_case.notes_shown": "De nieuwste {shown} van {total} aantekeningen.",
    "care_case.notes_older": "Oudere aantekeningen tonen",
    "care_case.note_new": "Nieuwe aantekening",
    "care_case.note_body": "Aantekening",
    "care_case.note_add": "Aantekening toevoegen",
    "care_case.note_added": "De aantekening is toegevoegd.",
    "care_case.note_correct": "Corrigeren",
    "care_case.note_correction_of": "Correctie van een eerdere aantekening",
    "care_case.note_superseded": "Vervangen door een correctie",
    "care_case.note_cancel": "Annuleren",
    "care_case.note_by": "{date} · {who}",
    "care_case.append_only": (
        "Aantekeningen worden nooit gewijzigd of verwijderd: een correctie is een nieuwe versie."
    ),
    "care_case.answers": "Vragenlijsten",
    "care_case.exposures": "Blootstelling",
    "care_case.appointments": "Afspraken",
    "care_case.documents": "Documenten",
    "care_case.helpers": "Betrokken hulpverleners",
    "care_case.nothing": "Geen.",
    "care_case.no_medical": (
        "Als casemanager ziet u geen medische gegevens: alleen de administratie van het dossier."
    ),
    "care.note_required": "Schrijf eerst een aantekening.",
    "care.note_too_long": "De aantekening is te lang (ten hoogste 20.000 tekens).",
    "care.note_unknown": "Deze aantekening bestaat niet in dit dossier.",
    "care.note_already_corrected": (
        "Deze aantekening is intussen al gecorrigeerd. Corrigeer de nieuwste versie."
    ),
    # feedback editor
    "feedback.title": "Terugkoppeling aan de werkgever",
    "feedback.intro": (
        "De werkgever krijgt alleen deze vier onderdelen te zien, nooit een diagnose of "
        "medische details."
    ),
    "feedback.capacity": "Functionele mogelijkheden",
    "feedback.level_none": "Niet beoordeeld",
    "feedback.note": "Toelichting (kort)",
    "feedback.period": "Verwachte duur",
    "feedback.degree": "Mate van arbeidsongeschiktheid",
    "feedback.advice": "Advies",
    "feedback.save": "Concept opslaan",
    "feedback.saved": "Het concept is opgeslagen.",
    "feedback.start": "Nieuwe terugkoppeling beginnen",
    "feedback.no_draft": "Er is geen open concept voor dit dossier.",
    "feedback.preview": "Voorbeeld: zo ziet de werkgever het",
    "feedback.preview_intro": (
        "Dit is precies het onderdeel dat de werkgever te zien krijgt, met dit concept als "
        "nieuwste terugkoppeling."
    ),
    "feedback.terms_title": "Medische termen gevonden",
    "feedback.terms_intro": (
        "Deze woorden lijken medisch. Pas de tekst aan, of bevestig met een reden dat ze "
        "gedeeld mogen worden."
    ),
    "feedback.term_line": "{term} (in: {field})",
    "feedback.reason": "Reden waarom dit gedeeld mag worden",
    "feedback.confirm": "Bevestigen met reden",
    "feedback.confirmed": "Bevestigd: de gevonden termen mogen mee.",
    "feedback.release": "Vrijgeven aan de werkgever",
    "feedback.released": (
        "De terugkoppeling is vrijgegeven. De werknemer krijgt een bericht in het portaal en "
        "een e-mail."
    ),
    "feedback.release_only_doctor": (
        "Alleen de bedrijfsarts, of een teamlid dat de bedrijfsarts daarvoor heeft aangewezen, kan vrijgeven."
    ),
    "feedback.version": "Versie {version}",
    "feedback.unknown": "Deze terugkoppeling bestaat niet.",
    "feedback.already_released": "Deze terugkoppeling is al vrijgegeven.",
    "feedback.empty": "Een lege terugkoppeling kan niet worden vrijgegeven. Vul eerst iets in.",
    "feedback.stale": (
        "Iemand anders heeft dit concept intussen opgeslagen. Uw wijzigingen zijn niet "
        "opgeslagen: laad het concept opnieuw en voer ze nog eens in."
    ),
    "feedback.reload": "Concept opnieuw laden",
    "feedback.level_invalid": "Kies kan, beperkt of kan niet.",
    "feedback.note_too_long": "Een toelichting is ten hoogste 200 tekens.",
    "feedback.period_too_long": "De verwachte duur is ten hoogste 200 tekens.",
    "feedback.degree_too_long": "De mate van arbeidsongeschiktheid is ten hoogste 100 tekens.",
    "feedback.advice_too_long": "Het advies is ten hoogste 5.000 tekens.",
    "feedback.may_not_release": (
        "U mag deze terugkoppeling niet vrijgeven: dat doet de bedrijfsarts of een teamlid "
        "dat de bedrijfsarts heeft aangewezen."
    ),
    "feedback.no_terms": "Er zijn geen medische termen om te bevestigen.",
    "feedback.reason_required": "Geef een reden van minstens 10 tekens.",
    "feedback.reason_too_long": "De reden is ten hoogste 500 tekens.",
    "feedback.terms_unconfirmed": (
        "De tekst bevat medische termen. Pas de tekst aan of bevestig met een reden."
    ),
    "feedback.field.expected_period": "verwachte duur",
    "feedback.field.incapacity_degree": "mate van arbeidsongeschiktheid",
    "feedback.field.advice": "advies",
    "feedback.field.note": "toelichting",
    # employee: notices and disclosures
    "notices.title": "Nieuwe berichten",
    "notices.disclosure": "Op {date} is informatie over u gedeeld. Bekijk wat, met wie en waarom.",
    "notices.open": "Bekijk wat er is gedeeld",
    "notices.mark_read": "Gelezen",
    "disclosures.link": "Met wie zijn mijn gegevens gedeeld?",
    "disclosures.title": "Gedeelde gegevens",
    "disclosures.intro": (
        "Elke keer dat wij gegevens over u aan een ander gaven: wat, aan wie, wanneer, door wie "
        "en waarom. Het nieuwste staat bovenaan."
    ),
    "disclosures.none": "Er zijn nog geen gegevens over u gedeeld.",
    "disclosures.what": "Wat",
    "disclosures.to": "Aan",
    "disclosures.when": "Wanneer",
    "disclosures.by": "Door",
    "disclosures.ground": "Grondslag",
    "disclosures.unknown_by": "onbekend",
    "disclosures.see_view": "Bekijk wat uw werkgever ziet",
    "recipient.employer": "Uw werkgever",
    "recipient.uwv": "UWV",
    "recipient.arbodienst": "Een andere arbodienst",
    "recipient.gp": "Uw huisarts",
    "recipient.specialist": "Uw behandelend specialist",
    "recipient.other": "Een andere ontvanger",
    # mail
    # the company doctor's personal work notes (WGBO art. 7:456)
    "work_notes.title": "Mijn werkaantekeningen",
    "work_notes.intro": (
        "Persoonlijke werkaantekeningen: alleen u leest ze. Ze horen niet bij het medisch "
        "dossier en gaan niet mee bij inzage, download of overdracht."
    ),
    "work_notes.body": "Nieuwe werkaantekening",
    "work_notes.add": "Werkaantekening bewaren",
    "work_notes.none": "U heeft bij dit dossier nog geen werkaantekeningen.",
    "work_notes.added": "Uw werkaantekening is bewaard.",
    "work_notes.required": "Schrijf eerst de aantekening.",
    "work_notes.too_long": "De aantekening is te lang: maximaal 10.000 tekens.",
    "category.work_note": "persoonlijke werkaantekeningen van de bedrijfsarts",
    # the draft read by the employee before it is sent (NVAB guidance)
    "draft.share_title": "Eerst met de werknemer bespreken",
    "draft.share_intro": (
        "Deel het concept met de werknemer voordat het naar de werkgever gaat. De werknemer "
        "leest precies wat de werkgever zal zien en kan erop reageren. De werkgever ziet het "
        "concept en de reactie niet."
    ),
    "draft.share": "Concept delen met de werknemer",
    "draft.shared": "Het concept is gedeeld met de werknemer, die een e-mail zonder inhoud krijgt.",
    "draft.shared_on": "Gedeeld met de werknemer op",
    "draft.not_shared": "Nog niet gedeeld met de werknemer.",
    "draft.reaction_title": "Reactie van de werknemer",
    "draft.no_reaction": "De werknemer heeft (nog) niet gereageerd.",
    "draft.mine_title": "Concept-advies om eerst te lezen",
    "draft.mine_intro": (
        "De bedrijfsarts deelt dit concept met u voordat het naar uw werkgever gaat. Uw "
        "werkgever ziet het nog niet, en uw reactie nooit. Na het vrijgeven krijgen u en uw "
        "werkgever dezelfde tekst, op hetzelfde moment."
    ),
    "draft.reaction": "Uw reactie voor de bedrijfsarts",
    "draft.send_reaction": "Reactie versturen",
    "draft.reaction_saved": "Uw reactie is bewaard. De bedrijfsarts ziet haar bij het concept.",
    "draft.reaction_empty": "Schrijf eerst uw reactie.",
    "draft.reaction_too_long": "Uw reactie is te lang: maximaal 5.000 tekens.",
    "draft.gone": "Dit concept is intussen vrijgegeven of ingetrokken; uw reactie is niet bewaard.",
    "mail.draft_shared.subject": "De bedrijfsarts deelt een concept-advies met u",
    "mail.draft_shared.body": (
        "Beste {name},\n\nDe bedrijfsarts wil een advies aan uw werkgever eerst met u "
        "bespreken. U leest het concept na inloggen in het portaal en kunt erop reageren:"
        "\n\n{link}\n\nOm uw privacy te beschermen staat de inhoud niet in deze e-mail.\n\n"
        "KrachtWerkt"
    ),
    "mail.consent_request.subject": "Er wordt u om toestemming gevraagd",
    "mail.consent_request.body": (
        "Beste {name},\n\nHet team van de bedrijfsarts vraagt u om toestemming. Waarvoor, en "
        "welk gegeven het betreft, ziet u na inloggen in het portaal; u beslist zelf:\n\n"
        "{link}\n\nOm uw privacy te beschermen staat het verzoek niet in deze e-mail.\n\n"
        "KrachtWerkt"
    ),
    "mail.release.subject": "Er is informatie over u gedeeld",
    "mail.release.body": (
        "Beste {name},\n\nDe bedrijfsarts heeft informatie over uw verzuim gedeeld. Wat er is "
        "gedeeld, met wie en waarom, ziet u na inloggen in het portaal:\n\n{link}\n\n"
        "Om uw privacy te beschermen staat de inhoud niet in deze e-mail.\n\nKrachtWerkt"
    ),
}

EN: dict[str, str] = {
    "care.link": "My caseload",
    "care.title": "Caseload",
    "care.intro": "The absence files of the employers assigned to your team.",
    "care.search": "Search by name or personnel number",
    "care.search_button": "Search",
    "care.include_closed": "Include closed files",
    "care.none": "No files found.",
    "care.sick_since": "Sick since {date}",
    "care.recovered_on": "Recovered on {date}",
    "care.has_draft": "Draft feedback",
    "care.open_file": "Open file",
    "care.open_admin": "Open administration",
    "care.feedback_link": "Feedback to the employer",
    "care.delegation_title": "Releasing on your behalf",
    "care.delegation_intro": (
        "Members of your team who may release feedback to the employer on your behalf."
    ),
    "care.delegate": "May release",
    "care.undelegate": "No longer let release",
    "care.delegated": "May release on your behalf",
    "care.not_delegated": "May not release",
    "care.delegation_saved": "The authorisation was changed.",
    "care_case.title": "Medical file",
    "care_case.admin_title": "File administration",
    "care_case.back": "Back to the caseload",
    "care_case.not_found": "This file does not exist or is outside your team.",
    "care_case.read_ground": "You read this file on the ground: {ground}. This is recorded.",
    "care_case.person": "Employee",
    "care_case.employer": "Employer",
    "care_case.job": "Job",
    "care_case.care_address": "Care address",
    "care_case.notes": "Medical notes",
    "care_case.no_notes": "No notes yet.",
    "care_case.notes_shown": "The newest {shown} of {total} notes.",
    "care_case.notes_older": "Show older notes",
    "care_case.note_new": "New note",
    "care_case.note_body": "Note",
    "care_case.note_add": "Add note",
    "care_case.note_added": "The note was added.",
    "care_case.note_correct": "Correct",
    "care_case.note_correction_of": "Correction of an earlier note",
    "care_case.note_superseded": "Replaced by a correction",
    "care_case.note_cancel": "Cancel",
    "care_case.note_by": "{date} · {who}",
    "care_case.append_only": ("Notes are never changed or deleted: a correction is a new version."),
    "care_case.answers": "Questionnaires",
    "care_case.exposures": "Exposure",
    "care_case.appointments": "Appointments",
    "care_case.documents": "Documents",
    "care_case.helpers": "People helping",
    "care_case.nothing": "None.",
    "care_case.no_medical": (
        "As a case manager you see no medical data: only the file's administration."
    ),
    "care.note_required": "Write a note first.",
    "care.note_too_long": "The note is too long (at most 20,000 characters).",
    "care.note_unknown": "This note does not exist in this file.",
    "care.note_already_corrected": (
        "This note has been corrected in the meantime. Correct the newest version."
    ),
    "feedback.title": "Feedback to the employer",
    "feedback.intro": (
        "The employer sees only these four items, never a diagnosis or medical details."
    ),
    "feedback.capacity": "Functional capacity",
    "feedback.level_none": "Not assessed",
    "feedback.note": "Note (short)",
    "feedback.period": "Expected period",
    "feedback.degree": "Degree of incapacity for work",
    "feedback.advice": "Advice",
    "feedback.save": "Save draft",
    "feedback.saved": "The draft was saved.",
    "feedback.start": "Start new feedback",
    "feedback.no_draft": "There is no open draft for this file.",
    "feedback.preview": "Preview: what the employer will see",
    "feedback.preview_intro": (
        "This is exactly the part the employer sees, with this draft as the newest feedback."
    ),
    "feedback.terms_title": "Medical terms found",
    "feedback.terms_intro": (
        "These words look medical. Edit the text, or confirm with a reason that they may be shared."
    ),
    "feedback.term_line": "{term} (in: {field})",
    "feedback.reason": "Reason why this may be shared",
    "feedback.confirm": "Confirm with reason",
    "feedback.confirmed": "Confirmed: the terms found may be shared.",
    "feedback.release": "Release to the employer",
    "feedback.released": (
        "The feedback was released. The employee gets a notice in the portal and an e-mail."
    ),
    "feedback.release_only_doctor": (
        "Only the company doctor, or a team member he appointed, can release."
    ),
    "feedback.version": "Version {version}",
    "feedback.unknown": "This feedback does not exist.",
    "feedback.already_released": "This feedback has already been released.",
    "feedback.empty": "Empty feedback cannot be released. Fill something in first.",
    "feedback.stale": (
        "Someone else saved this draft in the meantime. Your changes were not saved: reload "
        "the draft and enter them again."
    ),
    "feedback.reload": "Reload draft",
    "feedback.level_invalid": "Choose can, limited or cannot.",
    "feedback.note_too_long": "A note is at most 200 characters.",
    "feedback.period_too_long": "The expected period is at most 200 characters.",
    "feedback.degree_too_long": "The degree of incapacity is at most 100 characters.",
    "feedback.advice_too_long": "The advice is at most 5,000 characters.",
    "feedback.may_not_release": (
        "You may not release this feedback: the company doctor does, or a team member he appointed."
    ),
    "feedback.no_terms": "There are no medical terms to confirm.",
    "feedback.reason_required": "Give a reason of at least 10 characters.",
    "feedback.reason_too_long": "The reason is at most 500 characters.",
    "feedback.terms_unconfirmed": (
        "The text contains medical terms. Edit it or confirm with a reason."
    ),
    "feedback.field.expected_period": "expected period",
    "feedback.field.incapacity_degree": "degree of incapacity",
    "feedback.field.advice": "advice",
    "feedback.field.note": "note",
    "notices.title": "New messages",
    "notices.disclosure": "On {date} information about you was shared. See what, with whom and why.",
    "notices.open": "See what was shared",
    "notices.mark_read": "Read",
    "disclosures.link": "Who has my data been shared with?",
    "disclosures.title": "Shared data",
    "disclosures.intro": (
        "Every time we gave data about you to someone else: what, to whom, when, by whom and "
        "why. The newest is at the top."
    ),
    "disclosures.none": "No data about you has been shared yet.",
    "disclosures.what": "What",
    "disclosures.to": "To",
    "disclosures.when": "When",
    "disclosures.by": "By",
    "disclosures.ground": "Ground",
    "disclosures.unknown_by": "unknown",
    "disclosures.see_view": "See what your employer sees",
    "recipient.employer": "Your employer",
    "recipient.uwv": "UWV",
    "recipient.arbodienst": "Another occupational health service",
    "recipient.gp": "Your GP",
    "recipient.specialist": "Your treating specialist",
    "recipient.other": "Another recipient",
    # the company doctor's personal work notes (WGBO art. 7:456)
    "work_notes.title": "My work notes",
    "work_notes.intro": (
        "Personal work notes: only you read them. They are not part of the medical file and "
        "are not included in an access request, a download or a transfer."
    ),
    "work_notes.body": "New work note",
    "work_notes.add": "Save work note",
    "work_notes.none": "You have no work notes on this file yet.",
    "work_notes.added": "Your work note is saved.",
    "work_notes.required": "Please write the note first.",
    "work_notes.too_long": "The note is too long: 10,000 characters at most.",
    "category.work_note": "the company doctor's personal work notes",
    # the draft read by the employee before it is sent (NVAB guidance)
    "draft.share_title": "Discuss with the employee first",
    "draft.share_intro": (
        "Share the draft with the employee before it goes to the employer. He reads exactly "
        "what the employer will see and may react. The employer sees neither the draft nor the "
        "reaction."
    ),
    "draft.share": "Share the draft with the employee",
    "draft.shared": "The draft is shared with the employee; he gets an e-mail without content.",
    "draft.shared_on": "Shared with the employee on",
    "draft.not_shared": "Not yet shared with the employee.",
    "draft.reaction_title": "The employee's reaction",
    "draft.no_reaction": "The employee has not reacted (yet).",
    "draft.mine_title": "Draft advice to read first",
    "draft.mine_intro": (
        "The company doctor shares this draft with you before it goes to your employer. Your "
        "employer does not see it yet, and never sees your reaction. Once released, you and "
        "your employer get the same text at the same moment."
    ),
    "draft.reaction": "Your reaction for the company doctor",
    "draft.send_reaction": "Send reaction",
    "draft.reaction_saved": "Your reaction is saved. The company doctor sees it with the draft.",
    "draft.reaction_empty": "Please write your reaction first.",
    "draft.reaction_too_long": "Your reaction is too long: 5,000 characters at most.",
    "draft.gone": "This draft has meanwhile been released or withdrawn; your reaction was not saved.",
    "mail.draft_shared.subject": "The company doctor shares a draft advice with you",
    "mail.draft_shared.body": (
        "Dear {name},\n\nThe company doctor wants to discuss an advice to your employer with "
        "you first. You read the draft after signing in to the portal and may react:\n\n"
        "{link}\n\nTo protect your privacy the content is not in this e-mail.\n\nKrachtWerkt"
    ),
    "mail.consent_request.subject": "Your consent is asked",
    "mail.consent_request.body": (
        "Dear {name},\n\nThe company doctor's team asks for your consent. What for, and which "
        "datum it concerns, you see after signing in to the portal; the choice is yours:\n\n"
        "{link}\n\nTo protect your privacy the request itself is not in this e-mail.\n\n"
        "KrachtWerkt"
    ),
    "mail.release.subject": "Information about you was shared",
    "mail.release.body": (
        "Dear {name},\n\nThe company doctor shared information about your absence. What was "
        "shared, with whom and why, you can see after signing in to the portal:\n\n{link}\n\n"
        "To protect your privacy, the content is not in this e-mail.\n\nKrachtWerkt"
    ),
}
