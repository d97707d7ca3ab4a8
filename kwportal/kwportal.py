"""The rx.App: pages registered, API routes mounted, start-up checks."""

from __future__ import annotations

import reflex as rx
from starlette.applications import Starlette

from kwportal.db import get_engine, transaction
from kwportal.services.auth import secrets_box
from kwportal.services.startup import refuse_demo_accounts_outside_demo
from kwportal.settings import get_settings
from kwportal.ui import install, routes
from kwportal.ui.api import all_routes
from kwportal.ui.errors import backend_error
from kwportal.ui.event_shape import CheckEventShape
from kwportal.ui.headers import SecuredApp
from kwportal.ui.middleware import bind_tabs_to_sessions
from kwportal.ui.pages.admin import accounts as admin_accounts
from kwportal.ui.pages.admin import organisations as admin_orgs
from kwportal.ui.pages.admin import sso as admin_sso
from kwportal.ui.pages.admin import teams as admin_teams
from kwportal.ui.pages.care import case_admin as care_case_admin
from kwportal.ui.pages.care import case_file as care_case_file
from kwportal.ui.pages.care import caseload as care_caseload
from kwportal.ui.pages.care import consent_requests as care_consent_requests
from kwportal.ui.pages.care import consults as care_consults
from kwportal.ui.pages.care import feedback as care_feedback
from kwportal.ui.pages.care import letters as care_letters
from kwportal.ui.pages.care import problem_analysis as care_problem_analysis
from kwportal.ui.pages.care import transfer as care_transfer
from kwportal.ui.pages.employee import access_log as my_access_log
from kwportal.ui.pages.employee import consents as my_consents
from kwportal.ui.pages.employee import details as my_details
from kwportal.ui.pages.employee import disclosures as my_disclosures
from kwportal.ui.pages.employee import employer_view as my_employer_view
from kwportal.ui.pages.employee import export as my_export
from kwportal.ui.pages.employee import incidents as my_incidents
from kwportal.ui.pages.employee import my_case
from kwportal.ui.pages.employee import plan as my_plan
from kwportal.ui.pages.employee import questionnaire as my_questionnaire
from kwportal.ui.pages.employee import retention as my_retention
from kwportal.ui.pages.employee import rights as my_rights
from kwportal.ui.pages.employee import self_report as my_self_report
from kwportal.ui.pages.employer import case as employer_case
from kwportal.ui.pages.employer import overview as employer_overview
from kwportal.ui.pages.employer import person as employer_person
from kwportal.ui.pages.employer import plan as employer_plan
from kwportal.ui.pages.employer import recovery as employer_recovery
from kwportal.ui.pages.employer import reports as employer_reports
from kwportal.ui.pages.employer import roster as employer_roster
from kwportal.ui.pages.employer import sick_report as employer_sick_report
from kwportal.ui.pages.portal import case_files, messages, security
from kwportal.ui.pages.portal import dashboard as portal_dashboard
from kwportal.ui.pages.portal import home as portal_home
from kwportal.ui.pages.privacy import breaches as breaches_page
from kwportal.ui.pages.privacy import desk_log
from kwportal.ui.pages.privacy import restrictions as restrictions_page
from kwportal.ui.pages.privacy import retention as retention_page
from kwportal.ui.pages.privacy import rights as rights_desk
from kwportal.ui.pages.public import home, legal, signin, visitor_forms
from kwportal.ui.pages.visitors import callbacks as callback_queue
from kwportal.ui.pages.visitors import requests as visitor_requests
from kwportal.ui.pages.visitors import stats as site_stats
from kwportal.ui.states.auth import AuthPageState
from kwportal.ui.states.visitor import VisitorState
from kwportal.ui.text import description, title

_settings = get_settings()
_settings.require_secrets()


def _startup_checks() -> None:
    with transaction(get_engine()) as session:
        refuse_demo_accounts_outside_demo(session, demo=_settings.demo)
        secrets_box.refuse_unknown_keys(session)


#: rx.App wrapped in the security headers (kwportal/ui/headers.py): every response
app = SecuredApp(
    html_lang="nl",
    stylesheets=["/kwportal.css"],
    head_components=[
        rx.el.meta(name="color-scheme", content="light"),
        rx.el.meta(name="referrer", content="same-origin"),
        *install.head_tags(),
    ],
    api_transformer=Starlette(routes=all_routes()),
    backend_exception_handler=backend_error,
)
app.register_lifespan_task(_startup_checks)
bind_tabs_to_sessions(app)
app.add_middleware(CheckEventShape())
#: the public site (seed ch. 2): (component, route, title key, description key)
PUBLIC_PAGES = (
    (home.home, home.ROUTE, "home.title", "public.meta.home"),
    (legal.privacy_page, routes.PRIVACY, "privacy.title", "public.meta.privacy"),
    (legal.cookies_page, routes.COOKIES, "cookies.title", "public.meta.cookies"),
    (
        legal.reglement_page,
        routes.PRIVACYREGLEMENT,
        "reglement.title",
        "public.meta.reglement",
    ),
    (
        visitor_forms.newsletter_page,
        routes.NEWSLETTER,
        "newsletter.title",
        "public.meta.newsletter",
    ),
    (
        visitor_forms.newsletter_confirm_page,
        routes.NEWSLETTER_CONFIRM,
        "newsletter.confirm_title",
        "public.meta.newsletter",
    ),
    (
        visitor_forms.newsletter_unsubscribe_page,
        routes.NEWSLETTER_UNSUBSCRIBE,
        "newsletter.unsubscribe_title",
        "public.meta.newsletter",
    ),
    (visitor_forms.callback_page, routes.CALLBACK, "callback.title", "public.meta.callback"),
    (
        visitor_forms.visitor_rights_page,
        routes.VISITOR_RIGHTS,
        "visitor_rights.title",
        "public.meta.rights",
    ),
    (
        visitor_forms.visitor_rights_confirm_page,
        routes.VISITOR_RIGHTS_CONFIRM,
        "visitor_rights.confirm_title",
        "public.meta.rights",
    ),
)
for component, route, title_key, description_key in PUBLIC_PAGES:
    app.add_page(
        component,
        route=route,
        title="KrachtWerkt" if route == home.ROUTE else title(title_key),
        description=description(description_key),
        on_load=VisitorState.load,
    )
for route, (component, title_key) in signin.PAGES.items():
    app.add_page(component, route=route, title=title(title_key), on_load=AuthPageState.load_query)
#: signed-in pages: (component, route, title key, guarded loader of the page's state)
SIGNED_IN_PAGES = (
    (
        portal_dashboard.start_page,
        portal_home.ROUTE,
        "portal.title",
        portal_dashboard.DashboardState,
    ),
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
    # --- care team workspace and the employee's disclosures ---
    (
        my_disclosures.my_disclosures_page,
        my_disclosures.ROUTE,
        "disclosures.title",
        my_disclosures.MyDisclosuresState,
    ),
    (care_caseload.caseload_page, care_caseload.ROUTE, "care.title", care_caseload.CaseloadState),
    (
        care_case_file.care_case_page,
        care_case_file.ROUTE,
        "care_case.title",
        care_case_file.CareCaseState,
    ),
    (
        care_case_admin.case_admin_page,
        care_case_admin.ROUTE,
        "care_case.admin_title",
        care_case_admin.CaseAdminState,
    ),
    (
        care_feedback.care_feedback_page,
        care_feedback.ROUTE,
        "feedback.title",
        care_feedback.FeedbackState,
    ),
    (
        my_consents.my_consents_page,
        my_consents.ROUTE,
        "consents.title",
        my_consents.MyConsentsState,
    ),
    (my_export.my_export_page, my_export.ROUTE, "export.title", my_export.MyExportState),
    (my_case.my_case_page, my_case.ROUTE, "my_case.title", my_case.MyCaseState),
    (my_details.my_details_page, my_details.ROUTE, "details.title", my_details.MyDetailsState),
    (
        care_consent_requests.consent_requests_page,
        care_consent_requests.ROUTE,
        "consent_req.title",
        care_consent_requests.ConsentRequestState,
    ),
    (
        care_letters.case_letters_page,
        care_letters.ROUTE,
        "letters.title",
        care_letters.CaseLettersState,
    ),
    (
        care_transfer.care_transfer_page,
        care_transfer.ROUTE,
        "care_transfer.title",
        care_transfer.CareTransferState,
    ),
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
    (
        restrictions_page.restrictions_page,
        restrictions_page.ROUTE,
        "restriction.title",
        restrictions_page.RestrictionsState,
    ),
    (
        callback_queue.callback_queue_page,
        callback_queue.ROUTE,
        "callbacks.title",
        callback_queue.CallbackQueueState,
    ),
    (
        visitor_requests.visitor_requests_page,
        visitor_requests.ROUTE,
        "visitor_requests.title",
        visitor_requests.VisitorRequestsState,
    ),
    (site_stats.site_stats_page, site_stats.ROUTE, "stats.title", site_stats.SiteStatsState),
    (desk_log.desk_log_page, desk_log.ROUTE, "desk_log.title", desk_log.DeskLogState),
    # --- issue 17 item 8: the breach register and the employee's notices of a breach ---
    (
        breaches_page.breaches_page,
        breaches_page.ROUTE,
        "breaches.title",
        breaches_page.BreachesState,
    ),
    (
        my_incidents.my_incidents_page,
        my_incidents.ROUTE,
        "incidents.title",
        my_incidents.MyIncidentsState,
    ),
    (
        admin_orgs.admin_orgs_page,
        admin_orgs.ROUTE,
        "admin.orgs.title",
        admin_orgs.AdminOrgsState,
    ),
    (
        admin_accounts.admin_accounts_page,
        admin_accounts.ROUTE,
        "admin.accounts.title",
        admin_accounts.AdminAccountsState,
    ),
    (
        admin_teams.admin_teams_page,
        admin_teams.ROUTE,
        "admin.teams.title",
        admin_teams.AdminTeamsState,
    ),
    (admin_sso.admin_sso_page, admin_sso.ROUTE, "admin.sso.title", admin_sso.AdminSsoState),
    # --- a case end to end (issue 15) ---
    (
        care_consults.consults_page,
        care_consults.ROUTE,
        "consults.title",
        care_consults.ConsultsState,
    ),
    (
        care_problem_analysis.problem_analysis_page,
        care_problem_analysis.ROUTE,
        "problem_analysis.title",
        care_problem_analysis.ProblemAnalysisState,
    ),
    (
        my_questionnaire.my_questionnaire_page,
        my_questionnaire.ROUTE,
        "questionnaire.title",
        my_questionnaire.MyQuestionnaireState,
    ),
    (
        my_self_report.my_report_page,
        my_self_report.ROUTE,
        "self_report.title",
        my_self_report.MySelfReportState,
    ),
    (my_plan.my_plan_page, my_plan.ROUTE, "my_plan.title", my_plan.MyPlanState),
    (
        employer_person.employer_person_page,
        employer_person.ROUTE,
        "employer_person.title",
        employer_person.EmployerPersonState,
    ),
    (
        employer_plan.employer_plan_page,
        employer_plan.ROUTE,
        "employer_plan.title",
        employer_plan.EmployerPlanState,
    ),
    (
        employer_recovery.employer_recovery_page,
        employer_recovery.ROUTE,
        "partial_recovery.title",
        employer_recovery.EmployerRecoveryState,
    ),
    (case_files.case_files_page, case_files.ROUTE, "case_files.title", case_files.CaseFilesState),
    (messages.messages_page, messages.ROUTE, "messages.title", messages.MessagesState),
)
for component, route, title_key, state in SIGNED_IN_PAGES:
    app.add_page(
        component,
        route=route,
        title=title(title_key),
        on_load=[AuthPageState.load_query, state.load],
    )
