"""Every route of the portal and every URL builder, in one place: pages, API routes and
the links between them, and the few names the browser and the server share (cookies, form
fields). A page imports its own route and the links it shows from here, never from another
page or from ``ui/api``."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

_CASE_ID = re.compile(r"^[1-9][0-9]{0,11}$")

# --- public site (seed ch. 2) ---
HOME = "/"
PRIVACY = "/privacy"
COOKIES = "/cookies"
#: the privacy reglement for employees (seed introduction, ch. 1 and ch. 3; issue 17)
PRIVACYREGLEMENT = "/privacyreglement"
NEWSLETTER = "/newsletter"
NEWSLETTER_CONFIRM = "/newsletter-confirm"
NEWSLETTER_UNSUBSCRIBE = "/newsletter-unsubscribe"
CALLBACK = "/callback"
VISITOR_RIGHTS = "/visitor-rights"
VISITOR_RIGHTS_CONFIRM = "/visitor-rights-confirm"

# --- sign-in ---
LOGIN = "/login"
LOGIN_CODE = "/login-code"
LOGIN_RECOVERY = "/login-recovery"
INVITE = "/invite"
ENROL = "/enrol"
FORGOT_PASSWORD = "/forgot-password"
RESET_PASSWORD = "/reset-password"
STEP_UP = "/stepup"

# --- every signed-in role ---
PORTAL = "/portal"
SECURITY = "/security"

# --- employee ---
MY_CASE = "/my-case"
MY_DETAILS = "/my-details"
MY_EMPLOYER_VIEW = "/my-employer-view"
MY_ACCESS_LOG = "/my-access-log"
MY_RETENTION = "/my-retention"
MY_RIGHTS = "/my-rights"
MY_DISCLOSURES = "/my-disclosures"
MY_CONSENTS = "/my-consents"
MY_EXPORT = "/my-export"
MY_QUESTIONNAIRE = "/my-questionnaire"
MY_REPORT = "/my-report"
MY_PLAN = "/my-plan"
#: notices of a breach that concerned the employee's data (issue 17 item 8)
MY_INCIDENTS = "/my-incidents"

# --- employer contact ---
EMPLOYER = "/employer"
EMPLOYER_CASE = "/employer-case"
EMPLOYER_SICK_REPORT = "/employer-sick-report"
EMPLOYER_REPORTS = "/employer-reports"
EMPLOYER_ROSTER = "/employer-roster"
EMPLOYER_PERSON = "/employer-person"
EMPLOYER_PLAN = "/employer-plan"
EMPLOYER_RECOVERY = "/employer-recovery"

# --- care team ---
CARE = "/care"
CARE_CASE = "/care-case"
CASE_ADMIN = "/case-admin"
CARE_FEEDBACK = "/care-feedback"
CONSENT_REQUESTS = "/consent-requests"
CARE_TRANSFER = "/care-transfer"
CALLBACKS = "/callbacks"
CARE_CONSULTS = "/care-consults"
CARE_PROBLEM_ANALYSIS = "/care-problem-analysis"
#: letters to employees without a portal account or e-mail address (issue 17 item 5)
CASE_LETTERS = "/case-letters"

# --- every role that works on a case (employee, employer, care team): the page decides
# per row what the signed-in actor may see (domain.policy) ---
CASE_FILES = "/case-files"
MESSAGES = "/messages"

# --- privacy desk ---
RIGHTS_DESK = "/rights-desk"
RETENTION_DESK = "/retention-desk"
#: processing stopped: stop requests, running restrictions and their exceptions (issue 17)
RESTRICTIONS = "/restrictions"
#: the breach register (issue 17 item 8)
BREACHES = "/breaches"
ACCESS_LOG_DESK = "/access-log-desk"
VISITOR_REQUESTS = "/visitor-requests"

# --- admin ---
ADMIN_ORGANISATIONS = "/admin-organisations"
ADMIN_ACCOUNTS = "/admin-accounts"
ADMIN_TEAMS = "/admin-teams"
SITE_STATS = "/site-stats"
#: the organisations' own sign-in providers (issue 19 item 6)
ADMIN_SSO = "/admin-sso"

# --- API: sign-in forms ---
API_LOGIN = "/api/auth/login"
API_CODE = "/api/auth/code"
API_RECOVERY = "/api/auth/recovery"
API_INVITE = "/api/auth/invite"
API_ENROL_QR = "/api/auth/enrol/qr.svg"
API_ENROL_SECRET = "/api/auth/enrol/secret"
API_ENROL = "/api/auth/enrol"
API_RECOVERY_CODES = "/api/auth/recovery-codes"
API_STEP_UP = "/api/auth/stepup"
API_PASSWORD = "/api/auth/password"
API_TOTP = "/api/auth/totp"
API_LOGOUT = "/api/auth/logout"
API_LOGOUT_EVERYWHERE = "/api/auth/logout-everywhere"
API_FORGOT = "/api/auth/forgot"
API_RESET = "/api/auth/reset"
#: single sign-on through an organisation's OpenID provider (issue 19 item 6)
API_SSO_START = "/api/sso/start"
API_SSO_CALLBACK = "/api/sso/callback"
API_SSO_SIGNED_OUT = "/api/sso/signed-out"

# --- API: the public site's forms ---
API_COOKIES = "/api/public/cookies"
API_HIT = "/api/public/hit"
API_NEWSLETTER = "/api/public/newsletter"
API_NEWSLETTER_CONFIRM = "/api/public/newsletter/confirm"
API_NEWSLETTER_UNSUBSCRIBE = "/api/public/newsletter/unsubscribe"
API_CALLBACK = "/api/public/callback"
API_VISITOR_RIGHTS = "/api/public/rights"
API_VISITOR_RIGHTS_CONFIRM = "/api/public/rights/confirm"

# --- API: downloads and uploads (never through a page state) ---
API_RECEIPT = "/api/my/consent-receipt/{receipt_id:int}"
API_DOCUMENT = "/api/my/case-document/{document_id:int}"
API_CARE_ADDRESS = "/api/my/care-address"
API_EXPORT = "/api/my/export"
API_ROSTER = "/api/employer/roster"
API_REPORTS_CSV = "/api/employer/reports.csv"
#: the desk's former downloads: they refuse (the doctor releases the transfer package, the
#: employee downloads his own export)
API_TRANSFER = "/api/desk/transfer"
API_ACCESS_EXPORT = "/api/desk/access-export"
#: the company doctor's release of the encrypted transfer package
API_CARE_TRANSFER = "/api/care/transfer"
#: a case's files: upload (multipart POST) and download one (issue 15 item 4)
API_CASE_UPLOAD = "/api/case/upload"
API_CASE_FILE = "/api/case/file/{upload_id:int}"
#: the re-integration report for the WIA application (PDF; a disclosure)
API_REINTEGRATION_REPORT = "/api/case/reintegration-report/{case_id:int}"
#: a letter to post to an employee the portal cannot reach (PDF; issue 17 item 5)
API_CASE_LETTER = "/api/case/letter/{letter_id:int}"


# --- names the browser and the server share ---
#: the HttpOnly session cookie (a random token; the server keeps only its HMAC), by this
#: name over plain http (a developer's machine); over https see :func:`session_cookie`
SESSION_COOKIE = "kw_session"
#: the visitor's cookie choice, the public forms' bot check and the marketing opt-in
CHOICE_COOKIE = "kw_cookie_choice"
FORM_COOKIE = "kw_form"
MARKETING_COOKIE = "kw_marketing"
HONEYPOT = "website"
TOKEN_FIELD = "form_token"
#: the state of a sign-in sent to an organisation's provider (SameSite=Lax: it must come
#: back on the provider's redirect)
SSO_COOKIE = "kw_sso"
#: the state of a logout sent to the provider, checked when it sends the browser back
SSO_OUT_COOKIE = "kw_sso_out"


def session_cookie(secure: bool) -> str:
    """The session cookie's name: over https with the ``__Host-`` prefix, so a browser
    accepts it only when Secure, for this host alone (no Domain), on path ``/`` — a
    neighbouring subdomain cannot plant or shadow it."""
    return f"__Host-{SESSION_COOKIE}" if secure else SESSION_COOKIE


def with_query(path: str, **query: str | int) -> str:
    return path + ("?" + urlencode(query) if query else "")


def receipt_href(receipt_id: int) -> str:
    return API_RECEIPT.replace("{receipt_id:int}", str(receipt_id))


def document_href(document_id: int) -> str:
    return API_DOCUMENT.replace("{document_id:int}", str(document_id))


def case_file_href(upload_id: int) -> str:
    return API_CASE_FILE.replace("{upload_id:int}", str(upload_id))


def reintegration_report_href(case_id: int) -> str:
    return API_REINTEGRATION_REPORT.replace("{case_id:int}", str(case_id))


def letter_href(letter_id: int) -> str:
    return API_CASE_LETTER.replace("{letter_id:int}", str(letter_id))


def case_href(route: str, case_id: Any) -> Any:
    """A case page's link: ``route?case=<id>``; ``case_id`` may be a state var."""
    return route + "?case=" + case_id if not isinstance(case_id, int) else f"{route}?case={case_id}"


def step_up_href(next_path: str) -> str:
    return with_query(STEP_UP, next=next_path)


def case_id_from(url: str) -> int | None:
    """The ``case`` query parameter as a positive int, or None."""
    raw = parse_qs(urlsplit(url).query).get("case", [""])[0]
    return int(raw) if _CASE_ID.match(raw) else None
