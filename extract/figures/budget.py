"""Each report's budget summary (SPEC "Metrics"), read from its figures, with consistency checks.

The stated figures are kept as stated; a disagreement between them is reported in ``checks``,
never corrected.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extract.figures.table_sums import table_sum_checks
from extract.figures.units import YUAN_FACTOR
from extract.records import BudgetCheck, BudgetSummary, Passage
from extract.text.characters import same_length_view

# The concept a figure stands for, from the words just before it (first match wins).
_CONCEPTS: list[tuple[str, re.Pattern[str]]] = [
    ("adjustment", re.compile(r"预算调整数$")),
    ("adjusted_budget", re.compile(r"(调整后?(全年)?预算数?|调整全年预算数?|预算调整后)$")),
    ("initial_budget", re.compile(r"(年初预算数?|全年预算数?|年度预算数?|^预算数)$")),
    ("completion_rate", re.compile(r"(完成预算的?|预算完成率|预算执行率|执行率)$")),
    ("basic_spending", re.compile(r"基本支出$")),
    ("project_spending", re.compile(r"项目支出$")),
    ("carryover", re.compile(r"(结转和?结余|结余结转)$")),
    ("spent", re.compile(r"(执行数|实际支出数?|年度实际支出数)$")),
    ("spent_this_year", re.compile(r"(本年支出|支出数)$")),
    ("spent_total", re.compile(r"总支出$")),
]
_SPENT_ORDER = ("spent", "spent_this_year", "spent_total")
_LEFT_CONTEXT = re.compile(r"[^，。；：、,;:\t\n（）()]*$")
LEFT_WINDOW = 64
"""Characters before a figure its concept is read from: the longest concept is a dozen."""
_UNIT_HEADER = re.compile(r"单位[：:]\s*(万元|元|亿元|千元)")
_TO_WAN = {unit: Decimal(factor) / YUAN_FACTOR["万元"] for unit, factor in YUAN_FACTOR.items()}


def concept_of(label_text: str) -> str | None:
    """The budget concept named at the end of ``label_text`` (a clause or a header cell)."""
    label_text = re.sub(r"\s", "", label_text)
    for concept, pattern in _CONCEPTS:
        if pattern.search(label_text):
            return concept
    return None


def _rounding(value: float) -> float:
    text = f"{value}"
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10 ** (-decimals)


def _check(name: str, stated: float, computed: float, tolerance: float) -> BudgetCheck:
    difference = round(stated - computed, 6)
    return BudgetCheck(name, stated, round(computed, 6), difference, abs(difference) <= tolerance)


def _left_context(v: str, start: int) -> str:
    """The clause before ``start`` as far as a concept can name it (the last LEFT_WINDOW
    characters): a bounded look, so that a text of many figures costs linear time, not a scan
    from the text's start before every figure."""
    window = v[max(0, start - LEFT_WINDOW):start]
    left = _LEFT_CONTEXT.search(window).group(0)
    return left if len(left) < len(window) or start <= LEFT_WINDOW else "…" + left  # "…": no clause start


def _narrative_figures(passages: list[Passage]) -> dict[str, float]:
    found: dict[str, float] = {}
    for passage in passages:
        v = same_length_view(passage.text)
        for ent in passage.entities:
            if ent.label not in ("MONEY", "PERCENT") or "/" in ent.value \
                    or (ent.label == "MONEY" and ent.unit not in _TO_WAN):
                continue  # a range, or a foreign currency, is no budget figure
            left = _left_context(v, ent.start)
            concept = concept_of(left)
            if concept is None or (concept == "completion_rate") != (ent.label == "PERCENT"):
                continue
            value = float(Decimal(ent.value) * _TO_WAN[ent.unit]) if ent.label == "MONEY" \
                else float(ent.value)
            found.setdefault(concept, value)
    return found


def _table_figures(passages: list[Passage], table_unit: str) -> dict[str, float]:
    """Figures of a 合计 row read through the header row above it (bare numbers in ``table_unit``)."""
    found: dict[str, float] = {}
    for i, passage in enumerate(passages):
        cells = passage.text.split("\t")
        if passage.kind != "table_row":
            continue
        for label, value in zip(cells, cells[1:]):  # a row label followed by its amount
            number = re.fullmatch(r"\d+(?:\.\d+)?", value.strip())
            concept = concept_of(label) if len(label) <= 12 else None
            if concept and concept != "completion_rate" and number:
                found.setdefault(concept, float(Decimal(number.group(0)) * _TO_WAN[table_unit]))
        if not re.match(r"^(合计|总计)", cells[0]):
            continue
        values = cells[1:]
        for header in reversed(passages[max(0, i - 3):i]):
            heads = header.text.split("\t")
            concepts = [concept_of(h) for h in heads]
            if sum(c is not None for c in concepts) < 2 or len(heads) != len(values):
                continue
            for concept, value in zip(concepts, values):
                number = re.fullmatch(r"(\d+(?:\.\d+)?)(%?)", value.strip())
                if concept and number:
                    scale = Decimal(1) if number.group(2) else _TO_WAN[table_unit]
                    found.setdefault(concept, float(Decimal(number.group(1)) * scale))
            break
    return found


RATE_CHECK = "completion_rate = spent / budget"
PARTS_CHECK = "spent = basic + project"
_NEEDS = {RATE_CHECK: (("completion_rate",), ("spent",), ("adjusted_budget", "initial_budget")),
          PARTS_CHECK: (("spent",), ("basic_spending",), ("project_spending",))}
"""What each check of the figures needs: every group present (one field of a group suffices)."""


def missing_for_checks(summary: BudgetSummary) -> dict[str, list[str]]:
    """For each check of the figures that could not be made, the fields (``BUDGET_FIELDS`` keys;
    of alternatives, the first) the report does not state; checks that were made are left out."""
    made = {c.name for c in summary.checks}
    missing: dict[str, list[str]] = {}
    for name, groups in _NEEDS.items():
        absent = [group[0] for group in groups if all(getattr(summary, f) is None for f in group)]
        if name not in made:
            missing[name] = absent
    return missing


def budget_summary(text: str, passages: list[Passage]) -> BudgetSummary:
    """The budget figures a report states, in 万元 and %, with the checks between them."""
    unit_match = _UNIT_HEADER.search(same_length_view(text))
    figures = _narrative_figures(passages)
    for concept, value in _table_figures(passages, unit_match.group(1) if unit_match else "万元").items():
        figures.setdefault(concept, value)
    if "adjustment" in figures and "initial_budget" in figures:
        figures.setdefault("adjusted_budget", figures["initial_budget"] + figures["adjustment"])
    figures.pop("adjustment", None)
    spent = [figures.pop(name) for name in _SPENT_ORDER if name in figures]
    if spent:
        figures["spent"] = spent[0]
    summary = BudgetSummary(**{k: round(v, 6) for k, v in figures.items()})
    base = summary.adjusted_budget or summary.initial_budget
    if summary.completion_rate is not None and summary.spent is not None and base:
        summary.checks.append(_check(
            RATE_CHECK, summary.completion_rate,
            summary.spent / base * 100, _rounding(summary.completion_rate) + 0.01))
    if None not in (summary.basic_spending, summary.project_spending, summary.spent):
        parts = summary.basic_spending + summary.project_spending
        tolerance = _rounding(summary.basic_spending) + _rounding(summary.project_spending) \
            + _rounding(summary.spent)
        summary.checks.append(_check(PARTS_CHECK, summary.spent, parts, tolerance))
    summary.checks.extend(table_sum_checks(passages))
    return summary

