"""Checks run before the portal serves anyone."""

from __future__ import annotations

from sqlmodel import Session, func, select

from kwportal.models import Account


class DemoDataInProductionError(RuntimeError):
    """Demo accounts (with public passwords) exist in a database served outside demo mode."""


def refuse_demo_accounts_outside_demo(session: Session, *, demo: bool) -> None:
    if demo:
        return
    count = session.exec(
        select(func.count()).select_from(Account).where(Account.is_demo == True)  # noqa: E712
    ).one()
    if count:
        raise DemoDataInProductionError(
            f"{count} demo accounts exist but KWPORTAL_DEMO is off: demo accounts never "
            "exist in a production database"
        )
