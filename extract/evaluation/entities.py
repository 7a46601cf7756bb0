"""Entity evaluation against ``corpus/labels`` (see its GUIDELINES.md): precision, recall and F1
per label, and the share of figures whose ``what`` is right."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from extract.evaluation.gold import GoldDocument, entity_key, read_gold
from extract.figures.entities import find_entities
from extract.figures.indicators import indicator_of
from extract.figures.what import infer_what
from extract.records import ENTITY_LABELS, FIGURE_LABELS, Document, Entity
from extract.text.characters import to_simplified
from extract.training.labels import ENTITY_FILES, labels_dir, load_jsonl


def _same_value(a: str, b: str) -> bool:
    try:
        return Decimal(a) == Decimal(b)
    except (InvalidOperation, TypeError):
        return a == b


def _what_matches(predicted: str | None, gold: str | None) -> bool:
    if not predicted or not gold:
        return False
    p, g = to_simplified(predicted).strip(), to_simplified(gold).strip()
    return p == g or p in g or g in p


@dataclass
class EntityScores:
    """Counts behind the entity figures."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    what_total: int = 0
    what_right: int = 0
    errors: list[str] = field(default_factory=list)
    metrics: int = 0
    named_metrics: int = 0
    gold_whats: int = 0
    named_gold_whats: int = 0
    mappings: Counter = field(default_factory=Counter)
    """(indicator, what as written) of the metrics the catalogue names, for a checked sample."""

    def prf(self, labels: tuple[str, ...]) -> tuple[float, float, float]:
        """Precision, recall and F1 over ``labels``."""
        tp = sum(self.tp[l] for l in labels)
        fp = sum(self.fp[l] for l in labels)
        fn = sum(self.fn[l] for l in labels)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_entities(records: list[dict]) -> EntityScores:
    """Compare the tagger with the gold entities of ``records``.

    A predicted entity is right when a gold one has the same label, an overlapping span and the
    same value and unit; ``what`` is right when one phrase contains the other.
    """
    scores = EntityScores()
    for record in records:
        text = record["text"]
        predicted = find_entities(text)
        infer_what(text, predicted)
        gold = [Entity.from_dict(g) for g in record["entities"]]
        unmatched = list(gold)
        for ent in predicted:
            match = next((g for g in unmatched if g.label == ent.label and g.start < ent.end
                          and ent.start < g.end and _same_value(g.value, ent.value)
                          and (g.unit or None) == (ent.unit or None)), None)
            if match is None:
                scores.fp[ent.label] += 1
                scores.errors.append(f"FP {record['id']}: {ent.label} {ent.text!r} "
                                     f"value={ent.value} unit={ent.unit}")
                continue
            unmatched.remove(match)
            scores.tp[ent.label] += 1
            if match.label != "DATE" and match.what:
                scores.what_total += 1
                if _what_matches(ent.what, match.what):
                    scores.what_right += 1
                else:
                    scores.errors.append(f"WHAT {record['id']}: {ent.text!r} "
                                         f"got {ent.what!r}, want {match.what!r}")
        for g in unmatched:
            scores.fn[g.label] += 1
            scores.errors.append(f"FN {record['id']}: {g.label} {g.text!r} value={g.value} unit={g.unit}")
    return scores


def _count_indicators(scores: EntityScores, document: Document, gold_doc: GoldDocument) -> None:
    """How many metrics, and how many gold ``what``s, the indicator catalogue names."""
    for metric in (m for p in document.passages for m in p.metrics):
        scores.metrics += 1
        if metric.indicator:
            scores.named_metrics += 1
            scores.mappings[(metric.indicator, metric.what)] += 1
    for g in gold_doc.entities:
        if g["label"] != "DATE" and g.get("what"):
            scores.gold_whats += 1
            scores.named_gold_whats += bool(indicator_of(g["what"], g["label"]))


def score_gold_entities(documents: list[GoldDocument]) -> EntityScores:
    """Compare the whole pipeline (layout included) with the gold entities of a gold folder.

    Gold entities have no offsets: a predicted entity is right when an unmatched gold one of the
    same document has the same key (``entity_key``), taken in document order.
    """
    from extract.nlp.pipeline import tag_report

    scores = EntityScores()
    for gold_doc in documents:
        document = tag_report(gold_doc.id, gold_doc.text)
        predicted = document.entities
        _count_indicators(scores, document, gold_doc)
        unmatched: dict[tuple, list[dict]] = {}
        for g in gold_doc.entities:
            unmatched.setdefault(entity_key(g["label"], g["value"], g.get("unit")), []).append(g)
        for ent in predicted:
            candidates = unmatched.get(entity_key(ent.label, ent.value, ent.unit))
            if not candidates:
                scores.fp[ent.label] += 1
                scores.errors.append(f"FP {gold_doc.id}: {ent.label} {ent.text!r}")
                continue
            match = candidates.pop(0)
            scores.tp[ent.label] += 1
            if match["label"] != "DATE" and match.get("what"):
                scores.what_total += 1
                if _what_matches(ent.what, match["what"]):
                    scores.what_right += 1
                else:
                    scores.errors.append(f"WHAT {gold_doc.id}: {ent.text!r} got {ent.what!r}, "
                                         f"want {match['what']!r}")
        for left in unmatched.values():
            for g in left:
                scores.fn[g["label"]] += 1
                scores.errors.append(f"FN {gold_doc.id}: {g['label']} {g['text']!r}")
    return scores


def _entity_table(name: str, scores: EntityScores) -> list[str]:
    lines = [f"{name}", f"  {'label':<22}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}"]
    for label in ENTITY_LABELS:
        p, r, f = scores.prf((label,))
        lines.append(f"  {label:<22}{p:7.3f}{r:7.3f}{f:7.3f}{scores.tp[label] + scores.fn[label]:7d}")
    p, r, f = scores.prf(FIGURE_LABELS)
    gold = sum(scores.tp[l] + scores.fn[l] for l in FIGURE_LABELS)
    lines.append(f"  {'MONEY+PERCENT+COUNT':<22}{p:7.3f}{r:7.3f}{f:7.3f}{gold:7d}")
    share = scores.what_right / scores.what_total if scores.what_total else 0.0
    lines.append(f"  what right: {scores.what_right}/{scores.what_total} = {share:.3f}")
    if scores.metrics:
        lines.append(f"  metrics with a catalogue indicator: {scores.named_metrics}/{scores.metrics}"
                     f" = {scores.named_metrics / scores.metrics:.3f}; gold whats the catalogue names:"
                     f" {scores.named_gold_whats}/{scores.gold_whats}"
                     f" = {scores.named_gold_whats / max(scores.gold_whats, 1):.3f}")
    return lines


def entity_report(show_errors: int = 0, gold: Path | None = None) -> str:
    """The entity evaluation as printable text: on the repo's labels, or on a gold folder."""
    if gold is not None:
        runs = [(f"gold folder {gold}", score_gold_entities(read_gold(gold)))]
    else:
        runs = [(f"{name} ({filename})", score_entities(load_jsonl(labels_dir() / filename)))
                for name, filename in ENTITY_FILES.items()]
    lines: list[str] = []
    for title, scores in runs:
        lines += _entity_table(title, scores)
        lines += [f"    {e}" for e in scores.errors[:show_errors]]
        lines += [f"    MAP {what!r} → {indicator} ({n})"
                  for (indicator, what), n in sorted(scores.mappings.items())[:show_errors]]
    return "\n".join(lines)
