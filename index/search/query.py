"""The query language users know: words (AND), OR, "phrases", -exclusions (or NOT); turned into Whoosh queries.

A word is searched literally in the words and the pieces fields, and through the thesaurus
(related words and the work area it names) with much smaller weights, so literal matches rank
first. Anything else a user types (brackets, colons, stars) is read as a separator, never as syntax.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from whoosh import query as wq

from extract.errors import QueryError
from extract.text.characters import CJK, fold_characters, to_simplified
from index.search.analyzer import QUOTED_TERM, analyze
from index.search.thesaurus import expand, expansions_within

LITERAL_WORDS_BOOST = 4.0
LITERAL_PIECES_BOOST = 2.0
RELATED_BOOST = 0.3
AREA_BOOST = 3.0
LITERAL_AREA_BOOST = 100.0  # among literal hits, those filed under the named area first

MAX_QUERY_CHARS = 200
"""The longest query read: longer ones are pasted text, not a search (and cost a term per word)."""

_TOKEN = re.compile(r'-?"[^"]*"|-?“[^”]*”|\S+')
_ATTACHED_QUOTE = re.compile(rf"(?<=[{CJK}]){QUOTED_TERM.pattern}|{QUOTED_TERM.pattern}(?=[{CJK}])")
"""A short quoted term run into the word before or after it (“三公”经费, 开展“同心”行动): the writer's
emphasis, as reports print the term, not a phrase of the query: the same term as 三公经费, as the
analyzer reads it in passages (``analyzer.QUOTED_TERM``)."""
_STRAY = re.compile(r"[()\[\]{}^~*?:\\/+!<>=&|，。、；：！？（）【】《》]")


@dataclass
class Clause:
    """One query item: the alternatives of an OR group, each a word or a phrase."""

    alternatives: list[str]
    phrase: list[bool]
    negated: bool = False


@dataclass
class ParsedQuery:
    """Required clauses (AND), excluded clauses, and every typed word or phrase to highlight."""

    required: list[Clause] = field(default_factory=list)
    excluded: list[Clause] = field(default_factory=list)

    def typed(self) -> list[str]:
        """The words and phrases the user typed, for highlighting."""
        return [a for c in self.required for a in c.alternatives]

    def is_empty(self) -> bool:
        """True when nothing is required (a filter-only search)."""
        return not self.required


def parse(text: str) -> ParsedQuery:
    """Parse a user query; raise QueryError with a plain explanation (and a ``reason`` code:
    too_long, unbalanced_quotes, or_without_word, only_excluded, no_words, contradiction) when
    it cannot be read. An empty query is a filter-only search; a query that is not empty but
    holds no word to search (punctuation, ``*``, ``""``, a bare AND) is an error, never the whole corpus."""
    text = to_simplified(fold_characters(text).strip())  # ２０２２ is 2022; 侨\u200b务 is 侨务
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query has {len(text)} characters; at most {MAX_QUERY_CHARS} are read",
                         reason="too_long")
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        raise QueryError(f"unbalanced quotation marks in {text!r}: close the phrase with \"",
                         reason="unbalanced_quotes")
    text = _ATTACHED_QUOTE.sub(lambda m: m.group(1) or m.group(2), text)
    parsed = ParsedQuery()
    pending_or = pending_not = False
    for raw in _TOKEN.findall(text):
        negated = raw.startswith("-") and len(raw) > 1
        body = raw[1:] if negated else raw
        if not negated and body.upper() == "NOT":
            pending_not = True
            continue
        negated, pending_not = negated or pending_not, False
        is_phrase = body[:1] in ('"', "“")
        if is_phrase:
            body = body[1:-1].strip()
        elif body.upper() in ("OR", "|"):
            if not parsed.required or pending_or:
                raise QueryError(f"OR needs a word on each side in {text!r}", reason="or_without_word")
            pending_or = True
            continue
        elif body.upper() == "AND":
            continue
        else:
            body = _STRAY.sub(" ", body).strip()
        if not body:
            continue
        if is_phrase or " " not in body:
            parts = [body]
        else:
            parts = body.split()
        for part in parts:
            if negated:
                parsed.excluded.append(Clause([part], [is_phrase], negated=True))
            elif pending_or:
                parsed.required[-1].alternatives.append(part)
                parsed.required[-1].phrase.append(is_phrase)
                pending_or = False
            else:
                parsed.required.append(Clause([part], [is_phrase]))
    if pending_or:
        raise QueryError(f"OR at the end of {text!r} needs a word after it", reason="or_without_word")
    if pending_not:
        raise QueryError(f"NOT at the end of {text!r} needs a word after it", reason="only_excluded")
    if parsed.excluded and not parsed.required:
        raise QueryError(f"{text!r} only excludes; add a word to search for", reason="only_excluded")
    if text and not parsed.required:
        raise QueryError(f"{text!r} holds no word to search for", reason="no_words")
    excluded = {c.alternatives[0] for c in parsed.excluded}
    if any(set(c.alternatives) <= excluded for c in parsed.required):
        raise QueryError(f"{text!r} excludes what it asks for", reason="contradiction")
    return parsed


def _sequence(fieldname: str, terms: list[str], boost: float) -> wq.Query | None:
    if not terms:
        return None
    if len(terms) == 1:
        return wq.Term(fieldname, terms[0], boost=boost)
    return wq.Phrase(fieldname, terms, boost=boost)


def pieces_query(text: str, boost: float = 1.0) -> wq.Query | None:
    """Passages whose pieces field holds ``text``: one word or two pieces are a single term (the
    field holds every run of pieces and every pair of adjacent pieces); longer, all its pairs."""
    terms, single = _pieces_terms(text)
    if not terms:
        return None
    if single:
        return wq.Term("pieces", terms[0], boost=boost)
    return wq.And([wq.Term("pieces", pair) for pair in terms], boost=boost)


@lru_cache(maxsize=4096)
def _pieces_terms(text: str) -> tuple[tuple[str, ...], bool]:
    """The pieces-field terms of ``pieces_query``, and whether they are one term rather than an AND.
    Cached: a query cuts each of its thesaurus words, the same few hundred words again and again."""
    words = [w.lower() for w in analyze(text)]
    if len(words) <= 1:
        return tuple(words), True
    pieces = [p.lower() for p in analyze(text, pieces=True)]
    pairs = [a + b for a, b in zip(pieces, pieces[1:])]
    return tuple(dict.fromkeys(pairs)), len(pairs) == 1


def _typed_query(text: str) -> wq.Query | None:
    """Passages holding ``text``, scored higher where its words match as words (AndMaybe adds
    that score only to passages already found, so it costs no extra matching)."""
    pieces = pieces_query(text, LITERAL_PIECES_BOOST)
    if pieces is None:
        return None
    return wq.AndMaybe(pieces, _sequence("text", [w.lower() for w in analyze(text)], LITERAL_WORDS_BOOST))


@lru_cache(maxsize=4096)
def expansion_of(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Related words and work areas of a query word: its own thesaurus entry, else the entries of
    the thesaurus words inside it (对台工作 → 对台 → 台胞, 两岸 … and hk_macao_taiwan).
    Cached: one search asks for it for every tier and for the highlights."""
    entry = expand(word)
    entries = [entry] if entry else expansions_within(word)
    related: list[str] = []
    areas: list[str] = []
    for e in entries:
        if e is None:
            continue
        related += [w for w in e.related if w not in related]
        if e.area and e.area not in areas:
            areas.append(e.area)
    return tuple(related), tuple(areas)


MAX_RELATED = 6
"""Thesaurus words searched per query word (or per OR group): the rarest ones in the index. A
frequent related word adds little to the ranking and costs the most, since every passage it is in
must be scored."""


def _related_terms(related: tuple[str, ...], frequency: Callable[[str], int] | None) -> list[wq.Query]:
    terms = [q for q in (pieces_query(word, RELATED_BOOST) for word in related) if q is not None]
    if frequency is None:
        return terms
    counted = [(frequency(t.text), t) for t in terms if isinstance(t, wq.Term)]
    kept = sorted((c for c in counted if c[0] > 0), key=lambda c: c[0])[:MAX_RELATED]
    return [t for _, t in kept] + [t for t in terms if not isinstance(t, wq.Term)]


def _clause_tiers(clause: Clause, use_thesaurus: bool,
                  frequency: Callable[[str], int] | None) -> tuple[wq.Query | None, wq.Query | None]:
    """The clause's two queries, from one reading of it: what the user typed (with the passages
    filed under the work area its words name scoring higher), and that or a related word or the area."""
    typed: list[wq.Query] = []
    related: dict[str, None] = {}  # of all the alternatives, once each
    codes: dict[str, None] = {}
    for alternative, is_phrase in zip(clause.alternatives, clause.phrase):
        query = _typed_query(alternative)
        if query is not None:
            typed.append(query)
        if use_thesaurus and not is_phrase:
            words, areas_named = expansion_of(alternative)
            related.update(dict.fromkeys(w for w in words if w not in clause.alternatives))
            codes.update(dict.fromkeys(areas_named))
    exact = None
    if typed:
        core = wq.Or(typed) if len(typed) > 1 else typed[0]
        exact = wq.AndMaybe(core, wq.Or([wq.Term("areas", code, boost=LITERAL_AREA_BOOST) for code in codes])) \
            if codes else core
    options = typed + _related_terms(tuple(related), frequency) + \
        [wq.Term("areas", code, boost=AREA_BOOST) for code in codes]
    return exact, (wq.Or(options) if options else None)


def _combined(parsed: ParsedQuery, required: list[wq.Query | None]) -> wq.Query:
    """The AND of the clauses' queries, less the passages holding an excluded word or phrase."""
    kept = [q for q in required if q is not None]
    if not kept:
        return wq.NullQuery if parsed.required else wq.Every()
    result: wq.Query = wq.And(kept) if len(kept) > 1 else kept[0]
    excluded = [q for q in (_typed_query(c.alternatives[0]) for c in parsed.excluded) if q is not None]
    if excluded:
        result = wq.AndNot(result, wq.Or(excluded))
    return result


def tiers(parsed: ParsedQuery, use_thesaurus: bool = True,
          frequency: Callable[[str], int] | None = None) -> tuple[wq.Query | None, wq.Query]:
    """The two Whoosh queries of a parsed user query, each clause read once: the exact tier
    (passages containing what the user typed, those labelled with the work area the words name
    scoring higher; None for a filter-only search) and the full one (also the thesaurus words and
    the area). ``frequency``: passages holding a pieces-field term; given, only the rarest
    thesaurus words that occur at all are searched."""
    pairs = [_clause_tiers(c, use_thesaurus, frequency) for c in parsed.required]
    full = _combined(parsed, [f for _, f in pairs])
    if parsed.is_empty():
        return None, full
    return _combined(parsed, [lit for lit, _ in pairs]), full


def to_whoosh(parsed: ParsedQuery, use_thesaurus: bool = True, exact_only: bool = False,
              frequency: Callable[[str], int] | None = None) -> wq.Query:
    """One of the two ``tiers``: the exact one when ``exact_only``, else the full one."""
    exact, full = tiers(parsed, use_thesaurus, frequency)
    return (exact if exact is not None else full) if exact_only else full


def highlight_terms(parsed: ParsedQuery, use_thesaurus: bool = True) -> list[str]:
    """Literal words and phrases, then the thesaurus words, to mark in a hit."""
    terms = list(parsed.typed())
    if use_thesaurus:
        for clause in parsed.required:
            for alternative, is_phrase in zip(clause.alternatives, clause.phrase):
                if not is_phrase:
                    terms.extend(expansion_of(alternative)[0])
    return terms
