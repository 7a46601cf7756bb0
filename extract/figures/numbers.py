"""Numbers as written in reports: Arabic with thousands separators, and Chinese numerals."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_BIG = {"万": 10_000, "亿": 100_000_000}


def chinese_to_decimal(text: str) -> Decimal:
    """一百二十 → 120, 两 → 2, 十二 → 12, 千 → 1000, 一千二百 → 1200, 三点五 → 3.5,
    三万五千 → 35000, 一亿二千万 → 120000000, 五万亿 → 5000000000000, 二〇二三 → 2023."""
    if "点" in text:
        whole, _, frac = text.partition("点")
        digits = "".join(str(CHINESE_DIGITS[c]) for c in frac)
        return chinese_to_decimal(whole or "零") + Decimal("0." + digits)
    total = Decimal(0)  # whole 亿 groups
    below_yi = Decimal(0)  # whole 万 groups since the last 亿
    section = Decimal(0)  # below 万: 千, 百, 十
    digit: int | None = None
    for ch in text:
        if ch in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[ch] if digit is None else digit * 10 + CHINESE_DIGITS[ch]
        elif ch in CHINESE_UNITS:
            section += Decimal(digit if digit is not None else 1) * CHINESE_UNITS[ch]
            digit = None
        elif ch == "万":
            below_yi += ((section + (digit or 0)) or 1) * CHINESE_BIG["万"]
            section, digit = Decimal(0), None
        elif ch == "亿":
            total += ((below_yi + section + (digit or 0)) or 1) * CHINESE_BIG["亿"]
            below_yi, section, digit = Decimal(0), Decimal(0), None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + below_yi + section + Decimal(digit or 0)


def parse_number(text: str) -> Decimal:
    """Arabic ("1,288.68", with stray whitespace) or Chinese numerals to a Decimal."""
    clean = re.sub(r"[\s,，]", "", text)
    if re.fullmatch(r"\d+(\.\d+)?", clean):
        try:
            return Decimal(clean)
        except InvalidOperation as exc:  # pragma: no cover - guarded by the regex
            raise ValueError(text) from exc
    return chinese_to_decimal(clean)


def format_number(value: Decimal) -> str:
    """A Decimal as the shortest plain string: 12 → "12", 1288.680 → "1288.68"."""
    return format(value.normalize(), "f")  # quantize would fail past 28 digits (10000…0万元)
