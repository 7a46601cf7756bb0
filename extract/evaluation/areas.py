"""Work-area evaluation: leave-one-report-out figures beside the keyword baseline."""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from extract.areas.classifier import AreaClassifier, indicator, load_model
from extract.areas.context import CONTEXT_WEIGHTS, ContextWeights, contextual_scores, department_kind, kind_lean
from extract.areas.definitions import AREAS, keyword_codes, with_row_rule
from extract.evaluation.gold import read_gold
from extract.paths import AREA_MODEL_FILENAME, corpus_dir
from extract.text.blocks import is_row_of_numbers, normalize_passage
from extract.text.metadata import derived_title, detect_metadata
from extract.training.labels import department_groups, load_area_labels
from extract.training.scores import per_area_scores
from extract.training.splits import grouped_folds
from extract.training.train import leave_one_report_out


def gold_passage_areas(texts: list[str], model: AreaClassifier | None = None,
                       with_scores: bool = False) -> Any:
    """The areas the pipeline gives passages (normalized as it prints them): the shipped
    classifier's (or ``model``'s), with the row rule. Shared by the area and search evaluations.
    With ``with_scores`` (shipped classifier only), (areas, their scores) of each passage."""
    scores: list[dict[str, float]] = []
    if model is None:
        from extract.nlp.pipeline import get_nlp

        nlp = get_nlp()
        labeller = nlp.get_pipe("jixiao_areas")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            scores = [dict(d.cats) for d in nlp.pipe(texts)]
        assigned = [labeller.assigned(row) for row in scores]
    else:
        assigned = model.predict_codes(texts)
    rows = [is_row_of_numbers("table_row" if "\t" in t else "paragraph", t) for t in texts]
    areas = [with_row_rule(codes, row) for codes, row in zip(assigned, rows)]
    return (areas, scores) if with_scores else areas


def gold_area_scores(folder: Path, model: AreaClassifier | None = None) -> dict[str, Any]:
    """The shipped classifier (or ``model``) and the keyword baseline on a gold folder's passages,
    each passage normalized as the pipeline prints it."""
    passages = [p for doc in read_gold(folder) for p in doc.passages]
    texts = [normalize_passage(p["text"]) for p in passages]
    predicted = gold_passage_areas(texts, model)
    gold = indicator([p["areas"] for p in passages])
    return {"model": per_area_scores(gold, indicator(predicted)),
            "baseline": per_area_scores(gold, indicator([keyword_codes(t) for t in texts])),
            "passages": len(passages)}


def add_gold_figures_to_card(models: Path, gold: Path) -> str:
    """Measure the model saved in ``models`` on a gold folder (never trained on) and add the
    figures to its card (``areas.md``); returns the section added."""
    result = gold_area_scores(gold, load_model(models / AREA_MODEL_FILENAME))
    lines = ["", f"## On the gold folder `{gold.name}` ({result['passages']} passages of real reports, "
             "never trained on)", "", "| area | P | R | F1 | baseline F1 |", "|---|---|---|---|---|"]
    for code in [*AREAS, "macro"]:
        m, b = result["model"][code], result["baseline"][code]
        lines.append(f"| {code} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {b['f1']:.3f} |")
    section = "\n".join(lines) + "\n"
    card = models / "areas.md"
    card.write_text(card.read_text(encoding="utf-8") + section, encoding="utf-8")
    return section


def leave_departments_out(weights: ContextWeights = CONTEXT_WEIGHTS) -> dict[str, Any]:
    """Five folds grouped by department: seed passages by report, varied passages by kind of
    department, so no kind of department is both trained and tested on; the seeds'-style written
    passages are always trained on. Each area is assigned from the default threshold, after the
    context ``weights`` can give: the department's kind (its ``dept_kind``, a seed report's
    department) and, within a seed report, the passages around each."""
    grouped, groups, others = department_groups(*load_area_labels())
    scores = _grouped_scores()
    if weights != ContextWeights():
        scores = _with_context(grouped, scores, weights)
    gold = indicator([r["areas"] for r in grouped])
    baseline = indicator([keyword_codes(r["text"]) for r in grouped])
    predicted = (scores >= AreaClassifier().threshold).astype(int)
    return {"model": per_area_scores(gold, predicted), "baseline": per_area_scores(gold, baseline),
            "passages": len(grouped), "groups": len(set(groups))}


@lru_cache(maxsize=1)
def _grouped_scores() -> np.ndarray:
    grouped, groups, others = department_groups(*load_area_labels())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return grouped_folds(grouped, groups, others)


def _with_context(records: list[dict], scores: np.ndarray, weights: ContextWeights) -> np.ndarray:
    """Out-of-group scores with the context a labelled passage has: the kind of its department
    (all of them), its neighbours (the seed reports' passages, which are in reading order)."""
    departments = seed_departments()
    result = scores.copy()
    by_group: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        by_group.setdefault(r.get("dept_kind") or r["doc"], []).append(i)
    for group, idx in by_group.items():
        seed = not records[idx[0]].get("dept_kind")
        kinds = department_kind(departments.get(group, "")) if seed else department_kind(group)
        own = scores[idx]
        context = weights if seed else ContextWeights(kind=weights.kind)
        result[idx] = contextual_scores(own, context, kind_lean(kinds))
    return result


@lru_cache(maxsize=1)
def seed_departments() -> dict[str, str]:
    """Each seed report (file name without .txt) and the department its metadata reads."""
    from extract.text.passages import split_passages

    found = {}
    for path in sorted(corpus_dir().glob("*.txt")):
        text, _ = split_passages(path.stem, path.read_text(encoding="utf-8"))
        meta = detect_metadata(derived_title(text), text)
        found[path.stem] = f"{meta.get('department') or ''} {meta.get('title') or ''}"
    return found


def _table(title: str, result: dict[str, Any], beside: str = "baseline") -> list[str]:
    lines = [title,
             f"  {'area':<20}{'P':>7}{'R':>7}{'F1':>7}{'support':>9}   {beside + ' P':>10}{'R':>7}{'F1':>7}"]
    for code in [*AREAS, "macro"]:
        m, b = result["model"][code], result["baseline"][code]
        lines.append(f"  {code:<20}{m['precision']:7.3f}{m['recall']:7.3f}{m['f1']:7.3f}"
                     f"{int(m['support']):9d}   {b['precision']:10.3f}{b['recall']:7.3f}{b['f1']:7.3f}")
    return lines


def area_report(gold: Path | None = None, departments: bool = False) -> str:
    """Work-area figures beside the keyword baseline, as printable text: leave-one-report-out on
    the repo's labels (and, with ``departments``, five folds grouped by department), or the
    shipped model on a gold folder."""
    if gold is not None:
        from extract.evaluation.areas_context import in_context_scores

        result = gold_area_scores(gold)
        lines = _table(f"work areas, shipped model on {gold} ({result['passages']} gold passages, each alone)",
                       result)
        whole = {**in_context_scores(gold), "baseline": result["model"]}
        lines += _table(f"work areas, whole reports tagged ({whole['matched']} of {whole['passages']} gold "
                        "passages matched to ours by text; beside: each alone)", whole, beside="alone")
        return "\n".join(lines)
    result = leave_one_report_out()
    lines = _table(f"work areas, leave-one-report-out over {len(result['reports'])} reports "
                   f"({result['passages']} test passages)", result)
    if departments:
        result = leave_departments_out()
        lines += _table(f"work areas, 5 folds grouped by department ({result['groups']} reports and kinds "
                        f"of department, {result['passages']} test passages)", result)
    return "\n".join(lines)
