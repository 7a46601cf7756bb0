"""The query language: words, OR, "phrases" and -exclusions parsed, and what cannot be read refused
with a reason; the parsed query as Whoosh queries is checked against the index in test_service.py."""

import pytest

from extract.errors import QueryError
from index.search.query import parse, pieces_query


@pytest.mark.parametrize("bad", ['"侨务', "OR 侨务", "侨务 OR", "-侨务"])
def test_malformed_queries_raise_a_clear_error(bad):
    with pytest.raises(QueryError):
        parse(bad)


@pytest.mark.parametrize(("bad", "reason"), [
    ("，。！？", "no_words"), ("*", "no_words"), ('""', "no_words"), ("AND", "no_words"),
    ("侨务 -侨务", "contradiction"), ("侨" * 5000, "too_long"), ('"侨务', "unbalanced_quotes"),
    ("-侨务", "only_excluded"), ("侨务 OR", "or_without_word")])
def test_queries_that_would_find_nothing_or_everything_are_refused_with_a_reason(bad, reason):
    with pytest.raises(QueryError) as caught:
        parse(bad)
    assert caught.value.reason == reason
    assert parse("").is_empty()  # an empty query is a filter-only search, not an error




def test_a_query_word_is_one_pieces_term_and_a_longer_text_the_and_of_its_pairs():
    word = pieces_query("侨务", 2.0)
    assert (word.fieldname, word.text, word.boost) == ("pieces", "侨务", 2.0)
    assert pieces_query("") is None
    long = pieces_query("归侨侨眷座谈会", 0.3)
    assert long.boost == 0.3 and len(long.subqueries) > 1
    assert all(t.fieldname == "pieces" and len(t.text) >= 2 for t in long.subqueries)
    assert pieces_query("归侨侨眷座谈会", 0.3) == long  # cut once, the same query every time


def test_a_quoted_term_run_into_a_word_is_one_word_and_a_quoted_phrase_stays_a_phrase():
    assert [c.alternatives for c in parse("“三公”经费").required] == [["三公经费"]]
    assert [c.alternatives for c in parse("开展“同心”行动").required] == [["开展同心行动"]]
    assert [(c.alternatives, c.phrase) for c in parse("侨务 “两个健康”").required] == [
        (["侨务"], [False]), (["两个健康"], [True])]
