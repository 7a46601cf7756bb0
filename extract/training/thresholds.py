"""Per-area thresholds set by cross-validation: each area's score from which recall and precision
balance best on passages the model did not see (their department or report held out)."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import f1_score

from extract.areas.classifier import indicator
from extract.areas.definitions import AREAS

CANDIDATES = np.round(np.arange(0.15, 0.651, 0.025), 3)
"""Thresholds tried for each area."""


def best_thresholds(scores: np.ndarray, labels: list[list[str]]) -> dict[str, float]:
    """For each area, the candidate threshold with the best F1 (the lowest among equals)."""
    gold = indicator(labels)
    chosen = {}
    for j, code in enumerate(AREAS):
        f1 = [f1_score(gold[:, j], scores[:, j] >= t, zero_division=0) for t in CANDIDATES]
        chosen[code] = float(CANDIDATES[int(np.argmax(f1))])
    return chosen
