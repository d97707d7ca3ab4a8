"""Reflex configuration: values come from kwportal.settings, never from literals here.

State auto-setters are off by default in Reflex 0.10 (the option is deprecated): every
setter is an explicit, checked ``@rx.event``.

Where a tab's state lives (issue 16, item 2): Reflex's default manager pickles every
tab's state into ``.states/`` on disk, medical notes a doctor had open included, and keeps
the files after the tab closed. So the manager is chosen here, never the default: in
memory for one process, or Redis when ``KWPORTAL_REDIS_URL`` is set (several workers).
Either way a state expires ``tab_state_seconds`` after its tab's last event (the session's
idle limit and a margin), and is reset the moment its session ends
(kwportal/ui/tab_sessions.py). Started with the disk manager anyway (the
``REFLEX_STATE_MANAGER_MODE`` variable), the portal refuses to run.

Reflex's own ``trusted_proxy_hops`` stays 0: the client's address behind proxies is
worked out in one place, kwportal/ui/client_address.py (``KWPORTAL_TRUSTED_PROXIES``).
"""

import os

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from kwportal.settings import get_settings

_settings = get_settings()
_MODE = rx.constants.StateManagerMode

# ``python -m kwportal.serve run --backend-only`` (the fault tests, tests/e2e/test_faults_e2e.py):
# Reflex refuses a frontend port on a backend-only run, and takes it from here when set
_BACKEND_ONLY = os.environ.get("KWPORTAL_BACKEND_ONLY") == "1"

config = rx.Config(
    app_name="kwportal",
    telemetry_enabled=False,
    frontend_port=None if _BACKEND_ONLY else _settings.port,
    backend_port=_settings.port,
    cors_allowed_origins=[_settings.public_origin],
    show_built_with_reflex=False,
    disable_plugins=[SitemapPlugin],
    redis_url=_settings.redis_url,
    state_manager_mode=_MODE.REDIS if _settings.redis_url else _MODE.MEMORY,
    redis_token_expiration=_settings.tab_state_seconds,
    trusted_proxy_hops=0,
)

if config.state_manager_mode == _MODE.DISK:
    raise SystemExit(
        "kwportal keeps no tab state on disk: unset REFLEX_STATE_MANAGER_MODE (memory, or "
        "Redis with KWPORTAL_REDIS_URL)"
    )
if config.redis_url and config.state_manager_mode != _MODE.REDIS:
    # Reflex starts several workers whenever it has a Redis URL: each would keep its own tabs
    raise SystemExit("set KWPORTAL_REDIS_URL, not REFLEX_REDIS_URL")
if config.trusted_proxy_hops:
    raise SystemExit("set KWPORTAL_TRUSTED_PROXIES, not REFLEX_TRUSTED_PROXY_HOPS")
