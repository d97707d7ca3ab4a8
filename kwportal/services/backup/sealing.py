"""The age encryption of a backup (https://age-encryption.org, with pyrage): to age public
keys (``age1…``, streamed, the way for production) or to a passphrase (scrypt; pyrage
encrypts it in memory, so the archive is held in memory once). Whoever restores needs the
matching identity file (``AGE-SECRET-KEY-1…``) or the passphrase; the file's own header
says which, so a wrong or missing key gets a message that names what to give."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pyrage
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from kwportal.services.backup import BackupError

AGE_MAGIC = b"age-encryption.org/v1\n"
AGE_PUBLIC_PREFIX = "age1"
AGE_IDENTITY_PREFIX = "AGE-SECRET-KEY-"
#: a backup lives for weeks and may leave the building: longer than a phoned passphrase
MIN_PASSPHRASE = 16
MAX_PASSPHRASE = 1_000
MAX_IDENTITY_FILE = 64_000
BY_KEY = "age-x25519"
BY_PHRASE = "age-scrypt"
ENV_RECIPIENT = "KWPORTAL_BACKUP_RECIPIENT"
ENV_PHRASE = "KWPORTAL_BACKUP_PASSPHRASE"
ENV_IDENTITY = "KWPORTAL_BACKUP_IDENTITY"


@dataclass(frozen=True, slots=True)
class Lock:
    """Whom a backup is encrypted for: public keys (kept in the audit row) or a passphrase
    (never stored anywhere)."""

    recipients: tuple[str, ...] = ()
    passphrase: str = field(default="", repr=False)

    @property
    def method(self) -> str:
        return BY_KEY if self.recipients else BY_PHRASE


@dataclass(frozen=True, slots=True)
class Key:
    """What opens a backup: age identities, a passphrase, or both (the file decides)."""

    identities: tuple[str, ...] = field(default=(), repr=False)
    passphrase: str = field(default="", repr=False)


def _checked_passphrase(phrase: str, source: str) -> str:
    if len(phrase) < MIN_PASSPHRASE:
        raise BackupError(f"the passphrase in {source} is shorter than {MIN_PASSPHRASE} characters")
    if len(phrase) > MAX_PASSPHRASE:
        raise BackupError(f"the passphrase in {source} is longer than {MAX_PASSPHRASE} characters")
    return phrase


def _passphrase(passphrase_file: str | None) -> tuple[str, str]:
    """The passphrase and where it came from (``--passphrase-file`` wins), or ``("", "")``."""
    if passphrase_file:
        try:
            text = Path(passphrase_file).read_text(encoding="utf-8")
        except OSError as error:
            raise BackupError(f"cannot read {passphrase_file}: {error.strerror}") from None
        return _checked_passphrase(text.rstrip("\r\n"), passphrase_file), passphrase_file
    phrase = os.environ.get(ENV_PHRASE, "")
    return (_checked_passphrase(phrase, ENV_PHRASE), ENV_PHRASE) if phrase else ("", "")


def _recipient(text: str) -> str:
    key = text.strip()
    if key.upper().startswith(AGE_IDENTITY_PREFIX):
        raise BackupError(
            "that is a secret key (AGE-SECRET-KEY-…): give the public key (age1…) to back "
            "up; the secret key is needed only to restore and stays offline"
        )
    try:
        if not key.startswith(AGE_PUBLIC_PREFIX):
            raise ValueError(key)
        x25519.Recipient.from_str(key)
    except (pyrage.RecipientError, ValueError):
        raise BackupError(f"{key[:20]!r} is not an age public key (age1…)") from None
    return key


def lock_for(recipients: Sequence[str], passphrase_file: str | None = None) -> Lock:
    """The lock from ``--recipient`` (repeatable) or ``KWPORTAL_BACKUP_RECIPIENT`` (several
    separated by commas or spaces), or else the passphrase; both configured is ambiguous."""
    given = [part for text in recipients for part in text.replace(",", " ").split()]
    if given:
        return Lock(recipients=tuple(_recipient(key) for key in given))
    from_env = os.environ.get(ENV_RECIPIENT, "").replace(",", " ").split()
    phrase, source = _passphrase(passphrase_file)
    if from_env and phrase:
        raise BackupError(
            f"both {ENV_RECIPIENT} and a passphrase ({source}) are set: choose one way to "
            "encrypt the backup"
        )
    if from_env:
        return Lock(recipients=tuple(_recipient(key) for key in from_env))
    if phrase:
        return Lock(passphrase=phrase)
    raise BackupError(
        "no key to encrypt the backup with: give --recipient age1… or set "
        f"{ENV_RECIPIENT} (an age public key), or set {ENV_PHRASE} "
        f"(at least {MIN_PASSPHRASE} characters); a backup is never written unencrypted"
    )


def _identities(path: str) -> tuple[str, ...]:
    if path.strip().upper().startswith(AGE_IDENTITY_PREFIX):
        raise BackupError(f"{ENV_IDENTITY} names the file that holds the secret key, not the key")
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read(MAX_IDENTITY_FILE)
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not a text file"
        raise BackupError(f"cannot read the identity file {path}: {reason}") from None
    lines = [line.strip() for line in text.splitlines()]
    keys = tuple(line for line in lines if line and not line.startswith("#"))
    try:
        for key in keys:
            x25519.Identity.from_str(key)
    except (pyrage.IdentityError, ValueError):
        keys = ()
    if not keys:
        raise BackupError(f"{path} holds no age secret key (AGE-SECRET-KEY-1…)")
    return keys


def key_for(identity_file: str | None, passphrase_file: str | None = None) -> Key:
    """What may open a backup: ``--identity`` or ``KWPORTAL_BACKUP_IDENTITY`` (a file), and
    the passphrase; which one is used is decided by the file (:func:`open_sealed`)."""
    path = identity_file or os.environ.get(ENV_IDENTITY, "")
    identities = _identities(path) if path else ()
    phrase, _source = _passphrase(passphrase_file)
    if not identities and not phrase:
        raise BackupError(
            f"no key to open the backup: give --identity FILE or set {ENV_IDENTITY} to the "
            f"file with the age secret key, or set {ENV_PHRASE}"
        )
    return Key(identities=identities, passphrase=phrase)


def seal(plain: Path, out: BinaryIO, lock: Lock) -> None:
    """Write the age file of ``plain`` to ``out`` (binary, not armoured)."""
    if lock.recipients:
        keys = [x25519.Recipient.from_str(key) for key in lock.recipients]
        with plain.open("rb") as source:
            pyrage.encrypt_io(source, out, keys)
        return
    out.write(bytes(age_passphrase.encrypt(plain.read_bytes(), lock.passphrase)))


def _stanzas(path: Path) -> list[str]:
    """The recipient types named in the age header ("X25519", "scrypt"); refuses a file
    that is not in the age format."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as error:
        raise BackupError(f"cannot read {path}: {error.strerror}") from None
    if not head.startswith(AGE_MAGIC):
        raise BackupError(f"{path} is not a kwportal backup (not an age-encrypted file)")
    lines = head[len(AGE_MAGIC) :].split(b"\n")
    return [line.split()[1].decode("ascii", "replace") for line in lines if line[:3] == b"-> "]


def open_sealed(sealed: Path, plain: Path, key: Key) -> None:
    """Decrypt ``sealed`` into ``plain`` (an existing private file). Partial output of a
    damaged file is left for the caller's clean-up, never used."""
    kinds = _stanzas(sealed)
    if "scrypt" in kinds:
        if not key.passphrase:
            raise BackupError(
                f"this backup is encrypted with a passphrase: set {ENV_PHRASE} or give "
                "--passphrase-file"
            )
        try:
            plain.write_bytes(age_passphrase.decrypt(sealed.read_bytes(), key.passphrase))
        except pyrage.DecryptError:
            raise BackupError(
                "the passphrase does not open this backup (or it is damaged)"
            ) from None
        return
    if not key.identities:
        raise BackupError(
            f"this backup is encrypted to an age key: give --identity FILE or set {ENV_IDENTITY}"
        )
    identities = [x25519.Identity.from_str(text) for text in key.identities]
    try:
        with sealed.open("rb") as source, plain.open("wb") as target:
            pyrage.decrypt_io(source, target, identities)
    except pyrage.DecryptError as error:
        if "No matching keys" in str(error):
            raise BackupError(
                "this backup was encrypted to another key than yours (or its header is damaged)"
            ) from None
        raise BackupError("the backup is damaged: its encryption header does not read") from None
    except OSError as error:
        if error.errno:  # the disk, not the file
            raise BackupError(f"cannot write while decrypting: {error.strerror}") from None
        raise BackupError("the backup is damaged or cut short: it does not decrypt") from None
