"""DATE figures in every written form, and a report's signing date.

Arabic (2023年3月15日, 2023-03-15, 2023/3/15, 2023.03.15, the spaced 2010 01 29), Chinese numerals
(二〇二三年三月十五日 → 2023-03-15, 号 as 日), ranges of years and months (2021-2025年,
2023年1-6月), month-day dates (--07-25) and years printed without 年 before a report's words
(2024 部门预算). Patterns run on the same-length view of the text (``same_length_view``).
"""

from __future__ import annotations

import re

from extract.figures.numbers import CHINESE_DIGITS, chinese_to_decimal
from extract.records import Entity
from extract.text.vocabulary import BARE_YEAR

_WS = r"[ ]*(?:\n[ \n]*)?"
_MONTH_NUM = r"1[0-2]|0?[1-9]"
_DAY_NUM = r"3[01]|[12]\d|0?[1-9]"
_DATE_RANGE = re.compile(
    rf"(?P<y1>(?:19|20)\d{{2}}){_WS}(?:年{_WS})?[-—–~～至到]{_WS}(?P<y2>(?:19|20)\d{{2}}){_WS}年(?:度)?")
_DATE = re.compile(
    rf"(?P<y>(?:19|20)\d{{2}}){_WS}年(?:度)?(?:{_WS}(?P<m>{_MONTH_NUM}){_WS}月(?:份)?"
    rf"(?:{_WS}(?P<d>{_DAY_NUM}){_WS}[日号])?)?")
_MONTH = re.compile(rf"(?<![\d.])(?P<m>{_MONTH_NUM}){_WS}月(?:份)?(?:{_WS}(?P<d>{_DAY_NUM}){_WS}[日号])?"
                    rf"(?![\d个])")
_NUMERIC_DATE = re.compile(
    rf"(?<![\d.\-/])(?P<y>(?:19|20)\d{{2}})(?P<sep>[-/.])(?P<m>{_MONTH_NUM})(?P=sep)(?P<d>{_DAY_NUM})"
    r"(?![\d%])")
"""ISO, slashed and dotted dates: 2023-06-25, 2023/6/25, 2023.06.25."""
_SPACED_DATE = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2}) (?P<m>0[1-9]|1[0-2]) (?P<d>0[1-9]|[12]\d|3[01])(?![\d.%])")
"""A date with its parts set apart by single spaces, each two digits: 2010 01 29."""
_BARE_YEAR = re.compile(BARE_YEAR)
_CN_DIGIT = "〇零一二三四五六七八九"
_CN_MONTH = r"十[一二]?|[一二三四五六七八九]"
_CN_DAY = r"三十一?|[二]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九]"
_CN_DATE = re.compile(
    rf"(?P<y>[一二][{_CN_DIGIT}]{{3}}){_WS}年(?:度)?(?:{_WS}(?P<m>{_CN_MONTH}|{_MONTH_NUM}){_WS}月(?:份)?"
    rf"(?:{_WS}(?P<d>{_CN_DAY}|{_DAY_NUM}){_WS}[日号])?)?")
"""二〇二三年三月十五日, 二〇二三年度: a year written digit by digit, its month and day with units
(or in Arabic digits: 二〇二三年3月15日)."""
_CN_MONTH_DAY = re.compile(rf"(?<![{_CN_DIGIT}十年])(?P<m>{_CN_MONTH})月(?P<d>{_CN_DAY})[日号]")
"""三月十五日 without its year."""
_MONTH_RANGE = re.compile(
    rf"(?P<y>(?:19|20)\d{{2}}){_WS}年{_WS}(?P<m1>{_MONTH_NUM}){_WS}[-—–~～至到]{_WS}"
    rf"(?P<m2>{_MONTH_NUM}){_WS}月(?:份)?")
_RANGE_TAIL = re.compile(
    rf"{_WS}[-—–~～至到]{_WS}(?:(?P<y>(?:19|20)\d{{2}}){_WS}年)?(?:{_WS}(?P<m>{_MONTH_NUM}){_WS}月)?"
    rf"(?:{_WS}(?P<d>{_DAY_NUM}){_WS}[日号])?")


def date_value(year: str, month: str | None, day: str | None) -> str:
    """'2023', '3', '15' → '2023-03-15' (month and day optional)."""
    return year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day else "")


def _cn(part: str | None) -> str | None:
    """A Chinese month or day (十五, 廿一) in Arabic digits."""
    return None if part is None else str(int(chinese_to_decimal(part)))


def _with_range_tail(v: str, m: re.Match[str]) -> Entity:
    """A date of ``_DATE``, with the end of a range written after it (2023年1月-2023年6月)."""
    value = date_value(m["y"], m["m"], m["d"])
    end = m.end()
    tail = _RANGE_TAIL.match(v, end)
    if tail and (tail["y"] or tail["m"] or tail["d"]) and (
            (tail["d"] is not None) == (m["d"] is not None) or tail["y"]):
        year = tail["y"] or m["y"]
        month = tail["m"] or (m["m"] if tail["d"] else None)
        value += "/" + date_value(year, month, tail["d"])
        end = tail.end()
    return Entity("DATE", "", m.start(), end, value)


def date_candidates(v: str) -> list[Entity]:
    """Every DATE the view ``v`` may hold, overlapping ones included (the caller chooses)."""
    found: list[Entity] = []
    for m in _DATE_RANGE.finditer(v):
        found.append(Entity("DATE", "", m.start(), m.end(), f"{m['y1']}/{m['y2']}"))
    for m in _MONTH_RANGE.finditer(v):
        found.append(Entity("DATE", "", m.start(), m.end(),
                            f"{m['y']}-{int(m['m1']):02d}/{m['y']}-{int(m['m2']):02d}"))
    found.extend(_with_range_tail(v, m) for m in _DATE.finditer(v))
    found.extend(Entity("DATE", "", m.start(), m.end(), m.group(1)) for m in _BARE_YEAR.finditer(v))
    for m in _CN_DATE.finditer(v):
        year = "".join(str(CHINESE_DIGITS[c]) for c in m["y"])
        found.append(Entity("DATE", "", m.start(), m.end(), date_value(year, _cn(m["m"]), _cn(m["d"]))))
    for pattern in (_NUMERIC_DATE, _SPACED_DATE):
        found.extend(Entity("DATE", "", m.start(), m.end(), date_value(m["y"], m["m"], m["d"]))
                     for m in pattern.finditer(v))
    for m in _MONTH.finditer(v):
        day = f"-{int(m['d']):02d}" if m["d"] else ""
        found.append(Entity("DATE", "", m.start(), m.end(), f"--{int(m['m']):02d}{day}"))
    for m in _CN_MONTH_DAY.finditer(v):
        found.append(Entity("DATE", "", m.start(), m.end(), f"--{int(_cn(m['m'])):02d}-{int(_cn(m['d'])):02d}"))
    return found


_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SIGNING_WINDOW = 300
"""Characters at a report's end where its signing line (落款: department and date) is looked for."""


def signing_date(text: str, entities: list[Entity]) -> str | None:
    """The date a report is signed (its 落款): the last full date in its closing characters, with
    nothing but the signing department and punctuation after it; None when it has none."""
    floor = len(text.rstrip()) - SIGNING_WINDOW
    for ent in reversed(entities):
        if ent.start < floor:
            break
        if ent.label == "DATE" and _FULL_DATE.match(ent.value):
            after = text[ent.end:].strip()
            if len(after) <= 40 and not re.search(r"\d", after):
                return ent.value
    return None
