"""Searching the passage index: ranked, filtered, faceted, paginated hits with highlights."""

from __future__ import annotations

import html
import threading
from contextlib import contextmanager
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from whoosh import query as wq
from whoosh import sorting
from whoosh.fields import NUMERIC

from extract.entities import view
from extract.errors import QueryError
from extract.records import Entity
from index.query import highlight_terms, parse, to_whoosh
from index.writer import index_dir, index_exists, open_index

SORTS = ("relevance", "year", "amount")
LABELS = ("MONEY", "PERCENT", "COUNT", "DATE")


@dataclass
class Filters:
    """Narrowing a search: area code, year, department text, genre, entity label, amount in yuan."""

    area: str | None = None
    year: int | None = None
    dept: str | None = None
    genre: str | None = None
    label: str | None = None
    min_yuan: float | None = None
    max_yuan: float | None = None

    def to_whoosh(self) -> wq.Query | None:
        """The Whoosh filter query, or None when nothing is filtered."""
        parts: list[wq.Query] = []
        if self.area:
            parts.append(wq.Term("areas", self.area))
        if self.year is not None:
            parts.append(wq.NumericRange("year", self.year, self.year))
        if self.dept:
            parts.append(_DepartmentFilter(self.dept))
        if self.genre:
            parts.append(wq.Term("genre", self.genre))
        if self.label:
            if self.label not in LABELS:
                raise QueryError(f"unknown entity label {self.label!r}; use one of {', '.join(LABELS)}")
            parts.append(wq.Term("labels", self.label))
        if self.min_yuan is not None or self.max_yuan is not None:
            if self.min_yuan is not None and self.max_yuan is not None and self.min_yuan > self.max_yuan:
                raise QueryError("the minimum amount is larger than the maximum")
            low = None if self.min_yuan is None else int(round(self.min_yuan * 100))
            high = None if self.max_yuan is None else int(round(self.max_yuan * 100))
            parts.append(wq.NumericRange("amounts", low, high))
        if not parts:
            return None
        return wq.And(parts) if len(parts) > 1 else parts[0]


@dataclass
class Hit:
    """A ranked passage: where it comes from, its text, the highlighted HTML, areas and entities."""

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

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["entities"] = [e.to_dict() for e in self.entities]
        return data


@dataclass
class SearchResult:
    """One page of hits, the number of matches, and facet counts over all matches.

    total is exact when ``exact`` (always with facets); otherwise an upper estimate, because
    counting every match of a broad query costs more than finding the best page.
    """

    hits: list[Hit]
    total: int
    page: int
    page_size: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    exact: bool = True


def highlight(text: str, terms: list[str]) -> str:
    """``text`` HTML-escaped with every occurrence of ``terms`` wrapped in <mark>."""
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(view(t)) for t in terms))
    out: list[str] = []
    last = 0
    for match in pattern.finditer(view(text)):
        out.append(html.escape(text[last:match.start()]))
        out.append(f"<mark>{html.escape(text[match.start():match.end()])}</mark>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


_FACET_FIELDS = {"areas": "areas", "labels": "labels", "year": "year", "genre": "genre",
                 "department": "department_facet"}
"""Facet name → the index field counted."""


class _DepartmentFilter(wq.Query):
    """Placeholder for "department contains TEXT": resolved against the index's department names
    by ``_resolve`` (Whoosh has no substring query that stays fast)."""

    def __init__(self, text: str) -> None:
        self.text = text


def _resolve(query: wq.Query | None, searcher) -> wq.Query | None:
    """Replace department placeholders with the departments of the index that contain the text."""
    if isinstance(query, _DepartmentFilter):
        needle = view(query.text).strip()
        names = [t.decode("utf-8") for t in searcher.lexicon("department_facet")]
        matches = [wq.Term("department_facet", n) for n in names if needle in view(n)]
        return wq.Or(matches) if matches else wq.NullQuery
    if isinstance(query, wq.And):
        return wq.And([_resolve(q, searcher) for q in query.subqueries])
    return query


def _hit(h, terms: list[str], ranked: bool) -> Hit:
    score = h.score if ranked and isinstance(h.score, (int, float)) else 0.0
    return Hit(doc_id=h["doc_id"], passage_id=h["passage_id"], score=round(float(score), 4),
               title=h.get("title", ""), department=h.get("department", ""), year=h.get("year"),
               section=h.get("section", ""), text=h["text"], highlight=highlight(h["text"], terms),
               areas=[a for a in h.get("areas", "").split(",") if a],
               entities=[Entity.from_dict(e) for e in json.loads(h.get("entities") or "[]")])


def _narrowed(query: wq.Query, filter_query: wq.Query | None) -> wq.Query:
    """``query`` restricted by the filters without changing its scores: intersecting with a
    zero-score query lets Whoosh skip ahead, where its ``filter=`` builds the filter's whole set."""
    if filter_query is None:
        return query
    return wq.And([query, wq.ConstantScoreQuery(filter_query, 0.0)])


def _facet_counts(searcher, query: wq.Query, filter_query: wq.Query | None
                  ) -> tuple[int, dict[str, dict[str, int]]]:
    """The exact number of matches and, per facet, how many of them hold each value.

    The matches are listed without scoring them, then each facet value's postings are counted
    against that set: cheaper than Whoosh's grouping, which scores every match first.
    """
    matched = set(searcher.docs_for_query(_narrowed(query, filter_query)))
    reader = searcher.reader()
    counts: dict[str, dict[str, int]] = {}
    for name, fieldname in _FACET_FIELDS.items():
        field = searcher.schema[fieldname]
        terms = field.sortable_terms(reader, fieldname) if isinstance(field, NUMERIC) \
            else reader.lexicon(fieldname)
        values: dict[str, int] = {}
        for term in terms:
            n = sum(1 for docnum in reader.postings(fieldname, term).all_ids() if docnum in matched)
            if n:
                value = field.from_bytes(term) if isinstance(field, NUMERIC) else term.decode("utf-8")
                values[str(value)] = n
        counts[name] = dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0])))
    return len(matched), counts


def _two_tiers(searcher, parsed, literal: wq.Query, full: wq.Query, filter_query: wq.Query | None,
               offset: int, wanted: int, use_thesaurus: bool) -> tuple[list, int]:
    """Hits offset..wanted: literal matches first; the thesaurus tier is searched only when the
    literal matches do not fill the page. Returns the hits and an estimate of all matches."""
    first = searcher.search(_narrowed(literal, filter_query), limit=wanted)
    found = list(first)[offset:wanted]
    total = first.estimated_length()
    if use_thesaurus and first.scored_length() < wanted:
        literal_total = first.scored_length()  # every literal match fits on the pages so far
        rest = searcher.search(_narrowed(wq.AndNot(full, to_whoosh(parsed, use_thesaurus=False)),
                                         filter_query), limit=wanted - literal_total)
        skip = max(0, offset - literal_total)
        found += list(rest)[skip:skip + (wanted - offset) - len(found)]
        total = literal_total + rest.estimated_length()
    return found, total


_open: dict[Path, tuple[tuple, object, object]] = {}
_open_lock = threading.Lock()


def _index_version(data_dir: Path) -> tuple:
    """What identifies the index on disk now: its table-of-contents files and their times."""
    folder = index_dir(data_dir)
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_ino) for p in folder.glob("*.toc")))


@contextmanager
def open_searcher(data_dir: Path):
    """A searcher on the index of ``data_dir``, kept open between searches (opening costs more
    than a search) and reopened when the index changed on disk; one search at a time."""
    key = Path(data_dir).resolve()
    with _open_lock:
        version = _index_version(key) if index_exists(key) else ()
        cached = _open.get(key)
        if cached is None or cached[0] != version:
            if cached is not None:
                cached[2].close()
                cached[1].close()
            ix = open_index(key)
            cached = (version, ix, ix.searcher())
            _open[key] = cached
        yield cached[2]


def search(data_dir: Path, query: str, filters: Filters | None = None, page: int = 1,
           page_size: int = 20, sort: str = "relevance", use_thesaurus: bool = True,
           facets: bool = True) -> SearchResult:
    """Ranked passages for ``query`` under ``filters``; an empty query lists the filtered passages.

    By relevance, passages that contain what the user typed come first (ranked by BM25F), then
    those found only through the thesaurus or the work areas; by year or amount, all together.
    """
    if page < 1 or page_size < 1:
        raise QueryError("page and page size start at 1")
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    parsed = parse(query)
    filter_query = (filters or Filters()).to_whoosh()
    terms = highlight_terms(parsed, use_thesaurus=use_thesaurus)
    offset, wanted = (page - 1) * page_size, page * page_size
    with open_searcher(data_dir) as searcher:
        full = to_whoosh(parsed, use_thesaurus=use_thesaurus,
                         frequency=lambda term: searcher.doc_frequency("pieces", term))
        literal = to_whoosh(parsed, use_thesaurus=use_thesaurus, literal_only=True)
        filter_query = _resolve(filter_query, searcher)
        if filter_query is not None and not any(True for _ in searcher.docs_for_query(filter_query)):
            # a filter that keeps nothing: answer at once
            return SearchResult(hits=[], total=0, page=page, page_size=page_size,
                                facets={name: {} for name in _FACET_FIELDS} if facets else {})
        ranked = sort == "relevance" and not parsed.is_empty()
        if not ranked:
            sortedby = {"year": [sorting.FieldFacet("year", reverse=True), sorting.ScoreFacet()],
                        "amount": [sorting.FieldFacet("top_amount", reverse=True)]}.get(
                sort, [sorting.FieldFacet("doc_id"), sorting.FieldFacet("seq")])
            results = searcher.search(_narrowed(full, filter_query), limit=wanted, sortedby=sortedby)
            found, total = list(results)[offset:wanted], len(results)
        else:
            found, total = _two_tiers(searcher, parsed, literal, full, filter_query,
                                      offset, wanted, use_thesaurus)
        exact = False
        facet_counts: dict[str, dict[str, int]] = {}
        if facets:
            total, facet_counts = _facet_counts(searcher, full, filter_query)
            exact = True
        return SearchResult(hits=[_hit(h, terms, ranked) for h in found], total=total, page=page,
                            page_size=page_size, facets=facet_counts, exact=exact)
