"""The work areas of SPEC "Work areas", and the keyword-rule baseline the classifier is measured against."""

from __future__ import annotations

from collections.abc import Mapping

from extract.text.characters import to_simplified

AREAS: dict[str, str] = {
    "united_front": "统一战线",
    "ethnic_religion": "民族宗教",
    "overseas_chinese": "侨务",
    "hk_macao_taiwan": "港澳台",
    "private_economy": "非公经济",
    "cppcc": "政协履职",
    "party_building": "党建与思想引领",
    "budget_performance": "预算与绩效",
    "institution": "机构与运行",
    "social_service": "公益帮扶",
}
"""Area code → the name a reader sees, in SPEC order."""

KEYWORDS: dict[str, tuple[str, ...]] = {
    "united_front": ("统一战线", "统战", "民主党派", "无党派", "党外", "新的社会阶层", "知联会",
                     "新联会", "欧美同学会", "政党协商", "多党合作"),
    "ethnic_religion": ("民族", "宗教", "少数民族", "民间信仰", "清真", "寺庙", "教堂"),
    "overseas_chinese": ("侨务", "华侨", "归侨", "侨眷", "侨联", "侨胞", "侨情", "华文教育", "侨界"),
    "hk_macao_taiwan": ("港澳", "台湾", "台胞", "台属", "对台", "两岸", "香港", "澳门", "台商", "台联"),
    "private_economy": ("非公", "工商联", "商会", "民营", "企业家", "营商环境", "两个健康"),
    "cppcc": ("政协", "委员", "提案", "协商议政", "视察", "社情民意", "民主监督"),
    "party_building": ("党建", "党支部", "党组", "主题教育", "理论学习", "意识形态", "党员", "党史"),
    "budget_performance": ("预算", "绩效", "决算", "支出", "资金", "经费", "万元", "三公"),
    "institution": ("编制", "机构设置", "内设", "科室", "职能", "职责", "负责", "后勤", "接待",
                    "资产", "采购", "制度", "办公室", "机关", "工勤", "人员", "运转", "办公"),
    "social_service": ("扶贫", "乡村振兴", "慈善", "捐赠", "捐款", "志愿", "帮扶", "疫情", "救助"),
}


KEYWORD_THRESHOLD = 0.5
"""The score from which the keyword baseline's areas are assigned (its scores are 0 or 1)."""


def assigned(scores: Mapping[str, float], thresholds: Mapping[str, float]) -> list[str]:
    """The one area decision: each area whose score reaches its threshold, in the order of
    ``scores`` (an area without a threshold is never assigned)."""
    return [code for code, score in scores.items() if code in thresholds and score >= thresholds[code]]


def keyword_thresholds() -> dict[str, float]:
    """``KEYWORD_THRESHOLD`` for every area."""
    return dict.fromkeys(AREAS, KEYWORD_THRESHOLD)


def keyword_areas(text: str) -> dict[str, float]:
    """Baseline scores: 1.0 for each area one of whose keywords occurs in ``text``, else 0.0."""
    simplified = to_simplified(text)
    return {code: float(any(word in simplified for word in words))
            for code, words in KEYWORDS.items()}


def with_row_rule(areas: list[str], table_row_with_figures: bool) -> list[str]:
    """The labelling rule for tables (corpus/labels/GUIDELINES.md): a row of a budget, funds or
    indicator table, one that states figures, is budget_performance besides what it measures."""
    if table_row_with_figures and "budget_performance" not in areas:
        return [*areas, "budget_performance"]
    return areas


def keyword_codes(text: str) -> list[str]:
    """The baseline's areas of ``text``: each area one of whose keywords occurs in it."""
    return assigned(keyword_areas(text), keyword_thresholds())
