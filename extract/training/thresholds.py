"""Per-area thresholds set by cross-validation: each area's score from which recall and precision
balance best on passages the model did not see (their department or report held out)."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

from extract.areas.classifier import AreaClassifier, indicator
from extract.areas.definitions import AREAS

CANDIDATES = np.round(np.arange(0.15, 0.651, 0.025), 3)
"""Thresholds tried for each area."""
FOLDS = 5


def out_of_fold_scores(records: list[dict], groups: list[str], always_train: list[dict],
                       params: dict[str, Any] | None = None) -> np.ndarray:
    """Scores (SPEC order) of ``records``, each from a model that saw none of its group."""
    scores = np.zeros((len(records), len(AREAS)))
    texts = np.array([r["text"] for r in records], dtype=object)
    for train_idx, test_idx in GroupKFold(n_splits=FOLDS).split(texts, groups=groups):
        train = [records[i] for i in train_idx] + always_train
        model = AreaClassifier(**(params or {}))
        model.fit([r["text"] for r in train], [r["areas"] for r in train])
        scores[test_idx] = model.predict_proba(list(texts[test_idx]))
    return scores


def best_thresholds(scores: np.ndarray, labels: list[list[str]]) -> dict[str, float]:
    """For each area, the candidate threshold with the best F1 (the lowest among equals)."""
    gold = indicator(labels)
    chosen = {}
    for j, code in enumerate(AREAS):
        f1 = [f1_score(gold[:, j], scores[:, j] >= t, zero_division=0) for t in CANDIDATES]
        chosen[code] = float(CANDIDATES[int(np.argmax(f1))])
    return chosen
