"""One writer at a time on a data folder: an advisory lock file taken by ingest, remove and reindex.

The lock is ``fcntl.flock`` on ``<data>/write.lock``: the kernel releases it when the holder
exits, even when it is killed, so a crash never leaves a stale lock behind. It is re-entrant
within a process (an ingest that rebuilds the index takes it once), and a second writer waits
for it, saying so once, then gives up after a timeout with one line.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from extract.errors import StoreError

LOCK_FILENAME = "write.lock"
WRITE_LOCK_TIMEOUT = float(os.environ.get("JIXIAO_LOCK_TIMEOUT", "600"))
"""Seconds a writer waits for another to finish before giving up."""
_POLL = 0.1

_held: dict[Path, int] = {}  # lock path -> re-entry depth, in this process
_handles: dict[Path, int] = {}  # lock path -> the descriptor holding it, in this process
_guard = threading.RLock()


def _forget_in_child() -> None:
    """In a forked child (an ingest's worker), close the lock descriptors it inherited, without
    unlocking: the lock then belongs to the parent alone, and goes when the parent goes, even if
    the child lives on. The child holds no lock of its own."""
    for handle in _handles.values():
        try:
            os.close(handle)
        except OSError:
            pass
    _handles.clear()
    _held.clear()


os.register_at_fork(after_in_child=_forget_in_child)


@contextmanager
def writer_lock(data_dir: Path, timeout: float | None = None,
                waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the data folder's write lock for the block; StoreError after ``timeout`` seconds.

    ``waiting`` is told once, in words, when another writer holds the lock.
    """
    timeout = WRITE_LOCK_TIMEOUT if timeout is None else timeout
    path = (Path(data_dir) / LOCK_FILENAME).resolve()
    with _guard:
        if path in _held:
            _held[path] += 1
            try:
                yield
            finally:
                _held[path] -= 1
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:  # a read-only folder, a file where the folder should be
            raise StoreError(f"{path.parent}: cannot be written here ({exc.strerror or exc})") from exc
        try:
            _acquire(handle, path, timeout, waiting)
            _held[path], _handles[path] = 1, handle
            try:
                yield
            finally:
                del _held[path], _handles[path]
                fcntl.flock(handle, fcntl.LOCK_UN)
        finally:
            os.close(handle)


def _acquire(handle: int, path: Path, timeout: float, waiting: Callable[[str], None] | None) -> None:
    deadline = time.monotonic() + timeout
    told = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise StoreError(f"{path.parent}: another jixiao ingest, remove or reindex is still "
                                 f"writing (waited {timeout:g} s for {path.name})") from None
            if not told and waiting is not None:
                waiting(f"{path.parent}: another jixiao command is writing here; waiting for it "
                        f"(up to {timeout:g} s)")
                told = True
            time.sleep(_POLL)


def writer_active(data_dir: Path) -> bool:
    """True while a writer (in this process or another) holds the data folder's write lock."""
    path = (Path(data_dir) / LOCK_FILENAME).resolve()
    if path in _held:
        return True
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return False  # no lock file: nobody ever wrote here
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)  # closing drops the shared lock taken to look
    return False
