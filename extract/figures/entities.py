"""Finding MONEY, PERCENT, COUNT and DATE mentions on the characters of the text.

Figures are found with regular expressions on a same-length view of the text (full-width folded,
traditional converted to simplified), never on jieba tokens, so "1,288.68万元" stays whole and
offsets stay valid in the text given. A number may be split from its unit by a line break.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from extract.figures.numbers import CHINESE_DIGITS, format_number, parse_number
from extract.records import Entity
from extract.text.characters import CJK, same_length_view
from extract.text.vocabulary import BARE_YEAR

EXCLUSIONS_FILE = Path(__file__).parent / "data" / "exclusions.txt"

_WS = r"[ ]*(?:\n[ \n]*)?"
_ARABIC = r"\d(?:[\d,]|\n[ ]*(?=[\d,.]))*(?:\.(?:\d|\n[ ]*(?=\d))+)?(?<![,.])"
"""1,288.68: one decimal point at most (1.2.3 is a section number); a PDF line break may split it."""
_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_CN = rf"[{_CN_DIGITS}]+(?:[万亿][{_CN_DIGITS}]+)*(?:点[零〇一二三四五六七八九]+)?"
_NUM = rf"(?:{_ARABIC}|{_CN})"
_MEASURE_WORDS = sorted("""平方米 平方公里 公里 人次 批次 场次 期次 户次 家次 篇次 件次
个 件 对 次 人 名 家 期 场 条 篇 批 宗 项 户 份 所 位 分 座 支 台 辆 套 类 处 间 本 册 封 张 幅
部 门 轮 例 起 万方 吨 亩 公顷 株 棵 块 组 队 团 届 课
栋 幢 套 节 站 盏 页 大类 小类 大项 小项 斤 公斤 千克 余人 市 县 区 乡 镇 村""".split(), key=len, reverse=True)
_MEASURE_WORD = "|".join("\n?".join(m) for m in _MEASURE_WORDS if m != "余人")

_SIGN = r"(?:(?<![\d.%])(?P<sign>[-－−]|负))?"
_PERCENT = re.compile(
    rf"{_SIGN}(?:(?P<lo>{_ARABIC}){_WS}%?{_WS}[-—–~～至到]{_WS})?(?P<num>{_ARABIC}){_WS}(?P<unit>%|个百分点|百分点)"
    rf"|{_SIGN.replace('sign', 'sign2')}百分之(?:(?P<cn>{_CN})|(?P<ar>{_ARABIC}))")
_NEIGHBOUR_DIGITS = re.compile(r"^([一二三四五六七八])([二三四五六七八九])([十百千万])$")
"""二三十, 三四百: two neighbouring digits before a unit are a rough range (20–30, 300–400)."""
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s，。；、）)\]】]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
"""URLs and e-mail addresses: the digits inside them are no figures."""
_MONEY = re.compile(
    rf"(?P<num>{_NUM})(?P<approx>{_WS}[余多])?{_WS}(?P<unit>(?:千{_WS}|万{_WS}|亿{_WS})?元)")
_COUNT = re.compile(
    rf"(?P<num>{_NUM})(?P<approx>{_WS}[余多])?{_WS}(?P<mult>[万亿]{_WS})?(?P<unit>{_MEASURE_WORD})")
_UNIT_OPENS_WORD = re.compile(r"部[门署]|家[庭属]|处[理置]|分[别配]|期[间限]|所[属有]|位[于置]|台[湾胞]|条[件例]|"
                              r"届[时满]|门[户槛]|市[场民级委政直属域容貌区县]|县[级委直域城区乡]|区[域级委直属间别县]|"
                              r"乡[镇村级]|镇[级村街]|村[民委级庄落组]")
"""A measure word that is the first character of a word: 2024部门, 3家庭 are no counts."""
_DATE_RANGE = re.compile(
    rf"(?P<y1>(?:19|20)\d{{2}}){_WS}(?:年{_WS})?[-—–~～至到]{_WS}(?P<y2>(?:19|20)\d{{2}}){_WS}年(?:度)?")
_DATE = re.compile(
    rf"(?P<y>(?:19|20)\d{{2}}){_WS}年(?:度)?(?:{_WS}(?P<m>1[0-2]|0?[1-9]){_WS}月(?:份)?"
    rf"(?:{_WS}(?P<d>3[01]|[12]\d|0?[1-9]){_WS}[日号])?)?")
_MONTH = re.compile(rf"(?<![\d.])(?P<m>1[0-2]|0?[1-9]){_WS}月(?:份)?(?:{_WS}(?P<d>3[01]|[12]\d|0?[1-9]){_WS}[日号])?"
                    rf"(?![\d个])")
_NUMERIC_DATE = re.compile(
    r"(?<![\d.\-/])(?P<y>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])"
    r"(?![\d%])")
"""ISO, slashed and dotted dates: 2023-06-25, 2023/6/25, 2023.06.25."""
_BARE_YEAR = re.compile(BARE_YEAR)
_ANY_NUMBER = re.compile(rf"[\d{_CN_DIGITS}]")
"""What every figure holds: an Arabic or a Chinese digit."""
_LIST_MARKER = re.compile(r"(?:^|[^\d.])\d{1,2}[.．]$")
"""附件:1.2021年…: a list marker's dot before a year is no decimal point."""
_CN_YEAR = re.compile(r"(?P<y>[一二〇零][〇零一二三四五六七八九]{3})年(?:度)?")
_MONTH_RANGE = re.compile(
    rf"(?P<y>(?:19|20)\d{{2}}){_WS}年{_WS}(?P<m1>1[0-2]|0?[1-9]){_WS}[-—–~～至到]{_WS}"
    rf"(?P<m2>1[0-2]|0?[1-9]){_WS}月(?:份)?")
_RANGE_TAIL = re.compile(
    rf"{_WS}[-—–~～至到]{_WS}(?:(?P<y>(?:19|20)\d{{2}}){_WS}年)?(?:{_WS}(?P<m>1[0-2]|0?[1-9]){_WS}月)?"
    rf"(?:{_WS}(?P<d>3[01]|[12]\d|0?[1-9]){_WS}[日号])?")
_SLOGAN_QUOTES = re.compile(r"“[^”]{1,15}”|\"[^\"]{1,15}\"")
_BOOK_TITLE = re.compile(r"《[^》]{1,80}》")
_PRE_QUALIFIERS = [("不少于", "gte"), ("不低于", "gte"), ("不超过", "lte"), ("不高于", "lte"),
                   ("超过", "gt"), ("高于", "gt"), ("逾", "gt"), ("不到", "lt"), ("不足", "lt"),
                   ("低于", "lt"), ("将近", "approx"), ("接近", "approx"), ("近", "approx"),
                   ("约", "approx"), ("大约", "approx")]
_POST_QUALIFIERS = [("以上", "gte"), ("以下", "lte"), ("以内", "lte"), ("左右", "approx"),
                    ("上下", "approx")]
YUAN_FACTOR = {"元": 1, "千元": 1000, "万元": 10_000, "亿元": 100_000_000, "万": 10_000, "亿": 100_000_000}
"""Yuan in each unit of money; a bare 万 or 亿 is money only after words of money (收入624.4万)."""
_MONEY_WITHOUT_YUAN = re.compile(rf"(?P<num>{_ARABIC})(?P<approx>){_WS}(?P<unit>[万亿])(?![{CJK}\d.])")
_MONEY_WORDS = re.compile(r"(?:收入|支出|预算|决算|资金|经费|拨款|金额|投入|补助|结余|结转)[^，。；,;\d]{0,4}$")


@lru_cache(maxsize=1)
def exclusion_pattern() -> re.Pattern[str]:
    """All exclusion patterns of ``data/exclusions.txt`` as one alternation."""
    lines = [ln.strip() for ln in EXCLUSIONS_FILE.read_text(encoding="utf-8").splitlines()]
    return re.compile("|".join(f"(?:{ln})" for ln in lines if ln and not ln.startswith("#")))


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text)


def _qualifier(v: str, start: int, end: int, inner_approx: bool) -> str | None:
    if inner_approx:
        return "approx"
    before = v[max(0, start - 4):start].rstrip()
    for word, qualifier in _PRE_QUALIFIERS:
        if before.endswith(word):
            return qualifier
    after = v[end:end + 3].lstrip()
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


def _date_value(year: str, month: str | None, day: str | None) -> str:
    return year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day else "")


def _candidates(v: str) -> list[Entity]:
    found: list[Entity] = []
    if not _ANY_NUMBER.search(v):
        return found
    found += _date_candidates(v)
    if "%" in v or "百分" in v:  # what every alternative of _PERCENT holds
        found += [_percent(m) for m in _PERCENT.finditer(v)]
    found += _money_candidates(v)
    found += _count_candidates(v)
    return found


def _date_candidates(v: str) -> list[Entity]:
    """Dates, ranges of years and months, in the order of their patterns (each pattern run only
    where the text holds the 年 or 月 it needs)."""
    found: list[Entity] = []
    year, month = "年" in v, "月" in v
    for m in _DATE_RANGE.finditer(v) if year else ():
        found.append(Entity("DATE", "", m.start(), m.end(), f"{m['y1']}/{m['y2']}"))
    for m in _MONTH_RANGE.finditer(v) if year and month else ():
        found.append(Entity("DATE", "", m.start(), m.end(),
                            f"{m['y']}-{int(m['m1']):02d}/{m['y']}-{int(m['m2']):02d}"))
    for m in _DATE.finditer(v) if year else ():
        value = _date_value(m["y"], m["m"], m["d"])
        end = m.end()
        tail = _RANGE_TAIL.match(v, end)
        if tail and (tail["y"] or tail["m"] or tail["d"]) and (
                (tail["d"] is not None) == (m["d"] is not None) or tail["y"]):
            year = tail["y"] or m["y"]
            month = tail["m"] or (m["m"] if tail["d"] else None)
            value += "/" + _date_value(year, month, tail["d"])
            end = tail.end()
        found.append(Entity("DATE", "", m.start(), end, value))
    for m in _BARE_YEAR.finditer(v):
        found.append(Entity("DATE", "", m.start(), m.end(), m.group(1)))
    for m in _CN_YEAR.finditer(v) if year else ():
        year = "".join(str(CHINESE_DIGITS[c]) for c in m["y"])
        found.append(Entity("DATE", "", m.start(), m.end(), year))
    found += [Entity("DATE", "", m.start(), m.end(), _date_value(m["y"], m["m"], m["d"]))
              for m in _NUMERIC_DATE.finditer(v)]
    for m in _MONTH.finditer(v) if month else ():
        day = f"-{int(m['d']):02d}" if m["d"] else ""
        found.append(Entity("DATE", "", m.start(), m.end(), f"--{int(m['m']):02d}{day}"))
    return found


def _money_candidates(v: str) -> list[Entity]:
    """Amounts in 元 (千元, 万元, 亿元), and in a bare 万 or 亿 after words of money."""
    found: list[Entity] = []
    matches = list(_MONEY.finditer(v)) if "元" in v else []
    if "万" in v or "亿" in v:
        matches += [m for m in _MONEY_WITHOUT_YUAN.finditer(v)
                    if _MONEY_WORDS.search(v, max(0, m.start() - 12), m.start())]
    for m in matches:
        if _is_bad_chinese_number(v, m):
            continue
        unit = _squash(m["unit"])
        number = parse_number(m["num"])
        found.append(Entity("MONEY", "", m.start(), m.end(), format_number(number), unit,
                            yuan=float(number * YUAN_FACTOR[unit]),
                            qualifier="approx" if m["approx"] else None))
    return found


def _count_candidates(v: str) -> list[Entity]:
    found: list[Entity] = []
    for m in _COUNT.finditer(v):
        if _is_bad_chinese_number(v, m) or _UNIT_OPENS_WORD.match(v, m.end("unit") - 1):
            continue
        rough = _rough_range(_squash(m["num"]))
        if rough:  # 二三十人: a range, never 230
            found.append(Entity("COUNT", "", m.start(), m.end(),
                                "/".join(format_number(n) for n in rough), _squash(m["unit"]), qualifier="approx"))
            continue
        number = parse_number(m["num"])
        if m["mult"]:
            number *= Decimal(10_000 if "万" in m["mult"] else 100_000_000)
        found.append(Entity("COUNT", "", m.start(), m.end(), format_number(number), _squash(m["unit"]),
                            qualifier="approx" if m["approx"] else None))
    return found


def _rough_range(cn: str) -> tuple[Decimal, Decimal] | None:
    """二三十 → (20, 30): the ends of a range written with two neighbouring digits."""
    match = _NEIGHBOUR_DIGITS.match(cn)
    if not match or CHINESE_DIGITS[match[2]] != CHINESE_DIGITS[match[1]] + 1:
        return None
    unit = parse_number("一" + match[3])
    return CHINESE_DIGITS[match[1]] * unit, CHINESE_DIGITS[match[2]] * unit


def _percent(m: re.Match[str]) -> Entity:
    """A PERCENT from a match of ``_PERCENT``: signed, a range (lo/hi) or percentage points."""
    negative = bool(m["sign"] or m["sign2"])
    sign = "-" if negative else ""
    unit = "%" if m["unit"] in (None, "%") else "个百分点"
    qualifier = None
    rough = _rough_range(m["cn"]) if m["cn"] else None
    if rough:
        value, qualifier = f"{format_number(rough[0])}/{format_number(rough[1])}", "approx"
    elif m["lo"]:
        value = f"{sign}{format_number(parse_number(m['lo']))}/{format_number(parse_number(m['num']))}"
    else:
        value = sign + format_number(parse_number(m["num"] or m["cn"] or m["ar"]))
    return Entity("PERCENT", "", m.start(), m.end(), value, unit, qualifier=qualifier)


def _overlaps(a: Entity, b: Entity) -> bool:
    return a.start < b.end and b.start < a.end


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
    for ent in sorted(candidates, key=lambda e: (priority[e.label], e.start, -e.end)):
        if any(s < ent.end and ent.start < e for s, e in excluded):
            continue
        if ent.start > 0 and (v[ent.start - 1].isdigit() or v[ent.start - 1] == ".") \
                and not (ent.label == "DATE" and _LIST_MARKER.search(v, max(0, ent.start - 4), ent.start)):
            continue  # the tail of a longer number (1906 in 21906, 5 in 1.5)
        if any(_overlaps(ent, other) for other in chosen):
            continue
        if ent.label != "DATE" and any(s <= ent.start and ent.end <= e for s, e in titles):
            continue  # a figure in a document title (《…十条措施》) is part of the name
        if not v[ent.start].isdigit() and any(s <= ent.start and ent.end <= e for s, e in quoted):
            continue  # Chinese numerals in a short quoted phrase are a slogan (“三会一课”)
        chosen.append(ent)
    chosen.sort(key=lambda e: e.start)
    for ent in chosen:
        ent.text = text[ent.start:ent.end]
        if ent.label != "DATE" and ent.qualifier is None:
            ent.qualifier = _qualifier(v, ent.start, ent.end, False)
    return chosen
