"""The rx.App: pages registered, API routes mounted, start-up checks."""

from __future__ import annotations

import reflex as rx
from starlette.applications import Starlette

from kwportal.db import get_engine, transaction
from kwportal.services.startup import refuse_demo_accounts_outside_demo
from kwportal.settings import get_settings
from kwportal.ui.api import all_routes
from kwportal.ui.middleware import ForgetOnConnect
from kwportal.ui.pages.employee import access_log as my_access_log
from kwportal.ui.pages.employee import employer_view as my_employer_view
from kwportal.ui.pages.employee import retention as my_retention
from kwportal.ui.pages.employee import rights as my_rights
from kwportal.ui.pages.employer import case as employer_case
from kwportal.ui.pages.employer import overview as employer_overview
from kwportal.ui.pages.employer import reports as employer_reports
from kwportal.ui.pages.employer import roster as employer_roster
from kwportal.ui.pages.employer import sick_report as employer_sick_report
from kwportal.ui.pages.portal import home as portal_home
from kwportal.ui.pages.portal import security
from kwportal.ui.pages.privacy import retention as retention_page
from kwportal.ui.pages.privacy import rights as rights_desk
from kwportal.ui.pages.public import home, signin
from kwportal.ui.states.auth import AuthPageState
from kwportal.ui.text import title

_settings = get_settings()
_settings.require_secrets()


def _startup_checks() -> None:
    with transaction(get_engine()) as session:
        refuse_demo_accounts_outside_demo(session, demo=_settings.demo)


app = rx.App(
    html_lang="nl",
    stylesheets=["/kwportal.css"],
    head_components=[
        rx.el.meta(name="color-scheme", content="light"),
        rx.el.meta(name="referrer", content="same-origin"),
    ],
    api_transformer=Starlette(routes=all_routes()),
)
app.register_lifespan_task(_startup_checks)
app.add_middleware(ForgetOnConnect())
app.add_page(home.home, route=home.ROUTE, title="KrachtWerkt")
for route, (component, title_key) in signin.PAGES.items():
    app.add_page(component, route=route, title=title(title_key), on_load=AuthPageState.load_query)
#: signed-in pages: (component, route, title key, guarded loader of the page's state)
SIGNED_IN_PAGES = (
    (portal_home.portal_home, portal_home.ROUTE, "portal.title", portal_home.PortalState),
    (security.security_page, security.ROUTE, "security.title", security.SecurityState),
    (
        my_employer_view.my_employer_view_page,
        my_employer_view.ROUTE,
        "my_view.title",
        my_employer_view.MyEmployerViewState,
    ),
    (
        my_access_log.my_access_log_page,
        my_access_log.ROUTE,
        "access_log.title",
        my_access_log.MyAccessLogState,
    ),
    (
        my_retention.my_retention_page,
        my_retention.ROUTE,
        "retention.title",
        my_retention.MyRetentionState,
    ),
    (my_rights.my_rights_page, my_rights.ROUTE, "rights.title", my_rights.MyRightsState),
    (
        employer_overview.employer_overview_page,
        employer_overview.ROUTE,
        "employer.title",
        employer_overview.EmployerOverviewState,
    ),
    (
        employer_case.employer_case_page,
        employer_case.ROUTE,
        "employer_case.title",
        employer_case.EmployerCaseState,
    ),
    (
        employer_sick_report.sick_report_page,
        employer_sick_report.ROUTE,
        "sick.title",
        employer_sick_report.SickReportState,
    ),
    (
        employer_reports.employer_reports_page,
        employer_reports.ROUTE,
        "reports.title",
        employer_reports.EmployerReportsState,
    ),
    (
        employer_roster.roster_page,
        employer_roster.ROUTE,
        "roster.title",
        employer_roster.RosterState,
    ),
    (
        rights_desk.rights_desk_page,
        rights_desk.ROUTE,
        "rights_desk.title",
        rights_desk.RightsDeskState,
    ),
    (
        retention_page.retention_desk_page,
        retention_page.ROUTE,
        "desk.title",
        retention_page.RetentionDeskState,
    ),
)
for component, route, title_key, state in SIGNED_IN_PAGES:
    app.add_page(
        component,
        route=route,
        title=title(title_key),
        on_load=[AuthPageState.load_query, state.load],
    )
