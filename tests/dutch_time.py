"""The calendar day as the portal counts it: in the Netherlands (``Ctx.today``), not in UTC.
Between midnight and 01:00/02:00 Amsterdam time the two differ; a test that computes "today"
itself uses this, or it fails for that hour of every night."""

from __future__ import annotations

from datetime import date

from kwportal.i18n.fmt import local_date
from kwportal.models.base import utcnow


def dutch_today() -> date:
    return local_date(utcnow())
