"""The written forms of an amount of money around its number: small change (角 毛 分), 块 as 元,
currencies (人民币 and foreign ones, before or after the number), and the lower end of a range
written before an amount with one unit (1万-5万元, 两到三万港元, 五块六到五块七毛八).

``extract/figures/entities.py`` finds the number and its unit; this module reads what stands
next to them on the same-length view of the text (``same_length_view``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from extract.figures.numbers import format_number, parse_number
from extract.figures.units import FOREIGN_CURRENCIES, MONEY_MULTIPLIERS, RENMINBI, YUAN_FACTOR
from extract.records import Entity
from extract.text.characters import CJK

CURRENCY_WORDS = "|".join(sorted((*FOREIGN_CURRENCIES, *RENMINBI), key=len, reverse=True))
"""Every currency name, longest first (新台币 before 台币), as one alternation."""
CURRENCY_FIRST_CHARS = "".join(sorted({name[0] for name in (*FOREIGN_CURRENCIES, *RENMINBI)}))
"""The characters a currency name starts with: a quick look before the alternation is tried."""
MULTIPLIER_WORDS = "|".join(sorted(MONEY_MULTIPLIERS, key=len, reverse=True))
_CHANGE_DIGIT = "[0-9零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖]"
_CHANGE = re.compile(
    rf"[ ]*(?P<zero>[零〇](?=[1-9一二两三四五六七八九]))?(?P<d1>{_CHANGE_DIGIT})(?P<m1>[角毛分])?"
    rf"(?:(?P<d2>{_CHANGE_DIGIT})(?P<m2>分)?)?")
"""The 角 (毛) and 分 after 元 or 块: 六角七分, 五角八分; after 块 also bare (十二块五, 三块零四)."""
_AFTER_BARE = re.compile(rf"$|[^{CJK}0-9十百千万亿]|[钱的左以多]")
"""What may follow a bare digit of small change (十二块五。 三块零四钱): no more numerals or words."""
_MONEY_CONTEXT = re.compile(r"(?:钱|价|花|费|付|赔|买|卖|售|值|赚|挣|捡|薪|工资|租|罚|退|补助|奖|欠|借|捐|收入)"
                            r"[^，。；,;\n\t]{0,8}$")
"""Words of money before a 块 in its clause (花了三十块, 每斤卖八块): the 块 is 元, not a piece."""
_BARE_QUALIFIERS = re.compile(r"^(?:至少|最多|最少|大约|大概|约|近|不到|不足|起码|超过|只有|仅|共|才|就)?$")
_RANGE_LOW = re.compile(
    rf"(?P<lo>[0-9.零〇一二两三四五六七八九十百千廿卅壹贰叁肆伍陆柒捌玖拾佰仟]+)[ ]*(?P<mult>{MULTIPLIER_WORDS})?"
    rf"(?P<unit>[元圆块]|{CURRENCY_WORDS})?(?P<change>(?:{_CHANGE_DIGIT}[角毛分]?){{0,2}})"
    rf"[ ]*(?:[(（]含[)）])?[ ]*(?:——|--|[-—–~～至到－])[ ]*$")
"""The lower end of a range before an amount: 1万(含)-, 两到, 8500到, 五元六角-, 五块六到."""
LOOK_BACK = 24
"""Characters before an amount where the lower end of its range may start."""


def small_change(v: str, pos: int, kuai: bool) -> tuple[Decimal, int]:
    """The 角 and 分 written at ``pos`` after an amount's unit, in 元, and where they end: 六角七分
    → 0.67; after 块 (``kuai``) also bare, 块五 → 0.5, 块零四 → 0.04, 七毛八 → 0.78."""
    m = _CHANGE.match(v, pos)
    if m is None or (m["m1"] is None and (not kuai or m["d2"] is not None)):
        return Decimal(0), pos  # 元 then a bare digit is no small change (100元3人)
    first = parse_number(m["d1"])
    if m["zero"] or m["m1"] == "分":
        amount, end, bare = first / 100, m.end("m1") if m["m1"] else m.end("d1"), m["m1"] is None
    elif m["m1"] and m["d2"] is not None:
        amount, end = first / 10 + parse_number(m["d2"]) / 100, m.end()
        bare = m["m2"] is None  # 七毛八
    else:
        amount, end, bare = first / 10, m.end(), m["m1"] is None
    if bare and not _AFTER_BARE.match(v, end):
        return Decimal(0), pos  # 3块2处: a bare digit before a word is no small change
    return amount, end


_KUAI_RANGE = re.compile(rf"[元块]{_CHANGE_DIGIT}{{0,2}}[角毛分]?[ ]*(?:——|--|[-—–~～至到－])[ ]*$")
"""A 块 or 元 amount as the lower end of a range before a 块 (两块到三块, 五块六到五块七毛八)."""


def kuai_is_money(v: str, start: int, end: int, number: str, change_end: int) -> bool:
    """True when the 块 ending at ``end`` is 元: small change or 钱 follows (一百块钱, 三块四毛),
    the amount has decimals (3.04块), words of money stand before it in its clause (花了三十块),
    or the amount is all its text holds (至少七块以上)."""
    if change_end > end or v.startswith("钱", end) or "." in number:
        return True
    if _MONEY_CONTEXT.search(v, max(0, start - 12), start) or _KUAI_RANGE.search(v, max(0, start - 8), start):
        return True
    rest = v[end:].strip(" 。.!！")
    return bool(_BARE_QUALIFIERS.match(v[:start].strip())) and rest in ("", "以上", "以下", "左右", "上下")


def money_unit(mult: str, currency: str) -> tuple[str, int | None]:
    """The unit an amount is given in and its 元 per unit (None for a foreign currency): ('万', '')
    → ('万元', 10000); ('亿', '美元') → ('亿美元', None); ('', '人民币') → ('元', 1)."""
    if currency and currency not in RENMINBI and currency not in "元圆块":
        return mult + currency, None
    unit = mult + "元"
    return unit, YUAN_FACTOR[unit]


_HUNDREDS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}


def range_low(v: str, start: int, mult: str, number: Decimal, high_unit: str = "") -> tuple[int, Decimal] | None:
    """The lower end of a range written before an amount starting at ``start`` (its number
    ``number`` in the unit ``mult``, its numeral ending in ``high_unit``), in that unit, and where
    it starts: 1万-|5万元 → 1; 两到|三万 → 2; 8500到|3万港元 → 0.85; 两~|3百日元 → 200; None when
    nothing, or no lower number, stands there."""
    m = _RANGE_LOW.search(v, max(0, start - LOOK_BACK), start)
    if m is None or (m.start() and (v[m.start() - 1].isdigit() or v[m.start() - 1] == ".")):
        return None
    try:
        low = parse_number(m["lo"])
        if m["change"]:
            low += small_change(m["change"], 0, m["unit"] == "块")[0]
    except ValueError:
        return None
    factor = MONEY_MULTIPLIERS.get(mult, 1)
    if not m["mult"] and not m["unit"] and low < 10 and high_unit in _HUNDREDS:
        low *= _HUNDREDS[high_unit]  # 两~3百日元: the lower end is in the upper one's hundreds
    if m["mult"]:
        low = low * MONEY_MULTIPLIERS[m["mult"]] / factor
    elif m["unit"] or low >= number:
        low = low / factor  # 8500到3万: the lower end is in plain units
    return (m.start(), low) if low < number else None


_K_AMOUNT = re.compile(r"(?:(?P<lo>\d+(?:\.\d+)?)(?P<lomult>[kKwW])?[ ]*(?:--|[-~～至到])[ ]*)?"
                       r"(?P<num>\d+(?:\.\d+)?)(?P<mult>[kKwW])(?![A-Za-z0-9])(?P<yuan>元)?")
"""15k, 30w, 10~15k元, 10k~15k: thousands (k) and ten thousands (w) as colloquial money writes them."""
_K_CONTEXT = re.compile(r"(?:薪|工资|收入|报价|价格|价|预算|费|奖金|补贴|钱)[^，。；,;\n\t]{0,8}$")
K_MULTIPLIERS = {"k": "千", "w": "万"}


def k_amounts(v: str) -> list[tuple[int, int, Decimal | None, Decimal, str]]:
    """Each amount in k or w of ``v`` that is money (元 after it, words of money before it in its
    clause, or nothing but qualifiers around it): start, end, the lower end of a range or None,
    the number, and the multiplier (千 or 万)."""
    found = []
    for m in _K_AMOUNT.finditer(v):
        if m.start() and (v[m.start() - 1].isalnum() and not "\u4e00" <= v[m.start() - 1] <= "\u9fff"):
            continue  # part of a word or a code (B2k, 3x4k)
        alone = bool(_BARE_QUALIFIERS.match(v[:m.start()].strip())) and \
            v[m.end():].strip(" 。.!！") in ("", "左右", "上下", "以上", "以下")
        if not (m["yuan"] or alone or _K_CONTEXT.search(v, max(0, m.start() - 12), m.start())):
            continue
        mult = K_MULTIPLIERS[m["mult"].lower()]
        low = None
        if m["lo"]:
            low = Decimal(m["lo"])
            if m["lomult"] and K_MULTIPLIERS[m["lomult"].lower()] != mult:
                continue  # 5k-2w: two multipliers, no range of one unit
        found.append((m.start(), m.end(), low, Decimal(m["num"]), mult))
    return found


_LISTED = re.compile(rf"(?:各|分别)[{CJK}]{{0,3}}?[ ]*((?:\d[\d,]*(?:\.\d+)?[ ]*[,，、][ ]*)+)$")
"""Bare numbers listed before an amount that gives their unit once (收、支总计各是4125.49,4143.91万元,
各减少1267.86,2570.97万元)."""
_LISTED_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?(?=[ ]*[,，、])")


def listed_amounts(v: str, amount: Entity) -> list[Entity]:
    """The bare numbers listed right before ``amount``, opened by 各 or 分别 (各是A,B万元, 分别为A、B万元):
    each an amount in its unit."""
    head = v[max(0, amount.start - 80):amount.start]
    match = _LISTED.search(head)
    if match is None or amount.unit not in YUAN_FACTOR:
        return []
    offset = amount.start - len(head) + match.start(1)
    found = []
    for written in _LISTED_NUMBER.finditer(match.group(1)):
        try:
            number = parse_number(written.group())
        except ValueError:
            continue
        found.append(Entity("MONEY", "", offset + written.start(), offset + written.end(), format_number(number),
                            amount.unit, yuan=float(number * YUAN_FACTOR[amount.unit])))
    return found
