"""Reflex configuration: values come from kwportal.settings, never from literals here."""

import reflex as rx

from kwportal.settings import get_settings

_settings = get_settings()

config = rx.Config(
    app_name="kwportal",
    telemetry_enabled=False,
    state_auto_setters=False,
    frontend_port=_settings.port,
    backend_port=_settings.port,
    cors_allowed_origins=[_settings.public_origin],
    show_built_with_reflex=False,
    disable_plugins=["reflex.plugins.sitemap.SitemapPlugin"],
    redis_url=_settings.redis_url,
)
