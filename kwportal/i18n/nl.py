"""Nederlandse teksten."""

NL: dict[str, str] = {
    "site.name": "KrachtWerkt",
    "site.tagline": "Arbodienst voor een gezonde en veilige organisatie",
    "nav.skip": "Naar de inhoud",
    "nav.language": "Taal",
    "nav.main": "Hoofdmenu",
    "lang.nl": "Nederlands",
    "lang.en": "English",
    "home.title": "Uw verzuim, uw gegevens, uw regie",
    "home.intro": (
        "In het portaal van KrachtWerkt ziet u als werknemer precies wat uw werkgever "
        "over uw verzuim te zien krijgt, wie uw dossier heeft geopend, en welke "
        "toestemmingen u heeft gegeven. U kunt toestemming intrekken en al uw gegevens "
        "downloaden."
    ),
    "home.employer.title": "Wat krijgt uw werkgever te horen?",
    "home.employer.intro": "Aan uw werkgever verstrekken wij alleen:",
    "home.employer.item1": "welk werk u wel en niet meer kunt doen;",
    "home.employer.item2": "de verwachte duur van uw verzuim;",
    "home.employer.item3": "in welke mate u arbeidsongeschikt bent;",
    "home.employer.item4": (
        "adviezen over aanpassingen, werkvoorzieningen en interventies voor uw re-integratie."
    ),
    "home.employer.secret": (
        "Al het andere valt onder het medisch beroepsgeheim van de bedrijfsarts en gaat "
        "niet zonder uw uitdrukkelijke toestemming naar uw werkgever. U wordt altijd "
        "geïnformeerd over wat wij aan uw werkgever doorgeven."
    ),
    "home.roles.title": "Voor wie is het portaal?",
    "home.roles.employee": "Werknemers: inzage, toestemmingen en uw rechten.",
    "home.roles.employer": (
        "Werkgevers: alleen de vier gegevens die de wet toestaat, termijnen en "
        "geanonimiseerde rapportages."
    ),
    "home.roles.care": "Bedrijfsarts en team: het medisch dossier en de terugkoppeling.",
    "home.security.title": "Veilig inloggen",
    "home.security.text": (
        "Iedereen logt in met een wachtwoord én een code uit een authenticator-app. "
        "Elke inzage in uw gegevens wordt vastgelegd."
    ),
    "home.rights.title": "Uw rechten",
    "home.rights.text": (
        "U heeft recht op inzage, rectificatie, overdracht en het stoppen van het "
        "gebruik van uw gegevens, en u kunt een klacht indienen bij de Autoriteit "
        "Persoonsgegevens. Wij antwoorden binnen vier weken."
    ),
    "footer.contact": "Contact",
    "footer.address": "Beatrixstraat 2, 7573 AA Oldenzaal",
    "footer.phone": "Telefoon",
    "footer.email": "E-mail",
    "footer.demo": "Demonstratieomgeving: alle gegevens zijn verzonnen.",
}
