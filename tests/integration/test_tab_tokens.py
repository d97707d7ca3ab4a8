"""A reloaded tab keeps its token with several workers (issue 19, item 5: the Redis key
count stays bounded). Reflex's Redis token manager records which socket holds a token; a
tab that connects while its old socket's record is still there (the reload's disconnect not
yet processed, in this worker or the other) was taken for a duplicated tab and given a new
token, and so a new state tree, while the old one stayed in Redis until it expired.

Two token managers stand for two workers, on Redis db 6; every token is fresh and only its
record is deleted afterwards."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable

import pytest
import redis.asyncio as aredis
from reflex.utils.token_manager import RedisTokenManager

from kwportal.ui import tab_sessions
from kwportal.ui.tab_sessions import ReconnectingTokenManager, keep_tokens_over_reloads

REDIS_URL = "redis://127.0.0.1:6379/6"
Scenario = Callable[[RedisTokenManager, RedisTokenManager, str], Awaitable[str | None]]


async def _with_two_workers(kind: type[RedisTokenManager], scenario: Scenario) -> str | None:
    first, second = kind(aredis.Redis.from_url(REDIS_URL)), kind(aredis.Redis.from_url(REDIS_URL))
    token = str(uuid.uuid4())
    try:
        return await scenario(first, second, token)
    finally:
        # the records of the tab's token and of any token handed out in its place, deleted
        # once the managers stopped listening (a manager restores a record of its own socket)
        keys = [first._get_redis_key(t) for t in {token, *first.token_to_socket}]
        keys += [second._get_redis_key(t) for t in second.token_to_socket]
        await first.close()
        await second.close()
        async with aredis.Redis.from_url(REDIS_URL) as client:
            await client.delete(*keys)


async def _reload_onto_the_other_worker(
    first: RedisTokenManager, second: RedisTokenManager, token: str
) -> str | None:
    """The old socket (first worker) closes; its disconnect lands 0.2 s after the reloaded
    tab's connect reached the second worker."""
    assert await first.link_token_to_sid(token, "old-sid") is None

    async def late_disconnect() -> None:
        await asyncio.sleep(0.2)
        await first.disconnect_token(token, "old-sid")

    _, new_token = await asyncio.gather(
        late_disconnect(), second.link_token_to_sid(token, "new-sid")
    )
    return new_token


async def _duplicated_tab(
    first: RedisTokenManager, second: RedisTokenManager, token: str
) -> str | None:
    """The original tab stays open: its socket never disconnects."""
    assert await first.link_token_to_sid(token, "original-sid") is None
    return await second.link_token_to_sid(token, "copy-sid")


def test_reflex_alone_gives_a_reloaded_tab_a_new_token() -> None:
    """The cause: the reload counted as a duplicate (a new token, a new state tree)."""
    assert asyncio.run(_with_two_workers(RedisTokenManager, _reload_onto_the_other_worker))


def test_a_reloaded_tab_keeps_its_token() -> None:
    kept = asyncio.run(_with_two_workers(ReconnectingTokenManager, _reload_onto_the_other_worker))
    assert kept is None


def test_a_duplicated_tab_still_gets_its_own_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tab_sessions, "RECONNECT_GRACE_S", 0.3)
    began = time.monotonic()
    new_token = asyncio.run(_with_two_workers(ReconnectingTokenManager, _duplicated_tab))
    assert new_token is not None
    assert time.monotonic() - began >= 0.3


def test_the_app_namespace_gets_the_reconnecting_manager() -> None:
    class Namespace:
        _token_manager: object = RedisTokenManager(aredis.Redis.from_url(REDIS_URL))

    namespace = Namespace()
    keep_tokens_over_reloads(namespace)
    assert type(namespace._token_manager) is ReconnectingTokenManager
    local = object()
    namespace._token_manager = local
    keep_tokens_over_reloads(namespace)  # one worker, no Redis: left alone
    assert namespace._token_manager is local
