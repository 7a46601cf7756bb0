"""The front door of a data folder: everything the command line and the app ask of the store and the index.

``Corpus(data_dir)`` is the one object ``ui/`` holds (the sqlite-utils shape: each command one
call on the library). Writes (``ingest``, ``remove``, ``reindex``) take the folder's write lock
once, for the whole call; reads borrow an open store connection and a searcher for the call
(``_reading``, ``index.search.searchers``), kept open between calls, so a search asks the file
system almost nothing; searches take turns (``SEARCH_TURN``, docs/index.md says why). ``version()``
changes whenever what a reader sees may have changed, so the app keys its caches on it. The
plain record and filter types the callers need are re-exported here, so that ``ui/`` imports
nothing else of ``index/``.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

from extract.errors import IndexDamagedError
from extract.records import Document
from index.consistency import Comparison, bring_index_up_to_date, compare, repair_damaged_index, search_caveat
from index.departments import (
    Department,
    canonical_meta,
    department_metrics,
    find_department,
    hit_identities,
    list_departments,
)
from index.export import CSV_COLUMNS, FORMATS, SUFFIXES, export, export_bytes, spreadsheet_safe
from index.ingest import IngestReport, Source, file_sources, ingest, jsonl_sources
from index.lock import writer_lock
from index.search.directory import index_exists
from index.search.plan import Filters
from index.search.query import MAX_QUERY_CHARS, parse
from index.search.service import SEARCH_TURN, SORTS, Hit, SearchResult, highlight, matching_documents, search
from index.search.thesaurus import department_short_name
from index.search.writer import indexed_generation, rebuild, remove_documents
from index.sources.fetch import FetchReport, Politeness, fetch
from index.store import Store

__all__ = ["CSV_COLUMNS", "FORMATS", "MAX_QUERY_CHARS", "SORTS", "SUFFIXES", "Comparison", "Corpus", "Department",
           "FetchReport", "Filters", "Hit", "IngestReport", "Politeness", "Removal", "SearchResult", "Source",
           "canonical_meta", "file_sources", "highlight", "jsonl_sources", "search_report", "spreadsheet_safe",
           "typed_words"]


IDLE_READERS = 8
"""Read connections to one folder's store kept open while idle: as many as reads at the same time, up to this."""
_idle_readers: dict[Path, list[tuple[tuple[int, ...], Store]]] = {}
_readers_lock = threading.Lock()


@contextmanager
def _reading(data_dir: Path) -> Iterator[Store]:
    """The folder's store for one read: an idle connection opened before on the same file (its
    device, inode and change time: a store deleted and written anew is opened anew, as is one a
    checkpoint changed; and this process's: a forked worker never uses its parent's connection), else
    a new one; put back after. StoreError when the folder holds no store. The lock guards only the
    list of idle ones."""
    path = Path(os.path.abspath(data_dir / Store.FILENAME))
    try:
        stat = os.stat(path)
        file = (stat.st_dev, stat.st_ino, stat.st_ctime_ns, os.getpid())
    except OSError:
        file = (0, 0, 0, 0)  # no store: opening says so
    with _readers_lock:
        idle = _idle_readers.setdefault(path, [])
        stale = [opened for known, opened in idle if known != file]
        idle[:] = [(known, opened) for known, opened in idle if known == file]
        store = idle.pop()[1] if idle else None
    for opened in stale:
        opened.close()
    store = store or Store(path.parent, create=False)
    try:
        yield store
    except sqlite3.Error as exc:  # a damaged store: closed, not kept, and the error names it
        store.__exit__(type(exc), exc, exc.__traceback__)
        raise
    except BaseException:
        store.close()
        raise
    else:
        if store.db.in_transaction:  # a read left open would hold the WAL back: never keep one
            store.db.rollback()
        with _readers_lock:
            idle = _idle_readers.setdefault(path, [])
            kept = len(idle) < IDLE_READERS
            if kept:
                idle.append((file, store))
        if not kept:
            store.close()


@dataclass
class Removal:
    """What ``Corpus.remove`` did: the ids removed and the ids that were not stored."""

    removed: list[str]
    missing: list[str]


class Corpus:
    """The store and the search index of one data folder.

    ``waiting`` is told, in words, when a write waits for another writer of the folder.
    """

    def __init__(self, data_dir: Path, waiting: Callable[[str], None] | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.waiting = waiting

    def _store(self) -> AbstractContextManager[Store]:
        """The store for one read call (``_reading``); StoreError when the folder holds none."""
        return _reading(self.data_dir)

    def version(self) -> tuple[int, int | None]:
        """(the store's generation, the generation the index reflects): changes with every write
        to either, so a result computed before a write is never served after it; (0, None) when
        the folder holds no store yet."""
        if not (self.data_dir / Store.FILENAME).exists():
            return 0, None
        with self._store() as store:
            return store.generation(), indexed_generation(self.data_dir)

    def ingest(self, sources: Iterable[Source], progress: Callable[[str], None] | None = None,
               workers: int = 1, cluster: str | None = None, force: bool = False) -> IngestReport:
        """Tag, store and index ``sources`` (see ``index.ingest.ingest``), under the write lock."""
        return ingest(sources, self.data_dir, progress=progress, workers=workers, cluster=cluster,
                      force=force, waiting=self.waiting)

    def fetch(self, urls: Iterable[str], politeness: Politeness | None = None) -> FetchReport:
        """Download report pages and the attachments they link to into the folder's cache (see
        ``index.sources.fetch.fetch``); the sources to ``ingest``, with their URLs as source."""
        return fetch(urls, self.data_dir, politeness)

    def remove(self, doc_ids: Iterable[str]) -> Removal:
        """Delete documents from the store and the index, under the write lock."""
        removal = Removal([], [])
        with writer_lock(self.data_dir, waiting=self.waiting):
            with Store(self.data_dir, create=False) as store:
                for doc_id in doc_ids:
                    (removal.removed if store.remove_document(doc_id) else removal.missing).append(doc_id)
            if index_exists(self.data_dir):
                remove_documents(self.data_dir, removal.removed + removal.missing)
            bring_index_up_to_date(self.data_dir)
        return removal

    def reindex(self) -> int:
        """Rebuild the search index from the store, under the write lock; passages indexed."""
        return rebuild(self.data_dir, waiting=self.waiting)

    def check(self) -> Comparison:
        """Store and index compared passage by passage, and the search arrays with their checksums."""
        return compare(self.data_dir)

    def search(self, query: str, filters: Filters | None = None, page: int = 1, page_size: int = 20,
               sort: str = "relevance", use_thesaurus: bool = True, facets: bool = True) -> SearchResult:
        """Ranked, filtered, faceted passages (see ``index.search.service.search``), each hit with
        whose report it is as the store keeps it: department id, region levels and division code."""
        with SEARCH_TURN:  # the store's read too: searches take turns (``SEARCH_TURN``)
            result = search(self.data_dir, query, filters, page=page, page_size=page_size, sort=sort,
                            use_thesaurus=use_thesaurus, facets=facets)
            if not result.hits:
                return result
            with self._store() as store:
                known = hit_identities(store.db, (hit.doc_id for hit in result.hits))
            for hit in result.hits:
                hit.department_id, hit.region_levels = known.get(hit.doc_id, (hit.department_id, {}))
        return result

    def caveat(self) -> str | None:
        """Why a search may miss stored passages (the index missing, damaged or behind the store,
        no writer at work), else None (see ``index.consistency.search_caveat``)."""
        return search_caveat(self.data_dir)

    def repair(self, damage: IndexDamagedError) -> None:
        """Rebuild a damaged index from the store for a reader, unless a writer is at work or the
        folder cannot be written (then ``damage`` is raised again)."""
        repair_damaged_index(self.data_dir, damage)

    def matching_documents(self, query: str, filters: Filters | None = None,
                           use_thesaurus: bool = True) -> list[str]:
        """The ids of the documents a search finds passages in, sorted, without reading any hit."""
        return matching_documents(self.data_dir, query, filters, use_thesaurus)

    def document(self, doc_id: str) -> Document | None:
        """The stored document with its passages, entities, metrics and budget, or None."""
        with self._store() as store:
            return store.get_document(doc_id)

    def documents(self) -> list[dict]:
        """One row per stored document (see ``Store.documents_overview``)."""
        with self._store() as store:
            return store.documents_overview()

    def departments(self) -> list[dict]:
        """One row per stored department name (see ``Store.departments``)."""
        with self._store() as store:
            return store.departments()

    def department_list(self) -> list[Department]:
        """Every department with a stored report, with its names, region and reports by year
        (``index.departments.list_departments``)."""
        with self._store() as store:
            return list_departments(store.db)

    def department(self, wanted: str) -> Department | None:
        """The department a name, alias or id stands for, or None."""
        with self._store() as store:
            return find_department(store.db, wanted)

    def department_metrics(self, doc_ids: tuple[str, ...]) -> list[dict]:
        """The metrics of these reports with their year (``index.departments.department_metrics``)."""
        with self._store() as store:
            return department_metrics(store.db, doc_ids)

    def passage_headers(self, passage_ids: tuple[str, ...]) -> dict[str, str]:
        """The table header stored with each of these table-row passages (``Store.passage_headers``)."""
        with self._store() as store:
            return store.passage_headers(passage_ids)

    def counts(self) -> dict[str, int]:
        """Documents, passages, metrics and entities per label (see ``Store.corpus_counts``)."""
        with self._store() as store:
            return store.corpus_counts()

    def budgets(self) -> list[dict]:
        """Every report's budget figures and checks (see ``Store.budgets``)."""
        with self._store() as store:
            return store.budgets()

    def metric_names(self) -> list[tuple[str, int]]:
        """Every ``what`` of the stored metrics with its count (see ``Store.metric_names``)."""
        with self._store() as store:
            return store.metric_names()

    def metric_values(self, what: str) -> list[dict]:
        """Every metric measuring ``what`` (see ``Store.metric_values``)."""
        with self._store() as store:
            return store.metric_values(what)

    def indicators(self, of: str | None = None) -> list[tuple[str, int]]:
        """Every canonical indicator stored (with ``of``, the sub-kinds of that one) with how many
        reports state it (see ``Store.indicators``)."""
        with self._store() as store:
            return store.indicators(of)

    def indicator_values(self, indicator: str, kind: str | None = None) -> list[dict]:
        """The values of one canonical indicator, or of one of its sub-kinds (see ``Store.indicator_values``)."""
        with self._store() as store:
            return store.indicator_values(indicator, kind)

    def export(self, fmt: str, out: Path, doc_ids: Iterable[str] | None = None) -> int:
        """Write the stored documents (those of ``doc_ids``, or all) to ``out`` in format ``fmt``;
        the number of documents written."""
        with self._store() as store:
            return export(self._documents(store, doc_ids), fmt, out)

    def export_bytes(self, fmt: str, doc_ids: Iterable[str] | None = None) -> bytes:
        """The stored documents (those of ``doc_ids``, or all) in format ``fmt``, as file bytes."""
        with self._store() as store:
            return export_bytes(self._documents(store, doc_ids), fmt)

    @staticmethod
    def _documents(store: Store, doc_ids: Iterable[str] | None) -> Iterator[Document]:
        wanted = None if doc_ids is None else set(doc_ids)
        for doc_id in store.doc_ids():
            if wanted is None or doc_id in wanted:
                doc = store.get_document(doc_id)
                if doc is not None:
                    yield doc

    @staticmethod
    def short_names(names: Iterable[str]) -> dict[str, str]:
        """Each department name with its known short form (中共…统一战线工作部 → …统战部), for labels."""
        return {name: department_short_name(name) for name in names}


def search_report(gold: Path | None = None) -> str:
    """The search evaluation's figures (see ``index.evaluation.search_report``)."""
    from index.evaluation import search_report as report  # builds indexes of its own: loaded when asked

    return report(gold)


def typed_words(query: str) -> list[str]:
    """The words and phrases a user typed in ``query`` (what the app marks as the query's own)."""
    return parse(query).typed() if query.strip() else []
