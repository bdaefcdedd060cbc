"""A folder of immutable revisions and a CURRENT pointer, shared by processes that read and write it.

The keyword index is saved by `scoqa ingest` and, when it finds it stale, by a running
server; several servers may share one index folder. So:
- a writer builds its revision in a hidden temporary folder, with no lock held;
- then, under an exclusive flock on `<folder>/.lock`, it renames that folder into place,
  replaces CURRENT (a uniquely named temporary file, then os.replace) and deletes the
  revisions CURRENT no longer names;
- a reader holds a shared flock on the same file while it reads CURRENT and loads the
  files it names, so no revision is deleted under a reader, and none is ever half-written.
A writer may ask to switch only if CURRENT still names what it saw (`replaces`): a reader
that rebuilt a stale index then never overwrites one a refresh saved meanwhile.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

POINTER = "CURRENT"
LOCK = ".lock"
PREFIX = "rev-"
STALE_TEMP_SECONDS = 3600.0  # a writer killed mid-save leaves a temp folder; nobody writes one for an hour
ANY = object()  # `replaces` default: switch whatever CURRENT names


@contextmanager
def _flock(folder: Path, mode: int) -> Iterator[None]:
    """flock on the folder's lock file; a folder we cannot write is one nobody else writes either."""
    try:
        fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except (PermissionError, FileNotFoundError):
        yield
        return
    try:
        fcntl.flock(fd, mode)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _read_pointer(folder: Path) -> tuple[str, str] | None:
    """(revision folder name, revision) from CURRENT, or None when there is none."""
    try:
        name, _, revision = (folder / POINTER).read_text(encoding="utf-8").strip().partition(" ")
    except OSError:
        return None
    return (name, revision) if name.startswith(PREFIX) and revision else None


def current_revision(folder: Path) -> str | None:
    """The revision CURRENT names (reads the pointer only: cheap)."""
    pointer = _read_pointer(folder)
    return pointer[1] if pointer else None


def current_name(folder: Path) -> str | None:
    """The folder name CURRENT points at, to pass back as `replaces`."""
    pointer = _read_pointer(folder)
    return pointer[0] if pointer else None


@contextmanager
def reading(folder: Path) -> Iterator[Path | None]:
    """The current revision's folder (None when there is none), kept in place while the block runs."""
    if not folder.is_dir():
        yield None
        return
    with _flock(folder, fcntl.LOCK_SH):
        name = current_name(folder)
        yield folder / name if name else None


def publish(folder: Path, revision: str, write: Callable[[Path], None], *, replaces: object = ANY) -> bool:
    """Write a revision with `write(empty_folder)` and make it current; False (nothing changed)
    when `replaces` is given and CURRENT no longer names it."""
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder))
    try:
        write(staging)
        with _flock(folder, fcntl.LOCK_EX):
            if replaces is not ANY and current_name(folder) != replaces:
                return False
            target = folder / f"{PREFIX}{uuid.uuid4().hex[:12]}"
            os.rename(staging, target)
            pointer = folder / f".{POINTER}.{uuid.uuid4().hex}"
            pointer.write_text(f"{target.name} {revision}", encoding="utf-8")
            os.replace(pointer, folder / POINTER)
            _collect(folder, keep=target.name)
        return True
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _collect(folder: Path, keep: str) -> None:
    """Delete revisions other than `keep` and temp folders of writers long dead (exclusive lock held)."""
    now = time.time()
    for path in folder.iterdir():
        if path.name.startswith(PREFIX) and path.name != keep:
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith(f".{POINTER}."):  # pointers are only written under this lock: a dead writer's
            path.unlink(missing_ok=True)
        elif path.name.startswith(".tmp-"):
            try:
                stale = now - path.stat().st_mtime > STALE_TEMP_SECONDS
            except FileNotFoundError:  # its writer just cleaned it up
                continue
            if stale:
                shutil.rmtree(path, ignore_errors=True)
