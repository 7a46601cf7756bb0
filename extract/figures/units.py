"""The units of figures, one home each: money's multipliers and yuan per unit, the multipliers
of numbers (万, 亿), and the measure words a COUNT ends with."""

from __future__ import annotations

from decimal import Decimal

BIG_MULTIPLIERS: dict[str, Decimal] = {"万": Decimal(10_000), "萬": Decimal(10_000),
                                       "亿": Decimal(100_000_000), "億": Decimal(100_000_000)}
"""What 万 and 亿 multiply a number by (10.1万 = 101000), traditional forms too."""

YUAN_FACTOR: dict[str, int] = {"元": 1, "千元": 1000, "万元": 10_000, "百万元": 1_000_000,
                               "千万元": 10_000_000, "亿元": 100_000_000, "万": 10_000, "亿": 100_000_000}
"""Yuan in each unit of money; a bare 万 or 亿 is money only after words of money (收入624.4万)."""

YUAN_PER_WAN = YUAN_FACTOR["万元"]
"""Yuan in a 万元: the unit budgets, the store's summaries and the UI's amounts are given in."""

MONEY_MULTIPLIERS: dict[str, int] = {"千": 1000, "万": 10_000, "百万": 1_000_000, "千万": 10_000_000,
                                     "亿": 100_000_000}
"""The multipliers written between an amount and its currency (3千万元, 4.287亿美元)."""

RENMINBI = ("人民币", "RMB")
"""The names of China's own currency: an amount in it is in 元 (3.14人民币 = 3.14 元)."""

FOREIGN_CURRENCIES: tuple[str, ...] = tuple(sorted("""美元 美金 欧元 日元 日币 英镑 港元 港币 澳门元 澳门币 澳元
新台币 台币 韩元 卢布 泰铢 加元 新加坡元 新西兰元 瑞士法郎 法郎 卢比 令吉 越南盾 比索 里拉 兰特""".split(),
                                                   key=len, reverse=True))
"""Currencies other than 人民币: an amount keeps its currency as its unit (4.287亿美元: 4.287, unit
亿美元) and has no ``yuan`` (no exchange rate is assumed)."""

MEASURE_WORDS: tuple[str, ...] = tuple(sorted("""平方米 平方公里 公里 人次 批次 场次 期次 户次 家次 篇次 件次
个 件 对 次 人 名 家 期 场 条 篇 批 宗 项 户 份 所 位 分 座 支 台 辆 套 类 处 间 本 册 封 张 幅
部 门 轮 例 起 万方 吨 亩 公顷 株 棵 块 组 队 团 届 课
栋 幢 节 站 盏 页 大类 小类 大项 小项 斤 公斤 千克 余人 市 县 区 乡 镇 村
克 毫克 米 千米 厘米 毫米 立方米 升 毫升 盒 瓶 箱 袋 双 艘 枚 颗""".split(), key=len, reverse=True))
"""The measure words a COUNT ends with, longest first (人次 before 人)."""

DIVISIBLE_MEASURES = frozenset("""平方米 平方公里 公里 吨 亩 公顷 万方 斤 公斤 千克 克 毫克 米 千米 厘米 毫米 立方米 升
毫升 分""".split())
"""The measure words whose counts may have decimals (415.32平方米, 99.5分); 2.2本 or 1.5个 is a
list number before a word, not a count."""
