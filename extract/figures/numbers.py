"""Numbers as written in reports: Arabic, Chinese numerals and the two mixed.

One reader for every written form: 小写 (一二三) and 大写 (壹贰叁, 拾佰仟), 〇 and 零, 两, 廿 卅 卌,
万/亿 after Arabic digits (10.1万, 1万600), full-width digits and separators (１，２８８．６８),
decimals (三点八, 4.5), digit strings (二〇二三), the spoken short forms (三万五 = 35000,
一百二 = 120) and a sign (负, -). The multipliers of money and of figures have their one home in
``extract/figures/units.py``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from extract.figures.units import BIG_MULTIPLIERS

CHINESE_DIGITS = {"〇": 0, "○": 0, "零": 0, "洞": 0, "一": 1, "幺": 1, "壹": 1, "二": 2, "两": 2, "兩": 2, "贰": 2,
                  "貳": 2, "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6,
                  "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
"""Every way a digit is written, 小写, 大写 and traditional (兩 貳 陸); ○ (a circle) for 〇."""
CHINESE_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
"""The units below 万, 小写 and 大写."""
TENS = {"廿": 20, "卅": 30, "卌": 40}
"""One character for twenty, thirty, forty (廿二 = 22, 五百卅四 = 534)."""
ZERO_DIGITS = "〇○零洞"
SIGN_WORDS = ("负", "-", "－", "−")
DIGIT_CHARS = "".join(d for d in CHINESE_DIGITS if d not in "洞幺")
"""The digit characters the figure patterns look for (洞 and 幺 are only read aloud)."""
NUMERAL_CHARS = DIGIT_CHARS + "".join(CHINESE_UNITS) + "".join(TENS)
"""Digits, units and tens below 万: the characters of a Chinese numeral group."""
BIG_CHARS = "".join(BIG_MULTIPLIERS)
CHINESE_NUMERAL_CHARS = NUMERAL_CHARS + BIG_CHARS + "点"

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_SEPARATORS = re.compile(r"(?<=\d)[,，'’ ](?=\d{3}(?:\D|$))")
"""Thousands separators (1,288.68 1，288 1 288 1'288) and stray spaces between digits."""


def _positional(text: str) -> Decimal:
    """A numeral written digit by digit: 二〇二三 → 2023, 一七二零 → 1720."""
    return Decimal("".join(str(CHINESE_DIGITS[ch]) if ch in CHINESE_DIGITS else ch for ch in text))


def _integer_with_units(text: str) -> Decimal:
    """A whole number written with units: 一千零十 → 1010, 五百卅四 → 534, 三万五 → 35000,
    200亿零四千230 → 20000004230, 10.1万 → 101000."""
    total = Decimal(0)  # whole 亿 groups
    below_yi = Decimal(0)  # whole 万 groups since the last 亿
    section = Decimal(0)  # below 万: 千, 百, 十
    digit: Decimal | None = None
    spoken = False  # the pending digit is one Chinese digit that may be short for digit × unit/10
    last_unit = 0
    closed = False  # a decimal Arabic number before 万/亿 (10.1万) ends the numeral
    i = 0
    while i < len(text):
        if closed:
            raise ValueError(f"nothing may follow a decimal before 万 or 亿: {text!r}")
        ch = text[i]
        arabic = _ARABIC.match(text, i)
        if arabic:
            if digit is not None:
                raise ValueError(f"two numbers without a unit between them: {text!r}")
            digit, spoken = Decimal(arabic.group()), False
            i = arabic.end()
            continue
        if ch in ZERO_DIGITS:
            if digit is not None:
                raise ValueError(f"a zero after a digit inside a numeral with units: {text!r}")
            last_unit = 0  # 一千零十: what follows a zero is never short for a bigger unit
        elif ch in CHINESE_DIGITS:
            if digit is not None:
                raise ValueError(f"two digits without a unit between them: {text!r}")
            digit, spoken = Decimal(CHINESE_DIGITS[ch]), True
        elif ch in CHINESE_UNITS:
            section += (digit if digit is not None else 1) * CHINESE_UNITS[ch]
            digit, last_unit = None, CHINESE_UNITS[ch]
        elif ch in TENS:
            if digit is not None:
                raise ValueError(f"a digit before {ch}: {text!r}")
            section += TENS[ch]
            last_unit = 10
        elif ch in BIG_MULTIPLIERS:
            closed = digit is not None and digit != digit.to_integral_value() and not section
            group = section + (digit or 0)
            factor = BIG_MULTIPLIERS[ch]
            if factor >= BIG_MULTIPLIERS["亿"]:
                total += ((below_yi + group) or 1) * factor
                below_yi = Decimal(0)
            else:
                below_yi += (group or 1) * factor
            section, digit, last_unit = Decimal(0), None, factor
        else:
            raise ValueError(f"not a numeral: {text!r}")
        i += 1
    if digit is not None and spoken and last_unit >= 100:
        digit *= Decimal(last_unit) / 10  # 两千六 = 2600, 三万五 = 35000
    return total + below_yi + section + (digit or 0)


def _whole(text: str) -> Decimal:
    if not text:
        raise ValueError("a numeral without digits")
    if _ARABIC.fullmatch(text):
        return Decimal(text)
    if all(ch in CHINESE_DIGITS or ch.isdigit() for ch in text):
        return _positional(text)
    return _integer_with_units(text)


def chinese_to_decimal(text: str) -> Decimal:
    """Any numeral, Chinese, Arabic or both, to a Decimal: 一百二十 → 120, 两 → 2, 十二 → 12,
    壹拾贰万叁仟 → 123000, 一千零十 → 1010, 廿二 → 22, 三点五 → 3.5, 负三点八 → -3.8,
    二〇二三 → 2023, 10.1万 → 101000; ValueError when ``text`` is none."""
    text = text.strip()
    negative = text.startswith(SIGN_WORDS)
    if negative:
        text = text[1:]
    whole, point, fraction = text.partition("点") if "点" in text else text.partition(".") \
        if text.count(".") == 1 and not any(ch in BIG_MULTIPLIERS for ch in text) else (text, "", "")
    if point:
        if not fraction or not all(ch in CHINESE_DIGITS or ch.isdigit() for ch in fraction):
            raise ValueError(f"not a decimal: {text!r}")
        digits = "".join(str(CHINESE_DIGITS[ch]) if ch in CHINESE_DIGITS else ch for ch in fraction)
        value = _whole(whole) + Decimal("0." + digits)
    else:
        value = _whole(whole)
    return -value if negative else value


def clean_arabic(text: str) -> str:
    """Full-width digits folded, thousands separators and whitespace dropped: '１，２８８．６８' →
    '1288.68'."""
    text = text.translate(_FULL_WIDTH)
    return re.sub(r"\s", "", _SEPARATORS.sub("", text))


def parse_number(text: str) -> Decimal:
    """Arabic ("1,288.68", full-width, stray whitespace), Chinese or mixed numerals to a Decimal."""
    clean = clean_arabic(text)
    if re.fullmatch(r"-?\d+(\.\d+)?", clean):
        try:
            return Decimal(clean)
        except InvalidOperation as exc:  # pragma: no cover - guarded by the regex
            raise ValueError(text) from exc
    return chinese_to_decimal(clean.replace(",", ""))


def format_number(value: Decimal) -> str:
    """A Decimal as the shortest plain string: 12 → "12", 1288.680 → "1288.68"."""
    return format(value.normalize(), "f")  # quantize would fail past 28 digits (10000…0万元)


_ROUGH = re.compile(r"^(?P<head>(?:[零〇一二两三四五六七八九]?[十百千万亿])*)(?P<a>[一二三四五六七八])"
                    r"(?P<b>[二三四五六七八九])(?P<unit>[十百千万亿]?)$")
_VAGUE = re.compile(r"^(?:(?P<teens>十几)|[几数](?P<units>[十百千万]+))$")


def rough_range(text: str, spread: tuple[int, ...] = (1,)) -> tuple[Decimal, Decimal] | None:
    """The two ends of a numeral with two digits side by side, which is a rough range: 二三十 →
    (20, 30), 十五六 → (15, 16), 七百三四十 → (730, 740), 四十五六 → (45, 46); ``spread``: how far
    apart the two digits may be (三五百 is 300 to 500 with (1, 2)); None for any other numeral."""
    m = _ROUGH.match(text)
    if m is None or CHINESE_DIGITS[m["b"]] - CHINESE_DIGITS[m["a"]] not in spread:
        return None
    if not m["head"] and not m["unit"] and spread == (1,):
        return None  # 二三 alone is no quantity
    return _integer_with_units(m["head"] + m["a"] + m["unit"]), _integer_with_units(m["head"] + m["b"] + m["unit"])


def vague_range(text: str) -> tuple[Decimal, Decimal] | None:
    """The range a vague numeral stands for: 十几 → (10, 20), 几十 and 数十 → (10, 100), 数百 → (100,
    1000), 几十万 → (100000, 1000000); None for any other numeral."""
    m = _VAGUE.match(text)
    if m is None:
        return None
    if m["teens"]:
        return Decimal(10), Decimal(20)
    low = _integer_with_units(m["units"])
    return low, low * 10
