"""Extraction and indexing in worker processes: the same store, index and search results as one
process, failures isolated (a worker that dies too), unchanged files skipped."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import pytest

from extract.errors import InputError
from index.ingest import Source, file_sources, ingest
from index.search.directory import index_dir
from index.search.service import search
from index.segment_workers import jobs_of
from index.store import Store
from index.workers import extract_batch
from tests.conftest import CORPUS
from tests.index.conftest import agree, contents, small_reports

pytestmark = pytest.mark.seconds(4)  # conftest.pytest_collection_modifyitems: long modules first


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    return small_reports(tmp_path_factory.mktemp("reports"))


def test_two_workers_give_the_same_store_and_index_as_one_process(tmp_path, reports):
    one = ingest(file_sources([reports]), tmp_path / "one", workers=1)
    two = ingest(file_sources([reports]), tmp_path / "two", workers=2)
    assert one.stored == two.stored == [f"r{n}" for n in range(6)] and not one.failures
    assert one.passages == two.passages > 10
    assert contents(tmp_path / "one") == contents(tmp_path / "two")


def ranked(data: Path, query: str) -> list[tuple[str, float]]:
    return [(hit.passage_id, round(hit.score, 9)) for hit in search(data, query, page_size=200).hits]


def test_workers_write_segments_whose_search_results_equal_one_process(tmp_path, reports):
    ingest(file_sources([reports]), tmp_path / "one", workers=1)
    ingest(file_sources([reports]), tmp_path / "two", workers=2)
    segments = [p for p in index_dir(tmp_path / "two").iterdir() if p.suffix == ".seg"]
    assert len(segments) > 1  # the workers indexed, each into segments of its own
    for query in ("预算", "资金", "绩效 目标", "工作", "会议"):
        assert ranked(tmp_path / "one", query) == ranked(tmp_path / "two", query) != []
    assert agree(tmp_path / "two")


def test_jobs_are_runs_of_consecutive_batches_covering_every_source():
    sources = list(range(300))
    jobs = jobs_of(sources, 2)
    assert len(jobs) == 4
    positions = [position for job in jobs for position, _ in job]
    assert positions == sorted(positions)
    assert [s for job in jobs for _, part in job for s in part] == sources
    assert len(jobs_of(list(range(5000)), 2)) >= 5  # no job over SEGMENT_REPORTS reports


def _dies_in_a_worker(ingest_pid: int) -> tuple[str, dict]:
    if os.getpid() != ingest_pid:
        os._exit(3)  # the worker process dies (as on a crash or the out-of-memory killer)
    raise AssertionError("read in the ingest's own process")


def test_a_worker_that_dies_loses_only_the_report_it_died_on(tmp_path):
    folder = small_reports(tmp_path / "reports", 7)
    sources = list(file_sources([folder]))
    killer = Source("killer", "killer.txt", partial(_dies_in_a_worker, os.getpid()))
    report = ingest(sources[:2] + [killer] + sources[2:], tmp_path / "data", workers=2)
    assert report.stored == [f"r{n}" for n in range(7)]
    assert len(report.failures) == 1 and report.failures[0][0] == "killer.txt"
    assert "worker process reading it died" in report.failures[0][1]
    assert agree(tmp_path / "data")  # every stored document is indexed, once
    assert not list(index_dir(tmp_path / "data").glob("*.tmp"))  # the dead workers' temporary files too


def test_workers_replace_the_earlier_version_of_a_changed_report(tmp_path):
    folder = small_reports(tmp_path / "reports", 4)
    ingest(file_sources([folder]), tmp_path / "data", workers=2)
    (folder / "r1.txt").write_text((folder / "r1.txt").read_text("utf-8") + "\n侨务工作取得成效。\n", "utf-8")
    again = ingest(file_sources([folder]), tmp_path / "data", workers=2)
    assert again.stored == ["r1"]
    assert agree(tmp_path / "data")
    assert [hit.doc_id for hit in search(tmp_path / "data", "侨务工作取得成效").hits][:1] == ["r1"]


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
