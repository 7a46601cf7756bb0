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
from enum import Enum

import numpy as np
from whoosh import query as wq
from whoosh.fields import NUMERIC

from index.search.engine.postings import SCORED_FIELDS, PostingArrays
from index.search.engine.whoosh_internals import field_b

_POSITION_RANGE = 1 << 32
"""Larger than any position: (document, position) pairs are kept as document × this + position."""


class Matches:
    """Which documents match (a boolean mask) and their scores (0 where they do not match);
    for a term, also its matching docnums and their scores (``sparse``), cheaper to add up. A
    term's mask and scores are spread out of ``sparse`` only when first asked for: most terms
    are only added up into an OR (the thesaurus words), which reads ``sparse``."""

    __slots__ = ("_mask", "_scores", "sparse", "_size")

    def __init__(self, mask: np.ndarray | None, scores: np.ndarray | None,
                 sparse: tuple[np.ndarray, np.ndarray] | None = None, size: int = 0) -> None:
        self._mask, self._scores, self.sparse, self._size = mask, scores, sparse, size

    @classmethod
    def of_docs(cls, docs: np.ndarray, values: np.ndarray, size: int) -> Matches:
        """The matches of distinct docnums ``docs`` scored ``values``, among ``size`` documents."""
        return cls(None, None, (docs, values), size)

    @property
    def mask(self) -> np.ndarray:
        if self._mask is None:
            self._mask = np.zeros(self._size, dtype=bool)
            self._mask[self.sparse[0]] = True
        return self._mask

    @mask.setter
    def mask(self, value: np.ndarray) -> None:
        self._mask = value

    @property
    def scores(self) -> np.ndarray:
        if self._scores is None:
            self._scores = np.zeros(self._size)
            self._scores[self.sparse[0]] = self.sparse[1]
        return self._scores

    @scores.setter
    def scores(self, value: np.ndarray) -> None:
        self._scores = value


class Phrases(Enum):
    """How an evaluation treats the phrases that only add score (the second part of an AndMaybe)."""

    NONE = "none"
    """Found nowhere: every score is a lower bound."""
    ALL = "all"
    """Found wherever their words are: every score is an upper bound."""
    CHECK = "check"
    """Checked on the positions, within the pass's ``scope`` (everywhere when None)."""


@dataclass(frozen=True)
class PhrasePass:
    """One evaluation's treatment of score-only phrases, handed down the query tree as an argument."""

    phrases: Phrases = Phrases.CHECK
    scope: np.ndarray | None = None


LOWER_BOUND = PhrasePass(Phrases.NONE)
UPPER_BOUND = PhrasePass(Phrases.ALL)
EXACT = PhrasePass(Phrases.CHECK)


def bonus_phrases(q: wq.Query) -> bool:
    """Whether ``q`` holds a phrase that only adds score (inside the second part of an AndMaybe):
    only then do the lower and upper bounds of its scores differ."""
    if isinstance(q, wq.AndMaybe):
        return has_phrase(q.b) or bonus_phrases(q.a)
    return any(bonus_phrases(child) for child in q.children())


def has_phrase(q: wq.Query) -> bool:
    """Whether a phrase is part of ``q``."""
    return isinstance(q, wq.Phrase) or any(has_phrase(child) for child in q.children())


class Scorer:
    """Evaluates queries against one open searcher and its arrays."""

    def __init__(self, searcher, arrays: PostingArrays) -> None:
        self.searcher = searcher
        self.arrays = arrays
        weighting = searcher.weighting
        self.b = getattr(weighting, "B", 0.75)
        self.k1 = getattr(weighting, "K1", 1.2)
        self._field_b = field_b(weighting)
        self._terms: dict[tuple[str, object, float], Matches] = {}
        self._phrases: dict[tuple[str, tuple], tuple[np.ndarray, np.ndarray]] = {}
        self._fixed: dict[wq.Query, Matches] = {}
        """Results of the parts without a phrase, by the part itself (Whoosh queries compare and hash
        by field, text, boost and children): all such a result depends on, since such a part is
        evaluated whole, neither narrowed (``within``) nor touched by the phrase pass."""
        self._phrased: dict[wq.Query, bool] = {}

    def _empty(self) -> Matches:
        return Matches(np.zeros(self.arrays.size, dtype=bool), np.zeros(self.arrays.size))

    def _from_docs(self, docs: np.ndarray, scores: np.ndarray | float) -> Matches:
        live = self.arrays.live[docs]
        docs = docs[live]
        values = scores[live] if isinstance(scores, np.ndarray) else np.full(len(docs), float(scores))
        return Matches.of_docs(docs, values, self.arrays.size)

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

    def phrase(self, q: wq.Phrase, how: PhrasePass, within: np.ndarray | None, score_only: bool) -> Matches:
        """Documents where the words stand in a row, scored as the sum of the words' scores (as
        Whoosh scores a phrase). A phrase that only adds score (the second part of an AndMaybe)
        follows the pass ``how``: counted nowhere, counted wherever all its words are, or checked."""
        candidates = self.arrays.live.copy()
        scores = np.zeros(self.arrays.size)
        for word in q.words:
            part = self.term(wq.Term(q.fieldname, word))
            candidates &= part.mask
            scores += part.scores
        if within is not None:
            candidates &= within
        if score_only:
            if how.phrases is Phrases.NONE:
                candidates[:] = False
            elif how.phrases is Phrases.CHECK:
                if how.scope is not None:
                    candidates &= how.scope
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

    def evaluate(self, q: wq.Query, how: PhrasePass = EXACT, within: np.ndarray | None = None,
                 score_only: bool = False) -> Matches:
        """The matches and scores of ``q`` (exact within ``within``: outside it a part may match
        more, which the enclosing query masks). ``how``: the pass for phrases that only add score;
        ``within`` only narrows where phrases are checked; ``score_only``: ``q`` adds score to
        documents matched already, never matches any. A part without phrases depends on neither,
        so it is evaluated whole, once per scorer."""
        if self._has_phrase(q):
            return self._evaluate(q, how, within, score_only)
        if q not in self._fixed:
            self._fixed[q] = self._evaluate(q, EXACT, None, False)
        return self._fixed[q]

    def _has_phrase(self, q: wq.Query) -> bool:
        if q not in self._phrased:
            self._phrased[q] = has_phrase(q)
        return self._phrased[q]

    def _evaluate(self, q: wq.Query, how: PhrasePass, within: np.ndarray | None, score_only: bool) -> Matches:
        if isinstance(q, wq.Term):
            return self.term(q)
        if isinstance(q, wq.NumericRange):
            return self.numeric_range(q)
        if isinstance(q, wq.Phrase) and q.slop == 1:
            return self.phrase(q, how, within, score_only)
        if isinstance(q, wq.Every):
            return Matches(self.arrays.live.copy(), self.arrays.live * q.boost)
        if isinstance(q, wq.ConstantScoreQuery):
            inner = self.evaluate(q.child, how, within, score_only)
            return Matches(inner.mask, inner.mask * float(q.score))
        if isinstance(q, wq.AndMaybe):
            a = self.evaluate(q.a, how, within, score_only)
            b = self.evaluate(q.b, how, a.mask, score_only=True)
            return Matches(a.mask, a.scores + b.scores * a.mask)
        if isinstance(q, wq.AndNot):
            a = self.evaluate(q.a, how, within, score_only)
            b = self.evaluate(q.b, how, a.mask)
            mask = a.mask & ~b.mask
            return Matches(mask, a.scores * mask)
        if isinstance(q, wq.And):
            return self._boosted(self._and(q.subqueries, how, within, score_only), q.boost)
        if isinstance(q, wq.Or):
            return self._boosted(self._or(q.subqueries, how, within, score_only), q.boost)
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return self._empty()
        raise TypeError(f"no numpy scoring for {type(q).__name__} queries")

    def matches(self, q: wq.Query) -> Matches:
        """Which documents match ``q``, with scores that leave out what phrases would add (cheap;
        for counting, filtering and sorting by a field)."""
        return self.evaluate(q, LOWER_BOUND)

    def rank(self, q: wq.Query, limit: int, mask: np.ndarray | None = None) -> tuple[Matches, np.ndarray]:
        """The matches of ``q`` and the docnums of its ``limit`` best (within ``mask``), exactly
        as Whoosh ranks them.

        Phrases that only add score cost a look at positions, so they are checked lazily: first
        every score is bounded from below (no phrase found) and above (every phrase found where
        its words are); then documents are checked best bound first, a batch at a time, until the
        ``limit``-th exact score beats every bound left.
        """
        low = self.evaluate(q, LOWER_BOUND)
        best = top(low, limit, mask)
        if not bonus_phrases(q) or not len(best):
            return low, best
        high = self.evaluate(q, UPPER_BOUND)
        floor = low.scores[best[-1]] if len(best) == limit else 0.0
        maybe = np.flatnonzero(high.mask & (high.scores >= floor) & (True if mask is None else mask))
        order = maybe[np.argsort(-high.scores[maybe], kind="stable")]
        checked = np.zeros(self.arrays.size, dtype=bool)
        batch = max(2 * limit, 32)
        for start in range(0, len(order), batch):
            checked[order[start:start + batch]] = True
            exact = self.evaluate(q, PhrasePass(Phrases.CHECK, checked))
            best = top(exact, limit, checked)
            rest = order[start + batch:]
            if not len(rest) or (len(best) == limit and exact.scores[best[-1]] > high.scores[rest[0]]):
                break
        return exact, best

    def _and(self, subqueries: list[wq.Query], how: PhrasePass, within: np.ndarray | None,
             score_only: bool) -> Matches:
        mask = self.arrays.live.copy() if within is None else within & self.arrays.live
        scores = np.zeros(self.arrays.size)
        for sub in subqueries:
            part = self.evaluate(sub, how, mask, score_only)
            mask &= part.mask
            scores += part.scores
        return Matches(mask, scores * mask)

    def _or(self, subqueries: list[wq.Query], how: PhrasePass, within: np.ndarray | None,
            score_only: bool) -> Matches:
        out = self._empty()
        docs: list[np.ndarray] = []
        scores: list[np.ndarray] = []
        for sub in subqueries:
            part = self.evaluate(sub, how, within, score_only)
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
