"""Open searchers of a data folder's index, lent to the threads that search it, one thread at a time each.

Opening an index and its arrays costs more than a search, so searchers are kept open between
searches. A Whoosh searcher reads its files by seek and read, and the arrays fill caches as they
are used, so one searcher serves one search at a time; threads that search at the same time each
borrow one of their own (opened when none is idle). The lock guards only the shelf of idle
searchers: taking one off and putting one back. Opening, searching and closing run outside it, so
the searches of different app sessions run at the same time. When the index changes on disk (a
commit, a rebuild), searchers of the old index are closed once they come back, and new ones open.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.search.directory import index_dir, index_exists, open_whoosh_index
from index.search.engine.postings import PostingArrays

IDLE_PER_INDEX = 8
"""Searchers of one index kept open while idle: as many as searches that ran at the same time, up to this."""


@dataclass
class _Opened:
    """One open index, its searcher and its arrays, and the version of the index they show."""

    version: tuple
    ix: Any
    searcher: Any
    arrays: PostingArrays

    def close(self) -> None:
        """Close the searcher and the index."""
        with suppress(Exception):  # a searcher of a deleted build may fail to close: nothing to keep
            self.searcher.close()
            self.ix.close()


@dataclass
class _Shelf:
    """The idle searchers of one data folder, all of the newest version seen."""

    version: tuple = ()
    idle: list[_Opened] = field(default_factory=list)


_shelves: dict[Path, _Shelf] = {}
_lock = threading.Lock()


def index_version(data_dir: Path) -> tuple:
    """What identifies the index on disk now: its table-of-contents files, their times and inodes
    (a rebuild swaps the folder, a commit writes a new file); empty when there is no index."""
    if not index_exists(data_dir):
        return ()
    folder = index_dir(data_dir).resolve()
    return (str(folder),) + tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_ino)
                                         for p in folder.glob("*.toc")))


def _take(key: Path, version: tuple) -> tuple[_Opened | None, list[_Opened]]:
    """An idle searcher of ``version`` (None when there is none), and the stale ones to close."""
    with _lock:
        shelf = _shelves.setdefault(key, _Shelf())
        stale: list[_Opened] = []
        if shelf.version != version:
            stale, shelf.idle, shelf.version = shelf.idle, [], version
        return (shelf.idle.pop() if shelf.idle else None), stale


def _give_back(key: Path, opened: _Opened) -> bool:
    """Put ``opened`` back on the shelf; False when it is stale or the shelf is full (close it)."""
    with _lock:
        shelf = _shelves.setdefault(key, _Shelf())
        if opened.version != shelf.version or len(shelf.idle) >= IDLE_PER_INDEX:
            return False
        shelf.idle.append(opened)
        return True


def _open(key: Path, version: tuple) -> _Opened:
    ix = open_whoosh_index(key)
    try:
        searcher = ix.searcher()
        return _Opened(version, ix, searcher, PostingArrays(index_dir(key), searcher))
    except BaseException:
        ix.close()
        raise


@contextmanager
def open_searcher(data_dir: Path) -> Iterator[tuple[Any, PostingArrays]]:
    """A searcher on the index of ``data_dir`` and the index's arrays, for this thread alone
    during the block; IndexMissingError when there is no index."""
    key = Path(data_dir).resolve()
    version = index_version(key)
    opened, stale = _take(key, version)
    for old in stale:
        old.close()
    if opened is None:
        opened = _open(key, version)
    try:
        yield opened.searcher, opened.arrays
    except BaseException:
        opened.close()  # a search that failed (a damaged file) may have left it half-read
        raise
    if not _give_back(key, opened):
        opened.close()
