"""The numpy scorer against Whoosh's own matchers (the judged queries, nested queries: And in And, a
shared part under parents that narrow it differently), the pass mode as an argument, and the arrays
kept beside the index."""

import shutil

import numpy as np
import pytest
from whoosh import query as wq

from index.evaluation import judged_queries
from index.ingest import file_sources, ingest
from index.search.directory import index_dir, open_whoosh_index
from index.search.engine.postings import ARRAYS_DIRNAME, PostingArrays
from index.search.engine.scoring import EXACT, LOWER_BOUND, UPPER_BOUND, Scorer, bonus_phrases
from index.search.query import parse, to_whoosh
from index.search.service import Filters, search
from index.search.writer import remove_documents
from tests.conftest import CORPUS, LIWAN_2022


def _queries():
    yield from (q for q, _ in judged_queries())
    yield from ('"民族团结进步"', "民族工作 OR 宗教工作", "统战 -侨务", "预算执行 政协")


@pytest.fixture(scope="module")
def opened(data_dir):
    ix = open_whoosh_index(data_dir)
    searcher = ix.searcher()
    yield searcher, PostingArrays(index_dir(data_dir), searcher)
    searcher.close()
    ix.close()


@pytest.mark.parametrize("exact_only", [False, True])
def test_scores_and_order_are_whooshs(opened, exact_only):
    searcher, arrays = opened
    compared = 0
    for text in _queries():
        query = to_whoosh(parse(text), exact_only=exact_only,
                          frequency=lambda t: searcher.doc_frequency("pieces", t))
        theirs = searcher.search(query, limit=20)
        matches, ours = Scorer(searcher, arrays).rank(query, 20)
        assert [h.docnum for h in theirs] == ours.tolist(), text
        assert np.allclose([h.score for h in theirs], matches.scores[ours], rtol=1e-5), text
        assert np.count_nonzero(matches.mask) == len(searcher.search(query, limit=None)), text
        compared += len(ours)
    assert compared >= 100  # the comparison covers many hits, not a few


def test_filters_match_the_same_passages_as_whoosh(opened):
    searcher, arrays = opened
    for flt in (Filters(year=2022), Filters(label="MONEY", min_yuan=100_000),
                Filters(area="overseas_chinese", genre=None), Filters(max_yuan=5_000)):
        query = flt.to_whoosh()
        theirs = set(searcher.docs_for_query(query))
        assert theirs and set(np.flatnonzero(Scorer(searcher, arrays).matches(query).mask)) == theirs


def test_a_phrase_is_only_found_where_its_words_stand_in_a_row(opened):
    searcher, arrays = opened
    phrase = wq.Phrase("text", ["民族", "工作"])
    found = set(np.flatnonzero(Scorer(searcher, arrays).evaluate(phrase).mask))
    assert found == set(searcher.docs_for_query(phrase)) and found


def test_damaged_or_missing_arrays_are_rebuilt_from_the_index(tmp_path):
    ingest(file_sources([CORPUS / f"{LIWAN_2022}.txt"]), tmp_path)
    expected = [h.passage_id for h in search(tmp_path, "侨务").hits]
    root = index_dir(tmp_path) / ARRAYS_DIRNAME
    (segment,) = root.iterdir()
    (segment / "text.docs.npy").write_bytes(b"not an array")
    (index_dir(tmp_path) / "touch.toc").touch()  # make the search reopen the index
    assert [h.passage_id for h in search(tmp_path, "侨务").hits] == expected
    shutil.rmtree(root)
    (index_dir(tmp_path) / "touch.toc").unlink()
    assert [h.passage_id for h in search(tmp_path, "侨务").hits] == expected
    assert [p.name for p in root.iterdir()] == [segment.name]


def test_removed_reports_are_never_found(tmp_path):
    ingest(file_sources([CORPUS]), tmp_path)
    assert LIWAN_2022 in {h.doc_id for h in search(tmp_path, "侨务", page_size=200).hits}
    remove_documents(tmp_path, [LIWAN_2022])
    result = search(tmp_path, "侨务", page_size=200)
    assert LIWAN_2022 not in {h.doc_id for h in result.hits}
    assert result.total == len(result.hits) and sum(result.facets["genre"].values()) == result.total


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
def test_nested_and_scores_and_order_are_whooshs(opened, number):
    searcher, arrays = opened
    query = NESTED[number]
    theirs = searcher.search(query, limit=20)
    matches, ours = Scorer(searcher, arrays).rank(query, 20)
    assert len(ours) and [h.docnum for h in theirs] == ours.tolist()
    assert np.allclose([h.score for h in theirs], matches.scores[ours], rtol=1e-5)
    assert np.count_nonzero(matches.mask) == len(searcher.search(query, limit=None))


def test_a_part_narrowed_once_is_whole_when_asked_again(opened):
    searcher, arrays = opened
    scorer = Scorer(searcher, arrays)
    narrow = scorer.evaluate(_t("侨务")).mask
    inside = scorer.evaluate(SHARED, within=narrow)
    whole = Scorer(searcher, arrays).evaluate(SHARED)
    assert np.array_equal(inside.mask & narrow, whole.mask & narrow)
    again = scorer.evaluate(SHARED)  # the same part, not narrowed: the memo must not answer narrowed
    assert np.array_equal(again.mask, whole.mask) and np.allclose(again.scores, whole.scores)
    assert np.count_nonzero(whole.mask & ~narrow)  # the test means something: narrowing did narrow


def test_the_phrase_pass_is_an_argument_bounding_the_scores(opened):
    searcher, arrays = opened
    query = NESTED[2]
    assert bonus_phrases(query) and not bonus_phrases(NESTED[0])
    scorer = Scorer(searcher, arrays)
    low, high, exact = (scorer.evaluate(query, how) for how in (LOWER_BOUND, UPPER_BOUND, EXACT))
    assert np.array_equal(low.mask, exact.mask) and np.array_equal(high.mask, exact.mask)
    assert np.all(low.scores <= exact.scores + 1e-9) and np.all(exact.scores <= high.scores + 1e-9)
    assert np.any(low.scores < high.scores)
