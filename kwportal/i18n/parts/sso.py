"""Single sign-on through an organisation's own identity provider (issue 19 item 6): the
sign-in page's choice, its refusals and limit, the logout at the provider, and the
administrator's page."""

NL: dict[str, str] = {
    "login.sso.heading": "Inloggen met uw organisatie",
    "login.sso.intro": (
        "Werkt uw organisatie met een eigen inlogdienst? Vul uw werk-e-mailadres in; u gaat "
        "dan verder bij de inlogdienst van uw organisatie."
    ),
    "login.sso.email": "E-mailadres van uw werk",
    "login.sso.submit": "Verder bij mijn organisatie",
    "login.sso.onward_title": "Op weg naar de inlogdienst van uw organisatie",
    "login.sso.onward_link": "Verder naar de inlogdienst",
    "login.sso.logout_title": "Uitloggen bij de inlogdienst van uw organisatie",
    "login.sso.logout_link": "Verder naar de inlogdienst om daar ook uit te loggen",
    "auth.sso_logged_out": ("U bent uitgelogd, hier en bij de inlogdienst van uw organisatie."),
    "auth.sso_throttled": (
        "Te veel inlogpogingen via een organisatie vanaf dit adres. Probeer het over {wait} "
        "seconden opnieuw."
    ),
    "auth.sso_no_provider": (
        "Voor dit e-mailadres is geen inlogdienst van een organisatie ingesteld. Log in met "
        "uw gebruikersnaam en wachtwoord."
    ),
    "auth.sso_unavailable": (
        "De inlogdienst van uw organisatie is nu niet bereikbaar of niet juist ingesteld. "
        "Probeer het later opnieuw of log in met uw gebruikersnaam en wachtwoord."
    ),
    "auth.sso_refused": (
        "Inloggen via uw organisatie is niet gelukt (verlopen, al gebruikt of niet te "
        "controleren). Begin opnieuw."
    ),
    "auth.sso_not_invited": (
        "Er is geen uitnodiging voor dit e-mailadres bij deze organisatie, of de inlogdienst "
        "heeft het adres niet bevestigd. Er is geen account aangemaakt: vraag uw beheerder "
        "om een uitnodiging."
    ),
    "admin.sso.link": "Inlogdiensten van organisaties",
    "admin.sso.title": "Inlogdiensten van organisaties",
    "admin.sso.intro": (
        "Een organisatie kan haar medewerkers laten inloggen via haar eigen OpenID Connect-"
        "inlogdienst. Alleen wie al is uitgenodigd, kan zo inloggen. Bewijst de inlogdienst "
        "geen tweede factor, dan vraagt het portaal daarna de code uit de authenticator-app."
    ),
    "admin.sso.register": "Te registreren bij de inlogdienst",
    "admin.sso.register_intro": (
        "Registreer het portaal bij de inlogdienst van de organisatie als vertrouwelijke "
        "client met PKCE (S256), scope openid email, en deze twee adressen:"
    ),
    "admin.sso.redirect_uri": "Redirect-URI (terug na het inloggen)",
    "admin.sso.post_logout_uri": "Post-logout-redirect-URI (terug na het uitloggen)",
    "admin.sso.new": "Inlogdienst toevoegen",
    "admin.sso.list": "Ingestelde inlogdiensten",
    "admin.sso.none": "Er is nog geen inlogdienst ingesteld.",
    "admin.sso.organisation": "Organisatie",
    "admin.sso.own_staff": "KrachtWerkt zelf (eigen medewerkers)",
    "admin.sso.domain": "E-maildomein (bijvoorbeeld werkgever.nl)",
    "admin.sso.issuer": "Issuer (https-adres van de inlogdienst)",
    "admin.sso.client_id": "Client-id",
    "admin.sso.client_secret": "Client-secret",
    "admin.sso.client_secret_keep": "Client-secret (leeg laten: ongewijzigd)",
    "admin.sso.amr": "Bewijs van tweede factor: amr-waarden (komma's)",
    "admin.sso.acr": "Of acr-waarden (komma's)",
    "admin.sso.enabled": "In gebruik",
    "admin.sso.is_on": "In gebruik",
    "admin.sso.is_off": "Uitgeschakeld",
    "admin.sso.save": "Opslaan",
    "admin.sso.create": "Toevoegen",
    "admin.sso.edit": "Wijzigen",
    "admin.sso.switch_off": "Uitschakelen",
    "admin.sso.switch_on": "Weer inschakelen",
    "admin.sso.secret_stored": "opgeslagen, versleuteld",
    "admin.sso.created": "De inlogdienst is toegevoegd.",
    "admin.sso.updated": "De inlogdienst is gewijzigd.",
    "admin.sso.switch_saved": "De inlogdienst is in- of uitgeschakeld.",
    "admin.sso.error.domain": "Vul een geldig e-maildomein in.",
    "admin.sso.error.domain_taken": "Voor dit e-maildomein is al een inlogdienst ingesteld.",
    "admin.sso.error.issuer": (
        "De issuer moet een https-adres zijn (http alleen op deze computer zelf)."
    ),
    "admin.sso.error.client": "Vul client-id en client-secret in.",
    "admin.sso.error.mfa": "Noem minstens één amr- of acr-waarde als bewijs van een tweede factor.",
    "admin.sso.error.organisation": "Kies een bestaande organisatie.",
    "admin.sso.error.gone": "Deze inlogdienst bestaat niet (meer).",
}

EN: dict[str, str] = {
    "login.sso.heading": "Sign in with your organisation",
    "login.sso.intro": (
        "Does your organisation have its own sign-in service? Enter your work e-mail address; "
        "you continue at your organisation's sign-in service."
    ),
    "login.sso.email": "Work e-mail address",
    "login.sso.submit": "Continue at my organisation",
    "login.sso.onward_title": "On the way to your organisation's sign-in service",
    "login.sso.onward_link": "Continue to the sign-in service",
    "login.sso.logout_title": "Signing out at your organisation's sign-in service",
    "login.sso.logout_link": "Continue to the sign-in service to sign out there too",
    "auth.sso_logged_out": "You are signed out, here and at your organisation's sign-in service.",
    "auth.sso_throttled": (
        "Too many attempts to sign in through an organisation from this address. Try again in "
        "{wait} seconds."
    ),
    "auth.sso_no_provider": (
        "No organisation's sign-in service is set up for this e-mail address. Sign in with "
        "your username and password."
    ),
    "auth.sso_unavailable": (
        "Your organisation's sign-in service cannot be reached now or is not set up "
        "correctly. Try again later or sign in with your username and password."
    ),
    "auth.sso_refused": (
        "Signing in through your organisation did not succeed (expired, already used or not "
        "verifiable). Start again."
    ),
    "auth.sso_not_invited": (
        "There is no invitation for this e-mail address at this organisation, or the sign-in "
        "service did not confirm the address. No account was created: ask your administrator "
        "for an invitation."
    ),
    "admin.sso.link": "Organisations' sign-in services",
    "admin.sso.title": "Organisations' sign-in services",
    "admin.sso.intro": (
        "An organisation can let its staff sign in through its own OpenID Connect sign-in "
        "service. Only people already invited can sign in this way. When the service does not "
        "prove a second factor, the portal asks for its own code."
    ),
    "admin.sso.register": "To register at the sign-in service",
    "admin.sso.register_intro": (
        "Register the portal at the organisation's sign-in service as a confidential client "
        "with PKCE (S256), scope openid email, and these two addresses:"
    ),
    "admin.sso.redirect_uri": "Redirect URI (back after signing in)",
    "admin.sso.post_logout_uri": "Post-logout redirect URI (back after signing out)",
    "admin.sso.new": "Add a sign-in service",
    "admin.sso.list": "Sign-in services set up",
    "admin.sso.none": "No sign-in service is set up yet.",
    "admin.sso.organisation": "Organisation",
    "admin.sso.own_staff": "KrachtWerkt itself (own staff)",
    "admin.sso.domain": "E-mail domain (for example employer.nl)",
    "admin.sso.issuer": "Issuer (the sign-in service's https address)",
    "admin.sso.client_id": "Client id",
    "admin.sso.client_secret": "Client secret",
    "admin.sso.client_secret_keep": "Client secret (leave empty: unchanged)",
    "admin.sso.amr": "Proof of a second factor: amr values (commas)",
    "admin.sso.acr": "Or acr values (commas)",
    "admin.sso.enabled": "In use",
    "admin.sso.is_on": "In use",
    "admin.sso.is_off": "Switched off",
    "admin.sso.save": "Save",
    "admin.sso.create": "Add",
    "admin.sso.edit": "Change",
    "admin.sso.switch_off": "Switch off",
    "admin.sso.switch_on": "Switch on again",
    "admin.sso.secret_stored": "stored, encrypted",
    "admin.sso.created": "The sign-in service was added.",
    "admin.sso.updated": "The sign-in service was changed.",
    "admin.sso.switch_saved": "The sign-in service was switched on or off.",
    "admin.sso.error.domain": "Enter a valid e-mail domain.",
    "admin.sso.error.domain_taken": "A sign-in service is already set up for this e-mail domain.",
    "admin.sso.error.issuer": "The issuer must be an https address (http only on this machine).",
    "admin.sso.error.client": "Enter the client id and the client secret.",
    "admin.sso.error.mfa": "Name at least one amr or acr value as proof of a second factor.",
    "admin.sso.error.organisation": "Choose an existing organisation.",
    "admin.sso.error.gone": "This sign-in service does not exist (any more).",
}
