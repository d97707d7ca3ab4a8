"""``make run-prod``: ``reflex run`` with granian respawning a backend worker that died.

Reflex 0.10 starts granian's workers without ``respawn_failed_workers``. Then one worker
that dies (``kill -9``, the kernel's out-of-memory killer) makes granian stop every other
worker too, and the whole portal is gone. ``python -m kwportal.serve run --env prod
--single-port …`` is ``reflex run …`` with that one default turned on: the other workers
go on serving and granian starts a new one. A worker that dies again within 5.5 s of its
respawn is a crash loop, and granian still stops: a supervisor (systemd, docs/deploy.md)
restarts the whole.
"""

from __future__ import annotations

import os
import sys
from typing import Any

_patched = False


def respawn_dead_workers() -> None:
    """Make ``respawn_failed_workers`` granian's default (it is what Reflex constructs)."""
    global _patched
    if _patched:
        return
    from granian.server import Server

    original = Server.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("respawn_failed_workers", True)
        original(self, *args, **kwargs)

    setattr(Server, "__init__", init)  # noqa: B010 - mypy refuses assigning a method
    _patched = True


def main() -> int:
    respawn_dead_workers()
    if "--backend-only" in sys.argv:
        # rxconfig.py then names no frontend port (Reflex refuses one on such a run)
        os.environ["KWPORTAL_BACKEND_ONLY"] = "1"
    from reflex.reflex import cli

    sys.argv[0] = "reflex"
    cli()
    return 0


if __name__ == "__main__":
    sys.exit(main())
