"""Dates in sentences (issue 18 item 3): a consent request's line names the moment that
matters, "aangevraagd op" until the employee answers, then "gegeven op" and so on."""

from __future__ import annotations

NL: dict[str, str] = {
    "consents.requested_on": "aangevraagd op",
    "consents.granted_on": "gegeven op",
    "consents.refused_on": "geweigerd op",
    "consents.withdrawn_on": "ingetrokken op",
}

EN: dict[str, str] = {
    "consents.requested_on": "requested on",
    "consents.granted_on": "granted on",
    "consents.refused_on": "refused on",
    "consents.withdrawn_on": "withdrawn on",
}
