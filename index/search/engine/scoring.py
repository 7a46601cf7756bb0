"""Whoosh queries matched and scored with numpy over ``index.search.engine.postings``, as Whoosh would score them.

A query becomes a mask of matching documents and a score per document, computed a whole
posting list at a time: BM25F for the text fields (Whoosh's formula, idf and average lengths),
the term weight for keyword fields, sums for And/Or, ``a + b`` where both match for AndMaybe,
and each query's boost as a factor. A phrase is checked on the positions kept in the arrays,
only in the documents that hold all its words and that the enclosing query still needs.
``tests/test_scoring.py`` checks the scores against Whoosh's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh import query as wq
from whoosh.fields import NUMERIC

from index.search.engine.postings import SCORED_FIELDS, PostingArrays
from index.search.engine.whoosh_internals import field_b

_POSITION_RANGE = 1 << 32
"""Larger than any position: (document, position) pairs are kept as document × this + position."""


@dataclass
class Matches:
    """Which documents match (a boolean mask) and their scores (0 where they do not match);
    for a term, also its matching docnums and their scores (``sparse``), cheaper to add up."""

    mask: np.ndarray
    scores: np.ndarray
    sparse: tuple[np.ndarray, np.ndarray] | None = None


@dataclass
class _Pass:
    """How one evaluation treats phrases that only add score: ``none`` found nowhere, ``all``
    found wherever their words are (an upper bound), ``check`` checked within ``scope``."""

    phrases: str
    scope: np.ndarray | None = None
    seen: bool = False


class Scorer:
    """Evaluates queries against one open searcher and its arrays."""

    def __init__(self, searcher, arrays: PostingArrays) -> None:
        self.searcher = searcher
        self.arrays = arrays
        weighting = searcher.weighting
        self.b = getattr(weighting, "B", 0.75)
        self.k1 = getattr(weighting, "K1", 1.2)
        self._field_b = field_b(weighting)
        self._pass = _Pass("check")
        self._terms: dict[tuple[str, object, float], Matches] = {}
        self._phrases: dict[tuple[str, tuple], tuple[np.ndarray, np.ndarray]] = {}
        self._fixed: dict[int, tuple[wq.Query, Matches]] = {}  # by id; the query kept alive
        self._phrased: dict[int, tuple[wq.Query, bool]] = {}  # by id; the query kept alive

    def _empty(self) -> Matches:
        return Matches(np.zeros(self.arrays.size, dtype=bool), np.zeros(self.arrays.size))

    def _from_docs(self, docs: np.ndarray, scores: np.ndarray | float) -> Matches:
        live = self.arrays.live[docs]
        docs = docs[live]
        values = scores[live] if isinstance(scores, np.ndarray) else np.full(len(docs), float(scores))
        out = self._empty()
        out.mask[docs] = True
        out.scores[docs] = values
        out.sparse = (docs, values)
        return out

    def term(self, q: wq.Term) -> Matches:
        """BM25F on scored fields, the posting weight elsewhere; times the boost. Kept for the
        scorer's life: callers never change the arrays of a result."""
        key = (q.fieldname, q.text, q.boost)
        if key not in self._terms:
            self._terms[key] = self._term(q)
        return self._terms[key]

    def _term(self, q: wq.Term) -> Matches:
        spec = self.searcher.schema[q.fieldname] if q.fieldname in self.searcher.schema else None
        if spec is None:
            return self._empty()
        try:
            key = spec.to_bytes(q.text)
        except ValueError:
            return self._empty()
        if isinstance(spec, NUMERIC):
            key = spec.from_bytes(key)
        docs, weights = self.arrays.postings(q.fieldname, key)
        if not len(docs):
            return self._empty()
        if q.fieldname in SCORED_FIELDS and spec.scorable:
            idf = self.searcher.idf(q.fieldname, key)
            avg = self.searcher.avg_field_length(q.fieldname) or 1
            b = self._field_b.get(q.fieldname, self.b)
            tf = weights.astype(np.float64)
            lengths = self.arrays.lengths(q.fieldname)[docs]
            scores = idf * (tf * (self.k1 + 1)) / (tf + self.k1 * ((1 - b) + b * lengths / avg))
        else:
            scores = weights.astype(np.float64)
        return self._from_docs(docs, scores * q.boost)

    def numeric_range(self, q: wq.NumericRange) -> Matches:
        """Documents with a value in the range (integer fields); scored by the boost, as a constant."""
        low = None if q.start is None else int(q.start) + (1 if q.startexcl else 0)
        high = None if q.end is None else int(q.end) - (1 if q.endexcl else 0)
        # a passage with several amounts in the range is listed once per amount
        return self._from_docs(np.unique(self.arrays.span(q.fieldname, low, high)), q.boost)

    def phrase(self, q: wq.Phrase, within: np.ndarray | None, score_only: bool) -> Matches:
        """Documents where the words stand in a row, scored as the sum of the words' scores (as
        Whoosh scores a phrase). A phrase that only adds score (the second part of an AndMaybe)
        follows the pass: counted nowhere, counted wherever all its words are, or checked."""
        candidates = self.arrays.live.copy()
        scores = np.zeros(self.arrays.size)
        for word in q.words:
            part = self.term(wq.Term(q.fieldname, word))
            candidates &= part.mask
            scores += part.scores
        if within is not None:
            candidates &= within
        if score_only:
            self._pass.seen = True
            if self._pass.phrases == "none":
                candidates[:] = False
            elif self._pass.phrases == "check":
                if self._pass.scope is not None:
                    candidates &= self._pass.scope
                candidates = self._checked(q, candidates)
        else:
            candidates = self._checked(q, candidates)
        return Matches(candidates, scores * candidates * q.boost)

    def _checked(self, q: wq.Phrase, candidates: np.ndarray) -> np.ndarray:
        """Those of ``candidates`` where the phrase stands; each document is looked at once."""
        key = (q.fieldname, tuple(q.words))
        if key not in self._phrases:
            self._phrases[key] = (np.zeros(self.arrays.size, dtype=bool), np.zeros(self.arrays.size, dtype=bool))
        seen, found = self._phrases[key]
        new = np.flatnonzero(candidates & ~seen)
        found[new] = self._in_a_row(q, new)
        seen[new] = True
        return candidates & found

    def _in_a_row(self, q: wq.Phrase, docnums: np.ndarray) -> np.ndarray:
        """For each docnum (ascending), whether the phrase's words stand at consecutive
        positions there: the (document, position − k) pairs of the k-th word, intersected."""
        spec = self.searcher.schema[q.fieldname]
        starts: np.ndarray | None = None
        for k, word in enumerate(q.words):
            docs, places = self.arrays.positions(q.fieldname, spec.to_bytes(word), docnums)
            pairs = np.unique(docs * _POSITION_RANGE + places.astype(np.int64) - k)
            starts = pairs if starts is None else np.intersect1d(starts, pairs, assume_unique=True)
            if not len(starts):
                break
        return np.isin(docnums, starts // _POSITION_RANGE) if starts is not None else np.zeros(len(docnums), bool)

    def evaluate(self, q: wq.Query, within: np.ndarray | None = None, score_only: bool = False) -> Matches:
        """The matches and scores of ``q``. ``within`` only narrows where phrases are checked;
        ``score_only``: ``q`` adds score to documents matched already, never matches any.
        A part without phrases is evaluated once per scorer, whatever the pass."""
        if self._has_phrase(q):
            return self._evaluate(q, within, score_only)
        if id(q) not in self._fixed:
            self._fixed[id(q)] = (q, self._evaluate(q, within, score_only))
        return self._fixed[id(q)][1]

    def _has_phrase(self, q: wq.Query) -> bool:
        """Whether a phrase is part of ``q`` (its results then depend on the pass); found once
        per node."""
        if id(q) not in self._phrased:
            self._phrased[id(q)] = (q, isinstance(q, wq.Phrase) or any(
                self._has_phrase(child) for child in q.children()))
        return self._phrased[id(q)][1]

    def _evaluate(self, q: wq.Query, within: np.ndarray | None, score_only: bool) -> Matches:
        if isinstance(q, wq.Term):
            return self.term(q)
        if isinstance(q, wq.NumericRange):
            return self.numeric_range(q)
        if isinstance(q, wq.Phrase) and q.slop == 1:
            return self.phrase(q, within, score_only)
        if isinstance(q, wq.Every):
            return Matches(self.arrays.live.copy(), self.arrays.live * q.boost)
        if isinstance(q, wq.ConstantScoreQuery):
            inner = self.evaluate(q.child, within, score_only)
            return Matches(inner.mask, inner.mask * float(q.score))
        if isinstance(q, wq.AndMaybe):
            a = self.evaluate(q.a, within, score_only)
            b = self.evaluate(q.b, a.mask, score_only=True)
            return Matches(a.mask, a.scores + b.scores * a.mask)
        if isinstance(q, wq.AndNot):
            a = self.evaluate(q.a, within, score_only)
            b = self.evaluate(q.b, a.mask)
            mask = a.mask & ~b.mask
            return Matches(mask, a.scores * mask)
        if isinstance(q, wq.And):
            return self._boosted(self._and(q.subqueries, within, score_only), q.boost)
        if isinstance(q, wq.Or):
            return self._boosted(self._or(q.subqueries, within, score_only), q.boost)
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return self._empty()
        raise TypeError(f"no numpy scoring for {type(q).__name__} queries")

    def matches(self, q: wq.Query) -> Matches:
        """Which documents match ``q``, with scores that leave out what phrases would add (cheap;
        for counting, filtering and sorting by a field)."""
        self._pass = _Pass("none")
        return self.evaluate(q)

    def rank(self, q: wq.Query, limit: int, mask: np.ndarray | None = None) -> tuple[Matches, np.ndarray]:
        """The matches of ``q`` and the docnums of its ``limit`` best (within ``mask``), exactly
        as Whoosh ranks them.

        Phrases that only add score cost a look at positions, so they are checked lazily: first
        every score is bounded from below (no phrase found) and above (every phrase found where
        its words are); then documents are checked best bound first, a batch at a time, until the
        ``limit``-th exact score beats every bound left.
        """
        self._pass = _Pass("none")
        low = self.evaluate(q)
        best = top(low, limit, mask)
        if not self._pass.seen or not len(best):
            return low, best
        self._pass = _Pass("all")
        high = self.evaluate(q)
        floor = low.scores[best[-1]] if len(best) == limit else 0.0
        maybe = np.flatnonzero(high.mask & (high.scores >= floor) & (True if mask is None else mask))
        order = maybe[np.argsort(-high.scores[maybe], kind="stable")]
        checked = np.zeros(self.arrays.size, dtype=bool)
        batch = max(2 * limit, 32)
        for start in range(0, len(order), batch):
            checked[order[start:start + batch]] = True
            self._pass = _Pass("check", checked)
            exact = self.evaluate(q)
            best = top(exact, limit, checked)
            rest = order[start + batch:]
            if not len(rest) or (len(best) == limit and exact.scores[best[-1]] > high.scores[rest[0]]):
                break
        return exact, best

    def _and(self, subqueries: list[wq.Query], within: np.ndarray | None, score_only: bool) -> Matches:
        mask = self.arrays.live.copy() if within is None else within & self.arrays.live
        scores = np.zeros(self.arrays.size)
        for sub in subqueries:
            part = self.evaluate(sub, mask, score_only)
            mask &= part.mask
            scores += part.scores
        return Matches(mask, scores * mask)

    def _or(self, subqueries: list[wq.Query], within: np.ndarray | None, score_only: bool) -> Matches:
        out = self._empty()
        docs: list[np.ndarray] = []
        scores: list[np.ndarray] = []
        for sub in subqueries:
            part = self.evaluate(sub, within, score_only)
            if part.sparse is not None:
                docs.append(part.sparse[0])
                scores.append(part.sparse[1])
            else:
                out.mask |= part.mask
                out.scores += part.scores
        if docs:
            every = np.concatenate(docs)
            out.mask[every] = True
            out.scores += np.bincount(every, weights=np.concatenate(scores), minlength=self.arrays.size)
        return out

    @staticmethod
    def _boosted(matches: Matches, boost: float) -> Matches:
        if boost != 1.0:
            matches.scores *= boost
        return matches


def top(matches: Matches, limit: int, mask: np.ndarray | None = None) -> np.ndarray:
    """Docnums of the ``limit`` best-scored matches (within ``mask``), best first; ties by docnum."""
    docnums = np.flatnonzero(matches.mask if mask is None else matches.mask & mask)
    if limit <= 0 or not len(docnums):
        return docnums[:0]
    scores = matches.scores[docnums]
    if len(docnums) > limit:
        kept = np.argpartition(-scores, limit - 1)[:limit]
        cutoff = scores[kept].min()
        # every document tied with the last one kept, so the tie-break by docnum stays exact
        kept = np.flatnonzero(scores >= cutoff)
        docnums, scores = docnums[kept], scores[kept]
    order = np.lexsort((docnums, -scores))[:limit]
    return docnums[order]
