"""Whose report it is, measured on a gold folder: department, region at each level, year.

A department agrees with the gold when the two names are equal once spaces and the gold's
parenthesised notes are set aside, or when both read as organisation names with the same key in
the same division (统战部 = 统一战线工作部). A region level agrees when the gold names it and ours
names the same division there; the gold's region is read with the same division table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.evaluation.gold import GoldDocument, read_gold
from extract.identity.organisations import department_key, name_region, organisation_name
from extract.identity.regions import region_of
from extract.text.characters import fold_characters, to_simplified

LEVELS = ("province", "city", "county")


def _plain(name: str) -> str:
    text = to_simplified(fold_characters(str(name or "")))
    return re.sub(r"[（(][^）)]*[）)]|\s", "", text)


UNNAMED = "未注明"
"""What the gold writes for a report that names no department: agreeing with an empty one."""


def same_department(ours: str | None, gold: str | None, our_code: str | None = None) -> bool:
    """True when our department names the gold's (or both are empty); ``our_code``: the division
    code our metadata places it in (a name that gives only its level, 区政协, is placed by the text)."""
    a, b = _plain(ours or ""), _plain(gold or "").replace(UNNAMED, "")
    if not a or not b:
        return a == b
    if a == b:
        return True
    name_a, name_b = organisation_name(a), organisation_name(b)
    if not name_a or not name_b:
        return False
    code_a = name_region(name_a).code or (our_code or "")
    return department_key(name_a) == department_key(name_b) and code_a == name_region(name_b).code


@dataclass
class MetaScores:
    """Agreement counts over a gold folder."""

    documents: int = 0
    department_right: int = 0
    department_named: int = 0
    department_named_right: int = 0
    levels_known: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))
    levels_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))
    lowest_known: int = 0
    lowest_right: int = 0
    years_known: int = 0
    years_right: int = 0
    errors: list[str] = field(default_factory=list)


def _share(n: int, d: int) -> float:
    return n / d if d else 0.0


def score_document(scores: MetaScores, doc_id: str, meta: dict[str, Any], gold: dict[str, Any]) -> None:
    """Add one document's agreement to the scores."""
    scores.documents += 1
    right = same_department(meta.get("department"), gold.get("department"),
                            (meta.get("region_levels") or {}).get("code"))
    scores.department_right += right
    if meta.get("department"):
        scores.department_named += 1
        scores.department_named_right += right
    if not right:
        why = meta.get("meta_source", {}).get("department") or meta.get("meta_reason", {}).get("department")
        scores.errors.append(f"{doc_id}: department {meta.get('department')!r} "
                             f"(gold {gold.get('department')!r}; {why})")
    gold_region = region_of(_plain(gold.get("region") or "")).to_dict()
    ours = meta.get("region_levels") or {}
    known = [level for level in LEVELS if gold_region[level]]
    for level in known:
        scores.levels_known[level] += 1
        scores.levels_right[level] += ours.get(level) == gold_region[level]
    if known:
        scores.lowest_known += 1
        lowest_right = ours.get(known[-1]) == gold_region[known[-1]]
        scores.lowest_right += lowest_right
        if not lowest_right:
            scores.errors.append(f"{doc_id}: region {meta.get('region')!r} (gold {gold.get('region')!r})")
    if gold.get("year"):
        scores.years_known += 1
        scores.years_right += meta.get("year") == gold["year"]
        if meta.get("year") != gold["year"]:
            scores.errors.append(f"{doc_id}: year {meta.get('year')} (gold {gold['year']})")


def score_meta(documents: list[GoldDocument]) -> MetaScores:
    """Tag every gold document and count the agreement of its metadata."""
    from extract.nlp.pipeline import tag_reports

    scores = MetaScores()
    tagged = tag_reports([(g.id, g.text, {}) for g in documents])
    for gold, document in zip(documents, tagged):
        score_document(scores, gold.id, document.meta, gold.meta)
    return scores


def meta_lines(s: MetaScores) -> list[str]:
    """The scores as printable lines."""
    lines = [f"  department agrees              {_share(s.department_right, s.documents):.3f} "
             f"({s.department_right}/{s.documents})",
             f"  department right where named   {_share(s.department_named_right, s.department_named):.3f} "
             f"({s.department_named_right}/{s.department_named})"]
    lines += [f"  region {level:<8} right           {_share(s.levels_right[level], s.levels_known[level]):.3f} "
              f"({s.levels_right[level]}/{s.levels_known[level]})" for level in LEVELS]
    lines += [f"  region, gold's lowest level    {_share(s.lowest_right, s.lowest_known):.3f} "
              f"({s.lowest_right}/{s.lowest_known})",
              f"  year right                     {_share(s.years_right, s.years_known):.3f} "
              f"({s.years_right}/{s.years_known})"]
    return lines


def meta_report(gold: Path, show_errors: int = 0) -> str:
    """The metadata evaluation of a gold folder as printable text."""
    scores = score_meta(read_gold(gold))
    lines = [f"metadata, {scores.documents} documents of {gold}", *meta_lines(scores)]
    lines += [f"    WRONG {x}" for x in scores.errors[:show_errors]]
    return "\n".join(lines)
