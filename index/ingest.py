"""Ingest: read report files (or JSON lines), tag them, store them, update the index.

Each document is stored in its own transaction, so a failing file never takes others with it; the
index is updated once at the end and can always be rebuilt from the store.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.errors import InputError, InputWarning, JixiaoError, StoreBusyError
from extract.nlp.pipeline import tag_report
from extract.records import Document
from extract.text.reading import SUPPORTED_SUFFIXES, read_report
from index.consistency import bring_index_up_to_date
from index.lock import writer_lock
from index.search.writer import update_documents
from index.store import Store


@dataclass
class Source:
    """One input: an id, a name to show the user, and a way to get its raw text and metadata."""

    doc_id: str
    name: str
    load: Callable[[], tuple[str, dict[str, Any]]]


@dataclass
class IngestReport:
    """What an ingest did: documents stored, failures (name, cause) and warnings."""

    stored: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    passages: int = 0


def file_sources(paths: Iterable[Path]) -> Iterator[Source]:
    """Sources for files and the supported files inside folders (recursively, sorted)."""
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in SUPPORTED_SUFFIXES and "labels" not in p.parts)
        else:
            files = [path]
        for file in files:
            yield Source(file.stem, str(file),
                         lambda file=file: (read_report(file), {"source": str(file)}))


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

        def load(record=record, problem=problem, where=where) -> tuple[str, dict[str, Any]]:
            if problem is not None:
                raise InputError(where, problem)
            return record["text"], {k: v for k, v in record.items() if k not in ("id", "text")}

        yield Source(doc_id, where, load)


def ingest(sources: Iterable[Source], data_dir: Path,
           progress: Callable[[str], None] | None = None) -> IngestReport:
    """Tag and store every source; then bring the index up to date. Failures are reported, not raised.

    Holds the data folder's write lock throughout; an index left behind the store by an earlier
    run is rebuilt first.
    """
    with writer_lock(data_dir):
        return _ingest(sources, data_dir, progress)


def _ingest(sources: Iterable[Source], data_dir: Path, progress: Callable[[str], None] | None) -> IngestReport:
    report = IngestReport()
    repaired = bring_index_up_to_date(data_dir)
    if repaired:
        report.warnings.append(f"{data_dir}: {repaired}; rebuilt it from the store first")
    tagged: list[Document] = []
    read_as: dict[str, str] = {}  # id -> the input it came from in this run
    with Store(data_dir) as store:
        for source in sources:
            try:
                if source.doc_id in read_as:
                    raise InputError(source.name, f"has the id {source.doc_id!r} of {read_as[source.doc_id]}, "
                                                  "read earlier in this run; rename one (ids are file names)")
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always", InputWarning)
                    raw, meta = source.load()
                    doc = tag_report(source.doc_id, raw, meta)
                report.warnings.extend(str(w.message) for w in caught
                                       if issubclass(w.category, InputWarning))
                report.warnings.extend(_losses(store, doc, source.name, meta.get("source", source.name)))
                store.put_document(doc, source=meta.get("source", source.name))
                read_as[doc.id] = source.name
            except StoreBusyError:
                raise  # every other document would wait as long: one line for the run
            except InputError as exc:
                report.failures.append((exc.source, exc.cause))
            except JixiaoError as exc:
                report.failures.append((source.name, str(exc)))
            except Exception as exc:  # a bug on one document must not lose the others
                report.failures.append((source.name, f"unexpected error ({type(exc).__name__}: {exc})"))
            else:
                report.stored.append(doc.id)
                report.passages += len(doc.passages)
                tagged.append(doc)
            if progress:
                progress(source.name)
    try:
        if tagged:
            update_documents(data_dir, tagged)
    except Exception as exc:  # the store is intact: the index can be rebuilt from it
        report.failures.append((str(data_dir), f"updating the search index failed ({exc}); "
                                               "the store is intact, run `jixiao reindex`"))
    return report


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
