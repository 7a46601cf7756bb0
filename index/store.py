"""The store: a SQLite database of documents, passages, entities, metrics and budget summaries.

It is the source of truth; the Whoosh index is derived from it and can always be rebuilt.
Every document is written in one transaction, replacing any earlier version of it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import urllib.parse
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from extract.errors import StoreBusyError, StoreError, StoreFullError
from extract.records import BUDGET_FIELDS, BudgetSummary, Document, Entity, Metric, Passage, content_hash
from index import departments

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, title TEXT, department TEXT, region TEXT, year INTEGER, genre TEXT,
    source TEXT, meta TEXT NOT NULL, text TEXT NOT NULL, ingested_at TEXT DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE IF NOT EXISTS passages (
    id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    section TEXT NOT NULL, kind TEXT NOT NULL, areas TEXT NOT NULL, area_scores TEXT NOT NULL,
    hash TEXT
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
    role TEXT, indicator TEXT, indicator_kind TEXT
);
CREATE TABLE IF NOT EXISTS budgets (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    initial_budget REAL, adjusted_budget REAL, spent REAL, completion_rate REAL,
    basic_spending REAL, project_spending REAL, carryover REAL, checks TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id, seq);
CREATE INDEX IF NOT EXISTS entities_passage ON entities(passage_id);
CREATE INDEX IF NOT EXISTS metrics_passage ON metrics(passage_id);
CREATE INDEX IF NOT EXISTS areas_area ON passage_areas(area);
"""

ADDED_COLUMNS = {"documents": {"file_hash": "TEXT", "department_id": "TEXT", "date": "TEXT"},
                 "passages": {"header": "TEXT"},
                 "metrics": {"indicator": "TEXT", "indicator_kind": "TEXT"}}
"""Columns added after the first release: added to an older store when it is opened."""
SCHEMA_VERSION = zlib.crc32(f"{SCHEMA}{departments.SCHEMA}{sorted(ADDED_COLUMNS.items())}hash".encode()) >> 1
"""The ``user_version`` of a store brought up to this schema: opening it again skips the schema steps."""
BUSY_TIMEOUT = 10.0
"""Seconds a write waits for another connection's transaction before the store is called busy."""


@contextmanager
def _named_errors(path: Path) -> Iterator[None]:
    """SQLite's errors as StoreError lines naming the store and the cause."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "disk is full" in str(exc):
            raise StoreFullError(f"{path}: the disk is full ({exc}); the documents stored before are kept, "
                                 "free some space and run the command again") from exc
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreBusyError(f"{path}: the store is locked by another program (waited "
                                 f"{BUSY_TIMEOUT:g} s; {exc})") from exc
        raise StoreError(f"{path}: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: damaged store ({exc})") from exc


class Store:
    """The SQLite store in a data folder (``store.sqlite``); use as a context manager."""

    FILENAME = "store.sqlite"

    def __init__(self, data_dir: Path, create: bool = True) -> None:
        self.path = Path(data_dir) / self.FILENAME
        self._in_batch = False
        if not create and not self.path.exists():
            raise StoreError(f"{data_dir}: no store here; run `jixiao ingest` first")
        if not create and not os.access(self.path.parent, os.W_OK):  # a read-only folder (a mount, a copy)
            with _named_errors(self.path):  # read as is: SQLite cannot share a store it may not write
                self.db = sqlite3.connect(f"file:{urllib.parse.quote(str(self.path.resolve()))}?immutable=1",
                                          uri=True, check_same_thread=False)
                self.db.row_factory = sqlite3.Row
                self.db.execute("SELECT 1 FROM documents LIMIT 1").fetchall()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _named_errors(self.path):
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            if self.db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                self._bring_schema_up_to_date()

    def _bring_schema_up_to_date(self) -> None:
        """Create what is missing of the schema, add later columns and hashes, and mark it done."""
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.executescript(SCHEMA + departments.SCHEMA)
        self._add_missing_columns()
        self.db.execute("CREATE INDEX IF NOT EXISTS metrics_indicator ON metrics(indicator)")
        self._add_hashes()
        self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _add_hashes(self) -> None:
        """Give a store written before content hashes its ``hash`` column, filled in."""
        columns = {row["name"] for row in self.db.execute("PRAGMA table_info(passages)")}
        if "hash" in columns:
            return
        with self.db:
            self.db.execute("ALTER TABLE passages ADD COLUMN hash TEXT")
        for doc in self.iter_documents():
            with self.db:
                self.db.executemany("UPDATE passages SET hash = ? WHERE id = ?",
                                    [(content_hash(doc, seq), p.id) for seq, p in enumerate(doc.passages)])

    def check_integrity(self) -> None:
        """Raise StoreError when SQLite's ``quick_check`` finds the database damaged (flipped bytes
        in its pages): a writer must not add to a store it cannot read back."""
        with _named_errors(self.path):
            problems = [line for row in self.db.execute("PRAGMA quick_check(5)") for line in row[0].splitlines()
                        if not line.startswith("***")]
        if problems != ["ok"]:
            raise StoreError(f"{self.path}: damaged store ({'; '.join(problems)[:200]}); nothing written "
                             "to it: restore it from a copy, or ingest into a new data folder")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
        if isinstance(exc, sqlite3.Error):  # a read deep in a damaged store: one line naming it
            with _named_errors(self.path):
                raise exc

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
        with _named_errors(self.path), self.db:
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
        with _named_errors(self.path), self._transaction():
            self._bump_generation()
            self.db.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
            self.db.execute(
                "INSERT INTO documents (id, title, department, region, year, genre, source, meta, text,"
                " file_hash, department_id, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.id, meta.get("title"), meta.get("department"), meta.get("region"),
                 meta.get("year"), meta.get("genre"), source or meta.get("source"),
                 json.dumps(meta, ensure_ascii=False), doc.text, file_hash, meta.get("department_id"),
                 doc.date or None))
            departments.record_department(self.db, meta)
            for seq, p in enumerate(doc.passages):
                self.db.execute(
                    'INSERT INTO passages (id, doc_id, seq, text, start, "end", section, kind, areas,'
                    " area_scores, hash, header) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (p.id, doc.id, seq, p.text, p.start, p.end,
                     json.dumps(p.section, ensure_ascii=False), p.kind, json.dumps(p.areas),
                     json.dumps(p.area_scores), content_hash(doc, seq), p.header))
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
                    " role, indicator, indicator_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(doc.id, p.id, m.what, m.value, m.unit, m.qualifier, m.label, m.role, m.indicator,
                      m.indicator_kind) for m in p.metrics])
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
        with _named_errors(self.path), self.db:
            cursor = self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            if cursor.rowcount:
                self._bump_generation()
        return cursor.rowcount > 0

    def _bump_generation(self) -> None:
        self.db.execute("INSERT INTO state (key, value) VALUES ('generation', 1)"
                        " ON CONFLICT (key) DO UPDATE SET value = value + 1")

    def generation(self) -> int:
        """A number that changes with every write: the index records the one it reflects."""
        return self.db.execute("SELECT COALESCE(MAX(value), 0) FROM state WHERE key = 'generation'").fetchone()[0]

    def passage_hashes(self) -> dict[str, str]:
        """Every stored passage id with its content hash (``extract.records.content_hash``)."""
        return {r[0]: r[1] for r in self.db.execute("SELECT id, hash FROM passages")}

    def doc_ids(self) -> list[str]:
        """The ids of all stored documents, sorted."""
        return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY id")]

    def source_of(self, doc_id: str) -> str | None:
        """Where the stored document ``doc_id`` was read from, None when it is not stored."""
        row = self.db.execute("SELECT source FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return None if row is None else row["source"]

    def passage_count(self) -> int:
        """How many passages the store holds."""
        return self.db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]

    def passage_ids(self) -> set[str]:
        """The ids of all stored passages."""
        return {r[0] for r in self.db.execute("SELECT id FROM passages")}

    def documents_overview(self) -> list[dict]:
        """One row per document: id, title, department (and its id), region, year, genre, passage count."""
        rows = self.db.execute(
            "SELECT d.id, d.title, d.department, d.department_id, d.region, d.year, d.genre,"
            " (SELECT COUNT(*) FROM passages p WHERE p.doc_id = d.id) AS passages"
            " FROM documents d ORDER BY d.id")
        return [dict(row) for row in rows]

    def departments(self) -> list[dict]:
        """One row per department name as stored: its region(s), how many reports it has and
        their years (sorted); documents without a department are left out."""
        rows = self.db.execute(
            "SELECT department, GROUP_CONCAT(DISTINCT region) AS regions, COUNT(*) AS reports,"
            " GROUP_CONCAT(DISTINCT year) AS years FROM documents"
            " WHERE department IS NOT NULL AND department != '' GROUP BY department ORDER BY department")
        return [{"department": r["department"],
                 "regions": sorted((r["regions"] or "").split(",") if r["regions"] else []),
                 "reports": r["reports"],
                 "years": sorted(int(y) for y in (r["years"] or "").split(",") if y)} for r in rows]

    def corpus_counts(self) -> dict[str, int]:
        """How many documents, passages and metrics the store holds, and entities per label."""
        one = self.db.execute
        counts = {"documents": one("SELECT COUNT(*) FROM documents").fetchone()[0],
                  "passages": self.passage_count(),
                  "metrics": one("SELECT COUNT(*) FROM metrics").fetchone()[0]}
        for row in one("SELECT label, COUNT(*) AS n FROM entities GROUP BY label ORDER BY label"):
            counts[row["label"]] = row["n"]
        return counts

    def budgets(self) -> list[dict]:
        """One row per document with its metadata (and ``department_id``), budget figures (万元, rate in %) and checks
        (a list of ``BudgetCheck.to_dict``); documents without a budget row have None figures."""
        rows = self.db.execute(
            f"SELECT d.id, d.title, d.department, d.department_id, d.region, d.year, d.genre,"
            f" {', '.join('b.' + f for f in BUDGET_FIELDS)}, b.checks"
            " FROM documents d LEFT JOIN budgets b ON b.doc_id = d.id ORDER BY d.year, d.id")
        return [{**dict(r), "checks": json.loads(r["checks"] or "[]")} for r in rows]

    def metric_names(self) -> list[tuple[str, int]]:
        """Every ``what`` of the stored metrics with how many metrics have it, most frequent first."""
        rows = self.db.execute("SELECT what, COUNT(*) AS n FROM metrics WHERE what IS NOT NULL"
                               " AND what != '' GROUP BY what ORDER BY n DESC, what")
        return [(r["what"], r["n"]) for r in rows]

    def metric_values(self, what: str) -> list[dict]:
        """Every metric measuring ``what``, with its report's id, department, year and passage text."""
        rows = self.db.execute(
            "SELECT m.doc_id, d.department, d.year, m.value, m.unit, m.label, m.role, m.qualifier,"
            " m.passage_id, p.text FROM metrics m JOIN documents d ON d.id = m.doc_id"
            " LEFT JOIN passages p ON p.id = m.passage_id WHERE m.what = ? ORDER BY d.year, m.doc_id, m.id",
            (what,))
        return [dict(r) for r in rows]

    def indicators(self, of: str | None = None) -> list[tuple[str, int]]:
        """Every canonical indicator of the stored metrics (with ``of``, every sub-kind stored of that
        indicator: 重点, 集体 of 提案数) with how many reports state it, most reports first."""
        column, where = ("indicator_kind", " AND indicator = ?") if of else ("indicator", "")
        rows = self.db.execute(f"SELECT {column} AS name, COUNT(DISTINCT doc_id) AS n FROM metrics"
                               f" WHERE {column} IS NOT NULL AND {column} != ''{where}"
                               " GROUP BY name ORDER BY n DESC, name", (of,) if of else ())
        return [(r["name"], r["n"]) for r in rows]

    def indicator_values(self, indicator: str, kind: str | None = None) -> list[dict]:
        """The metrics of canonical ``indicator``, one per report and role, each with its report's
        title, department (and ``department_id`` when known), year, region and passage text; by
        year, then report. With ``kind``, only those of that sub-kind; else a figure of the whole
        first, and a count's or an amount's sub-kind never (重点提案 is a part of 提案, not a value of
        it), a rate's when the report states no other (群众满意度 is a 满意度)."""
        kind_filter = " AND m.indicator_kind = ?" if kind else \
            " AND (COALESCE(m.indicator_kind, '') = '' OR m.label NOT IN ('COUNT', 'MONEY'))"
        rows = self.db.execute(
            "SELECT m.doc_id, d.title, d.department, json_extract(d.meta, '$.department_id') AS department_id,"
            " d.year, d.region, m.passage_id, m.what, m.indicator, m.indicator_kind, m.role, m.value, m.unit,"
            " m.label, m.qualifier, p.text FROM metrics m JOIN documents d ON d.id = m.doc_id"
            f" LEFT JOIN passages p ON p.id = m.passage_id WHERE m.indicator = ?{kind_filter}"
            " ORDER BY d.year, m.doc_id, COALESCE(m.indicator_kind, '') != '', m.id",
            (indicator, kind) if kind else (indicator,))
        seen: set[tuple[str, str | None]] = set()
        values = []
        for r in rows:
            if (r["doc_id"], r["role"]) not in seen:
                seen.add((r["doc_id"], r["role"]))
                values.append(dict(r))
        return values

    def get_document(self, doc_id: str) -> Document | None:
        """The stored document with its passages, entities, metrics and budget, or None."""
        row = self.db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        meta = json.loads(row["meta"])
        date = row["date"] if "date" in row.keys() else None  # a read-only store of before the column
        doc = Document(id=doc_id, text=row["text"], meta=meta, date=date or str(meta.get("date") or ""))
        entities: dict[str, list[Entity]] = {}
        for r in self.db.execute("SELECT * FROM entities WHERE doc_id = ? ORDER BY id", (doc_id,)):
            entities.setdefault(r["passage_id"], []).append(Entity.from_dict(dict(r)))
        metrics: dict[str, list[Metric]] = {}
        for r in self.db.execute("SELECT * FROM metrics WHERE doc_id = ? ORDER BY id", (doc_id,)):
            metric = Metric.from_dict({**dict(r), "indicator": r["indicator"] or "",
                                       "indicator_kind": r["indicator_kind"] or ""})
            metrics.setdefault(r["passage_id"], []).append(metric)
        for r in self.db.execute("SELECT * FROM passages WHERE doc_id = ? ORDER BY seq", (doc_id,)):
            p = Passage(id=r["id"], text=r["text"], start=r["start"], end=r["end"],
                        section=json.loads(r["section"]), kind=r["kind"], areas=json.loads(r["areas"]),
                        area_scores=json.loads(r["area_scores"]), header=r["header"] or "",
                        entities=entities.get(r["id"], []), metrics=metrics.get(r["id"], []))
            doc.passages.append(p)
            doc.entities.extend(e.shifted(p.start) for e in p.entities)
        doc.entities.extend(entities.get("", []))  # the title's and headings' figures
        doc.entities.sort(key=lambda e: (e.start, e.end))
        b = self.db.execute("SELECT * FROM budgets WHERE doc_id = ?", (doc_id,)).fetchone()
        if b is not None:
            doc.budget = BudgetSummary.from_dict({**dict(b), "checks": json.loads(b["checks"])})
        return doc

    def passage_headers(self, passage_ids: Iterable[str]) -> dict[str, str]:
        """The table header stored with each of these passages that has one (``Passage.header``)."""
        ids = list(passage_ids)
        rows = self.db.execute(f"SELECT id, header FROM passages WHERE id IN ({','.join('?' * len(ids))})"
                               " AND header != ''", ids) if ids else []
        return {r["id"]: r["header"] for r in rows}

    def iter_documents(self) -> Iterator[Document]:
        """Every stored document, in id order."""
        for doc_id in self.doc_ids():
            doc = self.get_document(doc_id)
            if doc is not None:
                yield doc
