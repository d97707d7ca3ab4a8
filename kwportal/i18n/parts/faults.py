"""What a page says when the database cannot be reached for a moment (issue 19 item 4)."""

NL = {
    "errors.unavailable": (
        "Dat lukte even niet: het portaal kan de gegevens nu niet bereiken. Er is niets "
        "gewijzigd. Probeer het over een paar seconden opnieuw."
    ),
    "errors.event_failed": (
        "Er ging iets mis; wat u deed is niet opgeslagen. Laad de pagina opnieuw en "
        "probeer het nog eens."
    ),
}

EN = {
    "errors.unavailable": (
        "That did not work just now: the portal cannot reach its data at the moment. Nothing "
        "was changed. Please try again in a few seconds."
    ),
    "errors.event_failed": (
        "Something went wrong; what you did was not saved. Reload the page and try again."
    ),
}
