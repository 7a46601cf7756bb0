"""The trained work-area classifier's arithmetic in numpy, so that scoring needs no scikit-learn.

Importing scikit-learn takes seconds (scipy, pandas), most of a cold ``jixiao tag``. The model is a
linear one: TF-IDF of words and of character 1–3-grams, the per-area lexicon counts, one linear SVM
per area and a sigmoid calibration of its decision. ``LinearScorer.from_classifier`` reads those
numbers from a fitted ``AreaClassifier`` once (the only place that knows scikit-learn's fitted
attributes: scikit-learn is pinned exactly for it); ``predict_proba`` repeats the arithmetic and
gives the same scores (tested against scikit-learn on every labelled passage). A scorer is saved as
a plain ``.npz`` (no pickle) in the cache folder.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from extract.areas.definitions import assigned
from extract.areas.features import simplified, words
from extract.paths import cache_dir, model_file_version, own_private_file, write_private_file

_SPACES = re.compile(r"\s\s+")
"""scikit-learn's character analyzer reads a run of whitespace as one space."""


@dataclass(frozen=True)
class LinearScorer:
    """Everything a fitted ``AreaClassifier`` computes with, as arrays."""

    classes_: tuple[str, ...]
    thresholds: np.ndarray
    word_index: dict[str, int]
    word_idf: np.ndarray
    char_index: dict[str, int]
    char_idf: np.ndarray
    lexicon: tuple[tuple[str, ...], ...]
    weights: np.ndarray
    """(areas, features): the SVMs' coefficients over words, characters and lexicon columns."""
    bias: np.ndarray
    slope: np.ndarray
    offset: np.ndarray
    constant: np.ndarray
    """An area's fixed score where every training passage had it or none had (else NaN)."""

    @classmethod
    def from_classifier(cls, model) -> LinearScorer:
        """The numbers of a fitted ``extract.areas.classifier.AreaClassifier``."""
        features = dict(model.pipeline_.named_steps["features"].transformer_list)
        width = sum(len(features[name].vocabulary_) for name in ("words", "chars")) + len(features["lexicon"].words_)
        rows, bias, slope, offset, constant = [], [], [], [], []
        for estimator in model.pipeline_.named_steps["classify"].estimators_:
            calibrated = getattr(estimator, "calibrated_classifiers_", None)
            if calibrated is None:  # sklearn.multiclass._ConstantPredictor
                rows.append(np.zeros(width))
                bias.append(0.0)
                slope.append(0.0)
                offset.append(0.0)
                constant.append(float(np.ravel(estimator.y_)[0]))
                continue
            (one,) = calibrated  # ensemble=False: one SVM fitted on all passages, one calibration
            rows.append(np.ravel(one.estimator.coef_))
            bias.append(float(np.ravel(one.estimator.intercept_)[0]))
            slope.append(float(one.calibrators[0].a_))
            offset.append(float(one.calibrators[0].b_))
            constant.append(math.nan)
        return cls(tuple(model.classes_), np.asarray(model.area_thresholds(), dtype=float),
                   dict(features["words"].vocabulary_), np.asarray(features["words"].idf_),
                   dict(features["chars"].vocabulary_), np.asarray(features["chars"].idf_),
                   tuple(tuple(w) for w in features["lexicon"].words_),
                   np.vstack(rows), np.array(bias), np.array(slope), np.array(offset), np.array(constant))

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Calibrated score of each area (columns in ``classes_`` order) for each text."""
        n_words, n_chars = len(self.word_idf), len(self.char_idf)
        plains = [simplified(str(text)) for text in texts]
        decisions = np.tile(self.bias, (len(texts), 1))
        for offset, (row, columns, values) in ((0, _tfidf(map(words, texts), self.word_index, self.word_idf,
                                                              len(texts))),
                                               (n_words, self._char_tfidf(plains))):
            for area, weights in enumerate(self.weights[:, offset + columns]):
                decisions[:, area] += np.bincount(row, weights=weights * values, minlength=len(texts))
        lexicon = np.log1p(np.array([self._lexicon_counts(plain) for plain in plains]).reshape(len(texts), -1))
        decisions += lexicon @ self.weights[:, n_words + n_chars:].T
        scores = 1 / (1 + np.exp(self.slope * decisions + self.offset))
        fixed = ~np.isnan(self.constant)
        scores[:, fixed] = self.constant[fixed]
        return scores

    def _lexicon_counts(self, plain: str) -> np.ndarray:
        """How often each lexicon group's words occur in the simplified text (``str.count`` of
        each word), counting only the words whose first character the text has."""
        counts = np.zeros(len(self.lexicon))
        by_first = self._lexicon_by_first
        for char in set(plain).intersection(by_first):
            for group, word in by_first[char]:
                counts[group] += plain.count(word)
        return counts

    def _char_tfidf(self, plains: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``_tfidf`` of the character 1–3-grams of each text (scikit-learn's ``analyzer="char"``:
        a run of whitespace read as one space), counted in numpy: each n-gram as an integer
        (``_gram_key``) looked up among the vocabulary's."""
        keys, columns = self._char_keys
        count = len(plains)
        texts = [_SPACES.sub(" ", plain) for plain in plains]
        codes = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.int64) + 1
        owner = np.repeat(np.arange(count), [len(text) for text in texts])
        two = owner[:-1] == owner[1:]
        three = owner[:-2] == owner[2:]
        grams = np.concatenate([codes, ((codes[:-1] << _CODE_BITS) | codes[1:])[two],
                                ((codes[:-2] << 2 * _CODE_BITS) | (codes[1:-1] << _CODE_BITS) | codes[2:])[three]])
        rows = np.concatenate([owner, owner[:-1][two], owner[:-2][three]])
        at = np.minimum(np.searchsorted(keys, grams), len(keys) - 1)
        known = keys[at] == grams
        width = len(self.char_idf)
        cells, counts = np.unique(rows[known] * width + columns[at[known]], return_counts=True)
        row, column = cells // width, cells % width
        values = (1 + np.log(counts.astype(float))) * self.char_idf[column]
        norms = np.sqrt(np.bincount(row, weights=values * values, minlength=count))
        return row, column, values / norms[row]

    @cached_property
    def _char_keys(self) -> tuple[np.ndarray, np.ndarray]:
        """The vocabulary's character n-grams as sorted ``_gram_key`` integers, and their columns."""
        pairs = sorted((_gram_key(gram), column) for gram, column in self.char_index.items())
        return (np.array([k for k, _ in pairs], dtype=np.int64), np.array([c for _, c in pairs], dtype=np.int64))

    @cached_property
    def _lexicon_by_first(self) -> dict[str, list[tuple[int, str]]]:
        by_first: dict[str, list[tuple[int, str]]] = {}
        for group, group_words in enumerate(self.lexicon):
            for word in group_words:
                if word:
                    by_first.setdefault(word[0], []).append((group, word))
        return by_first

    def assigned(self, scores: dict[str, float]) -> list[str]:
        """The areas a row of scores (area → score) assigns (``definitions.assigned``)."""
        return assigned(scores, dict(zip(self.classes_, self.thresholds.tolist())))

    def area_thresholds(self) -> np.ndarray:
        """The score from which each area (``classes_`` order) is assigned."""
        return self.thresholds

    def save(self, path: Path) -> None:
        """Write the scorer as a plain ``.npz`` (strings as arrays; nothing pickled)."""
        np.savez(path, classes=np.array(self.classes_), thresholds=self.thresholds,
                 words=np.array(_in_order(self.word_index)), word_idf=self.word_idf,
                 chars=np.array(_in_order(self.char_index)), char_idf=self.char_idf,
                 lexicon=np.array(["\t".join(g) for g in self.lexicon]), weights=self.weights,
                 bias=self.bias, slope=self.slope, offset=self.offset, constant=self.constant)

    @classmethod
    def load(cls, path: Path) -> LinearScorer:
        """Read a scorer written by ``save``."""
        with np.load(path, allow_pickle=False) as data:
            return cls(tuple(str(c) for c in data["classes"]), data["thresholds"],
                       {str(t): i for i, t in enumerate(data["words"])}, data["word_idf"],
                       {str(t): i for i, t in enumerate(data["chars"])}, data["char_idf"],
                       tuple(tuple(str(g).split("\t")) if str(g) else () for g in data["lexicon"]),
                       data["weights"], data["bias"], data["slope"], data["offset"], data["constant"])


def _in_order(index: dict[str, int]) -> list[str]:
    terms = [""] * len(index)
    for term, i in index.items():
        terms[i] = term
    return terms


def _tfidf(rows: Iterable[list[str]], index: dict[str, int], idf: np.ndarray,
           count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The L2-normalized TF-IDF (sublinear tf) of ``count`` rows of terms as (row, column, value)
    of each nonzero, the way scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` computes them."""
    columns: list[int] = []
    counts: list[int] = []
    lengths = np.zeros(count, dtype=np.int64)
    get = index.get
    for number, terms in enumerate(rows):
        known = Counter([i for i in map(get, terms) if i is not None])  # in order of first use
        columns.extend(known.keys())
        counts.extend(known.values())
        lengths[number] = len(known)
    column = np.array(columns, dtype=np.int64)
    values = (1 + np.log(np.array(counts, dtype=float))) * idf[column]
    row = np.repeat(np.arange(count), lengths)
    norms = np.sqrt(np.bincount(row, weights=values * values, minlength=count))
    values /= norms[row]
    return row, column, values


_CODE_BITS = 21
"""Bits of a Unicode code point: an n-gram of up to three characters is one 63-bit integer."""


def _gram_key(gram: str) -> int:
    """An n-gram of one to three characters as an integer, its code points plus one side by side
    (so a one-, two- and three-character gram never share one)."""
    key = 0
    for char in gram:
        key = (key << _CODE_BITS) | (ord(char) + 1)
    return key


def load_scorer(path: Path) -> LinearScorer:
    """The scorer of the model file ``path`` (a ``.skops`` written by ``classifier.save_model``).

    The first process to read a version of the file loads it with skops (exact trusted types) and
    keeps its numbers in the cache folder (``cache_dir``) under the hash of the file's bytes; later
    processes read those in milliseconds, without importing scikit-learn."""
    return _load_scorer(*model_file_version(path))


@lru_cache(maxsize=4)
def _load_scorer(path: Path, mtime_ns: int, size: int) -> LinearScorer:
    quick = cache_dir() / f"areas-{hashlib.sha256(path.read_bytes()).hexdigest()[:32]}.npz"
    if own_private_file(quick):  # written below by this code from the checked skops file of these bytes
        try:
            return LinearScorer.load(quick)
        except (OSError, ValueError, KeyError):
            quick.unlink(missing_ok=True)
    from extract.areas.classifier import load_model

    scorer = LinearScorer.from_classifier(load_model(path))
    write_private_file(quick, scorer.save)  # without it: slower starts, same scores
    return scorer
