"""Leave-one-group-out predictions of the work-area classifier: the one cross-validation of the project.

Each group (a report, a department) is predicted by a model trained on every other group plus the
passages that are always trained on (those the team wrote), so no passage is scored by a model that
saw it or its report.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.model_selection import LeaveOneGroupOut

from extract.areas.classifier import AreaClassifier
from extract.areas.definitions import AREAS


def leave_one_group_out(records: list[dict], groups: list[str], always_train: list[dict],
                        params: dict[str, Any] | None = None) -> np.ndarray:
    """Indicator matrix (SPEC order) of ``records``, each predicted without its own group."""
    texts = np.array([r["text"] for r in records], dtype=object)
    predicted = np.zeros((len(records), len(AREAS)), dtype=int)
    for train_idx, test_idx in LeaveOneGroupOut().split(texts, groups=groups):
        train = [records[i] for i in train_idx] + always_train
        model = AreaClassifier(**(params or {}))
        model.fit([r["text"] for r in train], [r["areas"] for r in train])
        predicted[test_idx] = model.predict(list(texts[test_idx]))
    return predicted
