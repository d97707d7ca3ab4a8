"""The one notice every screen that touches an employee whose data are restricted shows
(seed ch. 3 E; issue 17 item 3). What each reader learns is the policy's word, decided in
the service (``restriction.notice_for``); the page holds only a flag and, for the care team
and the employee himself, since when:

* ``employer``: only *that* the use stopped and that the legal duties go on — never why,
  never since when;
* ``staff`` (doctor, care team, case manager): since when, what is no longer done, and the
  legal duties that still go on;
* ``employee``: "Het gebruik van uw gegevens is gestopt sinds …; alleen wat de wet vraagt
  gaat nog door: …", and whom to ask to start again.
"""

from __future__ import annotations

from typing import Any, Literal

import reflex as rx

from kwportal.domain.policy import RESTRICTION_GROUNDS
from kwportal.domain.roles import Role
from kwportal.i18n.fmt import fmt_date
from kwportal.ui.text import tr

Audience = Literal["employer", "staff", "employee"]


def since_text(moment: Any) -> str:
    """The day a restriction started, in Dutch time, as the notice shows it (empty: not
    shown). Times are stored in UTC; a driver may hand one back naive."""
    return fmt_date(moment, short=True)


def _grounds() -> rx.Component:
    return rx.el.ul(
        *[rx.el.li(tr(f"restriction.ground.{ground}")) for ground in RESTRICTION_GROUNDS],
        class_name="plain",
    )


def restriction_notice(restricted: Any, since: Any = "", *, audience: Audience) -> rx.Component:
    """``restricted`` (a bool state var) shows the notice; ``since`` the day it started
    (ignored for the employer, who is not told)."""
    body: list[rx.Component] = [
        rx.el.h2(tr("restriction.notice.title")),
        rx.el.p(tr(f"restriction.notice.{audience}")),
    ]
    if audience != "employer":
        body += [
            rx.cond(
                since != "",
                rx.el.p(tr("restriction.notice.since"), ": ", since),
                rx.el.span(),
            ),
            _grounds(),
        ]
    if audience == "employee":
        body.append(rx.el.p(tr("restriction.notice.employee_after")))
    return rx.cond(
        restricted,
        rx.el.section(*body, role="status", class_name="card notices restriction-notice"),
        rx.el.span(),
    )


#: which variant of the notice a role reads (the service already decided *whether* he is
#: told, and how much: ``restriction.notice_for`` / ``policy.RESTRICTION_SHOWN``)
AUDIENCE_OF_ROLE: dict[str, Audience] = {
    str(Role.EMPLOYER_CONTACT): "employer",
    str(Role.EMPLOYEE): "employee",
}


def audience_for(role: str) -> Audience:
    """The notice variant for a signed-in role: the employer's (only *that*), the
    employee's own, or the staff's."""
    return AUDIENCE_OF_ROLE.get(role, "staff")


def restriction_notice_as(restricted: Any, since: Any, audience: Any) -> rx.Component:
    """The same notice on a page several roles open (messages, case files): ``audience`` is
    a state var holding :func:`audience_for` of the reader."""
    return rx.match(
        audience,
        ("employer", restriction_notice(restricted, audience="employer")),
        ("employee", restriction_notice(restricted, since, audience="employee")),
        restriction_notice(restricted, since, audience="staff"),
    )


def restriction_badge(restricted: Any) -> rx.Component:
    """The flag on a row of a list (employer overview, consent requests): only *that* the
    use of his data stopped; the page of the person shows the notice itself."""
    return rx.cond(
        restricted,
        rx.el.span(tr("restriction.badge"), class_name="badge restricted"),
        rx.fragment(),
    )


def notice_vars(found: Any, role: str) -> tuple[bool, str, str]:
    """``(restricted, since, audience)`` for a page's state from the service's
    ``RestrictionNotice`` (None: nothing to show); the employer never gets a date."""
    if found is None:
        return False, "", audience_for(role)
    audience = audience_for(role)
    return True, "" if audience == "employer" else since_text(found.since), audience
