"""Planning a search once, before anything is scored: the filters, the two tiers and the thesaurus words.

A search runs ``parse → plan → score → assemble`` (``index.search.service``). The plan is made on
the open searcher, because two of its choices read the index: a department filter becomes the
index's department names that contain its text (Whoosh has no substring query that stays fast), and
only the rarest thesaurus words present in the index are searched (their document frequencies).
Everything the scorer then evaluates is in the plan; nothing is planned again while scoring.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from whoosh import query as wq

from extract.errors import QueryError
from extract.records import ENTITY_LABELS
from extract.text.characters import same_length_view
from index.search.query import ParsedQuery, highlight_terms, tiers
from index.search.schema import yuan_to_fen
from index.search.thesaurus import department_forms


@dataclass
class Filters:
    """Narrowing a search: area code, year, department text (part of a name or a known short name),
    genre, region, entity label, amount in yuan; a department's id (``dept_id``) and a region
    level (province, city, county by name)."""

    area: str | None = None
    year: int | None = None
    dept: str | None = None
    genre: str | None = None
    region: str | None = None
    label: str | None = None
    min_yuan: float | None = None
    max_yuan: float | None = None
    dept_id: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None

    def by_facet(self, department_names: Iterable[str] = ()) -> dict[str, wq.Query]:
        """One Whoosh query per filter set, keyed by the facet it narrows (``amount`` has none).
        The department filter keeps those of ``department_names`` (the index's) containing its text."""
        parts: dict[str, wq.Query] = {}
        if self.area:
            parts["areas"] = wq.Term("areas", self.area)
        if self.year is not None:
            parts["year"] = wq.NumericRange("year", self.year, self.year)
        if self.dept:
            parts["department"] = department_query(self.dept, department_names)
        if self.genre:
            parts["genre"] = wq.Term("genre", self.genre)
        if self.region:
            parts["region"] = wq.Term("region", self.region)
        for name in ("province", "city", "county"):  # a region level: a province holds all its counties
            if getattr(self, name):
                parts[name] = wq.Term(name, getattr(self, name))
        if self.dept_id:
            parts["department_id"] = wq.Term("department_id", self.dept_id)
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

    def to_whoosh(self, department_names: Iterable[str] = ()) -> wq.Query | None:
        """The Whoosh filter query, or None when nothing is filtered."""
        parts = list(self.by_facet(department_names).values())
        if not parts:
            return None
        return wq.And(parts) if len(parts) > 1 else parts[0]


def department_query(text: str, names: Iterable[str]) -> wq.Query:
    """The departments among ``names`` whose name contains ``text`` or one of its known full or
    short forms (工商联 → 工商业联合会), as one query on ``department_facet``."""
    needles = department_forms(same_length_view(text).strip())
    matches = [wq.Term("department_facet", n) for n in names
               if any(needle in same_length_view(n) for needle in needles)]
    return wq.Or(matches) if matches else wq.NullQuery


@dataclass(frozen=True)
class QueryPlan:
    """What one search evaluates.

    ``exact``: passages holding what the user typed (None for a filter-only search);
    ``full``: those and the passages found through the thesaurus or the work area (every passage
    for a filter-only search); ``narrowing``: one query per filter set, by facet name;
    ``highlights``: the words to mark in a hit; ``ranked``: hits by score in two tiers (else by
    the sort's field, all together); ``use_thesaurus``: the second tier is searched.
    """

    exact: wq.Query | None
    full: wq.Query
    narrowing: dict[str, wq.Query]
    highlights: list[str]
    ranked: bool
    use_thesaurus: bool


def plan(parsed: ParsedQuery, filters: Filters, searcher, use_thesaurus: bool = True,
         sort: str = "relevance") -> QueryPlan:
    """The plan of ``parsed`` under ``filters`` on an open Whoosh ``searcher`` (for its department
    names and its document frequencies)."""
    frequency: Callable[[str], int] = lambda term: searcher.doc_frequency("pieces", term)  # noqa: E731
    names = (t.decode("utf-8") for t in searcher.lexicon("department_facet")) if filters.dept else ()
    exact, full = tiers(parsed, use_thesaurus=use_thesaurus, frequency=frequency)
    return QueryPlan(exact=exact, full=full, narrowing=filters.by_facet(names),
                     highlights=highlight_terms(parsed, use_thesaurus=use_thesaurus),
                     ranked=sort == "relevance" and not parsed.is_empty(), use_thesaurus=use_thesaurus)
