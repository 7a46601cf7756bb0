"""Extraction in worker processes: the same store and index as one process, failures isolated,
unchanged files skipped."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from extract.errors import InputError
from index.ingest import Source, file_sources, ingest
from index.search.directory import open_whoosh_index
from index.store import Store
from index.workers import extract_batch
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


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    return small_reports(tmp_path_factory.mktemp("reports"))


def test_two_workers_give_the_same_store_and_index_as_one_process(tmp_path, reports):
    one = ingest(file_sources([reports]), tmp_path / "one", workers=1)
    two = ingest(file_sources([reports]), tmp_path / "two", workers=2)
    assert one.stored == two.stored == [f"r{n}" for n in range(6)] and not one.failures
    assert one.passages == two.passages > 10
    assert contents(tmp_path / "one") == contents(tmp_path / "two")


def test_unchanged_files_are_skipped_and_changed_ones_read_again(tmp_path, reports):
    folder = small_reports(tmp_path / "reports", 2)
    assert ingest(file_sources([folder]), tmp_path / "data").stored == ["r0", "r1"]
    (folder / "r1.txt").write_text((folder / "r1.txt").read_text("utf-8") + "\n侨务工作取得成效。\n", "utf-8")
    again = ingest(file_sources([folder]), tmp_path / "data")
    assert again.unchanged == ["r0"] and again.stored == ["r1"]
    assert ingest(file_sources([folder]), tmp_path / "data", force=True).stored == ["r0", "r1"]
    with Store(tmp_path / "data") as store:
        assert len(store.file_hash("r0")) == 64


def _broken_load(kind: str) -> tuple[object, dict]:
    if kind == "input":
        raise InputError("bad.txt", "empty file")
    return None, {}  # not text: the pipeline itself fails on it


def test_a_report_that_fails_never_takes_its_batch_with_it():
    good = next(file_sources([CORPUS / "2021_liwan_cppcc_office_self_evaluation_table.txt"]))
    outcomes = extract_batch([Source("bad", "bad.txt", partial(_broken_load, "input")), good,
                              Source("odd", "odd.txt", partial(_broken_load, "type"))])
    assert outcomes[0].failure == ("bad.txt", "empty file") and outcomes[0].doc is None
    assert outcomes[1].doc is not None and outcomes[1].doc.passages
    assert outcomes[2].doc is None and outcomes[2].failure[0] == "odd.txt"
    assert "unexpected error" in outcomes[2].failure[1]
