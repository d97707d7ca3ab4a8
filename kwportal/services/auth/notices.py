"""Mails about sign-in events, in the account's language, never with secrets or content."""

from __future__ import annotations

from kwportal.i18n import t
from kwportal.models import Account
from kwportal.services.mail import Mail


def notice(account: Account, kind: str, origin: str, **values: str) -> Mail | None:
    """``kind`` names a pair of catalog keys ``mail.<kind>.subject`` / ``.body``."""
    if not account.email:
        return None
    lang = account.language
    body = t(f"mail.{kind}.body", lang).format(origin=origin, name=account.display_name, **values)
    return Mail(to=account.email, subject=t(f"mail.{kind}.subject", lang), body=body)
