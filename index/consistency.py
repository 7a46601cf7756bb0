"""Do the store and the index agree? In ids and in content, and what to do when they do not.

The store is the source of truth. Every write bumps the store's generation in the same
transaction, and every index update records the generation it reflects, so a writer that finds
the two numbers apart knows an earlier run stopped between the store and the index (a crash, a
kill) and rebuilds the index before adding anything. ``compare`` goes further for ``jixiao
check``: passage by passage, by content hash (``extract.records.content_hash``), and the search
arrays by their checksums.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extract.errors import IndexDamagedError, JixiaoError
from index.lock import writer_active, writer_lock
from index.search.directory import index_dir, index_exists
from index.search.engine.postings import damaged_segments
from index.search.writer import indexed_count, indexed_generation, indexed_hashes, rebuild
from index.store import Store


@dataclass
class Comparison:
    """Differences between store and index.

    missing: stored passages the index lacks; extra: indexed passages the store lacks; stale:
    passages indexed with other content than the store's; damaged: array folders whose files no
    longer match their checksums; passages: how many the store holds.
    """

    passages: int = 0
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)

    @property
    def agree(self) -> bool:
        """True when nothing differs."""
        return not (self.missing or self.extra or self.stale or self.damaged)


def compare(data_dir: Path) -> Comparison:
    """Compare the store with the index passage by passage (ids and content hashes) and check the
    arrays; StoreError or IndexMissingError when either is not there."""
    with Store(data_dir, create=False) as store:
        stored = store.passage_hashes()
    indexed = indexed_hashes(data_dir)
    return Comparison(
        passages=len(stored),
        missing=sorted(stored.keys() - indexed.keys()),
        extra=sorted(indexed.keys() - stored.keys()),
        stale=sorted(pid for pid in stored.keys() & indexed.keys() if stored[pid] != indexed[pid]),
        damaged=damaged_segments(index_dir(data_dir)),
    )


def index_behind(data_dir: Path) -> str | None:
    """Why the index does not reflect the store (missing, or written before the store's last
    change), or None when it does or when there is no store yet."""
    if not (Path(data_dir) / Store.FILENAME).exists():
        return None
    with Store(data_dir, create=False) as store:
        generation, passages = store.generation(), store.passage_count()
    if not index_exists(data_dir):
        return "the search index is missing" if passages else None
    try:
        counted = indexed_count(data_dir)
    except IndexDamagedError as exc:
        return str(exc).split(";")[0]
    if indexed_generation(data_dir) != generation or counted != passages:
        return "the search index is behind the store (an earlier run stopped between the two)"
    return None


def search_caveat(data_dir: Path) -> str | None:
    """Why a search of ``data_dir`` may miss stored passages: the index is missing, damaged or
    behind the store, and no writer is at work (an ingest fills the index at its end); else None."""
    if writer_active(data_dir):
        return None
    try:
        reason = index_behind(data_dir)
    except JixiaoError:
        return None  # the search itself names a store or index it cannot read
    return None if reason is None else f"{data_dir}: {reason}; results may miss stored passages, " \
                                        "run `jixiao reindex`"


def repair_damaged_index(data_dir: Path, damage: IndexDamagedError, wait: float = 10.0) -> None:
    """Rebuild a damaged index from the store for a reader (a search), unless a writer is at work
    or the folder cannot be written; re-raises ``damage`` when it cannot."""
    if writer_active(data_dir):
        raise damage
    try:
        with writer_lock(data_dir, timeout=wait):
            rebuild(data_dir)
    except (JixiaoError, OSError):
        raise damage from None


def bring_index_up_to_date(data_dir: Path) -> str | None:
    """Rebuild the index from the store when it is behind; returns the reason it was rebuilt."""
    with writer_lock(data_dir):
        reason = index_behind(data_dir)
        if reason is not None:
            rebuild(data_dir)
        return reason
