"""Refusing an upload that is too large so the sender still reads the answer.

A route that stops reading at its limit and answers at once leaves the rest of the body
unread; the server then closes the connection while the phone is still sending, and the
phone sees a broken connection ("write EPIPE") instead of the page that says the file is
too large. So the rest is read and thrown away, chunk by chunk (never held), up to
``DRAIN_CAP`` in all; a body declared larger than that is not read at all.
"""

from __future__ import annotations

from starlette.requests import ClientDisconnect, Request

#: read at most this much of a refused body, to let its sender finish and read the answer
DRAIN_CAP = 64 * 1024 * 1024


async def drain(request: Request) -> None:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > DRAIN_CAP:
        return
    read = 0
    try:
        async for chunk in request.stream():
            read += len(chunk)
            if read > DRAIN_CAP:
                return
    except (ClientDisconnect, RuntimeError):  # the sender gave up, or nothing is left
        return
