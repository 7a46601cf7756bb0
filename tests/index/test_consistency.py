"""Store and index agree in content after crashes: real processes killed with SIGKILL at named
points (a forked copy of this test process, so nothing is imported twice), then recovery checked
passage by passage."""

from __future__ import annotations

import json
import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from index.consistency import compare, index_behind
from index.ingest import ingest, jsonl_sources
from index.search.directory import index_dir
from index.search.engine.postings import ARRAYS_DIRNAME
from index.search.service import search
from index.store import Store


def lines(version: str, ids: str = "abc") -> list[str]:
    return [json.dumps({"id": i, "text": f"一、侨务工作\n{version}侨务工作第{i}项，接待侨胞{n}批。"},
                       ensure_ascii=False) for n, i in enumerate(ids, start=7)]


def killed_at(target: object, name: str, action: Callable[[], object]) -> None:
    """Run ``action`` in a forked process that SIGKILLs itself when ``target.name`` is called."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            setattr(target, name, lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL))
            action()
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def texts(data: Path) -> set[str]:
    return {hit.text for hit in search(data, "侨务", page_size=50).hits}


def test_a_kill_between_store_and_index_then_a_changed_reingest_leaves_nothing_stale(tmp_path):
    import index.ingest as ingest_module

    ingest(jsonl_sources(lines("旧"), "v1"), tmp_path)
    killed_at(ingest_module, "IndexUpdate", lambda: ingest(jsonl_sources(lines("新"), "v2"), tmp_path))
    assert index_behind(tmp_path)
    assert len(compare(tmp_path).stale) == 3  # check sees the old text by its hash, not only ids
    report = ingest(jsonl_sources(lines("新", "a"), "v3"), tmp_path)
    assert any("behind the store" in w for w in report.warnings)
    assert compare(tmp_path).agree and index_behind(tmp_path) is None
    assert all(text.startswith("新") for text in texts(tmp_path)) and len(texts(tmp_path)) == 3


@pytest.mark.parametrize("point", ["put_document", "sync"])
def test_a_kill_during_a_first_ingest_or_an_index_commit_is_repaired_by_the_next(tmp_path, point):
    import index.search.engine.postings as postings_module
    import index.store as store_module

    target = store_module.Store if point == "put_document" else postings_module
    if point == "put_document":
        ingest(jsonl_sources(lines("旧", "a"), "v0"), tmp_path)  # a store, and no index yet below
        shutil.rmtree(index_dir(tmp_path))
    killed_at(target, point, lambda: ingest(jsonl_sources(lines("新"), "v1"), tmp_path))
    ingest(jsonl_sources(lines("新", "b"), "v2"), tmp_path)
    found = compare(tmp_path)
    assert found.agree, found
    with Store(tmp_path, create=False) as store:
        assert found.passages == store.passage_count() >= 2


def test_a_kill_inside_a_rebuild_keeps_the_previous_index(tmp_path):
    import index.search.writer as writer_module

    ingest(jsonl_sources(lines("旧"), "v1"), tmp_path)
    before = texts(tmp_path)
    killed_at(writer_module.os, "replace", lambda: writer_module.rebuild(tmp_path))
    assert texts(tmp_path) == before and compare(tmp_path).agree
    (killed,) = tmp_path.glob("index-*")  # the killed build's folder, never in use
    assert writer_module.rebuild(tmp_path) == 3 and texts(tmp_path) == before
    builds = set(tmp_path.glob("index-*"))  # the new build, and the previous kept for open searchers
    assert killed not in builds and index_dir(tmp_path).resolve() in builds and len(builds) == 2


def test_a_planted_stale_passage_and_flipped_array_bytes_are_reported(tmp_path):
    ingest(jsonl_sources(lines("旧"), "v1"), tmp_path)
    with Store(tmp_path) as store:  # the store changes behind the index's back
        store.db.execute("UPDATE passages SET text = '改', hash = 'x' WHERE id = 'b:0000'")
        store.db.commit()
    npy = sorted((index_dir(tmp_path) / ARRAYS_DIRNAME).glob("*/text.docs.npy"))[0]
    data = bytearray(npy.read_bytes())
    data[-1] ^= 0xFF
    npy.write_bytes(bytes(data))
    found = compare(tmp_path)
    assert found.stale == ["b:0000"] and found.damaged == [f"{npy.parent.name}/{npy.name}"]


def test_a_truncated_segment_is_a_named_error_and_the_next_ingest_rebuilds(tmp_path):
    from extract.errors import IndexDamagedError

    ingest(jsonl_sources(lines("旧"), "v1"), tmp_path)
    segment = next(index_dir(tmp_path).glob("*.seg"))
    segment.write_bytes(segment.read_bytes()[:1000])
    with pytest.raises(IndexDamagedError, match="damaged .*jixiao reindex"):
        search(tmp_path, "侨务")
    with pytest.raises(IndexDamagedError):
        compare(tmp_path)
    report = ingest(jsonl_sources(lines("新", "d"), "v2"), tmp_path)
    assert any("damaged" in w for w in report.warnings) and not report.failures
    assert compare(tmp_path).agree and len(texts(tmp_path)) == 4
