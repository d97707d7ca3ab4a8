"""The act a fresh code interrupted (issue 18 item 2: "the step-up resumes the act").

When a handler's use case is refused for want of a fresh code, the guard keeps what was
asked — the page state, the handler, its arguments, the page, the use case — server-side,
never sent to the browser, under the keyed hash of the session cookie it was asked with
(in this process, or in Redis when configured, like ``tab_sessions``), with the session's
id. The step-up page names it; after the code its page comes back and runs the
same handler again: through the same guard and the same use case, which checks the actor
against the object as on any click. A pending act is kept five minutes, runs once, belongs
to one session and one page, and runs only with a fresh code (leaving the step-up page
without one drops it)."""

from __future__ import annotations

import inspect
import json
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any, Protocol
from urllib.parse import urlsplit

import redis

from kwportal.i18n import CATALOGS
from kwportal.settings import get_settings
from kwportal.ui import tab_sessions

#: how long an interrupted act waits for its fresh code
PENDING_TTL = timedelta(minutes=5)
#: the size an act may have (a click's own arguments: ids, a small form)
MAX_ARGS_CHARS = 20_000
PREFIX = "kwportal:pending"


@dataclass(frozen=True, slots=True)
class PendingAct:
    state: str  # the page state's full name
    handler: str
    args: tuple[Any, ...]
    path: str  # the page (path and query) the act was asked on
    act: str  # the use case that asked for the code
    session_id: int
    expires: datetime

    def valid_for(self, session_id: int | None, path: str, now: datetime) -> bool:
        return session_id == self.session_id and path == self.path and now < self.expires


def here_of(url: str) -> str:
    """The page a state is on, as path and query (the step-up's ``next``)."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _positional(fn: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...] | None:
    """The call's arguments in the handler's order (the websocket passes them by name), or
    None when they do not fit its signature."""
    names = list(inspect.signature(fn).parameters)[1 + len(args) :]  # after self
    given = [name for name in names if name in kwargs]
    if set(kwargs) != set(given) or names[: len(given)] != given:
        return None
    return (*args, *(kwargs[name] for name in given))


def keep(
    state: Any,
    fn: Any,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    refusal: Any,
    now: datetime,
) -> PendingAct | None:
    """Remember the interrupted act for the tab's session (replacing any earlier one);
    None (and nothing kept) when it cannot be resumed: no session, arguments that do not
    fit the handler or too big to keep."""
    key = _key(state)
    if not key:
        return None
    _store().take(key)
    call = _positional(fn, args, kwargs)
    session_id = getattr(refusal, "session_id", None)
    if session_id is None or call is None:
        return None
    pending = PendingAct(
        state=type(state).get_full_name(),
        handler=fn.__name__,
        args=call,
        path=here_of(str(state.router.url)),
        act=getattr(refusal, "act", ""),
        session_id=session_id,
        expires=now + PENDING_TTL,
    )
    return pending if put(state, pending) else None


def put(state: Any, pending: PendingAct) -> bool:
    """Store ``pending`` for the session of ``state``'s cookie (False: too big to keep)."""
    key = _key(state)
    data = json.dumps({**asdict(pending), "expires": pending.expires.isoformat()})
    if not key or len(data) > MAX_ARGS_CHARS:
        return False
    _store().put(key, data, int(PENDING_TTL.total_seconds()))
    return True


def waiting(state: Any) -> PendingAct | None:
    """The act waiting for this session's fresh code, if any (it stays)."""
    key = _key(state)
    return _decode(_store().get(key)) if key else None


def take(state: Any) -> PendingAct | None:
    """The waiting act, removed: it runs once at most."""
    key = _key(state)
    return _decode(_store().take(key)) if key else None


def _key(state: Any) -> str:
    """Keyed by the session cookie's binding (never the cookie): it outlives the tab's
    own state, which is reset when the tab reconnects after the step-up's page load."""
    bound = tab_sessions.binding(state._cookie_token())
    return f"{PREFIX}:{bound}" if bound else ""


def _decode(raw: str | None) -> PendingAct | None:
    if not raw:
        return None
    try:
        data = json.loads(raw)
        data["args"] = tuple(data["args"])
        data["expires"] = datetime.fromisoformat(data["expires"])
        return PendingAct(**data)
    except (ValueError, KeyError, TypeError):
        return None


class Store(Protocol):
    def put(self, key: str, value: str, ttl_s: int) -> None: ...

    def get(self, key: str) -> str | None: ...

    def take(self, key: str) -> str | None: ...


@dataclass
class InProcessStore:
    """One process, one worker (as tab_sessions.InProcessRegistry): a dictionary, pruned
    as it grows."""

    values: dict[str, tuple[float, str]] = field(default_factory=dict)

    def put(self, key: str, value: str, ttl_s: int) -> None:
        now = time.monotonic()
        for old in [k for k, (until, _v) in self.values.items() if until < now]:
            self.values.pop(old, None)
        self.values[key] = (now + ttl_s, value)

    def get(self, key: str) -> str | None:
        until, value = self.values.get(key, (0.0, ""))
        return value if until >= time.monotonic() and value else None

    def take(self, key: str) -> str | None:
        value = self.get(key)
        self.values.pop(key, None)
        return value


@dataclass
class RedisStore:
    """Several workers: one key per session binding, expiring with the act."""

    client: redis.Redis

    def put(self, key: str, value: str, ttl_s: int) -> None:
        self.client.set(key, value, ex=ttl_s)

    def get(self, key: str) -> str | None:
        raw: bytes | None = self.client.get(key)  # type: ignore[assignment]
        return raw.decode() if raw else None

    def take(self, key: str) -> str | None:
        raw: bytes | None = self.client.getdel(key)  # type: ignore[assignment]
        return raw.decode() if raw else None


@lru_cache(maxsize=1)
def _store() -> Store:
    url = get_settings().redis_url
    if url:
        return RedisStore(redis.Redis.from_url(url))
    return InProcessStore()


def label_key(act: str) -> str:
    """The catalog key naming the act ("de terugkoppeling vrijgeven")."""
    key = f"stepup.act.{act}"
    return key if key in CATALOGS["nl"] else "stepup.act.default"


def now() -> datetime:
    return datetime.now(UTC)
