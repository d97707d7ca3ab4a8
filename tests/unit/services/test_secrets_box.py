"""TOTP secrets sealed at rest (issue 16, item 3): AES-256-GCM with a key id in every value,
bound to the account it belongs to; a wrong key or an altered value fails clearly."""

from __future__ import annotations

import base64
import os

import pyotp
import pytest

from kwportal.services.auth import secrets_box
from kwportal.services.auth.secrets_box import Keyring, SecretBoxError
from kwportal.settings import MissingSecretError, Settings, decode_key

OLD, NEW = os.urandom(32), os.urandom(32)
SECRET = pyotp.random_base32(length=32)
AAD = secrets_box.account_aad(7)


def test_a_sealed_secret_opens_to_the_same_secret_and_does_not_show_it() -> None:
    ring = Keyring(NEW)

    sealed = ring.seal(SECRET, aad=AAD)

    assert ring.open(sealed, aad=AAD) == SECRET
    assert SECRET not in sealed and SECRET.lower() not in sealed.lower()
    assert sealed.startswith(f"v1.{secrets_box.key_id(NEW)}.")
    assert secrets_box.is_sealed(sealed) and not secrets_box.is_sealed(SECRET)
    assert len(sealed) <= 255
    assert ring.seal(SECRET, aad=AAD) != sealed, "a fresh nonce every time"


def test_the_key_id_names_the_key_without_revealing_it() -> None:
    kid = secrets_box.key_id(NEW)
    assert kid == secrets_box.key_id(NEW) != secrets_box.key_id(OLD)
    assert kid not in base64.b64encode(NEW).decode() and kid not in NEW.hex()


def test_another_key_cannot_open_it_and_says_what_to_do() -> None:
    sealed = Keyring(OLD).seal(SECRET, aad=AAD)

    with pytest.raises(SecretBoxError) as raised:
        Keyring(NEW).open(sealed, aad=AAD)

    message = str(raised.value)
    assert secrets_box.key_id(OLD) in message and secrets_box.key_id(NEW) in message
    assert "KWPORTAL_TOTP_KEY_OLD" in message and "rotate-key" in message
    assert Keyring(NEW, (OLD,)).open(sealed, aad=AAD) == SECRET


def test_a_secret_copied_onto_another_account_or_altered_does_not_open() -> None:
    ring = Keyring(NEW)
    sealed = ring.seal(SECRET, aad=AAD)
    head, body = sealed.rsplit(".", 1)
    flipped = f"{head}.{body[:5]}{'A' if body[5] != 'A' else 'B'}{body[6:]}"

    for value, aad in (
        (sealed, secrets_box.account_aad(8)),
        (sealed, secrets_box.pending_aad(7)),
        (flipped, AAD),
    ):
        with pytest.raises(SecretBoxError, match="altered or copied"):
            ring.open(value, aad=aad)


def test_a_plain_secret_is_refused_with_the_way_out() -> None:
    with pytest.raises(SecretBoxError, match="kwportal migrate"):
        Keyring(NEW).open(SECRET, aad=AAD)


def test_the_key_comes_from_the_settings_and_must_be_32_bytes_of_base64(tmp_path) -> None:
    good = base64.b64encode(NEW).decode()
    settings = Settings(
        data_dir=tmp_path, secret_key="s", signing_key="k", totp_key=good, totp_key_old=""
    )
    assert secrets_box.keyring(settings) == Keyring(NEW)
    assert decode_key(base64.urlsafe_b64encode(NEW).decode()) == NEW
    for bad in ("kort", base64.b64encode(os.urandom(16)).decode(), "!" * 44):
        assert decode_key(bad) is None
        wrong = Settings(data_dir=tmp_path, secret_key="s", signing_key="k", totp_key=bad)
        with pytest.raises(MissingSecretError, match="KWPORTAL_TOTP_KEY must be 32 random bytes"):
            wrong.require_secrets()


def test_outside_demo_mode_a_missing_key_stops_start_up_with_its_name(tmp_path) -> None:
    settings = Settings(data_dir=tmp_path, secret_key="s", signing_key="k", totp_key="")
    with pytest.raises(MissingSecretError, match="KWPORTAL_TOTP_KEY must be set"):
        settings.require_secrets()
    assert not (tmp_path / "totp_key.demo").exists()


def test_demo_mode_generates_a_private_key_into_the_data_directory(tmp_path) -> None:
    settings = Settings(demo=True, data_dir=tmp_path, secret_key="s", signing_key="k", totp_key="")
    settings.require_secrets()

    stored = tmp_path / "totp_key.demo"
    assert oct(stored.stat().st_mode & 0o777) == "0o600"
    assert decode_key(settings.totp_key) is not None
    assert stored.read_text().strip() == settings.totp_key
