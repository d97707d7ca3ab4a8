"""``kwportal migrate | seed | demo-accounts | create-user | unlock | rotate-key | retention |
roster-cleanup | newsletter-send | verify-audit | verify-receipt | jobs | backup | restore``."""

from __future__ import annotations

import argparse
import base64
import json
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime

from kwportal.db import get_engine, read_transaction, transaction
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.migrate import SchemaTooNewError, upgrade
from kwportal.services import audit
from kwportal.services.auth import enrolment, login
from kwportal.services.auth.common import Context
from kwportal.services.auth.common import log as auth_log
from kwportal.services.auth.enrolment import NewAccount
from kwportal.services.demo.accounts import demo_accounts
from kwportal.services.demo.seed import SYSTEM_ACTOR, database_is_empty, seed_demo, seed_scale
from kwportal.services.employee import receipts
from kwportal.services.jobs import outbox
from kwportal.services.jobs import tasks as jobs
from kwportal.services.retention import desk as retention_desk
from kwportal.services.retention import plan as retention
from kwportal.services.retention import run as retention_run
from kwportal.settings import MissingSecretError, get_settings

PROGRESS_THRESHOLD = 20_000


def _fail(message: str, code: int = 2) -> int:
    print(f"kwportal: {message}", file=sys.stderr)
    return code


def cmd_migrate(_args: argparse.Namespace) -> int:
    try:
        head = upgrade(get_engine(), secret=get_settings().secret_key)
    except SchemaTooNewError as error:
        return _fail(str(error))
    print(f"database at revision {head}")
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    settings = get_settings()
    if args.demo and not settings.demo:
        return _fail("demo data only in demo mode: set KWPORTAL_DEMO=1")
    if not args.demo and not args.scale:
        return _fail("say what to seed: --demo or --scale N")
    today = date.fromisoformat(args.today) if args.today else date.today()
    with transaction() as session:
        if not args.if_empty and not args.force and not database_is_empty(session):
            return _fail("the database is not empty; add --force to seed anyway")
        if args.if_empty and not database_is_empty(session):
            print("database already has data; nothing seeded")
            return 0
        if args.demo:
            summary = seed_demo(session, today=today, secret=settings.secret_key)
        else:
            summary = seed_scale(
                session, employees=args.scale, today=today, secret=settings.secret_key
            )
    print(
        f"seeded {summary.organisations} organisations, {summary.employees} employees, "
        f"{summary.cases} cases, {summary.accounts} accounts"
    )
    return 0


def cmd_demo_accounts(args: argparse.Namespace) -> int:
    if not get_settings().demo:
        return _fail("demo accounts exist only in demo mode (KWPORTAL_DEMO=1)")
    accounts = [account.as_dict() for account in demo_accounts()]
    if args.json:
        print(json.dumps(accounts, indent=2, ensure_ascii=False))
    else:
        for a in accounts:
            print(f"{a['role']:<17} {a['username']:<24} {a['password']:<36} {a['totp_secret']}")
    return 0


def cmd_verify_audit(_args: argparse.Namespace) -> int:
    """Prove every chain (one per employer organisation, and the system chain) with its
    checkpoint; one line per chain, exit 1 naming the first broken chain and number."""
    with transaction() as session:
        report = audit.verify_chain(session, secret=get_settings().secret_key)
    for chain in report.chains:
        verdict = "intact" if chain.ok else f"BROKEN at {chain.first_bad_seq}: {chain.reason}"
        print(f"chain {chain.chain}: {chain.rows} events, {verdict}")
    if report.ok:
        print(f"audit chain intact: {report.rows} events in {len(report.chains)} chains")
        return 0
    if report.first_bad_seq is None:
        return _fail(f"audit log broken: {report.reason}", code=1)
    return _fail(
        f"audit chain {report.chain!r} broken at sequence number {report.first_bad_seq}: "
        f"{report.reason}",
        code=1,
    )


def _cli_context() -> Context:
    settings = get_settings()
    return Context(
        access=audit.CLI,
        now=datetime.now(UTC),
        secret=settings.secret_key,
        origin=settings.public_origin,
    )


def cmd_create_user(args: argparse.Namespace) -> int:
    """Create an account and mail its invitation link (72 hours, single use)."""
    new = NewAccount(
        username=args.username,
        display_name=args.name,
        email=args.email,
        role=Role(args.role),
        organisation_id=args.organisation,
        employee_id=args.employee,
        language=args.language,
    )
    ctx = _cli_context()
    with transaction() as session:
        outcome = enrolment.invite(session, ctx, SYSTEM_ACTOR, new)
        if outcome.ok:
            outbox.enqueue(session, outcome.mails, now=ctx.now, secret=ctx.secret)
    if not outcome.ok:
        return _fail(t(outcome.error, "en"))
    sent = outbox.drain()
    how = "sent" if sent.sent else "queued (the jobs worker sends it)"
    print(f"account {new.username.strip().lower()} created; invitation {how} to {new.email}")
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    ctx = _cli_context()
    with transaction() as session:
        account = login.find_account(session, args.username)
        if account is None:
            return _fail(f"no account {args.username!r}")
        account.locked_at, account.failures_reset_at = None, ctx.now
        session.add(account)
        auth_log(session, ctx, "account_unlocked", account, action=audit.Action.UPDATE)
    print(f"account {args.username} unlocked")
    return 0


def cmd_rotate_key(args: argparse.Namespace) -> int:
    """Reseal every TOTP secret (and the single sign-on client secrets and ID tokens) under
    KWPORTAL_TOTP_KEY, opening the old ones with KWPORTAL_TOTP_KEY_OLD (or --old-key-file):
    one transaction, audited; nothing changes when any secret does not open (an ID token
    that does not open is forgotten)."""
    from kwportal.services.auth import secrets_box
    from kwportal.settings import decode_key

    settings = get_settings()
    ring = secrets_box.keyring(settings)
    if args.old_key_file:
        with open(args.old_key_file, encoding="utf-8") as handle:
            old = decode_key(handle.read())
        if old is None:
            return _fail(f"{args.old_key_file} does not hold a 32-byte base64 key")
        ring = secrets_box.Keyring(ring.current, (*ring.old, old))
    ctx = _cli_context()
    try:
        with transaction() as session:
            done = secrets_box.rotate(session, ring)
            auth_log(
                session,
                ctx,
                "totp_key_rotated",
                None,
                action=audit.Action.UPDATE,
                details={
                    "resealed": done.resealed,
                    "from": list(done.from_keys),
                    "to": done.to_key,
                    "id_tokens_forgotten": done.forgotten,
                },
            )
    except secrets_box.SecretBoxError as error:
        return _fail(f"{error}; nothing was changed")
    forgotten = (
        f"; {done.forgotten} sign-out ID tokens no key opened were forgotten"
        if done.forgotten
        else ""
    )
    print(
        f"{done.resealed} TOTP secrets resealed with key {done.to_key} "
        f"({done.already_current} already were{forgotten}); remove KWPORTAL_TOTP_KEY_OLD now"
    )
    return 0


def cmd_newsletter_send(args: argparse.Namespace) -> int:
    """Send one newsletter issue to every confirmed, unsuppressed subscriber; each mail has
    its own unsubscribe link and the RFC 8058 one-click headers."""
    from pathlib import Path

    from kwportal.services.visitors import newsletter

    issue = newsletter.Issue(
        subject_nl=args.subject_nl,
        body_nl=Path(args.body_nl).read_text(encoding="utf-8"),
        subject_en=args.subject_en or args.subject_nl,
        body_en=Path(args.body_en or args.body_nl).read_text(encoding="utf-8"),
    )
    ctx = _cli_context()
    with transaction() as session:
        mails = newsletter.issue_mails(session, ctx, issue)
        outbox.enqueue(session, mails, now=ctx.now, secret=ctx.secret)
    report = outbox.drain(limit=max(len(mails), outbox.BATCH))
    print(f"newsletter: {len(mails)} mails queued; {report.summary()}")
    return 0


def cmd_jobs(args: argparse.Namespace) -> int:
    """``run``: every job once, now (then exit); ``worker``: the task queue's consumer
    (``make run`` starts it beside the app); ``retry-failed``: mail given up, once more."""
    if args.action == "run":
        for name, summary in jobs.run_due():
            print(f"{name}: {summary}")
        return 0
    if args.action == "retry-failed":
        print(f"{outbox.retry_failed(get_engine(), datetime.now(UTC))} mails back in line")
        return 0
    from kwportal.services.jobs import worker

    return worker.serve(workers=args.workers, stop_with_parent=args.stop_with_parent)


def _progress(label: str) -> Callable[[int, int], None]:
    """A one-line progress bar on stderr for large databases."""

    def show(done: int, total: int) -> None:
        if total < PROGRESS_THRESHOLD:
            return
        filled = int(30 * done / max(total, 1))
        bar = "#" * filled + "." * (30 - filled)
        end = "\n" if done >= total else ""
        print(f"\r{label} [{bar}] {done:,}/{total:,}", end=end, file=sys.stderr, flush=True)

    return show


def cmd_retention(args: argparse.Namespace) -> int:
    today = date.fromisoformat(args.today) if args.today else date.today()
    if args.action == "plan":
        with read_transaction() as session:
            result = retention.plan(session, today=today, progress=_progress("planning"))
        print(f"{result.employees:,} files checked on {today}; {len(result.due):,} due")
        for rule, count in sorted(result.due_by_rule.items()):
            print(f"  due under {rule}: {count:,}")
        for reason, count in sorted(result.held_by_reason.items()):
            print(f"  kept ({reason}): {count:,}")
        print(f"  due within 90 days: {len(result.upcoming):,}")
        if args.list:
            for entry in result.due:
                print(
                    f"{entry.employee_id}\t{entry.personnel_number}\t"
                    f"{entry.decision.destroy_from}\t{retention_desk.desk_rule(entry.decision.rule)}"
                )
        return 0
    settings = get_settings()
    try:
        outcome = retention_run.run(
            get_engine(),
            today=today,
            run_by="cli",
            secret=settings.secret_key,
            batch_size=args.batch,
            progress=_progress("destroying"),
        )
    except retention_run.RunRefusedError as error:
        return _fail(str(error))
    print(
        f"retention run {outcome.run_id}: {outcome.destroyed:,} files destroyed "
        f"in {outcome.batches:,} batches; {outcome.audit_rows_pruned:,} audit rows pruned"
    )
    return 0


def cmd_roster_cleanup(args: argparse.Namespace) -> int:
    """Remove the people stored without any case (issue 17 item 1); ``--dry-run`` counts."""
    from kwportal.services.employer import roster_cleanup

    done = roster_cleanup.cleanup(
        get_engine(),
        secret=get_settings().secret_key,
        dry_run=args.dry_run,
        batch_size=args.batch,
        progress=_progress("checking"),
    )
    print("\n".join(done.summary()))
    return 0


def _jwk_from(path: str, kid: str) -> dict[str, object]:
    """The key ``kid`` from a JWKS (or a single JWK) file."""
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    keys = document.get("keys", [document]) if isinstance(document, dict) else []
    for key in keys:
        if isinstance(key, dict) and (not kid or key.get("kid") in (None, kid)):
            return key
    raise ValueError(f"no key {kid!r} in {path}")


def cmd_verify_receipt(args: argparse.Namespace) -> int:
    """Check a consent receipt (JWS) against our public key or a JWKS file; print its
    ISO/IEC TS 27560 fields. Exit 0 when valid, 1 when not."""
    try:
        with open(args.file, encoding="utf-8") as handle:
            token = handle.read(100_000).strip()
    except OSError as error:
        return _fail(f"cannot read {args.file}: {error.strerror}")
    try:
        jwk = None
        if args.jwks:
            header = json.loads(_b64(token.split(".")[0]))
            jwk = _jwk_from(args.jwks, str(header.get("kid", "")))
        fields = receipts.verify(token, jwk)
    except receipts.ReceiptError as error:
        print(f"INVALID: {t(error.code, 'en')} ({error})")
        return 1
    except (ValueError, OSError) as error:
        print(f"INVALID: {error}")
        return 1
    print("VALID: consent receipt signed by KrachtWerkt")
    for name in (*receipts.REQUIRED_FIELDS, "data_description", "event"):
        value = fields.get(name)
        shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
        print(f"  {name:<16} {shown}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """An encrypted backup of the live database (kwportal/services/backup)."""
    from pathlib import Path

    from kwportal.services.auth import secrets_box
    from kwportal.services.backup import BackupError, make, sealing

    settings = get_settings()
    try:
        made = make.make_backup(
            settings.database_url,
            Path(args.path),
            sealing.lock_for(args.recipient or [], args.passphrase_file),
            secret=settings.secret_key,
            totp_key_id=secrets_box.keyring(settings).current_id,
        )
    except BackupError as error:
        return _fail(str(error))
    print("\n".join(made.summary()))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore a backup into a new, empty database; exit 1 when its audit chain fails."""
    from pathlib import Path

    from kwportal.services.auth import secrets_box
    from kwportal.services.backup import BackupError, restore, sealing

    settings = get_settings()
    try:
        done = restore.restore_backup(
            Path(args.path),
            settings.database_url,
            sealing.key_for(args.identity, args.passphrase_file),
            secret=settings.secret_key,
            totp_key_id=secrets_box.keyring(settings).current_id,
        )
    except BackupError as error:
        return _fail(str(error))
    print("\n".join(done.summary()))
    return 0 if done.ok else _fail(done.failure(), code=1)


def _b64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kwportal")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    seed = sub.add_parser("seed", help="load demo or scale data")
    seed.add_argument("--demo", action="store_true")
    seed.add_argument("--scale", type=int, metavar="N")
    seed.add_argument("--force", action="store_true")
    seed.add_argument("--if-empty", action="store_true", help="seed only an empty database")
    seed.add_argument("--today", help="reference date (YYYY-MM-DD) for deterministic data")
    seed.set_defaults(func=cmd_seed)
    accounts = sub.add_parser("demo-accounts", help="print the demo accounts")
    accounts.add_argument("--json", action="store_true")
    accounts.set_defaults(func=cmd_demo_accounts)
    create = sub.add_parser("create-user", help="create an account and send its invitation")
    create.add_argument("--username", required=True)
    create.add_argument("--name", required=True)
    create.add_argument("--email", required=True)
    create.add_argument(
        "--role", required=True, choices=[r.value for r in Role if r is not Role.SYSTEM]
    )
    create.add_argument("--organisation", type=int)
    create.add_argument("--employee", type=int)
    create.add_argument("--language", default="nl", choices=["nl", "en"])
    create.set_defaults(func=cmd_create_user)
    unlock = sub.add_parser("unlock", help="lift a sign-in lockout")
    unlock.add_argument("username")
    unlock.set_defaults(func=cmd_unlock)
    rotate = sub.add_parser("rotate-key", help="reseal every TOTP secret under the new key")
    rotate.add_argument("--old-key-file", help="a file holding the previous key (base64)")
    rotate.set_defaults(func=cmd_rotate_key)
    keep = sub.add_parser("retention", help="plan or run the destruction of expired files")
    keep.add_argument("action", choices=["plan", "run"])
    keep.add_argument("--list", action="store_true", help="list every file that is due")
    keep.add_argument("--today", help="reference date (YYYY-MM-DD)")
    keep.add_argument("--batch", type=int, default=retention_run.DEFAULT_BATCH)
    keep.set_defaults(func=cmd_retention)
    tidy = sub.add_parser(
        "roster-cleanup", help="remove stored people without a case (only people in care)"
    )
    tidy.add_argument("--dry-run", action="store_true", help="count, change nothing")
    tidy.add_argument("--batch", type=int, default=500)
    tidy.set_defaults(func=cmd_roster_cleanup)
    letter = sub.add_parser("newsletter-send", help="mail a newsletter issue to subscribers")
    letter.add_argument("--subject-nl", required=True)
    letter.add_argument("--body-nl", required=True, help="text file with the Dutch body")
    letter.add_argument("--subject-en")
    letter.add_argument("--body-en", help="text file with the English body")
    letter.set_defaults(func=cmd_newsletter_send)
    verify = sub.add_parser("verify-audit", help="walk the audit hash chain")
    verify.set_defaults(func=cmd_verify_audit)
    receipt = sub.add_parser("verify-receipt", help="check a consent receipt's signature")
    receipt.add_argument("file", help="the downloaded receipt (.jws)")
    receipt.add_argument("--jwks", help="a JWKS or JWK file (default: this portal's own key)")
    receipt.set_defaults(func=cmd_verify_receipt)
    save = sub.add_parser("backup", help="write an encrypted backup of the database")
    save.add_argument("path", help="the backup file, or a directory for a dated one")
    save.add_argument("--recipient", action="append", help="an age public key (age1…)")
    save.add_argument("--passphrase-file", help="a file holding the passphrase")
    save.set_defaults(func=cmd_backup)
    back = sub.add_parser("restore", help="restore a backup into a new, empty database")
    back.add_argument("path", help="the backup file")
    back.add_argument("--identity", help="the file with the age secret key")
    back.add_argument("--passphrase-file", help="a file holding the passphrase")
    back.set_defaults(func=cmd_restore)
    work = sub.add_parser("jobs", help="the task queue: run due jobs once, or be its worker")
    work.add_argument("action", choices=["run", "worker", "retry-failed"])
    work.add_argument("--workers", type=int, default=1, help="worker threads (worker)")
    work.add_argument(
        "--stop-with-parent", action="store_true", help="exit when the starting process ends"
    )
    work.set_defaults(func=cmd_jobs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if not (args.command == "verify-receipt" and args.jwks):
            get_settings().require_secrets()
    except MissingSecretError as error:
        return _fail(str(error))
    func: Callable[[argparse.Namespace], int] = args.func
    return func(args)


if __name__ == "__main__":
    sys.exit(main())
