"""What is inside the encrypted file: a gzip'd tar of ``manifest.json`` and the dump, so
that ``age -d -i key.txt backup.age | tar -xz`` opens it by hand in an emergency.

The manifest says what the dump is and where the audit chain stood; it is sealed with an
HMAC under the portal's secret key. That secret also seals the audit chain, so a backup is
only of use with it: a manifest sealed under another key, or by anyone but this portal
(anyone may encrypt a file to our public key), is refused before anything is restored."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kwportal.services.backup import BackupError

FORMAT = "kwportal-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MAX_MANIFEST = 64_000
GZIP_LEVEL = 6
CHUNK = 1 << 20
SQLITE = "sqlite"
POSTGRESQL = "postgresql"
DUMP_NAMES = {SQLITE: "database.sqlite", POSTGRESQL: "database.pgdump"}


@dataclass(frozen=True, slots=True)
class Manifest:
    database: str
    dump: str
    dump_sha256: str
    dump_bytes: int
    alembic_revision: str
    created_at: str
    audit_seq: int
    audit_row_hash: str
    secret_key_id: str
    totp_key_id: str
    tool: str
    tool_major: int
    kwportal_version: str
    format: str = FORMAT
    version: int = FORMAT_VERSION


def key_id(secret: str) -> str:
    """A fingerprint of the secret key (not the key): names the key a backup needs."""
    return hmac.new(secret.encode(), b"kwportal backup key id", "sha256").hexdigest()[:16]


def _mac(secret: str, content: dict[str, Any]) -> str:
    body = json.dumps(content, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(secret.encode(), b"kwportal-backup-manifest:" + body, "sha256").hexdigest()


def manifest_bytes(manifest: Manifest | dict[str, Any], secret: str) -> bytes:
    content = asdict(manifest) if isinstance(manifest, Manifest) else dict(manifest)
    content.pop("mac", None)
    return json.dumps({**content, "mac": _mac(secret, content)}, indent=2, sort_keys=True).encode()


def read_manifest(raw: bytes, secret: str) -> Manifest:
    """The manifest, checked: ours, of a version we read, sealed under our secret key."""
    try:
        content = json.loads(raw)
        if not isinstance(content, dict) or content.get("format") != FORMAT:
            raise ValueError
    except ValueError:
        raise BackupError("this file is not a kwportal backup (no kwportal manifest)") from None
    if content.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"this backup has format version {content.get('version')!r}; this kwportal "
            f"reads version {FORMAT_VERSION}: restore it with the kwportal that made it"
        )
    if content.get("secret_key_id") != key_id(secret):
        raise BackupError(
            f"this backup was made under another KWPORTAL_SECRET_KEY (key id "
            f"{content.get('secret_key_id')}, this portal has {key_id(secret)}): restore it "
            "with the secret key it was made under; the audit chain's seals depend on it"
        )
    mac = str(content.pop("mac", ""))
    if not hmac.compare_digest(mac, _mac(secret, content)):
        raise BackupError("the backup's manifest does not match its seal: altered, or not ours")
    try:
        manifest = Manifest(**content)
    except TypeError:
        raise BackupError("the backup's manifest is incomplete") from None
    if manifest.database not in DUMP_NAMES or manifest.dump != DUMP_NAMES[manifest.database]:
        raise BackupError(f"the backup names an unknown database kind {manifest.database!r}")
    return manifest


@contextmanager
def private_dir(parent: Path | None = None) -> Iterator[Path]:
    """A directory only this user can enter, removed with everything in it at the end: the
    one place a plaintext dump may be."""
    path = Path(tempfile.mkdtemp(prefix=".kwportal-backup-", dir=parent))
    try:
        path.chmod(0o700)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def private_file(path: Path) -> Path:
    """Create ``path`` empty, readable by its owner only; refuses one that exists."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return path


def put_in_place(staged: Path, final: Path) -> None:
    """Give a finished file its final name in one step, never over an existing file."""
    try:
        os.link(staged, final)
    except FileExistsError:
        raise BackupError(f"{final} appeared meanwhile: nothing was changed") from None
    except OSError:  # a file system without hard links
        if final.exists():
            raise BackupError(f"{final} appeared meanwhile: nothing was changed") from None
        os.replace(staged, final)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def pack(out: Path, manifest: bytes, dump: Path, dump_name: str) -> None:
    """The tar.gz of the manifest (first) and the dump, into the private file ``out``."""
    with (
        out.open("wb") as raw,
        tarfile.open(fileobj=raw, mode="w:gz", compresslevel=GZIP_LEVEL) as tar,
    ):
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode = len(manifest), 0o600
        tar.addfile(info, io.BytesIO(manifest))
        tar.add(dump, arcname=dump_name, recursive=False, filter=_private)


def _private(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
    return info


def unpack(archive: Path, into: Path, secret: str) -> tuple[Manifest, Path]:
    """The checked manifest and the dump (in ``into``, a private directory) whose SHA-256
    matches the manifest's; anything else is refused."""
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            manifest = read_manifest(_member(tar, MANIFEST, MAX_MANIFEST), secret)
            dump = private_file(into / manifest.dump)
            _extract(tar, manifest.dump, dump)
    except OSError as error:
        if error.errno:  # the disk, not the file
            raise BackupError(f"cannot write in {into}: {error.strerror}") from None
        raise BackupError(
            "this file is not a kwportal backup, or it is damaged: its contents do not read"
        ) from None
    except (tarfile.TarError, EOFError, zlib.error):
        raise BackupError(
            "this file is not a kwportal backup, or it is damaged: its contents do not read"
        ) from None
    if dump.stat().st_size != manifest.dump_bytes or sha256_of(dump) != manifest.dump_sha256:
        raise BackupError("the backup is damaged: the dump does not match its SHA-256")
    return manifest, dump


def _member(tar: tarfile.TarFile, name: str, limit: int) -> bytes:
    info = tar.next()
    if info is None or info.name != name or not info.isfile() or info.size > limit:
        raise BackupError("this file is not a kwportal backup (no kwportal manifest)")
    handle = tar.extractfile(info)
    assert handle is not None
    return handle.read()


def _extract(tar: tarfile.TarFile, name: str, to: Path) -> None:
    info = tar.next()
    if info is None or info.name != name or not info.isfile():
        raise BackupError(f"the backup is damaged: {name} is missing")
    source = tar.extractfile(info)
    assert source is not None
    with to.open("wb") as target:
        shutil.copyfileobj(source, target, CHUNK)
