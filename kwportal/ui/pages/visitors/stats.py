"""The site owner's statistics (administrator): page views per day for the last 30 days, the
most viewed pages and referring sites. Counts only — no row, no IP prefix reaches the page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.services.visitors import statistics
from kwportal.ui import routes
from kwportal.ui.components.lists import data_table
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.SITE_STATS


@dataclass
class Named:
    name: str = ""
    views: int = 0


class SiteStatsState(AuthState):
    #: recharts wants plain records: {"day": "11-02", "views": 4}
    per_day: list[dict[str, Any]] = []
    per_path: list[Named] = []
    referrers: list[Named] = []
    total: int = 0

    @rx.event
    @guarded(Role.ADMIN)
    def load(self) -> None:
        found = self._run(statistics.do_summary)
        self.per_day = [{"day": day[5:], "views": views} for day, views in found.per_day]
        self.per_path = [Named(p, n) for p, n in found.per_path]
        self.referrers = [Named(h, n) for h, n in found.referrers]
        self.total = found.total


def _table(caption_key: str, rows: Any, head_key: str) -> rx.Component:
    return data_table(
        caption=tr(caption_key),
        headers=[tr(head_key), tr("stats.views")],
        rows=rows,
        cells=lambda r: [r.name, r.views],
        class_name="table",
    )


def site_stats_page() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("stats.title")),
        rx.el.p(tr("stats.intro")),
        rx.el.p(tr("stats.total"), " ", _var(SiteStatsState.total).to_string()),
        rx.el.figure(
            rx.recharts.bar_chart(
                rx.recharts.bar(data_key="views", fill="#1d4f91", name="views"),
                rx.recharts.x_axis(data_key="day"),
                rx.recharts.y_axis(allow_decimals=False),
                rx.recharts.graphing_tooltip(),
                data=SiteStatsState.per_day,
                width="100%",
                height=240,
            ),
            rx.el.figcaption(tr("stats.chart_caption")),
            class_name="chart",
        ),
        _table("stats.pages", _var(SiteStatsState.per_path), "stats.page"),
        _table("stats.referrers", _var(SiteStatsState.referrers), "stats.referrer"),
    )


def _var(value: Any) -> Any:
    """A state field as the Var it is at compile time (for the type checker)."""
    return value
