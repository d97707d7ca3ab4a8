"""Mail at rest in the outbox is readable only with the server secret: AES-256-GCM under a
key derived (HKDF-SHA256) from ``KWPORTAL_SECRET_KEY``, bound to the message's Message-ID.
A database dump alone yields no invitation or reset link."""

from __future__ import annotations

import json
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kwportal.services.mail import Mail, mail_fields, mail_from_fields

NONCE_BYTES = 12


def _key(secret: str) -> bytes:
    kdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"kwportal outbox mail v1")
    return kdf.derive(secret.encode())


def seal(mail: Mail, message_id: str, secret: str) -> bytes:
    plain = json.dumps(mail_fields(mail)).encode()
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(_key(secret)).encrypt(nonce, plain, message_id.encode())


def unseal(payload: bytes, message_id: str, secret: str) -> Mail:
    """Raises ``cryptography.exceptions.InvalidTag`` under another secret or message id."""
    plain = AESGCM(_key(secret)).decrypt(
        payload[:NONCE_BYTES], payload[NONCE_BYTES:], message_id.encode()
    )
    return mail_from_fields(json.loads(plain))
