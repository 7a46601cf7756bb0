"""The front door of a data folder: every command one call on ``Corpus``, its version moving with
every write, ids of what a search finds without reading a hit."""

from __future__ import annotations

import json
import shutil
import threading

from index.corpus import Corpus, Filters, _reading, jsonl_sources
from tests.conftest import BAIYUN_2022


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


def test_reads_keep_one_connection_and_a_store_written_anew_is_read_anew(tmp_path):
    folder = tmp_path / "data"
    Corpus(folder).ingest(jsonl_sources(_records("a", "侨务工作", 2), "a"))
    with _reading(folder) as first:
        pass
    with _reading(folder) as again:
        assert again is first  # kept open between reads
        with _reading(folder) as other:  # a read at the same time gets its own
            assert other is not first
    shutil.rmtree(folder)  # the folder deleted and filled anew under the same path
    Corpus(folder).ingest(jsonl_sources(_records("b", "民族工作", 1), "b"))
    assert {row["id"] for row in Corpus(folder).documents()} == {"b0"}
    errors: list[BaseException] = []

    def read() -> None:
        try:
            for _ in range(20):
                assert Corpus(folder).document("b0") is not None
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors


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


def test_hits_say_whose_report_they_are_and_each_region_level_is_a_facet(data_dir):
    corpus = Corpus(data_dir)
    result = corpus.search("统战", Filters(province="广东省"), page_size=50)
    assert result.hits and all(h.region_levels["province"] == "广东省" for h in result.hits)
    liwan = next(h for h in result.hits if h.region_levels["county"] == "荔湾区")
    assert liwan.region_levels == {"province": "广东省", "city": "广州市", "county": "荔湾区", "code": "440103"}
    assert liwan.department_id.startswith("440103-") and liwan.to_dict()["department_id"] == liwan.department_id
    # each level counted under the other filters: the province narrows cities and counties to its own
    assert set(result.facets["city"]) == {"广州市"} and set(result.facets["county"]) == {"荔湾区", "白云区"}
    assert {"广东省", "湖北省"} <= set(result.facets["province"])
    county = corpus.search("统战", Filters(county="白云区"), page_size=50)
    assert county.total == result.facets["county"]["白云区"]
    assert {h.doc_id for h in county.hits} == {BAIYUN_2022}
