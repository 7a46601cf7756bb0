"""Records that cross the package boundaries: documents, passages, entities, metrics, budgets."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

ENTITY_LABELS = ("MONEY", "PERCENT", "COUNT", "DATE")
"""The labels an Entity can have (SPEC "Entities")."""

FIGURE_LABELS = ("MONEY", "PERCENT", "COUNT")
"""The labels that are figures a metric can hold (DATE is not)."""

BUDGET_FIELDS: dict[str, str] = {
    "initial_budget": "年初预算数",
    "adjusted_budget": "调整后预算数",
    "spent": "执行数",
    "completion_rate": "预算执行率",
    "basic_spending": "基本支出",
    "project_spending": "项目支出",
    "carryover": "结转结余",
}
"""The figures of a BudgetSummary, in order, with the name a reader sees."""


def _from_dict(cls: type, data: dict[str, Any]) -> Any:
    """Build dataclass ``cls`` from ``data``, ignoring keys it does not know."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Entity:
    """One figure in the text.

    label: MONEY, PERCENT, COUNT or DATE.
    text, start, end: the span; offsets index the text of the record that holds the entity.
    value: the number in Arabic form as a string ("1288.68", "2022-06", "2021/2025").
    unit: 元/万元/亿元/千元, %, a measure word, or None for DATE.
    yuan: MONEY only, the amount in 元.
    qualifier: approx, gt, gte, lt, lte or None.
    what: what the figure measures, or None when the text does not say.
    """

    label: str
    text: str
    start: int
    end: int
    value: str
    unit: str | None = None
    yuan: float | None = None
    qualifier: str | None = None
    what: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)  # flat: no need for asdict's deep copy (hot in the pipeline)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return _from_dict(cls, data)

    def shifted(self, offset: int) -> Entity:
        """The same entity with offsets moved by ``offset`` characters."""
        return replace(self, start=self.start + offset, end=self.end + offset)


@dataclass
class Metric:
    """A figure with what it measures, in one passage.

    role: for table rows, target/actual/rate/total (else None); total: a 合计 or 小计 row's figure.
    indicator: the canonical name of what it measures (``extract/figures/data/indicators.tsv``),
    '' when the catalogue has none; indicator_kind: the sub-kind its written form names (重点 of
    重点提案, 群众 of 群众满意度), '' when none.
    """

    what: str | None
    value: str
    unit: str | None
    qualifier: str | None
    label: str
    passage_id: str
    role: str | None = None
    indicator: str = ""
    indicator_kind: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Metric:
        return _from_dict(cls, data)


@dataclass
class Passage:
    """A paragraph or a table row of a document.

    id: "<doc_id>:<n>"; start/end: offsets in the document's normalized text;
    section: the headings above it, outermost first; kind: "paragraph", "table_row" or
    "furniture" (a web page's breadcrumbs and fields, kept apart from the report's text);
    areas/area_scores: work areas (SPEC codes) and their scores;
    header: a table row's table header, the text of that row (its cells tab-separated), as the
    pipeline decided it (``extract.text.lines.is_header_row``); a header row holds its own
    text (``is_header``); "" for a row of a table without one, and for a paragraph.
    """

    id: str
    text: str
    start: int
    end: int
    section: list[str] = field(default_factory=list)
    kind: str = "paragraph"
    areas: list[str] = field(default_factory=list)
    area_scores: dict[str, float] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    header: str = ""

    @property
    def is_header(self) -> bool:
        """True for the header row of a table: the column names of the rows below it."""
        return self.kind == "table_row" and bool(self.header) and self.header == self.text

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "section": list(self.section),
            "kind": self.kind,
            "areas": list(self.areas),
            "area_scores": dict(self.area_scores),
            "entities": [e.to_dict() for e in self.entities],
            "metrics": [m.to_dict() for m in self.metrics],
            "header": self.header,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Passage:
        passage = _from_dict(cls, data)
        passage.entities = [Entity.from_dict(e) for e in data.get("entities", [])]
        passage.metrics = [Metric.from_dict(m) for m in data.get("metrics", [])]
        return passage


@dataclass
class BudgetCheck:
    """One consistency check of a budget summary: the stated figure, the computed one, agreement."""

    name: str
    stated: float
    computed: float
    difference: float
    agrees: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class BudgetSummary:
    """A report's budget figures in 万元 (rates in %), and the checks between them."""

    initial_budget: float | None = None
    adjusted_budget: float | None = None
    spent: float | None = None
    completion_rate: float | None = None
    basic_spending: float | None = None
    project_spending: float | None = None
    carryover: float | None = None
    checks: list[BudgetCheck] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["checks"] = [c.to_dict() for c in self.checks]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BudgetSummary:
        summary = _from_dict(cls, data)
        summary.checks = [_from_dict(BudgetCheck, c) for c in data.get("checks", [])]
        return summary

    def is_empty(self) -> bool:
        """True when the report states none of the figures."""
        return all(getattr(self, name) is None for name in BUDGET_FIELDS)


@dataclass
class Document:
    """A report: its id, metadata, normalized text and what was extracted from it.

    meta keys: title, department, region, year, genre, source (and anything given at ingest).
    date: the day the report is dated, ISO (2024-03-15): the date given at ingest, else its
    signing date (落款); '' when it has none.
    """

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    passages: list[Passage] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    budget: BudgetSummary = field(default_factory=BudgetSummary)
    date: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "meta": dict(self.meta),
            "text": self.text,
            "entities": [e.to_dict() for e in self.entities],
            "passages": [p.to_dict() for p in self.passages],
            "budget": self.budget.to_dict(),
            "date": self.date,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(
            id=data["id"],
            text=data["text"],
            meta=dict(data.get("meta", {})),
            passages=[Passage.from_dict(p) for p in data.get("passages", [])],
            entities=[Entity.from_dict(e) for e in data.get("entities", [])],
            budget=BudgetSummary.from_dict(data.get("budget") or {}),
            date=data.get("date") or "",
        )


CONTENT_META = ("title", "department", "region", "year", "genre")
"""The document metadata a passage's search entry carries, and so its content hash covers."""


def content_hash(doc: Document, seq: int) -> str:
    """A digest of everything the search index holds for passage ``seq`` of ``doc``.

    The store and the index both keep it, so ``jixiao check`` can tell a stale index entry (same
    id, older text) from a current one; equal for a tagged document and the same document read
    back from the store.
    """
    passage = doc.passages[seq]
    content = [doc.id, seq, [doc.meta.get(key) for key in CONTENT_META], passage.id, passage.text,
               list(passage.section), passage.kind, sorted(passage.areas),
               [e.to_dict() for e in passage.entities]]
    encoded = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.blake2b(encoded.encode("utf-8"), digest_size=16).hexdigest()
