"""``kwportal backup`` and ``kwportal restore`` (issue 17, item 9; seed ch. 3: "om
persoonsgegevens te beveiligen tegen verlies"), run in-process as the command line runs them.

A backup taken while a writer writes restores into an empty database with every table
equal (row counts and a digest of the content) and an intact audit chain, on SQLite and on
PostgreSQL; a corrupt, truncated, foreign or wrongly keyed file, an unwritable destination
and a non-empty target are refused with a message and exit code 2, nothing changed."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
import pytest
from alembic import command
from pyrage import x25519
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine, make_url

from kwportal import cli
from kwportal.db import make_engine, transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.migrate import alembic_config
from kwportal.services import audit
from kwportal.services.backup import BackupError, archive, make, postgres
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.served import reset_cached

WRITER = Actor(account_id=7, role=Role.CARE_TEAM, employer_ids=frozenset({1}))
PHRASE = "correct horse battery staple, twice"


@dataclass(frozen=True)
class Keys:
    identity: Path
    public: str
    other_identity: Path


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    folder = tmp_path_factory.mktemp("keys")
    mine, theirs = x25519.Identity.generate(), x25519.Identity.generate()
    (folder / "key.txt").write_text(f"# created: test\n{mine}\n")
    (folder / "other.txt").write_text(f"{theirs}\n")
    return Keys(folder / "key.txt", str(mine.to_public()), folder / "other.txt")


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _use(monkeypatch: pytest.MonkeyPatch, url: str, data_dir: Path, **env: str) -> None:
    """The environment of one command: its database, the tests' secret, no backup keys."""
    monkeypatch.setenv("KWPORTAL_DATABASE_URL", url)
    monkeypatch.setenv("KWPORTAL_SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("KWPORTAL_DATA_DIR", str(data_dir))
    for name in ("DEMO", "BACKUP_RECIPIENT", "BACKUP_PASSPHRASE", "BACKUP_IDENTITY"):
        monkeypatch.delenv(f"KWPORTAL_{name}", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(f"KWPORTAL_{name}", value)
    reset_cached()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    reset_cached()
    return code, out, err


def _world(engine: Engine) -> None:
    """A few rows of most kinds, with their audit events."""
    with transaction(engine) as session:
        org = factories.organisation(session)
        people = [factories.employee(session, org) for _ in range(3)]
        factories.sick_case(session, people[0])
        factories.account(session, Role.CASE_MANAGER, totp_secret="JBSWY3DPEHPK3PXP")
        for person in people:
            audit.record(
                session,
                actor=WRITER,
                access=audit.CLI,
                event_type="test_world",
                action=audit.Action.CREATE,
                subject_employee_id=person.id,
                secret=TEST_SECRET,
            )


def _contents(engine: Engine, through_seq: int) -> dict[str, tuple[int, str]]:
    """Per table its row count and a SHA-256 of its rows in key order; the audit log up to
    ``through_seq`` (a restore appends its own event; the head moves with it)."""
    found: dict[str, tuple[int, str]] = {}
    with engine.connect() as connection:
        inspector = inspect(connection)
        for table in sorted(inspector.get_table_names()):
            if table == "audit_head":
                continue
            columns = [c["name"] for c in inspector.get_columns(table)]
            order = inspector.get_pk_constraint(table)["constrained_columns"] or columns
            where = f" WHERE seq <= {through_seq}" if table == "audit_event" else ""
            ordered = ", ".join(f'"{name}"' for name in order)
            rows = connection.execute(text(f'SELECT * FROM "{table}"{where} ORDER BY {ordered}'))
            listed = [tuple(row) for row in rows]
            found[table] = (len(listed), hashlib.sha256(repr(listed).encode()).hexdigest())
    return found


def _triggers(engine: Engine) -> set[str]:
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        if engine.dialect.name == "sqlite"
        else "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    )
    with engine.connect() as connection:
        return {str(name) for (name,) in connection.execute(text(query))}


def _events(engine: Engine, event_type: str) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT details FROM audit_event WHERE event_type = :t ORDER BY seq"),
            {"t": event_type},
        )
        return [json.loads(details) for (details,) in rows]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Writer(threading.Thread):
    """Appends audit events, one transaction each, until stopped: the portal at work."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(daemon=True)
        self.engine, self.count, self.error = engine, 0, None
        self.done = threading.Condition()
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                with transaction(self.engine) as session:
                    audit.record(
                        session,
                        actor=WRITER,
                        access=audit.CLI,
                        event_type="writer",
                        action=audit.Action.READ,
                        details={"n": self.count},
                        secret=TEST_SECRET,
                    )
                with self.done:
                    self.count += 1
                    self.done.notify_all()
        except Exception as error:  # noqa: BLE001 - reported by the test
            self.error = error
            with self.done:
                self.done.notify_all()

    def wait_for(self, count: int) -> None:
        with self.done:
            assert self.done.wait_for(lambda: self.count >= count or self.error, timeout=30)
        assert self.error is None, self.error


@pytest.fixture
def empty_target(request: pytest.FixtureRequest, engine: Engine, tmp_path: Path) -> Iterator[str]:
    """An empty restore target of the same kind as ``engine``: a new SQLite path, or a
    scratch PostgreSQL database (dropped afterwards)."""
    if engine.dialect.name == "sqlite":
        (tmp_path / "restored").mkdir()
        yield f"sqlite:///{tmp_path / 'restored' / 'kwportal.db'}"
        return
    admin_url = request.getfixturevalue("pg_available")
    name = f"kw_backup_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _require_pg_tools() -> None:
    try:
        postgres.find_tool("pg_dump", 0)
        postgres.find_tool("pg_restore", 0)
    except BackupError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{error}; CI needs them")
        pytest.skip(f"!!! SKIPPING THE POSTGRESQL BACKUP TEST: {error}")


def test_a_backup_taken_while_writing_restores_equal_and_verified(
    engine: Engine, empty_target: str, keys: Keys, tmp_path: Path, monkeypatch, capsys
):
    if engine.dialect.name == "postgresql":
        _require_pg_tools()
    _world(engine)
    out = tmp_path / "backups"
    out.mkdir()
    writer = Writer(engine)
    writer.start()
    try:
        writer.wait_for(3)
        _use(monkeypatch, _url(engine), tmp_path)
        code, said, err = _run(capsys, "backup", str(out), "--recipient", keys.public)
        writer.wait_for(writer.count + 3)
    finally:
        writer.stop.set()
        writer.join(timeout=30)
    assert code == 0, err
    [backup] = list(out.iterdir())
    assert str(backup) in said and backup.stat().st_mode & 0o777 == 0o600

    if engine.dialect.name == "postgresql":  # the source itself is not an empty target
        before = _contents(engine, 10**9)
        code, _, err = _run(capsys, "restore", str(backup), "--identity", str(keys.identity))
        assert code == 2 and "not empty" in err
        assert _contents(engine, 10**9) == before

    _use(monkeypatch, empty_target, tmp_path)
    code, said, err = _run(capsys, "restore", str(backup), "--identity", str(keys.identity))
    assert code == 0, err
    assert "audit chain intact" in said
    restored = make_engine(empty_target)
    try:
        [done] = _events(restored, "restore_done")
        head = done["audit_head_seq"]
        [made] = _events(engine, "backup_made")
        assert made["sha256"] == _sha256(backup)
        assert done["dump_sha256"] == made["dump_sha256"] and done["audit_chain"] == "intact"
        assert made["audit_head_seq"] == head
        written = len(_events(restored, "writer"))
        assert 3 <= written < writer.count  # the copy is a moment in the middle of the writing
        assert _contents(restored, head) == _contents(engine, head)
        assert _triggers(restored) == _triggers(engine)  # the log stays append-only
        assert _run(capsys, "verify-audit")[0] == 0
    finally:
        restored.dispose()


# --- refusals: a message, exit code 2, nothing changed ---------------------------------------


@dataclass(frozen=True)
class Made:
    file: Path
    source: str


@pytest.fixture(scope="module")
def made(
    tmp_path_factory: pytest.TempPathFactory, _sqlite_template: Path, keys: Keys
) -> Iterator[Made]:
    """One backup of a small SQLite database, encrypted to ``keys``, for the refusals."""
    folder = tmp_path_factory.mktemp("made")
    shutil.copyfile(_sqlite_template, folder / "live.db")
    source = f"sqlite:///{folder / 'live.db'}"
    engine = make_engine(source)
    _world(engine)
    engine.dispose()
    with pytest.MonkeyPatch.context() as monkeypatch:
        _use(monkeypatch, source, folder)
        code = cli.main(["backup", str(folder / "db.backup.age"), "--recipient", keys.public])
        reset_cached()
    assert code == 0
    yield Made(folder / "db.backup.age", source)


@pytest.fixture
def target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The configured database: a path in an empty directory, not there yet."""
    folder = tmp_path / "restore-here"
    folder.mkdir()
    _use(monkeypatch, f"sqlite:///{folder / 'kwportal.db'}", tmp_path)
    return folder / "kwportal.db"


def _flip(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :]


def _foreign(_data: bytes, public: str) -> bytes:
    """A gzip'd tar encrypted to our key, but not made by kwportal."""
    packed = io.BytesIO()
    with tarfile.open(fileobj=packed, mode="w:gz") as tar:
        info = tarfile.TarInfo("notes.txt")
        info.size = 5
        tar.addfile(info, io.BytesIO(b"hello"))
    return bytes(pyrage.encrypt(packed.getvalue(), [x25519.Recipient.from_str(public)]))


def _for_another_key(data: bytes, _public: str) -> bytes:
    return bytes(pyrage.encrypt(data, [x25519.Identity.generate().to_public()]))


BROKEN: dict[str, tuple[Callable[[bytes, str], bytes], str]] = {
    "corrupt": (lambda data, _key: _flip(data), "damaged"),
    "truncated": (lambda data, _key: data[: len(data) * 2 // 3], "cut short"),
    "random": (lambda data, _key: os.urandom(len(data)), "not a kwportal backup"),
    "empty": (lambda _data, _key: b"", "not a kwportal backup"),
    "foreign": (_foreign, "not a kwportal backup"),
    "another key's": (_for_another_key, "another key"),
}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_a_damaged_or_foreign_file_is_refused_and_nothing_restored(
    kind, made, keys, target, tmp_path, capsys
):
    change, message = BROKEN[kind]
    broken = tmp_path / "broken.age"
    broken.write_bytes(change(made.file.read_bytes(), keys.public))

    code, _, err = _run(capsys, "restore", str(broken), "--identity", str(keys.identity))

    assert code == 2
    assert message in err
    assert list(target.parent.iterdir()) == []


def test_a_key_that_does_not_fit_is_refused(made, keys, target, capsys):
    code, _, err = _run(capsys, "restore", str(made.file), "--identity", str(keys.other_identity))
    assert code == 2
    assert "another key" in err
    code, _, err = _run(capsys, "restore", str(made.file))
    assert code == 2
    assert "no key to open the backup" in err
    assert list(target.parent.iterdir()) == []


def _recrafted(made: Made, keys: Keys, into: Path, **changes: Any) -> Path:
    """The made backup opened, its manifest changed and sealed again under our secret (as
    a kwportal of another version, or a forger who has our secret, would)."""
    identity = x25519.Identity.from_str(keys.identity.read_text().split("\n")[1])
    plain = pyrage.decrypt(made.file.read_bytes(), [identity])
    with tarfile.open(fileobj=io.BytesIO(plain), mode="r:gz") as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]
    manifest = json.loads(members["manifest.json"])
    dump = into / "database.sqlite"
    dump.write_bytes(members["database.sqlite"] + changes.pop("dump_tail", b""))
    forged = changes.pop("forged", False)
    content = archive.manifest_bytes({**manifest, **changes}, TEST_SECRET)
    if forged:  # altered after sealing: the old seal stays
        content = json.dumps({**json.loads(content), **forged, "mac": manifest["mac"]}).encode()
    packed = into / "archive.tar.gz"
    archive.pack(packed, content, dump, "database.sqlite")
    sealed = into / "crafted.age"
    sealed.write_bytes(
        bytes(pyrage.encrypt(packed.read_bytes(), [x25519.Recipient.from_str(keys.public)]))
    )
    return sealed


CRAFTED: dict[str, tuple[dict[str, Any], str]] = {
    "a newer format version": ({"version": 2}, "format version 2"),
    "a schema this kwportal does not know": ({"alembic_revision": "9999"}, "does not know"),
    "a dump that does not match its digest": ({"dump_tail": b"x"}, "SHA-256"),
    "a manifest altered after sealing": ({"forged": {"audit_seq": 4711}}, "seal"),
    "a manifest sealed under another secret": (
        {"secret_key_id": archive.key_id("another secret")},
        "another KWPORTAL_SECRET_KEY",
    ),
}


@pytest.mark.parametrize("case", list(CRAFTED))
def test_a_backup_that_is_not_what_it_says_is_refused(case, made, keys, target, tmp_path, capsys):
    changes, message = CRAFTED[case]
    crafted = _recrafted(made, keys, tmp_path, **changes)

    code, _, err = _run(capsys, "restore", str(crafted), "--identity", str(keys.identity))

    assert code == 2
    assert message in err
    assert list(target.parent.iterdir()) == []


def test_a_restore_over_an_existing_database_is_refused(made, keys, target, capsys):
    target.write_bytes(b"the database in use")

    code, _, err = _run(capsys, "restore", str(made.file), "--identity", str(keys.identity))

    assert code == 2
    assert "exists" in err
    assert target.read_bytes() == b"the database in use"
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def _unwritable(tmp_path: Path) -> Path:
    """A directory nobody may write in: mode 0500, or (root ignores modes) /sys."""
    if os.geteuid() == 0:
        return Path("/sys")
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o500)
    return folder


def test_a_backup_to_an_unwritable_place_is_refused_and_leaves_nothing(
    made, keys, tmp_path, monkeypatch, capsys
):
    _use(monkeypatch, made.source, tmp_path)
    (tmp_path / "a-file").write_text("not a directory")
    (tmp_path / "taken.age").write_text("another backup")
    unwritable = _unwritable(tmp_path)
    listed = sorted(unwritable.iterdir())
    cases = {
        unwritable / "b.age": "cannot write to",
        tmp_path / "a-file" / "b.age": "not a directory",
        tmp_path / "taken.age": "exists",
    }
    for path, message in cases.items():
        code, _, err = _run(capsys, "backup", str(path), "--recipient", keys.public)
        assert code == 2, path
        assert message in err
    assert sorted(unwritable.iterdir()) == listed
    assert (tmp_path / "taken.age").read_text() == "another backup"


def test_a_failure_half_way_leaves_no_file_no_plaintext_and_no_audit_row(
    made, keys, tmp_path, monkeypatch, capsys
):
    _use(monkeypatch, made.source, tmp_path, BACKUP_RECIPIENT=keys.public)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = tmp_path / "out"
    out.mkdir()

    def disk_full(_plain: Path, handle: Any, _lock: Any) -> None:
        handle.write(b"age-encryption.org/v1\n-> half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(make, "seal", disk_full)
    engine = make_engine(made.source)
    before = len(_events(engine, "backup_made"))

    code, _, err = _run(capsys, "backup", str(out))

    assert code == 2
    assert "No space left on device" in err
    assert list(out.iterdir()) == [] and list(scratch.iterdir()) == []
    assert len(_events(engine, "backup_made")) == before
    engine.dispose()


def test_a_backup_needs_a_key_and_never_takes_a_secret_one(
    made, keys, tmp_path, monkeypatch, capsys
):
    _use(monkeypatch, made.source, tmp_path, BACKUP_PASSPHRASE="too short")
    secret = keys.identity.read_text().split("\n")[1]
    cases = {
        (): "shorter than 16",
        ("--recipient", secret): "secret key",
        ("--recipient", "age1notakey"): "not an age public key",
    }
    for extra, message in cases.items():
        code, _, err = _run(capsys, "backup", str(tmp_path), *extra)
        assert code == 2
        assert message in err
    monkeypatch.delenv("KWPORTAL_BACKUP_PASSPHRASE")
    code, _, err = _run(capsys, "backup", str(tmp_path))
    assert code == 2
    assert "never written unencrypted" in err
    assert not list(tmp_path.glob("*.age"))


# --- what the file holds, passphrases, older schemas, a broken chain -------------------------


def _head_revision() -> str:
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head())


def test_the_backup_is_encrypted_and_its_manifest_says_what_it_holds(made, keys):
    sealed = made.file.read_bytes()
    assert sealed.startswith(b"age-encryption.org/v1\n-> X25519 ")
    assert made.file.stat().st_mode & 0o777 == 0o600
    identity = x25519.Identity.from_str(keys.identity.read_text().split("\n")[1])
    with tarfile.open(fileobj=io.BytesIO(pyrage.decrypt(sealed, [identity])), mode="r:gz") as tar:
        assert tar.getnames() == ["manifest.json", "database.sqlite"]
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
        dump = tar.extractfile("database.sqlite").read()  # type: ignore[union-attr]

    assert (manifest["format"], manifest["version"], manifest["database"]) == (
        "kwportal-backup",
        1,
        "sqlite",
    )
    assert manifest["alembic_revision"] == _head_revision()
    assert manifest["created_at"].endswith("+00:00")
    assert manifest["dump_sha256"] == hashlib.sha256(dump).hexdigest()
    assert dump.startswith(b"SQLite format 3\x00")
    engine = make_engine(made.source)
    with engine.connect() as connection:  # the backup's own event follows the recorded head
        seq, prev = connection.execute(
            text("SELECT seq, prev_hash FROM audit_event WHERE event_type = 'backup_made'")
        ).one()
    engine.dispose()
    assert (seq - 1, prev) == (manifest["audit_seq"], manifest["audit_row_hash"])


def test_a_passphrase_backup_restores_only_with_the_passphrase(
    made, keys, target, tmp_path, monkeypatch, capsys
):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = tmp_path / "out"
    out.mkdir()
    _use(monkeypatch, made.source, tmp_path, BACKUP_PASSPHRASE=PHRASE)
    assert _run(capsys, "backup", str(out))[0] == 0
    [backup] = list(out.iterdir())
    assert list(scratch.iterdir()) == []  # the plaintext went with its private directory
    engine = make_engine(made.source)
    details = _events(engine, "backup_made")[-1]
    engine.dispose()
    assert details["encryption"] == "age-scrypt" and PHRASE not in json.dumps(details)

    _use(monkeypatch, f"sqlite:///{target}", tmp_path)
    code, _, err = _run(capsys, "restore", str(backup), "--identity", str(keys.identity))
    assert code == 2
    assert "encrypted with a passphrase" in err
    assert not target.exists()

    _use(monkeypatch, f"sqlite:///{target}", tmp_path, BACKUP_PASSPHRASE=PHRASE)
    code, _, err = _run(capsys, "restore", str(backup))
    assert code == 0, err
    assert target.exists() and list(scratch.iterdir()) == []
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_a_backup_of_an_older_schema_is_migrated_to_head(
    _sqlite_template, keys, target, tmp_path, monkeypatch, capsys
):
    shutil.copyfile(_sqlite_template, tmp_path / "old.db")
    source = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(source)
    config = alembic_config(source)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0016")
    engine.dispose()
    _use(monkeypatch, source, tmp_path)
    assert _run(capsys, "backup", str(tmp_path / "old.age"), "--recipient", keys.public)[0] == 0

    _use(monkeypatch, f"sqlite:///{target}", tmp_path, BACKUP_IDENTITY=str(keys.identity))
    code, said, err = _run(capsys, "restore", str(tmp_path / "old.age"))

    assert code == 0, err
    assert f"migrated to {_head_revision()}" in said
    restored = make_engine(f"sqlite:///{target}")
    [done] = _events(restored, "restore_done")
    with restored.connect() as connection:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    restored.dispose()
    assert (done["revision_from"], revision) == ("0016", _head_revision())
    assert _run(capsys, "verify-audit")[0] == 0


def test_a_restore_whose_audit_chain_is_broken_exits_1_and_keeps_the_database(
    _sqlite_template, keys, target, tmp_path, monkeypatch, capsys
):
    shutil.copyfile(_sqlite_template, tmp_path / "tampered.db")
    source = f"sqlite:///{tmp_path / 'tampered.db'}"
    engine = make_engine(source)
    _world(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TRIGGER audit_event_no_update"))
        connection.execute(text("UPDATE audit_event SET details = '{\"x\": 1}' WHERE seq = 2"))
    engine.dispose()
    _use(monkeypatch, source, tmp_path)
    assert _run(capsys, "backup", str(tmp_path / "t.age"), "--recipient", keys.public)[0] == 0

    _use(monkeypatch, f"sqlite:///{target}", tmp_path)
    code, _, err = _run(
        capsys, "restore", str(tmp_path / "t.age"), "--identity", str(keys.identity)
    )

    assert code == 1
    assert "AUDIT CHAIN NOT VERIFIED" in err and "sequence number 2" in err
    assert target.exists()  # kept: the only copy of the data, and the evidence
    restored = make_engine(f"sqlite:///{target}")
    [done] = _events(restored, "restore_done")
    restored.dispose()
    assert done["audit_chain"].startswith("broken at 2")


# --- the PostgreSQL client tools --------------------------------------------------------------


def _fake_tool(folder: Path, name: str, version: str) -> None:
    tool = folder / name
    tool.write_text(f"#!/bin/sh\necho '{name} (PostgreSQL) {version}'\n")
    tool.chmod(0o755)


def test_pg_tools_older_than_the_server_are_refused_by_name(tmp_path, monkeypatch):
    _fake_tool(tmp_path, "pg_dump", "14.11")
    monkeypatch.setenv("KWPORTAL_PG_BIN", str(tmp_path))

    with pytest.raises(BackupError, match="pg_dump of PostgreSQL 15 or newer was not found"):
        postgres.find_tool("pg_dump", 15)

    _fake_tool(tmp_path, "pg_dump", "16.4 (Debian 16.4-1)")
    assert postgres.find_tool("pg_dump", 15) == (
        str(tmp_path / "pg_dump"),
        16,
        "pg_dump (PostgreSQL) 16.4 (Debian 16.4-1)",
    )
