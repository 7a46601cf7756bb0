"""The spaCy pipeline and the one function that turns a report into a tagged Document."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import extract.nlp.areas_component  # noqa: F401  (registers jixiao_areas)
import extract.nlp.figures_component  # noqa: F401  (registers jixiao_figures)
import extract.nlp.tokenizer  # noqa: F401  (registers jixiao.JiebaTokenizer.v1)
from extract.areas.context import (
    CONTEXT_WEIGHTS,
    ContextWeights,
    contextual_scores,
    department_kind,
    kind_lean,
    section_scores,
    table_context,
    table_scores,
)
from extract.areas.definitions import AREAS, with_row_rule
from extract.figures.budget import budget_summary
from extract.figures.dates import signing_date
from extract.figures.entities import find_entities
from extract.figures.table_roles import is_total_row, label_columns, passage_metrics
from extract.nlp.figures_component import entities_of
from extract.nlp.tokenizer import doc_text, token_strings
from extract.records import Document, Entity
from extract.text.blocks import Block, split_blocks
from extract.text.characters import to_simplified
from extract.text.limits import MAX_TAG_SECONDS, Deadline
from extract.text.lines import is_row_of_numbers
from extract.text.metadata import derived_title, detect_metadata
from extract.text.passages import block_starts, passages_from_blocks

_lock = threading.Lock()
PASSAGE_BATCH = 1000
"""Passages the pipeline handles together (one classifier call each) when many reports are tagged."""
_nlp: Language | None = None


def build_nlp(model_path: str | None = None) -> Language:
    """A blank Chinese pipeline on the shared jieba segmenter with the figures and areas components."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "jixiao.JiebaTokenizer.v1"}}})
    nlp.add_pipe("jixiao_figures")
    nlp.add_pipe("jixiao_areas", config={"model_path": model_path})
    return nlp


def get_nlp() -> Language:
    """The process-wide pipeline, built on first use."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = build_nlp()
    return _nlp


def _title_and_heading_figures(blocks: list[Block]) -> list[Entity]:
    """Figures of the title and the headings (2022年度 above all), which are no passage's."""
    found: list[Entity] = []
    for block, start in zip(blocks, block_starts(blocks)):
        if block.kind in ("title", "heading"):
            found.extend(e.shifted(start) for e in find_entities(block.text))
    return found


def _prepared(doc_id: str, raw: str, meta: dict[str, Any] | None) -> tuple[Document, list[Block]]:
    """The document before tagging: normalized text, passages and merged metadata."""
    blocks = split_blocks(raw)
    text, passages = passages_from_blocks(doc_id, blocks)
    title = blocks[0].text if blocks and blocks[0].kind == "title" else derived_title(text)
    meta = meta or {}
    furniture = [p.start for p in passages if p.kind == "furniture"]
    detected = detect_metadata(title, text, user=meta, page=meta.get("page") or {},
                               body=text[:min(furniture)] if furniture else text)
    given = {k: v for k, v in meta.items() if v not in (None, "") and k not in detected}
    return Document(id=doc_id, text=text, meta={**detected, **given}, passages=passages), blocks


def _in_context(document: Document, own: np.ndarray, labeller: Any, weights: ContextWeights) -> np.ndarray:
    """The passages' area scores (rows in reading order) with their report's context added."""
    if not document.passages or weights == ContextWeights():
        return own
    meta = document.meta
    lean = kind_lean(department_kind(str(meta.get("department") or ""), str(meta.get("title") or "")))
    headings = sorted({h for p in document.passages for h in p.section})
    heading_rows = labeller.score_texts(headings) if weights.section else []
    by_heading = {h: np.array([row[c] for c in AREAS]) for h, row in zip(headings, heading_rows)}
    section = section_scores([p.section for p in document.passages], by_heading, len(AREAS)) \
        if weights.section else None
    tables = table_context([p.kind for p in document.passages], [p.text for p in document.passages])
    rows = [i for i, p in enumerate(document.passages) if is_row_of_numbers(p.kind, p.text)]
    return contextual_scores(own, weights, lean, section, table_scores(own, tables), rows)


def _annotated(document: Document, blocks: list[Block], sdocs: Iterable[Doc], nlp: Language,
               weights: ContextWeights = CONTEXT_WEIGHTS, seconds: float = MAX_TAG_SECONDS) -> Document:
    """The document with each passage's figures, areas and metrics read from its spaCy doc, its
    areas read in the context of its report (``weights``); InputError when that takes over
    ``seconds`` (checked passage by passage: each step is linear in the passage's length)."""
    deadline = Deadline(str(document.meta.get("source") or document.id), seconds, "tagging")
    labeller = nlp.get_pipe("jixiao_areas")
    own = []
    for passage, sdoc in zip(document.passages, sdocs):
        deadline.check()
        passage.entities = entities_of(sdoc)
        row = passage.kind == "table_row"
        columns = label_columns(passage.header.split("\t"), passage.text, passage.entities) \
            if row and passage.header else None
        own.append([sdoc.cats.get(code, 0.0) for code in AREAS])
        passage.metrics = passage_metrics(passage.id, passage.entities, row, columns,
                                          total=row and is_total_row(passage.text))
        document.entities.extend(e.shifted(passage.start) for e in passage.entities)
    scores = _in_context(document, np.array(own, dtype=float).reshape(len(own), len(AREAS)), labeller, weights)
    for passage, row_scores in zip(document.passages, scores.tolist()):
        passage.area_scores = {code: round(s, 4) for code, s in zip(AREAS, row_scores)}
        passage.areas = with_row_rule(labeller.assigned(passage.area_scores),
                                      is_row_of_numbers(passage.kind, passage.text))
    document.entities.extend(_title_and_heading_figures(blocks))
    document.entities.sort(key=lambda e: (e.start, e.end))
    deadline.check()
    signed = signing_date(document.text, document.entities)
    if signed and not document.meta.get("date"):
        document.meta["date"] = signed  # the 落款: the day the report was signed
    document.date = str(document.meta.get("date") or "")
    document.budget = budget_summary(document.text, document.passages)
    return document


def tag_report(doc_id: str, raw: str, meta: dict[str, Any] | None = None,
               nlp: Language | None = None, weights: ContextWeights = CONTEXT_WEIGHTS,
               seconds: float = MAX_TAG_SECONDS) -> Document:
    """Normalize, split, tag and label a report; ``meta`` given by the caller wins over detection;
    ``weights``: how much of its context each passage's areas read (the evaluation varies them);
    InputError when tagging takes over ``seconds`` (``extract.text.limits.MAX_TAG_SECONDS``)."""
    nlp = nlp or get_nlp()
    document, blocks = _prepared(doc_id, raw, meta)
    return _annotated(document, blocks, nlp.pipe(p.text for p in document.passages), nlp, weights, seconds)


def cut_words(sdoc: Doc, text: str | None = None) -> tuple[tuple[str, int, int], ...]:
    """The words of a passage's spaCy doc as ``extract.words.segmenter.Segmenter.tokenize`` gives
    them for its text (the same cut of the simplified text, whitespace left out), read off the tokens instead of
    cutting the text again. ``text``: the doc's text, when the caller has it."""
    text = doc_text(sdoc) if text is None else text
    simplified = to_simplified(text)
    if simplified is text:  # no traditional character: the words are the tokens
        strings = token_strings(sdoc)
        starts = sdoc.to_array("IDX").tolist()
        return tuple((w, s, s + len(w)) for w, s in zip(strings, starts) if not w.isspace())
    starts = sdoc.to_array("IDX").tolist()
    ends = starts[1:] + [len(text)]
    return tuple((simplified[s:e], s, e) for s, e in zip(starts, ends) if not simplified[s:e].isspace())


def _noting_words(texts: list[str], sdocs: Iterable[Doc],
                  words: dict[str, tuple[tuple[str, int, int], ...]]) -> Iterable[Doc]:
    for text, sdoc in zip(texts, sdocs):
        words[text] = cut_words(sdoc, text)
        yield sdoc


def tag_reports(reports: Sequence[tuple[str, str, dict[str, Any] | None]], nlp: Language | None = None,
                words: dict[str, tuple[tuple[str, int, int], ...]] | None = None,
                weights: ContextWeights = CONTEXT_WEIGHTS) -> list[Document]:
    """``tag_report`` of each (id, raw text, meta), with the passages of all of them sent through the
    pipeline together: the classifier scores them in a few large batches instead of one small
    batch per report (its cost is mostly per call). The documents equal ``tag_report``'s.

    ``words``, when given, receives each passage text's words (``cut_words``), so the search index
    need not cut them again."""
    nlp = nlp or get_nlp()
    prepared = [_prepared(doc_id, raw, meta) for doc_id, raw, meta in reports]
    texts = [p.text for document, _ in prepared for p in document.passages]
    sdocs = iter(nlp.pipe(texts, batch_size=PASSAGE_BATCH))
    if words is not None:
        sdocs = iter(_noting_words(texts, sdocs, words))
    return [_annotated(document, blocks, itertools.islice(sdocs, len(document.passages)), nlp, weights)
            for document, blocks in prepared]
