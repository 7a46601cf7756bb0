"""Where a data folder's Whoosh index lives, and opening it: shared by the writer and the reader."""

from __future__ import annotations

from pathlib import Path

from whoosh import index as windex

from extract.errors import IndexMissingError

INDEX_DIRNAME = "index"


def index_dir(data_dir: Path) -> Path:
    """Where the Whoosh index of a data folder lives."""
    return Path(data_dir) / INDEX_DIRNAME


def index_exists(data_dir: Path) -> bool:
    """True when the data folder holds a readable Whoosh index."""
    path = index_dir(data_dir)
    return path.is_dir() and windex.exists_in(str(path))


def open_whoosh_index(data_dir: Path) -> windex.Index:
    """The existing index; IndexMissingError says how to build one."""
    if not index_exists(data_dir):
        raise IndexMissingError(
            f"no search index in {data_dir}; build one with `jixiao ingest` "
            f"(or `jixiao reindex` when the store is already filled)")
    return windex.open_dir(str(index_dir(data_dir)))
