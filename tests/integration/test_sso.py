"""Single sign-on against a real, certified OpenID provider (panva's oidc-provider on
loopback, tests/e2e/oidc_provider.py; issue 19 item 6): the portal's routes in-process, the
provider a Node process, the browser played by HTTP clients. Every refusal case: wrong
issuer, replayed code and reused state, an expired ID token, a missing MFA claim, an
uninvited address, a state without its cookie; logout, here and at the provider (RP-Initiated
Logout: ``id_token_hint``, the way back, its state); and the limits per client address."""

from __future__ import annotations

import base64
import dataclasses
import html
import json
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from kwportal.db import transaction
from kwportal.domain import throttle
from kwportal.domain.roles import Role
from kwportal.models import (
    Account,
    AuditEvent,
    AuthFailure,
    LoginSession,
    SingleSignOn,
    SsoAttempt,
    SsoSession,
)
from kwportal.services.auth import housekeeping, login, oidc, secrets_box, sso
from kwportal.ui import routes as paths
from kwportal.ui.api import auth, sso_logout
from kwportal.ui.api import sso as sso_routes
from kwportal.ui.api.http import SESSION_COOKIE
from tests import factories
from tests.conftest import TEST_SECRET
from tests.e2e import oidc_provider
from tests.integration.auth_helpers import CHEAP_HASH, ORIGIN, code_at, ctx, enrolled, events
from tests.integration.served import portal_database, redirect_target, route_client

CALLBACK = ORIGIN + paths.API_SSO_CALLBACK
SIGNED_OUT = ORIGIN + paths.API_SSO_SIGNED_OUT
DOMAIN = "werkgever.example"


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[oidc_provider.TestProvider]:
    log = Path(tmp_path_factory.mktemp("oidc")) / "provider.log"
    with oidc_provider.running([CALLBACK], log, [SIGNED_OUT]) as running:
        yield running


@dataclasses.dataclass
class World:
    engine: Engine
    client: TestClient
    provider: oidc_provider.TestProvider
    sso_id: int
    account_id: int
    email: str
    totp: str


def register(engine: Engine, issuer: str, organisation_id: int | None, domain: str) -> int:
    with transaction(engine) as session:
        row = SingleSignOn(
            organisation_id=organisation_id,
            email_domain=domain,
            issuer=issuer,
            client_id=oidc_provider.CLIENT_ID,
            client_secret="",
        )
        session.add(row)
        session.flush()
        sso.set_client_secret(row, oidc_provider.CLIENT_SECRET)
        session.add(row)
        assert row.id is not None
        return row.id


@pytest.fixture
def world(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, provider: oidc_provider.TestProvider
) -> Iterator[World]:
    with portal_database(tmp_path, monkeypatch, unset=("KWPORTAL_SMTP_HOST",)) as engine:
        with transaction(engine) as session:
            org = factories.organisation(session)
            email = f"hr@{DOMAIN}"
            account, totp = enrolled(
                session, CHEAP_HASH, Role.EMPLOYER_CONTACT, organisation_id=org.id, email=email
            )
            org_id, account_id = org.id, account.id
        assert account_id is not None
        sso_id = register(engine, provider.issuer, org_id, DOMAIN)
        with route_client([*auth.routes(), *sso_routes.routes()]) as client:
            yield World(engine, client, provider, sso_id, account_id, email, totp)


def onward(answer: httpx.Response) -> str:
    """The provider's URL that a portal page sends the browser on to."""
    assert answer.status_code == 200, answer.text[:300]
    found = re.search(r'<meta http-equiv="refresh" content="0;url=([^"]+)">', answer.text)
    assert found is not None
    return html.unescape(found.group(1))


def start(world: World, email: str) -> str:
    """The sign-in page's form: the provider's authorisation URL the portal sends to."""
    return onward(
        world.client.post(paths.API_SSO_START, data={"email": email}, headers={"Origin": ORIGIN})
    )


def come_back(world: World, email: str, *, mfa: bool, browser: httpx.Client | None = None) -> str:
    url = start(world, email)
    return world.provider.sign_in(url, email, mfa=mfa, stop_at=CALLBACK, browser=browser)


def callback(world: World, url: str) -> tuple[str, dict[str, list[str]]]:
    return redirect_target(world.client.get(url.removeprefix(ORIGIN)))


def details(engine: Engine, event_type: str) -> list[dict[str, object]]:
    return [json.loads(e.details or "{}") for e in events(engine, event_type)]


def refusals(engine: Engine) -> list[object]:
    return [d.get("reason") for d in details(engine, "sso_refused")]


def test_the_authorisation_request_carries_state_nonce_and_pkce(world: World) -> None:
    query = oidc_provider.query_of(start(world, world.email))
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43
    assert query["state"] and query["nonce"] and query["state"] != query["nonce"]
    assert query["scope"] == "openid email" and query["client_id"] == oidc_provider.CLIENT_ID


def test_mfa_proven_by_the_provider_gives_a_full_session(world: World) -> None:
    url = come_back(world, world.email, mfa=True)
    assert callback(world, url) == (paths.PORTAL, {})
    with Session(world.engine) as session:
        rows = session.exec(
            select(LoginSession).where(LoginSession.account_id == world.account_id)
        ).all()
    assert [r.stage for r in rows] == [login.STAGE_ACTIVE]
    assert world.client.cookies.get(SESSION_COOKIE)
    assert details(world.engine, "sso_login") == [{"sso": world.sso_id, "mfa": True}]
    code = oidc_provider.query_of(url)["code"]
    with Session(world.engine) as session:
        logged = " ".join(str(e.details) for e in session.exec(select(AuditEvent)).all())
    assert code not in logged and oidc_provider.CLIENT_SECRET not in logged


def test_without_an_mfa_claim_the_portal_asks_its_own_code(world: World) -> None:
    url = come_back(world, world.email, mfa=False)
    assert callback(world, url)[0] == paths.LOGIN_CODE
    answer = world.client.post(
        paths.API_CODE,
        data={"code": code_at(world.totp, datetime.now(UTC))},
        headers={"Origin": ORIGIN},
    )
    assert redirect_target(answer)[0] == paths.PORTAL
    assert details(world.engine, "sso_login_code_owed") == [{"sso": world.sso_id, "mfa": False}]


def test_a_wrong_issuer_is_refused(world: World) -> None:
    """Registered as localhost while the provider calls itself 127.0.0.1: discovery
    refuses; and an ID token whose ``iss`` is not the registered issuer is refused."""
    port = world.provider.issuer.rsplit(":", 1)[1]
    with transaction(world.engine) as session:
        row = session.get(SingleSignOn, world.sso_id)
        assert row is not None
        row.issuer = f"http://localhost:{port}"
        session.add(row)
    answer = world.client.post(
        paths.API_SSO_START, data={"email": world.email}, headers={"Origin": ORIGIN}
    )
    assert redirect_target(answer) == (paths.LOGIN, {"e": ["auth.sso_unavailable"]})
    assert refusals(world.engine) == ["issuer_mismatch"]
    with pytest.raises(oidc.OidcError, match="issuer_mismatch"):
        oidc.discover(f"http://localhost:{port}")


def _exchange(world: World, url: str) -> dict[str, object]:
    query = oidc_provider.query_of(url)
    return oidc.exchange(
        oidc.discover(world.provider.issuer),
        client_id=oidc_provider.CLIENT_ID,
        client_secret=oidc_provider.CLIENT_SECRET,
        redirect_uri=CALLBACK,
        code=query["code"],
        verifier=oidc.derived(TEST_SECRET, query["state"], "pkce"),
    )


def test_an_id_token_from_another_issuer_or_nonce_is_refused(world: World) -> None:
    url = come_back(world, world.email, mfa=True)
    token = _exchange(world, url)
    found = oidc.discover(world.provider.issuer)
    state = oidc_provider.query_of(url)["state"]
    nonce = oidc.derived(TEST_SECRET, state, "nonce")
    now = int(time.time())
    claims = oidc.id_token_claims(
        found, token, client_id=oidc_provider.CLIENT_ID, nonce=nonce, now=now
    )
    assert claims["email"] == world.email
    other = dataclasses.replace(found, issuer="https://idp.elsewhere.example")
    for provider, client_id, used_nonce, reason in (
        (other, oidc_provider.CLIENT_ID, nonce, "claim_iss"),
        (found, "another-client", nonce, "claim_aud"),
        (found, oidc_provider.CLIENT_ID, "another-nonce", "claim_nonce"),
    ):
        with pytest.raises(oidc.OidcError, match=reason):
            oidc.id_token_claims(provider, token, client_id=client_id, nonce=used_nonce, now=now)


def test_a_replayed_code_and_a_reused_state_are_refused(world: World) -> None:
    url = come_back(world, world.email, mfa=True)
    state_cookie = world.client.cookies.get(paths.SSO_COOKIE)
    assert state_cookie == oidc_provider.query_of(url)["state"]
    assert callback(world, url)[0] == paths.PORTAL
    assert world.client.cookies.get(paths.SSO_COOKIE) is None  # answered: the cookie goes
    world.client.cookies.set(paths.SSO_COOKIE, state_cookie)  # replayed with it, even so
    assert callback(world, url) == (paths.LOGIN, {"e": ["auth.sso_refused"]})
    assert refusals(world.engine) == ["state_reused"]
    # the provider refuses a code it already answered, PKCE verifier or not
    url = come_back(world, world.email, mfa=True)
    _exchange(world, url)
    with pytest.raises(oidc.OidcError, match="token_refused:invalid_grant"):
        _exchange(world, url)
    assert callback(world, url) == (paths.LOGIN, {"e": ["auth.sso_refused"]})
    assert refusals(world.engine)[-1] == "token_refused:invalid_grant"


def test_a_state_without_its_cookie_is_refused(world: World) -> None:
    """Another browser (or a forged link) cannot finish someone else's sign-in."""
    url = come_back(world, world.email, mfa=True)
    world.client.cookies.clear()
    assert callback(world, url) == (paths.LOGIN, {"e": ["auth.sso_refused"]})
    assert refusals(world.engine) == ["state_mismatch"]
    assert not events(world.engine, "sso_login")


def test_an_expired_id_token_is_refused(world: World) -> None:
    url = come_back(world, world.email, mfa=True)
    world.provider.skew(-2 * 3600)  # the provider mints the token two hours in the past
    try:
        assert callback(world, url) == (paths.LOGIN, {"e": ["auth.sso_refused"]})
    finally:
        world.provider.skew(0)
    assert refusals(world.engine) == ["claim_exp"]


def test_an_uninvited_address_is_refused_and_no_account_is_made(world: World) -> None:
    def accounts() -> int:
        with Session(world.engine) as session:
            return int(session.exec(select(func.count()).select_from(Account)).one())

    before = accounts()
    for email in (f"nieuw@{DOMAIN}", f"unverified-hr@{DOMAIN}"):
        url = come_back(world, email, mfa=True)
        assert callback(world, url) == (paths.LOGIN, {"e": ["auth.sso_not_invited"]})
    assert accounts() == before
    assert refusals(world.engine) == ["not_invited", "email_unverified"]
    answer = world.client.post(
        paths.API_SSO_START, data={"email": "iemand@elders.example"}, headers={"Origin": ORIGIN}
    )
    assert redirect_target(answer) == (paths.LOGIN, {"e": ["auth.sso_no_provider"]})


def kept(engine: Engine) -> list[SsoSession]:
    with Session(engine) as session:
        return list(session.exec(select(SsoSession)).all())


def payload(jwt: str) -> dict[str, object]:
    body = jwt.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))))


def test_logout_ends_the_portal_session(world: World) -> None:
    """RP-Initiated Logout 1.0: the portal session ends first (as for everyone), then the
    browser goes on to the provider's end_session_endpoint with the ID token it issued,
    the client, the registered way back and a state; the provider signs out there and
    sends the browser back to the portal's sign-in page, "signed out" there too."""
    with httpx.Client(timeout=10) as browser:
        url = come_back(world, world.email, mfa=True, browser=browser)
        assert callback(world, url)[0] == paths.PORTAL
        assert world.provider.signed_in(browser)
        assert len(kept(world.engine)) == 1
        answer = world.client.post(paths.API_LOGOUT, headers={"Origin": ORIGIN})
        assert answer.headers["cache-control"] == "no-store"
        end = onward(answer)
        assert world.client.cookies.get(SESSION_COOKIE) is None
        with Session(world.engine) as session:
            row = session.exec(
                select(LoginSession).where(LoginSession.account_id == world.account_id)
            ).one()
        assert row.ended_at is not None and row.end_reason == "logout"
        assert details(world.engine, "session_end") == [{"reason": "logout", "session": row.id}]
        query = oidc_provider.query_of(end)
        assert end.startswith(world.provider.issuer + "/session/end?")
        hint = payload(query["id_token_hint"])
        assert hint["aud"] == oidc_provider.CLIENT_ID and hint["sub"] == world.email
        assert hint["iss"] == world.provider.issuer
        assert query["client_id"] == oidc_provider.CLIENT_ID
        assert query["post_logout_redirect_uri"] == SIGNED_OUT
        assert query["state"] == world.client.cookies.get(paths.SSO_OUT_COOKIE)
        assert not kept(world.engine)  # taken, and gone
        assert details(world.engine, "sso_logout") == [
            {"sso": world.sso_id, "at_provider": True, "hint": True}
        ]
        back = world.provider.log_out(end, browser)
        assert not world.provider.signed_in(browser)
    assert back.startswith(SIGNED_OUT)
    assert oidc_provider.query_of(back) == {"state": query["state"]}
    assert callback(world, back) == (paths.LOGIN, {"e": ["auth.sso_logged_out"]})
    assert world.client.cookies.get(paths.SSO_OUT_COOKIE) is None
    # the way back proves nothing by itself: without this browser's state, plain "signed out"
    forged = world.client.get(paths.API_SSO_SIGNED_OUT, params={"state": query["state"]})
    assert redirect_target(forged) == (paths.LOGIN, {"e": ["auth.logged_out"]})
    # a second logout (an old tab) has nothing left to send
    again = world.client.post(paths.API_LOGOUT, headers={"Origin": ORIGIN})
    assert redirect_target(again) == (paths.LOGIN, {"e": ["auth.logged_out"]})
    logged = " ".join(str(e.details) for e in events(world.engine, "sso_logout"))
    assert query["id_token_hint"] not in logged and query["state"] not in logged


def test_without_an_end_session_endpoint_the_logout_stays_local(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = come_back(world, world.email, mfa=True)
    assert callback(world, url)[0] == paths.PORTAL
    found = oidc.discover(world.provider.issuer)
    assert found.end_session_endpoint == world.provider.issuer + "/session/end"
    assert not oidc.end_session_url(
        dataclasses.replace(found, end_session_endpoint=""),
        client_id=oidc_provider.CLIENT_ID,
        id_token_hint="x",
        post_logout_redirect_uri=SIGNED_OUT,
        state="s",
        ui_locales="nl",
    )
    monkeypatch.setattr(
        sso_logout.oidc,
        "discover",
        lambda issuer: dataclasses.replace(found, end_session_endpoint=""),
    )
    answer = world.client.post(paths.API_LOGOUT, headers={"Origin": ORIGIN})
    assert redirect_target(answer) == (paths.LOGIN, {"e": ["auth.logged_out"]})
    assert world.client.cookies.get(SESSION_COOKIE) is None
    assert world.client.cookies.get(paths.SSO_OUT_COOKIE) is None
    assert not kept(world.engine)
    assert details(world.engine, "sso_logout") == [
        {"sso": world.sso_id, "at_provider": True, "hint": True}
    ]
    with Session(world.engine) as session:
        row = session.exec(
            select(LoginSession).where(LoginSession.account_id == world.account_id)
        ).one()
    assert row.end_reason == "logout"


def test_an_unreachable_provider_leaves_the_logout_local(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = come_back(world, world.email, mfa=True)
    assert callback(world, url)[0] == paths.PORTAL

    def down(issuer: str) -> oidc.Provider:
        raise oidc.OidcError("discovery_failed")

    monkeypatch.setattr(sso_logout.oidc, "discover", down)
    answer = world.client.post(paths.API_LOGOUT, headers={"Origin": ORIGIN})
    assert redirect_target(answer) == (paths.LOGIN, {"e": ["auth.logged_out"]})
    assert refusals(world.engine) == ["logout_discovery_failed"]
    with Session(world.engine) as session:  # not the client's doing: not counted against it
        assert not session.exec(select(AuthFailure)).all()


def test_logout_everywhere_ends_every_session_and_forgets_every_id_token(world: World) -> None:
    for _ in range(2):
        url = come_back(world, world.email, mfa=True)
        assert callback(world, url)[0] == paths.PORTAL
    assert len(kept(world.engine)) == 2
    answer = world.client.post(paths.API_LOGOUT_EVERYWHERE, headers={"Origin": ORIGIN})
    query = oidc_provider.query_of(onward(answer))
    assert query["post_logout_redirect_uri"] == SIGNED_OUT and query["id_token_hint"]
    assert not kept(world.engine)
    with Session(world.engine) as session:
        rows = session.exec(
            select(LoginSession).where(LoginSession.account_id == world.account_id)
        ).all()
    assert sorted(r.end_reason or "" for r in rows) == ["logout_everywhere"] * 2


def test_a_password_sign_in_logs_out_here_only(world: World) -> None:
    """No single sign-on, nothing kept, the logout as it always was."""
    with transaction(world.engine) as session:
        other = session.get(Account, world.account_id)
        assert other is not None
        token = login._open_session(session, ctx(datetime.now(UTC)), other, login.STAGE_ACTIVE)
    world.client.cookies.set(SESSION_COOKIE, token)
    answer = world.client.post(paths.API_LOGOUT, headers={"Origin": ORIGIN})
    assert redirect_target(answer) == (paths.LOGIN, {"e": ["auth.logged_out"]})
    assert not events(world.engine, "sso_logout")


def test_the_id_token_is_kept_sealed_and_bound_to_its_session(world: World) -> None:
    """The ID token is stored only sealed (AES-GCM under the TOTP key), opens only for its
    own session row, and is in no audit record, cookie or page."""
    url = come_back(world, world.email, mfa=True)
    answer = world.client.get(url.removeprefix(ORIGIN))
    assert redirect_target(answer)[0] == paths.PORTAL
    (row,) = kept(world.engine)
    ring = secrets_box.keyring()
    raw = ring.open(row.id_token, aad=sso.id_token_aad(row.login_session_id))
    assert payload(raw)["email"] == world.email and raw.count(".") == 2
    assert secrets_box.is_sealed(row.id_token) and raw not in row.id_token
    assert not any(part in row.id_token for part in raw.split("."))
    with pytest.raises(secrets_box.SecretBoxError):  # copied to another session: no
        ring.open(row.id_token, aad=sso.id_token_aad(row.login_session_id + 1))
    with Session(world.engine) as session:
        logged = " ".join(str(e.details) for e in session.exec(select(AuditEvent)).all())
        stored = " ".join(
            str(v)
            for r in session.exec(select(LoginSession)).all()
            for v in r.model_dump().values()
        )
    assert raw.split(".")[1] not in logged and raw.split(".")[1] not in stored
    assert raw not in answer.text and raw not in str(answer.headers)
    assert all(raw not in value for value in world.client.cookies.values())


def test_starts_are_limited_per_address(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sso, "STARTS_PER_IP", 3)
    for _ in range(3):
        start(world, world.email)
    answer = world.client.post(
        paths.API_SSO_START, data={"email": world.email}, headers={"Origin": ORIGIN}
    )
    path, query = redirect_target(answer)
    assert (path, query["e"]) == (paths.LOGIN, ["auth.sso_throttled"])
    wait = int(query["wait"][0])
    assert 0 < wait <= sso.START_WINDOW.total_seconds() + 1
    assert answer.headers["retry-after"] == str(wait)
    assert details(world.engine, "sso_throttled") == [{"step": "start"}]
    with Session(world.engine) as session:
        assert len(session.exec(select(SsoAttempt)).all()) == 3  # nothing more was opened
    with transaction(world.engine) as session:  # the starts of another address do not count
        for attempt in session.exec(select(SsoAttempt)).all():
            attempt.ip_key = "another address"
            session.add(attempt)
    start(world, world.email)


def test_failed_steps_of_an_address_hold_its_sign_ins_back(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Like the password form: the failed sign-in steps of an address (these and wrong
    passwords alike) count towards its limit; at the limit the provider's answer is not
    even looked at, and no new sign-in starts."""
    monkeypatch.setattr(throttle, "IP_FAILURES_LIMIT", 3)
    url = come_back(world, world.email, mfa=True)
    state_cookie = world.client.cookies.get(paths.SSO_COOKIE)
    assert state_cookie
    for _ in range(3):  # from the same address (another browser, or this one)
        bad = world.client.get(paths.API_SSO_CALLBACK, params={"state": "forged"})
        assert redirect_target(bad) == (paths.LOGIN, {"e": ["auth.sso_refused"]})
    world.client.cookies.set(paths.SSO_COOKIE, state_cookie)
    with Session(world.engine) as session:
        kinds = [f.kind for f in session.exec(select(AuthFailure)).all()]
    assert kinds == [sso.FAILURE_KIND] * 3
    path, query = callback(world, url)
    assert (path, query["e"]) == (paths.LOGIN, ["auth.sso_throttled"])
    assert not events(world.engine, "sso_login") and not kept(world.engine)
    answer = world.client.post(
        paths.API_SSO_START, data={"email": world.email}, headers={"Origin": ORIGIN}
    )
    assert redirect_target(answer)[1]["e"] == ["auth.sso_throttled"]
    assert details(world.engine, "sso_throttled") == [{"step": "callback"}, {"step": "start"}]
    assert not sso.counted("discovery_failed") and not sso.counted("provider_disabled")
    assert sso.counted("state_mismatch") and sso.counted("claim_exp")


def test_a_cancelled_sign_in_and_a_switched_off_provider_are_refused(world: World) -> None:
    state = oidc_provider.query_of(start(world, world.email))["state"]
    answer = world.client.get(
        paths.API_SSO_CALLBACK, params={"state": state, "error": "access_denied"}
    )
    assert redirect_target(answer) == (paths.LOGIN, {"e": ["auth.sso_refused"]})
    url = come_back(world, world.email, mfa=True)
    with transaction(world.engine) as session:
        row = session.get(SingleSignOn, world.sso_id)
        assert row is not None
        row.enabled = False
        session.add(row)
    assert callback(world, url) == (paths.LOGIN, {"e": ["auth.sso_refused"]})
    assert refusals(world.engine) == ["provider_error:access_denied", "provider_disabled"]


def test_the_arbodienst_signs_its_own_staff_in(world: World) -> None:
    """A provider without organisation: staff accounts without organisation only."""
    with transaction(world.engine) as session:
        doctor, _ = enrolled(session, CHEAP_HASH, Role.COMPANY_DOCTOR, email="arts@kw.example")
        enrolled(session, CHEAP_HASH, Role.EMPLOYEE, email="werknemer@kw.example")
        doctor_id = doctor.id
    register(world.engine, world.provider.issuer, None, "kw.example")
    url = come_back(world, "arts@kw.example", mfa=True)
    assert callback(world, url)[0] == paths.PORTAL
    url = come_back(world, "werknemer@kw.example", mfa=True)
    assert callback(world, url) == (paths.LOGIN, {"e": ["auth.sso_not_invited"]})
    with Session(world.engine) as session:
        rows = session.exec(select(LoginSession).where(LoginSession.account_id == doctor_id)).all()
    assert [r.stage for r in rows] == [login.STAGE_ACTIVE]


def test_housekeeping_forgets_the_id_tokens_of_ended_sessions(engine: Engine) -> None:
    """A sealed ID token serves only the logout at the provider: once its session has
    ended or timed out, housekeeping deletes it, before the session rows it refers to."""
    now = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
    with Session(engine) as session, session.begin():
        account = factories.account(session, Role.EMPLOYEE)
        provider = SingleSignOn(
            email_domain=DOMAIN, issuer="https://idp.example", client_id="c", client_secret="s"
        )
        session.add(provider)
        session.flush()
        for n, (created, ended) in enumerate(
            [
                (now - timedelta(days=100), now - timedelta(days=100)),  # and its session goes
                (now - timedelta(days=1), now - timedelta(days=1)),
                (now - timedelta(hours=13), None),  # past the absolute timeout
                (now - timedelta(minutes=5), None),  # still signed in: kept
            ]
        ):
            row = LoginSession(
                token_hash=f"sso{n}",
                account_id=account.id,
                stage=login.STAGE_ACTIVE,
                created_at=created,
                last_seen_at=created,
                ended_at=ended,
            )
            session.add(row)
            session.flush()
            assert row.id is not None and provider.id is not None
            session.add(SsoSession(login_session_id=row.id, sso_id=provider.id, id_token="x"))
    with Session(engine) as session, session.begin():
        removed = housekeeping.purge(session, now=now)
    assert removed["sso_session"] == 3 and removed["login_session"] == 1
    with Session(engine) as session:
        (left,) = session.exec(select(SsoSession)).all()
        live = session.get(LoginSession, left.login_session_id)
    assert live is not None and live.token_hash == "sso3"
