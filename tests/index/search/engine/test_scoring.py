"""The numpy scorer on nested queries (And in And, a shared part under parents that narrow it
differently), against Whoosh's own matchers; the pass mode as an argument."""

import numpy as np
import pytest
from whoosh import query as wq

from index.search.engine.scoring import EXACT, LOWER_BOUND, UPPER_BOUND, Scorer, bonus_phrases


def _t(word: str, boost: float = 1.0) -> wq.Term:
    return wq.Term("pieces", word, boost=boost)


SHARED = wq.And([_t("工作"), wq.Or([_t("民族"), _t("宗教", 2.0)])])
PHRASE = wq.Phrase("text", ["民族", "工作"])
NESTED = [
    wq.And([_t("工作"), wq.And([_t("统战"), wq.Or([_t("民族"), PHRASE])])]),
    wq.Or([wq.And([_t("侨务"), SHARED]), wq.And([_t("政协"), SHARED]), SHARED]),
    wq.AndMaybe(wq.And([_t("工作"), wq.And([_t("开展"), wq.Or([_t("民族"), _t("统战")])])]), PHRASE),
    wq.And([wq.AndMaybe(SHARED, PHRASE), wq.And([_t("工作", 3.0), wq.And([_t("民族")])])]),
    wq.AndNot(wq.And([SHARED, wq.And([_t("开展")])]), wq.And([_t("侨务"), PHRASE])),
]


@pytest.mark.parametrize("number", range(len(NESTED)))
def test_nested_and_scores_and_order_are_whooshs(opened_index, number):
    searcher, arrays = opened_index
    query = NESTED[number]
    theirs = searcher.search(query, limit=20)
    matches, ours = Scorer(searcher, arrays).rank(query, 20)
    assert len(ours) and [h.docnum for h in theirs] == ours.tolist()
    assert np.allclose([h.score for h in theirs], matches.scores[ours], rtol=1e-5)
    assert np.count_nonzero(matches.mask) == len(searcher.search(query, limit=None))


def test_a_part_narrowed_once_is_whole_when_asked_again(opened_index):
    searcher, arrays = opened_index
    scorer = Scorer(searcher, arrays)
    narrow = scorer.evaluate(_t("侨务")).mask
    inside = scorer.evaluate(SHARED, within=narrow)
    whole = Scorer(searcher, arrays).evaluate(SHARED)
    assert np.array_equal(inside.mask & narrow, whole.mask & narrow)
    again = scorer.evaluate(SHARED)  # the same part, not narrowed: the memo must not answer narrowed
    assert np.array_equal(again.mask, whole.mask) and np.allclose(again.scores, whole.scores)
    assert np.count_nonzero(whole.mask & ~narrow)  # the test means something: narrowing did narrow


def test_the_phrase_pass_is_an_argument_bounding_the_scores(opened_index):
    searcher, arrays = opened_index
    query = NESTED[2]
    assert bonus_phrases(query) and not bonus_phrases(NESTED[0])
    scorer = Scorer(searcher, arrays)
    low, high, exact = (scorer.evaluate(query, how) for how in (LOWER_BOUND, UPPER_BOUND, EXACT))
    assert np.array_equal(low.mask, exact.mask) and np.array_equal(high.mask, exact.mask)
    assert np.all(low.scores <= exact.scores + 1e-9) and np.all(exact.scores <= high.scores + 1e-9)
    assert np.any(low.scores < high.scores)

