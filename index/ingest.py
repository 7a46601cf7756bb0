"""Ingest: read report files (or JSON lines), tag them, store them, update the index.

Reports are extracted in batches (``index.workers``: in this process, in worker processes, or on a
Dask cluster with ``index.cluster``) and stored and indexed in input order, one store transaction
per batch; a failing file never takes others with it. One index writer serves the whole ingest and
commits at the end; the index can always be rebuilt from the store, and an index left behind the
store by an earlier run is rebuilt first. Unchanged files (same content hash as the stored
document's) are skipped. The data folder's write lock is held throughout.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from extract.errors import InputError, StoreBusyError, StoreFullError
from extract.records import Document
from extract.text.characters import warn_hidden_characters
from extract.text.forms.archive import member_bytes, members
from extract.text.forms.sniff import kind_name, sniff
from extract.text.limits import MAX_FILE_BYTES
from extract.text.reading import SUPPORTED_SUFFIXES, file_bytes, read_bytes, read_document
from index.consistency import bring_index_up_to_date
from index.folders import link_problem, refusal, report_files, skipped_kind
from index.lock import writer_lock
from index.search.analyzer import forget_words, remember_words
from index.search.writer import IndexUpdate
from index.segment_workers import SegmentWorkers
from index.store import Store
from index.workers import Extracted, extracted_batches, failure_of


@dataclass
class Source:
    """One input: an id, a name to show the user, and a way to get its raw text and metadata."""

    doc_id: str
    name: str
    load: Callable[[], tuple[str, dict[str, Any]]]
    fingerprint: Callable[[], str] | None = None
    """SHA-256 of what the input is read from (a file's bytes), telling an unchanged input."""


def content_hash(source: Source) -> str | None:
    """The source's fingerprint (None when it has none, or it cannot be read)."""
    try:
        return source.fingerprint() if source.fingerprint else None
    except OSError:
        return None  # reading it will fail with the cause


def _file_digest(path: Path) -> str:
    with path.open("rb") as stream:  # read in chunks: the file may be larger than reading allows
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class IngestReport:
    """What an ingest did: documents stored, failures (name, cause) and warnings."""

    stored: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    passages: int = 0
    unchanged: list[str] = field(default_factory=list)


def file_sources(paths: Iterable[Path], follow_links: bool = False,
                 skipped: list[str] | None = None) -> Iterator[Source]:
    """Sources for files and every file inside folders (recursively, sorted; ``index.folders``: a
    corpus's labels/ aside): a ZIP bundle is a source per member, a file no reader takes a source
    that fails naming why, so nothing is passed over in silence; so is a link out of its folder
    (unless ``follow_links``), a link loop or a link to nothing; lock files are left out, each with
    a notice appended to ``skipped``."""
    for path in paths:
        if path.is_dir():
            found = report_files(path, None, follow_links)
            files, refused = found.files, found.refused
            if skipped is not None:
                skipped.extend(found.skipped)
        elif skipped_kind(path.name):  # a shell's *.docx takes Word's ~$x.docx too
            files, refused = [], []
            if skipped is not None:
                skipped.append(f"{path}: skipped, {skipped_kind(path.name)}")
        else:
            problem = link_problem(path, None, follow_links)
            files, refused = ([path], []) if problem is None else ([], [(path, problem)])
        for file, cause in refused:
            yield Source(file.stem, str(file), partial(refusal, file, cause))
        for file in files:
            if _is_bundle(file):
                yield from _bundle_sources(file)
            elif path.is_dir() and file.suffix.lower() not in SUPPORTED_SUFFIXES:
                yield Source(file.stem, str(file), partial(_unsupported, file))
            else:
                yield Source(file.stem, str(file), partial(_load_file, file), partial(_file_digest, file))


def _load_file(file: Path) -> tuple[str, dict[str, Any]]:
    reading = read_document(file)
    return reading.text, {**reading.meta, "source": str(file)}


def _unsupported(file: Path) -> tuple[str, dict[str, Any]]:
    """A file of a type no reader takes, refused with what it is."""
    try:
        with file.open("rb") as stream:
            head = stream.read(4096)
    except OSError as exc:
        raise InputError(str(file), f"not read: cannot be read ({exc.strerror or exc})") from exc
    kind = sniff(head, file.suffix) if head else "empty"
    what = "an empty file" if kind == "empty" else kind_name(kind)
    raise InputError(str(file), f"not read: unsupported type {file.suffix or '(no extension)'} ({what}); "
                                "reports are read from text, PDF, Word, WPS, "
                                "web pages, spreadsheets, OFD, images and ZIP bundles")


def _is_bundle(file: Path) -> bool:
    """A ZIP bundle of reports (not a DOCX, XLSX, OpenDocument or OFD, which are ZIPs too)."""
    try:
        with file.open("rb") as stream:
            if stream.read(4) != b"PK\x03\x04":
                return False
        return file.stat().st_size <= MAX_FILE_BYTES and sniff(file.read_bytes(), file.suffix) == "zip" \
            and file.suffix.lower() not in (".docx", ".xlsx", ".ofd", ".ods", ".odt")
    except OSError:
        return False


def _bundle_sources(file: Path) -> Iterator[Source]:
    """A source per member of a bundle: id ``bundle_member``, the member's path inside the archive
    (after the archive's own) as its source; a bundle that cannot be listed is one failed source."""
    try:
        found = members(file_bytes(file), str(file))
    except InputError as exc:
        yield Source(file.stem, str(file), partial(_refuse, exc.source, exc.cause))
        return
    for member in found:
        where = f"{file}/{member.name}"
        doc_id = f"{file.stem}_{Path(member.name).stem}"
        yield Source(doc_id, where, partial(_load_member, file, member.stored, where),
                     partial(_member_digest, file, member.stored, where))


def _refuse(source: str, cause: str) -> tuple[str, dict[str, Any]]:
    raise InputError(source, cause)


def _load_member(file: Path, stored: str, where: str) -> tuple[str, dict[str, Any]]:
    reading = read_bytes(member_bytes(file_bytes(file), stored, where), where, Path(stored).suffix)
    return reading.text, {**reading.meta, "source": where}


def _member_digest(file: Path, stored: str, where: str) -> str:
    try:
        return hashlib.sha256(member_bytes(file_bytes(file), stored, where)).hexdigest()
    except InputError as exc:
        raise OSError(str(exc)) from exc


def _load_record(record: Any, problem: str | None, where: str) -> tuple[str, dict[str, Any]]:
    if problem is not None:
        raise InputError(where, problem)
    warn_hidden_characters(record["text"], where)
    return record["text"], {k: v for k, v in record.items() if k not in ("id", "text")}


def jsonl_sources(stream: Iterable[str], name: str) -> Iterator[Source]:
    """Sources from JSON lines ``{"id", "text", ...meta}``; a broken line is a failed source."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problem = f"not valid JSON ({exc.msg})"
            record = None
        else:
            problem = None if isinstance(record, dict) and isinstance(record.get("text"), str) \
                else 'each line needs a "text" string'
        if problem is None and not record["text"].strip():
            problem = "empty text"
        doc_id = str(record["id"]) if problem is None and record.get("id") not in (None, "") \
            else f"{Path(name).stem}-{number}"
        yield Source(doc_id, where, partial(_load_record, record, problem, where),
                     partial(_text_digest, line))


def ingest(sources: Iterable[Source], data_dir: Path, progress: Callable[[str], None] | None = None,
           workers: int = 1, cluster: str | None = None, force: bool = False) -> IngestReport:
    """Tag, store and index every source, extracting in ``workers`` processes (or on the Dask cluster
    at ``cluster``); sources whose content is unchanged since they were stored are skipped unless
    ``force``. Failures are reported, not raised.

    Holds the data folder's write lock throughout; an index left behind the store by an earlier
    run is rebuilt first.
    """
    with writer_lock(data_dir):
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
            digest = content_hash(source) if earlier == source.name else None
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


def _store_and_index(outcomes: Positioned, todo: list[tuple[Source, str | None]], store: Store,
                     data_dir: Path, report: IngestReport,
                     progress: Callable[[str], None] | None) -> Exception | None:
    """Store each batch of outcomes in one transaction, then hand its documents to the index writer
    (opened once the first documents are stored); the exception that stopped the index update, if
    any (the store goes on)."""
    update: IndexUpdate | None = None
    index_failure: Exception | None = None
    try:
        for position, batch in outcomes:
            stored = _store_batch(position, batch, todo, store, report, progress)
            if stored and index_failure is None:
                try:
                    update = update or IndexUpdate(data_dir)
                    for outcome in batch:
                        remember_words(outcome.words)
                    for doc in stored:
                        update.replace(doc)
                except Exception as exc:
                    if update is not None:
                        with suppress(Exception):  # a full disk fails the cancel too
                            update.close(commit=False)
                    update, index_failure = None, exc
    finally:  # also when extraction stops (a cluster lost): what is stored is indexed
        forget_words()
        if update is not None:
            try:
                update.close()
            except Exception as exc:
                index_failure = exc
    return index_failure


def _store_and_index_segments(chosen: list[Source], workers: int, todo: list[tuple[Source, str | None]],
                              store: Store, data_dir: Path, report: IngestReport,
                              progress: Callable[[str], None] | None) -> Exception | None:
    """Extract and index in ``workers`` processes, each writing index segments of its own
    (``index.segment_workers``), while this process stores the batches as they come and deletes
    the earlier versions of their documents from the index. At the end the segments are
    committed with this writer, which indexes itself the stored documents no segment holds (a
    worker died) and deletes those a segment holds but the store does not; the exception that
    stopped the index update, if any (the store goes on)."""
    index_failure: Exception | None = None
    try:
        update: IndexUpdate | None = IndexUpdate(data_dir)
    except Exception as exc:
        update, index_failure = None, exc
    pool = SegmentWorkers(chosen, workers, update.path if update else None)
    stored: set[str] = set()
    outcomes = iter(pool)
    try:
        for position, batch in outcomes:
            docs = _store_batch(position, batch, todo, store, report, progress)
            stored.update(doc.id for doc in docs)
            if update is not None:
                try:
                    for doc in docs:
                        update.remove_earlier(doc.id)
                except Exception as exc:
                    update.close(commit=False)
                    update, index_failure = None, exc
    finally:  # also when the ingest stops early: what is stored is indexed
        outcomes.close()  # the workers stopped before their segments are committed
        if update is not None:
            try:
                for segment, passages in pool.segments:
                    update.adopt(segment, passages)
                for doc_id in sorted(stored - pool.indexed):
                    update.replace(store.get_document(doc_id))
                report.warnings.extend(pool.problems)
                update.close(drop=pool.indexed - stored)
            except Exception as exc:
                with suppress(Exception):  # the writer may be closed already
                    update.close(commit=False)
                index_failure = exc
    return index_failure


def _rows(batch: list[Extracted], sources: list[tuple[Source, str | None]], store: Store,
          report: IngestReport) -> list[tuple[Document, str, str | None]]:
    """(document, source, content hash) of the batch's tagged documents; failures and warnings noted."""
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
