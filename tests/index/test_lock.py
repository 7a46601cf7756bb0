"""One writer at a time: real processes (forked from this one) ingesting, reindexing and removing
on one data folder at once lose nothing; a writer kept waiting says so, then gives up in one line."""

from __future__ import annotations

import json
import os
import time

import pytest

from extract.errors import StoreError
from index.consistency import compare
from index.ingest import ingest, jsonl_sources
from index.lock import writer_lock
from index.search.writer import rebuild
from index.store import Store
from tests.conftest import lock_held_by_another_process


def in_child(action) -> int:
    """Start ``action`` in a forked process; its pid."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            action()
            code = 0
        finally:
            os._exit(code)
    return pid


def succeeded(pid: int) -> bool:
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def records(prefix: str, count: int) -> list[str]:
    return [json.dumps({"id": f"{prefix}{i}", "text": f"侨务工作第{i}项，接待侨胞{i}批。"}, ensure_ascii=False)
            for i in range(count)]


def test_concurrent_ingests_and_reindexes_lose_nothing(tmp_path):
    ingest(jsonl_sources(records("base", 2), "base"), tmp_path)
    children = [in_child(lambda p=p: ingest(jsonl_sources(records(p, 6), p), tmp_path)) for p in "xy"]
    children += [in_child(lambda: [rebuild(tmp_path) for _ in range(3)])]
    assert all(succeeded(pid) for pid in children)
    found = compare(tmp_path)
    assert found.agree and found.passages == 14, found
    with Store(tmp_path, create=False) as store:
        assert len(store.doc_ids()) == 14


def test_a_reindex_waits_for_an_ingest_that_has_stored_but_not_yet_indexed(tmp_path):
    import index.ingest as ingest_module

    ingest(jsonl_sources(records("base", 1), "base"), tmp_path)
    paused_read, paused_write = os.pipe()
    go_read, go_write = os.pipe()
    real_update = ingest_module.IndexUpdate

    def paused_update(*args):  # in the ingesting child: stored, the index not yet updated
        os.write(paused_write, b"1")
        os.read(go_read, 1)
        return real_update(*args)

    def paused_ingest() -> None:
        ingest_module.IndexUpdate = paused_update
        ingest(jsonl_sources(records("late", 3), "late"), tmp_path)

    ingester = in_child(paused_ingest)
    os.read(paused_read, 1)
    reindexer = in_child(lambda: rebuild(tmp_path))
    try:
        time.sleep(0.3)
        assert os.waitpid(reindexer, os.WNOHANG) == (0, 0)  # still waiting for the lock
    finally:
        os.write(go_write, b"1")
    assert succeeded(ingester) and succeeded(reindexer)
    found = compare(tmp_path)
    assert found.agree and found.passages == 4, found


def test_a_second_writer_waits_with_a_message_then_fails_in_one_line(tmp_path):
    said: list[str] = []
    with lock_held_by_another_process(tmp_path):
        with pytest.raises(StoreError) as caught, writer_lock(tmp_path, timeout=0.2, waiting=said.append):
            pass
    assert len(said) == 1 and "waiting" in said[0]
    assert "another jixiao" in str(caught.value) and "\n" not in str(caught.value)
    with writer_lock(tmp_path, timeout=1):  # free again once the holder is gone
        with writer_lock(tmp_path, timeout=0):  # and re-entrant within a process
            pass
