"""The served portal's mail goes out through the task queue's worker that runs beside it
(the harness starts ``kwportal jobs worker`` as ``make run`` does; issue 16 item 10): the
route writes the mail to the outbox in its own transaction and answers; the worker sends it
to the real SMTP server on loopback, once."""

from __future__ import annotations

import time

from tests.e2e.accounts import database, http_client
from tests.e2e.harness import Portal
from tests.e2e.mailcatcher import MailCatcher, link_in

#: a demo account no other browser test signs in with
USERNAME = "team.logistiek"
SETTLE_S = 10


def test_a_reset_asked_of_the_served_portal_is_mailed_by_its_worker_once(
    portal: Portal, smtp_server: MailCatcher
) -> None:
    with database(portal) as db:
        [(email,)] = db.execute("SELECT email FROM account WHERE username = ?", (USERNAME,))
    before = len(smtp_server.to(email))
    with http_client(portal) as client:
        reply = client.post("/api/auth/forgot", data={"identifier": USERNAME})
    assert reply.status_code == 303

    mail = smtp_server.wait_for(email, after=before)
    assert link_in(mail, "/reset-password")
    assert portal.worker is not None and portal.worker.poll() is None
    # the worker marks the row sent once the SMTP server has accepted the message, which
    # the catcher may report a moment before that commit: poll the row, bounded
    deadline = time.monotonic() + SETTLE_S
    while True:
        with database(portal) as db:
            rows = db.execute(
                "SELECT status, attempts, recipient, length(payload) FROM outbox_mail "
                "WHERE message_id = ?",
                (str(mail["Message-ID"]),),
            ).fetchall()
        if rows != [("sending", 1, rows[0][2], rows[0][3])] or time.monotonic() > deadline:
            break
        time.sleep(0.1)  # bounded poll of another process's commit, not a test sleep
    # sent at the first attempt, and the row keeps neither the message nor the address
    assert rows == [("sent", 1, "", 0)]
    assert len(smtp_server.to(email)) == before + 1
