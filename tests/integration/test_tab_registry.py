"""Which tabs hold a session's state (issue 16, item 2: "dropped at logout"): the registry
in this process (one worker) and in Redis (several workers) answer alike. In Redis (db 6)
each test writes under a prefix of its own and deletes only those keys."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import redis

from kwportal.ui import tab_sessions
from kwportal.ui.tab_sessions import LIFETIME_S, PREFIX, InProcessRegistry, RedisRegistry

REDIS_URL = "redis://127.0.0.1:6379/6"


@pytest.fixture
def redis_registry() -> Iterator[RedisRegistry]:
    client = redis.Redis.from_url(REDIS_URL)
    client.ping()  # Redis runs on this machine and in CI: no Redis is a failure
    prefix = f"{PREFIX}-test-{uuid.uuid4().hex}"
    yield RedisRegistry(client, prefix)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()


@pytest.fixture(params=["memory", "redis"])
def registry(
    request: pytest.FixtureRequest, redis_registry: RedisRegistry
) -> tab_sessions.Registry:
    return InProcessRegistry() if request.param == "memory" else redis_registry


def test_logout_takes_the_tabs_of_one_session(registry: tab_sessions.Registry) -> None:
    registry.add("s1", 7, "tab-a")
    registry.add("s1", 7, "tab-b")
    registry.add("s2", 7, "tab-c")
    registry.add("s3", 8, "tab-d")
    assert registry.take({"s1"}) == {"tab-a", "tab-b"}
    assert registry.take({"s1"}) == set()
    assert registry.take({"unknown"}) == set()
    assert registry.take({"s2", "s3"}) == {"tab-c", "tab-d"}


def test_logout_everywhere_finds_every_session_of_the_account(
    registry: tab_sessions.Registry,
) -> None:
    registry.add("s1", 7, "tab-a")
    registry.add("s2", 7, "tab-b")
    registry.add("s3", 8, "tab-c")
    assert registry.siblings("s1") == {"s1", "s2"}
    assert registry.siblings("never-seen") == {"never-seen"}
    assert registry.take(registry.siblings("s2")) == {"tab-a", "tab-b"}
    assert registry.take({"s3"}) == {"tab-c"}


def test_redis_entries_expire_with_a_session(redis_registry: RedisRegistry) -> None:
    redis_registry.add("s1", 7, "tab-a")
    client = redis_registry.client
    keys = list(client.scan_iter(match=f"{redis_registry.prefix}:*"))
    assert len(keys) == 3
    assert all(0 < client.ttl(key) <= LIFETIME_S for key in keys)


def test_the_binding_is_keyed_and_never_the_cookie() -> None:
    bound = tab_sessions.binding("the-cookie-token")
    assert bound and "the-cookie-token" not in bound
    assert bound == tab_sessions.binding("the-cookie-token") != tab_sessions.binding("other")
    assert tab_sessions.binding("") == ""
