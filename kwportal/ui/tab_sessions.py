"""A browser tab's server-side state belongs to the session it signed in with (issue 16,
items 2 and 8).

Reflex keeps each tab's state on the server (in memory, or in Redis), under the tab's
token. When a tab's use case runs, the tab is *bound*: its state records a keyed hash of
the session cookie it ran with (never the cookie), and this registry records the tab's
token under that hash and the account. Then

- every event of a bound tab is checked before its handler runs (``middleware.py``);
- logging out resets the states of every tab of that session at once, and logging out
  everywhere those of every session of the account, whether or not a tab ever sends
  another event. A session that ends otherwise (idle, expired, a password change) is
  found by the tab's next event, and its state expires with ``tab_state_seconds``.

Without Redis the registry lives in this process (Reflex then runs one worker); with Redis
(``KWPORTAL_REDIS_URL``) in Redis, each entry expiring with a session's absolute lifetime.

A reloaded tab keeps its token (issue 19, item 5). With Redis, Reflex records which socket
holds a token, and a token that another socket still holds is a duplicated tab: Reflex gives
the newcomer a fresh token, and so a fresh state tree (some 58 keys). A reload closes the old
socket before it opens the new one, but under load (or on the other worker) the old socket's
record is often still there when the new one asks: the reloaded tab counted as a duplicate,
its old tree stayed in Redis until it expired, and the soak's key count rose with every
reload. ``ReconnectingTokenManager`` first waits, briefly, for that record to go.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

import redis
from reflex.utils.token_manager import RedisTokenManager

from kwportal.domain.sessions import ABSOLUTE_TIMEOUT
from kwportal.settings import get_settings

logger = logging.getLogger(__name__)
LIFETIME_S = int(ABSOLUTE_TIMEOUT.total_seconds())
PREFIX = "kwportal:tabs"
_LABEL = b"kwportal tab binding\x00"

#: resets one tab's session states, by tab token (installed by ``middleware.py``)
TabReset = Callable[[str], Awaitable[None]]
_reset: TabReset | None = None


def binding(cookie_token: str) -> str:
    """The keyed hash a tab is bound by; empty without a cookie."""
    if not cookie_token:
        return ""
    key = get_settings().secret_key.encode()
    return hmac.new(key, _LABEL + cookie_token.encode(), hashlib.sha256).hexdigest()[:40]


def install(reset: TabReset) -> None:
    global _reset
    _reset = reset


def remember(bound: str, account_id: int, tab: str) -> None:
    """Record that ``tab`` now holds state of the session ``bound`` (of ``account_id``)."""
    if bound and tab:
        _registry().add(bound, account_id, tab)


async def end_session(cookie_token: str) -> int:
    """Reset the states of the session's tabs; returns how many."""
    return await _reset_all(_registry().take({binding(cookie_token)}))


async def end_account(cookie_token: str) -> int:
    """Reset the states of every tab of every session of this session's account."""
    registry = _registry()
    return await _reset_all(registry.take(registry.siblings(binding(cookie_token))))


async def _reset_all(tabs: set[str]) -> int:
    if _reset is None:  # no app in this process (a route test): no tab state either
        return 0
    for tab in sorted(tabs):
        try:
            await _reset(tab)
        except Exception:
            logger.exception("resetting a tab's state at logout failed")
    return len(tabs)


class Registry(Protocol):
    def add(self, bound: str, account_id: int, tab: str) -> None: ...

    def siblings(self, bound: str) -> set[str]:
        """Every binding of the account that ``bound`` belongs to (itself included)."""
        ...

    def take(self, bindings: set[str]) -> set[str]:
        """The tabs of ``bindings``, which are forgotten."""
        ...


@dataclass
class InProcessRegistry:
    """One process, one worker: dictionaries, pruned as they grow."""

    tabs: dict[str, set[str]] = field(default_factory=dict)
    owner: dict[str, int] = field(default_factory=dict)
    expires: dict[str, float] = field(default_factory=dict)

    def add(self, bound: str, account_id: int, tab: str) -> None:
        now = time.monotonic()
        for old in [b for b, at in self.expires.items() if at < now]:
            self._drop(old)
        self.tabs.setdefault(bound, set()).add(tab)
        self.owner[bound] = account_id
        self.expires.setdefault(bound, now + LIFETIME_S)

    def siblings(self, bound: str) -> set[str]:
        account = self.owner.get(bound)
        if account is None:
            return {bound}
        return {b for b, owner in self.owner.items() if owner == account}

    def take(self, bindings: set[str]) -> set[str]:
        found: set[str] = set()
        for bound in bindings:
            found |= self._drop(bound)
        return found

    def _drop(self, bound: str) -> set[str]:
        self.owner.pop(bound, None)
        self.expires.pop(bound, None)
        return self.tabs.pop(bound, set())


@dataclass
class RedisRegistry:
    """Several workers: a set of tabs per binding, the binding's account, and a set of
    bindings per account; every key expires with a session's absolute lifetime."""

    client: redis.Redis
    prefix: str = PREFIX

    def add(self, bound: str, account_id: int, tab: str) -> None:
        tabs, owner = f"{self.prefix}:tabs:{bound}", f"{self.prefix}:owner:{bound}"
        account = f"{self.prefix}:account:{account_id}"
        pipe = self.client.pipeline(transaction=False)
        pipe.sadd(tabs, tab)
        pipe.expire(tabs, LIFETIME_S, nx=True)
        pipe.set(owner, str(account_id), ex=LIFETIME_S, nx=True)
        pipe.sadd(account, bound)
        pipe.expire(account, LIFETIME_S)
        pipe.execute()

    def siblings(self, bound: str) -> set[str]:
        account: bytes | None = self.client.get(f"{self.prefix}:owner:{bound}")  # type: ignore[assignment]
        if account is None:
            return {bound}
        members: set[bytes] = self.client.smembers(f"{self.prefix}:account:{account.decode()}")  # type: ignore[assignment]
        return {bound} | {m.decode() for m in members}

    def take(self, bindings: set[str]) -> set[str]:
        found: set[str] = set()
        for bound in bindings:
            pipe = self.client.pipeline(transaction=True)
            pipe.smembers(f"{self.prefix}:tabs:{bound}")
            pipe.delete(f"{self.prefix}:tabs:{bound}", f"{self.prefix}:owner:{bound}")
            members, _ = pipe.execute()
            found |= {m.decode() for m in members}
        return found


@lru_cache(maxsize=1)
def _registry() -> Registry:
    url = get_settings().redis_url
    if url:
        return RedisRegistry(redis.Redis.from_url(url))
    return InProcessRegistry()


#: how long a connecting tab waits for the socket that held its token before to be gone
#: (a reload: the old socket closed just before), and how often it looks
RECONNECT_GRACE_S, RECONNECT_POLL_S = 2.0, 0.05


class ReconnectingTokenManager(RedisTokenManager):
    """Reflex's Redis token manager, except that a tab connecting with a token another
    socket holds waits up to ``RECONNECT_GRACE_S`` for that socket's record to be deleted
    (its disconnect, in this worker or the other) before Reflex treats the tab as a
    duplicate and gives it a new token. A duplicated tab whose original stays open still
    gets its own token, ``RECONNECT_GRACE_S`` later."""

    async def link_token_to_sid(self, token: str, sid: str) -> str | None:
        record = self.token_to_socket.get(token)
        if record is None or record.sid != sid:
            await self._previous_socket_gone(token)
        return await super().link_token_to_sid(token, sid)

    async def _previous_socket_gone(self, token: str) -> None:
        key = self._get_redis_key(token)
        deadline = time.monotonic() + RECONNECT_GRACE_S
        # a Redis error: Reflex's own check (next) logs it and links the tab locally
        with contextlib.suppress(redis.RedisError, OSError):
            while await self.redis.exists(key) and time.monotonic() < deadline:
                await asyncio.sleep(RECONNECT_POLL_S)


def keep_tokens_over_reloads(namespace: object) -> None:
    """Swap Reflex's Redis token manager of the app's socket namespace for
    ``ReconnectingTokenManager`` (before any socket connected; no-op without Redis)."""
    manager = getattr(namespace, "_token_manager", None)
    if type(manager) is RedisTokenManager:
        setattr(namespace, "_token_manager", ReconnectingTokenManager(manager.redis))  # noqa: B010
