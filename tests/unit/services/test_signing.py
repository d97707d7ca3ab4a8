"""Signatures: canonical payloads, our key only, any change refused."""

from __future__ import annotations

import pytest

from kwportal.services import signing
from kwportal.settings import _new_signing_key

PEM = _new_signing_key()
OTHER = _new_signing_key()


def test_round_trip_gives_header_and_payload() -> None:
    token = signing.sign({"b": 1, "a": "é"}, typ="kwportal-test", pem=PEM)
    header, payload = signing.verify(token, signing.public_jwk(PEM))
    assert payload == {"a": "é", "b": 1}
    kid = signing.public_jwk(PEM)["kid"]
    assert header == {"alg": "Ed25519", "typ": "kwportal-test", "kid": kid}


def test_published_key_is_public_only() -> None:
    jwks = signing.public_jwks(PEM)
    (jwk,) = jwks["keys"]
    assert "d" not in jwk
    assert jwk["crv"] == "Ed25519" and jwk["use"] == "sig"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-4] + ("AAAA" if not t.endswith("AAAA") else "BBBB"),
        lambda t: t.split(".")[0] + ".eyJhIjoyfQ." + t.split(".")[2],
        lambda t: "not a token",
        lambda t: "",
    ],
)
def test_altered_tokens_are_refused(tamper) -> None:  # type: ignore[no-untyped-def]
    token = signing.sign({"a": 1}, typ="kwportal-test", pem=PEM)
    with pytest.raises(signing.SignatureError):
        signing.verify(tamper(token), signing.public_jwk(PEM))


def test_another_key_is_refused() -> None:
    token = signing.sign({"a": 1}, typ="kwportal-test", pem=PEM)
    with pytest.raises(signing.SignatureError):
        signing.verify(token, signing.public_jwk(OTHER))


def test_only_ed25519_private_keys_are_accepted() -> None:
    with pytest.raises(ValueError):
        signing.private_key("-----BEGIN PRIVATE KEY-----\nnonsense\n-----END PRIVATE KEY-----\n")
