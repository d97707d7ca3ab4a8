"""Reflex configuration: values come from kwportal.settings, never from literals here.

State auto-setters are off by default in Reflex 0.10 (the option is deprecated): every
setter is an explicit, checked ``@rx.event``.
"""

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from kwportal.settings import get_settings

_settings = get_settings()

config = rx.Config(
    app_name="kwportal",
    telemetry_enabled=False,
    frontend_port=_settings.port,
    backend_port=_settings.port,
    cors_allowed_origins=[_settings.public_origin],
    show_built_with_reflex=False,
    disable_plugins=[SitemapPlugin],
    redis_url=_settings.redis_url,
)
