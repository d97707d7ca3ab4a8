"""Where a request comes from, also behind reverse proxies (issue 16, item 9).

Each proxy appends the address of its own peer to ``X-Forwarded-For``. With ``n`` trusted
proxies in front of the portal (``KWPORTAL_TRUSTED_PROXIES``) the n-th address from the
right is the one the outermost trusted proxy saw: the client. Whatever stands left of it
was written by the client and is ignored. With 0, the default, the header is ignored and
the socket peer is the client. When the header holds fewer addresses than trusted hops (a
request that went round a proxy) or the chosen entry is no IP address, the socket peer
counts: never a value the client chose.

One function, used by the HTTP routes and by the websocket's states alike, so throttling
and the audit log see the same address whichever way the request came in.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from reflex.istate.data import RouterData
from starlette.requests import Request

from kwportal.services import audit
from kwportal.settings import get_settings

FORWARDED_FOR = "x-forwarded-for"
MAX_AGENT = 300
#: a header longer than this is not from a proxy chain we would trust
MAX_FORWARDED = 2000


def client_address(peer: str, forwarded_for: Iterable[str], hops: int) -> str:
    """The client's address: the ``hops``-th entry from the right of the joined
    ``X-Forwarded-For`` values, else ``peer``."""
    if hops <= 0:
        return peer
    joined = ",".join(forwarded_for)
    if len(joined) > MAX_FORWARDED:
        return peer
    entries = [entry.strip() for entry in joined.split(",") if entry.strip()]
    if len(entries) < hops:
        return peer
    return _address(entries[-hops]) or peer


def _address(entry: str) -> str:
    """The entry as a normalised IP address (``[v6]:port`` and ``v4:port`` accepted)."""
    host = entry
    if host.startswith("[") and "]" in host:
        host = host[1 : host.index("]")]
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return ""


def request_access(request: Request) -> audit.AccessPoint:
    """Who knocks on an HTTP route."""
    peer = request.client.host if request.client else ""
    return audit.AccessPoint(
        ip=client_address(
            peer, request.headers.getlist(FORWARDED_FOR), get_settings().trusted_proxies
        ),
        agent=request.headers.get("user-agent", "")[:MAX_AGENT],
    )


def socket_access(router: RouterData) -> audit.AccessPoint:
    """Who sends an event over the websocket: the handshake's peer and headers (Reflex's
    own ``trusted_proxy_hops`` stays 0, see rxconfig.py, so the peer is the socket's)."""
    raw = getattr(router.headers, "raw_headers", {}) or {}
    forwarded = str(raw.get(FORWARDED_FOR, ""))
    return audit.AccessPoint(
        ip=client_address(
            router.session.client_ip or "", [forwarded], get_settings().trusted_proxies
        ),
        agent=(router.headers.user_agent or "")[:MAX_AGENT],
    )
