"""The search arrays made from the postings as a segment is written equal those decoded from it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from whoosh import index as windex

from index.ingest import file_sources, ingest
from index.search.directory import index_dir
from index.search.engine import postings
from index.search.engine.postings import ARRAYS_DIRNAME, build_segment, load_segment
from index.search.service import search
from index.search.writer import rebuild, update_documents
from index.store import Store
from tests.index.conftest import agree, small_reports

pytestmark = pytest.mark.seconds(5)  # conftest.pytest_collection_modifyitems: long modules first


def assert_arrays_are_decoded_ones(data: Path) -> int:
    """Every segment's saved arrays equal ``build_segment`` on it; how many segments."""
    folder = index_dir(data)
    ix = windex.open_dir(str(folder))
    with ix.reader() as reader:
        leaves = [leaf for leaf, _ in reader.leaf_readers()]
        for leaf in leaves:
            saved = load_segment(folder / ARRAYS_DIRNAME / leaf.segment().segment_id())
            decoded = build_segment(leaf, ix.schema)
            assert saved is not None and saved.doc_count == decoded.doc_count
            assert sorted(saved.fields) == sorted(decoded.fields)
            for name, field in decoded.fields.items():
                for part in ("keys", "starts", "docs", "weights", "position_starts", "positions"):
                    assert np.array_equal(getattr(saved.fields[name], part), getattr(field, part)), (name, part)
            for name, lengths in decoded.lengths.items():
                assert np.array_equal(saved.lengths[name], lengths), name
    ix.close()
    return len(leaves)


def test_arrays_of_one_process_ingest_and_of_a_rebuild(data_dir):
    assert assert_arrays_are_decoded_ones(data_dir) >= 1
    rebuild(data_dir)
    assert assert_arrays_are_decoded_ones(data_dir) >= 1


def test_arrays_of_worker_segments_and_of_a_writer_whose_pool_spilled(data_dir, tmp_path, monkeypatch):
    reports = small_reports(tmp_path / "reports", 6)
    ingest(file_sources([reports]), tmp_path / "two", workers=2)
    assert assert_arrays_are_decoded_ones(tmp_path / "two") > 1
    with Store(data_dir, create=False) as store:  # the seed reports as tagged once for the session
        seeds = list(store.iter_documents())
    monkeypatch.setattr("index.search.writer.WRITER_LIMITMB", 0.2)  # runs written to disk and merged
    update_documents(tmp_path / "spilled", seeds)  # the writer an ingest uses (IndexUpdate)
    assert assert_arrays_are_decoded_ones(tmp_path / "spilled") == 1
    assert postings.damaged_segments(index_dir(tmp_path / "spilled")) == []


def test_a_long_ingest_or_rebuild_commits_a_segment_every_segment_reports(tmp_path, monkeypatch):
    monkeypatch.setattr("index.search.writer.SEGMENT_REPORTS", 2)
    reports = small_reports(tmp_path / "reports", 6)
    ingest(file_sources([reports]), tmp_path / "data", workers=1)
    assert assert_arrays_are_decoded_ones(tmp_path / "data") == 3
    assert agree(tmp_path / "data")
    before = [(hit.passage_id, hit.score) for hit in search(tmp_path / "data", "预算", page_size=100).hits]
    assert before
    rebuild(tmp_path / "data")
    assert assert_arrays_are_decoded_ones(tmp_path / "data") == 3
    assert agree(tmp_path / "data")
    assert [(hit.passage_id, hit.score) for hit in search(tmp_path / "data", "预算", page_size=100).hits] == before
