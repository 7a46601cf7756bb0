"""Writing the Whoosh index from stored documents: update, remove, rebuild."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh.reading import SegmentReader
from whoosh.writing import IndexWriter

from extract.records import Document, content_hash
from index.lock import writer_lock
from index.search.directory import INDEX_DIRNAME, index_dir, index_exists, open_whoosh_index, reading_index
from index.search.engine import postings
from index.search.engine.whoosh_internals import (
    commit_with_segments,
    drop_segment,
    finish_segment,
    new_segment,
    quicker_writer,
    remove_unlocked_temporaries,
    unlocked_writer,
    watch_postings,
)
from index.search.schema import AreaKeywords, PassageSchema, area_postings, yuan_to_fen
from index.store import Store

WRITER_TIMEOUT = 60.0
WRITER_LIMITMB = 512
"""Whoosh's estimate of the posting pool's memory at which it spills a run to disk (its default is
128). Measured on one job of 1,000 generated reports (about 17,700 passages): 256 spilled once and
took 74.5 s, 512 spilled none and took 61.1 s, with the same peak memory (624 and 633 MB): merging
spilled runs costs more than it saves."""
SEGMENT_REPORTS = 1000
"""Reports one writer puts in a segment at most before committing it and starting another: bounds
the memory of a long ingest (the postings and arrays of one segment at a time)."""
GENERATION_FILENAME = "store.generation"
"""In the index folder: the store generation (``Store.generation``) the index reflects."""
BUILD_PREFIX = INDEX_DIRNAME + "-"
"""Each rebuild writes a folder ``index-<random>`` beside the store; ``index`` links to the current one."""


def add_passages(writer: IndexWriter, doc: Document) -> None:
    """Add each passage of ``doc`` to ``writer`` as one Whoosh document (areas with their scores
    where the index's schema weighs them: an index written before keeps plain codes until rebuilt)."""
    meta = doc.meta
    scored = isinstance(writer.schema["areas"], AreaKeywords)
    for seq, p in enumerate(doc.passages):
        amounts = [yuan_to_fen(e.yuan) for e in p.entities if e.label == "MONEY" and e.yuan is not None]
        fields = dict(
            passage_id=p.id, content_hash=content_hash(doc, seq), doc_id=doc.id, seq=seq,
            title=meta.get("title") or doc.id,
            department=meta.get("department") or "", department_facet=meta.get("department") or "",
            region=meta.get("region") or "", genre=meta.get("genre") or "",
            section=" / ".join(p.section), text=p.text, pieces=p.text,
            areas=area_postings(p.areas, p.area_scores) if scored else ",".join(p.areas),
            _stored_areas=",".join(p.areas),
            labels=",".join(sorted({e.label for e in p.entities})),
            entities=json.dumps([e.to_dict() for e in p.entities], ensure_ascii=False),
        )
        if isinstance(meta.get("year"), int):
            fields["year"] = meta["year"]
        if amounts:
            fields["amounts"] = amounts
            fields["top_amount"] = max(amounts)
        writer.add_document(**fields)


class IndexUpdate:
    """The Whoosh writer of a whole ingest (call under the write lock): documents replace their
    earlier passages as they come and are committed at the end (``close``), with the segments
    worker processes wrote (``adopt``); then the arrays are brought up to date and the store
    generation the index reflects is recorded. Every ``SEGMENT_REPORTS`` documents the writer
    commits the segment it holds and starts another.

    Whoosh deletes only committed passages, so a document that comes twice commits the writer
    before its second version replaces the first. A folder without an index gets a new one, in
    place: a first ingest (an index behind a filled store is rebuilt before, see index.consistency).
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = index_dir(data_dir)
        self.count = 0
        with reading_index(data_dir):
            if not index_exists(data_dir):  # a first ingest
                self.path.mkdir(parents=True, exist_ok=True)
                self.ix = windex.create_in(str(self.path), PassageSchema())
            else:
                self.ix = windex.open_dir(str(self.path))
            self.writer, self.collector = _collecting_writer(self.ix)
        self.written: set[str] = set()  # ids added since the last commit
        self.segments: list[Any] = []  # written by worker processes (``SegmentBuild``), to commit

    def replace(self, doc: Document) -> None:
        """Put ``doc``'s passages in place of any it had."""
        with reading_index(self.data_dir):
            if doc.id in self.written or len(self.written) >= SEGMENT_REPORTS:
                self._commit()
                self.writer, self.collector = _collecting_writer(self.ix)
                self.written = set()
            self.writer.delete_by_term("doc_id", doc.id)
        add_passages(self.writer, doc)
        self.written.add(doc.id)
        self.count += len(doc.passages)

    def _commit(self) -> None:
        _commit_collected(self.path, self.ix, self.writer, self.collector, self.segments)
        self.segments = []

    def remove_earlier(self, doc_id: str) -> None:
        """Delete the committed passages of ``doc_id``, whose new version a worker's segment holds."""
        with reading_index(self.data_dir):
            self.writer.delete_by_term("doc_id", doc_id)

    def adopt(self, segment: Any, passages: int) -> None:
        """Commit ``segment`` (``SegmentBuild.finish``, ``passages`` in it) with this writer's own."""
        self.segments.append(segment)
        self.count += passages

    def close(self, commit: bool = True, drop: Iterable[str] = ()) -> None:
        """Commit what was written and the adopted segments, then delete the documents ``drop``
        (adopted, but not to keep); update the arrays and the generation (or, ``commit=False``,
        drop it all)."""
        try:
            if not commit:
                self.writer.cancel()
                return
            with reading_index(self.data_dir):
                self._commit()
                remove_unlocked_temporaries(self.path, self.ix.indexname)  # of workers killed mid-job
                drop = sorted(drop)
                if drop:  # a worker's segment holds documents that could not be stored
                    with self.ix.writer(timeout=WRITER_TIMEOUT) as writer:
                        for doc_id in drop:
                            writer.delete_by_term("doc_id", doc_id)
            postings.sync(self.path, self.ix)
        finally:
            self.ix.close()
        record_generation(self.data_dir)


class SegmentBuild:
    """A new segment of an existing index written by a worker process without the index's lock:
    documents are added as they come (``add``), then ``finish`` writes the segment and its arrays
    and returns it for the holder of the lock to commit (``IndexUpdate.adopt``)."""

    def __init__(self, index_folder: Path) -> None:
        self.path = Path(index_folder)
        self.ix = windex.open_dir(str(self.path))
        self.writer, self.collector = _watched(unlocked_writer(self.ix, WRITER_LIMITMB), self.ix.schema)
        self.passages = 0

    def add(self, doc: Document) -> None:
        """Add ``doc``'s passages to the segment."""
        add_passages(self.writer, doc)
        self.passages += len(doc.passages)

    def finish(self) -> Any:
        """Write the segment and its arrays; the segment, or None when no passage was added."""
        try:
            segment = finish_segment(self.writer)
            if segment is not None:
                _save_arrays(self.path, self.ix, self.collector, segment)
            return segment
        finally:
            self.ix.close()

    def cancel(self) -> None:
        """Abandon the segment."""
        try:
            drop_segment(self.writer)
        finally:
            self.ix.close()


def _collecting_writer(ix) -> tuple[IndexWriter, postings.PostingsCollector]:
    """A writer of ``ix`` (holding its lock) and the collector of the arrays of its segment."""
    return _watched(quicker_writer(ix.writer(timeout=WRITER_TIMEOUT, limitmb=WRITER_LIMITMB)), ix.schema)


def _watched(writer: IndexWriter, schema) -> tuple[IndexWriter, postings.PostingsCollector]:
    """``writer`` with a collector of the arrays of the segment it writes."""
    collector = postings.PostingsCollector(schema)
    watch_postings(writer, collector.passing)
    return writer, collector


def _commit_collected(index_folder: Path, ix, writer: IndexWriter, collector: postings.PostingsCollector,
                      segments: list[Any]) -> None:
    """Commit ``writer`` with ``segments`` written by workers; save the arrays of its own segment."""
    commit_with_segments(writer, segments)
    if collector.seen:  # the writer wrote a segment of its own
        _save_arrays(index_folder, ix, collector, new_segment(writer))


def _save_arrays(index_folder: Path, ix, collector: postings.PostingsCollector, segment: Any) -> None:
    """Save the arrays ``collector`` gathered while ``segment`` of ``ix`` was written."""
    reader = SegmentReader(ix.storage, ix.schema, segment)
    try:
        collector.save(index_folder, reader)
    finally:
        reader.close()


def update_documents(data_dir: Path, docs: Iterable[Document]) -> int:
    """Replace these documents' passages in the index (creating it if needed); returns passages written."""
    with writer_lock(data_dir):
        update = IndexUpdate(data_dir)
        try:
            for doc in docs:
                update.replace(doc)
        except BaseException:
            update.close(commit=False)
            raise
        update.close()
        return update.count


def remove_documents(data_dir: Path, doc_ids: Iterable[str]) -> None:
    """Delete these documents' passages from the index."""
    with writer_lock(data_dir):
        ix = open_whoosh_index(data_dir)
        with reading_index(data_dir), ix.writer(timeout=WRITER_TIMEOUT) as writer:
            for doc_id in doc_ids:
                writer.delete_by_term("doc_id", doc_id)
        postings.sync(index_dir(data_dir), ix)
        ix.close()
        record_generation(data_dir)


def rebuild(data_dir: Path) -> int:
    """Build a fresh index from the store and swap it in; returns passages indexed.

    Holds the data folder's write lock, so no ingest or removal commits while it reads the store.
    The new index is written into a folder of its own (``index-<random>``) and ``index``, a
    symbolic link, is then replaced in one step: a reader sees the old index or the new one,
    never a half-built one, and a crash while rebuilding leaves the previous index in place.
    The previous build is kept until the next rebuild, for searchers that still hold it open.
    """
    data_dir = Path(data_dir)
    with writer_lock(data_dir), Store(data_dir, create=False) as store:
        current = index_dir(data_dir)
        previous = current.resolve() if current.is_symlink() else None
        _drop_builds(data_dir, keep={previous})  # left by rebuilds that were killed, or kept for readers
        fresh = Path(tempfile.mkdtemp(prefix=BUILD_PREFIX, dir=data_dir))
        fresh.chmod(0o755)  # mkdtemp makes it private; the index is as readable as the store
        try:
            ix = windex.create_in(str(fresh), PassageSchema())
            count = 0
            writer, collector = _collecting_writer(ix)
            try:
                for number, doc in enumerate(store.iter_documents(), start=1):
                    add_passages(writer, doc)
                    count += len(doc.passages)
                    if number % SEGMENT_REPORTS == 0:  # a segment at a time, as an ingest writes them
                        _commit_collected(fresh, ix, writer, collector, [])
                        writer, collector = _collecting_writer(ix)
                _commit_collected(fresh, ix, writer, collector, [])
            except BaseException:
                if not writer.is_closed:
                    writer.cancel()
                raise
            postings.sync(fresh, ix)
            ix.close()
            _write_generation(fresh, store.generation())
            if current.is_dir() and not current.is_symlink():  # an index written before builds had folders
                previous = data_dir / f"{BUILD_PREFIX}{uuid.uuid4().hex[:8]}"
                current.rename(previous)
            link = data_dir / f".{INDEX_DIRNAME}-link-{uuid.uuid4().hex}"
            os.symlink(fresh.name, link)
            os.replace(link, current)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
    return count


def _drop_builds(data_dir: Path, keep: set[Path | None]) -> None:
    for folder in data_dir.glob(BUILD_PREFIX + "*"):
        if folder.resolve() not in keep and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
    for legacy in (INDEX_DIRNAME + ".new", INDEX_DIRNAME + ".old"):  # fixed names of earlier versions
        shutil.rmtree(data_dir / legacy, ignore_errors=True)


def _write_generation(folder: Path, generation: int) -> None:
    temp = folder / f".{GENERATION_FILENAME}.{uuid.uuid4().hex}"
    temp.write_text(str(generation), encoding="ascii")
    os.replace(temp, folder / GENERATION_FILENAME)


def record_generation(data_dir: Path) -> None:
    """Note in the index that it now reflects the store as it is (call under the write lock);
    nothing to note for an index written without a store (an evaluation's)."""
    if not (Path(data_dir) / Store.FILENAME).exists():
        return
    with Store(data_dir, create=False) as store:
        _write_generation(index_dir(data_dir), store.generation())


def indexed_generation(data_dir: Path) -> int | None:
    """The store generation the index last recorded, None when unknown (no index, or older)."""
    try:
        return int((index_dir(data_dir) / GENERATION_FILENAME).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return None


def indexed_hashes(data_dir: Path) -> dict[str, str | None]:
    """Every indexed passage id with the content hash the index holds for it."""
    ix = open_whoosh_index(data_dir)
    try:
        with reading_index(data_dir), ix.searcher() as searcher:
            return {fields["passage_id"]: fields.get("content_hash")
                    for fields in searcher.all_stored_fields()}
    finally:
        ix.close()


def indexed_count(data_dir: Path) -> int:
    """How many passages the index holds."""
    ix = open_whoosh_index(data_dir)
    try:
        with reading_index(data_dir):
            return ix.doc_count()
    finally:
        ix.close()
