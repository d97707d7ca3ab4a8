"""The task queue's worker process: ``kwportal jobs worker`` (``make run`` starts it beside
the app, the browser tests beside the portal they serve)."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time

from kwportal.services.jobs import queue, tasks
from kwportal.settings import get_settings

PARENT_CHECK_S = 1.0


def serve(*, workers: int = 1, stop_with_parent: bool = False) -> int:
    """Run the consumer until SIGINT (finishes the task at hand) or SIGTERM. Every job runs
    once at start, so what waited while no worker ran (mail queued before a restart) goes
    out at once rather than at the next minute."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    settings = get_settings()
    consumer = queue.consumer(settings, workers=workers)
    for job in tasks.JOBS:
        queue.wake_now(job.name, settings)
    if stop_with_parent:
        _stop_when_orphaned(os.getppid())
    consumer.run()
    return 0


def _stop_when_orphaned(parent: int) -> None:
    """``make run``: the worker ends with the shell that started it beside the app, even
    when that shell was killed too hard to pass the signal on."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)  # polling the parent's life, not waiting on work
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=watch, name="kwportal-parent-watch", daemon=True).start()
