"""Training the work-area classifier from ``corpus/labels`` into ``models/``, with its model card."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from extract.areas.classifier import AreaClassifier, indicator, save_model
from extract.areas.definitions import AREAS, keyword_codes
from extract.paths import AREA_MODEL_FILENAME, models_dir
from extract.training.labels import department_groups, load_area_labels
from extract.training.scores import per_area_scores
from extract.training.splits import grouped_folds, leave_one_group_out
from extract.training.thresholds import RECALL_BETA, best_thresholds


def seed_predictions(params: dict | None = None) -> tuple[list[dict], np.ndarray]:
    """The seed passages and their areas (indicator matrix), each report predicted by a model
    trained on the other reports plus the written passages. Computed once per process and
    parameters: the area and the search evaluations both use it."""
    return _seed_predictions(json.dumps(params or {}, sort_keys=True))


@lru_cache(maxsize=4)
def _seed_predictions(params_json: str) -> tuple[list[dict], np.ndarray]:
    seeds, written = load_area_labels()
    return seeds, leave_one_group_out(seeds, [r["doc"] for r in seeds], written, json.loads(params_json))


def leave_one_report_out(params: dict | None = None) -> dict[str, Any]:
    """Each seed report predicted by a model trained on the others plus the written passages.

    Returns the pooled scores of the model and of the keyword baseline on the same passages.
    """
    seeds, predicted = seed_predictions(params)
    groups = [r["doc"] for r in seeds]
    gold = indicator([r["areas"] for r in seeds])
    baseline = indicator([keyword_codes(r["text"]) for r in seeds])
    return {"model": per_area_scores(gold, predicted), "baseline": per_area_scores(gold, baseline),
            "reports": sorted(set(groups)), "passages": len(seeds)}


def train_areas(out: Path | None = None) -> str:
    """Fit the classifier on every labelled passage, save it and its card; returns the card text."""
    seeds, written = load_area_labels()
    records = seeds + written
    grouped, groups, others = department_groups(seeds, written)
    thresholds = best_thresholds(grouped_folds(grouped, groups, others), [r["areas"] for r in grouped])
    model = AreaClassifier(thresholds=thresholds)
    model.fit([r["text"] for r in records], [r["areas"] for r in records])
    folder = Path(out) if out else models_dir()
    save_model(model, folder / AREA_MODEL_FILENAME)
    loro = leave_one_report_out(model.get_params())
    card = _model_card(model, seeds, written, loro)
    (folder / "areas.md").write_text(card, encoding="utf-8")
    (folder / "areas_metrics.json").write_text(json.dumps(loro, indent=2, ensure_ascii=False),
                                               encoding="utf-8")
    return card


def _model_card(model: AreaClassifier, seeds: list[dict], written: list[dict], loro: dict) -> str:
    counts = {code: sum(code in r["areas"] for r in seeds + written) for code in AREAS}
    varied = [r for r in written if r.get("dept_kind")]
    styled = [r for r in written if not r.get("dept_kind")]
    kinds = Counter(r["dept_kind"] for r in varied)
    shapes = Counter(r.get("shape", "paragraph") for r in varied)
    lines = [
        "# Work-area classifier (`areas.skops`)",
        "",
        f"Trained {dt.date.today().isoformat()} by `jixiao train` (deterministic: same data, same model).",
        "",
        "## Model",
        "scikit-learn pipeline: word unigrams from the shared jieba segmenter + character 1–3-grams",
        "(TF-IDF, sublinear) + per area, log(1 + occurrences of its words in the domain lexicon",
        "`extract/areas/data/lexicon.tsv`, kept in the model), one-vs-rest linear SVMs calibrated with",
        "sigmoid (3-fold), "
        f"parameters {model.get_params()}. An area is assigned from its threshold: set per area",
        "by 5-fold cross-validation grouped by report or kind of department (best F-beta, "
        f"beta {RECALL_BETA}: recall weighs more than precision).",
        "Saved with skops; `extract.areas.classifier.load_model` trusts only our own and scikit-learn types.",
        "The pipeline reads each passage's scores in the context of its report before the thresholds",
        "(`extract/areas/context.py`: shares of its department's kind, its headings, its table's title",
        "and project name, its neighbours; measured in docs/areas.md); the figures below are of",
        "passages alone.",
        "",
        "## Training data",
        f"{len(seeds)} passages of the five seed reports in `corpus/` and {len(written)} passages the team",
        f"wrote (`corpus/labels/`), labelled by hand per `corpus/labels/GUIDELINES.md`: {len(styled)} in",
        f"the seeds' style and {len(varied)} in the variety of real reports, written after reading public",
        "reports of these genres (every source checked with `heldout_overlap.py`; no sentence copied),",
        f"from {len(kinds)} kinds of department: "
        + ", ".join(f"{k} {n}" for k, n in kinds.most_common()) + ".",
        "Shapes of the varied passages: " + ", ".join(f"{k} {n}" for k, n in shapes.most_common()) + ".",
        "The dev set (`../shared/dev`) is never trained on; `jixiao eval areas --gold ../shared/dev`",
        "measures this model on it (figures in the README).",
        "",
        "| area | labelled passages |",
        "|---|---|",
        *[f"| {code} ({AREAS[code]}) | {n} |" for code, n in counts.items()],
        "",
        "## Leave-one-report-out figures",
        f"Train on four reports plus the written passages, test on the fifth; {loro['passages']} "
        "test passages pooled over the five folds, beside the keyword baseline on the same passages.",
        "",
        "| area | P | R | F1 | baseline F1 |",
        "|---|---|---|---|---|",
    ]
    for code in [*AREAS, "macro"]:
        m, b = loro["model"][code], loro["baseline"][code]
        lines.append(f"| {code} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {b['f1']:.3f} |")
    return "\n".join(lines) + "\n"
