"""Where a data folder's Whoosh index lives, and opening it: shared by the writer and the reader."""

from __future__ import annotations

import pickle
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as windex

from extract.errors import IndexDamagedError, IndexMissingError
from index.search.engine.whoosh_internals import restrict_unpickling

INDEX_DIRNAME = "index"
restrict_unpickling()  # an index's pickles are read as data: nothing in them runs (whoosh_internals)


def index_dir(data_dir: Path) -> Path:
    """Where the Whoosh index of a data folder lives."""
    return Path(data_dir) / INDEX_DIRNAME


UNREADABLE = (EOFError, struct.error, pickle.UnpicklingError, zlib.error, OSError, ValueError, TypeError,
              AttributeError, IndexError, KeyError)
"""What Whoosh raises on a truncated or damaged index file (bytes flipped anywhere in one)."""


def index_exists(data_dir: Path) -> bool:
    """True when the data folder holds a Whoosh index (readable, or damaged: opening it then
    raises IndexDamagedError, which names the cure)."""
    path = index_dir(data_dir)
    try:
        return path.is_dir() and windex.exists_in(str(path))
    except UNREADABLE:
        return True


def open_whoosh_index(data_dir: Path) -> windex.Index:
    """The existing index; IndexMissingError says how to build one, IndexDamagedError that it
    cannot be read."""
    if not index_exists(data_dir):
        raise IndexMissingError(
            f"no search index in {data_dir}; build one with `jixiao ingest` "
            f"(or `jixiao reindex` when the store is already filled)")
    with reading_index(data_dir):
        return windex.open_dir(str(index_dir(data_dir)))


@contextmanager
def reading_index(data_dir: Path) -> Iterator[None]:
    """Turn Whoosh's errors on a damaged index into IndexDamagedError, one line naming the cure."""
    try:
        yield
    except UNREADABLE as exc:
        raise IndexDamagedError(f"the search index in {data_dir} is damaged ({type(exc).__name__}: {exc}); "
                                "rebuild it from the store with `jixiao reindex`") from exc
