"""Single sign-on against a real, certified OpenID provider (panva's oidc-provider on
loopback, tests/e2e/oidc_provider.py; issue 19 item 6): the portal's routes in-process, the
provider a Node process, the browser played by HTTP clients. Every refusal case: wrong
issuer, replayed code and reused state, an expired ID token, a missing MFA claim, an
uninvited address, a state without its cookie; and logout."""

from __future__ import annotations

import dataclasses
import html
import json
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import Account, AuditEvent, LoginSession, SingleSignOn
from kwportal.services.auth import login, oidc, sso
from kwportal.ui import routes as paths
from kwportal.ui.api import auth
from kwportal.ui.api import sso as sso_routes
from kwportal.ui.api.http import SESSION_COOKIE
from tests import factories
from tests.conftest import TEST_SECRET
from tests.e2e import oidc_provider
from tests.integration.auth_helpers import CHEAP_HASH, ORIGIN, code_at, enrolled, events
from tests.integration.served import portal_database, redirect_target, route_client

CALLBACK = ORIGIN + paths.API_SSO_CALLBACK
DOMAIN = "werkgever.example"


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[oidc_provider.TestProvider]:
    log = Path(tmp_path_factory.mktemp("oidc")) / "provider.log"
    with oidc_provider.running([CALLBACK], log) as running:
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


def start(world: World, email: str) -> str:
    """The sign-in page's form: the provider's authorisation URL the portal sends to."""
    answer = world.client.post(
        paths.API_SSO_START, data={"email": email}, headers={"Origin": ORIGIN}
    )
    assert answer.status_code == 200, answer.text[:300]
    found = re.search(r'<meta http-equiv="refresh" content="0;url=([^"]+)">', answer.text)
    assert found is not None
    return html.unescape(found.group(1))


def come_back(world: World, email: str, *, mfa: bool) -> str:
    url = start(world, email)
    return world.provider.sign_in(url, email, mfa=mfa, stop_at=CALLBACK)


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


def test_logout_ends_the_portal_session(world: World) -> None:
    url = come_back(world, world.email, mfa=True)
    assert callback(world, url)[0] == paths.PORTAL
    answer = world.client.post(paths.API_LOGOUT, headers={"Origin": ORIGIN})
    assert redirect_target(answer)[0] == paths.LOGIN
    with Session(world.engine) as session:
        row = session.exec(
            select(LoginSession).where(LoginSession.account_id == world.account_id)
        ).one()
    assert row.ended_at is not None and row.end_reason == "logout"


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
