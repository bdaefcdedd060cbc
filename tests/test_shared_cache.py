"""The LRU cache server threads share (ingest/shared_cache.py): each missing key computed once per
batch, the least recently used dropped first, and threads hammering it get the right values."""

from __future__ import annotations

import threading

import pytest

from ingest.shared_cache import SharedCache

pytestmark = pytest.mark.unit


def test_missing_keys_are_computed_together_once_and_then_remembered() -> None:
    cache: SharedCache[str, int] = SharedCache(10)
    calls: list[list[str]] = []

    def compute(keys: list[str]) -> list[int]:
        calls.append(keys)
        return [len(k) for k in keys]

    assert cache.get_many(["aa", "b", "aa"], compute) == [2, 1, 2]
    assert cache.get_many(["b", "ccc"], compute) == [1, 3]
    assert calls == [["aa", "b"], ["ccc"]]
    assert cache.get("aa", lambda k: -1) == 2


def test_the_least_recently_used_key_goes_first() -> None:
    cache: SharedCache[str, str] = SharedCache(2)
    cache.get_many(["a", "b"], lambda keys: [k.upper() for k in keys])
    cache.get("a", lambda k: "unused")  # 'a' is now the most recent
    cache.get("c", str.upper)  # evicts 'b'
    assert cache.get("a", lambda k: "recomputed") == "A"
    assert cache.get("b", lambda k: "recomputed") == "recomputed"


def test_threads_sharing_a_small_cache_always_get_their_own_values() -> None:
    cache: SharedCache[int, int] = SharedCache(50)
    errors: list[str] = []

    def work(offset: int) -> None:
        for round_ in range(200):
            keys = [(offset * 7 + round_ + i) % 300 for i in range(20)]
            if cache.get_many(keys, lambda missing: [k * k for k in missing]) != [k * k for k in keys]:
                errors.append(f"thread {offset} round {round_}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
