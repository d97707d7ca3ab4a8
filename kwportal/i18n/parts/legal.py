"""The privacy statement and cookie policy for website visitors, per version
(kwportal/domain/legal_texts.py). Version 1 is the seed's text (ch. 2, 7 February 2023);
version 2 describes what this site does."""

NL = {
    "legal.privacy.1.data.title": "Welke persoonsgegevens worden er verwerkt?",
    "legal.privacy.1.data.body": (
        "Wij verwerken van websitebezoekers: voor- en achternaam, geslacht, adresgegevens, "
        "telefoonnummer en e-mailadres."
    ),
    "legal.privacy.1.purposes.title": "Doeleinden voor de gegevensverwerking",
    "legal.privacy.1.purposes.body": (
        "Om nieuwsbrieven en berichten van commerciële aard toe te kunnen sturen "
        "(marketingdoeleinden); onze dienstverlening te kunnen (blijven) verrichten; om onze "
        "website te onderhouden en te verbeteren; en om contact op te nemen en te onderhouden "
        "naar aanleiding van ingediende terugbelverzoeken, ingestuurde berichten of andere "
        "communicatie.\n\nDaarnaast verwerken wij bepaalde persoonsgegevens in het kader van "
        "het gebruik van cookies. Zie hiervoor het cookiebeleid."
    ),
    "legal.privacy.1.grounds.title": "Grondslagen voor de gegevensverwerking",
    "legal.privacy.1.grounds.body": (
        "Gerechtvaardigd belang: uw IP-adres als u onze website gebruikt, en uw gegevens als u "
        "ons een bericht of terugbelverzoek stuurt. Als u een van uw rechten uit hoofde van de "
        "AVG uitoefent, kunnen wij u vragen om aanvullende gegevens te verstrekken om uw "
        "identiteit te bevestigen.\n\nToestemming: voor marketingdoeleinden, e-mailmarketing "
        "en een deel van de cookies. U hebt te allen tijde het recht uw toestemming in te "
        "trekken door uw instellingen op de cookieverklaringspagina aan te passen. Bij ieder "
        "e-mailbericht bieden wij u de mogelijkheid om zich af te melden."
    ),
    "legal.privacy.1.sharing.title": "Met wie worden de persoonsgegevens gedeeld?",
    "legal.privacy.1.sharing.body": (
        "Wij verstrekken persoonsgegevens in beginsel niet aan derden, tenzij dit noodzakelijk "
        "is voor onze dienstverlening of wettelijk verplicht is. KrachtWerkt verkoopt uw "
        "gegevens niet aan derden. Met bedrijven die uw gegevens in onze opdracht verwerken, "
        "sluiten wij een verwerkersovereenkomst."
    ),
    "legal.privacy.1.retention.title": "Bewaartermijn",
    "legal.privacy.1.retention.body": (
        "Naam en e-mailadres t.b.v. e-mailberichten: worden bewaard totdat de persoon zich "
        "afmeldt. Locatiegegevens: maximaal drie jaar. Gegevens over uw activiteiten op onze "
        "website: maximaal drie jaar."
    ),
    "legal.privacy.1.rights.title": "Wat zijn uw rechten?",
    "legal.privacy.1.rights.body": (
        "U heeft recht op inzage, rectificatie, het indienen van een klacht bij de Autoriteit "
        "Persoonsgegevens, overdracht en het stoppen van het gebruik van uw gegevens. Stuur uw "
        "vraag naar info@kracht-werkt.nl. We reageren zo snel mogelijk, maar uiterlijk binnen "
        "vier weken."
    ),
    "legal.privacy.2.grounds.title": "Grondslagen voor de gegevensverwerking",
    "legal.privacy.2.grounds.body": (
        "Gerechtvaardigd belang: uw gegevens als u ons een terugbelverzoek stuurt (om te kunnen "
        "reageren), en uw e-mailadres als u een van uw rechten uitoefent (om uw identiteit te "
        "bevestigen met een link per e-mail).\n\nToestemming: voor statistieken, marketing en "
        "de nieuwsbrief. Zonder uw toestemming plaatsen wij geen analytische of "
        "marketingcookies en laden wij geen marketingscripts. Stuurt uw browser het signaal "
        "Global Privacy Control (Sec-GPC), dan geldt dat als weigering voor marketing. U kunt "
        "uw toestemming altijd wijzigen of intrekken op de cookiepagina; dat doet geen afbreuk "
        "aan de verwerking daarvóór."
    ),
    "legal.privacy.2.statistics.title": "Statistieken op onze eigen server",
    "legal.privacy.2.statistics.body": (
        "Alleen als u toestemming geeft voor analytische cookies tellen wij op onze eigen "
        "server welke pagina wordt bekeken en van welke website u kwam (alleen de naam van die "
        "website). Uw IP-adres wordt ingekort tot het netwerkdeel; wij slaan geen cookie of "
        "ander kenmerk op waarmee u herkend kan worden. Er is geen derde partij bij betrokken."
    ),
    "legal.privacy.2.newsletter.title": "Nieuwsbrief",
    "legal.privacy.2.newsletter.body": (
        "U meldt zich aan met naam en e-mailadres en bevestigt dat met een link die wij u "
        "mailen (dubbele opt-in). Iedere e-mail bevat een afmeldlink; e-mailprogramma's kunnen "
        "u ook met één klik afmelden. Na afmelding verwijderen wij uw naam en adres en bewaren "
        "wij alleen een versleutelde vingerafdruk van het adres, zodat wij het nooit per "
        "vergissing opnieuw mailen."
    ),
    "legal.privacy.2.retention.title": "Bewaartermijn",
    "legal.privacy.2.retention.body": (
        "Naam en e-mailadres voor de nieuwsbrief: totdat u zich afmeldt; een niet bevestigde "
        "aanmelding: 30 dagen. Gegevens over uw activiteiten op onze website en "
        "locatiegegevens (het ingekorte IP-adres): maximaal drie jaar. Terugbelverzoeken: 180 "
        "dagen nadat ze zijn afgehandeld, en nooit langer dan een jaar. Uw cookiekeuze: als "
        "bewijs tot drie jaar nadat u haar wijzigde of introk. Verzoeken over uw rechten: twee "
        "jaar na ons antwoord."
    ),
    "legal.privacy.2.rights.title": "Wat zijn uw rechten?",
    "legal.privacy.2.rights.body": (
        "U kunt uw nieuwsbrief- en terugbelgegevens inzien, laten corrigeren of laten "
        "verwijderen via het formulier 'Uw rechten'. Wij bevestigen uw identiteit met een link "
        "per e-mail; daarna behandelt onze privacyfunctionaris uw verzoek, uiterlijk binnen "
        "vier weken. U kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens."
    ),
    "legal.cookies.1.what.title": "Wat zijn cookies?",
    "legal.cookies.1.what.body": (
        "Een cookie is een klein bestand dat met pagina's van deze website wordt meegestuurd en "
        "door uw browser op uw apparaat wordt opgeslagen. Er is een verschil tussen "
        "first-party cookies (door ons geplaatst) en third-party cookies (door een andere "
        "website geplaatst)."
    ),
    "legal.cookies.1.why.title": "Waarom gebruiken wij cookies?",
    "legal.cookies.1.why.body": (
        "Om de goede werking van deze website te garanderen, om uw ervaring te verbeteren, om "
        "het websiteverkeer te analyseren en om te bepalen of marketingcampagnes succesvol zijn."
    ),
    "legal.cookies.1.functional.title": "Functionele cookies",
    "legal.cookies.1.functional.body": (
        "Deze cookies zorgen voor een goed werkende website en onthouden uw voorkeuren, "
        "bijvoorbeeld uw taalkeuze of dat u onze cookiemelding al heeft gezien."
    ),
    "legal.cookies.1.analytics.title": "Analytische cookies",
    "legal.cookies.1.analytics.body": (
        "We maken gebruik van Google Analytics voor de basisanalyse van het websiteverkeer."
    ),
    "legal.cookies.1.marketing.title": "Marketingcookies",
    "legal.cookies.1.marketing.body": (
        "LinkedIn Insight Tag: een JavaScript-code die een cookie plaatst om conversies van "
        "advertentiecampagnes bij te houden."
    ),
    "legal.cookies.1.blocking.title": "Hoe u cookies kunt blokkeren",
    "legal.cookies.1.blocking.body": (
        "U kunt uw browserinstellingen gebruiken om cookies te verwijderen, uit te schakelen of "
        "te blokkeren."
    ),
    "legal.cookies.2.functional.title": "Functionele cookies (altijd aan)",
    "legal.cookies.2.functional.body": (
        "kw_session: houdt u ingelogd in het portaal (alleen na inloggen). kw_cookie_choice: "
        "een willekeurig nummer waarmee wij uw cookiekeuze terugvinden, zodat u die hier kunt "
        "wijzigen of intrekken (een jaar). kw_form: beveiligt onze formulieren tegen misbruik. "
        "Uw taalkeuze bewaren wij in de opslag van uw browser."
    ),
    "legal.cookies.2.analytics.title": "Statistieken (alleen met toestemming)",
    "legal.cookies.2.analytics.body": (
        "Wij tellen paginaweergaven en de website waar u vandaan kwam op onze eigen server, "
        "met een ingekort IP-adres en zonder cookie of ander herkenningsteken. Google Analytics "
        "gebruiken wij niet meer."
    ),
    "legal.cookies.2.marketing.title": "Marketing (alleen met toestemming)",
    "legal.cookies.2.marketing.body": (
        "Een marketingscript (op deze demonstratiesite een eigen plaatsvervanger van een "
        "advertentietag, kw_marketing) wordt alleen geladen nadat u toestemming gaf, en is weg "
        "zodra u die intrekt. Het signaal Global Privacy Control van uw browser geldt als "
        "weigering."
    ),
    "legal.cookies.2.choice.title": "Uw keuze wijzigen of intrekken",
    "legal.cookies.2.choice.body": (
        "Op deze pagina ziet u welke keuze u maakte, onder welke versie van dit beleid, en "
        "wat er sindsdien veranderde. U kunt uw keuze hier op elk moment wijzigen of intrekken."
    ),
}

EN = {
    "legal.privacy.1.data.title": "Which personal data do we process?",
    "legal.privacy.1.data.body": (
        "Of website visitors we process: first and last name, gender, address, phone number "
        "and e-mail address."
    ),
    "legal.privacy.1.purposes.title": "Purposes of the processing",
    "legal.privacy.1.purposes.body": (
        "To send newsletters and commercial messages (marketing); to provide our services; to "
        "maintain and improve our website; and to contact you after a callback request, a "
        "message or other communication.\n\nWe also process some personal data through "
        "cookies. See the cookie policy."
    ),
    "legal.privacy.1.grounds.title": "Legal grounds",
    "legal.privacy.1.grounds.body": (
        "Legitimate interest: your IP address when you use our website, and your data when you "
        "send us a message or a callback request. When you exercise one of your rights under "
        "the GDPR, we may ask you for further details to confirm your identity.\n\nConsent: "
        "for marketing, e-mail marketing and some of the cookies. You may withdraw your consent "
        "at any time by changing your settings on the cookie page. Every e-mail lets you "
        "unsubscribe."
    ),
    "legal.privacy.1.sharing.title": "With whom are personal data shared?",
    "legal.privacy.1.sharing.body": (
        "In principle we do not give personal data to third parties, unless our services "
        "require it or the law obliges us. KrachtWerkt does not sell your data. Companies that "
        "process your data on our behalf sign a data processing agreement with us."
    ),
    "legal.privacy.1.retention.title": "How long we keep data",
    "legal.privacy.1.retention.body": (
        "Name and e-mail address for e-mails: until the person unsubscribes. Location data: "
        "at most three years. Data about your activity on our website: at most three years."
    ),
    "legal.privacy.1.rights.title": "What are your rights?",
    "legal.privacy.1.rights.body": (
        "You have the right of access, rectification, to complain to the Dutch Data Protection "
        "Authority (Autoriteit Persoonsgegevens), to transfer and to have the use of your data "
        "stopped. Send your question to info@kracht-werkt.nl. We answer as soon as possible, "
        "and within four weeks at the latest."
    ),
    "legal.privacy.2.grounds.title": "Legal grounds",
    "legal.privacy.2.grounds.body": (
        "Legitimate interest: your data when you send us a callback request (to answer it), "
        "and your e-mail address when you exercise one of your rights (to confirm your "
        "identity with a link by e-mail).\n\nConsent: for statistics, marketing and the "
        "newsletter. Without your consent we set no analytics or marketing cookies and load no "
        "marketing scripts. If your browser sends the Global Privacy Control signal (Sec-GPC), "
        "it counts as a refusal of marketing. You can change or withdraw your consent on the "
        "cookie page at any time; that does not affect the processing before."
    ),
    "legal.privacy.2.statistics.title": "Statistics on our own server",
    "legal.privacy.2.statistics.body": (
        "Only if you consent to analytics do we count, on our own server, which page is viewed "
        "and which website you came from (only that website's name). Your IP address is cut to "
        "its network part; we store no cookie or other identifier that could recognise you. "
        "No third party is involved."
    ),
    "legal.privacy.2.newsletter.title": "Newsletter",
    "legal.privacy.2.newsletter.body": (
        "You sign up with name and e-mail address and confirm with a link we e-mail you "
        "(double opt-in). Every e-mail has an unsubscribe link; mail programs can also "
        "unsubscribe you with one click. When you unsubscribe we delete your name and address "
        "and keep only a keyed fingerprint of the address, so we never mail it again by mistake."
    ),
    "legal.privacy.2.retention.title": "How long we keep data",
    "legal.privacy.2.retention.body": (
        "Name and e-mail address for the newsletter: until you unsubscribe; an unconfirmed "
        "sign-up: 30 days. Data about your activity on our website and location data (the "
        "shortened IP address): at most three years. Callback requests: 180 days after they "
        "were handled, and never longer than a year. Your cookie choice: as proof for up to "
        "three years after you changed or withdrew it. Requests about your rights: two years "
        "after our answer."
    ),
    "legal.privacy.2.rights.title": "What are your rights?",
    "legal.privacy.2.rights.body": (
        "You can see, correct or delete your newsletter and callback data through the 'Your "
        "rights' form. We confirm your identity with a link by e-mail; then our privacy officer "
        "handles your request, within four weeks at the latest. You can also complain to the "
        "Dutch Data Protection Authority (Autoriteit Persoonsgegevens)."
    ),
    "legal.cookies.1.what.title": "What are cookies?",
    "legal.cookies.1.what.body": (
        "A cookie is a small file sent with pages of this website and stored by your browser "
        "on your device. First-party cookies are set by us; third-party cookies by another "
        "website."
    ),
    "legal.cookies.1.why.title": "Why do we use cookies?",
    "legal.cookies.1.why.body": (
        "To make this website work well, to improve your experience, to analyse the traffic "
        "and to see whether marketing campaigns succeed."
    ),
    "legal.cookies.1.functional.title": "Functional cookies",
    "legal.cookies.1.functional.body": (
        "These cookies make the website work and remember your preferences, such as your "
        "language or that you have seen our cookie notice."
    ),
    "legal.cookies.1.analytics.title": "Analytics cookies",
    "legal.cookies.1.analytics.body": "We use Google Analytics for a basic analysis of the traffic.",
    "legal.cookies.1.marketing.title": "Marketing cookies",
    "legal.cookies.1.marketing.body": (
        "LinkedIn Insight Tag: a piece of JavaScript that sets a cookie to track conversions "
        "of advertising campaigns."
    ),
    "legal.cookies.1.blocking.title": "How to block cookies",
    "legal.cookies.1.blocking.body": (
        "You can use your browser settings to delete, disable or block cookies."
    ),
    "legal.cookies.2.functional.title": "Functional cookies (always on)",
    "legal.cookies.2.functional.body": (
        "kw_session: keeps you signed in to the portal (only after signing in). "
        "kw_cookie_choice: a random number by which we find your cookie choice, so you can "
        "change or withdraw it here (one year). kw_form: protects our forms against abuse. "
        "Your language is kept in your browser's storage."
    ),
    "legal.cookies.2.analytics.title": "Statistics (only with consent)",
    "legal.cookies.2.analytics.body": (
        "We count page views and the website you came from on our own server, with a "
        "shortened IP address and without a cookie or other identifier. We no longer use "
        "Google Analytics."
    ),
    "legal.cookies.2.marketing.title": "Marketing (only with consent)",
    "legal.cookies.2.marketing.body": (
        "A marketing script (on this demonstration site our own stand-in for an advertising "
        "tag, kw_marketing) is loaded only after you consented, and is gone once you withdraw. "
        "Your browser's Global Privacy Control signal counts as a refusal."
    ),
    "legal.cookies.2.choice.title": "Changing or withdrawing your choice",
    "legal.cookies.2.choice.body": (
        "This page shows the choice you made, under which version of this policy, and what "
        "changed since. You can change or withdraw your choice here at any time."
    ),
}
