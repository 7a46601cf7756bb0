"""Extraction of ingest sources into tagged documents, batch by batch, in input order, and what
the ways of running it in other processes share (``index.segment_workers``, ``index.cluster``).

A batch's reports go through the pipeline together (``tag_reports``: one classifier call for many
passages); a report that fails is isolated and reported, never the batch. Only picklable sources
(whose ``load`` is a module-level function or a ``functools.partial`` of one) can go to workers.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from extract.errors import InputError, InputWarning, JixiaoError
from extract.records import Document
from index.departments import canonical_meta

BATCH_REPORTS = 32
"""Reports a batch holds at most: enough passages for an efficient classifier call, few enough that
progress moves and the workers share the load."""
class LoadableSource(Protocol):
    """What extraction needs of a source (``index.ingest.Source``)."""

    doc_id: str
    name: str

    def load(self) -> tuple[str, dict[str, Any]]: ...


@dataclass
class Extracted:
    """One source's outcome: its tagged document, or the failure (input, cause); its warnings."""

    name: str
    doc: Document | None = None
    failure: tuple[str, str] | None = None
    warnings: list[str] = field(default_factory=list)
    words: dict[str, tuple[tuple[str, int, int], ...]] = field(default_factory=dict)
    """The words of each passage text as the index analyzer cuts them (``extract.nlp.pipeline.cut_words``)."""


def failure_of(name: str, exc: Exception) -> tuple[str, str]:
    """(input, cause) of an exception raised while reading or tagging ``name``."""
    if isinstance(exc, InputError):
        return exc.source, exc.cause
    if isinstance(exc, JixiaoError):
        return name, str(exc)
    return name, f"unexpected error ({type(exc).__name__}: {exc})"  # a bug must not lose the others


def extract_batch(sources: Sequence[LoadableSource]) -> list[Extracted]:
    """Read and tag ``sources``; one outcome per source, in order, with the words the pipeline cut
    of each passage (``Extracted.words``), so the index writer does not cut them again."""
    from extract.nlp.pipeline import tag_report, tag_reports

    outcomes = [Extracted(source.name) for source in sources]
    loaded: list[tuple[Extracted, str, str, dict[str, Any]]] = []
    for source, outcome in zip(sources, outcomes):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", InputWarning)
            try:
                raw, meta = source.load()
            except Exception as exc:
                outcome.failure = failure_of(source.name, exc)
            else:
                loaded.append((outcome, source.doc_id, raw, meta))
        outcome.warnings = [str(w.message) for w in caught if issubclass(w.category, InputWarning)]
    try:
        words: dict[str, tuple[tuple[str, int, int], ...]] = {}
        docs = tag_reports([(doc_id, raw, meta) for _, doc_id, raw, meta in loaded], words=words)
    except Exception:  # some report breaks the batch: tag each alone to find it (the index cuts its words)
        docs, words = [], {}
        for outcome, doc_id, raw, meta in loaded:
            try:
                docs.append(tag_report(doc_id, raw, meta))
            except Exception as exc:
                outcome.failure = failure_of(outcome.name, exc)
                docs.append(None)
    for (outcome, *_), doc in zip(loaded, docs):
        outcome.doc = doc
        if doc is not None:
            doc.meta = canonical_meta(doc.meta)  # one department under its aliased names
            outcome.words = {p.text: words[p.text] for p in doc.passages if p.text in words}
    return outcomes


def batches(sources: Sequence[LoadableSource], workers: int) -> list[Sequence[LoadableSource]]:
    """``sources`` cut into batches of ``BATCH_REPORTS``, smaller when that gives each of several
    workers fewer than four."""
    size = BATCH_REPORTS if workers <= 1 else max(1, min(BATCH_REPORTS, -(-len(sources) // (4 * workers))))
    return [sources[i:i + size] for i in range(0, len(sources), size)]


def load_pipeline() -> None:
    """Build the spaCy pipeline and read the work-area model: a worker's initializer, so each
    worker does it once, before its first batch (nothing left to do in a worker forked from a
    process that did it)."""
    from extract.nlp.pipeline import get_nlp

    get_nlp().get_pipe("jixiao_areas").classifier  # noqa: B018  (reads the model now)


def extracted_batches(sources: Sequence[LoadableSource]) -> Iterator[list[Extracted]]:
    """Outcomes of ``sources``, batch by batch, in input order, extracted in this process
    (``index.segment_workers`` extracts in worker processes)."""
    for part in batches(sources, 1):
        yield extract_batch(part)
