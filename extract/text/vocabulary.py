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
    r"\d{1,2}[.、．](?!\d)",
    r"\d{1,2}(?:\.\d{1,2})+[.、．]?(?![\d%])",
    r"[（(]\d{1,2}[)）]",
)
"""Heading number patterns, outermost first: 第一章, 一、, （一）, 1., 1.1, （1）."""

HEADING_MARKER = re.compile(r"^(?:" + "|".join(HEADING_LEVELS[:4] + HEADING_LEVELS[5:])
                            + r"|\d{1,2}(?:\.\d{1,2})+[.、．](?!\d))\s*")
"""A line opening with a heading number (a bare "1.5" is a figure, so 1.1 needs its final dot)."""

ENUMERATION = re.compile(rf"^(其[一二三四五六七八九十]|{_CN_ORDINAL}是)[，、,]?")
"""A line opening an enumeration: 一是…, 其二…"""

GENRES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("项目支出绩效自评报告", re.compile(r"项目支出绩效自评的?报告")),
    ("部门整体支出绩效自评报告", re.compile(r"(整体支出)?绩效自评的?报告|自评的?报告")),
    ("部门整体支出绩效评价报告", re.compile(r"绩效评价的?报告")),
    ("部门整体支出绩效自评表", re.compile(r"自评表")),
    ("整体支出绩效目标表", re.compile(r"绩效目标表|目标申报表")),
    ("部门决算", re.compile(r"决算(报告|公开|说明)?$|部门决算")),
)
"""Each genre in its canonical form with the pattern that names it in a (simplified) title."""

GENRE_WORD = re.compile(r"报告|自评表|目标表|决算|评价表|申报表")
"""Any word naming a genre: a line holding one (in simplified script) can close the title."""

YEAR_WORD = r"\d{4}\s*年度?"
"""A year as titles write it: 2022年, 2022 年度."""

YEAR_LINE = re.compile(rf"^[（(]\s*{YEAR_WORD}\s*[)）]$")
"""A line that is only a year in brackets, as printed under a title: （2021年度）."""

TITLE_NOISE = re.compile(rf"({YEAR_WORD}|[（(]\s*{YEAR_WORD}\s*[)）]|部门整体支出|整体支出|"
                         r"项目支出|绩效(自评|评价)的?报告|绩效自评表|绩效目标表|自评的?报告|自评表|"
                         r"部门决算|决算|部门$)")
"""What a title holds besides the department: its year and its genre words."""
