"""The administrator registers an organisation's sign-in provider (issue 19 item 6): the
client secret sealed at rest and never in the audit row, the form checked on the server,
switching off and on audited; a switched-off provider signs nobody in; old sign-in
attempts are purged with the other sign-in records; the page shows the two addresses to
register at the provider; ``kwportal rotate-key`` reseals the client secrets and the ID
tokens kept for the logout."""

from __future__ import annotations

import base64
import html
import json
import os
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal import cli, settings
from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.models import AuditEvent, LoginSession, SingleSignOn, SsoAttempt, SsoSession
from kwportal.services import audit
from kwportal.services.admin import sso as admin_sso
from kwportal.services.admin.common import AdminError
from kwportal.services.auth import housekeeping, login, oidc, secrets_box, sso
from kwportal.services.auth.common import Context
from kwportal.settings import decode_key
from kwportal.ui import routes as paths
from kwportal.ui.api import auth, sso_logout
from kwportal.ui.api import sso as sso_routes
from kwportal.ui.api.http import SESSION_COOKIE
from kwportal.ui.pages.admin.sso import AdminSsoState
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import (
    CHEAP_HASH,
    ORIGIN,
    cheap_argon2,  # noqa: F401 - fixture
    ctx,
    enrolled,
    events,
    new_enrolled,
    sign_in,
)
from tests.integration.served import portal_database, reset_cached, route_client
from tests.integration.state_driver import call, page_state

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


# --- the page: what to register at the provider --------------------------------------------


@pytest.mark.usefixtures("cheap_argon2")
def test_the_page_shows_the_addresses_to_register_at_the_provider(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The redirect URI and the post-logout redirect URI, from the public origin, exactly
    the ones the sign-in and the logout send to the provider; only for the administrator."""
    with portal_database(tmp_path, monkeypatch) as engine:
        _id, name, secret = new_enrolled(engine, CHEAP_HASH, role=Role.ADMIN)
        _eid, ename, esecret = new_enrolled(engine, CHEAP_HASH, role=Role.EMPLOYEE)
        now = datetime.now(UTC)
        admin = page_state(AdminSsoState, sign_in(engine, name, secret, now), url=ORIGIN)
        other = page_state(AdminSsoState, sign_in(engine, ename, esecret, now), url=ORIGIN)

        call(admin, "load")
        assert admin.redirect_uri == "http://localhost:3000/api/sso/callback"
        assert admin.post_logout_uri == "http://localhost:3000/api/sso/signed-out"
        assert admin.redirect_uri == sso_routes._redirect_uri()
        assert admin.post_logout_uri == sso_logout.post_logout_redirect_uri()
        call(other, "load")
        assert other.redirect_uri == "" and other.post_logout_uri == ""

        # another origin (http here: over https the session cookie is __Host-kw_session)
        monkeypatch.setenv("KWPORTAL_PUBLIC_ORIGIN", "http://portaal.arbo.example:8080")
        settings.get_settings.cache_clear()
        call(admin, "load")
        assert admin.redirect_uri == "http://portaal.arbo.example:8080/api/sso/callback"
        assert admin.post_logout_uri == "http://portaal.arbo.example:8080/api/sso/signed-out"
        assert admin.post_logout_uri == sso_logout.post_logout_redirect_uri()


def test_the_addresses_are_labelled_code_that_wraps() -> None:
    """Plain text to copy: each address a <code> under its label (dt/dd, in both
    languages), in a card whose code wraps anywhere (a phone 360 px wide shows it whole)."""
    from kwportal.ui.pages.admin import sso as page

    drawn = str(page._register_at_provider())
    for key, state_var in (
        ("admin.sso.redirect_uri", "redirect_uri"),
        ("admin.sso.post_logout_uri", "post_logout_uri"),
    ):
        label, code = t(key, "nl"), t(key, "en")
        assert label != code and label in drawn and code in drawn
        found = re.search(r'jsx\("code",\{[^}]*\},[^)]*\.' + state_var + "_rx_state_", drawn)
        assert found is not None and drawn.index(code) < found.start()
    assert drawn.count('jsx("code"') == 2 and "sso-uris" in drawn
    css = (Path(__file__).parents[2] / "assets" / "kwportal.css").read_text()
    assert re.search(r"\.sso-uris code[^{]*\{[^}]*overflow-wrap: anywhere", css)


# --- kwportal rotate-key: the ID tokens kept for the logout ----------------------------------

OLD_KEY = base64.b64encode(os.urandom(32)).decode()
NEW_KEY = base64.b64encode(os.urandom(32)).decode()
ISSUER = "https://login.werkgever.example"
EMAIL = "hr@werkgever.example"
#: what a provider's ID token looks like to the portal (it only keeps and sends it back)
ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJociJ9.c2lnbmF0dXJlLW9mLXRoZS1wcm92aWRlcg"


def _keys(monkeypatch: pytest.MonkeyPatch, current: str, old: str | None) -> None:
    monkeypatch.setenv("KWPORTAL_TOTP_KEY", current)
    if old is None:
        monkeypatch.delenv("KWPORTAL_TOTP_KEY_OLD", raising=False)
    else:
        monkeypatch.setenv("KWPORTAL_TOTP_KEY_OLD", old)
    reset_cached()


def _kept(engine: Engine) -> list[SsoSession]:
    with Session(engine) as session:
        return list(session.exec(select(SsoSession)).all())


def _signed_in_through_the_provider(engine: Engine) -> tuple[int, str]:
    """A provider and a session it opened (second factor proven), its ID token kept."""
    with transaction(engine) as session:
        org = factories.organisation(session)
        enrolled(session, CHEAP_HASH, Role.EMPLOYER_CONTACT, organisation_id=org.id, email=EMAIL)
        row = SingleSignOn(
            organisation_id=org.id,
            email_domain="werkgever.example",
            issuer=ISSUER,
            client_id="kwportal",
            client_secret="",
        )
        session.add(row)
        session.flush()
        sso.set_client_secret(row, SECRET)
        session.add(row)
        assert row.id is not None
        sso_id = row.id
    claims = {"email": EMAIL, "email_verified": True, "amr": ["mfa"]}
    with transaction(engine) as session:
        outcome = sso.sign_in(session, ctx(datetime.now(UTC)), sso_id, claims, ID_TOKEN)
    assert outcome.token and not outcome.error
    return sso_id, outcome.token


def test_rotate_key_reseals_the_kept_id_tokens_and_the_logout_still_sends_the_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sealed under the old key, resealed by ``kwportal rotate-key``; with the old key gone
    the ID token still opens and the logout still carries it as ``id_token_hint``."""
    old, new = decode_key(OLD_KEY), decode_key(NEW_KEY)
    assert old is not None and new is not None
    monkeypatch.setenv("KWPORTAL_TOTP_KEY", OLD_KEY)
    with portal_database(tmp_path, monkeypatch, unset=("KWPORTAL_TOTP_KEY_OLD",)) as engine:
        sso_id, token = _signed_in_through_the_provider(engine)
        (before,) = _kept(engine)
        assert secrets_box.sealed_key_id(before.id_token) == secrets_box.key_id(old)

        _keys(monkeypatch, NEW_KEY, OLD_KEY)
        assert cli.main(["rotate-key"]) == 0
        # the account's TOTP secret, the provider's client secret and the ID token
        assert "3 TOTP secrets resealed" in capsys.readouterr().out
        [event] = events(engine, "totp_key_rotated")
        assert event.details and '"id_tokens_forgotten":0' in event.details.replace(" ", "")
        assert ID_TOKEN.split(".")[1] not in event.details

        _keys(monkeypatch, NEW_KEY, None)  # the old key is dropped
        (after,) = _kept(engine)
        aad = sso.id_token_aad(after.login_session_id)
        assert secrets_box.sealed_key_id(after.id_token) == secrets_box.key_id(new)
        assert secrets_box.keyring().open(after.id_token, aad=aad) == ID_TOKEN
        with pytest.raises(secrets_box.SecretBoxError):
            secrets_box.Keyring(old).open(after.id_token, aad=aad)
        with Session(engine) as session:
            provider_row = session.get(SingleSignOn, sso_id)
            assert provider_row is not None and sso.client_secret(provider_row) == SECRET

        found = oidc.Provider(
            issuer=ISSUER,
            authorization_endpoint=ISSUER + "/auth",
            token_endpoint=ISSUER + "/token",
            jwks_uri=ISSUER + "/jwks",
            end_session_endpoint=ISSUER + "/session/end",
        )
        monkeypatch.setattr(sso_logout.oidc, "discover", lambda issuer: found)
        with route_client([*auth.routes(), *sso_routes.routes()]) as client:
            client.cookies.set(SESSION_COOKIE, token)
            answer = client.post(paths.API_LOGOUT, headers={"Origin": ORIGIN})
        assert answer.status_code == 200, answer.text[:300]
        onward = re.search(r'<meta http-equiv="refresh" content="0;url=([^"]+)">', answer.text)
        assert onward is not None
        end = html.unescape(onward.group(1))
        assert end.startswith(ISSUER + "/session/end?")
        query = parse_qs(urlsplit(end).query)
        assert query["id_token_hint"] == [ID_TOKEN] and query["client_id"] == ["kwportal"]
        assert json.loads(events(engine, "sso_logout")[0].details or "{}") == {
            "sso": sso_id,
            "at_provider": True,
            "hint": True,
        }
        assert not _kept(engine)


def test_an_id_token_no_key_opens_is_forgotten_not_a_failed_rotation(engine: Engine) -> None:
    """An ID token sealed under a key long gone (it only spares the user a prompt at the
    provider) does not block the rotation of everything else: it is forgotten."""
    with Session(engine) as session, session.begin():
        admin = Actor(factories.account(session, Role.ADMIN).id, Role.ADMIN)
        admin_sso.save(admin, _form(), session=session, ctx=CTX)
        sso_id = session.exec(select(SingleSignOn.id)).one()
        account_id = factories.account(session, Role.EMPLOYER_CONTACT).id
        assert sso_id is not None and account_id is not None
        old = secrets_box.keyring()
        lost = secrets_box.Keyring(os.urandom(32))
        rows = []
        for index, ring in enumerate((old, lost)):
            login_row = LoginSession(
                token_hash=str(index) * 64, account_id=account_id, stage=login.STAGE_ACTIVE
            )
            session.add(login_row)
            session.flush()
            sealed = ring.seal(ID_TOKEN, aad=sso.id_token_aad(login_row.id))
            rows.append(SsoSession(login_session_id=login_row.id, sso_id=sso_id, id_token=sealed))
        session.add_all(rows)
        session.flush()
        new = secrets_box.Keyring(os.urandom(32), (old.current,))

        done = secrets_box.rotate(session, new)

        assert (done.resealed, done.forgotten, done.already_current) == (2, 1, 0)
        assert done.from_keys == (old.current_id,)  # the lost key is not reported as moved
        kept, forgotten = rows
        assert new.open(kept.id_token, aad=sso.id_token_aad(kept.login_session_id)) == ID_TOKEN
        assert forgotten.id_token == ""
        again = secrets_box.rotate(session, new)
        assert (again.resealed, again.forgotten, again.already_current) == (0, 0, 2)
