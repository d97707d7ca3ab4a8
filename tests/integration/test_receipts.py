"""Consent receipts: a JWS with the ISO/IEC TS 27560 fields, one per grant and withdrawal,
served to the employee alone, and checked by ``kwportal verify-receipt``."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from kwportal import cli, db
from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.migrate import upgrade
from kwportal.models import ConsentReceipt
from kwportal.services import audit, signing
from kwportal.services.employee import receipts
from kwportal.services.retention import consent as retention_consent
from kwportal.settings import _new_signing_key
from kwportal.ui.api import downloads
from kwportal.ui.api.http import SESSION_COOKIE
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import CHEAP_HASH, cheap_argon2, new_enrolled, sign_in
from tests.integration.served import reset_cached

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
__all__ = ["cheap_argon2"]


def _granted(session: Session) -> tuple[Actor, str]:
    org = factories.organisation(session)
    person = factories.employee(session, org)
    me = Actor(1, Role.EMPLOYEE, org.id, person.id)
    consent_id = retention_consent.grant(
        session, me, until=date(2040, 1, 1), now=NOW, access=WEB, secret=TEST_SECRET
    )
    receipt = session.exec(
        select(ConsentReceipt).where(ConsentReceipt.consent_id == consent_id)
    ).one()
    return me, receipt.token


def test_a_receipt_holds_the_27560_fields_and_verifies(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session, session.begin():
        me, token = _granted(session)
    fields = receipts.verify(token)
    for name in receipts.REQUIRED_FIELDS:
        assert fields[name] not in ("", None, []), name
    assert fields["subject"] == f"urn:kwportal:employee:{me.employee_id}"
    assert fields["controller"]["name"] == "KrachtWerkt BV"
    assert fields["legal_basis"].startswith("AVG art. 6")
    assert fields["timestamp"] == "2026-11-28T12:00:00+00:00"
    header, _ = signing.verify(token)
    assert header["typ"] == receipts.RECEIPT_TYP


def _tamper(token: str) -> str:
    head, body, sig = token.split(".")
    fields = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    fields["state"] = "withdrawn"
    forged = base64.urlsafe_b64encode(json.dumps(fields).encode()).rstrip(b"=").decode()
    return f"{head}.{forged}.{sig}"


def test_a_tampered_or_foreign_receipt_is_refused(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session, session.begin():
        _, token = _granted(session)
    with pytest.raises(receipts.ReceiptError) as tampered:
        receipts.verify(_tamper(token))
    assert tampered.value.code == "receipt.bad_signature"
    other = signing.sign({"record_id": "x"}, typ=receipts.RECEIPT_TYP, pem=_new_signing_key())
    with pytest.raises(receipts.ReceiptError):
        receipts.verify(other)
    not_a_receipt = signing.sign({"a": 1}, typ="kwportal-manifest+jws")
    with pytest.raises(receipts.ReceiptError) as wrong:
        receipts.verify(not_a_receipt)
    assert wrong.value.code == "receipt.not_a_receipt"


def test_cli_verify_receipt(
    sqlite_engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Session(sqlite_engine) as session, session.begin():
        _, token = _granted(session)
    good = tmp_path / "receipt.jws"
    good.write_text(token + "\n")
    assert cli.main(["verify-receipt", str(good)]) == 0
    assert "VALID" in capsys.readouterr().out
    bad = tmp_path / "tampered.jws"
    bad.write_text(_tamper(token))
    assert cli.main(["verify-receipt", str(bad)]) == 1
    assert "INVALID" in capsys.readouterr().out
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps(signing.public_jwks()))
    assert cli.main(["verify-receipt", str(good), "--jwks", str(jwks)]) == 0
    strange = tmp_path / "other.json"
    strange.write_text(json.dumps(signing.public_jwks(_new_signing_key())))
    assert cli.main(["verify-receipt", str(good), "--jwks", str(strange)]) == 1
    assert cli.main(["verify-receipt", str(tmp_path / "missing.jws")]) == 2


@pytest.mark.usefixtures("cheap_argon2")
def test_the_download_route_serves_only_ones_own_receipt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KWPORTAL_DATABASE_URL", f"sqlite:///{tmp_path / 'r.db'}")
    monkeypatch.setenv("KWPORTAL_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("KWPORTAL_DEMO", raising=False)
    reset_cached()
    try:
        engine = db.get_engine()
        upgrade(engine, secret=TEST_SECRET)
        with transaction(engine) as session:
            org = factories.organisation(session)
            mine, theirs = factories.employee(session, org), factories.employee(session, org)
            ids = {}
            for person in (mine, theirs):
                actor = Actor(None, Role.EMPLOYEE, org.id, person.id)
                consent = retention_consent.grant(
                    session, actor, until=date(2040, 1, 1), now=NOW, access=WEB, secret="s"
                )
                ids[person.id] = session.exec(
                    select(ConsentReceipt.id).where(ConsentReceipt.consent_id == consent)
                ).one()
        _, username, secret = new_enrolled(engine, CHEAP_HASH, employee_id=mine.id)
        token = sign_in(engine, username, secret, datetime.now(UTC))
        client = TestClient(Starlette(routes=downloads.routes()), raise_server_exceptions=False)
        cookie = {"Cookie": f"{SESSION_COOKIE}={token}"}
        own = client.get(downloads.receipt_href(ids[mine.id]), headers=cookie)
        assert own.status_code == 200
        assert "attachment" in own.headers["content-disposition"]
        assert receipts.verify(own.text)["subject"] == f"urn:kwportal:employee:{mine.id}"
        other = client.get(downloads.receipt_href(ids[theirs.id]), headers=cookie)
        assert other.status_code == 404
        anonymous = client.get(downloads.receipt_href(ids[mine.id]))
        assert anonymous.status_code == 401
    finally:
        reset_cached()
