"""Report metadata read from the text: title, department, region, year and genre."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from extract.text.characters import CJK, to_simplified, without_latin_spaces
from extract.text.vocabulary import BARE_YEAR, GENRE_WORDS, GENRES, HEADING_MARKER, ORGANISATION_END, TITLE_NOISE

_NAME_FIELD = re.compile(r"(?:部门|单位)(?:（单位）|\(单位\))?名称(?:（盖章）|\(盖章\))?[\s：:]*"
                         rf"([{CJK}（）()]{{4,40}}?)(?=[\t\n（(]|单位[：:]|$)")
_ABOUT = re.compile(r"关于.*$")
"""A title "X关于2023年度……的报告": the department is what comes before 关于."""
_PLACE = re.compile(rf"(?:([{CJK}]{{2,3}}省))?(?:([{CJK}]{{2,3}}?市))?"
                    rf"([{CJK}]{{2,3}}?[区县旗])(?=委|政协|人民|工商|统战|委员会|$|[{CJK}])")
_BEFORE_YEAR = re.compile(rf"^([{CJK}（）()]{{3,40}}?{ORGANISATION_END})"
                          r"(?:19|20)\d{2}(?:年|\s*$|(?=部门|单位|预算|决算))")
"""A title that opens with a department's name and then its year (贵州铜仁地2023年… names a place)."""
_ORGANISATION = re.compile(rf"^(.{{3,}}{ORGANISATION_END})(?![{CJK}]*{ORGANISATION_END})")
"""The name up to its last organisation word: 某局“三公经费”财政拨款 → 某局."""
_REGION_STOP = ("中共", "中国人民政治协商会议", "政协")


_NAMED_REPORT = re.compile(rf"[^\s。；;，,：:]{{2,60}}?{GENRE_WORDS}")


def derived_title(text: str) -> str:
    """A title for a report that prints none: the first phrase of its opening naming a genre,
    never a numbered heading (二、部门决算单位构成 names a section, not the report)."""
    opening = without_latin_spaces(text[:300])
    view = to_simplified(opening)
    for piece in re.finditer(r"\S+", view):
        match = None if HEADING_MARKER.match(piece.group()) else _NAMED_REPORT.search(piece.group())
        if match:
            return opening[piece.start() + match.start():piece.start() + match.end()]
    return ""


def detect_genre(title: str) -> str | None:
    """The genre named in a title, in its canonical form, or None."""
    for genre, pattern in GENRES:
        if pattern.search(title):
            return genre
    return None


_YEAR = r"((?:19|20)\d{2})\s*年"
_PERIOD_YEAR = r"(?<![-—–~～至到\d])((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月|起|以来|开始)"
"""A year the text speaks of as a period (2020年省级财政安排…), not the date of an event
(2019年11月30日提前下达), the end of a range (2019-2022年) or a start (自2021年起, 2021年以来)."""
_DATED_YEAR = r"((?:19|20)\d{2})[-/.](?:0?[1-9]|1[0-2])[-/.]\d{1,2}"


def detect_year(title: str, text: str) -> int | None:
    """The report's year: the title's (年度 first, then 年, then a bare year before 部门预算 …),
    else the year its opening calls 年度 most often, else the year its opening names most often as a
    period, then as any year (the earliest mention breaks ties), else the year of the dates it
    prints (2021-03-05, the date a page was published)."""
    for pattern, source in ((_YEAR + "度", title), (_YEAR, title), (BARE_YEAR, title), (_YEAR + "度", text[:2000]),
                            (_PERIOD_YEAR, text[:800]), (_YEAR, text[:800]), (_DATED_YEAR, text)):
        years = Counter(re.findall(pattern, source))
        if years:
            return int(years.most_common(1)[0][0])  # most_common keeps first-seen order on ties
    return None


def detect_department(title: str, text: str) -> str | None:
    """The department: a 部门名称 field when the report has one, else the title less year and genre."""
    field = _NAME_FIELD.search(text[:1500])
    if field:
        return field.group(1).strip()
    title = _ABOUT.sub("", re.sub(r"\s", "", title))
    named = _BEFORE_YEAR.match(title)
    if named:  # 某办公室2017年度“某项”项目绩效评价报告: the department is what comes before the year
        return named.group(1)
    name = TITLE_NOISE.sub("", title).strip("（）() ")
    organisation = _ORGANISATION.match(name)
    return (organisation.group(1) if organisation else name) or None


def detect_region(department: str | None, text: str) -> str | None:
    """City and district (or county) of the department, completed from the text when needed."""
    if not department:
        return None
    name = department
    for stop in _REGION_STOP:
        name = name.replace(stop, "")
    match = _PLACE.search(name)
    if not match:
        city = re.search(rf"([{CJK}]{{2,3}}?[省市州])", name)  # 红河州: an autonomous prefecture
        return city.group(1) if city else None
    province, city, district = match.groups()
    if not city:
        for length in (2, 3):  # the shortest city name before the district: 武汉市 in 中共武汉市
            found = re.search(rf"([{CJK}]{{{length}}}市){district}", text)
            if found:
                city = found.group(1)
                break
    return "".join(p for p in (province, city, district) if p)


def detect_metadata(title: str, text: str) -> dict[str, Any]:
    """Title, department, region, year and genre of a report (None where not found)."""
    title_s, text_s = to_simplified(title), to_simplified(text)
    department = detect_department(title_s, text_s)
    return {
        "title": title,
        "department": department,
        "region": detect_region(department, text_s),
        "year": detect_year(title_s, text_s),
        "genre": detect_genre(title_s) or detect_genre(text_s[:300]),
    }
