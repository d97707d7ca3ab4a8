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
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

import redis

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
