"""The one answer to an event handler that failed unexpectedly (Reflex's
``backend_exception_handler``). Reflex's own logs the whole exception, message included,
and a driver's message may quote what was being stored; this one logs the class and the
stack only, and tells the person, in both languages (a failed handler's state, and so its
language, is not at hand), that nothing happened and to try again. The toast keeps Reflex's
id ``backend_error``, which the tests look for in every reply."""

from __future__ import annotations

import logging
import traceback

from reflex.event import EventSpec
from reflex_components_sonner.toast import toast

from kwportal.i18n import t

log = logging.getLogger("kwportal.events")


def backend_error(exception: Exception) -> EventSpec:
    stack = "".join(traceback.format_tb(exception.__traceback__))
    log.error("event handler failed: %s\n%s", type(exception).__name__, stack)
    return toast(
        t("errors.event_failed", "nl"),
        level="error",
        description=t("errors.event_failed", "en"),
        position="top-center",
        id="backend_error",
    )
