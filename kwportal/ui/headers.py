"""Security headers on every response of the one port: the compiled pages and their static
assets, the API routes and downloads, Reflex's own endpoints, even an error page.

Reflex 0.10 builds its ASGI app in ``App.__call__`` (the factory granian calls): its own
Starlette with the event socket, our API routes mounted in front (``api_transformer``) and
the compiled frontend as a static mount, all inside a top Starlette that adds CORS.
:class:`SecuredApp` wraps that whole app in :class:`SecurityHeaders`, a plain ASGI
middleware, so no response escapes it — not a static file, not a CORS answer, not a 500.

The Content-Security-Policy is as strict as the Reflex frontend allows:
- scripts only from our origin, plus the inline scripts of the page being served, each by
  its SHA-256 (the theme script and React Router's hydration scripts of the prerendered
  page; computed from the body, so a rebuilt frontend needs no list kept by hand);
- ``'unsafe-eval'``: ``rx.call_script`` runs its code with ``eval`` in Reflex's state.js;
- ``style-src 'unsafe-inline'``: emotion writes the component styles into ``<style>`` tags;
- the event socket on our own origin only (``ws:``/``wss:`` named, for older browsers);
- nothing from any other origin, no plugins, no ``<base>``, forms post only to us, and
  no one frames a page except the two server-rendered fragments our own pages frame.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import anyio
import reflex as rx
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kwportal.settings import get_settings
from kwportal.ui import routes

#: server-rendered fragments that our own pages show in an iframe (the key stays out of
#: every websocket frame): framed by our origin only
FRAMED_BY_US = frozenset({routes.API_ENROL_SECRET, routes.API_CARE_ADDRESS})
#: content-hashed build output: the same name never changes content
IMMUTABLE_PREFIX = "/assets/"
#: everything under these is personal or per-session: never stored by a browser or proxy
PERSONAL_PREFIXES = ("/api/", "/_")
IMMUTABLE = "public, max-age=31536000, immutable"
HSTS = "max-age=31536000; includeSubDomains"
#: every powerful feature off; our pages use none (features Chromium knows, so the
#: console stays free of "unrecognized feature" errors)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)
#: an HTML body is read whole to hash its inline scripts; ours are a few kilobytes
MAX_HASHED_HTML = 2 * 1024 * 1024
#: the ASGI extension granian offers: a static file answered by its path, not its bytes
PATHSEND = "http.response.pathsend"
_INLINE_SCRIPT = re.compile(rb"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.I | re.S)


def script_hashes(html: bytes) -> tuple[str, ...]:
    """The CSP source (``'sha256-…'``) of every inline script in ``html``, in order."""
    found: list[str] = []
    for match in _INLINE_SCRIPT.finditer(html):
        digest = base64.b64encode(hashlib.sha256(match.group(1)).digest()).decode()
        source = f"'sha256-{digest}'"
        if source not in found:
            found.append(source)
    return tuple(found)


def socket_origin(origin: str) -> str:
    """``http://host`` → ``ws://host``, ``https://host`` → ``wss://host``."""
    return "ws" + origin[len("http") :] if origin.startswith("http") else ""


def content_security_policy(
    origin: str, *, inline_scripts: Iterable[str] = (), framed_by_us: bool = False
) -> str:
    scripts = " ".join(("'self'", "'unsafe-eval'", *inline_scripts))
    directives = (
        "default-src 'none'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self'",
        "font-src 'self'",
        f"connect-src 'self' {socket_origin(origin)}".rstrip(),
        "frame-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        "frame-ancestors 'self'" if framed_by_us else "frame-ancestors 'none'",
    )
    return "; ".join(directives)


@dataclass(frozen=True, slots=True)
class HeaderPolicy:
    origin: str
    https: bool

    def apply(
        self, path: str, headers: MutableHeaders, inline_scripts: Iterable[str] | None
    ) -> None:
        """``inline_scripts`` None: a 304 answer, whose page (and its policy with the
        page's script hashes) the browser already holds."""
        framed = path in FRAMED_BY_US
        if inline_scripts is not None:
            headers.setdefault(
                "Content-Security-Policy",
                content_security_policy(
                    self.origin, inline_scripts=inline_scripts, framed_by_us=framed
                ),
            )
        headers.setdefault("X-Frame-Options", "SAMEORIGIN" if framed else "DENY")
        headers["X-Content-Type-Options"] = "nosniff"
        # a page's own <meta name="referrer"> may relax it to same-origin (its forms
        # then carry their Origin for the CSRF check); nothing ever goes to another site
        headers.setdefault("Referrer-Policy", "no-referrer")
        headers["Permissions-Policy"] = PERMISSIONS_POLICY
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if self.https:
            headers["Strict-Transport-Security"] = HSTS
        if _personal(path, headers):
            headers["Cache-Control"] = "no-store"
        elif path.startswith(IMMUTABLE_PREFIX):
            headers.setdefault("Cache-Control", IMMUTABLE)


def _personal(path: str, headers: MutableHeaders) -> bool:
    """API answers and Reflex's endpoints, and every HTML page (the app's pages are
    personal once signed in): never kept in a cache."""
    html = headers.get("content-type", "").startswith("text/html")
    return html or path.startswith(PERSONAL_PREFIXES)


def _decoded(body: bytes, encoding: str) -> bytes | None:
    if encoding in ("", "identity"):
        return body
    if encoding == "gzip":
        try:
            return gzip.decompress(body)
        except (OSError, EOFError, zlib.error):
            return None
    return None  # an encoding we cannot read: no hashes, the page's scripts stay blocked


class SecurityHeaders:
    """ASGI middleware: the headers of :class:`HeaderPolicy` on every HTTP response; an
    HTML body is held back until it is complete so its inline scripts can be hashed."""

    def __init__(self, app: ASGIApp, policy: HeaderPolicy | None = None) -> None:
        self.app = app
        self._policy = policy

    @property
    def policy(self) -> HeaderPolicy:
        if self._policy is None:
            settings = get_settings()
            self._policy = HeaderPolicy(settings.public_origin, settings.secure_cookies)
        return self._policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, _Sender(self.policy, scope["path"], send))


class _Sender:
    """One response's ``send``: headers added to its start; an HTML answer's start is held
    until its body (or the file it is sent from) has been read for the script hashes."""

    def __init__(self, policy: HeaderPolicy, path: str, send: Send) -> None:
        self.policy, self.path, self.send = policy, path, send
        self.start: Message | None = None
        self.chunks: list[bytes] = []
        self.size = 0

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            if message.get("status") == 304:
                self.policy.apply(self.path, headers, None)
                await self.send(message)
                return
            if headers.get("content-type", "").startswith("text/html"):
                self.start = message
                return
            self.policy.apply(self.path, headers, ())
            await self.send(message)
            return
        if self.start is not None and message["type"] == "http.response.body":
            await self._buffer(message)
            return
        if self.start is not None and message["type"] == PATHSEND:
            await self._from_file(message)
            return
        await self.send(message)

    async def _from_file(self, message: Message) -> None:
        """A static page sent by path (granian's zero-copy ``pathsend``): the file is read
        to hash its scripts, and still sent by path."""
        start, self.start = self.start, None
        assert start is not None
        body = await anyio.Path(message["path"]).read_bytes()
        await self._send_start(start, body)
        await self.send(message)

    async def _send_start(self, start: Message, body: bytes) -> None:
        headers = MutableHeaders(scope=start)
        decoded = _decoded(body, headers.get("content-encoding", "").strip().lower())
        self.policy.apply(self.path, headers, script_hashes(decoded) if decoded else ())
        await self.send(start)

    async def _buffer(self, message: Message) -> None:
        body: bytes = message.get("body", b"")
        self.chunks.append(body)
        self.size += len(body)
        if message.get("more_body", False) and self.size <= MAX_HASHED_HTML:
            return
        start, self.start = self.start, None
        assert start is not None
        whole = b"".join(self.chunks)
        self.chunks = []
        await self._send_start(start, whole)
        await self.send(
            {
                "type": "http.response.body",
                "body": whole,
                "more_body": message.get("more_body", False),
            }
        )


class SecuredApp(rx.App):
    """``rx.App`` whose ASGI app (built anew by each worker) wears :class:`SecurityHeaders`
    outermost."""

    def __call__(self) -> ASGIApp:
        return SecurityHeaders(super().__call__())
