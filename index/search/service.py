"""Searching the passage index: ranked, filtered, faceted, paginated hits with highlights."""

from __future__ import annotations

import html
import json
import re
import threading
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import query as wq

from extract.errors import QueryError
from extract.records import Entity
from extract.text.characters import same_length_view
from index.search.directory import reading_index
from index.search.engine.postings import PostingArrays
from index.search.engine.scoring import Matches, Scorer
from index.search.plan import Filters, QueryPlan, plan
from index.search.query import parse
from index.search.searchers import open_searcher

__all__ = ["SEARCH_TURN", "SORTS", "Filters", "Hit", "SearchResult", "highlight", "matching_documents", "search"]

SORTS = ("relevance", "year", "amount")
SEARCH_TURN = threading.RLock()
"""Held by each search of the process for its whole run, so that searches take turns (re-entrant: a
caller that reads the store for the hits holds it around both). A search makes hundreds of short
numpy calls, and each lets go of the interpreter lock: searches run side by side hand that lock from
thread to thread at every one of them (four threads: 1,300 futex calls a search against 9, and 0.67
of one thread's queries a second), while searches that take turns keep it. docs/speed.md has the
measurement."""


@dataclass
class Hit:
    """A ranked passage: where it comes from, its text, the highlighted HTML, areas and entities;
    ``exact`` is False for a passage found only through related words or the work area; whose
    report it is: ``department_id`` and ``region_levels`` (with the division code)."""

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
    exact: bool = True
    department_id: str = ""
    region_levels: dict[str, str] = field(default_factory=dict)
    """``{"province", "city", "county", "code"}`` of the report's region (the store's, see
    ``index.departments.hit_identities``); empty when the report names no region."""

    def to_dict(self) -> dict[str, Any]:
        """The SPEC's hit fields (``exact`` is for the app's divider, not part of the contract)."""
        data = asdict(self)
        data["entities"] = [e.to_dict() for e in self.entities]
        del data["exact"]
        return data


@dataclass
class SearchResult:
    """One page of hits, the exact number of matches, and facet counts: for each facet, the
    query's matches under every filter but that facet's own, per value. ``exact_total``: how
    many of the ``total`` matches contain what the user typed (the others come through related
    words or the work area; all of them for a filter-only search)."""

    hits: list[Hit]
    total: int
    page: int
    page_size: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    exact_total: int = 0


@lru_cache(maxsize=256)
def _marked(terms: tuple[str, ...]) -> re.Pattern | None:
    """The pattern of ``terms``, longest first (made once for a search's hits, not once a hit)."""
    terms = tuple(sorted({t for t in terms if t}, key=len, reverse=True))
    return re.compile("|".join(re.escape(same_length_view(t)) for t in terms)) if terms else None


def highlight(text: str, terms: list[str]) -> str:
    """``text`` HTML-escaped with every occurrence of ``terms`` wrapped in <mark>."""
    pattern = _marked(tuple(terms))
    if pattern is None:
        return html.escape(text)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(same_length_view(text)):
        out.append(html.escape(text[last:match.start()]))
        out.append(f"<mark>{html.escape(text[match.start():match.end()])}</mark>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


_FACET_FIELDS = {"areas": "areas", "labels": "labels", "year": "year", "genre": "genre",
                 "region": "region", "department": "department_facet", "province": "province",
                 "city": "city", "county": "county", "department_id": "department_id"}
"""Facet name → the index field counted (the names ``Filters.by_facet`` keys its queries by)."""
_LEVELS_BELOW = {"province": ("city", "county"), "city": ("county",)}
"""A region level's facet is counted without the filters of the levels under it: choosing another
province drops the city and county chosen in the old one (the app's cascade), so its count says so."""


def _hit(fields: dict[str, Any], score: float, terms: list[str], exact: bool = True) -> Hit:
    return Hit(doc_id=fields["doc_id"], passage_id=fields["passage_id"], score=round(score, 4),
               title=fields.get("title", ""), department=fields.get("department", ""),
               year=fields.get("year"), section=fields.get("section", ""), text=fields["text"],
               highlight=highlight(fields["text"], terms),
               areas=[a for a in fields.get("areas", "").split(",") if a],
               entities=[Entity.from_dict(e) for e in json.loads(fields.get("entities") or "[]")],
               exact=exact, department_id=fields.get("department_id") or "")


def _facet_counts(arrays: PostingArrays, matched: np.ndarray, narrowing: dict[str, np.ndarray]
                  ) -> dict[str, dict[str, int]]:
    """Per facet, how many of the query's matches hold each value, most frequent first, under
    every filter but the facet's own (and, for a region level, those of the levels under it): each
    count says what choosing that value would keep."""
    counts: dict[str, dict[str, int]] = {}
    for name, fieldname in _FACET_FIELDS.items():
        mask = matched.copy()
        for other, kept in narrowing.items():
            if other != name and other not in _LEVELS_BELOW.get(name, ()):
                mask &= kept
        values = {str(value): n for value, n in arrays.counts(fieldname, mask).items()}
        counts[name] = dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0])))
    return counts


def _two_tiers(scorer: Scorer, exact: wq.Query, full: wq.Query, allowed: np.ndarray,
               wanted: int, use_thesaurus: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The best ``wanted`` docnums, exact matches first (the thesaurus tier is ranked only when
    they do not fill the pages so far), their scores, and the mask of the exact matches."""
    exact_matches, best = scorer.rank(exact, wanted, allowed)
    scores = exact_matches.scores[best]
    if use_thesaurus and len(best) < wanted:
        rest_matches, rest = scorer.rank(full, wanted - len(best), allowed & ~exact_matches.mask)
        best, scores = np.concatenate([best, rest]), np.concatenate([scores, rest_matches.scores[rest]])
    return best, scores, exact_matches.mask & allowed


def _sorted(arrays: PostingArrays, matches: Matches, mask: np.ndarray, sort: str,
            exact_mask: np.ndarray) -> np.ndarray:
    """Docnums of the matches by year (newest first, then by score, phrase bonuses left out), by
    largest amount, or (for a filter-only search) in report and passage order; passages holding
    the query's own words (``exact_mask``) before those found only through related words, so
    the largest amount is one the query asked about. Passages without the value come last."""
    docnums = np.flatnonzero(mask)
    if sort == "year":
        keys = (docnums, -matches.scores[docnums], -arrays.column("year", -1)[docnums])
    elif sort == "amount":
        keys = (docnums, -arrays.column("top_amount", -1)[docnums])
    else:
        keys = (docnums, arrays.column("seq", 0)[docnums], arrays.column("doc_id", 0)[docnums])
    return docnums[np.lexsort((*keys, ~exact_mask[docnums]))]


def _check_paging(page: int, page_size: int, sort: str) -> None:
    if page < 1 or page_size < 1:
        raise QueryError("page and page size start at 1")
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")


@dataclass
class _Scored:
    """What scoring a plan gives: the page's docnums and scores, every match of the full query
    (unfiltered), the filtered matches, the exact ones among them, and each filter's mask."""

    page_docs: np.ndarray
    page_scores: np.ndarray
    matched: np.ndarray
    kept: np.ndarray
    exact: np.ndarray
    narrowing: dict[str, np.ndarray]


def _allowed(scorer: Scorer, arrays: PostingArrays, narrowing: dict[str, wq.Query]
             ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The live passages every filter keeps, and each filter's own mask."""
    masks = {name: scorer.matches(q).mask for name, q in narrowing.items()}
    allowed = arrays.live.copy()
    for kept in masks.values():
        allowed &= kept
    return allowed, masks


def _score(the_plan: QueryPlan, scorer: Scorer, arrays: PostingArrays, sort: str,
           offset: int, wanted: int) -> _Scored:
    """Evaluate the plan: the filters, every match, then the page (two tiers by relevance)."""
    allowed, masks = _allowed(scorer, arrays, the_plan.narrowing)
    matches = scorer.matches(the_plan.full)  # every match (the exact ones among them), unfiltered
    kept = matches.mask & allowed
    if the_plan.ranked:
        best, scores, exact_mask = _two_tiers(scorer, the_plan.exact, the_plan.full, allowed, wanted,
                                                the_plan.use_thesaurus)
        page_docs, page_scores = best[offset:wanted], scores[offset:wanted]
    else:
        exact_mask = kept if the_plan.exact is None else scorer.matches(the_plan.exact).mask & kept
        page_docs = _sorted(arrays, matches, kept, sort, exact_mask)[offset:wanted]
        page_scores = np.zeros(len(page_docs))
    return _Scored(page_docs, page_scores, matches.mask, kept, exact_mask, masks)


def search(data_dir: Path, query: str, filters: Filters | None = None, page: int = 1,
           page_size: int = 20, sort: str = "relevance", use_thesaurus: bool = True,
           facets: bool = True) -> SearchResult:
    """Ranked passages for ``query`` under ``filters``; an empty query lists the filtered passages.

    By relevance, passages that contain what the user typed come first (ranked by BM25F), then
    those found only through the thesaurus or the work areas; by year or amount, all together.
    The query is parsed, planned once on the open index (``index.search.plan``), scored on the
    index's arrays (``index.search.engine.scoring``, as Whoosh would) and assembled into hits.
    """
    _check_paging(page, page_size, sort)
    parsed = parse(query)
    offset, wanted = (page - 1) * page_size, page * page_size
    with SEARCH_TURN, reading_index(data_dir), open_searcher(data_dir) as (searcher, arrays):
        the_plan = plan(parsed, filters or Filters(), searcher, use_thesaurus, sort)
        scored = _score(the_plan, Scorer(searcher, arrays), arrays, sort, offset, wanted)
        hits = [_hit(searcher.stored_fields(int(d)), float(score), the_plan.highlights,
                     exact=bool(scored.exact[d]))
                for d, score in zip(scored.page_docs, scored.page_scores)]
        return SearchResult(hits=hits, total=int(np.count_nonzero(scored.kept)), page=page, page_size=page_size,
                            facets=_facet_counts(arrays, scored.matched, scored.narrowing) if facets else {},
                            exact_total=int(np.count_nonzero(scored.exact)))


def matching_documents(data_dir: Path, query: str, filters: Filters | None = None,
                       use_thesaurus: bool = True) -> list[str]:
    """The ids of the documents holding a passage that ``search`` would find, sorted; no hit is
    read or assembled (an export of what a search finds)."""
    parsed = parse(query)
    with SEARCH_TURN, reading_index(data_dir), open_searcher(data_dir) as (searcher, arrays):
        the_plan = plan(parsed, filters or Filters(), searcher, use_thesaurus, sort="year")
        scorer = Scorer(searcher, arrays)
        allowed, _ = _allowed(scorer, arrays, the_plan.narrowing)
        kept = scorer.matches(the_plan.full).mask & allowed
        return sorted(str(doc_id) for doc_id in arrays.counts("doc_id", kept))
