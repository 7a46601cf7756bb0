"""The work-area classifier: word and character n-grams on the shared segmenter, one-vs-rest,
calibrated scores. It keeps scikit-learn's estimator contract and is saved with skops.
"""

from __future__ import annotations

import warnings
import zipfile
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.svm import LinearSVC

from extract.areas.definitions import AREAS
from extract.areas.features import SegmentedText, simplified, words  # noqa: F401 (SegmentedText: callers)
from extract.areas.lexicon import LexiconCounts
from extract.errors import ModelError
from extract.paths import model_file_version


class AreaClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label work-area classifier.

    C: regularization of the linear SVMs; threshold: score from which an area is assigned;
    thresholds: per-area scores that replace ``threshold`` (set by cross-validation in training);
    min_df: minimum document frequency of an n-gram; max_features: vocabulary size per block.
    """

    def __init__(self, C: float = 1.0, threshold: float = 0.4, min_df: int = 2,
                 max_features: int = 20000, thresholds: dict[str, float] | None = None) -> None:
        self.C = C
        self.threshold = threshold
        self.thresholds = thresholds
        self.min_df = min_df
        self.max_features = max_features

    def _pipeline(self) -> Pipeline:
        features = FeatureUnion([
            ("words", TfidfVectorizer(analyzer=words, ngram_range=(1, 1), min_df=self.min_df,
                                      max_features=self.max_features, sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char", preprocessor=simplified,
                                      ngram_range=(1, 3), min_df=self.min_df,
                                      max_features=self.max_features, sublinear_tf=True)),
            ("lexicon", LexiconCounts()),
        ])
        svm = CalibratedClassifierCV(LinearSVC(C=self.C, class_weight="balanced", random_state=0),
                                     method="sigmoid", cv=3, ensemble=False)
        return Pipeline([("features", features), ("classify", OneVsRestClassifier(svm))])

    def fit(self, texts: list[str], labels: list[list[str]]) -> AreaClassifier:
        """Fit on passage texts and their lists of area codes; returns self."""
        self.binarizer_ = MultiLabelBinarizer(classes=list(AREAS))
        y = self.binarizer_.fit_transform(labels)
        self.classes_ = self.binarizer_.classes_
        with warnings.catch_warnings():  # an area without examples is simply never predicted
            warnings.filterwarnings("ignore", message="Label not .* is present in all training")
            self.pipeline_ = self._pipeline().fit(list(texts), y)
        for _, vectorizer in self.pipeline_.named_steps["features"].transformer_list:
            if hasattr(vectorizer, "stop_words_"):
                del vectorizer.stop_words_  # only kept for introspection; it bloats the saved model
        return self

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Calibrated score of each area (columns in ``classes_`` order) for each text."""
        return self.pipeline_.predict_proba(list(texts))

    def area_thresholds(self) -> np.ndarray:
        """The score from which each area (SPEC order, that of ``classes_``) is assigned."""
        given = self.thresholds or {}
        return np.array([given.get(code, self.threshold) for code in AREAS])

    def assigned(self, scores: dict[str, float]) -> list[str]:
        """The areas a row of scores (area → score) assigns."""
        given = self.thresholds or {}
        return [code for code, score in scores.items() if score >= given.get(code, self.threshold)]

    def predict(self, texts: list[str]) -> np.ndarray:
        """Indicator matrix: one row per text, one column per area (``classes_``, SPEC order)."""
        return (self.predict_proba(texts) >= self.area_thresholds()).astype(int)

    def predict_codes(self, texts: list[str]) -> list[list[str]]:
        """The area codes of each text."""
        return codes_of(self.predict(texts))


def codes_of(matrix: np.ndarray) -> list[list[str]]:
    """The area codes of each row of an indicator matrix in SPEC order."""
    codes = list(AREAS)
    return [[codes[j] for j in np.flatnonzero(row)] for row in matrix]


def indicator(labels: list[list[str]]) -> np.ndarray:
    """Lists of area codes as an indicator matrix in SPEC order (the inverse of ``codes_of``)."""
    codes = list(AREAS)
    return np.array([[code in row for code in codes] for row in labels], dtype=int).reshape(-1, len(codes))


TRUSTED_TYPES = [
    "extract.areas.classifier.AreaClassifier",
    "extract.areas.classifier.words",  # where the feature functions were before features.py
    "extract.areas.classifier.simplified",
    "extract.areas.features.words",
    "extract.areas.features.simplified",
    "extract.areas.lexicon.LexiconCounts",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.multiclass._ConstantPredictor",  # an area every training passage has, or none has
]
"""Every type a saved model may hold beyond those skops trusts by itself: exactly these, no prefix
(a crafted file naming ``numpy.save`` or any other callable is refused before it is loaded)."""


def save_model(model: AreaClassifier, path: Path) -> None:
    """Write ``model`` with skops (never pickle)."""
    import skops.io as sio

    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(model, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)


def load_model(path: Path) -> AreaClassifier:
    """Read a model written by ``save_model``; only the types in TRUSTED_TYPES are trusted.

    Loading takes seconds (skops rebuilds every vocabulary entry), so a model is read once per
    process and file version. The pipeline scores with ``extract.areas.scoring.load_scorer``,
    which reads the model's numbers without scikit-learn."""
    return _load_model(*model_file_version(path))


@lru_cache(maxsize=4)
def _load_model(path: Path, mtime_ns: int, size: int) -> AreaClassifier:
    import skops.io as sio

    data = path.read_bytes()
    try:  # a file that is no skops zip (damaged, replaced) is a model error, not every report's
        untrusted = sio.get_untrusted_types(data=data)
    except Exception as exc:
        raise ModelError(f"{path}: not a work-area model file ({type(exc).__name__}: {exc})") from exc
    unexpected = [t for t in untrusted if t not in TRUSTED_TYPES]
    if unexpected:
        raise ModelError(f"{path}: refusing to load unexpected types {unexpected}")
    try:
        return sio.loads(data, trusted=untrusted)
    except Exception as exc:
        raise ModelError(f"{path}: cannot load the work-area model ({exc})") from exc
