"""Searchers lent to threads: searches of different threads run at the same time, each on a
searcher of its own, also while another thread writes; results stay right."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

from index.corpus import Corpus, jsonl_sources
from index.search.searchers import open_searcher


def test_two_threads_hold_searchers_at_the_same_time(data_dir):
    inside = threading.Event()
    release = threading.Event()
    held: list[object] = []

    def first() -> None:
        with open_searcher(data_dir) as (searcher, _):
            held.append(searcher)
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=first)
    thread.start()
    assert inside.wait(10)
    finished = threading.Event()

    def second() -> None:
        with open_searcher(data_dir) as (searcher, _):
            held.append(searcher)
        finished.set()

    other = threading.Thread(target=second)
    other.start()
    assert finished.wait(10), "a search waited for another thread's search to end"
    release.set()
    thread.join()
    other.join()
    assert held[0] is not held[1]


def _lines(prefix: str, words: str, count: int) -> list[str]:
    return [json.dumps({"id": f"{prefix}{i}", "text": f"一、基本情况\n{words}第{i}项。"}, ensure_ascii=False)
            for i in range(count)]


def test_threads_search_while_one_writes(tmp_path):
    corpus = Corpus(tmp_path)
    corpus.ingest(jsonl_sources(_lines("base", "侨务工作", 4), "base"))
    expected = [h.passage_id for h in corpus.search("侨务").hits]
    assert len(expected) == 4
    stop = threading.Event()

    def searching() -> int:
        count = 0
        while not stop.is_set() or count < 3:
            assert [h.passage_id for h in corpus.search("侨务").hits] == expected
            count += 1
        return count

    with ThreadPoolExecutor(4) as pool:
        searches = [pool.submit(searching) for _ in range(3)]
        try:
            for n in range(2):
                report = corpus.ingest(jsonl_sources(_lines(f"new{n}-", "港澳交流", 3), f"new{n}"))
                assert not report.failures
        finally:
            stop.set()
        assert all(f.result(timeout=60) >= 3 for f in searches)  # raises what a search raised
    assert corpus.search("港澳").total == 6 and [h.passage_id for h in corpus.search("侨务").hits] == expected
