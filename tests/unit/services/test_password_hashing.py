"""argon2id with at least the OWASP parameters (19 MiB, t = 2); one real hash here."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.low_level import Type

from kwportal.services.auth import passwords

PASSWORD = "vier woorden zijn genoeg hier"
STRONG_HASH = passwords.hash_password(PASSWORD)


def test_hashes_are_argon2id_with_at_least_owasp_parameters():
    from argon2 import extract_parameters

    params = extract_parameters(STRONG_HASH)
    assert STRONG_HASH.startswith("$argon2id$")
    assert params.type is Type.ID
    assert params.memory_cost >= 19 * 1024
    assert params.time_cost >= 2
    assert PASSWORD not in STRONG_HASH


def test_verify():
    assert passwords.verify_password(STRONG_HASH, PASSWORD)
    assert not passwords.verify_password(STRONG_HASH, PASSWORD + " ")
    assert not passwords.verify_password("not a hash", PASSWORD)
    assert not passwords.verify_password("", PASSWORD)


def test_a_hash_with_weaker_parameters_needs_rehash():
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    assert passwords.verify_password(weak, PASSWORD)
    assert passwords.needs_rehash(weak)
    assert not passwords.needs_rehash(STRONG_HASH)
