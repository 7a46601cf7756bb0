"""The Whoosh schema of the passage index, declared in one place."""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, SchemaClass
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint

from index.search.analyzer import pieces_analyzer, term_positions, words_analyzer

FEN_PER_YUAN = 100
WHOLE_NUMBERS = 0
"""``shift_step`` of the numeric fields: each value indexed as one term, without Whoosh's coarser trie
terms (eight to sixteen a value) that speed up its own range queries; ours run on the arrays
(``index.search.engine.postings``), which hold the whole-number terms only."""
"""Amounts are indexed as whole fen: Whoosh's float fields cannot be sorted (see PITFALLS)."""


MAX_FEN = 2**63 - 1
"""The largest amount the 64-bit numeric fields hold (about 9.2e16 元)."""


def yuan_to_fen(yuan: float) -> int:
    """An amount in 元 as the integer the ``amounts`` and ``top_amount`` fields hold; amounts
    beyond what they hold (``--max-yuan 1e308``) are the largest or smallest they hold."""
    fen = yuan * FEN_PER_YUAN
    if not fen < MAX_FEN:
        return MAX_FEN
    return -MAX_FEN if not fen > -MAX_FEN else int(round(fen))


class JiebaText(TEXT):
    """A TEXT field on the jieba analyzers (``fine``: the pieces analyzer) whose postings are made
    from the analyzer's terms directly (``term_positions``) instead of through a token object per
    term: the same terms, frequencies, weights and encoded values as Whoosh's formats make."""

    def __init__(self, fine: bool = False, **kwargs) -> None:
        super().__init__(analyzer=pieces_analyzer() if fine else words_analyzer(), **kwargs)
        self.fine = fine

    def index(self, value, **kwargs):
        """(term bytes, frequency, weight, encoded value) of each term of ``value``."""
        kind = type(self.format)
        if kwargs or not isinstance(value, str) or kind not in (Positions, Frequency):
            yield from super().index(value, **kwargs)
            return
        boost = self.format.field_boost
        for term, places in term_positions(value, self.fine).items():
            count = len(places)
            encoded = self.format.encode(places) if kind is Positions else pack_uint(count)
            yield term.encode("utf-8"), count, float(count) * boost, encoded


MIN_AREA_WEIGHT = 0.01
"""The posting weight of an area a passage has with a score of (about) zero (one the table-row rule
gives): it still matches, ranked last."""


def area_postings(areas: list[str], scores: dict[str, float]) -> str:
    """The ``areas`` field's value for a passage: each area with the score it has (``code:score``)."""
    return ",".join(f"{code}:{max(float(scores.get(code, 1.0)), MIN_AREA_WEIGHT):.4f}" for code in areas)


class AreaKeywords(KEYWORD):
    """The work areas of a passage, each posted with its area score as the posting's weight (a
    value from ``area_postings``; plain codes weigh 1): a passage found only through the area a
    query names is ranked by how surely it is of that area. Stored as the plain codes."""

    def index(self, value, **kwargs):
        """(term bytes, frequency, weight, encoded value) of each area of ``value``."""
        if kwargs or not isinstance(value, str) or ":" not in value:
            yield from super().index(value, **kwargs)
            return
        for item in value.split(","):
            code, _, weight = item.partition(":")
            yield code.encode("utf-8"), 1, float(weight), b""


class PassageSchema(SchemaClass):
    """One Whoosh document per passage.

    text: words with positions (phrases); pieces: dictionary pieces of the words, without positions
    (recall: queries on it are single terms or ANDs of terms, see ``index.search.query.pieces_query``);
    areas/labels: keyword facets (areas weighted by their scores, ``AreaKeywords``);
    year/amounts: numeric filters, amounts in fen (``yuan_to_fen``);
    top_amount: the passage's largest amount, for sorting; content_hash: ``extract.records.content_hash``
    of the passage, which the store keeps too (``jixiao check`` compares them). Passage ids and content
    hashes are stored, not indexed: nothing looks them up, and a term of its own for every passage
    would be a posting list of its own to write at each commit. The department name is stored for
    the hits; its filter and facet read ``department_facet``.
    """

    passage_id = STORED()
    content_hash = STORED()
    doc_id = ID(stored=True)
    seq = NUMERIC(int, stored=True, shift_step=WHOLE_NUMBERS)
    title = STORED()
    department = STORED()
    department_facet = ID(stored=False)
    region = ID(stored=True)
    year = NUMERIC(int, stored=True, sortable=True, shift_step=WHOLE_NUMBERS)
    genre = ID(stored=True)
    section = STORED()
    text = JiebaText(stored=True, phrase=True)
    pieces = JiebaText(fine=True, stored=False, phrase=False)
    areas = AreaKeywords(stored=True, commas=True)
    labels = KEYWORD(stored=True, commas=True)
    amounts = NUMERIC(int, bits=64, shift_step=WHOLE_NUMBERS)
    top_amount = NUMERIC(int, bits=64, sortable=True, shift_step=WHOLE_NUMBERS)
    entities = STORED()
