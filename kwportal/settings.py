"""One Settings object, read from the environment (prefix ``KWPORTAL_``).

Secrets are never in the repository: in demo mode they are generated into ``data/``;
outside demo mode they must come from the environment, and start-up stops naming the
missing variable.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from kwportal.domain.sessions import IDLE_TIMEOUT

PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: a tab's state outlives the session's idle limit by this much at most (issue 16, item 2)
TAB_STATE_MARGIN = timedelta(minutes=5)
SECRET_FIELDS = ("secret_key", "signing_key", "totp_key")
#: AES-256 keys: 32 random bytes, base64-encoded
KEY_FIELDS = ("totp_key", "totp_key_old")
KEY_BYTES = 32


class MissingSecretError(RuntimeError):
    """A production secret is absent; the message names the environment variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KWPORTAL_", extra="ignore")

    demo: bool = False
    data_dir: Path = PROJECT_ROOT / "data"
    database_url: str = ""
    redis_url: str | None = None
    port: int = 3000
    public_origin: str = ""
    secret_key: str = ""
    #: Ed25519 private key (PKCS#8 PEM) that signs consent receipts, export manifests and
    #: transfer packages; its public half is published at /.well-known/kwportal-signing-key.json
    signing_key: str = ""
    #: AES-256-GCM key (32 bytes, base64) that seals the TOTP secrets at rest; the old one
    #: only while ``kwportal rotate-key`` moves every secret to the new key
    totp_key: str = ""
    totp_key_old: str = ""
    default_language: str = "nl"
    smtp_host: str = ""
    smtp_port: int = 25
    mail_from: str = "KrachtWerkt portaal <noreply@kracht-werkt.nl>"
    totp_issuer: str = "KrachtWerkt"
    #: public forms posted sooner than this after they were served are refused (bots);
    #: the browser tests set 0
    form_min_seconds: float = 2.0
    #: reverse proxies in front of the portal whose X-Forwarded-For entries are trusted;
    #: 0: the socket peer is the client (kwportal/ui/client_address.py)
    trusted_proxies: int = Field(default=0, ge=0, le=10)

    @model_validator(mode="after")
    def _fill_defaults(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'kwportal.db'}"
        if not self.public_origin:
            self.public_origin = f"http://localhost:{self.port}"
        return self

    @property
    def secure_cookies(self) -> bool:
        """Cookies carry ``Secure`` whenever the portal is served over https."""
        return self.public_origin.startswith("https://")

    @property
    def tab_state_seconds(self) -> int:
        """How long a browser tab's server-side state outlives its last event (in memory or
        Redis): the session's idle limit and a margin, so it never outlives the session."""
        return int((IDLE_TIMEOUT + TAB_STATE_MARGIN).total_seconds())

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"

    def require_secrets(self, names: tuple[str, ...] = SECRET_FIELDS) -> None:
        """Fill demo secrets from ``data/``; refuse to run without them otherwise."""
        for name in names:
            if getattr(self, name):
                continue
            if not self.demo:
                raise MissingSecretError(
                    f"KWPORTAL_{name.upper()} must be set (outside demo mode secrets "
                    "are never generated)"
                )
            setattr(self, name, _demo_secret(self.data_dir, name))
        for name in KEY_FIELDS:
            if getattr(self, name) and decode_key(getattr(self, name)) is None:
                raise MissingSecretError(
                    f"KWPORTAL_{name.upper()} must be {KEY_BYTES} random bytes, base64-encoded "
                    "(make one with: openssl rand -base64 32)"
                )


def decode_key(text: str) -> bytes | None:
    """The raw bytes of a base64 (standard or URL-safe) AES-256 key, or None."""
    try:
        raw = base64.b64decode(text.strip().replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == KEY_BYTES else None


def _demo_secret(data_dir: Path, name: str) -> str:
    path = data_dir / f"{name}.demo"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    if name == "signing_key":
        value = _new_signing_key()
    elif name in KEY_FIELDS:
        value = base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode()
    else:
        value = secrets.token_urlsafe(48)
    path.write_text(value)
    path.chmod(0o600)
    return value


def _new_signing_key() -> str:
    from joserfc.jwk import OKPKey

    pem = OKPKey.generate_key("Ed25519").as_pem(private=True)
    return pem.decode() if isinstance(pem, bytes) else str(pem)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
