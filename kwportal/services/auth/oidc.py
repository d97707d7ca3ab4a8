"""The OpenID Connect client side of single sign-on (issue 19 item 6): discovery, the
authorisation request (state, nonce, PKCE S256), the code exchange (Authlib) and the ID
token's checks (joserfc): signature against the provider's JWKS, issuer, audience,
expiry, issue time and nonce. No database here, and nothing here logs a token.

The provider's documents are fetched server-side at sign-in time from the issuer the
administrator registered (OpenID Connect Discovery 1.0 §4: the document's ``issuer`` must
be that very issuer, or it is refused)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

DISCOVERY_PATH = "/.well-known/openid-configuration"
HTTP_TIMEOUT_SECONDS = 5.0
#: clock skew tolerated between the portal and the provider (exp, iat)
CLOCK_LEEWAY_SECONDS = 60
SCOPE = "openid email"
#: asymmetric signatures only: a client secret is never a verification key here
ALGORITHMS = ["RS256", "PS256", "ES256", "EdDSA"]
MAX_DOCUMENT_BYTES = 256 * 1024
#: how the portal authenticates at the token endpoint (the name of a method, no secret)
CLIENT_AUTH = "client_secret_basic"
#: what the portal itself sends to the provider's end_session_endpoint
LOGOUT_PARAMETERS = frozenset(
    {"id_token_hint", "client_id", "post_logout_redirect_uri", "state", "ui_locales"}
)


class OidcError(Exception):
    """A refused step; ``reason`` is a short code for the audit log (never a token)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    end_session_endpoint: str = ""


def _get_json(url: str, reason: str) -> dict[str, Any]:
    try:
        answer = httpx.get(url, timeout=HTTP_TIMEOUT_SECONDS, follow_redirects=False)
        answer.raise_for_status()
        if len(answer.content) > MAX_DOCUMENT_BYTES:
            raise OidcError(reason)
        document = answer.json()
    except (httpx.HTTPError, ValueError) as error:
        raise OidcError(reason) from error
    if not isinstance(document, dict):
        raise OidcError(reason)
    return document


def discover(issuer: str) -> Provider:
    document = _get_json(issuer.rstrip("/") + DISCOVERY_PATH, "discovery_failed")
    if document.get("issuer") != issuer:
        raise OidcError("issuer_mismatch")
    try:
        return Provider(
            issuer=issuer,
            authorization_endpoint=str(document["authorization_endpoint"]),
            token_endpoint=str(document["token_endpoint"]),
            jwks_uri=str(document["jwks_uri"]),
            end_session_endpoint=str(document.get("end_session_endpoint") or ""),
        )
    except KeyError as error:
        raise OidcError("discovery_incomplete") from error


def derived(secret: str, state: str, purpose: str) -> str:
    """The nonce and the PKCE verifier of a sign-in, derived from its state under the
    server secret: nothing but the state's hash needs storing (43 URL-safe characters,
    a valid RFC 7636 verifier)."""
    digest = hmac.new(secret.encode(), f"sso:{purpose}:{state}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")


def authorization_url(
    provider: Provider,
    *,
    client_id: str,
    redirect_uri: str,
    state: str,
    nonce: str,
    verifier: str,
    login_hint: str,
) -> str:
    client = OAuth2Session(
        client_id, scope=SCOPE, redirect_uri=redirect_uri, code_challenge_method="S256"
    )
    url, _state = client.create_authorization_url(
        provider.authorization_endpoint,
        state=state,
        code_verifier=verifier,
        nonce=nonce,
        login_hint=login_hint,
    )
    return str(url)


def end_session_url(
    provider: Provider,
    *,
    client_id: str,
    id_token_hint: str,
    post_logout_redirect_uri: str,
    state: str,
    ui_locales: str,
) -> str:
    """Where the browser logs out at the provider (OpenID Connect RP-Initiated Logout 1.0
    §2): the ID token it issued as ``id_token_hint`` when the portal still holds it, the
    client always (so a registered ``post_logout_redirect_uri`` is honoured without the
    hint too), the way back and a ``state`` for it. "" when the provider has no
    ``end_session_endpoint``: then the logout stays the portal's own."""
    if not provider.end_session_endpoint:
        return ""
    parts = urlsplit(provider.end_session_endpoint)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in LOGOUT_PARAMETERS]
    if id_token_hint:
        query.append(("id_token_hint", id_token_hint))
    query += [
        ("client_id", client_id),
        ("post_logout_redirect_uri", post_logout_redirect_uri),
        ("state", state),
        ("ui_locales", ui_locales),
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


def exchange(
    provider: Provider,
    *,
    client_id: str,
    client_secret: str,
    redirect_uri: str,
    code: str,
    verifier: str,
) -> dict[str, Any]:
    """The code for tokens (client_secret_basic, with the PKCE verifier); a code the
    provider already answered is refused by the provider (RFC 6749 §4.1.2)."""
    client = OAuth2Session(
        client_id,
        client_secret,
        token_endpoint_auth_method=CLIENT_AUTH,
        redirect_uri=redirect_uri,
    )
    try:
        with client:
            token = client.fetch_token(
                provider.token_endpoint,
                grant_type="authorization_code",
                code=code,
                code_verifier=verifier,
                timeout=HTTP_TIMEOUT_SECONDS,
            )
    except AuthlibBaseError as error:
        raise OidcError(f"token_refused:{str(error.error)[:40]}") from error
    except Exception as error:
        raise OidcError("token_unreachable") from error
    return dict(token)


def id_token_claims(
    provider: Provider, token: dict[str, Any], *, client_id: str, nonce: str, now: int
) -> dict[str, Any]:
    """The ID token's claims once its signature (the provider's JWKS), issuer, audience,
    expiry, issue time and nonce hold (OpenID Connect Core §3.1.3.7)."""
    raw = token.get("id_token")
    if not isinstance(raw, str) or not raw:
        raise OidcError("no_id_token")
    try:
        keys = KeySet.import_key_set(_get_json(provider.jwks_uri, "jwks_failed"))  # type: ignore[arg-type]
        decoded = jwt.decode(raw, keys, algorithms=ALGORITHMS)
    except OidcError:
        raise
    except (JoseError, ValueError) as error:
        raise OidcError("bad_signature") from error
    claims = dict(decoded.claims)
    registry = jwt.JWTClaimsRegistry(
        now=now,
        leeway=CLOCK_LEEWAY_SECONDS,
        iss={"essential": True, "value": provider.issuer},
        aud={"essential": True, "value": client_id},
        sub={"essential": True},
        exp={"essential": True},
        iat={"essential": True},
        nonce={"essential": True, "value": nonce},
    )
    try:
        registry.validate(claims)
    except JoseError as error:
        raise OidcError(f"claim_{getattr(error, 'claim', '') or 'invalid'}"[:40]) from error
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise OidcError("claim_azp")
    return claims
