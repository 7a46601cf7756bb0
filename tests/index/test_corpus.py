"""The front door of a data folder: every command one call on ``Corpus``, its version moving with
every write, ids of what a search finds without reading a hit."""

from __future__ import annotations

import json

from index.corpus import Corpus, Filters, jsonl_sources


def _records(prefix: str, words: str, count: int) -> list[str]:
    return [json.dumps({"id": f"{prefix}{i}", "text": f"一、基本情况\n{words}第{i}项，接待来访{i}批。",
                        "department": f"{prefix}部门"}, ensure_ascii=False) for i in range(count)]


def test_writes_move_the_version_and_reads_see_them(tmp_path):
    corpus = Corpus(tmp_path)
    assert corpus.version() == (0, None)
    report = corpus.ingest(jsonl_sources(_records("a", "侨务工作", 3), "a"))
    assert report.stored == ["a0", "a1", "a2"] and not report.failures
    first = corpus.version()
    assert first[0] > 0 and first[1] == first[0]  # the index reflects the store
    assert corpus.check().agree
    assert [row["department"] for row in corpus.departments()] == ["a部门"]
    assert corpus.departments()[0]["reports"] == 3
    assert {row["id"] for row in corpus.documents()} == {"a0", "a1", "a2"}
    assert corpus.document("a1").passages and corpus.document("nothing") is None
    removal = corpus.remove(["a1", "nothing"])
    assert removal.removed == ["a1"] and removal.missing == ["nothing"]
    assert corpus.version() != first and corpus.version()[0] == corpus.version()[1]
    assert corpus.matching_documents("侨务") == ["a0", "a2"]
    assert corpus.reindex() == sum(len(corpus.document(i).passages) for i in ("a0", "a2"))


def test_the_ids_a_search_finds_without_reading_hits(data_dir):
    corpus = Corpus(data_dir)
    for query, filters in (("侨务", Filters()), ("工作", Filters(year=2022)), ("", Filters(area="cppcc"))):
        hits = corpus.search(query, filters, page_size=10_000, sort="year").hits
        assert corpus.matching_documents(query, filters) == sorted({h.doc_id for h in hits})
    assert len(corpus.matching_documents("工作")) == 5


def test_export_writes_the_chosen_documents(data_dir, tmp_path):
    corpus = Corpus(data_dir)
    chosen = corpus.matching_documents("侨务")[:2]
    assert corpus.export("jsonl", tmp_path / "out.jsonl", chosen) == 2
    written = [json.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert written == chosen
    assert corpus.export_bytes("jsonl", chosen) == (tmp_path / "out.jsonl").read_bytes()
