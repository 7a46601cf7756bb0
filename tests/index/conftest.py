"""Helpers shared by the index tests: small reports made of the seed paragraphs, and what a data
folder holds."""

from __future__ import annotations

from pathlib import Path

from index.consistency import compare
from index.search.directory import open_whoosh_index
from index.search.writer import indexed_count
from index.store import Store
from tests.conftest import CORPUS


def small_reports(folder: Path, count: int = 6) -> Path:
    """``count`` short reports made of the seed reports' paragraphs (a title and seven paragraphs)."""
    folder.mkdir(parents=True, exist_ok=True)
    chunks = [c for path in sorted(CORPUS.glob("*.txt"))
              for c in path.read_text(encoding="utf-8").split("\n\n")[2:] if c.strip()]
    for n in range(count):
        body = "\n\n".join(chunks[n * 7:(n + 1) * 7])
        (folder / f"r{n}.txt").write_text(f"{2020 + n}年度区委统战部部门整体支出绩效自评报告\n\n{body}\n",
                                          encoding="utf-8")
    return folder


def contents(data: Path) -> tuple[list[dict], list[dict], dict[str, list]]:
    """Everything stored, every passage's indexed fields, and the indexed terms of the text fields."""
    with Store(data) as store:
        docs = [doc.to_dict() for doc in store.iter_documents()]
    ix = open_whoosh_index(data)
    with ix.searcher() as searcher:
        fields = sorted(searcher.all_stored_fields(), key=lambda f: f["passage_id"])
        terms = {name: sorted((t, searcher.doc_frequency(name, t)) for t in searcher.lexicon(name))
                 for name in ("text", "pieces", "areas", "year")}
    ix.close()
    return docs, fields, terms


def agree(data: Path) -> bool:
    """Store and index hold the same passages, each indexed once."""
    comparison = compare(data)
    return comparison.agree and indexed_count(data) == comparison.passages > 0
