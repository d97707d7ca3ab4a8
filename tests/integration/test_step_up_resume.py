"""The step-up resumes the act (issue 18 item 2): a click refused for want of a fresh code
is kept server-side for the tab's session; the step-up page names it; back on its page the
portal runs the same handler again, through the same guard and use case.
The kept act expires after five minutes, runs once, belongs to one session and one page,
runs only with a fresh code, and only a handler the guard wraps."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import redis
from reflex.istate.data import ReflexURL
from sqlalchemy import update
from sqlalchemy.engine import Engine

from kwportal.db import transaction
from kwportal.models import ConsentRecord, LoginSession
from kwportal.ui import pending_act
from kwportal.ui.components.pending_act import PendingActState
from kwportal.ui.pages.employee.consents import MyConsentsState
from tests.integration.auth_helpers import cheap_argon2  # noqa: F401 (a fixture)
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state
from tests.integration.test_step_up_promises import (
    _age_the_code,
    _employee_with_a_receipt_and_a_document,
)

pytestmark = pytest.mark.usefixtures("cheap_argon2")
PAGE = "http://localhost:3000/my-consents"
STEP_UP = "http://localhost:3000/stepup?next=%2Fmy-consents"


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def _fresh_code(engine: Engine) -> None:
    with transaction(engine) as session:
        session.execute(update(LoginSession).values(last_totp_at=datetime.now(UTC)))


def _at(state: Any, url: str) -> None:
    """The tab moves to ``url`` (the router lives on the root state)."""
    root = state._get_root_state()
    root.router = replace(root.router, url=ReflexURL(url))


def _consent_state(engine: Engine, consent_id: int) -> str:
    with transaction(engine) as session:
        record = session.get(ConsentRecord, consent_id)
        assert record is not None
        return "withdrawn" if record.withdrawn_at is not None else "granted"


def _refused_withdrawal(engine: Engine) -> tuple[MyConsentsState, PendingActState, int]:
    """An employee with a granted consent taps "withdraw" with a stale code: the page
    goes to the step-up and the act waits; (page state, pending-act state, consent id)."""
    token, _receipt, _document = _employee_with_a_receipt_and_a_document(engine)
    page = page_state(MyConsentsState, token, url=PAGE)
    call(page, "load")
    consent_id = int(page.others[0].consent_id)
    _age_the_code(engine)

    # the websocket passes a handler's arguments by name
    handler = type(page).event_handlers["withdraw_consent"].fn
    answer = handler(page, form_data={"consent_id": str(consent_id)})

    assert answer.args[0][1]._var_value == "/stepup?next=%2Fmy-consents"
    assert _consent_state(engine, consent_id) == "granted"
    prompt = asyncio.run(page._get_root_state().get_state(PendingActState))
    return page, prompt, consent_id


def _back_on_the_page(engine: Engine, prompt: PendingActState, *, fresh: bool = True) -> Any:
    """After the code: the page comes back and its hook asks to resume; what ``resume``
    answers (the act's event, or None)."""
    if fresh:
        _fresh_code(engine)
    _at(prompt, PAGE)
    if call(prompt, "offer") is None:
        return None
    return call(prompt, "resume")


def _describe(prompt: PendingActState) -> None:
    """The step-up page's line: the public hook asks the guarded one only when an act waits."""
    _at(prompt, STEP_UP)
    assert call(prompt, "describe") is not None
    call(prompt, "describe_waiting")


def test_the_step_up_page_without_a_session_stays_and_names_nothing(portal: Engine) -> None:
    """/stepup is a public page: opened without a session (or without an act waiting) its
    hook answers nothing, so the page stays; its form answers "session expired"."""
    prompt = page_state(PendingActState, "", url=STEP_UP)
    prompt.code_for, prompt.back = "stale", "/stale"

    assert call(prompt, "describe") is None
    assert (prompt.code_for, prompt.back) == ("", "")


def test_the_step_up_names_the_act_and_the_page_finishes_it(portal: Engine) -> None:
    page, prompt, consent_id = _refused_withdrawal(portal)
    kept = pending_act.waiting(page)
    assert kept is not None and kept.act == "consents.do_withdraw" and kept.path == "/my-consents"
    # kept server-side: nothing of it in the tab's frontend vars
    assert "consent_id" not in str(prompt.dict())

    _describe(prompt)
    assert prompt.code_for == "Met deze code bevestigt u: uw toestemming intrekken."
    assert prompt.back == "/my-consents"

    resumed = _back_on_the_page(portal, prompt)

    assert resumed.handler.fn.__name__ == "withdraw_consent"
    args = resumed.args[0][1]._var_value
    assert args == {"consent_id": str(consent_id)}
    call(page, "withdraw_consent", args)
    assert _consent_state(portal, consent_id) == "withdrawn"
    assert page.notice_key == "consents.withdrawn" and page.notice_kind == "success"
    # single use: the page coming back again runs nothing
    assert pending_act.waiting(page) is None
    assert _back_on_the_page(portal, prompt) is None


def test_the_resumed_act_is_checked_again_like_any_click(portal: Engine) -> None:
    page, prompt, consent_id = _refused_withdrawal(portal)
    resumed = _back_on_the_page(portal, prompt)
    _age_the_code(portal)  # the code went stale again before the act arrived

    answer = call(page, "withdraw_consent", resumed.args[0][1]._var_value)

    assert answer.args[0][1]._var_value.startswith("/stepup")
    assert _consent_state(portal, consent_id) == "granted"


def test_an_act_without_a_fresh_code_is_dropped_not_asked_again(portal: Engine) -> None:
    """He left the step-up page without a code and came back: nothing runs, and the page
    does not send him to the step-up again."""
    page, prompt, consent_id = _refused_withdrawal(portal)
    assert _back_on_the_page(portal, prompt, fresh=False) is None
    assert pending_act.waiting(page) is None
    assert _consent_state(portal, consent_id) == "granted"


def test_an_expired_act_is_not_run(portal: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    page, prompt, consent_id = _refused_withdrawal(portal)
    later = datetime.now(UTC) + pending_act.PENDING_TTL + timedelta(seconds=1)
    monkeypatch.setattr(pending_act, "now", lambda: later)

    assert _back_on_the_page(portal, prompt) is None
    assert pending_act.waiting(page) is None
    assert _consent_state(portal, consent_id) == "granted"


def test_an_act_kept_for_another_session_is_dropped(portal: Engine) -> None:
    page, prompt, consent_id = _refused_withdrawal(portal)
    kept = pending_act.waiting(page)
    assert kept is not None
    pending_act.put(page, replace(kept, session_id=kept.session_id + 1))

    assert _back_on_the_page(portal, prompt) is None
    assert pending_act.waiting(page) is None
    assert _consent_state(portal, consent_id) == "granted"


def test_a_tampered_or_misplaced_act_runs_nothing(portal: Engine) -> None:
    # resumed from another page than the one it was asked on: nothing (and it waits)
    page, prompt, consent_id = _refused_withdrawal(portal)
    _fresh_code(portal)
    _at(prompt, "http://localhost:3000/my-details")
    assert call(prompt, "resume") is None
    assert pending_act.waiting(page) is not None

    # a kept act naming a handler the guard does not wrap runs nothing
    kept = pending_act.waiting(page)
    assert kept is not None
    pending_act.put(page, replace(kept, handler="set_lang", args=("en",)))
    assert _back_on_the_page(portal, prompt) is None

    # nor one naming a state or handler that does not exist
    page, prompt, consent_id = _refused_withdrawal(portal)
    kept = pending_act.waiting(page)
    assert kept is not None
    pending_act.put(page, replace(kept, state="state.nowhere"))
    assert _back_on_the_page(portal, prompt) is None
    assert _consent_state(portal, consent_id) == "granted"


def test_cancel_drops_the_act_and_goes_back(portal: Engine) -> None:
    page, prompt, consent_id = _refused_withdrawal(portal)
    _describe(prompt)

    answer = call(prompt, "cancel")

    assert answer.args[0][1]._var_value == "/my-consents"
    assert pending_act.waiting(page) is None
    assert prompt.notice_key == "stepup.act_cancelled" and prompt.notice_kind == "info"
    assert _back_on_the_page(portal, prompt) is None
    assert _consent_state(portal, consent_id) == "granted"


def test_withdrawing_asks_first_and_says_what_changes_at_once(portal: Engine) -> None:
    token, _receipt, _document = _employee_with_a_receipt_and_a_document(portal)
    page = page_state(MyConsentsState, token, url=PAGE)
    call(page, "load")
    row = page.others[0]
    assert row.effect == "Uw dossier wordt vanaf nu niet langer bewaard dan de wet vraagt."

    call(page, "ask_withdraw", "999999")  # not one of his granted consents
    assert page.confirming == ""
    call(page, "ask_withdraw", row.consent_id)
    assert page.confirming == row.consent_id
    assert _consent_state(portal, int(row.consent_id)) == "granted"
    call(page, "keep_consent")
    assert page.confirming == ""


def test_the_act_outlives_the_tab_state_reset_by_the_step_ups_page_load(portal: Engine) -> None:
    """The step-up page posts a plain form: the tab loads anew, reconnects and its session
    states are reset (kwportal/ui/middleware.py); the act waits under the session."""
    page, _prompt, consent_id = _refused_withdrawal(portal)
    _fresh_code(portal)

    reloaded = page_state(PendingActState, page._cookie_token(), url=PAGE)
    assert call(reloaded, "offer") is not None
    resumed = call(reloaded, "resume")

    assert resumed.args[0][1]._var_value == {"consent_id": str(consent_id)}
    # another session (another cookie) never sees it
    assert pending_act.waiting(page_state(PendingActState, "another-token", url=PAGE)) is None


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest) -> Iterator[pending_act.Store]:
    """The store of one worker and of several (Redis db 6, as the tab registry's test)."""
    if request.param == "memory":
        yield pending_act.InProcessStore()
        return
    client = redis.Redis.from_url("redis://127.0.0.1:6379/6")
    client.ping()  # Redis runs on this machine and in CI: no Redis is a failure
    yield pending_act.RedisStore(client)
    client.delete(STORE_KEY)
    client.close()


STORE_KEY = f"{pending_act.PREFIX}-test:{uuid.uuid4().hex}"


def test_both_stores_keep_an_act_once_and_for_five_minutes(store: pending_act.Store) -> None:
    ttl = int(pending_act.PENDING_TTL.total_seconds())
    store.put(STORE_KEY, "act", ttl)
    assert store.get(STORE_KEY) == "act"
    assert store.take(STORE_KEY) == "act"
    assert store.take(STORE_KEY) is None and store.get(STORE_KEY) is None
    store.put(STORE_KEY, "act", ttl)
    if isinstance(store, pending_act.RedisStore):
        assert 0 < int(store.client.ttl(STORE_KEY)) <= ttl  # type: ignore[arg-type]
    else:
        store.values[STORE_KEY] = (0.0, "act")  # as if the five minutes went by
        assert store.get(STORE_KEY) is None
