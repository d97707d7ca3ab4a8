"""The employee is always told (issue 17 item 5): the mail to the address on file of an
employee without a portal account, and the case manager's letters page and the letter."""

from __future__ import annotations

NL: dict[str, str] = {
    # --- mail to the address on file: content-free ---
    "told.mail.release.subject": "KrachtWerkt heeft uw werkgever informatie gegeven",
    "told.mail.release.body": (
        "Beste {name},\n\nKrachtWerkt heeft uw werkgever informatie over uw verzuim gegeven. "
        "U heeft altijd recht om te weten wat uw werkgever van ons krijgt.\n\n"
        "U heeft geen account op ons portaal ({origin}), waar u dat kunt lezen. Vraag uw "
        "casemanager bij KrachtWerkt om een account, of om de inhoud per post.\n\n"
        "Om uw privacy te beschermen staat de inhoud niet in deze e-mail.\n\nKrachtWerkt"
    ),
    "told.mail.plan_submitted.subject": "Uw werkgever stuurde u een document over uw re-integratie",
    "told.mail.plan_submitted.body": (
        "Beste {name},\n\nUw werkgever heeft u een plan van aanpak of een evaluatie over uw "
        "re-integratie gestuurd. U mag daarin uw eigen mening geven.\n\n"
        "U heeft geen account op ons portaal ({origin}), waar u het kunt lezen. Vraag uw "
        "casemanager bij KrachtWerkt om een account, of om het document per post.\n\n"
        "KrachtWerkt"
    ),
    "told.mail.consent_request.subject": "KrachtWerkt vraagt u om toestemming",
    "told.mail.consent_request.body": (
        "Beste {name},\n\nKrachtWerkt vraagt u om toestemming. U beslist zelf; zonder uw "
        "toestemming gebeurt er niets.\n\n"
        "U heeft geen account op ons portaal ({origin}), waar u het verzoek leest en "
        "beantwoordt. Vraag uw casemanager bij KrachtWerkt om een account.\n\n"
        "Om uw privacy te beschermen staat het verzoek niet in deze e-mail.\n\nKrachtWerkt"
    ),
    # --- the case manager's letters ---
    "mail.letter_queued.subject": "Er staat een brief voor een werknemer klaar",
    "mail.letter_queued.body": (
        "Beste {name},\n\nEen werknemer zonder account op het portaal en zonder e-mailadres "
        "moet iets van ons horen, bijvoorbeeld wat de werkgever van ons kreeg. De brief "
        "staat voor u klaar om te versturen:\n\n{link}\n\nKrachtWerkt"
    ),
    "letters.link": "Brieven aan werknemers",
    "letters.title": "Brieven aan werknemers",
    "letters.intro": (
        "Een werknemer hoort altijd wat de werkgever van ons krijgt, en wat er met de eigen "
        "verzoeken en gegevens gebeurt. Zonder account op het portaal en zonder e-mailadres "
        "bij ons staat hier een brief voor de werknemer klaar. Download de brief (er wordt "
        "eerst om een nieuwe code gevraagd), stuur die per post en zet de brief daarna op "
        "verstuurd."
    ),
    "letters.waiting_title": "Nog te versturen",
    "letters.none_waiting": "Er staan geen brieven klaar.",
    "letters.sent_title": "Onlangs verstuurd",
    "letters.none_sent": "Nog geen brieven verstuurd.",
    "letters.queued": "klaargezet op",
    "letters.no_address": "Er staat geen postadres bij deze werknemer. Zoek het adres eerst op.",
    "letters.print": "Brief downloaden (pdf)",
    "letters.mark_sent": "Verstuurd",
    "letters.marked_sent": "De brief staat op verstuurd. Dat is vastgelegd in het logboek van de werknemer.",
    "letters.sent_on": "verstuurd op",
    "letters.unknown": "Die brief bestaat niet.",
    "letters.already_sent": "Deze brief stond al op verstuurd.",
    "letters.kind.release": "Informatie aan de werkgever",
    "letters.kind.plan_submitted": "Document over re-integratie",
    "letters.kind.consent_request": "Verzoek om toestemming",
    # --- the letter itself ---
    "letters.pdf.heading": "KrachtWerkt",
    "letters.pdf.address": "Aan",
    "letters.pdf.to": "Naam",
    "letters.pdf.street": "Adres",
    "letters.pdf.place": "Postcode en plaats",
    "letters.pdf.title.release": "Wat uw werkgever van ons heeft gekregen",
    "letters.pdf.title.plan_submitted": "Een document over uw re-integratie",
    "letters.pdf.title.consent_request": "Een verzoek om uw toestemming",
    "letters.pdf.intro.release": "Op {date} heeft KrachtWerkt uw werkgever {employer} informatie over uw verzuim gegeven. U heeft altijd recht om te weten wat dat is; hieronder staat precies wat uw werkgever heeft gekregen. Meer niet: medische gegevens krijgt uw werkgever nooit.",
    "letters.pdf.intro.plan_submitted": "Op {date} heeft uw werkgever {employer} u een document over uw re-integratie gestuurd (een plan van aanpak of een evaluatie). Hieronder staat wat uw werkgever en u erin hebben geschreven. U mag uw eigen mening erin laten opnemen.",
    "letters.pdf.intro.consent_request": "Op {date} heeft KrachtWerkt u om toestemming gevraagd. U beslist zelf; zonder uw toestemming gebeurt er niets. Waarvoor, voor wie en tot wanneer leest en beantwoordt u in ons portaal.",
    "letters.pdf.content.release": "De informatie",
    "letters.pdf.content.plan_submitted": "De documenten",
    "letters.pdf.next": "Wat kunt u doen?",
    "letters.pdf.how": "U heeft geen account op het portaal van KrachtWerkt. Met een account leest u alles wat over u is gedeeld, ziet u wie uw dossier opende en geeft of weigert u toestemming. Vraag uw casemanager bij KrachtWerkt om een account. Klopt er iets niet, of wilt u iets laten aanpassen? Neem dan contact op met uw casemanager.",
}

EN: dict[str, str] = {
    "told.mail.release.subject": "KrachtWerkt gave your employer information",
    "told.mail.release.body": (
        "Dear {name},\n\nKrachtWerkt gave your employer information about your absence. You "
        "always have the right to know what your employer receives from us.\n\n"
        "You have no account on our portal ({origin}), where you can read it. Ask your case "
        "manager at KrachtWerkt for an account, or for the content by post.\n\n"
        "To protect your privacy the content is not in this e-mail.\n\nKrachtWerkt"
    ),
    "told.mail.plan_submitted.subject": "Your employer sent you a document about your return to work",
    "told.mail.plan_submitted.body": (
        "Dear {name},\n\nYour employer sent you a plan of action or an evaluation about your "
        "return to work. You may add your own view to it.\n\n"
        "You have no account on our portal ({origin}), where you can read it. Ask your case "
        "manager at KrachtWerkt for an account, or for the document by post.\n\nKrachtWerkt"
    ),
    "told.mail.consent_request.subject": "KrachtWerkt asks for your consent",
    "told.mail.consent_request.body": (
        "Dear {name},\n\nKrachtWerkt asks for your consent. You decide; without your consent "
        "nothing happens.\n\n"
        "You have no account on our portal ({origin}), where you read and answer the "
        "request. Ask your case manager at KrachtWerkt for an account.\n\n"
        "To protect your privacy the request is not in this e-mail.\n\nKrachtWerkt"
    ),
    "mail.letter_queued.subject": "A letter to an employee is waiting",
    "mail.letter_queued.body": (
        "Dear {name},\n\nAn employee without a portal account and without an e-mail address "
        "must hear from us, for instance what his employer received from us. The letter is "
        "waiting for you to send:\n\n{link}\n\nKrachtWerkt"
    ),
    "letters.link": "Letters to employees",
    "letters.title": "Letters to employees",
    "letters.intro": "An employee is always told what his employer receives from us, and what happens with his requests and his data. When he has no portal account and no e-mail address with us, a letter waits for him here. Download it (a fresh code is asked first), send it by post, then mark it sent.",
    "letters.waiting_title": "To send",
    "letters.none_waiting": "No letters are waiting.",
    "letters.sent_title": "Sent recently",
    "letters.none_sent": "No letters sent yet.",
    "letters.queued": "queued on",
    "letters.no_address": "There is no postal address for this employee. Find the address first.",
    "letters.print": "Download the letter (pdf)",
    "letters.mark_sent": "Sent",
    "letters.marked_sent": "The letter is marked sent. This is recorded in the employee's access log.",
    "letters.sent_on": "sent on",
    "letters.unknown": "That letter does not exist.",
    "letters.already_sent": "This letter was already marked sent.",
    "letters.kind.release": "Information given to the employer",
    "letters.kind.plan_submitted": "Document about the return to work",
    "letters.kind.consent_request": "Request for consent",
    "letters.pdf.heading": "KrachtWerkt",
    "letters.pdf.address": "To",
    "letters.pdf.to": "Name",
    "letters.pdf.street": "Address",
    "letters.pdf.place": "Postcode and town",
    "letters.pdf.title.release": "What your employer received from us",
    "letters.pdf.title.plan_submitted": "A document about your return to work",
    "letters.pdf.title.consent_request": "A request for your consent",
    "letters.pdf.intro.release": "On {date} KrachtWerkt gave your employer {employer} information about your absence. You always have the right to know what it was; below is exactly what your employer received. Nothing more: your employer never receives medical data.",
    "letters.pdf.intro.plan_submitted": "On {date} your employer {employer} sent you a document about your return to work (a plan of action or an evaluation). Below is what your employer and you wrote in it. You may have your own view added to it.",
    "letters.pdf.intro.consent_request": "On {date} KrachtWerkt asked for your consent. You decide; without your consent nothing happens. What it is for, for whom and until when, you read and answer in our portal.",
    "letters.pdf.content.release": "The information",
    "letters.pdf.content.plan_submitted": "The documents",
    "letters.pdf.next": "What can you do?",
    "letters.pdf.how": "You have no account on the KrachtWerkt portal. With an account you read everything shared about you, see who opened your file, and grant or refuse consent. Ask your case manager at KrachtWerkt for an account. Is something wrong, or do you want something changed? Contact your case manager.",
}
