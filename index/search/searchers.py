"""Open searchers of a data folder's index, lent to the threads that search it, one thread at a time each.

Opening an index and its arrays costs more than a search, so searchers are kept open between
searches. A Whoosh searcher reads its files by seek and read, and the arrays fill caches as they
are used, so one searcher serves one search at a time; threads that search at the same time each
borrow one of their own (opened when none is idle). The lock guards only the shelf of idle
searchers: taking one off and putting one back. Opening, searching and closing run outside it, so
the searches of different app sessions run at the same time. When the index changes on disk (a
commit), an idle searcher of the old version is opened again on the same index, keeping the arrays
of the segments that did not change. After a rebuild (a new folder) searchers are opened anew.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.search.directory import index_dir, open_whoosh_index
from index.search.engine.postings import ARRAYS_DIRNAME, PostingArrays

IDLE_PER_INDEX = 8
"""Searchers of one index kept open while idle: as many as searches that ran at the same time, up to this."""


@dataclass
class _Opened:
    """One open index, its searcher and its arrays, and the version of the index they show."""

    version: tuple
    ix: Any
    searcher: Any
    arrays: PostingArrays
    stamps: dict[str, tuple | None] = field(default_factory=dict)
    """Each segment's array files as they were when loaded (``_stamps``): reused only while unchanged."""

    def close(self) -> None:
        """Close the searcher and the index."""
        with suppress(Exception):  # a searcher of a deleted build may fail to close: nothing to keep
            self.searcher.close()
            self.ix.close()


@dataclass
class _Shelf:
    """The idle searchers of one data folder (of any version: one taken is refreshed)."""

    idle: list[_Opened] = field(default_factory=list)


_shelves: dict[Path, _Shelf] = {}
_lock = threading.Lock()


def index_version(data_dir: Path) -> tuple:
    """What identifies the index on disk now: the folder it is (its device and inode: a rebuild
    swaps in another folder), then its table-of-contents files, their times and inodes (a commit
    writes a new file); empty when there is no index. Listed, not read: the table of contents is
    read by the opening that follows (``open_whoosh_index``, which says when there is no index), so
    a search reads it only when the index changed. A few system calls, none walking the path: every
    one lets another thread's search take the interpreter."""
    folder = index_dir(data_dir)
    try:
        where = os.stat(folder)
        with os.scandir(folder) as entries:
            tocs = [entry for entry in entries if entry.name.endswith(".toc")]
    except (FileNotFoundError, NotADirectoryError):
        return ()
    stamps = []
    for toc in tocs:
        try:
            stat = toc.stat()
        except FileNotFoundError:
            continue  # a commit removed it since it was listed: the newer one is there
        stamps.append((toc.name, stat.st_mtime_ns, stat.st_ino))
    return (f"{os.path.abspath(folder)}@{where.st_dev}:{where.st_ino}",) + tuple(sorted(stamps)) if stamps else ()


def _take(key: Path, version: tuple) -> _Opened | None:
    """An idle searcher, of ``version`` if there is one, else of another version (to refresh);
    None when none is idle."""
    with _lock:
        shelf = _shelves.setdefault(key, _Shelf())
        for n, opened in enumerate(shelf.idle):
            if opened.version == version:
                return shelf.idle.pop(n)
        return shelf.idle.pop() if shelf.idle else None


def _give_back(key: Path, opened: _Opened) -> bool:
    """Put ``opened`` back on the shelf; False when the shelf is full (then close it)."""
    with _lock:
        shelf = _shelves.setdefault(key, _Shelf())
        if len(shelf.idle) >= IDLE_PER_INDEX:
            return False
        shelf.idle.append(opened)
        return True


def _stamps(key: Path, segment_ids: Iterable[str | None]) -> dict[str, tuple | None]:
    """Each segment's array files now: names, inodes, times and sizes (None when unreadable)."""
    root = index_dir(key) / ARRAYS_DIRNAME
    stamps: dict[str, tuple | None] = {}
    for sid in segment_ids:
        if sid is None:
            continue
        try:
            stamps[sid] = tuple(sorted((e.name, e.inode(), e.stat().st_mtime_ns, e.stat().st_size)
                                       for e in os.scandir(root / sid)))
        except OSError:
            stamps[sid] = None
    return stamps


def _opened(key: Path, version: tuple, ix: Any, known: dict[str, Any] | None = None) -> _Opened:
    """A new searcher of ``ix`` and its arrays, reusing the ``known`` arrays of unchanged segments."""
    searcher = ix.searcher()
    arrays = PostingArrays(index_dir(key), searcher, known=known)
    return _Opened(version, ix, searcher, arrays, _stamps(key, arrays.by_id))


def _open(key: Path, version: tuple) -> _Opened:
    ix = open_whoosh_index(key)
    try:
        return _opened(key, version, ix)
    except BaseException:
        ix.close()
        raise


def _refreshed(key: Path, opened: _Opened, version: tuple) -> _Opened:
    """``opened`` brought to the index as it is now: a new Whoosh searcher of the same index (its
    readers see the segments and deletions of the latest commit), keeping the arrays of the
    segments that did not change (a segment's arrays are written once; deletions are read anew),
    unless their files changed on disk since (damaged, removed: then they are loaded or rebuilt). A
    rebuilt index (another folder) is opened anew. Whoosh's own ``Searcher.refresh`` is not used:
    it reuses a segment's reader across new deletions and keeps segments merged away."""
    if opened.version[:1] != version[:1]:
        opened.close()
        return _open(key, version)
    with suppress(Exception):
        opened.searcher.close()
    now = _stamps(key, opened.stamps)
    known = {sid: arrays for sid, arrays in opened.arrays.by_id.items()
             if opened.stamps.get(sid) is not None and now.get(sid) == opened.stamps[sid]}
    try:
        return _opened(key, version, opened.ix, known)
    except BaseException:
        opened.ix.close()
        raise


OPEN_ATTEMPTS = 3
"""Tries at opening a searcher while commits replace the index's files under it."""


def _borrowed(key: Path) -> _Opened:
    """A searcher of the index as it is now: an idle one (refreshed when the index changed since),
    else a new one. A commit that removes a file the opening was about to read makes it try again."""
    for _ in range(OPEN_ATTEMPTS - 1):
        with suppress(FileNotFoundError):
            return _borrow_once(key)
    return _borrow_once(key)


def _borrow_once(key: Path) -> _Opened:
    version = index_version(key)
    opened = _take(key, version)
    if opened is None:
        return _open(key, version)
    return opened if opened.version == version else _refreshed(key, opened, version)


@contextmanager
def open_searcher(data_dir: Path) -> Iterator[tuple[Any, PostingArrays]]:
    """A searcher on the index of ``data_dir`` and the index's arrays, for this thread alone
    during the block; IndexMissingError when there is no index."""
    key = Path(os.path.abspath(data_dir))  # not resolved: walking the path costs a call a part
    opened = _borrowed(key)
    try:
        yield opened.searcher, opened.arrays
    except BaseException:
        opened.close()  # a search that failed (a damaged file) may have left it half-read
        raise
    if not _give_back(key, opened):
        opened.close()
