"""The task queue: huey, embedded on SQLite in its own file in the data directory, or on
Redis when ``KWPORTAL_REDIS_URL`` is set (workers on several machines).

The queue holds no truth. What must happen is in the database (the outbox, due reminders);
the queue only says *when* to look: every minute (periodic tasks) and at once after a
change queued something (:func:`nudge`). A lost, repeated or concurrent task therefore
costs nothing, and a restart loses nothing.
"""

from __future__ import annotations

import hashlib
import logging
import os
import queue
import threading

from huey import Huey, RedisHuey, SqliteHuey, crontab
from huey.api import TaskWrapper

from kwportal.services.jobs import tasks
from kwportal.settings import Settings, get_settings

log = logging.getLogger(__name__)
QUEUE_FILE = "jobs.db"
REDIS_TIMEOUT_S = 5
#: how long an idle consumer waits between looks at the SQLite queue
IDLE_POLL_S = 1.0

_lock = threading.Lock()
#: per place (file or Redis URL) and name: the queue and its "run this job now" task
_queues: dict[str, tuple[Huey, TaskWrapper]] = {}


def _where(settings: Settings) -> str:
    place = settings.redis_url or str(settings.data_dir / QUEUE_FILE)
    return f"{place}#{queue_name(settings)}"


def _queue(settings: Settings) -> tuple[Huey, TaskWrapper]:
    where = _where(settings)
    with _lock:
        found = _queues.get(where)
        if found is None:
            found = _queues[where] = _register(_open(settings))
    return found


def queue_for(settings: Settings | None = None) -> Huey:
    """The queue the settings name, with every job registered (one per process and place)."""
    return _queue(settings or get_settings())[0]


def queue_name(settings: Settings) -> str:
    """One queue per database: portals that share a Redis never wake each other's worker."""
    return "kwportal-" + hashlib.sha256(settings.database_url.encode()).hexdigest()[:12]


def _open(settings: Settings) -> Huey:
    name = queue_name(settings)
    if settings.redis_url:
        import redis

        pool = redis.ConnectionPool.from_url(
            settings.redis_url,
            socket_timeout=REDIS_TIMEOUT_S,
            socket_connect_timeout=REDIS_TIMEOUT_S,
        )
        return RedisHuey(name, results=False, connection_pool=pool)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, results=False, filename=str(settings.data_dir / QUEUE_FILE))


def _register(huey: Huey) -> tuple[Huey, TaskWrapper]:
    for each in tasks.JOBS:
        huey.periodic_task(crontab(minute=each.minutes), name=f"every_{each.name}")(_logged(each))
    return huey, huey.task(name="wake")(_wake)


def _logged(job: tasks.Job):  # type: ignore[no-untyped-def]
    def run() -> None:
        log.info("%s: %s", job.name, job.run())

    return run


def _wake(name: str) -> None:
    _logged(tasks.job(name))()


def wake_now(name: str, settings: Settings | None = None) -> None:
    """Put "run ``name`` now" on the queue (blocking; see :func:`nudge`)."""
    _huey, wake = _queue(settings or get_settings())
    wake(name)


def consumer(settings: Settings | None = None, *, workers: int = 1):  # type: ignore[no-untyped-def]
    """The worker process's consumer: periodic jobs on, quick to notice a nudge."""
    return queue_for(settings).create_consumer(
        workers=workers, periodic=True, max_delay=IDLE_POLL_S, check_worker_health=True
    )


class _Nudger:
    """Enqueues wake-ups on a background thread, so the unit that queued mail never waits
    on the queue (nor on Redis being slow); repeated nudges collapse into one."""

    def __init__(self) -> None:
        self._inbox: queue.SimpleQueue[tuple[Settings, str]] = queue.SimpleQueue()
        self._pid = 0

    def wake(self, settings: Settings, name: str) -> None:
        if self._pid != os.getpid():  # first use, or a forked worker process
            with _lock:
                if self._pid != os.getpid():
                    self._pid = os.getpid()
                    threading.Thread(target=self._loop, name="kwportal-nudge", daemon=True).start()
        self._inbox.put((settings, name))

    def _loop(self) -> None:
        while True:
            batch = [self._inbox.get()]
            while not self._inbox.empty():
                batch.append(self._inbox.get_nowait())
            wanted = {(_where(s), name): (s, name) for s, name in batch}
            for settings, name in wanted.values():
                try:
                    wake_now(name, settings)
                except Exception:  # noqa: BLE001 - the periodic run still comes
                    log.warning("could not wake the %s job; it runs at the next minute", name)


_nudger = _Nudger()


def nudge(name: str = tasks.OUTBOX) -> None:
    """Wake the ``name`` job soon. Returns at once; if the queue cannot be reached, the
    job's periodic run does the work a minute later."""
    _nudger.wake(get_settings(), name)
