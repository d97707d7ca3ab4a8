"""Texts of issue 15: messages (the two threads of a case, unread counts, the notice mail)."""

from __future__ import annotations

NL: dict[str, str] = {
    "messages.title": "Berichten",
    "messages.link": "Berichten",
    "messages.intro_employee": (
        "Hier schrijft u met uw bedrijfsarts en het behandelteam. Alleen zij lezen deze "
        "berichten; uw werkgever en de casemanager niet."
    ),
    "messages.thread.care": "Werknemer en behandelteam",
    "messages.thread.employer": "Werkgever en casemanager",
    "messages.about_care": (
        "Medisch gesprek: alleen de werknemer, de bedrijfsarts en het behandelteam lezen het."
    ),
    "messages.about_employer": (
        "Gesprek tussen werkgever en casemanager over de verzuimzaak. De werknemer en het "
        "behandelteam lezen mee."
    ),
    "messages.about_person": "Over: {name}",
    "messages.threads_label": "Gesprekken van deze zaak",
    "messages.empty": "Er zijn nog geen berichten.",
    "messages.you": "U",
    "messages.new": "nieuw",
    "messages.read_only": "U kunt dit gesprek lezen, maar er niet in schrijven.",
    "messages.body": "Uw bericht",
    "messages.limit": "Maximaal {max} tekens.",
    "messages.counter": "tekens",
    "messages.send": "Versturen",
    "messages.sent": "Uw bericht is verstuurd.",
    "messages.no_medical": (
        "Let op: schrijf hier geen medische gegevens (ziekte, klachten, behandeling of "
        "medicijnen). De werkgever mag die niet kennen; een bericht met een medische term "
        "wordt niet verstuurd."
    ),
    "messages.required": "Schrijf eerst een bericht; een leeg bericht wordt niet verstuurd.",
    "messages.too_long": (
        "Dit bericht is te lang (maximaal {max} tekens). Maak het korter; er is niets verstuurd."
    ),
    "messages.medical_term": (
        "Dit bericht bevat een medische term ({terms}). De werkgever mag geen medische "
        "gegevens lezen; haal de term weg. Er is niets verstuurd."
    ),
    "messages.not_found": "Dit gesprek is niet beschikbaar voor u.",
    "messages.no_case": "U heeft geen verzuimzaak, dus ook geen berichten.",
    "messages.inbox_title": "Gesprekken met ongelezen berichten",
    "messages.inbox_empty": (
        "U heeft geen ongelezen berichten. Open een gesprek vanaf de pagina van een zaak."
    ),
    "messages.inbox_line": "{name} · {thread} · {count} ongelezen",
    "messages.unread_title": "Ongelezen berichten",
    "messages.unread_care": "{count} ongelezen bericht(en) van of voor het behandelteam",
    "messages.unread_employer": "{count} ongelezen bericht(en) tussen werkgever en casemanager",
    "messages.employer_thread_title": "Berichten tussen uw werkgever en de casemanager",
    "messages.employer_thread_intro": (
        "Dit schrijven uw werkgever en de casemanager elkaar over uw verzuim. U kunt het "
        "lezen; uw eigen berichten stuurt u aan het behandelteam via Berichten."
    ),
    "mail.message.subject": "Nieuw bericht in het KrachtWerkt-portaal",
    "mail.message.body": (
        "Beste {name},\n\n"
        "Er staat een nieuw bericht voor u klaar in het KrachtWerkt-portaal. Om uw privacy "
        "te beschermen staat de inhoud niet in deze e-mail.\n\n"
        "Log in om het te lezen: {link}\n\n"
        "Met vriendelijke groet,\nKrachtWerkt"
    ),
}

EN: dict[str, str] = {
    "messages.title": "Messages",
    "messages.link": "Messages",
    "messages.intro_employee": (
        "Here you write with your company doctor and the care team. Only they read these "
        "messages; your employer and the case manager do not."
    ),
    "messages.thread.care": "Employee and care team",
    "messages.thread.employer": "Employer and case manager",
    "messages.about_care": (
        "Medical conversation: only the employee, the company doctor and the care team read it."
    ),
    "messages.about_employer": (
        "Conversation between the employer and the case manager about the absence. The "
        "employee and the care team can read it."
    ),
    "messages.about_person": "About: {name}",
    "messages.threads_label": "Conversations of this case",
    "messages.empty": "There are no messages yet.",
    "messages.you": "You",
    "messages.new": "new",
    "messages.read_only": "You can read this conversation, but not write in it.",
    "messages.body": "Your message",
    "messages.limit": "At most {max} characters.",
    "messages.counter": "characters",
    "messages.send": "Send",
    "messages.sent": "Your message was sent.",
    "messages.no_medical": (
        "Note: do not write medical details here (illness, complaints, treatment or "
        "medication). The employer may not know them; a message with a medical term is not "
        "sent."
    ),
    "messages.required": "Write a message first; an empty message is not sent.",
    "messages.too_long": (
        "This message is too long (at most {max} characters). Shorten it; nothing was sent."
    ),
    "messages.medical_term": (
        "This message contains a medical term ({terms}). The employer may not read medical "
        "details; remove the term. Nothing was sent."
    ),
    "messages.not_found": "This conversation is not available to you.",
    "messages.no_case": "You have no absence case, so no messages either.",
    "messages.inbox_title": "Conversations with unread messages",
    "messages.inbox_empty": (
        "You have no unread messages. Open a conversation from the page of a case."
    ),
    "messages.inbox_line": "{name} · {thread} · {count} unread",
    "messages.unread_title": "Unread messages",
    "messages.unread_care": "{count} unread message(s) from or for the care team",
    "messages.unread_employer": "{count} unread message(s) between employer and case manager",
    "messages.employer_thread_title": "Messages between your employer and the case manager",
    "messages.employer_thread_intro": (
        "This is what your employer and the case manager write to each other about your "
        "absence. You can read it; your own messages go to the care team via Messages."
    ),
    "mail.message.subject": "New message in the KrachtWerkt portal",
    "mail.message.body": (
        "Dear {name},\n\n"
        "A new message is waiting for you in the KrachtWerkt portal. To protect your privacy "
        "its content is not in this e-mail.\n\n"
        "Sign in to read it: {link}\n\n"
        "Kind regards,\nKrachtWerkt"
    ),
}
