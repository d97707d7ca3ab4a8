"""Staff pages speak to staff (issue 18 item 9): a request's heading names the request and
whose it is; the character counter under long text fields."""

from __future__ import annotations

NL: dict[str, str] = {
    "rights_desk.heading.access": "Inzageverzoek",
    "rights_desk.heading.rectification": "Verzoek om verbetering",
    "rights_desk.heading.complaint": "Klacht",
    "rights_desk.heading.transfer": "Verzoek om overdracht",
    "rights_desk.heading.stop": "Verzoek om het gebruik te stoppen",
    "rights_desk.heading_of": "van",
    "visitor_requests.heading.access": "Inzageverzoek",
    "visitor_requests.heading.rectification": "Verzoek om correctie",
    "visitor_requests.heading.deletion": "Verzoek om verwijdering",
    "counter.chars": "tekens",
    "counter.over": "{n} te veel. Maak de tekst korter: wij knippen niets af.",
}

EN: dict[str, str] = {
    "rights_desk.heading.access": "Access request",
    "rights_desk.heading.rectification": "Rectification request",
    "rights_desk.heading.complaint": "Complaint",
    "rights_desk.heading.transfer": "Transfer request",
    "rights_desk.heading.stop": "Request to stop the use",
    "rights_desk.heading_of": "from",
    "visitor_requests.heading.access": "Access request",
    "visitor_requests.heading.rectification": "Correction request",
    "visitor_requests.heading.deletion": "Deletion request",
    "counter.chars": "characters",
    "counter.over": "{n} too many. Please shorten the text: we never cut it.",
}
