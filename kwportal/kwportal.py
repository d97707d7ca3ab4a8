"""The rx.App: pages registered, API routes mounted, start-up checks."""

from __future__ import annotations

import reflex as rx
from starlette.applications import Starlette

from kwportal.db import get_engine, transaction
from kwportal.services.startup import refuse_demo_accounts_outside_demo
from kwportal.settings import get_settings
from kwportal.ui.api import auth as auth_api
from kwportal.ui.middleware import ForgetOnConnect
from kwportal.ui.pages.employee import access_log as my_access_log
from kwportal.ui.pages.employee import employer_view as my_employer_view
from kwportal.ui.pages.employee import retention as my_retention
from kwportal.ui.pages.employee import rights as my_rights
from kwportal.ui.pages.employer import case as employer_case
from kwportal.ui.pages.employer import overview as employer_overview
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
    api_transformer=Starlette(routes=auth_api.routes()),
)
app.register_lifespan_task(_startup_checks)
app.add_middleware(ForgetOnConnect())
app.add_page(home.home, route=home.ROUTE, title="KrachtWerkt")
for route, (component, title_key) in signin.PAGES.items():
    app.add_page(component, route=route, title=title(title_key), on_load=AuthPageState.load_query)
app.add_page(
    portal_home.portal_home,
    route=portal_home.ROUTE,
    title=title("portal.title"),
    on_load=[AuthPageState.load_query, portal_home.PortalState.load],
)
app.add_page(
    retention_page.retention_desk_page,
    route=retention_page.ROUTE,
    title=title("desk.title"),
    on_load=[AuthPageState.load_query, retention_page.RetentionDeskState.load],
)
app.add_page(
    my_retention.my_retention_page,
    route=my_retention.ROUTE,
    title=title("retention.title"),
    on_load=[AuthPageState.load_query, my_retention.MyRetentionState.load],
)
app.add_page(
    security.security_page,
    route=security.ROUTE,
    title=title("security.title"),
    on_load=[AuthPageState.load_query, security.SecurityState.load],
)
app.add_page(
    employer_overview.employer_overview_page,
    route=employer_overview.ROUTE,
    title=title("employer.title"),
    on_load=[AuthPageState.load_query, employer_overview.EmployerOverviewState.load],
)
app.add_page(
    employer_case.employer_case_page,
    route=employer_case.ROUTE,
    title=title("employer_case.title"),
    on_load=[AuthPageState.load_query, employer_case.EmployerCaseState.load],
)
app.add_page(
    my_employer_view.my_employer_view_page,
    route=my_employer_view.ROUTE,
    title=title("my_view.title"),
    on_load=[AuthPageState.load_query, my_employer_view.MyEmployerViewState.load],
)
app.add_page(
    my_rights.my_rights_page,
    route=my_rights.ROUTE,
    title=title("rights.title"),
    on_load=[AuthPageState.load_query, my_rights.MyRightsState.load],
)
app.add_page(
    rights_desk.rights_desk_page,
    route=rights_desk.ROUTE,
    title=title("rights_desk.title"),
    on_load=[AuthPageState.load_query, rights_desk.RightsDeskState.load],
)
app.add_page(
    my_access_log.my_access_log_page,
    route=my_access_log.ROUTE,
    title=title("access_log.title"),
    on_load=[AuthPageState.load_query, my_access_log.MyAccessLogState.load],
)
