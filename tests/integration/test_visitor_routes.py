"""The public site's HTTP routes (issue 9 items 2, 3, 4 and 7, "Bad input"): same origin,
the signed form token with its cookie, the honeypot, the minimum time, the per-IP limit,
the cookie choice's cookie, Global Privacy Control, the statistics beacon and the one-click
unsubscribe. A plain Starlette app with the routes against a migrated SQLite database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from kwportal.domain.visitors import FORM_LIMITS
from kwportal.models import CallbackRequest, CookieConsent, NewsletterSubscriber, PageView
from kwportal.services.visitors import newsletter
from kwportal.services.visitors.common import new_form_token
from kwportal.ui.api import public
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import ORIGIN
from tests.integration.served import portal_database, redirect_target, route_client

CALLBACK = {
    "name": "Bert Beller",
    "phone": "0612345678",
    "preferred_time": "any",
    "topic": "prevention",
    "message": "",
}


@pytest.fixture
def engine(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """The database the routes use; the services run on both databases elsewhere."""
    unset = ("KWPORTAL_SMTP_HOST", "KWPORTAL_FORM_MIN_SECONDS")
    with portal_database(tmp_path, monkeypatch, unset=unset) as engine:
        yield engine


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    with route_client(public.routes()) as test_client:
        yield test_client


def served(age_seconds: float = 5) -> tuple[str, str]:
    """A form token as the page would have issued it ``age_seconds`` ago, and its nonce."""
    return new_form_token(TEST_SECRET, datetime.now(UTC) - timedelta(seconds=age_seconds))


def send(
    client: TestClient,
    path: str,
    data: dict[str, str],
    *,
    age: float = 5,
    origin: str | None = ORIGIN,
    cookies: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    token: bool = True,
) -> httpx.Response:
    client.cookies.clear()
    form_token, nonce = served(age)
    jar = {public.FORM_COOKIE: nonce, **(cookies or {})}
    sent = dict(headers or {})
    if origin is not None:
        sent["Origin"] = origin
    sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
    body = {public.TOKEN_FIELD: form_token, **data} if token else data
    return client.post(path, data=body, headers=sent)


where = redirect_target


def choice_cookie(response: httpx.Response) -> tuple[str, str]:
    found = [
        h for h in response.headers.get_list("set-cookie") if h.startswith(public.CHOICE_COOKIE)
    ]
    assert len(found) == 1, found
    return SimpleCookie(found[0])[public.CHOICE_COOKIE].value, found[0].lower()


def rows(engine: Engine, model: type) -> list:
    with Session(engine) as session:
        return list(session.exec(select(model)))


def test_a_cookie_choice_sets_the_functional_choice_cookie(
    client: TestClient, engine: Engine
) -> None:
    response = send(client, "/api/public/cookies", {"choice": "accept_all", "back": "/privacy"})
    assert where(response) == ("/privacy", {"m": ["visitor.cookies_saved"]})
    value, header = choice_cookie(response)
    assert len(value) >= 32 and "httponly" in header and "samesite=lax" in header
    [row] = rows(engine, CookieConsent)
    assert row.analytics and row.marketing and row.method == "accept_all"


def test_custom_choice_and_withdrawal_clear_the_marketing_cookie(
    client: TestClient, engine: Engine
) -> None:
    first = send(
        client, "/api/public/cookies", {"choice": "custom", "analytics": "on", "back": "/"}
    )
    choice_id, _ = choice_cookie(first)
    assert [(r.analytics, r.marketing) for r in rows(engine, CookieConsent)] == [(True, False)]
    gone = send(
        client,
        "/api/public/cookies",
        {"choice": "withdraw", "back": "/cookies"},
        cookies={public.CHOICE_COOKIE: choice_id, public.MARKETING_COOKIE: "standin"},
    )
    assert where(gone) == ("/cookies", {"m": ["visitor.cookies_withdrawn"]})
    assert choice_cookie(gone)[0] == choice_id
    cleared = [
        h for h in gone.headers.get_list("set-cookie") if h.startswith(public.MARKETING_COOKIE)
    ]
    assert cleared and ("max-age=0" in cleared[0].lower() or "expires=" in cleared[0].lower())
    assert [
        (r.analytics, r.marketing) for r in rows(engine, CookieConsent) if r.superseded_at is None
    ] == [(False, False)]


def test_global_privacy_control_counts_as_reject_for_marketing(
    client: TestClient, engine: Engine
) -> None:
    send(client, "/api/public/cookies", {"choice": "accept_all"}, headers={"Sec-GPC": "1"})
    [row] = rows(engine, CookieConsent)
    assert row.analytics and not row.marketing and row.gpc


def test_a_foreign_back_path_goes_home(client: TestClient) -> None:
    response = send(
        client, "/api/public/cookies", {"choice": "reject_all", "back": "https://evil.example/"}
    )
    assert where(response)[0] == "/"


@pytest.mark.parametrize("origin", ["https://evil.example", None])
def test_posts_from_elsewhere_are_forbidden(
    client: TestClient, engine: Engine, origin: str | None
) -> None:
    response = send(client, "/api/public/callback", CALLBACK, origin=origin)
    assert response.status_code == 403
    assert rows(engine, CallbackRequest) == []


def test_a_post_without_its_token_or_cookie_is_refused(client: TestClient, engine: Engine) -> None:
    bare = send(client, "/api/public/callback", CALLBACK, token=False)
    assert where(bare) == ("/callback", {"m": ["visitor.form_invalid"]})
    client.cookies.clear()
    form_token, _nonce = served()
    other = client.post(
        "/api/public/callback",
        data={public.TOKEN_FIELD: form_token, **CALLBACK},
        headers={"Origin": ORIGIN, "Cookie": f"{public.FORM_COOKIE}=someone-elses"},
    )
    assert where(other) == ("/callback", {"m": ["visitor.form_invalid"]})
    assert rows(engine, CallbackRequest) == []


def test_the_honeypot_and_the_minimum_time_stop_bots(client: TestClient, engine: Engine) -> None:
    trapped = send(client, "/api/public/callback", {**CALLBACK, public.HONEYPOT: "http://spam"})
    assert where(trapped)[1]["m"] == ["visitor.form_invalid"]
    hasty = send(client, "/api/public/callback", CALLBACK, age=0)
    assert where(hasty)[1]["m"] == ["visitor.too_fast"]
    assert rows(engine, CallbackRequest) == []
    ok = send(client, "/api/public/callback", CALLBACK)
    assert where(ok) == ("/callback", {"m": ["visitor.callback_received"]})


def test_a_quick_cookie_choice_is_never_too_fast_but_bots_still_stop(
    client: TestClient, engine: Engine
) -> None:
    """Issue 18: a tap on the banner right after the page loaded is stored (no "Dat ging te
    snel"); origin, signed token with its cookie and the honeypot still refuse, silently."""
    quick = send(client, "/api/public/cookies", {"choice": "reject_all", "back": "/"}, age=0)
    assert where(quick) == ("/", {"m": ["visitor.cookies_saved"]})
    trapped = send(
        client, "/api/public/cookies", {"choice": "accept_all", public.HONEYPOT: "x"}, age=0
    )
    assert where(trapped)[1]["m"] == ["visitor.form_invalid"]
    tokenless = send(client, "/api/public/cookies", {"choice": "accept_all"}, token=False)
    assert where(tokenless)[1]["m"] == ["visitor.form_invalid"]
    elsewhere = send(client, "/api/public/cookies", {"choice": "accept_all"}, origin=None)
    assert elsewhere.status_code == 403
    assert [r.method for r in rows(engine, CookieConsent)] == ["reject_all"]


def test_a_flood_is_limited_not_crashed(client: TestClient, engine: Engine) -> None:
    limit = FORM_LIMITS["callback"].posts
    answers = [where(send(client, "/api/public/callback", CALLBACK))[1] for _ in range(limit + 3)]
    assert all(a["m"] == ["visitor.callback_received"] for a in answers[:limit])
    for refused in answers[limit:]:
        assert refused["m"] == ["visitor.too_many"] and int(refused["wait"][0]) > 0
    assert len(rows(engine, CallbackRequest)) == limit  # nothing lost, nothing extra


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/api/public/callback", ("name", "phone", "preferred_time", "topic", "message")),
        ("/api/public/newsletter", ("name", "email")),
        ("/api/public/rights", ("kind", "name", "email", "phone", "details")),
        ("/api/public/cookies", ("choice", "analytics", "marketing", "back")),
        ("/api/public/newsletter/confirm", ("token",)),
        ("/api/public/rights/confirm", ("token",)),
    ],
)
@pytest.mark.parametrize("value", ["x" * 10_240, "<script>alert('x')</script>", "\x00\ud7ff"])
def test_bad_input_in_every_field_gets_an_answer(
    client: TestClient, path: str, fields: tuple[str, ...], value: str
) -> None:
    response = send(client, path, {name: value for name in fields})
    location, query = where(response)
    assert location.startswith("/") and query.get("m", [""])[0].startswith("visitor.")


def test_newsletter_sign_up_over_http_answers_the_same_for_a_known_address(
    client: TestClient, engine: Engine
) -> None:
    form = {"name": "Lies", "email": "lies@example.nl"}
    first = where(send(client, "/api/public/newsletter", form))
    with Session(engine) as session:
        row = session.exec(select(NewsletterSubscriber)).one()
        row.status = "active"
        session.add(row)
        session.commit()
    second = where(send(client, "/api/public/newsletter", form))
    assert first == second == ("/newsletter", {"m": ["visitor.newsletter_check_mail"]})


def test_one_click_unsubscribe_needs_no_session_origin_or_form_token(
    client: TestClient, engine: Engine
) -> None:
    """RFC 8058: the mail client POSTs ``List-Unsubscribe=One-Click`` to the header's URI."""
    where(send(client, "/api/public/newsletter", {"name": "Lies", "email": "lies@example.nl"}))
    [row] = rows(engine, NewsletterSubscriber)
    token = newsletter.unsubscribe_token(TEST_SECRET, row)
    client.cookies.clear()
    response = client.post(
        f"/api/public/newsletter/unsubscribe?t={token}",
        content="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 200
    assert rows(engine, NewsletterSubscriber) == []
    again = client.post(
        f"/api/public/newsletter/unsubscribe?t={token}", data={"List-Unsubscribe": "One-Click"}
    )
    assert again.status_code == 200


def test_the_unsubscribe_page_button_redirects_with_a_message(client: TestClient) -> None:
    client.cookies.clear()
    response = client.post(
        "/api/public/newsletter/unsubscribe", data={"t": "1.nothing", "from_page": "1"}
    )
    assert where(response) == ("/newsletter-unsubscribe", {"m": ["visitor.unsubscribed"]})


def test_the_beacon_counts_only_with_analytics_consent(client: TestClient, engine: Engine) -> None:
    hit = {"p": "/privacy", "r": "https://www.example.org/some/path?q=name"}

    def beacon(choice: str = "") -> int:
        client.cookies.clear()
        headers = {"Origin": ORIGIN, "X-Forwarded-For": "198.51.100.23"}
        if choice:
            headers["Cookie"] = f"{public.CHOICE_COOKIE}={choice}"
        return client.post("/api/public/hit", data=hit, headers=headers).status_code

    assert beacon() == 204
    refused = send(client, "/api/public/cookies", {"choice": "reject_all"})
    assert beacon(choice_cookie(refused)[0]) == 204
    assert rows(engine, PageView) == []
    accepted = send(client, "/api/public/cookies", {"choice": "custom", "analytics": "on"})
    assert beacon(choice_cookie(accepted)[0]) == 204
    [view] = rows(engine, PageView)
    assert view.path == "/privacy" and view.referrer_host == "www.example.org"
    assert view.ip_prefix == "testclient" or re.fullmatch(r"[0-9a-f.:]*", view.ip_prefix)
    assert not view.ip_prefix.endswith(".23")
    client.cookies.clear()
    assert (
        client.post(
            "/api/public/hit", data=hit, headers={"Origin": "https://evil.example"}
        ).status_code
        == 403
    )


def test_get_is_not_allowed(client: TestClient) -> None:
    assert client.get("/api/public/cookies").status_code == 405
