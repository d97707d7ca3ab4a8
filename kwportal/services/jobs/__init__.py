"""Work done outside the click that asked for it: the task queue (huey on SQLite or Redis),
the jobs it runs, and the mail outbox those jobs drain. A unit of work only *writes* what
must happen (an outbox row); a job does it, with retries, on whichever worker claims it."""
