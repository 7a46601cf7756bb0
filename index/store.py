"""The store: a SQLite database of documents, passages, entities, metrics and budget summaries.

It is the source of truth; the Whoosh index is derived from it and can always be rebuilt.
Every document is written in one transaction, replacing any earlier version of it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from extract.errors import StoreError
from extract.records import BUDGET_FIELDS, BudgetSummary, Document, Entity, Metric, Passage

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, title TEXT, department TEXT, region TEXT, year INTEGER, genre TEXT,
    source TEXT, meta TEXT NOT NULL, text TEXT NOT NULL, ingested_at TEXT DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE IF NOT EXISTS passages (
    id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    section TEXT NOT NULL, kind TEXT NOT NULL, areas TEXT NOT NULL, area_scores TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS passage_areas (
    passage_id TEXT NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL, area TEXT NOT NULL, score REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    passage_id TEXT NOT NULL, label TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, value TEXT, unit TEXT, yuan REAL, qualifier TEXT, what TEXT
);
CREATE TABLE IF NOT EXISTS metrics (
    id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    passage_id TEXT NOT NULL, what TEXT, value TEXT, unit TEXT, qualifier TEXT, label TEXT,
    role TEXT
);
CREATE TABLE IF NOT EXISTS budgets (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    initial_budget REAL, adjusted_budget REAL, spent REAL, completion_rate REAL,
    basic_spending REAL, project_spending REAL, carryover REAL, checks TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id, seq);
CREATE INDEX IF NOT EXISTS entities_passage ON entities(passage_id);
CREATE INDEX IF NOT EXISTS metrics_passage ON metrics(passage_id);
CREATE INDEX IF NOT EXISTS areas_area ON passage_areas(area);
"""

ADDED_COLUMNS = {"documents": {"file_hash": "TEXT"}}
"""Columns added after the first release: added to an older store when it is opened."""

class Store:
    """The SQLite store in a data folder (``store.sqlite``); use as a context manager."""

    FILENAME = "store.sqlite"

    def __init__(self, data_dir: Path, create: bool = True) -> None:
        self.path = Path(data_dir) / self.FILENAME
        self._in_batch = False
        if not create and not self.path.exists():
            raise StoreError(f"{data_dir}: no store here; run `jixiao ingest` first")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.executescript(SCHEMA)
            self._add_missing_columns()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: damaged store ({exc})") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the database connection."""
        self.db.close()

    def _add_missing_columns(self) -> None:
        for table, columns in ADDED_COLUMNS.items():
            present = {row["name"] for row in self.db.execute(f"PRAGMA table_info({table})")}
            for name, kind in columns.items():
                if name not in present:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """A transaction of its own, or a part of the batch being written (``put_documents``)."""
        if self._in_batch:
            yield
        else:
            with self.db:
                yield

    def put_documents(self, docs: Iterable[tuple[Document, str | None, str | None]]) -> None:
        """``put_document`` of each (document, source, file hash), all in one transaction."""
        with self.db:
            self._in_batch = True
            try:
                for doc, source, file_hash in docs:
                    self.put_document(doc, source, file_hash)
            finally:
                self._in_batch = False

    def file_hash(self, doc_id: str) -> str | None:
        """The content hash of the file a stored document was read from (None if not known)."""
        row = self.db.execute("SELECT file_hash FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row["file_hash"] if row is not None else None

    def put_document(self, doc: Document, source: str | None = None, file_hash: str | None = None) -> None:
        """Insert or replace ``doc`` and everything extracted from it, in one transaction."""
        meta = dict(doc.meta)
        with self._transaction():
            self.db.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
            self.db.execute(
                "INSERT INTO documents (id, title, department, region, year, genre, source, meta, text,"
                " file_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.id, meta.get("title"), meta.get("department"), meta.get("region"),
                 meta.get("year"), meta.get("genre"), source or meta.get("source"),
                 json.dumps(meta, ensure_ascii=False), doc.text, file_hash))
            for seq, p in enumerate(doc.passages):
                self.db.execute(
                    'INSERT INTO passages (id, doc_id, seq, text, start, "end", section, kind, areas,'
                    " area_scores) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (p.id, doc.id, seq, p.text, p.start, p.end,
                     json.dumps(p.section, ensure_ascii=False), p.kind, json.dumps(p.areas),
                     json.dumps(p.area_scores)))
                self.db.executemany(
                    "INSERT INTO passage_areas (passage_id, doc_id, area, score) VALUES (?, ?, ?, ?)",
                    [(p.id, doc.id, a, p.area_scores.get(a, 1.0)) for a in p.areas])
                self.db.executemany(
                    'INSERT INTO entities (doc_id, passage_id, label, text, start, "end", value, unit,'
                    " yuan, qualifier, what) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(doc.id, p.id, e.label, e.text, e.start, e.end, e.value, e.unit, e.yuan,
                      e.qualifier, e.what) for e in p.entities])
                self.db.executemany(
                    "INSERT INTO metrics (doc_id, passage_id, what, value, unit, qualifier, label,"
                    " role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(doc.id, p.id, m.what, m.value, m.unit, m.qualifier, m.label, m.role)
                     for m in p.metrics])
            in_passages = {(p.start + e.start, p.start + e.end) for p in doc.passages for e in p.entities}
            self.db.executemany(  # figures of the title and headings: passage_id '' and document offsets
                'INSERT INTO entities (doc_id, passage_id, label, text, start, "end", value, unit,'
                " yuan, qualifier, what) VALUES (?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(doc.id, e.label, e.text, e.start, e.end, e.value, e.unit, e.yuan, e.qualifier, e.what)
                 for e in doc.entities if (e.start, e.end) not in in_passages])
            b = doc.budget
            self.db.execute(
                f"INSERT INTO budgets (doc_id, {', '.join(BUDGET_FIELDS)}, checks)"
                f" VALUES (?, {', '.join('?' * len(BUDGET_FIELDS))}, ?)",
                (doc.id, *[getattr(b, f) for f in BUDGET_FIELDS],
                 json.dumps([c.to_dict() for c in b.checks], ensure_ascii=False)))

    def remove_document(self, doc_id: str) -> bool:
        """Delete a document and all its rows; False when it was not there."""
        with self.db:
            cursor = self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        return cursor.rowcount > 0

    def doc_ids(self) -> list[str]:
        """The ids of all stored documents, sorted."""
        return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY id")]

    def passage_count(self) -> int:
        """How many passages the store holds."""
        return self.db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]

    def passage_ids(self) -> set[str]:
        """The ids of all stored passages."""
        return {r[0] for r in self.db.execute("SELECT id FROM passages")}

    def documents_overview(self) -> list[dict]:
        """One row per document: id, title, department, region, year, genre, passage count."""
        rows = self.db.execute(
            "SELECT d.id, d.title, d.department, d.region, d.year, d.genre,"
            " (SELECT COUNT(*) FROM passages p WHERE p.doc_id = d.id) AS passages"
            " FROM documents d ORDER BY d.id")
        return [dict(row) for row in rows]

    def get_document(self, doc_id: str) -> Document | None:
        """The stored document with its passages, entities, metrics and budget, or None."""
        row = self.db.execute("SELECT meta, text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        doc = Document(id=doc_id, text=row["text"], meta=json.loads(row["meta"]))
        entities: dict[str, list[Entity]] = {}
        for r in self.db.execute("SELECT * FROM entities WHERE doc_id = ? ORDER BY id", (doc_id,)):
            entities.setdefault(r["passage_id"], []).append(Entity.from_dict(dict(r)))
        metrics: dict[str, list[Metric]] = {}
        for r in self.db.execute("SELECT * FROM metrics WHERE doc_id = ? ORDER BY id", (doc_id,)):
            metrics.setdefault(r["passage_id"], []).append(Metric.from_dict(dict(r)))
        for r in self.db.execute("SELECT * FROM passages WHERE doc_id = ? ORDER BY seq", (doc_id,)):
            p = Passage(id=r["id"], text=r["text"], start=r["start"], end=r["end"],
                        section=json.loads(r["section"]), kind=r["kind"], areas=json.loads(r["areas"]),
                        area_scores=json.loads(r["area_scores"]),
                        entities=entities.get(r["id"], []), metrics=metrics.get(r["id"], []))
            doc.passages.append(p)
            doc.entities.extend(e.shifted(p.start) for e in p.entities)
        doc.entities.extend(entities.get("", []))  # the title's and headings' figures
        doc.entities.sort(key=lambda e: (e.start, e.end))
        b = self.db.execute("SELECT * FROM budgets WHERE doc_id = ?", (doc_id,)).fetchone()
        if b is not None:
            doc.budget = BudgetSummary.from_dict({**dict(b), "checks": json.loads(b["checks"])})
        return doc

    def iter_documents(self) -> Iterator[Document]:
        """Every stored document, in id order."""
        for doc_id in self.doc_ids():
            doc = self.get_document(doc_id)
            if doc is not None:
                yield doc
