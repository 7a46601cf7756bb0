"""Search beside another BM25 engine, and searches on several threads, in the same run.

    python -m bench.run --only versus [--passages 44000] [--repeats 5]

- latency: p50/p95 of a top-10 page (``Corpus.search``, no facets) beside bm25s (sparse-matrix
  BM25) on the same generated passages, cut into the same words by our analyzer, queries cut the
  same way; the ratio of the p95s;
- throughput: queries a second of four threads searching beside one thread, also while another
  process writes to the same index (replacing a batch of passages and committing, every 2 s or
  back to back: each commit makes every searcher open the index again).
Medians of ``repeats`` runs. No figure is asserted.
"""

from __future__ import annotations

import multiprocessing
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

THREADS = 4
WRITER_BATCH = 40
"""Passages the writing process replaces at each commit while the threads search."""


def _p(samples: list[float], q: int) -> float:
    """The ``q``-th percentile (q = 50 or 95) of ``samples``."""
    return statistics.median(samples) if q == 50 else statistics.quantiles(samples, n=20)[18]


def _latencies(fn: Callable[[str], object], queries: list[str], repeats: int) -> list[float]:
    """Milliseconds of each call of ``fn`` on each query, ``repeats`` times over (after a warm-up)."""
    for q in queries:
        fn(q)
    samples = []
    for _ in range(repeats):
        for q in queries:
            start = time.perf_counter()
            fn(q)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def _bm25s(docs: list) -> Callable[[str], object]:
    """A top-10 search of bm25s over the passages of ``docs``, on our analyzer's words."""
    import bm25s

    from index.search.analyzer import analyze

    retriever = bm25s.BM25()
    retriever.index([analyze(p.text) for d in docs for p in d.passages], show_progress=False)
    return lambda q: retriever.retrieve([analyze(q)], k=10, show_progress=False)


def latency(folder: Path, docs: list, queries: list[str], repeats: int) -> list[str]:
    """p50/p95 of our top-10 search and bm25s's on the same passages, one after the other, repeatedly."""
    from index.corpus import Corpus

    corpus = Corpus(folder)
    theirs = _bm25s(docs)
    ours_p95, theirs_p95, ours_p50, theirs_p50 = [], [], [], []
    for _ in range(repeats):  # interleaved, so both see the same machine
        ours = _latencies(lambda q: corpus.search(q, page_size=10, facets=False), queries, 1)
        other = _latencies(theirs, queries, 1)
        ours_p95.append(_p(ours, 95))
        theirs_p95.append(_p(other, 95))
        ours_p50.append(_p(ours, 50))
        theirs_p50.append(_p(other, 50))
    ratio = statistics.median(o / t for o, t in zip(ours_p95, theirs_p95))
    return [f"  bm25s top 10 (same words)       p50 {statistics.median(theirs_p50):6.2f} ms"
            f"  p95 {statistics.median(theirs_p95):6.2f} ms   1.00",
            f"  jixiao search top 10, no facets p50 {statistics.median(ours_p50):6.2f} ms"
            f"  p95 {statistics.median(ours_p95):6.2f} ms   {ratio:.2f}x bm25s's p95 (median of {repeats})"]


def _throughput(folder: Path, queries: list[str], threads: int, rounds: int) -> float:
    """Queries a second of ``threads`` threads sharing ``rounds`` passes over ``queries``; a
    search that raises stops the run with its error."""
    from index.corpus import Corpus

    corpus = Corpus(folder)
    work = queries * rounds
    with ThreadPoolExecutor(threads) as pool:
        start = time.perf_counter()
        for _ in pool.map(lambda q: corpus.search(q, page_size=10), work):
            pass
        return len(work) / (time.perf_counter() - start)


def _keep_writing(folder: str, docs: list, pause: float, stop) -> None:
    """In another process: replace the same documents in the index and commit, then wait
    ``pause`` seconds, again, until ``stop``."""
    from index.search.writer import update_documents

    while not stop.is_set():
        update_documents(Path(folder), docs)
        stop.wait(pause)


def throughput(folder: Path, docs: list, queries: list[str], repeats: int) -> list[str]:
    """Queries a second of four threads and of one, on a copy of the index, idle and while writing."""
    from extract.records import Document

    lines = []
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(folder, copy, symlinks=True)
        _throughput(copy, queries, 1, 1)  # warm
        written = [Document(id=f"writer-{n}", text="", passages=d.passages[:WRITER_BATCH], meta=d.meta)
                   for n, d in enumerate(docs[:2])]
        for label, pause in (("idle index", None), ("writer commits every 2 s", 2.0),
                             ("writer commits back to back", 0.0)):
            context = multiprocessing.get_context("fork")
            stop = context.Event()
            writer = None if pause is None else \
                context.Process(target=_keep_writing, args=(str(copy), written, pause, stop))
            if writer:
                writer.start()
                time.sleep(1.0)  # the writer's first commit is on its way
            try:
                one = [_throughput(copy, queries, 1, 2) for _ in range(repeats)]
                many = [_throughput(copy, queries, THREADS, 2) for _ in range(repeats)]
            finally:
                if writer:
                    stop.set()
                    writer.join()
            ratio = statistics.median(many) / statistics.median(one)
            lines.append(f"  {label:<28} 1 thread {statistics.median(one):6.0f} q/s, {THREADS} threads "
                         f"{statistics.median(many):6.0f} q/s   {ratio:.2f}x (median of {repeats}, no error)")
    return lines


def bench_versus(n_passages: int, repeats: int) -> list[str]:
    """Latency beside bm25s and throughput on threads, on ``n_passages`` generated passages."""
    from bench.run import MIXED_QUERIES, REPO, _build_index, synthetic_documents
    from index.evaluation import judged_queries
    from index.search.directory import index_exists
    from index.store import Store

    out = REPO / "bench" / "out" / f"index-{n_passages}"
    if not index_exists(out) or not (out / Store.FILENAME).exists():
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True, exist_ok=True)
        _build_index(out, n_passages)
    docs = synthetic_documents(n_passages)
    queries = [q for q, _ in judged_queries()]
    lines = [f"search beside bm25s, and on threads ({n_passages} passages, {len(queries)} judged queries"
             f" + {len(MIXED_QUERIES)} broad ones for throughput)"]
    lines += latency(out, docs, queries, repeats)
    lines += throughput(out, docs, queries + MIXED_QUERIES, repeats)
    return lines
