"""Writing the Whoosh index from stored documents: update, remove, rebuild."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path

from whoosh import index as windex
from whoosh.writing import IndexWriter

from extract.records import Document
from index.search.directory import INDEX_DIRNAME, index_dir, index_exists, open_whoosh_index
from index.search.engine import postings
from index.search.schema import PassageSchema, yuan_to_fen
from index.store import Store

WRITER_TIMEOUT = 60.0
WRITER_LIMITMB = 256
"""Memory of the writer's posting pool before it spills a run to disk (Whoosh's default is 128)."""


def _add(writer: IndexWriter, doc: Document) -> None:
    meta = doc.meta
    for seq, p in enumerate(doc.passages):
        amounts = [yuan_to_fen(e.yuan) for e in p.entities if e.label == "MONEY" and e.yuan is not None]
        fields = dict(
            passage_id=p.id, doc_id=doc.id, seq=seq, title=meta.get("title") or doc.id,
            department=meta.get("department") or "", department_facet=meta.get("department") or "",
            region=meta.get("region") or "", genre=meta.get("genre") or "",
            section=" / ".join(p.section), text=p.text, pieces=p.text,
            areas=",".join(p.areas), labels=",".join(sorted({e.label for e in p.entities})),
            entities=json.dumps([e.to_dict() for e in p.entities], ensure_ascii=False),
        )
        if isinstance(meta.get("year"), int):
            fields["year"] = meta["year"]
        if amounts:
            fields["amounts"] = amounts
            fields["top_amount"] = max(amounts)
        writer.add_document(**fields)


class IndexUpdate:
    """One Whoosh writer over a whole ingest: documents replace their earlier passages as they
    come and are committed once at the end (``close``), then the arrays are brought up to date.

    Whoosh deletes only committed passages, so a document that comes twice commits the writer
    before its second version replaces the first.
    """

    def __init__(self, data_dir: Path) -> None:
        self.path = index_dir(data_dir)
        if not index_exists(data_dir):
            self.path.mkdir(parents=True, exist_ok=True)
            self.ix = windex.create_in(str(self.path), PassageSchema())
        else:
            self.ix = windex.open_dir(str(self.path))
        self.writer = self._writer()
        self.written: set[str] = set()  # ids added since the last commit
        self.count = 0

    def _writer(self) -> IndexWriter:
        return self.ix.writer(timeout=WRITER_TIMEOUT, limitmb=WRITER_LIMITMB)

    def replace(self, doc: Document) -> None:
        """Put ``doc``'s passages in place of any it had."""
        if doc.id in self.written:
            self.writer.commit()
            self.writer, self.written = self._writer(), set()
        self.writer.delete_by_term("doc_id", doc.id)
        _add(self.writer, doc)
        self.written.add(doc.id)
        self.count += len(doc.passages)

    def close(self, commit: bool = True) -> None:
        """Commit what was written and update the arrays (or, ``commit=False``, drop it)."""
        try:
            if commit:
                self.writer.commit()
                postings.sync(self.path, self.ix)
            else:
                self.writer.cancel()
        finally:
            self.ix.close()


def update_documents(data_dir: Path, docs: Iterable[Document]) -> int:
    """Replace these documents' passages in the index (creating it if needed); returns passages written."""
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
    ix = open_whoosh_index(data_dir)
    with ix.writer(timeout=WRITER_TIMEOUT) as writer:
        for doc_id in doc_ids:
            writer.delete_by_term("doc_id", doc_id)
    postings.sync(index_dir(data_dir), ix)
    ix.close()


def rebuild(data_dir: Path) -> int:
    """Build a fresh index from the store beside it and swap it in; returns passages indexed.

    The new index is written next to the old one and only then moved into place, so a crash
    while rebuilding leaves the previous index usable.
    """
    data_dir = Path(data_dir)
    fresh = data_dir / (INDEX_DIRNAME + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    ix = windex.create_in(str(fresh), PassageSchema())
    count = 0
    with Store(data_dir, create=False) as store, ix.writer(timeout=WRITER_TIMEOUT, limitmb=WRITER_LIMITMB) as writer:
        for doc in store.iter_documents():
            _add(writer, doc)
            count += len(doc.passages)
    postings.sync(fresh, ix)
    ix.close()
    old = data_dir / (INDEX_DIRNAME + ".old")
    shutil.rmtree(old, ignore_errors=True)
    current = index_dir(data_dir)
    if current.exists():
        current.rename(old)
    fresh.rename(current)
    shutil.rmtree(old, ignore_errors=True)
    return count


def indexed_passage_ids(data_dir: Path) -> set[str]:
    """Every passage id the index holds."""
    ix = open_whoosh_index(data_dir)
    with ix.searcher() as searcher:
        ids = {fields["passage_id"] for fields in searcher.all_stored_fields()}
    ix.close()
    return ids


def indexed_count(data_dir: Path) -> int:
    """How many passages the index holds."""
    ix = open_whoosh_index(data_dir)
    try:
        return ix.doc_count()
    finally:
        ix.close()
