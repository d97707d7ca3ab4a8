"""The few answers rendered on the server: the enrolment QR code and the one-time display
of recovery codes (kept out of every websocket frame)."""

from __future__ import annotations

import html
import io

import segno
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from kwportal.i18n import normalise_language, t
from kwportal.settings import get_settings
from kwportal.ui import routes
from kwportal.ui.api.http import same_origin

NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "same-origin"}


def same_origin_ok(request: Request) -> bool:
    return request.method == "POST" and same_origin(request, get_settings())


def safe_next(path: str) -> str:
    """Only a local path may follow a step-up; anything else goes to the portal."""
    if path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path[:200]
    return routes.PORTAL


def qr_svg(uri: str) -> Response:
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="svg", scale=6, border=2, title="TOTP")
    return Response(buffer.getvalue(), media_type="image/svg+xml", headers=NO_STORE)


def recovery_codes_page(codes: list[str], lang: str) -> HTMLResponse:
    lang = normalise_language(lang)
    items = "".join(f"<li><code>{html.escape(code)}</code></li>" for code in codes)
    body = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(t("codes.title", lang))} · KrachtWerkt</title>
<link rel="stylesheet" href="/kwportal.css"></head>
<body><div class="page"><header class="site-header"><div class="bar">
<span class="brand">KrachtWerkt</span></div></header>
<main id="main" class="content">
<h1>{html.escape(t("codes.title", lang))}</h1>
<p>{html.escape(t("codes.intro", lang))}</p>
<ol class="codes" aria-label="{html.escape(t("codes.title", lang))}">{items}</ol>
<p>{html.escape(t("codes.once", lang))}</p>
<p><a class="button" href="{routes.PORTAL}">{html.escape(t("codes.done", lang))}</a></p>
</main></div></body></html>"""
    return HTMLResponse(body, headers=NO_STORE)


def enrolment_secret_page(secret: str, uri: str, lang: str) -> HTMLResponse:
    """The TOTP key as text and as an ``otpauth:`` link (one tap on a phone), framed into
    the enrolment page so the key never travels in a websocket frame."""
    lang = normalise_language(lang)
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    body = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(t("enrol.secret_title", lang))}</title>
<link rel="stylesheet" href="/kwportal.css"></head>
<body class="frame-body"><p><code class="secret">{html.escape(grouped)}</code></p>
<p><a href="{html.escape(uri)}" target="_top">{html.escape(t("enrol.open_app", lang))}</a></p>
</body></html>"""
    return HTMLResponse(body, headers=NO_STORE)
