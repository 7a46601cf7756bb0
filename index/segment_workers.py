"""Ingest on every core: worker processes that extract reports and index them into segments of their own.

The sources are cut into batches (``index.workers.batches``) and the batches into a few jobs of
consecutive batches. A worker process takes a job, extracts its batches one by one, sends each
batch's outcomes back (the ingest stores them) and adds the documents to a Whoosh segment of its
own (``index.search.writer.SegmentBuild``), with the words the pipeline cut; at the job's end it
writes the segment and its arrays and sends the segment back. The ingest commits the segments in
job order, so documents get the docnums one process would give them, and its own process does
little more than store. Extraction, indexing and the arrays of a segment all run in the workers.

A worker that dies loses its unfinished segment only: the job's batches it had not sent are run
again by a fresh worker, one source per batch, and a source that kills that worker too is
reported as failed. Documents outside the segments sent back (``indexed`` tells which are in) are
for the ingest to index itself; so are those of a segment that could not be written.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from index.search.analyzer import forget_words, remember_words
from index.search.writer import SEGMENT_REPORTS, SegmentBuild
from index.workers import Extracted, LoadableSource, batches, extract_batch, load_pipeline

JOBS_PER_WORKER = 2
"""Jobs (segments) per worker in an ingest: more share the load better, fewer make fewer segments."""

Part = tuple[int, Sequence[LoadableSource]]
"""A batch of sources with the position of its first source in the ingest's list."""


def jobs_of(sources: Sequence[LoadableSource], workers: int) -> list[list[Part]]:
    """``sources`` in batches (``index.workers.batches``), the batches in jobs of consecutive batches
    as even as batches allow: ``JOBS_PER_WORKER`` a worker, more when a job would hold over
    ``SEGMENT_REPORTS`` reports."""
    parts: list[Part] = []
    position = 0
    for part in batches(sources, workers):
        parts.append((position, part))
        position += len(part)
    per_worker = max(JOBS_PER_WORKER, -(-len(sources) // (SEGMENT_REPORTS * workers)))
    count = min(len(parts), workers * per_worker)
    size, larger = divmod(len(parts), count) if count else (0, 0)
    jobs, start = [], 0
    for n in range(count):  # sizes differ by one batch at most
        end = start + size + (n < larger)
        jobs.append(parts[start:end])
        start = end
    return jobs


_PR_SET_PDEATHSIG = 1
"""Linux prctl option: the signal a process gets when its parent dies."""


def die_with_parent(parent: int, poll: float = 1.0) -> None:
    """End this worker process when its parent (the ingest, pid ``parent``) ends, even by SIGKILL:
    a worker left behind would block on its pipe for ever. Linux: the kernel sends SIGKILL
    (``prctl(PR_SET_PDEATHSIG)``); elsewhere a thread looks every ``poll`` seconds."""
    libc = ctypes.util.find_library("c")
    prctl = getattr(ctypes.CDLL(libc, use_errno=True), "prctl", None) if libc else None
    if prctl is not None and prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
        if os.getppid() != parent:  # the parent died before the call
            os._exit(1)
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="jixiao-parent-watch").start()


def _serve(conn: Connection, index_folder: str | None, parent: int | None = None) -> None:
    """A worker's loop: jobs in, each batch's outcomes and then the job's segment out; the worker
    ends with ``parent`` (the ingest's pid)."""
    if parent is not None:
        die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the ingest, which stops the workers
    load_pipeline()
    while True:
        try:
            job = conn.recv()
        except EOFError:  # the ingest is gone
            return
        if job is None:
            return
        _run_job(conn, *job, Path(index_folder) if index_folder else None)


def _run_job(conn: Connection, number: int, parts: list[Part], index_folder: Path | None) -> None:
    build, problem = None, None
    try:
        build = SegmentBuild(index_folder) if index_folder else None
    except Exception as exc:
        problem = f"{type(exc).__name__}: {exc}"
    for position, sources in parts:
        outcomes = extract_batch(sources)
        if build is not None:
            try:
                for outcome in outcomes:
                    remember_words(outcome.words)
                    if outcome.doc is not None:
                        build.add(outcome.doc)
            except Exception as exc:
                build.cancel()
                build, problem = None, f"{type(exc).__name__}: {exc}"
            finally:
                forget_words()
        conn.send(("batch", position, [replace(o, words={}) for o in outcomes]))  # the words stay here
    segment, passages = None, 0
    if build is not None:
        try:
            segment, passages = build.finish(), build.passages
        except Exception as exc:
            problem = f"{type(exc).__name__}: {exc}"
    conn.send(("segment", number, segment, passages, problem))


@dataclass
class _Job:
    number: int
    parts: list[Part]
    retry: bool = False
    """Run again after its worker died: one source a part, the first unsent one to blame next time."""
    sent: set[int] = field(default_factory=set)
    doc_ids: list[str] = field(default_factory=list)


@dataclass
class _Worker:
    process: Any
    conn: Connection
    job: _Job | None = None


class SegmentWorkers:
    """Extract and index ``sources`` in ``workers`` processes; iterate for (position, outcomes) of
    each batch as it comes (not in input order). Afterwards (or after stopping early): ``segments``
    (with their passage counts) to commit in this order, ``indexed`` (ids of the documents they
    hold) and ``problems`` (why a segment was lost).

    ``index_folder`` None: extraction only, no segment is written.
    """

    def __init__(self, sources: Sequence[LoadableSource], workers: int, index_folder: Path | None) -> None:
        self.jobs = deque(_Job(n, parts) for n, parts in enumerate(jobs_of(sources, workers)))
        self.count = len(self.jobs)
        self.workers = max(1, min(workers, len(self.jobs)))
        self.index_folder = str(index_folder) if index_folder else None
        self._segments: dict[int, tuple[Any, int]] = {}
        self.indexed: set[str] = set()
        self.problems: list[str] = []

    @property
    def segments(self) -> list[tuple[Any, int]]:
        """(segment, passages) of every job that wrote one, in job order."""
        return [self._segments[n] for n in sorted(self._segments)]

    def __iter__(self) -> Generator[tuple[int, list[Extracted]], None, None]:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        if context.get_start_method() == "fork":
            load_pipeline()  # once here, shared by the forked workers
        running: dict[Connection, _Worker] = {}
        try:
            for _ in range(self.workers):
                self._start(context, running)
            while running:
                for conn in wait(list(running)):
                    yield from self._receive(running[conn], context, running)
        finally:  # also when the caller stops early: the workers are stopped, not waited for
            for worker in running.values():
                worker.process.kill()
            for worker in running.values():
                worker.process.join()
                worker.conn.close()

    def _start(self, context: Any, running: dict[Connection, _Worker]) -> None:
        if not self.jobs:
            return
        mine, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs, self.index_folder, os.getpid()), daemon=True)
        process.start()
        theirs.close()
        worker = _Worker(process, mine)
        running[mine] = worker
        self._give(worker, running)

    def _give(self, worker: _Worker, running: dict[Connection, _Worker]) -> None:
        """The next job to ``worker``, or the word to stop."""
        worker.job = self.jobs.popleft() if self.jobs else None
        if worker.job is None:
            worker.conn.send(None)
            worker.conn.close()
            worker.process.join()
            del running[worker.conn]
        else:
            worker.conn.send((worker.job.number, worker.job.parts))

    def _receive(self, worker: _Worker, context: Any,
                 running: dict[Connection, _Worker]) -> Iterator[tuple[int, list[Extracted]]]:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            yield from self._lost(worker, context, running)
            return
        job = worker.job
        if message[0] == "batch":
            _, position, outcomes = message
            job.sent.add(position)
            job.doc_ids.extend(o.doc.id for o in outcomes if o.doc is not None)
            yield position, outcomes
            return
        _, _, segment, passages, problem = message
        if segment is not None:
            self._segments[job.number] = (segment, passages)
            self.indexed.update(job.doc_ids)
        if problem:
            self.problems.append(f"a worker could not write its index segment ({problem}); "
                                 "its documents are indexed by the ingest itself")
        self._give(worker, running)

    def _lost(self, worker: _Worker, context: Any,
              running: dict[Connection, _Worker]) -> Iterator[tuple[int, list[Extracted]]]:
        """A worker died: its segment is lost, its unsent sources are a new job (one a batch); the
        source it died on in a job already run again fails."""
        worker.process.join()
        worker.conn.close()
        del running[worker.conn]
        job = worker.job
        if job is None:
            return
        unsent = [part for part in job.parts if part[0] not in job.sent]
        if job.retry and unsent:
            (position, (source, *_)), unsent = unsent[0], unsent[1:]
            cause = f"the worker process reading it died (exit code {worker.process.exitcode})"
            yield position, [Extracted(source.name, failure=(source.name, cause))]
        singles = [(position + i, [source]) for position, sources in unsent for i, source in enumerate(sources)]
        if singles:
            self.jobs.appendleft(_Job(self.count, singles, retry=True))
            self.count += 1
        self._start(context, running)
