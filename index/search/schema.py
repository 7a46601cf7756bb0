"""The Whoosh schema of the passage index, declared in one place."""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, SchemaClass

from index.search.analyzer import pieces_analyzer, words_analyzer

FEN_PER_YUAN = 100
WHOLE_NUMBERS = 0
"""``shift_step`` of the numeric fields: each value indexed as one term, without Whoosh's coarser trie
terms (eight to sixteen a value) that speed up its own range queries; ours run on the arrays
(``index.search.engine.postings``), which hold the whole-number terms only."""
"""Amounts are indexed as whole fen: Whoosh's float fields cannot be sorted (see PITFALLS)."""


def yuan_to_fen(yuan: float) -> int:
    """An amount in 元 as the integer the ``amounts`` and ``top_amount`` fields hold."""
    return int(round(yuan * FEN_PER_YUAN))


class PassageSchema(SchemaClass):
    """One Whoosh document per passage.

    text: words with positions (phrases); pieces: dictionary pieces of the words, without positions
    (recall: queries on it are single terms or ANDs of terms, see ``index.search.query.pieces_query``);
    areas/labels: keyword facets; year/amounts: numeric filters, amounts in fen (``yuan_to_fen``);
    top_amount: the passage's largest amount, for sorting; content_hash: ``extract.records.content_hash``
    of the passage, which the store keeps too (``jixiao check`` compares them).
    """

    passage_id = ID(stored=True, unique=True)
    content_hash = ID(stored=True)
    doc_id = ID(stored=True)
    seq = NUMERIC(int, stored=True, shift_step=WHOLE_NUMBERS)
    title = STORED()
    department = TEXT(analyzer=words_analyzer(), stored=True)
    department_facet = ID(stored=False)
    region = ID(stored=True)
    year = NUMERIC(int, stored=True, sortable=True, shift_step=WHOLE_NUMBERS)
    genre = ID(stored=True)
    section = STORED()
    text = TEXT(analyzer=words_analyzer(), stored=True, phrase=True)
    pieces = TEXT(analyzer=pieces_analyzer(), stored=False, phrase=False)
    areas = KEYWORD(stored=True, commas=True)
    labels = KEYWORD(stored=True, commas=True)
    amounts = NUMERIC(int, bits=64, shift_step=WHOLE_NUMBERS)
    top_amount = NUMERIC(int, bits=64, sortable=True, shift_step=WHOLE_NUMBERS)
    entities = STORED()
