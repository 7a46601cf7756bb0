"""The words and markers of report layout, in one place: heading numbers, genre words, years.

Blocks (finding headings and the title), passages (the depth of a heading) and metadata (the genre
and the department named in a title) all read them from here.
"""

from __future__ import annotations

import re

_CN_ORDINAL = "[一二三四五六七八九十]+"

HEADING_LEVELS: tuple[str, ...] = (
    r"第[一二三四五六七八九十百]+[章节部分篇]",
    rf"{_CN_ORDINAL}、",
    rf"[（(]{_CN_ORDINAL}[)）]",
    r"\d{1,2}[.、．](?![\d%])",
    r"\d{1,2}(?:\.\d{1,2})+[.、．]?(?![\d%])",
    r"[（(]\d{1,2}[)）]",
)
"""Heading number patterns, outermost first: 第一章, 一、, （一）, 1., 1.1, （1） (1.5 and 5.% are figures)."""

ITEM_NUMBERS: tuple[str, ...] = HEADING_LEVELS[:4] + HEADING_LEVELS[5:]
"""The numbers that open a heading or an item (1.1 alone is no item: a bare 1.5 is a figure)."""

HEADING_MARKER = re.compile(r"^(?:" + "|".join(ITEM_NUMBERS) + r"|\d{1,2}(?:\.\d{1,2})+[.、．](?!\d))\s*")
"""A line opening with a heading number (a bare "1.5" is a figure, so 1.1 needs its final dot)."""

ENUMERATION = re.compile(rf"^(其[一二三四五六七八九十]|{_CN_ORDINAL}是)[，、,]?")
"""A line opening an enumeration: 一是…, 其二…"""

GENRES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("项目支出绩效自评报告", re.compile(r"项目支出绩效(?:单位|项目)?自评的?报告")),
    ("部门整体支出绩效自评报告", re.compile(r"(整体支出)?绩效自评的?报告|自评的?报告")),
    ("部门整体支出绩效评价报告", re.compile(r"绩效评价的?报告")),
    ("部门整体支出绩效自评表", re.compile(r"自评表")),
    ("整体支出绩效目标表", re.compile(r"绩效目标表|目标申报表")),
    ("部门决算", re.compile(r"决算(报告|公开|说明)?$|部门决算")),
)
"""Each genre in its canonical form with the pattern that names it in a (simplified) title."""

GENRE_WORDS = r"(?:报告|自评表|目标表|决算|评价表|申报表|情况说明)"
"""The words that close a report's name: 报告, 自评表, 决算 …"""

GENRE_WORD = re.compile(GENRE_WORDS)
"""Any word naming a genre: a line holding one (in simplified script) can close the title."""

YEAR_WORD = r"\d{4}\s*年度?"
"""A year as titles write it: 2022年, 2022 年度."""
ORGANISATION_END = r"(?:[部局委会办院室所联站馆校处厅团社队署盟]|中心|政府|机关)"
"""How a department's name ends: 统战部, 民宗局, 侨联, 档案馆, 融媒体中心, 民主党派机关 …"""

BARE_YEAR = r"(?<!\d)((?:19|20)\d{2})(?=[ ]?(?:部门|单位|预算|决算|绩效|[省市县区]级))"
"""A year printed without 年 before the words of a report's period: 某委员会 2024 部门预算."""

YEAR_LINE = re.compile(rf"^[（(]\s*{YEAR_WORD}\s*[)）]$")
"""A line that is only a year in brackets, as printed under a title: （2021年度）."""

TITLE_NOISE = re.compile(rf"({YEAR_WORD}|(?:19|20)\d{{2}}|[（(]\s*{YEAR_WORD}\s*[)）]|部门整体支出|整体支出|"
                         r"项目支出|绩效(?:单位|项目)?(自评|评价)的?报告|绩效自评表|绩效目标表|自评的?报告|自评表|"
                         r"部门决算|决算|部门预算.*$|预算(?:及|情况|公开|说明).*$|部门$)")
"""What a title holds besides the department: its year and its genre words."""

SITE_FIELD = (r"(?:您(?:当前|现在|所在)的位置|当前位置|当前页面|发布(?:日期|时间)|发文日期|成文日期|公开(?:日期|时间)|"
              r"信息来源|来源|作者|责任编辑|编辑|浏览(?:次数|量)?|点击(?:数|量|次数)?|阅读(?:次数|量)?|字[体号]|"
              r"索引号|报表编号|发布机构|发文字号|公开目录|公开方式|公开范围|主题词|生效日期|废止日期|失效日期|主题分类|体裁分类|组配分类|有效性|时效性|效力属性|"
              r"资源ID|资源大小|资源格式|全文页数|文档页数|下载积分|分享到?|"
              r"日期|文号|文字大小|上传(?:人|者|时间|日期)|文档(?:编号|格式|大小)|贡献者|页数|大小|格式)")
"""Field names of web-page and document-site furniture ("发布时间:2023-07-14", "字号：大 中 小")."""

SITE_WORDS = (r"(?:进入老年模式|退出老年模式|老年模式|打开适老化模式|适老化模式|无障碍浏览|无障碍阅读|关怀版|长者模式|"
              r"打印本页|打印|关闭窗口|关闭|返回顶部|加入收藏|返回首页|设为首页|网站支持IPv6|登录|注册|"
              r"扫一扫在手机打开当前页|下载文档|下载后继续阅读|当前文档共\d+页|原创力文档|加入VIP|换一换|"
              r"温馨提示|友情提示|下载须知|版权提示|免责声明|大\s*中\s*小|微信|微博|QQ空间|"
              r"返回|下载|举报|收藏|相关|资源描述|点击查看更多\s*>*|全文阅读已结束)")
"""Words of site furniture that stand alone: buttons (打印, the elder-care and accessibility modes a
government site offers: 进入老年模式, 无障碍浏览), links, share targets."""

SITE_FOOTER = r"(?:主办单位|承办单位|网站标识码|\w{0,2}ICP备|版权所有|技术支持)"
"""The opening words of a site's own footer."""

BOILERPLATE_LINE = re.compile(
    rf"^\s*[-•·【\[]*\s*(?:{SITE_FIELD}\s*[\]】]?\s*[:：|【\[]|{SITE_WORDS}\s*[】\]]?\s*$|首页\s*[>›»]|"
    rf"{SITE_FOOTER}|(?:联系我们|网站地图)\s*$)")
"""A line (or a piece of a one-line page) that is site furniture from its start."""

SHARING_LINE = re.compile(r"由(?:会员|用户)\w{0,8}分享|可在线阅读|请在\w{1,12}上搜索|精品文档|下载即用|"
                          r"\d+(?:\.\d+)?\s*[KMkm][Bb]\s*下载|"
                          r"\.(?:pdf|docx?|xlsx?|wps)_?第\s*\d+\s*页$|^第\s*\d+\s*页\s*/\s*共\s*\d+\s*页$",
                          re.IGNORECASE)
"""Lines a document-sharing site prints around a file: who shared it, a page's caption
(某报告.docx_第2页), a page counter (第2页 / 共9页). Kept apart as furniture; their figures still read."""

BREADCRUMB = re.compile(r"(?:[^\s>›»]{1,20}\s*[>›»]\s*){2,}[^\s>›»]{1,20}")
"""首页 > 政务公开 > 财政预决算: a path of two separators or more."""

TABLE_HEADER_CELL = re.compile(
    r"^(?:[一二三]级指标|指标名称|指标内容|绩效指标|项目名称|科目名称|科目编码|"
    r"(?:年初|年度|全年|预期|计划|中期)?(?:指标值|目标值)|(?:实际|全年)?完成值|实际值|实际完成情况|"
    r"分值|得分|得分系数|权重|评分|扣分|指标性质|指标方向|(?:计量|度量)?单位|偏差原因.{0,12}|备注|说明|"
    r"(?:年初|全年|调整后)?预算数|(?:全年)?执行数|执行率|决算数|预算完成率)$")
"""A cell that names a table column (一级指标, 年度指标值, 实际完成值, 分值, 执行数 …): a row of two
such cells or more, and no figure, is a table's header."""

TABLE_TARGET_COLUMN = re.compile(r"(?:指标值|目标值|预算数)$")
TABLE_ACTUAL_COLUMN = re.compile(r"(?:完成值|实际值|执行数|决算数|完成情况)$")
TABLE_RATE_COLUMN = re.compile(r"(?:执行率|完成率|调整率)$")
"""Columns that hold a row's target, its actual figure and the rate of the two."""

TABLE_TEXT_COLUMN = re.compile(r"^(?:偏差原因.{0,12}|备注|说明)$")
"""Columns that hold text, often left empty: a flattened row loses them at its end."""

INDICATOR_UNIT = r"(?:人次|万元|亿元|千元|[个次人件项篇份场期家户名条所座套台批天元])"
"""A unit printed in a column of its own beside an indicator."""
INDICATOR_NOTE = r"(?:%|％|‰|定量指标|定性指标|定量|定性|正向指标|反向指标|正向|反向|[≥≤＞＜><=＝])"
"""A percent sign, the kind of an indicator or a comparison, printed beside an indicator."""

TABLE_NOTE_CELL = re.compile(rf"^(?:{INDICATOR_UNIT}|[日月年]|{INDICATOR_NOTE}+)$")
"""Cells beside an indicator that are not its name: a unit, the kind of indicator, a comparison."""

FUND_ROW = re.compile(r"^(?:(?:项目|专项|资金)名称\s*[:：]?\s*\S"
                      r"|[^，。；;,！？]{2,60}(?:项目|经费|补助|补贴|资金|专项|工程)"
                      r"[^，。；;,！？\d]{0,12}\s+[\d.,]+(?:万元|元)?\s*$)")
"""A row of a funds or projects table, printed without its tabs: a project's name cell (项目名称
某某经费), or a project's or fund's name and an amount after a space (某村文化长廊项目 8)."""
