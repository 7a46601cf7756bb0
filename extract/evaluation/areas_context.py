"""Work areas of whole reports tagged as a user's are: each gold report's text tagged by the
pipeline, and each gold passage matched to our passage by its text, so a passage's areas are read
in the context of its report (``extract.areas.context``)."""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

from extract.areas.classifier import indicator
from extract.areas.context import CONTEXT_WEIGHTS, ContextWeights
from extract.evaluation.gold import GoldDocument, read_gold
from extract.records import Document, Passage
from extract.text.blocks import normalize_passage
from extract.training.scores import per_area_scores

_SPACE = re.compile(r"\s+")


def _bare(text: str) -> str:
    return _SPACE.sub("", text)


def matching_passages(passages: list[Passage], gold_text: str) -> list[Passage]:
    """Our passages that hold a gold passage's text (spaces aside): the one equal to it, else the
    shortest that contains it, else those it contains (a gold passage we split); empty when none."""
    wanted = _bare(normalize_passage(gold_text))
    if not wanted:
        return []
    bare = [(_bare(p.text), p) for p in passages]
    equal = [p for text, p in bare if text == wanted]
    if equal:
        return equal[:1]
    holding = sorted((p for text, p in bare if wanted in text), key=lambda p: len(p.text))
    if holding:
        return holding[:1]
    return [p for text, p in bare if len(text) >= 4 and text in wanted]


def report_areas(document: Document, gold: GoldDocument, with_scores: bool = False) -> tuple:
    """The areas of each gold passage as our tagging of its whole report gives them (the union
    over the passages that hold it), and how many gold passages found one of ours; with
    ``with_scores``, also each gold passage's area scores (the highest of those passages') last."""
    found, scores, matched = [], [], 0
    for passage in gold.passages:
        ours = matching_passages(document.passages, passage["text"])
        matched += bool(ours)
        found.append(sorted({code for p in ours for code in p.areas}))
        scores.append({code: max(p.area_scores.get(code, 0.0) for p in ours) for code in found[-1]})
    return (found, matched, scores) if with_scores else (found, matched)


def tagged_reports(golds: list[GoldDocument], weights: ContextWeights = CONTEXT_WEIGHTS) -> list[Document]:
    """Each gold report's text tagged by the pipeline as a user's file is (no metadata given)."""
    from extract.nlp.pipeline import tag_report

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [tag_report(g.id, g.text, None, weights=weights) for g in golds]


def in_context_scores(folder: Path, weights: ContextWeights = CONTEXT_WEIGHTS,
                      golds: list[GoldDocument] | None = None) -> dict[str, Any]:
    """Per-area scores of the gold passages with their whole reports tagged, and the share of gold
    passages matched to one of ours."""
    golds = golds if golds is not None else read_gold(folder)
    predicted, gold, matched = [], [], 0
    for document, g in zip(tagged_reports(golds, weights), golds):
        areas, hits = report_areas(document, g)
        predicted += areas
        gold += [p["areas"] for p in g.passages]
        matched += hits
    return {"model": per_area_scores(indicator(gold), indicator(predicted)),
            "passages": len(gold), "matched": matched}
