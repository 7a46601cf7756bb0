"""Indicator evaluation on a gold folder: do figures that measure the same thing in different
reports carry one canonical indicator?

A gold *kind* is a gold ``what`` as the catalogue normalizes it (``normalized_what``), with its
label; a kind whose name ends with another kind's name of three characters or more is that kind
(预算执行率 and 资金执行率 are kinds of 执行率: one measure written more fully). The kinds measured
are those that recur in two reports or more. For their figures: the share that carry an
indicator, the share of those that agree with their kind's most common indicator, and the
canonical names that two kinds or more share (two measures must not).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from extract.evaluation.gold import GoldDocument, entity_key, read_gold
from extract.figures.indicators import is_noise, normalized_what
from extract.paths import corpus_dir
from extract.records import Document, Metric
from extract.training.labels import ENTITY_FILES, labels_dir, load_jsonl


@dataclass
class IndicatorScores:
    """Counts behind the indicator figures: per gold kind, the indicator of each of its figures
    ('' when none, or when the figure was not found)."""

    by_kind: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    reports: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def merged(self) -> IndicatorScores:
        """The kinds joined where one name ends with another of three characters or more (the
        shortest such name names the kind)."""
        def root(kind: str) -> str:
            label, name = kind.split(" ", 1)
            ends = [k for k in self.reports if k != kind and k.split(" ", 1)[0] == label
                    and len(k.split(" ", 1)[1]) >= 3 and name.endswith(k.split(" ", 1)[1])]
            return root(min(ends, key=len)) if ends else kind

        joined = IndicatorScores()
        for kind in self.reports:
            joined.by_kind[root(kind)].update(self.by_kind[kind])
            joined.reports[root(kind)] |= self.reports[kind]
        return joined

    def recurring(self) -> list[str]:
        """The kinds that recur in two reports or more."""
        return sorted(kind for kind, docs in self.reports.items() if len(docs) >= 2)

    def figures(self) -> int:
        """Figures of the recurring kinds."""
        return sum(sum(self.by_kind[k].values()) for k in self.recurring())

    def named(self) -> int:
        """Figures of the recurring kinds that carry an indicator."""
        return sum(n for k in self.recurring() for name, n in self.by_kind[k].items() if name)

    def agreeing(self) -> int:
        """Named figures that carry their kind's most common indicator."""
        return sum(max((n for name, n in self.by_kind[k].items() if name), default=0)
                   for k in self.recurring())

    def shared_names(self) -> dict[str, int]:
        """Canonical names that are the most common indicator of two recurring kinds or more."""
        tops = Counter()
        for kind in self.recurring():
            named = Counter({name: n for name, n in self.by_kind[kind].items() if name})
            if named:
                tops[named.most_common(1)[0][0]] += 1
        return {name: n for name, n in sorted(tops.items()) if n >= 2}


def gold_kind(what: str | None) -> str:
    """The kind of a gold figure: its ``what`` normalized, '' for none or noise."""
    if not what or is_noise(what):
        return ""
    return normalized_what(what)


def _metrics_by_span(document: Document) -> dict[tuple[int, int, str], Metric]:
    """Each passage figure's metric, keyed by its span in the document and its label (a passage's
    metrics are its figures but dates, in order)."""
    found: dict[tuple[int, int, str], Metric] = {}
    for passage in document.passages:
        figures = [e for e in passage.entities if e.label != "DATE"]
        for ent, metric in zip(figures, passage.metrics):
            found[(passage.start + ent.start, passage.start + ent.end, ent.label)] = metric
    return found


def add_document(scores: IndicatorScores, document: Document, gold_doc: GoldDocument) -> None:
    """Count the indicators of ``document``'s figures under their gold kinds; gold figures are
    matched on their key in document order, as the entity evaluation matches them."""
    metrics = _metrics_by_span(document)
    unmatched: dict[tuple, list[dict]] = {}
    for g in gold_doc.entities:
        if g["label"] != "DATE":
            unmatched.setdefault(entity_key(g["label"], g["value"], g.get("unit")), []).append(g)
    indicator_of_gold: dict[int, str] = {}
    for ent in document.entities:
        candidates = unmatched.get(entity_key(ent.label, ent.value, ent.unit)) if ent.label != "DATE" else None
        if candidates:
            metric = metrics.get((ent.start, ent.end, ent.label))
            indicator_of_gold[id(candidates.pop(0))] = metric.indicator if metric else ""
    for g in gold_doc.entities:
        kind = gold_kind(g.get("what")) if g["label"] != "DATE" else ""
        if kind:
            scores.by_kind[f"{g['label']} {kind}"][indicator_of_gold.get(id(g), "")] += 1
            scores.reports[f"{g['label']} {kind}"].add(gold_doc.id)


def score_gold_indicators(documents: list[GoldDocument]) -> IndicatorScores:
    """Tag each gold document with the whole pipeline and count its figures' indicators by kind."""
    from extract.nlp.pipeline import tag_report

    scores = IndicatorScores()
    for gold_doc in documents:
        add_document(scores, tag_report(gold_doc.id, gold_doc.text), gold_doc)
    return scores


def seed_gold_documents() -> list[GoldDocument]:
    """The seed reports of ``corpus/`` with their hand-labelled figures (``entities_seeds``), as
    gold documents."""
    entities: dict[str, list[dict]] = defaultdict(list)
    for record in load_jsonl(labels_dir() / ENTITY_FILES["seed reports"]):
        entities[record["doc"]].extend(record["entities"])
    return [GoldDocument(id=doc, text=(corpus_dir() / f"{doc}.txt").read_text(encoding="utf-8"),
                         entities=found) for doc, found in sorted(entities.items())]


def indicator_lines(scores: IndicatorScores) -> list[str]:
    """The indicator figures as printable lines (counts and our canonical names only), for the
    kinds as written and as joined (``IndicatorScores.merged``)."""
    return [*_lines("kinds as written", scores), *_lines("kinds joined by their ends", scores.merged())]


def _lines(title: str, scores: IndicatorScores) -> list[str]:
    figures, named, agreeing = scores.figures(), scores.named(), scores.agreeing()
    lines = [f"  {title}: {len(scores.recurring())} of {len(scores.reports)} recur in 2 reports or more,"
             f" {figures} figures",
             f"    with an indicator: {named}/{figures} = {named / max(figures, 1):.3f}",
             f"    agreeing within their kind: {agreeing}/{named} = {agreeing / max(named, 1):.3f}"]
    shared = scores.shared_names()
    lines.append("    names two kinds or more share: "
                 + (", ".join(f"{name} ({n})" for name, n in shared.items()) or "none"))
    return lines


def indicator_report(gold: Path | None = None) -> str:
    """The indicator evaluation of a gold folder, or of the seed reports, as printable text."""
    title, documents = ("seed reports (entities_seeds)", seed_gold_documents()) if gold is None \
        else (f"gold folder {gold}", read_gold(gold))
    return "\n".join([title, *indicator_lines(score_gold_indicators(documents))])
