"""A bounded LRU cache that a server's threads share.

Sentence vectors, passage terms, sentence facts and checked passages come back question after
question, and several questions are answered at once. cachetools' LRUCache is not thread-safe,
so lookups and stores hold a lock; computing what is missing does not, so one slow batch never
blocks the other threads' hits (two threads may compute the same value; the last store wins).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Generic, TypeVar

from cachetools import LRUCache

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class SharedCache(Generic[K, V]):
    """get_many(keys, compute): the cached values, `compute` called once on the missing keys."""

    def __init__(self, size: int) -> None:
        self._cache: LRUCache[K, V] = LRUCache(maxsize=size)
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[K], compute: Callable[[list[K]], Iterable[V]]) -> list[V]:
        """The value of each key, in order; the missing ones computed together (each once)."""
        with self._lock:
            known = {key: self._cache[key] for key in keys if key in self._cache}
        missing = [key for key in dict.fromkeys(keys) if key not in known]
        if missing:
            known.update(zip(missing, compute(missing), strict=True))
            with self._lock:
                for key in missing:
                    self._cache[key] = known[key]
        return [known[key] for key in keys]

    def get(self, key: K, compute: Callable[[K], V]) -> V:
        """The value of one key, computed if missing."""
        return self.get_many([key], lambda missing: [compute(missing[0])])[0]
