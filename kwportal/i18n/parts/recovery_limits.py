"""Account recovery held to the sign-in throttle (issue 16, item 6): the answers of the
"forgot password" and reset forms when a limit is reached."""

NL = {
    "auth.reset_requests_limited": (
        "Er zijn te veel nieuwe wachtwoorden aangevraagd voor dit adres of vanaf deze "
        "verbinding. Probeer het over {wait} minuten opnieuw."
    ),
    "auth.reset_link_voided": (
        "Te vaak een verkeerde code ingevuld: deze link werkt niet meer, en een nieuwe link "
        "wordt voorlopig niet verstuurd. Probeer het na 12 uur opnieuw of neem contact op met "
        "de beheerder."
    ),
}

EN = {
    "auth.reset_requests_limited": (
        "Too many new passwords were asked for this address or from this connection. "
        "Try again in {wait} minutes."
    ),
    "auth.reset_link_voided": (
        "A wrong code was entered too often: this link no longer works, and no new link is "
        "sent for now. Try again after 12 hours or contact the administrator."
    ),
}
