"""What the employer's and the administrator's page say after recording an end of
employment or a date of death (issue 15 item 6): the retention term those facts give, or
why none runs yet."""

from __future__ import annotations

from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_iso_date


def retention_text(until: str, holds: list[str], lang: str) -> str:
    """ "Kept until at least <date>", and the reasons nothing is destroyed yet."""
    reasons = "; ".join(t(f"employer_person.hold.{h}", lang) for h in holds)
    if until:
        text = t("employer_person.retention_until", lang).replace(
            "{date}", fmt_iso_date(until, lang)
        )
        if reasons:
            text += " " + t("employer_person.retention_held", lang).replace("{reasons}", reasons)
        return text
    if reasons:
        return t("employer_person.retention_not_yet", lang).replace("{reasons}", reasons)
    return t("employer_person.retention_unknown", lang)
