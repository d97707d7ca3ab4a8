"""Rights requests (seed ch. 3, A–E): the employee's page and the privacy desk's queue."""

from __future__ import annotations

#: the Autoriteit Persoonsgegevens' public contact, the same in both languages
_AP_WEB = "www.autoriteitpersoonsgegevens.nl"
_AP_PHONE = "088 1805 250"

NL: dict[str, str] = {
    "rights.link": "Mijn rechten en verzoeken",
    "rights.title": "Mijn rechten",
    "rights.intro": (
        "U kunt ons vragen uw gegevens in te zien, te verbeteren, over te dragen of niet meer "
        "te gebruiken, en u kunt een klacht indienen. Wij antwoorden zo snel mogelijk, maar "
        "uiterlijk binnen vier weken. Deze rechten gelden voor zover de wet dat toelaat."
    ),
    "rights.kinds_title": "Wat zijn uw rechten?",
    "rights.kind.access": "A: Inzage in uw gegevens",
    "rights.kind.rectification": "B: Gegevens laten verbeteren",
    "rights.kind.complaint": "C: Een klacht indienen",
    "rights.kind.transfer": "D: Gegevens laten overdragen",
    "rights.kind.stop": "E: Stoppen met het gebruik van uw gegevens",
    "rights.explain.access": (
        "U mag de gegevens inzien die wij over u bewaren. Op uw verzoek delen wij ze met u."
    ),
    "rights.explain.rectification": (
        "Hebben wij gegevens onjuist of fout verwerkt? Dan passen wij ze op uw verzoek aan. "
        "Schrijf erbij welke gegevens niet kloppen."
    ),
    "rights.explain.complaint": (
        "U kunt bij ons een klacht indienen over het opslaan of verwerken van uw gegevens."
    ),
    "rights.explain.transfer": (
        "Stapt u over naar een andere partij die soortgelijke diensten biedt? Dan dragen wij uw "
        "gegevens op uw verzoek aan die partij over. Schrijf erbij aan wie."
    ),
    "rights.explain.stop": (
        "Wilt u niet meer dat KrachtWerkt uw gegevens gebruikt? Dan kunt u vragen daarmee te "
        "stoppen. Schrijf erbij om welke gegevens het gaat."
    ),
    "rights.ap_title": "Klagen bij de Autoriteit Persoonsgegevens",
    "rights.ap_text": (
        "U mag ook rechtstreeks een klacht indienen bij de Autoriteit Persoonsgegevens, "
        "zonder eerst bij ons te klagen."
    ),
    "rights.ap_web": _AP_WEB,
    "rights.ap_phone_label": "Telefoon",
    "rights.ap_phone": _AP_PHONE,
    "rights.form_title": "Verzoek indienen",
    "rights.kind_label": "Soort verzoek",
    "rights.text_label": "Uw verzoek (bij A niet verplicht)",
    "rights.medical_warning": (
        "Schrijf hier geen medische gegevens, zoals een ziekte, klachten of medicijnen. "
        "Die zijn niet nodig om uw verzoek te behandelen."
    ),
    "rights.submit": "Verzoek versturen",
    "rights.submitted": "Uw verzoek is ontvangen. U ziet het hieronder, met de datum waarop u "
    "uiterlijk antwoord krijgt.",
    "rights.submitted_complaint": (
        "Uw klacht is vastgelegd. U mag ook rechtstreeks klagen bij de Autoriteit Persoonsgegevens."
    ),
    "rights.mine_title": "Mijn verzoeken",
    "rights.none": "U heeft nog geen verzoeken ingediend.",
    "rights.received_on": "Ontvangen op",
    "rights.due_on": "Antwoord uiterlijk op",
    "rights.status_label": "Status",
    "rights.status.received": "Ontvangen",
    "rights.status.answered": "Beantwoord",
    "rights.history_extended_to": "Eerder verlengd tot (vóór de regel van vier weken)",
    "rights.history_extension_reason": "Reden van die verlenging",
    "rights.your_text": "Uw tekst",
    "rights.answer": "Antwoord",
    "rights.answered_on": "Beantwoord op",
    "rights.text_required": "Schrijf kort waar uw verzoek over gaat.",
    "rights.text_too_long": "De tekst is te lang (maximaal 10.000 tekens).",
    "rights.answer_required": "Schrijf een antwoord.",
    "rights.answer_too_long": "Het antwoord is te lang (maximaal 10.000 tekens).",
    "rights.unknown_kind": "Kies een soort verzoek.",
    "rights.duplicate": "Dit verzoek heeft u zojuist al verstuurd; het staat hieronder.",
    "rights.unknown_request": "Dat verzoek bestaat niet.",
    "rights.already_answered": "Dat verzoek is al beantwoord.",
    "rights_desk.link": "Verzoeken van werknemers",
    "rights_desk.title": "Verzoeken van werknemers",
    "rights_desk.intro": (
        "Open verzoeken, over de termijn bovenaan, dan wat binnen een week verloopt. Wij "
        "beloven een antwoord uiterlijk binnen vier weken; verlengen kan niet. Een verzoek "
        "over de termijn wordt één keer aan de beheerder gemeld."
    ),
    "rights_desk.days_overdue": "dag(en) over de termijn",
    "rights_desk.due_soon": "Verloopt binnen een week",
    "rights_desk.escalated": "Gemeld aan de beheerder op",
    "rights_desk.none": "Er zijn geen open verzoeken.",
    "rights_desk.overdue": "Te laat",
    "rights_desk.number": "Werknemer (personeelsnummer en naam)",
    "rights_desk.request_text": "Verzoek",
    "rights_desk.no_text": "(geen toelichting)",
    "rights_desk.answer_label": "Antwoord aan de werknemer",
    "rights_desk.answer": "Antwoord versturen",
    "rights_desk.answered": "Het antwoord is vastgelegd; de werknemer ziet het in het portaal.",
}

EN: dict[str, str] = {
    "rights.link": "My rights and requests",
    "rights.title": "My rights",
    "rights.intro": (
        "You can ask us to see, correct, transfer or stop using your data, and you can file a "
        "complaint. We answer as soon as possible, and within four weeks at the latest. These "
        "rights apply as far as the law allows."
    ),
    "rights.kinds_title": "What are your rights?",
    "rights.kind.access": "A: Access to your data",
    "rights.kind.rectification": "B: Have your data corrected",
    "rights.kind.complaint": "C: File a complaint",
    "rights.kind.transfer": "D: Have your data transferred",
    "rights.kind.stop": "E: Stop the use of your data",
    "rights.explain.access": (
        "You may see the data we keep about you. At your request we share it with you."
    ),
    "rights.explain.rectification": (
        "Did we process data incorrectly? Then we correct it at your request. Say which data "
        "is wrong."
    ),
    "rights.explain.complaint": (
        "You can file a complaint with us about how your data is stored or processed."
    ),
    "rights.explain.transfer": (
        "Are you moving to another party offering similar services? Then at your request we "
        "transfer your data to that party. Say to whom."
    ),
    "rights.explain.stop": (
        "Do you no longer want KrachtWerkt to use your data? Then you can ask us to stop. Say "
        "which data it concerns."
    ),
    "rights.ap_title": "Complaining to the Dutch Data Protection Authority",
    "rights.ap_text": (
        "You may also complain directly to the Autoriteit Persoonsgegevens (the Dutch Data "
        "Protection Authority), without complaining to us first."
    ),
    "rights.ap_web": _AP_WEB,
    "rights.ap_phone_label": "Telephone",
    "rights.ap_phone": _AP_PHONE,
    "rights.form_title": "Make a request",
    "rights.kind_label": "Kind of request",
    "rights.text_label": "Your request (optional for A)",
    "rights.medical_warning": (
        "Do not write medical details here, such as an illness, symptoms or medication. We do "
        "not need them to handle your request."
    ),
    "rights.submit": "Send request",
    "rights.submitted": "Your request has been received. You see it below, with the date by "
    "which you will have an answer.",
    "rights.submitted_complaint": (
        "Your complaint has been recorded. You may also complain directly to the Autoriteit "
        "Persoonsgegevens."
    ),
    "rights.mine_title": "My requests",
    "rights.none": "You have not made any requests yet.",
    "rights.received_on": "Received on",
    "rights.due_on": "Answer by",
    "rights.status_label": "Status",
    "rights.status.received": "Received",
    "rights.status.answered": "Answered",
    "rights.history_extended_to": "Extended earlier to (before the four-week rule)",
    "rights.history_extension_reason": "Reason for that extension",
    "rights.your_text": "Your text",
    "rights.answer": "Answer",
    "rights.answered_on": "Answered on",
    "rights.text_required": "Briefly write what your request is about.",
    "rights.text_too_long": "The text is too long (at most 10,000 characters).",
    "rights.answer_required": "Write an answer.",
    "rights.answer_too_long": "The answer is too long (at most 10,000 characters).",
    "rights.unknown_kind": "Choose a kind of request.",
    "rights.duplicate": "You have just sent this request; it is listed below.",
    "rights.unknown_request": "That request does not exist.",
    "rights.already_answered": "That request has already been answered.",
    "rights_desk.link": "Employees' requests",
    "rights_desk.title": "Employees' requests",
    "rights_desk.intro": (
        "Open requests, overdue first, then those due within a week. We promise an answer "
        "within four weeks at the latest; the term cannot be extended. A request past its term "
        "is reported to the administrator once."
    ),
    "rights_desk.days_overdue": "day(s) past the term",
    "rights_desk.due_soon": "Due within a week",
    "rights_desk.escalated": "Reported to the administrator on",
    "rights_desk.none": "There are no open requests.",
    "rights_desk.overdue": "Overdue",
    "rights_desk.number": "Employee (personnel number and name)",
    "rights_desk.request_text": "Request",
    "rights_desk.no_text": "(no explanation)",
    "rights_desk.answer_label": "Answer to the employee",
    "rights_desk.answer": "Send answer",
    "rights_desk.answered": "The answer has been recorded; the employee sees it in the portal.",
}
