"""What the queue runs (issue 15 item 8, issue 16 item 10). Each :class:`Job` finds its
work in the database and claims it there, so it may run on several workers at once, twice,
or late, and still do each thing once; the queue only decides *when* it runs.

A new periodic job (reminders, overdue-step notices) is one more entry in :data:`JOBS`:
the consumer runs it on its crontab minute, ``kwportal jobs run`` runs it once, and
:func:`kwportal.services.jobs.queue.nudge` wakes it at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kwportal.services.case import consult_reminders
from kwportal.services.employer import roster_cleanup
from kwportal.services.jobs import outbox
from kwportal.services.privacy import breaches, escalation

OUTBOX = "outbox"


@dataclass(frozen=True, slots=True)
class Job:
    name: str
    #: does what is due now; a one-line summary for the log and ``kwportal jobs run``
    run: Callable[[], str]
    #: crontab minute field of its periodic run
    minutes: str = "*"


def _send_mail() -> str:
    return outbox.drain().summary()


# --- issue 15: consult reminders (the day before) ---

CONSULT_REMINDERS = "consult_reminders"


def _consult_reminders() -> str:
    return consult_reminders.send_reminders().summary()


# --- issue 15: overdue-step notices ---

STEP_NOTICES = "step_notices"


def _step_notices() -> str:
    from kwportal.services.jobs import step_notices

    return step_notices.run()


JOBS: tuple[Job, ...] = (
    Job(OUTBOX, _send_mail),
    # --- issue 15 jobs: one line each ---
    Job(CONSULT_REMINDERS, _consult_reminders, "*/5"),
    Job(STEP_NOTICES, _step_notices, "7"),
    Job(escalation.JOB, escalation.run, "13"),  # issue 17 item 4
    Job(breaches.REMINDER_JOB, breaches.reminder_job, "*/15"),  # issue 17 item 8
    Job(roster_cleanup.STALE_UPLOADS_JOB, roster_cleanup.stale_uploads_job, "23"),  # item 1
)


def job(name: str) -> Job:
    for candidate in JOBS:
        if candidate.name == name:
            return candidate
    raise KeyError(name)


def run_due() -> list[tuple[str, str]]:
    """Every job once, now: ``kwportal jobs run`` (cron, tests, a machine without a
    consumer)."""
    return [(each.name, each.run()) for each in JOBS]
