"""Per-area thresholds set by cross-validation: each area's score from which recall and precision
balance best on passages the model did not see (their department or report held out), recall
weighing more: real reports word their work in ways no training passage did, so their scores run
lower than the held-out passages' (F2 chosen over F1 for passages alone: dev-set macro-F1 0.837
against 0.821, every area's recall up, in the README). The pipeline reads scores in the context of
their report, which adds to them, so recall weighs 1.5 times precision, not twice: higher on the
grouped folds, on the seed reports left out one at a time (alone and tagged whole) and on the dev
set (docs/areas.md)."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import fbeta_score

from extract.areas.classifier import indicator
from extract.areas.definitions import AREAS

CANDIDATES = np.round(np.arange(0.15, 0.651, 0.025), 3)
"""Thresholds tried for each area."""
RECALL_BETA = 1.5
"""The F-beta thresholds maximize: recall counts 1.5 times as much as precision."""


def best_thresholds(scores: np.ndarray, labels: list[list[str]]) -> dict[str, float]:
    """For each area, the candidate threshold with the best F-beta (the lowest among equals)."""
    gold = indicator(labels)
    chosen = {}
    for j, code in enumerate(AREAS):
        f = [fbeta_score(gold[:, j], scores[:, j] >= t, beta=RECALL_BETA, zero_division=0) for t in CANDIDATES]
        chosen[code] = float(CANDIDATES[int(np.argmax(f))])
    return chosen
