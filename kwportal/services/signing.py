"""Signatures the portal hands out: consent receipts, export manifests, transfer packages.

One Ed25519 key from the settings (``KWPORTAL_SIGNING_KEY``, PKCS#8 PEM; generated into
``data/`` in demo mode). Tokens are compact JWS with ``alg`` ``Ed25519`` (RFC 9864) and the
key's RFC 7638 thumbprint as ``kid``; anyone can check them against the public key the
portal publishes at :data:`WELL_KNOWN_PATH`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

from kwportal.settings import get_settings

ALGORITHM = "Ed25519"
WELL_KNOWN_PATH = "/.well-known/kwportal-signing-key.json"


class SignatureError(ValueError):
    """A token that is malformed, signed by another key, or altered."""


@lru_cache(maxsize=4)
def _private_key(pem: str) -> OKPKey:
    key = OKPKey.import_key(pem)
    if key.curve_name != "Ed25519" or not key.is_private:
        raise ValueError("KWPORTAL_SIGNING_KEY must be an Ed25519 private key (PKCS#8 PEM)")
    return key


def private_key(pem: str | None = None) -> OKPKey:
    """The signing key; ``pem`` overrides the settings (tests, benchmarks)."""
    if pem is None:
        settings = get_settings()
        settings.require_secrets()
        pem = settings.signing_key
    return _private_key(pem)


def public_jwk(pem: str | None = None) -> dict[str, Any]:
    """The public half as a JWK with ``kid``, ``alg`` and ``use`` — what we publish."""
    key = private_key(pem)
    jwk: dict[str, Any] = dict(key.as_dict(private=False))
    jwk.update(kid=key.thumbprint(), alg=ALGORITHM, use="sig")
    return jwk


def public_jwks(pem: str | None = None) -> dict[str, Any]:
    return {"keys": [public_jwk(pem)]}


def canonical(payload: dict[str, Any]) -> bytes:
    """Sorted keys, no spaces, UTF-8: the same payload always gives the same bytes."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign(payload: dict[str, Any], *, typ: str, pem: str | None = None) -> str:
    """A compact JWS over the canonical JSON of ``payload``."""
    key = private_key(pem)
    header = {"alg": ALGORITHM, "typ": typ, "kid": key.thumbprint()}
    return str(jws.serialize_compact(header, canonical(payload), key, algorithms=[ALGORITHM]))


def verify(token: str, jwk: dict[str, Any] | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Check ``token`` against ``jwk`` (default: our own public key); return (header,
    payload). Raises :class:`SignatureError` for anything that does not verify."""
    try:
        key = OKPKey.import_key(jwk if jwk is not None else public_jwk())
        result = jws.deserialize_compact(token.strip(), key, algorithms=[ALGORITHM])
        payload = json.loads(result.payload)
    except (JoseError, ValueError, TypeError) as error:
        raise SignatureError(str(error) or type(error).__name__) from error
    if not isinstance(payload, dict):
        raise SignatureError("payload is not a JSON object")
    return dict(result.headers()), payload
