"""The administrator registers an organisation's sign-in provider (issue 19 item 6): the
client secret sealed at rest and never in the audit row, the form checked on the server,
switching off and on audited; a switched-off provider signs nobody in; old sign-in
attempts are purged with the other sign-in records."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, SingleSignOn, SsoAttempt
from kwportal.services import audit
from kwportal.services.admin import sso as admin_sso
from kwportal.services.admin.common import AdminError
from kwportal.services.auth import housekeeping, secrets_box, sso
from kwportal.services.auth.common import Context
from tests import factories
from tests.conftest import TEST_SECRET

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
CTX = Context(
    access=audit.AccessPoint(ip="127.0.0.1", agent="pytest"),
    now=NOW,
    secret=TEST_SECRET,
    origin="https://portal.example",
)
SECRET = "the-client-secret-of-werkgever-example"


def _form(**changes: str) -> admin_sso.ProviderForm:
    values = {
        "email_domain": "Werkgever.Example",
        "issuer": "https://login.werkgever.example",
        "client_id": "kwportal",
        "client_secret": SECRET,
        "amr_values": "otp, mfa ,hwk",
    }
    return admin_sso.ProviderForm(**{**values, **changes})


def _details(session: Session, event_type: str) -> list[dict[str, object]]:
    rows = session.exec(
        select(AuditEvent).where(AuditEvent.event_type == event_type).order_by(col(AuditEvent.id))
    ).all()
    return [json.loads(r.details or "{}") for r in rows]


def test_register_change_and_switch_off_a_provider(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session, session.begin():
        admin = Actor(factories.account(session, Role.ADMIN).id, Role.ADMIN)
        org = factories.organisation(session)
        admin_sso.save(admin, _form(organisation_id=str(org.id)), session=session, ctx=CTX)
        row = session.exec(select(SingleSignOn)).one()
        assert row.email_domain == "werkgever.example" and row.amr_values == "hwk,mfa,otp"
        assert secrets_box.is_sealed(row.client_secret) and SECRET not in row.client_secret
        assert sso.client_secret(row) == SECRET
        sealed = row.client_secret
        # a change without a secret keeps the stored one; only what changed is audited
        form = _form(sso_id=str(row.id), organisation_id=str(org.id), client_secret="")
        admin_sso.save(admin, replace(form, client_id="kwportal-2"), session=session, ctx=CTX)
        assert row.client_id == "kwportal-2" and row.client_secret == sealed
        created, changed = (
            _details(session, "sso_provider_created"),
            _details(session, "sso_provider_changed"),
        )
        assert created[0]["secret_changed"] is True and "client_secret" not in created[0]
        assert changed == [{"client_id": "kwportal-2", "secret_changed": False}]
        assert SECRET not in json.dumps(created + changed)
        assert sso.find_provider(session, CTX, "hr@werkgever.example") is not None
        admin_sso.set_enabled(admin, str(row.id), False, session=session, ctx=CTX)
        assert sso.find_provider(session, CTX, "hr@werkgever.example") is None
        assert _details(session, "sso_provider_disabled") == [{"enabled": False}]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"email_domain": "not a domain"}, "admin.sso.error.domain"),
        ({"issuer": "https://[::1"}, "admin.sso.error.issuer"),
        ({"issuer": "http://login.werkgever.example"}, "admin.sso.error.issuer"),
        ({"issuer": "https://login.werkgever.example?x=1"}, "admin.sso.error.issuer"),
        ({"client_secret": ""}, "admin.sso.error.client"),
        ({"amr_values": " , "}, "admin.sso.error.mfa"),
        ({"organisation_id": "999999"}, "admin.sso.error.organisation"),
        ({"sso_id": "424242"}, "admin.sso.error.gone"),
    ],
)
def test_the_form_is_checked_on_the_server(
    sqlite_engine: Engine, changes: dict[str, str], code: str
) -> None:
    with Session(sqlite_engine) as session, session.begin():
        admin = Actor(factories.account(session, Role.ADMIN).id, Role.ADMIN)
        with pytest.raises(AdminError) as refused:
            admin_sso.save(admin, _form(**changes), session=session, ctx=CTX)
    assert refused.value.code == code


def test_only_an_admin_registers_and_a_domain_once(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session, session.begin():
        admin = Actor(factories.account(session, Role.ADMIN).id, Role.ADMIN)
        other = Actor(factories.account(session, Role.PRIVACY_OFFICER).id, Role.PRIVACY_OFFICER)
        with pytest.raises(AdminError) as refused:
            admin_sso.save(other, _form(), session=session, ctx=CTX)
        assert refused.value.code == "auth.not_allowed"
        admin_sso.save(admin, _form(), session=session, ctx=CTX)
        with pytest.raises(AdminError) as refused:
            admin_sso.save(admin, _form(email_domain="werkgever.example"), session=session, ctx=CTX)
        assert refused.value.code == "admin.sso.error.domain_taken"


def test_old_sign_in_attempts_are_purged(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session, session.begin():
        admin = Actor(factories.account(session, Role.ADMIN).id, Role.ADMIN)
        admin_sso.save(admin, _form(), session=session, ctx=CTX)
        sso_id = session.exec(select(SingleSignOn.id)).one()
        assert sso_id is not None
        sso.open_attempt(session, CTX, sso_id)
        sso.open_attempt(session, replace(CTX, now=NOW - timedelta(days=2)), sso_id)
        assert housekeeping.purge(session, now=NOW)["sso_attempt"] == 1
        assert len(session.exec(select(SsoAttempt)).all()) == 1


def test_a_key_rotation_reseals_the_client_secrets(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session, session.begin():
        admin = Actor(factories.account(session, Role.ADMIN).id, Role.ADMIN)
        admin_sso.save(admin, _form(), session=session, ctx=CTX)
        row = session.exec(select(SingleSignOn)).one()
        old = secrets_box.keyring()
        new = secrets_box.Keyring(os.urandom(32), (old.current,))
        assert secrets_box.rotate(session, new).resealed == 1
        assert secrets_box.sealed_key_id(row.client_secret) == new.current_id
        assert new.open(row.client_secret, aad=secrets_box.sso_client_aad(row.id)) == SECRET
