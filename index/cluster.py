"""Extraction on a Dask distributed cluster (``pip install 'jixiao[cluster]'``).

Batches of sources fan out to the cluster's workers as tasks of ``index.workers.extract_batch``;
tagged documents come back and the caller stores and indexes them in input order. Every worker
builds the pipeline once (on its first batch) and keeps it. A worker that dies has its batches
run again elsewhere (the scheduler's ``allowed-failures``); a batch whose task raises is retried
``TASK_RETRIES`` times. Workers read the input files by path: the files must be where the workers
can read them (a shared folder), and each worker needs jixiao installed.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import ExitStack

from extract.errors import JixiaoError
from index.workers import Extracted, LoadableSource, batches, extract_batch

TASK_RETRIES = 2
CONNECT_TIMEOUT = "30s"
BATCHES_IN_FLIGHT = 2
"""Batches queued per worker beyond the one it works on: keeps workers busy, bounds memory."""
LOCAL_PREFIX = "local"
"""``--cluster local:N`` starts a LocalCluster of N one-thread worker processes on this machine."""


def _client(address: str, stack: ExitStack):
    """A client of the scheduler at ``address`` (or of a new LocalCluster for ``local:N``)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise JixiaoError("--cluster needs Dask: pip install 'jixiao[cluster]'") from exc
    if address == LOCAL_PREFIX or address.startswith(LOCAL_PREFIX + ":"):
        count = address.partition(":")[2]
        if count and not count.isdigit():
            raise JixiaoError(f"--cluster {address}: give local:N with N a number of workers")
        cluster = stack.enter_context(LocalCluster(n_workers=int(count or 2), threads_per_worker=1,
                                                   processes=True, dashboard_address=None,
                                                   silence_logs=logging.ERROR))
        address = cluster.scheduler_address
    try:
        return stack.enter_context(Client(address, timeout=CONNECT_TIMEOUT))
    except OSError as exc:
        raise JixiaoError(f"--cluster {address}: cannot reach the scheduler ({exc})") from exc


def cluster_batches(sources: Sequence[LoadableSource], address: str) -> Iterator[list[Extracted]]:
    """Outcomes of ``sources``, batch by batch, in input order, extracted on the cluster at ``address``."""
    if not sources:
        return
    with ExitStack() as stack:
        client = _client(address, stack)
        workers = max(1, sum(client.nthreads().values()))
        parts = batches(sources, workers)
        yield from in_order(lambda part: client.submit(extract_batch, part, pure=False, retries=TASK_RETRIES),
                            parts, workers * (1 + BATCHES_IN_FLIGHT))


def in_order(submit: Callable[[Sequence[LoadableSource]], Future], parts: list[Sequence[LoadableSource]],
             window: int) -> Iterator[list[Extracted]]:
    """The results of ``submit`` on each part, in order, with at most ``window`` parts in flight."""
    pending: deque[Future] = deque()
    queued = iter(parts)
    for part in queued:
        pending.append(submit(part))
        if len(pending) >= window:
            break
    while pending:
        result = pending.popleft().result()
        for part in queued:
            pending.append(submit(part))
            break
        yield result
