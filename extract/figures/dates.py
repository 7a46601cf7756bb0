"""DATE figures in every written form, and a report's signing date.

Arabic (2023年3月15日, 2023-03-15, 2023/3/15, 2023.03.15, the spaced 2010 01 29), Chinese numerals
(二〇二三年三月十五日 → 2023-03-15, 号 as 日), ranges of years and months (2021-2025年,
2023年1-6月), month-day dates (--07-25) and years printed without 年 before a report's words
(2024 部门预算). Patterns run on the same-length view of the text (``same_length_view``).
"""

from __future__ import annotations

import re

from extract.figures.numbers import CHINESE_DIGITS, chinese_to_decimal
from extract.figures.units import MEASURE_WORDS
from extract.records import Entity
from extract.text.vocabulary import BARE_YEAR

_WS = r"[ ]*(?:\n[ \n]*)?"
_DASH = r"(?:——|--|[-—–~～至到－])"
"""Between the two ends of a range: 至, 到, a hyphen, dashes (——, －), a tilde."""
_MONTH_NUM = r"1[0-2]|0?[1-9]"
_DAY_NUM = r"3[01]|[12]\d|0?[1-9]"
_CN_DIGIT = "〇○零一二三四五六七八九"
_CN_MONTH = r"十[一二]?|[一二三四五六七八九]"
_CN_DAY = r"三十一?|[二]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九]"
_MONTH_ANY = rf"{_MONTH_NUM}|{_CN_MONTH}"
_DAY_ANY = rf"{_DAY_NUM}|{_CN_DAY}"
_MEASURE_STARTS = "".join(sorted({word[0] for word in MEASURE_WORDS}))
_BARE_DAY_END = rf"(?![\d{_CN_DIGIT}十廿卅.%:：日号天{_MEASURE_STARTS}万千百元余多])"
"""After a day written without 日 (10月22, 二月十五): no more digits, no measure word or unit."""
_PERIOD = r"(?:上旬|中旬|下旬|上半月|下半月|初(?![步次心衷始稿审])|中下旬|底|末)"
"""A part of a month after it (7月下旬, 10月底): kept in the DATE's span, its value is the month."""
_YEAR_PERIOD = r"(?:上半年|下半年|年初|年中|年底|年末|初(?![步次心衷始稿审])|底|末)"
_CLOCK = (r"(?:[ ]?(?:上午|下午|晚上|早上|早晨|中午|凌晨|傍晚|晚)?(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?时?"
          r"|(?:\d{1,2}|[零一二两三四五六七八九十]{1,3})[点时](?:(?:\d{1,2}|[零一二三四五六七八九十]{1,3})分"
          r"(?:(?:\d{1,2}|[零一二三四五六七八九十]{1,3})秒)?|半|整)?)|[ ]?(?:上午|下午|晚上|早上|早晨|中午|凌晨|傍晚))")
"""A time of day after a date (2018-11-29 18:59, 6月28日下午3:00, 二月二十八日下午四点三十分):
kept in the DATE's span; the value is the day."""
_DAY_TAIL = rf"(?:{_WS}(?P<d>{_DAY_ANY})(?:{_WS}[日号]|{_BARE_DAY_END}))?"
_DATE_RANGE = re.compile(
    rf"(?P<y1>(?:19|20)\d{{2}}){_WS}(?:年{_WS})?{_DASH}{_WS}(?P<y2>(?:19|20)\d{{2}}){_WS}年(?:度)?")
_DATE = re.compile(
    rf"(?P<y>(?:19|20)\d{{2}}){_WS}年(?:度)?(?:{_WS}(?P<m>{_MONTH_ANY}){_WS}月(?:份)?{_DAY_TAIL})?")
_MONTH = re.compile(rf"(?<![\d.])(?P<m>{_MONTH_NUM}){_WS}月(?:份)?(?:{_WS}(?P<d>{_DAY_NUM}){_WS}[日号])?"
                    rf"(?![\d个])")
_MONTH_BARE_DAY = re.compile(
    rf"(?P<m>{_MONTH_ANY})月(?P<d>{_DAY_ANY})(?:[日号]|{_BARE_DAY_END})")
"""10月22, 二月十五, 十二月20号: a month and day mixing numerals or without 日 (12月30万元 and
6月3个 are no dates); not after a year or another numeral (``_NOT_BEFORE_MONTH``)."""
_NOT_BEFORE_MONTH = set(f"0123456789.{_CN_DIGIT}十年")
_NUMERIC_DATE = re.compile(
    rf"(?<![\d.\-/])(?P<y>(?:19|20)\d{{2}})(?P<sep>[-/.])(?P<m>{_MONTH_NUM})(?P=sep)(?P<d>{_DAY_NUM})"
    r"(?![\d%])")
"""ISO, slashed and dotted dates: 2023-06-25, 2023/6/25, 2023.06.25."""
_US_DATE = re.compile(rf"(?P<m>{_MONTH_NUM})/(?P<d>{_DAY_NUM})/(?P<y>(?:19|20)\d{{2}})(?![\d/])")
"""Month first, slashed, with a four-digit year: 3/15/2015 (not after a digit, a dot or a slash)."""
_COMPACT_DATE = re.compile(r"(?P<y>(?:19|20)(?<![\d.]19|[\d.]20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])"
                           r"(?![\d.%元万亿千百])")
"""Eight digits: 20240307."""
_DOTTED_MONTHS = re.compile(rf"(?P<y1>(?:19|20)(?<![\d.]19|[\d.]20)\d{{2}})\.(?P<m1>0[1-9]|1[0-2]){_DASH}"
                            rf"(?P<y2>(?:19|20)\d{{2}})(?:\.(?P<m2>0[1-9]|1[0-2]))?(?![\d.])")
"""A range of months written with dots: 1999.08-2002.02, 2008.03-2009."""
_SPACED_DATE = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2}) (?P<m>0[1-9]|1[0-2]) (?P<d>0[1-9]|[12]\d|3[01])(?![\d.%])")
"""A date with its parts set apart by single spaces, each two digits: 2010 01 29."""
_BARE_YEAR = re.compile(BARE_YEAR)
_CN_DATE = re.compile(
    rf"(?P<y>[一二][{_CN_DIGIT}O]{{3}}|[{_CN_DIGIT}]{{2}}(?=年{_WS}(?:{_MONTH_ANY})月)"
    rf"|[两二]千(?:零?[一二三四五六七八九十]+)?(?=年{_WS}(?:{_MONTH_ANY})月)){_WS}年(?:度)?"
    rf"(?:{_WS}(?P<m>{_MONTH_ANY}){_WS}月(?:份)?{_DAY_TAIL})?")
"""二〇二三年三月十五日, 二〇二三年度, 二○二三年 and 二O二三年 (a circle or a letter O, as scans
and word processors print 〇): a year written digit by digit, its month and day with units
(or in Arabic digits: 二〇二三年3月15日); a short year (零七年八月, 九零年9月) or one with units
(两千零五年八月) only before a month."""
_SHORT_YEAR = re.compile(rf"(?P<y>\d(?<![\d.]\d)\d){_WS}年{_WS}(?P<m>{_MONTH_ANY}){_WS}月(?:份)?{_DAY_TAIL}")
"""15年3月2日, 98年4月: a year in two digits, only before a month."""
_MONTHS_ALONE = re.compile(rf"(?P<m1>{_MONTH_ANY})(?:月)?{_WS}{_DASH}{_WS}(?P<m2>{_MONTH_ANY})月(?:份)?"
                           rf"|(?P<m>{_CN_MONTH})月(?:份)?(?![{_CN_DIGIT}十廿卅\d])")
"""A range of months without a year (1-6月, 十二月至一月) and a month in Chinese numerals (三月份)."""
_NOT_BEFORE_MONTHS = set(f"0123456789.{_CN_DIGIT}十年第每个")
_CN_MONTH_DAY = re.compile(rf"(?<![{_CN_DIGIT}十年])(?P<m>{_CN_MONTH})月(?P<d>{_CN_DAY})[日号]")
"""三月十五日 without its year."""
_MONTH_RANGE = re.compile(
    rf"(?P<y>(?:19|20)\d{{2}}){_WS}年{_WS}(?P<m1>{_MONTH_ANY}){_WS}{_DASH}{_WS}"
    rf"(?P<m2>{_MONTH_ANY}){_WS}月(?:份)?")
_RANGE_TAIL = re.compile(
    rf"{_WS}{_DASH}{_WS}(?:(?P<y>(?:19|20)\d{{2}}|[一二][{_CN_DIGIT}]{{3}}){_WS}年)?"
    rf"(?:{_WS}(?P<m>{_MONTH_ANY}){_WS}月(?:份)?)?(?:{_WS}(?P<d>{_DAY_ANY})(?:{_WS}[日号]|{_BARE_DAY_END}))?")


def date_value(year: str, month: str | None, day: str | None) -> str:
    """'2023', '3', '15' → '2023-03-15' (month and day optional; in Arabic or Chinese numerals:
    '二〇二三', '三', '十五' too)."""
    return _year(year) + (f"-{_cn(month):02d}" if month else "") + (f"-{_cn(day):02d}" if day else "")


def _year(part: str) -> str:
    """A year as four Arabic digits: '二〇二三' → '2023', '两千零五' → '2005', '98' → '1998', '07' → '2007'."""
    if part.isdigit() and len(part) == 4:
        return part
    if all(c in CHINESE_DIGITS or c == "O" for c in part) or part.isdigit():
        digits = "".join(str(CHINESE_DIGITS.get(c, 0 if c == "O" else c)) for c in part)
        return digits if len(digits) == 4 else ("19" if int(digits) >= 50 else "20") + digits
    return str(int(chinese_to_decimal(part)))


def _cn(part: str) -> int:
    """A month or day, Arabic or Chinese (十五, 廿一), as a number."""
    return int(part) if part.isdigit() else int(chinese_to_decimal(part))


def _valid(month: str | None, day: str | None) -> bool:
    return (month is None or 1 <= _cn(month) <= 12) and (day is None or 1 <= _cn(day) <= 31)


def _with_range_tail(v: str, m: re.Match[str]) -> Entity:
    """A date of ``_DATE`` (or the like), with the end of a range written after it
    (2023年1月-2023年6月, 2018年12月九号到十五号) or a part of its month or year, or the time of its
    day, kept in its span (7月下旬, 2022年底, 6月28日下午3:00)."""
    value = date_value(m["y"], m["m"], m["d"])
    end = _extended(v, m.end(), m["m"], m["d"])
    tail = _RANGE_TAIL.match(v, end)
    if tail and (tail["y"] or tail["m"] or tail["d"]) and (
            (tail["d"] is not None) == (m["d"] is not None) or tail["y"]) and _valid(tail["m"], tail["d"]):
        year = tail["y"] or m["y"]
        month = tail["m"] or (m["m"] if tail["d"] else None)
        value += "/" + date_value(year, month, tail["d"])
        end = _extended(v, tail.end(), month, tail["d"])
    return Entity("DATE", "", m.start(), end, value)


_PERIOD_AFTER_MONTH = re.compile(_PERIOD)
_PERIOD_AFTER_YEAR = re.compile(_YEAR_PERIOD)
_CLOCK_AFTER_DAY = re.compile(_CLOCK + rf"(?:[ ]*(?:——|--|[-—–~～－])[ ]*{_CLOCK})?")


def _extended(v: str, end: int, month: str | None, day: str | None) -> int:
    """Where a date ending at ``end`` ends once the part of its month or year (下旬, 年底) or
    the time of its day (下午3:00, 9:30~11:30) written after it is taken in."""
    pattern = _CLOCK_AFTER_DAY if day else _PERIOD_AFTER_MONTH if month else _PERIOD_AFTER_YEAR
    if day is None and month is None and not v.startswith("年", end - 1):
        return end  # a year with 度, or a range of years
    found = pattern.match(v, end)
    return found.end() if found and found.end() > end else end


def _month_day(v: str, m: re.Match[str]) -> Entity:
    """A month and day without a year (六月十二号, 10月22), with a range's end after it
    (六月十二号到七月三号, 二月十三号到十五号) and the time of the day."""
    value = f"--{_cn(m['m']):02d}-{_cn(m['d']):02d}"
    end = m.end()
    tail = _RANGE_TAIL.match(v, end)
    if tail and tail["d"] and not tail["y"] and _valid(tail["m"], tail["d"]):
        value += f"/--{_cn(tail['m'] or m['m']):02d}-{_cn(tail['d']):02d}"
        end = tail.end()
    return Entity("DATE", "", m.start(), _extended(v, end, m["m"], m["d"]), value)


def date_candidates(v: str) -> list[Entity]:
    """Every DATE the view ``v`` may hold, overlapping ones included (the caller chooses)."""
    found: list[Entity] = []
    year, month = "年" in v, "月" in v  # most patterns need one: no scan without it
    for m in _DATE_RANGE.finditer(v) if year else ():
        found.append(Entity("DATE", "", m.start(), m.end(), f"{m['y1']}/{m['y2']}"))
    for m in _MONTH_RANGE.finditer(v) if year and month else ():
        if _valid(m["m1"], None) and _valid(m["m2"], None):
            found.append(Entity("DATE", "", m.start(), m.end(),
                                f"{m['y']}-{_cn(m['m1']):02d}/{m['y']}-{_cn(m['m2']):02d}"))
    for pattern in (_DATE, _CN_DATE, _SHORT_YEAR) if year else ():
        found.extend(_with_range_tail(v, m) for m in pattern.finditer(v) if _valid(m["m"], m["d"]))
    found.extend(Entity("DATE", "", m.start(), m.end(), m.group(1)) for m in _BARE_YEAR.finditer(v))
    us_dates = [m for m in _US_DATE.finditer(v) if not m.start() or v[m.start() - 1] not in "0123456789./"] \
        if "/" in v else []
    for m in [*_NUMERIC_DATE.finditer(v), *_SPACED_DATE.finditer(v), *us_dates, *_COMPACT_DATE.finditer(v)]:
        found.append(Entity("DATE", "", m.start(), _extended(v, m.end(), m["m"], m["d"]),
                            date_value(m["y"], m["m"], m["d"])))
    for m in _DOTTED_MONTHS.finditer(v):
        end = date_value(m["y2"], m["m2"], None)
        found.append(Entity("DATE", "", m.start(), m.end(), f"{m['y1']}-{m['m1']}/{end}"))
    for m in _MONTHS_ALONE.finditer(v) if month else ():
        months = [part for part in (m["m1"], m["m2"], m["m"]) if part]
        if (m.start() and v[m.start() - 1] in _NOT_BEFORE_MONTHS) or not all(_valid(x, None) for x in months):
            continue
        value = f"--{_cn(m['m']):02d}" if m["m"] else f"--{_cn(m['m1']):02d}/--{_cn(m['m2']):02d}"
        found.append(Entity("DATE", "", m.start(), m.end(), value))
    for m in _MONTH.finditer(v) if month else ():
        day = f"-{int(m['d']):02d}" if m["d"] else ""
        found.append(Entity("DATE", "", m.start(), m.end(), f"--{int(m['m']):02d}{day}"))
    found.extend(_month_day(v, m) for m in (_CN_MONTH_DAY.finditer(v) if month else ()) if _valid(m["m"], m["d"]))
    found.extend(_month_day(v, m) for m in (_MONTH_BARE_DAY.finditer(v) if month else ())
                 if _valid(m["m"], m["d"]) and (not m.start() or v[m.start() - 1] not in _NOT_BEFORE_MONTH))
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
