"""The numpy scorer against Whoosh's own matchers, and the arrays kept beside the index."""

import shutil

import numpy as np
import pytest
from whoosh import query as wq

from index.evaluation import judged_queries
from index.ingest import file_sources, ingest
from index.search.directory import index_dir, open_whoosh_index
from index.search.engine.postings import ARRAYS_DIRNAME, PostingArrays
from index.search.engine.scoring import Scorer
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


@pytest.mark.parametrize("literal_only", [False, True])
def test_scores_and_order_are_whooshs(opened, literal_only):
    searcher, arrays = opened
    compared = 0
    for text in _queries():
        query = to_whoosh(parse(text), literal_only=literal_only,
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
