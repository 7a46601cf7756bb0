"""One name per indicator: a figure's ``what`` as written mapped to the catalogue's canonical name.

The catalogue is data (``data/indicators.tsv``): a canonical name, the label its figures carry and
its written forms as a pattern (预算执行率 ← 预算完成率, 执行率, 资金执行率 …). A ``what`` is first
normalized (simplified script; spaces, brackets and quotes gone; the column word of a table such as
年度指标值 or 实际完成值 dropped), then the longest written form it ends with names it. Noise (页数,
bare verbs, units, fragments) is never an indicator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.errors import JixiaoError
from extract.text.characters import to_simplified

CATALOGUE_FILE = Path(__file__).parent / "data" / "indicators.tsv"

_MARKS = re.compile(r"[\s\"'“”‘’「」『』《》〈〉()（）\[\]【】]")
_COUNTED = re.compile(r"[（(][^()（）]*\d[^()（）]*[)）]")
"""A bracket holding a number (群众满意度（16 个）): a count of rows, not part of the name."""
_COLUMN_WORD = re.compile(r"(?:(?:年度|全年|年初|预期|计划|中期)?(?:指标值|目标值)|(?:实际)?完成(?:值|情况)|实际值"
                          r"|分值|得分|权重)$")
"""Words of a table's column run into an indicator's name: the role of a figure, not what it is."""
_LEADING_TIME = re.compile(r"^(?:(?:19|20)\d{2}年度?|本年度?|当年|全年度)")
_BARE_WORD = re.compile(r"^(?:万元|亿元|千元|元|人次|[\u4e00-\u9fff]|[A-Za-z0-9]+)$")
"""A ``what`` that names nothing: a unit, a letter or one character."""
_NOISE = re.compile(r"^(?:页数|[\u4e00-\u9fff]?数|合计|小计|总计|其中|共计|累计|"
                    r"下降|上升|增长|增加|减少|提高|提升|完成|达到|实现)$")
"""A ``what`` no indicator has: a page count, a count of a measure word, a total's row name, a bare
verb (增长 of a growth rate names its change, not what changed)."""


@dataclass(frozen=True)
class Indicator:
    """One entry of the catalogue: canonical name, the label of its figures, its written forms."""

    name: str
    label: str
    forms: re.Pattern[str]


@lru_cache(maxsize=1)
def catalogue() -> tuple[Indicator, ...]:
    """The entries of ``data/indicators.tsv``; a JixiaoError names a broken line."""
    entries = []
    for number, line in enumerate(CATALOGUE_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise JixiaoError(f"{CATALOGUE_FILE}:{number}: needs 3 tab-separated columns")
        name, label, forms = parts
        try:
            entries.append(Indicator(name, label, re.compile(f"(?:{forms})$")))
        except re.error as exc:
            raise JixiaoError(f"{CATALOGUE_FILE}:{number}: {exc}") from exc
    return tuple(entries)


def indicator_names() -> list[str]:
    """Every canonical name of the catalogue, in its order."""
    return [entry.name for entry in catalogue()]


def normalized_what(what: str) -> str:
    """A ``what`` as the catalogue reads it: '「三公」经费（16 个）年度指标值' → '三公经费'."""
    text = _COUNTED.sub("", to_simplified(what))
    text = _MARKS.sub("", text)
    previous = None
    while text != previous:
        previous = text
        text = _COLUMN_WORD.sub("", text)
        undated = _LEADING_TIME.sub("", text)
        text = undated if len(undated) >= 3 or len(undated) == len(text) else text  # 本年收入 stays
    return text


def names_nothing(what: str | None) -> bool:
    """True for a ``what`` that is no name at all: empty, fewer than two Chinese characters
    (「O」, 「页/」) or a unit (万元)."""
    if not what:
        return True
    text = normalized_what(what)
    return len(re.findall(r"[\u4e00-\u9fff]", text)) < 2 or bool(_BARE_WORD.match(text))


def is_noise(what: str | None) -> bool:
    """True for a ``what`` that is no indicator: ``names_nothing``, a page count (页数), the
    name of a total's row (合计) or a bare verb (下降)."""
    return names_nothing(what) or bool(_NOISE.match(normalized_what(what or "")))


@lru_cache(maxsize=65536)
def _lookup(text: str, label: str) -> tuple[str, str]:
    best, kind, length = "", "", 0
    for entry in catalogue():
        if entry.label != label:
            continue
        match = entry.forms.search(text)
        if match and len(match.group()) > length:
            best, length = entry.name, len(match.group())
            kind = (match.groupdict().get("kind") or "") if match.groupdict() else ""
    return best, kind


def named_indicator(what: str | None, label: str, unit: str | None = None) -> tuple[str, str]:
    """(canonical indicator, sub-kind) of a figure of ``label`` measuring ``what``, ('', '') when
    the catalogue has none. A count whose ``what`` names no indicator is tried once more with its
    measure word (国内公务接待 20批次 → 公务接待批次)."""
    if is_noise(what):
        return "", ""
    text = normalized_what(what or "")
    found = _lookup(text, label)
    if not found[0] and label == "COUNT" and unit and len(unit) >= 2 and not text.endswith(unit):
        found = _lookup(text + unit, label)
    return found


def indicator_of(what: str | None, label: str, unit: str | None = None) -> str:
    """The canonical indicator a figure of ``label`` measuring ``what`` is, or '' when the
    catalogue has none: ('部门预算资金执行率', 'PERCENT') → '预算执行率'."""
    return named_indicator(what, label, unit)[0]


def indicator_kind(what: str | None, label: str, unit: str | None = None) -> str:
    """The sub-kind the written form names (重点提案 → '重点'), '' when none."""
    return named_indicator(what, label, unit)[1]
