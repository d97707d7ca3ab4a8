"""Password hashing with argon2id. Slowness is deliberate; parameters rise over time and
hashes are renewed at login (see ``needs_rehash``).

argon2-cffi keeps the GIL while it hashes, so a hash computed in the web process would stall
the event loop and every websocket in it for the whole ~150 ms. Hashing and verifying
therefore run in a small pool of worker processes (one per core), which also lets two
sign-ins use two cores.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

#: OWASP minimum is 19 MiB and t=2; we take more, within a 100–400 ms budget.
ARGON2_MEMORY_KIB = 65_536
ARGON2_TIME_COST = 3
ARGON2_PARALLELISM = 1

_hasher = PasswordHasher(
    time_cost=ARGON2_TIME_COST,
    memory_cost=ARGON2_MEMORY_KIB,
    parallelism=ARGON2_PARALLELISM,
)


def _hash(password: str) -> str:
    return _hasher.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@lru_cache(maxsize=1)
def _pool() -> ProcessPoolExecutor:
    workers = max(1, min(os.cpu_count() or 1, 4))
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))


def hash_password(password: str) -> str:
    return _pool().submit(_hash, password).result()


def verify_password(password_hash: str, password: str) -> bool:
    return _pool().submit(_verify, password_hash, password).result()


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
