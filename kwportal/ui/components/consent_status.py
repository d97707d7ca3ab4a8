"""One line per consent beyond the employer, as the staff read it (issue 17 item 7): which
kind, for whom, its state today and until when — so a withdrawn or expired machtiging is
seen as such before anyone uses it."""

from __future__ import annotations

from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_date
from kwportal.services.case.consent_beyond import ConsentStatus


def consent_status_line(status: ConsentStatus, lang: str) -> str:
    parts = [
        t(f"consent_req.kind.{status.kind}", lang),
        status.recipient,
        t(f"consents.state.{status.state}", lang),
    ]
    if status.valid_until is not None:
        parts.append(
            t("consent_beyond.until_line", lang).replace(
                "{date}", fmt_date(status.valid_until, lang)
            )
        )
    return " · ".join(p for p in parts if p)
