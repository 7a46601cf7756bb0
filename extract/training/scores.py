"""Work-area scores: precision, recall and F1 per area and their macro average (scikit-learn)."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import precision_recall_fscore_support

from extract.areas.definitions import AREAS


def per_area_scores(gold: np.ndarray, predicted: np.ndarray) -> dict[str, dict[str, float]]:
    """Scores of each area and their macro average, from two indicator matrices in SPEC order."""
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, average=None, labels=range(len(AREAS)), zero_division=0)
    table = {code: {"precision": float(precision[i]), "recall": float(recall[i]),
                    "f1": float(f1[i]), "support": float(support[i])}
             for i, code in enumerate(AREAS)}
    table["macro"] = {"precision": float(np.mean(precision)), "recall": float(np.mean(recall)),
                      "f1": float(np.mean(f1)), "support": float(np.sum(support))}
    return table
