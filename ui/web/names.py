"""The Chinese a reader sees for every code of the library: labels, qualifiers, roles, checks, views.

One home for the words of the interface, so a code (MONEY, gte, target) never reaches the page.
"""

from __future__ import annotations

from extract.areas.definitions import AREAS

VIEWS = {"overview": "概览", "search": "检索", "report": "报告", "compare": "对比", "audit": "核查",
         "export": "导出", "department": "部门"}
"""The app's views (the ``view`` URL parameter) and their names."""

LABELS = {"MONEY": "金额", "PERCENT": "百分比", "COUNT": "数量", "DATE": "日期"}
QUALIFIERS = {"approx": "约", "gt": "超过", "gte": "不少于", "lt": "不到", "lte": "不超过"}
ROLES = {"target": "目标值", "actual": "实际值", "rate": "完成率", "amount": "金额", "total": "合计"}
SORTS = {"relevance": "相关度", "year": "年份（新在前）", "amount": "金额（大在前）"}
CHECKS = {"completion_rate = spent / budget": "预算执行率 = 执行数 ÷ 调整后预算数",
          "spent = basic + project": "执行数 = 基本支出 + 项目支出"}
KINDS = {"paragraph": "段落", "table_row": "表格行", "furniture": "网页附属信息"}
META_SOURCES = {"user": "用户提供", "page": "网页字段", "field": "表内字段", "title": "标题", "text": "正文",
                "derived": "据部门、年度和文种生成"}
"""Where a report's metadata value came from (``meta_source``), in the reader's words."""
NO_REPORTS = "数据目录里还没有报告：请在概览页上传，或运行 `jixiao ingest`。"
COUNTS = {"documents": "报告", "passages": "段落", "metrics": "指标"}

QUERY_PROBLEMS = {
    "too_long": "查询太长：请只输入关键词（最多 {limit} 个字）。",
    "unbalanced_quotes": "引号没有配对：请用一对 \" \" 括住短语。",
    "or_without_word": "OR 两边都需要词语，例如 统战 OR 侨联。",
    "only_excluded": "查询只有排除词（-词语）：请再加一个要找的词。",
    "no_words": "查询里没有可检索的词语（只有标点、* 或空引号）：请输入关键词。",
    "contradiction": "查询排除了它要找的词，不会有结果：请去掉 - 号或换一个词。",
}
"""What the search view says for each ``QueryError.reason`` of ``index.search.query.parse``."""


def area_name(code: str) -> str:
    """The Chinese name of a work area code (the code itself when unknown)."""
    return AREAS.get(code, code)


def label_name(code: str | None) -> str:
    """The Chinese name of an entity label."""
    return LABELS.get(code or "", code or "")


def qualifier_name(code: str | None) -> str:
    """The Chinese word of a qualifier (约, 超过 …), empty when there is none."""
    return QUALIFIERS.get(code or "", code or "")


def role_name(code: str | None) -> str:
    """The Chinese name of a table-row role (目标值, 实际值 …), empty when there is none."""
    return ROLES.get(code or "", code or "")


def check_name(name: str) -> str:
    """The Chinese wording of a budget check."""
    return CHECKS.get(name, name)
