"""Searching the passage index: ranked, filtered, faceted, paginated hits with highlights."""

from __future__ import annotations

import html
import json
import re
import threading
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import query as wq

from extract.errors import QueryError
from extract.records import ENTITY_LABELS, Entity
from extract.text.characters import same_length_view
from index.search.directory import index_dir, index_exists, open_whoosh_index, reading_index
from index.search.engine.postings import PostingArrays
from index.search.engine.scoring import Matches, Scorer
from index.search.query import highlight_terms, parse, to_whoosh
from index.search.schema import yuan_to_fen
from index.search.thesaurus import department_forms

SORTS = ("relevance", "year", "amount")


@dataclass
class Filters:
    """Narrowing a search: area code, year, department text (part of a name or a known short name),
    genre, region, entity label, amount in yuan."""

    area: str | None = None
    year: int | None = None
    dept: str | None = None
    genre: str | None = None
    region: str | None = None
    label: str | None = None
    min_yuan: float | None = None
    max_yuan: float | None = None

    def by_facet(self) -> dict[str, wq.Query]:
        """One Whoosh query per filter set, keyed by the facet it narrows (``amount`` has none)."""
        parts: dict[str, wq.Query] = {}
        if self.area:
            parts["areas"] = wq.Term("areas", self.area)
        if self.year is not None:
            parts["year"] = wq.NumericRange("year", self.year, self.year)
        if self.dept:
            parts["department"] = _DepartmentFilter(self.dept)
        if self.genre:
            parts["genre"] = wq.Term("genre", self.genre)
        if self.region:
            parts["region"] = wq.Term("region", self.region)
        if self.label:
            if self.label not in ENTITY_LABELS:
                raise QueryError(f"unknown entity label {self.label!r}; use one of {', '.join(ENTITY_LABELS)}")
            parts["labels"] = wq.Term("labels", self.label)
        if self.min_yuan is not None or self.max_yuan is not None:
            if self.min_yuan is not None and self.max_yuan is not None and self.min_yuan > self.max_yuan:
                raise QueryError("the minimum amount is larger than the maximum")
            low = None if self.min_yuan is None else yuan_to_fen(self.min_yuan)
            high = None if self.max_yuan is None else yuan_to_fen(self.max_yuan)
            parts["amount"] = wq.NumericRange("amounts", low, high)
        return parts

    def to_whoosh(self) -> wq.Query | None:
        """The Whoosh filter query, or None when nothing is filtered."""
        parts = list(self.by_facet().values())
        if not parts:
            return None
        return wq.And(parts) if len(parts) > 1 else parts[0]


@dataclass
class Hit:
    """A ranked passage: where it comes from, its text, the highlighted HTML, areas and entities;
    ``literal`` is False for a passage found only through related words or the work area."""

    doc_id: str
    passage_id: str
    score: float
    title: str
    department: str
    year: int | None
    section: str
    text: str
    highlight: str
    areas: list[str]
    entities: list[Entity]
    literal: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The SPEC's hit fields (``literal`` is for the app's divider, not part of the contract)."""
        data = asdict(self)
        data["entities"] = [e.to_dict() for e in self.entities]
        del data["literal"]
        return data


@dataclass
class SearchResult:
    """One page of hits, the exact number of matches, and facet counts: for each facet, the
    query's matches under every filter but that facet's own, per value. ``literal_total``: how
    many of the ``total`` matches contain what the user typed (the others come through related
    words or the work area; all of them for a filter-only search)."""

    hits: list[Hit]
    total: int
    page: int
    page_size: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    literal_total: int = 0


def highlight(text: str, terms: list[str]) -> str:
    """``text`` HTML-escaped with every occurrence of ``terms`` wrapped in <mark>."""
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(same_length_view(t)) for t in terms))
    out: list[str] = []
    last = 0
    for match in pattern.finditer(same_length_view(text)):
        out.append(html.escape(text[last:match.start()]))
        out.append(f"<mark>{html.escape(text[match.start():match.end()])}</mark>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


_FACET_FIELDS = {"areas": "areas", "labels": "labels", "year": "year", "genre": "genre",
                 "region": "region", "department": "department_facet"}
"""Facet name → the index field counted (the names ``Filters.by_facet`` keys its queries by)."""


class _DepartmentFilter(wq.Query):
    """Placeholder for "department contains TEXT" (or its short names written out, 工商联 →
    工商业联合会): resolved against the index's department names by ``_resolve`` (Whoosh has no
    substring query that stays fast)."""

    def __init__(self, text: str) -> None:
        self.text = text


def _resolve(query: wq.Query, searcher) -> wq.Query:
    """A department placeholder as the departments of the index that contain its text."""
    if isinstance(query, _DepartmentFilter):
        needles = department_forms(same_length_view(query.text).strip())
        names = [t.decode("utf-8") for t in searcher.lexicon("department_facet")]
        matches = [wq.Term("department_facet", n) for n in names
                   if any(needle in same_length_view(n) for needle in needles)]
        return wq.Or(matches) if matches else wq.NullQuery
    return query


def _hit(fields: dict[str, Any], score: float, terms: list[str], literal: bool = True) -> Hit:
    return Hit(doc_id=fields["doc_id"], passage_id=fields["passage_id"], score=round(score, 4),
               title=fields.get("title", ""), department=fields.get("department", ""),
               year=fields.get("year"), section=fields.get("section", ""), text=fields["text"],
               highlight=highlight(fields["text"], terms),
               areas=[a for a in fields.get("areas", "").split(",") if a],
               entities=[Entity.from_dict(e) for e in json.loads(fields.get("entities") or "[]")],
               literal=literal)


def _facet_counts(arrays: PostingArrays, matched: np.ndarray, narrowing: dict[str, np.ndarray]
                  ) -> dict[str, dict[str, int]]:
    """Per facet, how many of the query's matches hold each value, most frequent first, under
    every filter but the facet's own: each count says what choosing that value would keep."""
    counts: dict[str, dict[str, int]] = {}
    for name, fieldname in _FACET_FIELDS.items():
        mask = matched.copy()
        for other, kept in narrowing.items():
            if other != name:
                mask &= kept
        values = {str(value): n for value, n in arrays.counts(fieldname, mask).items()}
        counts[name] = dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0])))
    return counts


def _two_tiers(scorer: Scorer, literal: wq.Query, full: wq.Query, allowed: np.ndarray,
               wanted: int, use_thesaurus: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The best ``wanted`` docnums, literal matches first (the thesaurus tier is ranked only when
    they do not fill the pages so far), their scores, and the mask of the literal matches."""
    literal_matches, best = scorer.rank(literal, wanted, allowed)
    scores = literal_matches.scores[best]
    if use_thesaurus and len(best) < wanted:
        rest_matches, rest = scorer.rank(full, wanted - len(best), allowed & ~literal_matches.mask)
        best, scores = np.concatenate([best, rest]), np.concatenate([scores, rest_matches.scores[rest]])
    return best, scores, literal_matches.mask & allowed


def _sorted(arrays: PostingArrays, matches: Matches, mask: np.ndarray, sort: str,
            literal_mask: np.ndarray) -> np.ndarray:
    """Docnums of the matches by year (newest first, then by score, phrase bonuses left out), by
    largest amount, or (for a filter-only search) in report and passage order; passages holding
    the query's own words (``literal_mask``) before those found only through related words, so
    the largest amount is one the query asked about. Passages without the value come last."""
    docnums = np.flatnonzero(mask)
    if sort == "year":
        keys = (docnums, -matches.scores[docnums], -arrays.column("year", -1)[docnums])
    elif sort == "amount":
        keys = (docnums, -arrays.column("top_amount", -1)[docnums])
    else:
        keys = (docnums, arrays.column("seq", 0)[docnums], arrays.column("doc_id", 0)[docnums])
    return docnums[np.lexsort((*keys, ~literal_mask[docnums]))]


_open: dict[Path, tuple[tuple, object, object, PostingArrays]] = {}
_open_lock = threading.Lock()


def _index_version(data_dir: Path) -> tuple:
    """What identifies the index on disk now: its table-of-contents files and their times."""
    folder = index_dir(data_dir)
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_ino) for p in folder.glob("*.toc")))


@contextmanager
def open_searcher(data_dir: Path):
    """A searcher on the index of ``data_dir`` and the index's arrays, kept open between
    searches (opening costs more than a search) and reopened when the index changed on disk;
    one search at a time."""
    key = Path(data_dir).resolve()
    with _open_lock:
        version = _index_version(key) if index_exists(key) else ()
        cached = _open.get(key)
        if cached is None or cached[0] != version:
            if cached is not None:
                cached[2].close()
                cached[1].close()
            ix = open_whoosh_index(key)
            searcher = ix.searcher()
            cached = (version, ix, searcher, PostingArrays(index_dir(key), searcher))
            _open[key] = cached
        yield cached[2], cached[3]


def search(data_dir: Path, query: str, filters: Filters | None = None, page: int = 1,
           page_size: int = 20, sort: str = "relevance", use_thesaurus: bool = True,
           facets: bool = True) -> SearchResult:
    """Ranked passages for ``query`` under ``filters``; an empty query lists the filtered passages.

    By relevance, passages that contain what the user typed come first (ranked by BM25F), then
    those found only through the thesaurus or the work areas; by year or amount, all together.
    Matching and scoring run on the index's arrays (``index.search.engine.scoring``), as Whoosh would.
    """
    if page < 1 or page_size < 1:
        raise QueryError("page and page size start at 1")
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    parsed = parse(query)
    narrowing_queries = (filters or Filters()).by_facet()
    terms = highlight_terms(parsed, use_thesaurus=use_thesaurus)
    offset, wanted = (page - 1) * page_size, page * page_size
    with reading_index(data_dir), open_searcher(data_dir) as (searcher, arrays):
        scorer = Scorer(searcher, arrays)
        full = to_whoosh(parsed, use_thesaurus=use_thesaurus,
                         frequency=lambda term: searcher.doc_frequency("pieces", term))
        narrowing = {name: scorer.matches(_resolve(q, searcher)).mask
                     for name, q in narrowing_queries.items()}
        allowed = arrays.live.copy()
        for kept in narrowing.values():
            allowed &= kept
        ranked = sort == "relevance" and not parsed.is_empty()
        matches = scorer.matches(full)  # every match (the literal ones among them), unfiltered
        mask = matches.mask & allowed
        literal = None if parsed.is_empty() else to_whoosh(parsed, use_thesaurus=use_thesaurus,
                                                            literal_only=True)
        if ranked:
            best, scores, literal_mask = _two_tiers(scorer, literal, full, allowed, wanted, use_thesaurus)
            page_docs, page_scores = best[offset:wanted], scores[offset:wanted]
        else:
            literal_mask = mask if literal is None else scorer.matches(literal).mask & mask
            page_docs = _sorted(arrays, matches, mask, sort, literal_mask)[offset:wanted]
            page_scores = np.zeros(len(page_docs))
        hits = [_hit(searcher.stored_fields(int(d)), float(score), terms, literal=bool(literal_mask[d]))
                for d, score in zip(page_docs, page_scores)]
        return SearchResult(hits=hits, total=int(np.count_nonzero(mask)), page=page, page_size=page_size,
                            facets=_facet_counts(arrays, matches.mask, narrowing) if facets else {},
                            literal_total=int(np.count_nonzero(literal_mask)))
