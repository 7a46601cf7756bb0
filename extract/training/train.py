"""Training the work-area classifier from ``corpus/labels`` into ``models/``, with its model card."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np

from extract.areas.classifier import AreaClassifier, save_model
from extract.areas.definitions import AREAS, keyword_areas
from extract.errors import ModelError
from extract.evaluation.entities import labels_dir, load_jsonl
from extract.paths import models_dir

SEED_FILE = "areas_seeds.jsonl"
WRITTEN_FILE = "areas_written.jsonl"


def load_area_labels() -> tuple[list[dict], list[dict]]:
    """The labelled seed passages and the written ones."""
    try:
        return load_jsonl(labels_dir() / SEED_FILE), load_jsonl(labels_dir() / WRITTEN_FILE)
    except FileNotFoundError as exc:
        raise ModelError(f"{exc.filename}: labelled passages are missing") from exc


def _matrix(labels: list[list[str]]) -> np.ndarray:
    codes = list(AREAS)
    return np.array([[code in row for code in codes] for row in labels], dtype=bool)


def per_area_scores(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support of each area, and their macro average."""
    y, p = _matrix(gold), _matrix(predicted)
    table: dict[str, dict[str, float]] = {}
    for i, code in enumerate(AREAS):
        tp = float(np.sum(y[:, i] & p[:, i]))
        fp = float(np.sum(~y[:, i] & p[:, i]))
        fn = float(np.sum(y[:, i] & ~p[:, i]))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[code] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    table["macro"] = {k: float(np.mean([table[c][k] for c in AREAS]))
                      for k in ("precision", "recall", "f1")}
    table["macro"]["support"] = float(sum(table[c]["support"] for c in AREAS))
    return table


def leave_one_report_out(model: AreaClassifier | None = None) -> dict[str, dict]:
    """Train on four reports plus the written passages, test on the fifth, for each report.

    Returns the pooled scores of the model and of the keyword baseline on the same passages.
    """
    seeds, written = load_area_labels()
    reports = sorted({r["doc"] for r in seeds})
    gold: list[list[str]] = []
    predicted: list[list[str]] = []
    baseline: list[list[str]] = []
    for report in reports:
        train = [r for r in seeds if r["doc"] != report] + written
        test = [r for r in seeds if r["doc"] == report]
        fold = AreaClassifier(**(model.get_params() if model else {}))
        fold.fit([r["text"] for r in train], [r["areas"] for r in train])
        predicted += fold.predict([r["text"] for r in test])
        gold += [r["areas"] for r in test]
        baseline += [[c for c, s in keyword_areas(r["text"]).items() if s >= 0.5] for r in test]
    return {"model": per_area_scores(gold, predicted), "baseline": per_area_scores(gold, baseline),
            "reports": reports, "passages": len(gold)}


def train_areas(out: Path | None = None) -> str:
    """Fit the classifier on every labelled passage, save it and its card; returns the card text."""
    seeds, written = load_area_labels()
    records = seeds + written
    model = AreaClassifier().fit([r["text"] for r in records], [r["areas"] for r in records])
    folder = Path(out) if out else models_dir()
    save_model(model, folder / "areas.skops")
    loro = leave_one_report_out(model)
    card = _model_card(model, seeds, written, loro)
    (folder / "areas.md").write_text(card, encoding="utf-8")
    (folder / "areas_metrics.json").write_text(json.dumps(loro, indent=2, ensure_ascii=False),
                                               encoding="utf-8")
    return card


def _model_card(model: AreaClassifier, seeds: list[dict], written: list[dict], loro: dict) -> str:
    counts = {code: sum(code in r["areas"] for r in seeds + written) for code in AREAS}
    lines = [
        "# Work-area classifier (`areas.skops`)",
        "",
        f"Trained {dt.date.today().isoformat()} by `jixiao train` (deterministic: same data, same model).",
        "",
        "## Model",
        "scikit-learn pipeline: word unigrams from the shared jieba segmenter + character 1–3-grams",
        "(TF-IDF, sublinear), one-vs-rest linear SVMs calibrated with sigmoid (3-fold), "
        f"parameters {model.get_params()}. An area is assigned from score {model.threshold}.",
        "Saved with skops; `extract.areas.classifier.load_model` trusts only our own and scikit-learn types.",
        "",
        "## Training data",
        f"{len(seeds)} passages of the five reports in `corpus/` and {len(written)} passages written in",
        "their style (`corpus/labels/`), labelled by hand per `corpus/labels/GUIDELINES.md`.",
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
