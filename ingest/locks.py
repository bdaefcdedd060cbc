"""One refresh of an index at a time, whether the refreshes run on one host or on many.

Embedded index: an `flock` on index/.ingest.lock, which the OS releases when the process dies.
Chroma server (--chroma-url): hosts share no disk, so the lock is a lease kept in Chroma
itself. Chroma has no compare-and-swap, but it refuses to create a second collection with
a name that exists, atomically on the server: holding the lease means having created the
collection `<collection>__ingest_lease`. Its metadata names the holder and when the lease
expires; a background thread renews it every third of its lifetime. A lease whose holder
died (expiry passed) is moved aside by collection id and deleted, then whoever creates the
name first holds it. docs/refresh.md states the guarantees and the race that remains.
"""

from __future__ import annotations

import fcntl
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from ingest.tunables import BY_NAME

LEASE_SUFFIX = "__ingest_lease"


class IngestLockedError(Exception):
    """Another refresh of the same index is running."""


class LeaseLostError(IngestLockedError):
    """This refresh's lease expired and another host took it: stop writing."""


class RefreshLock(Protocol):
    """What a refresh asks its lock at every step."""

    def check(self) -> None:
        """Raise LeaseLostError when the lock is no longer held."""


class _LocalLock:
    def check(self) -> None:
        """An flock cannot be lost while the process lives."""


@contextmanager
def file_lock(path: Path) -> Iterator[RefreshLock]:
    """An exclusive flock on `path`; the OS releases it if the process dies."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise IngestLockedError(
                f"another `scoqa ingest` is refreshing {path.parent} (pid {holder}); "
                "wait for it to finish and run again"
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield _LocalLock()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class ChromaLease:
    """A lease on refreshing one collection, held as a small collection on the same Chroma server."""

    def __init__(self, client: Any, collection: str, location: str, ttl: float | None = None) -> None:
        self.client = client
        self.name = f"{collection}{LEASE_SUFFIX}"
        self.location = f"collection {collection!r} on {location}"
        self.ttl = float(ttl or BY_NAME["ingest_lease_seconds"].default)
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.expires_at = 0.0
        self._handle: Any = None
        self._lost: LeaseLostError | None = None
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None

    def _record(self, expires_at: float) -> dict[str, Any]:
        return {"holder": self.holder, "expires_at": expires_at, "ttl": self.ttl}

    def _current(self) -> Any:
        from chromadb.errors import NotFoundError

        try:
            return self.client.get_collection(self.name)
        except NotFoundError:
            return None

    def acquire(self) -> None:
        """Take the lease, or raise IngestLockedError naming the live holder."""
        from chromadb.errors import ChromaError

        failure: ChromaError | None = None
        for _ in range(5):
            expires_at = time.time() + self.ttl
            try:
                self._handle = self.client.create_collection(self.name, metadata=self._record(expires_at))
                self.expires_at = expires_at
                return
            except ChromaError as exc:  # the name is taken, or the server failed (then no lease is there)
                failure, current = exc, self._current()
            if current is None:
                continue
            meta = dict(current.metadata or {})
            if float(meta.get("expires_at", 0)) > time.time():
                until = time.strftime("%H:%M:%S", time.localtime(float(meta["expires_at"])))
                raise IngestLockedError(
                    f"another `scoqa ingest` is refreshing {self.location} (holder {meta.get('holder')}, "
                    f"lease renewed until {until}); wait for it to finish and run again"
                )
            self._discard(current)  # its holder stopped renewing: died, or cut off for longer than the lease
        raise IngestLockedError(f"could not take the ingest lease on {self.location} ({failure}); retry")

    def _discard(self, handle: Any) -> None:
        """Rename a lease by its id, then delete it under the new name: it never touches another lease."""
        from chromadb.errors import NotFoundError

        aside = f"{self.name}__gone_{uuid.uuid4().hex[:12]}"
        try:
            handle.modify(name=aside)
            self.client.delete_collection(aside)
        except NotFoundError:  # someone else discarded it first
            pass

    def renew(self) -> None:
        """Push the expiry forward; LeaseLostError if the lease under our name is no longer ours."""
        from chromadb.errors import NotFoundError

        expires_at = time.time() + self.ttl  # counted from before the request: never later than the record
        try:
            self._handle.modify(metadata=self._record(expires_at))
            current = self.client.get_collection(self.name)
        except NotFoundError:
            current = None
        if current is None or current.id != self._handle.id:
            self._lost = LeaseLostError(
                f"the ingest lease on {self.location} expired and another refresh took it over; "
                "this refresh stopped (the index stays consistent); run `scoqa ingest` again later"
            )
            raise self._lost
        self.expires_at = expires_at

    def check(self) -> None:
        """Raise LeaseLostError when the lease was lost or may have lapsed."""
        if self._lost is None and time.time() > self.expires_at:
            self._lost = LeaseLostError(
                f"the ingest lease on {self.location} could not be renewed before it expired "
                "(Chroma unreachable?); this refresh stopped; run `scoqa ingest` again"
            )
        if self._lost is not None:
            raise self._lost

    def _heartbeat(self) -> None:
        while not self._stop.wait(self.ttl / 3):
            try:
                self.renew()
            except LeaseLostError:
                return
            except Exception:  # a failed request: try again; check() notices if the lease lapses meanwhile
                continue

    def release(self) -> None:
        """Stop renewing and give the lease back (only our own collection, by id)."""
        self._stop.set()
        if self._beat is not None:
            self._beat.join()
        if self._handle is not None:
            self._discard(self._handle)

    def __enter__(self) -> ChromaLease:
        self.acquire()
        self._beat = threading.Thread(target=self._heartbeat, name="ingest-lease", daemon=True)
        self._beat.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


@contextmanager
def refresh_lock(settings: Any, store: Any) -> Iterator[RefreshLock]:
    """The lease on the Chroma server in server mode, else the flock in the index folder
    (`store` is an ingest.store.ChromaStore; its client is only opened in server mode)."""
    if settings.chroma_url:
        ttl = float(settings.tunables["ingest_lease_seconds"])
        with ChromaLease(store.client, settings.collection, settings.chroma_url, ttl) as lease:
            yield lease
    else:
        with file_lock(settings.lock_path) as lock:
            yield lock
