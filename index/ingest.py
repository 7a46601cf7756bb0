"""Ingest: read report files (or JSON lines), tag them, store them, update the index.

Reports are extracted in batches (``index.workers``: in this process, in worker processes, or on a
Dask cluster with ``index.cluster``) and stored and indexed in input order, one store transaction
per batch; a failing file never takes others with it. One index writer serves the whole ingest and
commits at the end; the index can always be rebuilt from the store, and an index left behind the
store by an earlier run is rebuilt first. Unchanged files (same fingerprint as the stored
document's file hash) are skipped. The data folder's write lock is held throughout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from extract.errors import StoreBusyError, StoreFullError
from extract.records import Document
from index.consistency import bring_index_up_to_date
from index.lock import writer_lock
from index.search.writer import IndexUpdate
from index.segment_workers import SegmentWorkers
from index.sources.files import Source, file_sources, jsonl_sources, source_fingerprint  # noqa: F401 (re-exported)
from index.store import Store
from index.workers import Extracted, extracted_batches, failure_of


@dataclass
class IngestReport:
    """What an ingest did: documents stored, failures (name, cause) and warnings."""

    stored: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    passages: int = 0
    unchanged: list[str] = field(default_factory=list)


def ingest(sources: Iterable[Source], data_dir: Path, progress: Callable[[str], None] | None = None,
           workers: int = 1, cluster: str | None = None, force: bool = False,
           waiting: Callable[[str], None] | None = None) -> IngestReport:
    """Tag, store and index every source, extracting in ``workers`` processes (or on the Dask cluster
    at ``cluster``); sources whose content is unchanged since they were stored are skipped unless
    ``force``. Failures are reported, not raised.

    Takes the data folder's write lock and holds it throughout (``waiting`` is told, in words, when
    another writer holds it); an index left behind the store by an earlier run is rebuilt first.
    """
    with writer_lock(data_dir, waiting=waiting):
        return _ingest(sources, data_dir, progress, workers, cluster, force)


def _ingest(sources: Iterable[Source], data_dir: Path, progress: Callable[[str], None] | None,
            workers: int, cluster: str | None, force: bool) -> IngestReport:
    report = IngestReport()
    repaired = bring_index_up_to_date(data_dir)
    if repaired:
        report.warnings.append(f"{data_dir}: {repaired}; rebuilt it from the store first")
    with Store(data_dir) as store:
        store.check_integrity()  # never write into a damaged store
        todo: list[tuple[Source, str | None]] = []
        read_as: dict[str, str] = {}  # id -> the input it came from in this run
        for source in sources:
            earlier = read_as.setdefault(source.doc_id, source.name)
            digest = source_fingerprint(source) if earlier == source.name else None
            if earlier != source.name:
                report.failures.append((source.name, f"has the id {source.doc_id!r} of {earlier}, read earlier "
                                                     "in this run; rename one (ids are file names)"))
            elif digest is not None and not force and store.file_hash(source.doc_id) == digest:
                report.unchanged.append(source.doc_id)
            else:
                todo.append((source, digest))
                continue
            if progress:
                progress(source.name)
        chosen = [source for source, _ in todo]
        if cluster:
            from index.cluster import cluster_batches
            index_failure = _store_and_index(_positioned(cluster_batches(chosen, cluster)), todo, store,
                                             data_dir, report, progress)
        elif workers > 1 and len(chosen) > 1:
            index_failure = _store_and_index_segments(chosen, workers, todo, store, data_dir, report, progress)
        else:
            index_failure = _store_and_index(_positioned(extracted_batches(chosen)), todo, store,
                                             data_dir, report, progress)
        order = {source.doc_id: n for n, (source, _) in enumerate(todo)}
        report.stored.sort(key=order.__getitem__)
    if index_failure is not None:  # the store is intact: the index can be rebuilt from it
        report.failures.append((str(data_dir), f"updating the search index failed ({index_failure}); "
                                               "the store is intact, run `jixiao reindex`"))
    return report


Positioned = Iterable[tuple[int, list[Extracted]]]
"""Batches of outcomes, each with the position of its first source in the ingest's list."""


def _positioned(outcomes: Iterable[list[Extracted]]) -> Iterator[tuple[int, list[Extracted]]]:
    """Batches that come in input order, with their positions."""
    position = 0
    for batch in outcomes:
        yield position, batch
        position += len(batch)


def _store_batch(position: int, batch: list[Extracted], todo: list[tuple[Source, str | None]], store: Store,
                 report: IngestReport, progress: Callable[[str], None] | None) -> list[Document]:
    """Store one batch in one transaction; the documents stored."""
    stored = [doc for doc, _, _ in _put(store, _rows(batch, todo[position:position + len(batch)], store,
                                                     report), report)]
    for doc in stored:
        report.stored.append(doc.id)
        report.passages += len(doc.passages)
    if progress:
        for outcome in batch:
            progress(outcome.name)
    return stored


class _IndexWriting:
    """The index writer of an ingest and the first exception that stopped it: once one is raised
    the index is left for a rebuild (the store goes on), and ``failure`` says why."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.update: IndexUpdate | None = None
        self.failure: Exception | None = None

    def step(self, action: Callable[[IndexUpdate], object]) -> None:
        """Run ``action`` on the writer (opened on the first step), unless an earlier step failed."""
        if self.failure is not None:
            return
        try:
            self.update = self.update or IndexUpdate(self.data_dir)
            action(self.update)
        except Exception as exc:
            if self.update is not None:
                with suppress(Exception):  # the writer may be half-closed already
                    self.update.close(commit=False)
            self.update, self.failure = None, exc

    def close(self, drop: Iterable[str] = ()) -> None:
        """Commit what was written (``IndexUpdate.close``), if a writer is open and nothing failed."""
        if self.update is not None:
            update, self.update = self.update, None
            try:
                update.close(drop=drop)
            except Exception as exc:
                self.failure = exc


def _index_batch(update: IndexUpdate, docs: list[Document], batch: list[Extracted]) -> None:
    """Put the stored ``docs`` of ``batch`` in the index, each with the words the pipeline cut of it."""
    words = {outcome.doc.id: outcome.words for outcome in batch if outcome.doc is not None}
    for doc in docs:
        update.replace(doc, words.get(doc.id))


def _store_and_index(outcomes: Positioned, todo: list[tuple[Source, str | None]], store: Store,
                     data_dir: Path, report: IngestReport,
                     progress: Callable[[str], None] | None) -> Exception | None:
    """Store each batch of outcomes in one transaction, then hand its documents to the index writer
    (opened once the first documents are stored) with the words the pipeline cut of them; the
    exception that stopped the index update, if any (the store goes on)."""
    indexing = _IndexWriting(data_dir)
    try:
        for position, batch in outcomes:
            stored = _store_batch(position, batch, todo, store, report, progress)
            if stored:
                indexing.step(partial(_index_batch, docs=stored, batch=batch))
    finally:  # also when extraction stops (a cluster lost): what is stored is indexed
        indexing.close()
    return indexing.failure


def _adopt_segments(update: IndexUpdate, pool: SegmentWorkers, unindexed: list[str], store: Store,
                    report: IngestReport) -> None:
    """Give ``update`` the workers' segments, and index the stored documents no segment holds."""
    for segment, passages in pool.segments:
        update.adopt(segment, passages)
    for doc_id in unindexed:
        update.replace(store.get_document(doc_id))
    report.warnings.extend(pool.problems)


def _store_and_index_segments(chosen: list[Source], workers: int, todo: list[tuple[Source, str | None]],
                              store: Store, data_dir: Path, report: IngestReport,
                              progress: Callable[[str], None] | None) -> Exception | None:
    """Extract and index in ``workers`` processes, each writing index segments of its own
    (``index.segment_workers``), while this process stores the batches as they come and deletes
    the earlier versions of their documents from the index. At the end the segments are
    committed with this writer, which indexes itself the stored documents no segment holds (a
    worker died) and deletes those a segment holds but the store does not; the exception that
    stopped the index update, if any (the store goes on)."""
    indexing = _IndexWriting(data_dir)
    indexing.step(lambda update: None)  # opened first: the workers write segments into its folder
    pool = SegmentWorkers(chosen, workers, indexing.update.path if indexing.update else None)
    stored: set[str] = set()
    outcomes = iter(pool)
    try:
        for position, batch in outcomes:
            docs = _store_batch(position, batch, todo, store, report, progress)
            stored.update(doc.id for doc in docs)
            indexing.step(lambda update, docs=docs: [update.remove_earlier(d.id) for d in docs])
    finally:  # also when the ingest stops early: what is stored is indexed
        outcomes.close()  # the workers stopped before their segments are committed
        indexing.step(partial(_adopt_segments, pool=pool, unindexed=sorted(stored - pool.indexed),
                              store=store, report=report))
        indexing.close(drop=pool.indexed - stored)
    return indexing.failure


def _rows(batch: list[Extracted], sources: list[tuple[Source, str | None]], store: Store,
          report: IngestReport) -> list[tuple[Document, str, str | None]]:
    """(document, source, file fingerprint) of the batch's tagged documents; failures and warnings noted."""
    rows = []
    for outcome, (source, digest) in zip(batch, sources):
        report.warnings.extend(outcome.warnings)
        if outcome.doc is None:
            report.failures.append(outcome.failure)
        else:
            where = outcome.doc.meta.get("source", source.name)
            report.warnings.extend(_losses(store, outcome.doc, source.name, where))
            rows.append((outcome.doc, where, digest))
    return rows


def _losses(store: Store, doc: Document, name: str, source: str) -> list[str]:
    """Warnings for what would otherwise be lost without a word: a document without passages, or
    a stored document of the same file name from another folder that this one replaces."""
    said = []
    if not doc.passages:
        said.append(f"{name}: no passage found in its text; stored with its metadata only")
    earlier = store.source_of(doc.id)
    if earlier and earlier != source and Path(earlier).name == Path(source).name:
        said.append(f"{name}: replaces the document {doc.id!r} ingested earlier from {earlier}")
    return said


def _put(store: Store, rows: list[tuple[Document, str, str | None]],
         report: IngestReport) -> list[tuple[Document, str, str | None]]:
    """Store a batch in one transaction; if that fails, each document alone. The rows stored."""
    try:
        store.put_documents(rows)
        return rows
    except (StoreBusyError, StoreFullError):
        raise
    except Exception:
        stored = []
        for row in rows:
            try:
                store.put_document(*row)
            except (StoreBusyError, StoreFullError):
                raise  # every other document would wait as long, or fail alike: one line for the run
            except Exception as exc:
                report.failures.append(failure_of(row[1], exc))
            else:
                stored.append(row)
        return stored
