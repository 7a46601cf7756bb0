"""Finding MONEY, PERCENT, COUNT and DATE mentions on the characters of the text.

Figures are found with regular expressions on a same-length view of the text (full-width folded,
traditional converted to simplified), never on jieba tokens, so "1,288.68万元" stays whole and
offsets stay valid in the text given. A number may be split from its unit by a line break.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from extract.figures.dates import date_candidates
from extract.figures.money import (
    CURRENCY_FIRST_CHARS,
    CURRENCY_WORDS,
    MULTIPLIER_WORDS,
    k_amounts,
    kuai_is_money,
    listed_amounts,
    money_unit,
    range_low,
    small_change,
)
from extract.figures.numbers import format_number, parse_number, rough_range, vague_range
from extract.figures.units import BIG_MULTIPLIERS, DIVISIBLE_MEASURES, MEASURE_WORDS, YUAN_FACTOR
from extract.records import Entity
from extract.text.characters import CJK, same_length_view

EXCLUSIONS_FILE = Path(__file__).parent / "data" / "exclusions.txt"

_WS = r"[ ]*(?:\n[ \n]*)?"
_ARABIC = r"\d(?<![\d.]\d)(?:[\d,]|，(?=\d{3}[.,，]\d)|\n[ ]*(?=[\d,.]))*(?:\.(?:\d|\n[ ]*(?=\d))+)?(?<![,.])"
"""1,288.68: one decimal point at most (1.2.3 is a section number; not the 49 of 4125.49,4143.91万元)."""
_CN_DIGITS = "零〇一二两三四五六七八九十百千廿卅卌"
_CN = rf"(?:[{_CN_DIGITS}]+(?:[万亿][{_CN_DIGITS}]+)*(?:点[零〇一二三四五六七八九]+)?|十几|[几数][十百千]+)"
"""A Chinese numeral, or a vague one (十几, 几十, 数百: read as a range)."""
_CAPITAL = r"[壹贰叁肆伍陆柒捌玖拾佰仟零〇][壹贰叁肆伍陆柒捌玖拾佰仟零〇万亿一二两三四五六七八九十百千]*"
"""大写 numerals, as amounts of money write them (壹拾贰万叁仟元整); read only before a unit of money."""
_MIXED = r"\d+(?:\.\d+)?[万亿](?:[零〇]?[\d一二两三四五六七八九十百千])+|\d+[百佰](?!分)"
"""Arabic digits with Chinese units after 万 or 亿: 12万5千, 1万600, 100万三千; hundreds: 9佰, 3百."""
_NUM = rf"(?:{_MIXED}|{_ARABIC}|{_CN})"
_MEASURE_WORD = "|".join("\n?".join(m) for m in MEASURE_WORDS if m != "余人")
_RANGE_DASH = rf"{_WS}[-—–~～至到]{_WS}"

_SIGN = r"(?:(?<![\d.%])(?P<sign>[-－−]|负))?"
_PERCENT = re.compile(
    rf"{_SIGN}(?:(?P<lo>{_ARABIC}){_WS}%?{_RANGE_DASH})?(?P<num>{_ARABIC}){_WS}(?P<unit>%|‰|个百分点|百分点)"
    rf"|{_SIGN.replace('sign', 'sign2').replace('|负', '|负的?')}(?P<per>百|千|万)分之?(?P<neg>负)?"
    rf"(?:(?P<cn>{_CN}|点[零〇一二三四五六七八九]+)|(?P<ar>{_ARABIC}))"
    rf"(?:{_RANGE_DASH}(?:[百千万]分之)?(?P<hi>{_CN}|{_ARABIC})(?![{_CN_DIGITS}\d.]))?")
_FRACTION = re.compile(rf"(?P<den>{_CN}|\d+)分之(?P<num>{_CN}|\d+(?:\.\d+)?)")
"""二分之一, 三分之二, 16分之3: a fraction is a PERCENT (50, 66.67 %), never a COUNT of 分."""
_CN_POINTS = re.compile(rf"(?P<sign>负)?(?P<num>{_CN}){_WS}个百分点")
"""六个百分点, 四点五个百分点: percentage points in Chinese numerals (looked for where 百分点 is)."""
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s，。；、）)\]】]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
"""URLs and e-mail addresses: the digits inside them are no figures."""
_RANGE_HEAD = re.compile(rf"(?P<lo>{_NUM}){_RANGE_DASH}$")
"""The lower end of a range written before a figure with one unit (5.6到5.78元, 3到5人)."""
_CURRENCY_HEAD = re.compile(rf"(?P<cur>{CURRENCY_WORDS}|[¥￥]){_WS}$")
"""A currency written before an amount (人民币300元, 港币两千九百六十元)."""
_HEAD_CHARS = 24
_MONEY = re.compile(
    rf"(?P<num>{_NUM}|{_CAPITAL})(?P<approx>{_WS}[余多])?{_WS}"
    rf"(?P<unit>(?:(?P<mult>(?:个(?=亿))?(?:{MULTIPLIER_WORDS})){_WS})?(?:(?P<cur>[元圆]|(?=[{CURRENCY_FIRST_CHARS}]){CURRENCY_WORDS})|(?P<kuai>块)))")
"""An amount and its unit: 元 (圆, 块) or a currency, a multiplier between (3千万元, 4.287亿美元)."""
_CURRENCY_FIRST = re.compile(rf"(?P<cur>人民币|RMB|[¥￥]|港币|新台币|台币|美金|英镑){_WS}(?P<num>{_ARABIC})(?P<approx>)"
                             rf"{_WS}(?P<mult>[万亿]?)(?![\d元圆万亿.])")
"""¥100, 人民币5万, 港币3.14: an amount whose currency is written before it and no 元 after."""
_COUNT = re.compile(
    rf"(?P<num>{_NUM})(?P<approx>{_WS}[余多])?{_WS}(?P<mult>[万亿]{_WS})?"
    rf"(?P<unit>{_MEASURE_WORD})")
_UNIT_OPENS_WORD = re.compile(r"部[门署]|家[庭属]|处[理置]|分[别配之]|期[间限]|所[属有]|位[于置]|台[湾胞]|条[件例]|"
                              r"届[时满]|门[户槛]|市[场民级委政直属域容貌区县]|县[级委直域城区乡]|区[域级委直属间别县]|"
                              r"乡[镇村级]|镇[级村街]|村[民委级庄落组]|人民|克[服难隆]|米[饭粉]|升[级学高温值格华职]|"
                              r"双[方向重边拥]|瓶颈")
"""A measure word that is the first character of a word: 2024部门, 3家庭, 二分之一 are no counts."""
_LIST_MARKER = re.compile(r"(?:^|[^\d.])\d{1,2}[.．]$")
"""附件:1.2021年…: a list marker's dot before a year is no decimal point."""
_SLOGAN_QUOTES = re.compile(r"“[^”]{1,15}”|\"[^\"]{1,15}\"")
_BOOK_TITLE = re.compile(r"《[^》]{1,80}》")
_PRE_QUALIFIERS = [("不少于", "gte"), ("不低于", "gte"), ("不超过", "lte"), ("不高于", "lte"),
                   ("超过", "gt"), ("高于", "gt"), ("逾", "gt"), ("不到", "lt"), ("不足", "lt"),
                   ("低于", "lt"), ("将近", "approx"), ("接近", "approx"), ("近", "approx"),
                   ("约", "approx"), ("大约", "approx"), ("至少", "gte"), ("最少", "gte"), ("起码", "gte"),
                   ("最多", "lte"), ("多于", "gt"), ("大于", "gt"), ("少于", "lt"), ("小于", "lt"),
                   ("大概", "approx"), ("差不多", "approx"), (">=", "gte"), ("<=", "lte"), ("≥", "gte"),
                   ("≤", "lte"), ("≧", "gte"), ("≦", "lte"), (">", "gt"), ("<", "lt")]
_POST_QUALIFIERS = [("以上", "gte"), ("以下", "lte"), ("以内", "lte"), ("左右", "approx"),
                    ("上下", "approx")]
_CHANGE_ONLY = re.compile(rf"(?<![\d.{_CN_DIGITS}元块])(?P<num>[1-9一二两三四五六七八九])[角毛]"
                          rf"(?:(?P<fen>[1-9一二两三四五六七八九])分?)?(?P<qian>钱)?(?(qian)|(?![{CJK}]))")
"""An amount of 角 (毛) alone: 2角, 两毛五, 五毛钱; not a word (三角形, 羽毛)."""
_MONEY_CHARS = frozenset("元圆块币镑布铢郎比吉盾索拉特金RMB")
"""Characters one of which every amount's unit holds (元, 块, 港币, 英镑 …): no unit, no scan."""
_CLOCK_HOUR = re.compile(r"(?:^|[^\d.])[\d零一二两三四五六七八九十]{1,3}[点时]$")
"""The hour before a count of 分 that makes it minutes (9点|30分)."""
_MONEY_WITHOUT_YUAN = re.compile(rf"(?P<num>{_ARABIC})(?P<approx>){_WS}(?P<unit>[万亿])(?![{CJK}\d.])")
_MONEY_WORDS = re.compile(r"(?:收入|支出|预算|决算|资金|经费|拨款|金额|投入|补助|结余|结转)[^，。；,;\d]{0,4}$")


@lru_cache(maxsize=1)
def exclusion_pattern() -> re.Pattern[str]:
    """All exclusion patterns of ``data/exclusions.txt`` as one alternation."""
    lines = [ln.strip() for ln in EXCLUSIONS_FILE.read_text(encoding="utf-8").splitlines()]
    return re.compile("|".join(f"(?:{ln})" for ln in lines if ln and not ln.startswith("#")))


_WHITESPACE = re.compile(r"\s")


def _squash(text: str) -> str:
    return _WHITESPACE.sub("", text)


def _qualifier(v: str, start: int, end: int, inner_approx: bool) -> str | None:
    if inner_approx:
        return "approx"
    before = v[max(0, start - 4):start].rstrip()
    for word, qualifier in _PRE_QUALIFIERS:
        if before.endswith(word):
            return qualifier
    after = v[end:end + 6].lstrip()
    after = after[3:].lstrip() if after.startswith(("（含）", "(含)")) else after  # 50万元（含）以上
    for word, qualifier in _POST_QUALIFIERS:
        if after.startswith(word):
            return qualifier
    if after.startswith("多") and not after.startswith("多元") and not after.startswith("多方"):
        return "approx"
    return None


def _is_bad_chinese_number(v: str, match: re.Match[str]) -> bool:
    """Chinese numerals glued to words (一是, 万家灯火): keep only plausible quantities."""
    num = match.group("num")
    if re.fullmatch(_ARABIC, _squash(num)):
        return False
    prev = v[match.start() - 1] if match.start() > 0 else ""
    return bool(prev) and (prev in "第每各逐" or (num in ("一", "两") and prev in "统单唯同"))


def _range_head(v: str, start: int) -> tuple[int, Decimal] | None:
    """Where the lower end of a range written before ``start`` begins, and its value (5.6到|5.78元)."""
    head = _RANGE_HEAD.search(v, max(0, start - _HEAD_CHARS), start)
    if head is None or (head.start() and (v[head.start() - 1].isdigit() or v[head.start() - 1] == ".")):
        return None
    try:
        return head.start(), parse_number(head["lo"])
    except ValueError:
        return None


def _money(v: str, m: re.Match[str]) -> Entity | None:
    """A MONEY from a match of ``_MONEY`` or ``_CURRENCY_FIRST``: 大写 with 角 and 分, 块 as 元
    (``money.kuai_is_money``), a range with one unit (5.6到5.78元 → 5.6/5.78), a currency before
    or after (foreign ones kept as the unit, with no yuan); None when no number is read."""
    rough = _rough_range(m["num"], money=True)
    try:
        number = rough[1] if rough else parse_number(m["num"])
    except ValueError:
        return None
    mult, cur, end = _squash(m["mult"] or "").lstrip("个"), m["cur"], m.end()  # 两个亿 is 2 亿
    start = m.start()
    if m.re is _MONEY:
        kuai = m["kuai"] is not None
        change, end = small_change(v, end, kuai)
        if kuai and not kuai_is_money(v, m.start(), m.end(), m["num"], end):
            return None
        number += change if not mult else 0
        end += v.startswith(("钱", "整", "正"), end)
        end += 3 * (cur in ("元", "圆") and v.startswith("人民币", end))  # 数十亿元人民币
        low = (start, rough[0]) if rough else range_low(v, start, mult, number, m["num"][-1])
        start = low[0] if low else start
        head = _CURRENCY_HEAD.search(v, max(0, start - 6), start)
        if head:
            start, cur = head.start(), head["cur"] if cur in ("元", "圆", None) else cur
    else:
        low = None
    unit, factor = money_unit(mult, cur if cur not in ("¥", "￥", None) else "元")
    value = format_number(number) if low is None else f"{format_number(low[1])}/{format_number(number)}"
    yuan = None if factor is None else float((number if low is None else low[1]) * factor)
    return Entity("MONEY", "", start, end, value, unit, yuan=yuan,
                  qualifier="approx" if m["approx"] or rough else None)


def _count(v: str, m: re.Match[str]) -> Entity | None:
    """A COUNT from a match of ``_COUNT``: a range (3到5人, 二三十人) or one number, 万/亿 folded in."""
    unit = _squash(m["unit"])
    approx = "approx" if m["approx"] else None
    rough = _rough_range(_squash(m["num"]))
    if rough:  # 二三十人: a range, never 230; 数十万人
        factor = BIG_MULTIPLIERS[_squash(m["mult"])] if m["mult"] else 1
        return Entity("COUNT", "", m.start(), m.end(), "/".join(format_number(n * factor) for n in rough), unit,
                      qualifier="approx")
    num = m["num"]
    if "." in num and not m["mult"] and unit not in DIVISIBLE_MEASURES:
        return None  # 2.2本计划: a section number before a word
    if unit in ("克", "米") and num.endswith("千") and len(num) > 1:
        num, unit = num[:-1], "千" + unit  # 二十五千克 is 25 千克, not 5020 克
    try:
        number = parse_number(num)
    except ValueError:
        return None
    head = _range_head(v, m.start())
    low = head[1] if head else None
    if m["mult"]:
        factor = BIG_MULTIPLIERS[_squash(m["mult"])]
        number, low = number * factor, None if low is None else low * factor
    if low is None or low >= number:
        return Entity("COUNT", "", m.start(), m.end(), format_number(number), unit, qualifier=approx)
    return Entity("COUNT", "", head[0], m.end(), f"{format_number(low)}/{format_number(number)}", unit,
                  qualifier=approx)


def _money_matches(v: str) -> list[re.Match[str]]:
    matches = list(_MONEY.finditer(v)) if not _MONEY_CHARS.isdisjoint(v) else []
    if "¥" in v or "￥" in v or "币" in v or "RMB" in v or "美金" in v or "英镑" in v:
        matches += list(_CURRENCY_FIRST.finditer(v))
    return matches + [m for m in _MONEY_WITHOUT_YUAN.finditer(v)
                      if _MONEY_WORDS.search(v, max(0, m.start() - 12), m.start())]


def _candidates(v: str) -> list[Entity]:
    found = date_candidates(v)
    for m in _PERCENT.finditer(v) if "%" in v or "‰" in v or "分" in v else ():
        ent = _percent(m)
        if ent is not None:
            found.append(ent)
    if "分之" in v:
        found.extend(filter(None, (_fraction(m) for m in _FRACTION.finditer(v))))
    if "百分点" in v:
        for m in _CN_POINTS.finditer(v):
            try:
                value = ("-" if m["sign"] else "") + format_number(parse_number(m["num"]))
            except ValueError:
                continue
            found.append(Entity("PERCENT", "", m.start(), m.end(), value, "个百分点"))
    for m in _money_matches(v):
        if m.re is not _CURRENCY_FIRST and _is_bad_chinese_number(v, m):
            continue
        if m.re is _MONEY_WITHOUT_YUAN:
            m_unit = m["unit"]
            try:
                number = parse_number(m["num"])
            except ValueError:
                continue
            found.append(Entity("MONEY", "", m.start(), m.end(), format_number(number), m_unit,
                                yuan=float(number * YUAN_FACTOR[m_unit])))
            continue
        ent = _money(v, m)
        found.extend([ent, *listed_amounts(v, ent)] if ent is not None else [])  # 各是A,B万元: A too
    if "k" in v or "K" in v or "w" in v or "W" in v:
        for start, end, low, number, mult in k_amounts(v):
            unit = mult + "元"
            value = format_number(number) if low is None else f"{format_number(low)}/{format_number(number)}"
            found.append(Entity("MONEY", "", start, end, value, unit,
                                yuan=float((number if low is None else low) * YUAN_FACTOR[unit])))
    if "角" in v or "毛" in v:
        for m in _CHANGE_ONLY.finditer(v):
            amount = parse_number(m["num"]) / 10 + (parse_number(m["fen"]) / 100 if m["fen"] else 0)
            found.append(Entity("MONEY", "", m.start(), m.end(), format_number(amount), "元", yuan=float(amount)))
    for m in _COUNT.finditer(v):
        if _is_bad_chinese_number(v, m) or _UNIT_OPENS_WORD.match(v, m.end("unit") - 1):
            continue
        if m["unit"] == "分" and _CLOCK_HOUR.search(v, max(0, m.start() - 4), m.start()):
            continue  # 9点30分, 下午四点三十分: a time of day, no count of 分
        ent = _count(v, m)
        if ent is not None:
            found.append(ent)
    return found


def _rough_range(cn: str, money: bool = False) -> tuple[Decimal, Decimal] | None:
    """二三十 → (20, 30), 十五六 → (15, 16): a rough range (``numbers.rough_range``); for money
    (``money``) also 三五百 (300 to 500) and a vague one (几十, 数百: ``numbers.vague_range``)."""
    return rough_range(cn, (1, 2)) or vague_range(cn) if money else rough_range(cn) or vague_range(cn)


def _percent(m: re.Match[str]) -> Entity | None:
    """A PERCENT from a match of ``_PERCENT``: signed (负, -, 百分之负), a range (lo/hi), per mille
    (千分之五, 5‰ keep their number with unit ‰) or percentage points (四点五个百分点)."""
    negative = bool(m["sign"] or m["sign2"] or m["neg"])
    sign = "-" if negative else ""
    if m["per"]:
        unit = {"百": "%", "千": "‰", "万": "‱"}[m["per"]]
    else:
        unit = {"%": "%", "‰": "‰"}.get(m["unit"], "个百分点")
    qualifier = None
    rough = _rough_range(m["cn"]) if m["cn"] else None
    try:
        if rough:
            value, qualifier = f"{format_number(rough[0])}/{format_number(rough[1])}", "approx"
        elif m["hi"]:  # 百分之十到二十
            low = parse_number(m["cn"] or m["ar"])
            value = f"{sign}{format_number(low)}/{format_number(parse_number(m['hi']))}"
        elif m["lo"]:
            value = f"{sign}{format_number(parse_number(m['lo']))}/{format_number(parse_number(m['num']))}"
        else:
            number = m["num"] or m["cn"] or m["ar"]
            value = sign + format_number(parse_number("零" + number if number.startswith("点") else number))
    except ValueError:
        return None
    return Entity("PERCENT", "", m.start(), m.end(), value, unit, qualifier=qualifier)


def _fraction(m: re.Match[str]) -> Entity | None:
    """A PERCENT from a match of ``_FRACTION``: 三分之二 → 66.67 %; None for 百分之 (read by
    ``_PERCENT``) or a numeral that is none."""
    if m["den"] in ("百", "千", "万"):
        return None
    try:
        denominator, numerator = parse_number(m["den"]), parse_number(m["num"])
    except ValueError:
        return None
    if not denominator:
        return None
    share = (numerator * 100 / denominator).quantize(Decimal("0.01"))
    return Entity("PERCENT", "", m.start(), m.end(), format_number(share), "%")


def _marks(size: int, spans: list[tuple[int, int]]) -> bytearray:
    """One byte a character: 1 inside one of ``spans``."""
    marks = bytearray(size)
    for start, end in spans:
        marks[start:end] = b"\x01" * (end - start)
    return marks


def _spans(size: int, spans: list[tuple[int, int]]) -> list[int]:
    """For each character, the number (from 1) of the span of ``spans`` it lies in, else 0."""
    numbers = [0] * size
    for n, (start, end) in enumerate(spans, start=1):
        numbers[start:end] = [n] * (end - start)
    return numbers


def _inside(numbers: list[int], ent: Entity) -> bool:
    """True when ``ent`` lies within one span numbered by ``_spans``."""
    return numbers[ent.start] != 0 and numbers[ent.start] == numbers[ent.end - 1]


class _Taken:
    """The spans of the figures chosen so far (never overlapping), kept in order so that a new
    one is checked against its two neighbours instead of every figure: linear in long texts."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, ent: Entity) -> bool:
        """True when ``ent`` overlaps a span taken."""
        i = bisect.bisect_left(self.starts, ent.start)
        return (i > 0 and self.ends[i - 1] > ent.start) or (i < len(self.starts) and self.starts[i] < ent.end)

    def add(self, ent: Entity) -> None:
        """Take ``ent``'s span."""
        i = bisect.bisect_left(self.starts, ent.start)
        self.starts.insert(i, ent.start)
        self.ends.insert(i, ent.end)


def find_entities(text: str) -> list[Entity]:
    """Every figure in ``text`` with value, unit, yuan and qualifier (``what`` left empty)."""
    v = same_length_view(text)
    candidates = _candidates(v)
    if not candidates:
        return []
    excluded = [(m.start(), m.end()) for m in exclusion_pattern().finditer(v) if m.end() > m.start()]
    if "@" in v or "http" in v or "www." in v:  # the pattern is costly on long CJK runs
        excluded += [(m.start(), m.end()) for m in _WEB_ADDRESS.finditer(v)]
    priority = {"DATE": 0, "PERCENT": 1, "MONEY": 2, "COUNT": 3}
    quoted = [(m.start(), m.end()) for m in _SLOGAN_QUOTES.finditer(v)]
    titles = [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(v)]
    chosen: list[Entity] = []
    blocked, in_title, in_quote = _marks(len(v), excluded), _spans(len(v), titles), _spans(len(v), quoted)
    taken = _Taken()
    for ent in sorted(candidates, key=lambda e: (priority[e.label], e.start, -e.end)):
        if blocked.find(1, ent.start, ent.end) >= 0:
            continue
        if ent.start > 0 and (v[ent.start - 1].isdigit() or v[ent.start - 1] == ".") \
                and not (ent.label == "DATE" and _LIST_MARKER.search(v, max(0, ent.start - 4), ent.start)):
            continue  # the tail of a longer number (1906 in 21906, 5 in 1.5)
        if taken.overlaps(ent):
            continue
        if ent.label != "DATE" and _inside(in_title, ent):
            continue  # a figure in a document title (《…十条措施》) is part of the name
        if not v[ent.start].isdigit() and _inside(in_quote, ent):
            continue  # Chinese numerals in a short quoted phrase are a slogan (“三会一课”)
        chosen.append(ent)
        taken.add(ent)
    chosen.sort(key=lambda e: e.start)
    for ent in chosen:
        ent.text = text[ent.start:ent.end]
        if ent.label != "DATE" and ent.qualifier is None:
            ent.qualifier = _qualifier(v, ent.start, ent.end, False)
    return chosen
