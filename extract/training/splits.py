"""Out-of-group predictions of the work-area classifier: the one cross-validation loop of the project.

Each group (a report, a kind of department) is predicted by a model trained on the other groups
plus the passages that are always trained on (the seeds'-style written ones), so no passage is
scored by a model that saw it or its group.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.model_selection import GroupKFold, LeaveOneGroupOut

from extract.areas.classifier import AreaClassifier
from extract.areas.definitions import AREAS

FOLDS = 5
"""Folds of ``grouped_folds``: each holds out about a fifth of the groups."""


def out_of_group_scores(records: list[dict], groups: list[str], always_train: list[dict],
                        splitter: Any, params: dict[str, Any] | None = None) -> np.ndarray:
    """Scores (SPEC order) of ``records``, each from a model that saw none of its group;
    ``splitter`` is a scikit-learn group splitter."""
    texts = np.array([r["text"] for r in records], dtype=object)
    scores = np.zeros((len(records), len(AREAS)))
    for train_idx, test_idx in splitter.split(texts, groups=groups):
        train = [records[i] for i in train_idx] + always_train
        model = AreaClassifier(**(params or {}))
        model.fit([r["text"] for r in train], [r["areas"] for r in train])
        scores[test_idx] = model.predict_proba(list(texts[test_idx]))
    return scores


def leave_one_group_out(records: list[dict], groups: list[str], always_train: list[dict],
                        params: dict[str, Any] | None = None) -> np.ndarray:
    """Indicator matrix (SPEC order) of ``records``, each predicted without its own group."""
    scores = out_of_group_scores(records, groups, always_train, LeaveOneGroupOut(), params)
    return (scores >= AreaClassifier(**(params or {})).area_thresholds()).astype(int)


def grouped_folds(records: list[dict], groups: list[str], always_train: list[dict],
                  params: dict[str, Any] | None = None) -> np.ndarray:
    """Scores of ``records`` in FOLDS folds grouped by ``groups``."""
    return out_of_group_scores(records, groups, always_train, GroupKFold(n_splits=FOLDS), params)
