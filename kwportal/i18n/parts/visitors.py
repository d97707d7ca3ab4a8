"""The public site for website visitors (seed ch. 2): cookie choices, privacy statement,
newsletter, callback requests, visitors' rights, and the staff pages about them."""

NL = {
    # --- pages and navigation ---
    "public.meta.home": (
        "KrachtWerkt, arbodienst in Oldenzaal: verzuimbegeleiding, re-integratie, preventie "
        "en PMO, en het portaal voor uw verzuimdossier."
    ),
    "public.meta.privacy": "De privacyverklaring van KrachtWerkt voor websitebezoekers.",
    "public.meta.cookies": "Het cookiebeleid van KrachtWerkt en uw cookiekeuze.",
    "public.meta.newsletter": "Meld u aan voor de nieuwsbrief van KrachtWerkt, of af.",
    "public.meta.callback": "Vraag KrachtWerkt om u terug te bellen.",
    "public.meta.rights": "Inzage, correctie of verwijdering van uw gegevens als websitebezoeker.",
    "public.nav.label": "Over deze website",
    "public.nav.privacy": "Privacyverklaring",
    "public.nav.cookies": "Cookies",
    "public.nav.newsletter": "Nieuwsbrief",
    "public.nav.callback": "Bel mij terug",
    "public.nav.rights": "Uw rechten",
    "public.services.title": "Onze diensten",
    "public.services.absence": "begeleiding bij ziekte, vanaf de eerste dag.",
    "public.services.reintegration": "terug naar werk, bij uw eigen of een andere werkgever.",
    "public.services.prevention": "gezond en veilig werken, voordat iemand uitvalt.",
    "public.services.pmo": "een onderzoek naar uw gezondheid in relatie tot uw werk.",
    "public.contact.title": "Contact",
    "public.contact.privacy": "Privacyvragen:",
    "public.contact.kvk": "KvK 75231689",
    # --- cookies ---
    "cookies.title": "Cookies",
    "cookies.banner_title": "Cookies op deze website",
    "cookies.banner_short": "Wij gebruiken alleen cookies die nodig zijn, tenzij u meer toestaat.",
    "cookies.settings_link": "Instellingen",
    "cookies.categories": "Soorten cookies",
    "cookies.functional": "Functioneel",
    "cookies.functional_help": "Nodig om de website te laten werken; altijd aan.",
    "cookies.analytics": "Statistieken",
    "cookies.analytics_help": "Wij tellen paginaweergaven op onze eigen server, zonder cookie.",
    "cookies.marketing": "Marketing",
    "cookies.marketing_help": "Een marketingscript dat meet of onze campagnes werken.",
    "cookies.accept_all": "Alles accepteren",
    "cookies.reject_all": "Alles weigeren",
    "cookies.save": "Keuze opslaan",
    "cookies.withdraw": "Toestemming intrekken",
    "cookies.your_choice": "Uw keuze",
    "cookies.no_choice": "U heeft nog geen keuze gemaakt.",
    "cookies.choice_made": "Uw keuze van",
    "cookies.on": "aan",
    "cookies.off": "uit",
    "cookies.gpc_honoured": (
        "Uw browser vraagt om niet gevolgd te worden (Global Privacy Control): marketing "
        "blijft uit."
    ),
    # --- legal texts ---
    "privacy.title": "Privacyverklaring websitebezoekers",
    "privacy.controller": (
        "KrachtWerkt BV, Beatrixstraat 2, 7573 AA Oldenzaal (KvK 75231689). Vragen: "
        "privacy@kracht-werkt.nl of 088 501 43 02."
    ),
    "legal.version": "Versie",
    "legal.version_shown": "U leest versie",
    "legal.versions": "Alle versies",
    "legal.read": "lezen",
    "legal.what_changed": "wat is er sindsdien veranderd?",
    "legal.changes_since": "Veranderd sinds versie",
    "legal.old_text": "Vorige tekst",
    "legal.change.added": "nieuw",
    "legal.change.changed": "gewijzigd",
    "legal.change.removed": "vervallen",
    # --- newsletter ---
    "newsletter.title": "Nieuwsbrief",
    "newsletter.intro": (
        "Ontvang af en toe nieuws over gezond werken. U bevestigt uw aanmelding met een link "
        "in een e-mail; iedere nieuwsbrief bevat een afmeldlink."
    ),
    "newsletter.consent": (
        "Met uw aanmelding geeft u toestemming om u de nieuwsbrief te mailen tot u zich "
        "afmeldt. Lees ook onze"
    ),
    "newsletter.submit": "Aanmelden",
    "newsletter.confirm_title": "Aanmelding bevestigen",
    "newsletter.confirm_intro": "Bevestig dat u de nieuwsbrief wilt ontvangen.",
    "newsletter.confirm_submit": "Ja, ik wil de nieuwsbrief",
    "newsletter.unsubscribe_title": "Afmelden voor de nieuwsbrief",
    "newsletter.unsubscribe_intro": (
        "Na afmelding verwijderen wij uw naam en e-mailadres. Wij bewaren alleen een "
        "versleutelde vingerafdruk, zodat wij u nooit per vergissing opnieuw mailen."
    ),
    "newsletter.unsubscribe_submit": "Afmelden",
    # --- callback ---
    "callback.title": "Bel mij terug",
    "callback.intro": "Laat uw naam en nummer achter; wij bellen u op een werkdag terug.",
    "callback.no_medical": (
        "Schrijf hier geen medische gegevens. Over uw gezondheid praat u met de bedrijfsarts, "
        "niet via dit formulier."
    ),
    "callback.no_medical_short": "Geen medische gegevens, alstublieft. Hooguit 500 tekens.",
    "callback.submit": "Verstuur verzoek",
    "callbacks.title": "Terugbelverzoeken",
    "callbacks.link": "Terugbelverzoeken van de website",
    "callbacks.intro": (
        "Verzoeken van websitebezoekers, de oudste eerst. Afgehandelde verzoeken worden na "
        "180 dagen verwijderd."
    ),
    "callbacks.none": "Er zijn geen open terugbelverzoeken.",
    "callbacks.received": "Ontvangen",
    "callbacks.status": "Status",
    "callbacks.status_new": "nieuw",
    "callbacks.status_in_progress": "in behandeling",
    "callbacks.to_in_progress": "In behandeling nemen",
    "callbacks.to_done": "Afgehandeld",
    "callbacks.updated": "De status is bijgewerkt.",
    # --- visitors' rights ---
    "visitor_rights.title": "Uw rechten als websitebezoeker",
    "visitor_rights.intro": (
        "Vraag inzage in, correctie of verwijdering van uw nieuwsbrief- en "
        "terugbelgegevens. Wij sturen u eerst een e-mail met een link om te bevestigen dat u "
        "het bent; daarna antwoorden wij binnen vier weken."
    ),
    "visitor_rights.kind": "Wat wilt u?",
    "visitor_rights.phone": "Telefoonnummer (als u om een terugbelverzoek vraagt)",
    "visitor_rights.details": "Toelichting (bij correctie: wat moet anders?)",
    "visitor_rights.submit": "Verzoek versturen",
    "visitor_rights.complaint": (
        "U kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens "
        "(autoriteitpersoonsgegevens.nl)."
    ),
    "visitor_rights.confirm_title": "Verzoek bevestigen",
    "visitor_rights.confirm_intro": (
        "Bevestig dat u dit verzoek deed. Daarna gaat het naar onze privacyfunctionaris."
    ),
    "visitor_rights.confirm_submit": "Ja, dit is mijn verzoek",
    "visitor_requests.title": "Verzoeken van websitebezoekers",
    "visitor_requests.link": "Verzoeken van websitebezoekers",
    "visitor_requests.intro": (
        "Bevestigde verzoeken om inzage, correctie of verwijdering van nieuwsbrief- en "
        "terugbelgegevens, de vroegste termijn eerst."
    ),
    "visitor_requests.none": "Er zijn geen open verzoeken.",
    "visitor_requests.newsletter_data": "Nieuwsbrief",
    "visitor_requests.callback_data": "Terugbelverzoeken (gevonden op telefoonnummer)",
    "visitor_requests.phone_unproven": (
        "Het e-mailadres is bevestigd, het telefoonnummer niet: bel het nummer eerst terug "
        "voordat u terugbelgegevens verstrekt."
    ),
    "visitor_requests.new_name": "Juiste naam",
    "visitor_requests.do_access": "Gegevens mailen en afronden",
    "visitor_requests.do_rectification": "Naam corrigeren en afronden",
    "visitor_requests.do_deletion": "Gegevens verwijderen en afronden",
    # --- statistics ---
    "stats.title": "Websitestatistieken",
    "stats.link": "Websitestatistieken",
    "stats.intro": (
        "Paginaweergaven op onze eigen server, alleen van bezoekers die toestemming gaven; "
        "ruwe gegevens worden na drie jaar verwijderd."
    ),
    "stats.total": "Weergaven in de laatste 30 dagen:",
    "stats.chart_caption": "Paginaweergaven per dag, laatste 30 dagen",
    "stats.views": "Weergaven",
    "stats.pages": "Meest bekeken pagina's",
    "stats.page": "Pagina",
    "stats.referrers": "Verwijzende websites",
    "stats.referrer": "Website",
    # --- fields and choices ---
    "visitor.field.name": "Naam",
    "visitor.field.email": "E-mailadres",
    "visitor.field.phone": "Telefoonnummer",
    "visitor.field.preferred_time": "Wanneer schikt het?",
    "visitor.field.topic": "Onderwerp",
    "visitor.field.message": "Korte toelichting (optioneel)",
    "visitor.field.status": "Status",
    "visitor.field.since": "Aangemeld op",
    "visitor.time.morning": "'s ochtends",
    "visitor.time.afternoon": "'s middags",
    "visitor.time.any": "maakt niet uit",
    "visitor.topic.absence": "Verzuimbegeleiding",
    "visitor.topic.reintegration": "Re-integratie",
    "visitor.topic.prevention": "Preventie",
    "visitor.topic.pmo": "PMO",
    "visitor.topic.other": "Iets anders",
    "visitor.right.access": "Inzage in mijn gegevens",
    "visitor.right.rectification": "Correctie van mijn gegevens",
    "visitor.right.deletion": "Verwijdering van mijn gegevens",
    # --- messages (?m=) ---
    "visitor.cookies_saved": "Uw cookiekeuze is opgeslagen.",
    "visitor.cookies_withdrawn": "Uw toestemming is ingetrokken.",
    "visitor.newsletter_check_mail": (
        "Bijna klaar: kijk in uw mailbox en bevestig uw aanmelding met de link."
    ),
    "visitor.newsletter_confirmed": "Uw aanmelding is bevestigd.",
    "visitor.unsubscribed": "U bent afgemeld. Uw naam en e-mailadres zijn verwijderd.",
    "visitor.callback_received": "Dank u. Wij bellen u op een werkdag terug.",
    "visitor.rights_check_mail": (
        "Kijk in uw mailbox en bevestig uw verzoek met de link; daarna nemen wij het in "
        "behandeling."
    ),
    "visitor.rights_confirmed": (
        "Uw verzoek is bevestigd. U krijgt uiterlijk binnen vier weken antwoord per e-mail."
    ),
    "visitor.link_invalid": "Deze link is verlopen of al gebruikt.",
    "visitor.form_invalid": "Het formulier kon niet worden verwerkt. Laad de pagina opnieuw.",
    "visitor.form_stale": "Het formulier is verlopen. Laad de pagina opnieuw.",
    "visitor.too_fast": "Dat ging te snel. Wacht een paar seconden en probeer het opnieuw.",
    "visitor.too_many": "Te veel pogingen. Probeer het over {wait} seconden opnieuw.",
    "visitor.name_missing": "Vul uw naam in.",
    "visitor.name_invalid": "Deze naam is te lang of bevat tekens die niet kunnen.",
    "visitor.email_missing": "Vul uw e-mailadres in.",
    "visitor.email_invalid": "Dit is geen geldig e-mailadres.",
    "visitor.phone_missing": "Vul uw telefoonnummer in.",
    "visitor.phone_invalid": "Dit is geen geldig telefoonnummer (8 tot 15 cijfers).",
    "visitor.text_too_long": "De toelichting is te lang.",
    "visitor.details_missing": "Schrijf wat er gecorrigeerd moet worden.",
    "visitor.choice_invalid": "Kies een van de mogelijkheden.",
    "visitor.callback_gone": "Dit terugbelverzoek bestaat niet meer.",
    "visitor.request_gone": "Dit verzoek is al afgehandeld of bestaat niet.",
    "visitor.request_done": "Het verzoek is afgehandeld en de bezoeker heeft antwoord gekregen.",
    # --- mail ---
    "visitor.mail.confirm_subject": "Bevestig uw aanmelding voor de nieuwsbrief van KrachtWerkt",
    "visitor.mail.confirm_body": (
        "Bevestig uw aanmelding voor de nieuwsbrief met deze link (72 uur geldig):\n{link}\n\n"
        "Heeft u zich niet aangemeld? Dan hoeft u niets te doen; wij sturen u niets."
    ),
    "visitor.mail.unsubscribe_footer": "Afmelden voor de nieuwsbrief: {link}",
    "visitor.mail.rights_subject": "Bevestig uw verzoek aan KrachtWerkt",
    "visitor.mail.rights_body": (
        "Bevestig met deze link dat u het verzoek over uw gegevens deed (72 uur geldig):\n"
        "{link}\n\nDeed u geen verzoek? Dan hoeft u niets te doen."
    ),
    "visitor.mail.answer_subject": "Antwoord op uw verzoek over uw gegevens",
    "visitor.mail.access": "Dit zijn de gegevens die KrachtWerkt van u als websitebezoeker heeft:",
    "visitor.mail.data_newsletter": "Nieuwsbrief:",
    "visitor.mail.data_callbacks": "Terugbelverzoeken:",
    "visitor.mail.data_none": "geen gegevens",
    "visitor.mail.deleted": (
        "Uw nieuwsbrief- en terugbelgegevens zijn verwijderd. Van uw e-mailadres bewaren wij "
        "alleen een versleutelde vingerafdruk, zodat wij u nooit per vergissing mailen."
    ),
    "visitor.mail.rectified": "Uw naam is gecorrigeerd in: {name}",
}

EN = {
    "public.meta.home": (
        "KrachtWerkt, occupational health service in Oldenzaal: sickness absence support, "
        "reintegration, prevention and health checks, and the portal for your file."
    ),
    "public.meta.privacy": "KrachtWerkt's privacy statement for website visitors.",
    "public.meta.cookies": "KrachtWerkt's cookie policy and your cookie choice.",
    "public.meta.newsletter": "Sign up for KrachtWerkt's newsletter, or leave it.",
    "public.meta.callback": "Ask KrachtWerkt to call you back.",
    "public.meta.rights": "Access, correction or deletion of your data as a website visitor.",
    "public.nav.label": "About this website",
    "public.nav.privacy": "Privacy statement",
    "public.nav.cookies": "Cookies",
    "public.nav.newsletter": "Newsletter",
    "public.nav.callback": "Call me back",
    "public.nav.rights": "Your rights",
    "public.services.title": "Our services",
    "public.services.absence": "support during sickness absence, from the first day.",
    "public.services.reintegration": "back to work, with your own or another employer.",
    "public.services.prevention": "healthy and safe work, before anyone drops out.",
    "public.services.pmo": "an examination of your health in relation to your work.",
    "public.contact.title": "Contact",
    "public.contact.privacy": "Privacy questions:",
    "public.contact.kvk": "Chamber of Commerce 75231689",
    "cookies.title": "Cookies",
    "cookies.banner_title": "Cookies on this website",
    "cookies.banner_short": "We only use the cookies we need, unless you allow more.",
    "cookies.settings_link": "Settings",
    "cookies.categories": "Kinds of cookies",
    "cookies.functional": "Functional",
    "cookies.functional_help": "Needed for the website to work; always on.",
    "cookies.analytics": "Statistics",
    "cookies.analytics_help": "We count page views on our own server, without a cookie.",
    "cookies.marketing": "Marketing",
    "cookies.marketing_help": "A marketing script that measures whether our campaigns work.",
    "cookies.accept_all": "Accept all",
    "cookies.reject_all": "Reject all",
    "cookies.save": "Save choice",
    "cookies.withdraw": "Withdraw consent",
    "cookies.your_choice": "Your choice",
    "cookies.no_choice": "You have not made a choice yet.",
    "cookies.choice_made": "Your choice of",
    "cookies.on": "on",
    "cookies.off": "off",
    "cookies.gpc_honoured": (
        "Your browser asks not to be tracked (Global Privacy Control): marketing stays off."
    ),
    "privacy.title": "Privacy statement for website visitors",
    "privacy.controller": (
        "KrachtWerkt BV, Beatrixstraat 2, 7573 AA Oldenzaal (Chamber of Commerce 75231689). "
        "Questions: privacy@kracht-werkt.nl or +31 88 501 43 02."
    ),
    "legal.version": "Version",
    "legal.version_shown": "You are reading version",
    "legal.versions": "All versions",
    "legal.read": "read",
    "legal.what_changed": "what changed since?",
    "legal.changes_since": "Changed since version",
    "legal.old_text": "Previous text",
    "legal.change.added": "new",
    "legal.change.changed": "changed",
    "legal.change.removed": "dropped",
    "newsletter.title": "Newsletter",
    "newsletter.intro": (
        "Receive news about healthy work now and then. You confirm your sign-up with a link "
        "in an e-mail; every newsletter has an unsubscribe link."
    ),
    "newsletter.consent": (
        "By signing up you consent to receiving the newsletter until you unsubscribe. Please "
        "also read our"
    ),
    "newsletter.submit": "Sign up",
    "newsletter.confirm_title": "Confirm your sign-up",
    "newsletter.confirm_intro": "Confirm that you want to receive the newsletter.",
    "newsletter.confirm_submit": "Yes, send me the newsletter",
    "newsletter.unsubscribe_title": "Unsubscribe from the newsletter",
    "newsletter.unsubscribe_intro": (
        "When you unsubscribe we delete your name and e-mail address. We keep only a keyed "
        "fingerprint, so we never mail you again by mistake."
    ),
    "newsletter.unsubscribe_submit": "Unsubscribe",
    "callback.title": "Call me back",
    "callback.intro": "Leave your name and number; we call you back on a working day.",
    "callback.no_medical": (
        "Do not write medical details here. You discuss your health with the company doctor, "
        "not through this form."
    ),
    "callback.no_medical_short": "No medical details, please. At most 500 characters.",
    "callback.submit": "Send request",
    "callbacks.title": "Callback requests",
    "callbacks.link": "Callback requests from the website",
    "callbacks.intro": (
        "Requests from website visitors, oldest first. Handled requests are deleted after 180 days."
    ),
    "callbacks.none": "There are no open callback requests.",
    "callbacks.received": "Received",
    "callbacks.status": "Status",
    "callbacks.status_new": "new",
    "callbacks.status_in_progress": "in progress",
    "callbacks.to_in_progress": "Take on",
    "callbacks.to_done": "Done",
    "callbacks.updated": "The status has been updated.",
    "visitor_rights.title": "Your rights as a website visitor",
    "visitor_rights.intro": (
        "Ask to see, correct or delete your newsletter and callback data. We first e-mail you "
        "a link to confirm it is you; then we answer within four weeks."
    ),
    "visitor_rights.kind": "What would you like?",
    "visitor_rights.phone": "Phone number (if you ask about a callback request)",
    "visitor_rights.details": "Explanation (for a correction: what should change?)",
    "visitor_rights.submit": "Send request",
    "visitor_rights.complaint": (
        "You can also complain to the Dutch Data Protection Authority "
        "(autoriteitpersoonsgegevens.nl)."
    ),
    "visitor_rights.confirm_title": "Confirm your request",
    "visitor_rights.confirm_intro": (
        "Confirm that you made this request. It then goes to our privacy officer."
    ),
    "visitor_rights.confirm_submit": "Yes, this is my request",
    "visitor_requests.title": "Requests from website visitors",
    "visitor_requests.link": "Requests from website visitors",
    "visitor_requests.intro": (
        "Confirmed requests for access, correction or deletion of newsletter and callback "
        "data, earliest due first."
    ),
    "visitor_requests.none": "There are no open requests.",
    "visitor_requests.newsletter_data": "Newsletter",
    "visitor_requests.callback_data": "Callback requests (found by phone number)",
    "visitor_requests.phone_unproven": (
        "The e-mail address is confirmed, the phone number is not: call the number back before "
        "you disclose callback data."
    ),
    "visitor_requests.new_name": "Correct name",
    "visitor_requests.do_access": "Mail the data and close",
    "visitor_requests.do_rectification": "Correct the name and close",
    "visitor_requests.do_deletion": "Delete the data and close",
    "stats.title": "Website statistics",
    "stats.link": "Website statistics",
    "stats.intro": (
        "Page views on our own server, only of visitors who consented; raw data are deleted "
        "after three years."
    ),
    "stats.total": "Views in the last 30 days:",
    "stats.chart_caption": "Page views per day, last 30 days",
    "stats.views": "Views",
    "stats.pages": "Most viewed pages",
    "stats.page": "Page",
    "stats.referrers": "Referring websites",
    "stats.referrer": "Website",
    "visitor.field.name": "Name",
    "visitor.field.email": "E-mail address",
    "visitor.field.phone": "Phone number",
    "visitor.field.preferred_time": "When suits you?",
    "visitor.field.topic": "Topic",
    "visitor.field.message": "Short note (optional)",
    "visitor.field.status": "Status",
    "visitor.field.since": "Signed up on",
    "visitor.time.morning": "in the morning",
    "visitor.time.afternoon": "in the afternoon",
    "visitor.time.any": "any time",
    "visitor.topic.absence": "Sickness absence support",
    "visitor.topic.reintegration": "Reintegration",
    "visitor.topic.prevention": "Prevention",
    "visitor.topic.pmo": "Periodic health check (PMO)",
    "visitor.topic.other": "Something else",
    "visitor.right.access": "See my data",
    "visitor.right.rectification": "Correct my data",
    "visitor.right.deletion": "Delete my data",
    "visitor.cookies_saved": "Your cookie choice has been saved.",
    "visitor.cookies_withdrawn": "Your consent has been withdrawn.",
    "visitor.newsletter_check_mail": (
        "Almost done: check your mailbox and confirm your sign-up with the link."
    ),
    "visitor.newsletter_confirmed": "Your sign-up is confirmed.",
    "visitor.unsubscribed": "You have been unsubscribed. Your name and address are deleted.",
    "visitor.callback_received": "Thank you. We will call you back on a working day.",
    "visitor.rights_check_mail": (
        "Check your mailbox and confirm your request with the link; then we take it on."
    ),
    "visitor.rights_confirmed": (
        "Your request is confirmed. You will get an answer by e-mail within four weeks."
    ),
    "visitor.link_invalid": "This link has expired or has been used already.",
    "visitor.form_invalid": "The form could not be processed. Please reload the page.",
    "visitor.form_stale": "The form has expired. Please reload the page.",
    "visitor.too_fast": "That was too fast. Wait a few seconds and try again.",
    "visitor.too_many": "Too many attempts. Try again in {wait} seconds.",
    "visitor.name_missing": "Please enter your name.",
    "visitor.name_invalid": "This name is too long or has characters that cannot be used.",
    "visitor.email_missing": "Please enter your e-mail address.",
    "visitor.email_invalid": "This is not a valid e-mail address.",
    "visitor.phone_missing": "Please enter your phone number.",
    "visitor.phone_invalid": "This is not a valid phone number (8 to 15 digits).",
    "visitor.text_too_long": "The explanation is too long.",
    "visitor.details_missing": "Please write what should be corrected.",
    "visitor.choice_invalid": "Please choose one of the options.",
    "visitor.callback_gone": "This callback request no longer exists.",
    "visitor.request_gone": "This request has been handled already or does not exist.",
    "visitor.request_done": "The request is handled and the visitor has been answered.",
    "visitor.mail.confirm_subject": "Confirm your sign-up for KrachtWerkt's newsletter",
    "visitor.mail.confirm_body": (
        "Confirm your sign-up for the newsletter with this link (valid 72 hours):\n{link}\n\n"
        "Did you not sign up? Then you need not do anything; we send you nothing."
    ),
    "visitor.mail.unsubscribe_footer": "Unsubscribe from the newsletter: {link}",
    "visitor.mail.rights_subject": "Confirm your request to KrachtWerkt",
    "visitor.mail.rights_body": (
        "Confirm with this link that you made the request about your data (valid 72 hours):\n"
        "{link}\n\nDid you make no request? Then you need not do anything."
    ),
    "visitor.mail.answer_subject": "Answer to your request about your data",
    "visitor.mail.access": "These are the data KrachtWerkt holds about you as a website visitor:",
    "visitor.mail.data_newsletter": "Newsletter:",
    "visitor.mail.data_callbacks": "Callback requests:",
    "visitor.mail.data_none": "no data",
    "visitor.mail.deleted": (
        "Your newsletter and callback data have been deleted. Of your e-mail address we keep "
        "only a keyed fingerprint, so we never mail you by mistake."
    ),
    "visitor.mail.rectified": "Your name has been corrected to: {name}",
}
