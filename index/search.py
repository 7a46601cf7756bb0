"""Searching the passage index: ranked, filtered, faceted, paginated hits with highlights."""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from whoosh import query as wq
from whoosh import sorting

from extract.entities import view
from extract.errors import QueryError
from extract.records import Entity
from index.analyzer import analyze
from index.query import highlight_terms, parse, to_whoosh
from index.writer import open_index

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
            words = analyze(self.dept)
            if words:
                parts.append(wq.Phrase("department", words) if len(words) > 1
                             else wq.Term("department", words[0]))
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
    """One page of hits, the total number of matches, and facet counts over all matches."""

    hits: list[Hit]
    total: int
    page: int
    page_size: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


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


_FACETS = {
    "areas": sorting.FieldFacet("areas", allow_overlap=True),
    "labels": sorting.FieldFacet("labels", allow_overlap=True),
    "year": sorting.FieldFacet("year"),
    "genre": sorting.FieldFacet("genre"),
    "department": sorting.FieldFacet("department_facet"),
}


def search(data_dir: Path, query: str, filters: Filters | None = None, page: int = 1,
           page_size: int = 20, sort: str = "relevance", use_thesaurus: bool = True,
           facets: bool = True) -> SearchResult:
    """Ranked passages for ``query`` under ``filters``; an empty query lists the filtered passages."""
    if page < 1 or page_size < 1:
        raise QueryError("page and page size start at 1")
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    parsed = parse(query)
    whoosh_query = to_whoosh(parsed, use_thesaurus=use_thesaurus)
    filter_query = (filters or Filters()).to_whoosh()
    terms = highlight_terms(parsed, use_thesaurus=use_thesaurus)
    sortedby = None
    if sort == "year":
        sortedby = [sorting.FieldFacet("year", reverse=True), sorting.ScoreFacet()]
    elif sort == "amount" or (parsed.is_empty() and sort == "relevance"):
        sortedby = [sorting.FieldFacet("top_amount", reverse=True)] if sort == "amount" \
            else [sorting.FieldFacet("doc_id"), sorting.FieldFacet("seq")]
    ix = open_index(data_dir)
    try:
        with ix.searcher() as searcher:
            groupedby = {name: f for name, f in _FACETS.items()} if facets else None
            results = searcher.search_page(
                whoosh_query, page, pagelen=page_size, filter=filter_query, sortedby=sortedby,
                groupedby=groupedby, maptype=sorting.Count if facets else None)
            facet_counts: dict[str, dict[str, int]] = {}
            if facets:
                for name in _FACETS:
                    counts = results.results.groups(name)
                    facet_counts[name] = {str(k): v for k, v in sorted(
                        counts.items(), key=lambda kv: (-kv[1], str(kv[0]))) if k not in (None, "")}
            hits = [
                Hit(doc_id=h["doc_id"], passage_id=h["passage_id"],
                    score=round(float(h.score or 0.0), 4), title=h.get("title", ""),
                    department=h.get("department", ""), year=h.get("year"),
                    section=h.get("section", ""), text=h["text"],
                    highlight=highlight(h["text"], terms),
                    areas=[a for a in h.get("areas", "").split(",") if a],
                    entities=[Entity.from_dict(e) for e in json.loads(h.get("entities") or "[]")])
                for h in results
            ]
            return SearchResult(hits=hits, total=results.total, page=page, page_size=page_size,
                                facets=facet_counts)
    finally:
        ix.close()
