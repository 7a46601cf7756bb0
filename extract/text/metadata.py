"""Report metadata read from the text: title, department, region, year and genre."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from extract.text.characters import to_simplified, without_latin_spaces
from extract.text.vocabulary import BARE_YEAR, GENRE_WORDS, GENRES, HEADING_MARKER

_NAMED_REPORT = re.compile(rf"[^\s。；;，,：:]{{2,60}}?{GENRE_WORDS}")
_SENTENCE_OPENING = re.compile(r"(?:现将|特将|兹将|将|根据|按照|依据|经|对|为|我)")
"""How a sentence that names a genre opens (现将绩效自评情况报告如下): a sentence, not a title."""


def derived_title(text: str) -> str:
    """A title for a report that prints none: the first phrase of its opening naming a genre,
    never a numbered heading (二、部门决算单位构成 names a section, not the report) nor a sentence
    (现将绩效自评情况报告如下)."""
    opening = without_latin_spaces(text[:300])
    view = to_simplified(opening)
    for piece in re.finditer(r"\S+", view):
        match = None if HEADING_MARKER.match(piece.group()) else _NAMED_REPORT.search(piece.group())
        if match and not _SENTENCE_OPENING.match(match.group()):
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


USER_KEYS = ("title", "department", "region", "year", "genre")
"""The metadata a user may give (sidecar, ``--jsonl``) that wins over what is read."""
_DOUBLED = re.compile(r"^(.{6,}?)\1$")
_SITE_HEADER = re.compile(r"[|｜]|网站|门户|首页|版权所有|主办单位")
"""What a site's header holds and a report's title never does: such a line is no title."""


def _own_title(title: str, page: dict[str, Any]) -> tuple[str, str]:
    """The report's title and its source: the page's own when it names a genre, else the text's;
    a title printed twice (X X) once."""
    page_title = str(page.get("title") or "").strip()
    if page_title and detect_genre(to_simplified(page_title)):
        title, source = page_title, "page"
    else:
        title, source = title, "title"
    from extract.identity.sources import without_site_part

    title = without_site_part(_FILE_STAMP.sub("", _TITLE_LABEL.sub("", title)))  # 附件3：…, 名称：| …, 政府信息公开…
    if _SITE_HEADER.search(title) or title.rstrip().endswith(("：", ":")):
        return "", source  # 中国政府网|某市人民政府网, 各乡镇人民政府：: derived from genre, department and year
    compact = re.sub(r"\s", "", title)
    doubled = _DOUBLED.match(compact)
    return (doubled.group(1) if doubled else title), source


_TITLE_LABEL = re.compile(r"^\s*(?:附件\s*[0-9一二三四五六七八九十]*\s*[:：、.]?"
                          r"|(?:名\s*称|标\s*题|题\s*名)\s*[:：]\s*\|?)\s*(?=\S)")
"""The label printed before a title: an attachment's (附件3：), a page field's (名称：, 标题：)."""
_FILE_STAMP = re.compile(r"(?<=[\u4e00-\u9fff])\d{12,}$")
"""The time stamp a file name ends with (某卫生院2021年部门决算公开表20221013044707503): no part of the title."""


def derived_report_title(department: str | None, year: int | None, genre: str | None) -> str:
    """A title for a report that prints none: department, year and genre (中共某县委统战部2023年度部门决算);
    without a genre, 报告 stands for it when the department is known; else empty."""
    if not genre and not department:
        return ""
    return f"{department or ''}{f'{year}年度' if year else ''}{genre or '报告'}"


def detect_metadata(title: str, text: str, user: dict[str, Any] | None = None,
                    page: dict[str, Any] | None = None, body: str | None = None) -> dict[str, Any]:
    """Title, department (with its id), region (its name and levels), year and genre of a report,
    None where not found, each value's source in ``meta_source`` and the reason a value is missing
    in ``meta_reason``. ``user``: what the user gave; ``page``: a web page's own fields; ``body``:
    the text without site furniture (default: the text)."""
    from extract.identity.sources import identify

    user = {k: v for k, v in (user or {}).items() if k in USER_KEYS and v not in (None, "")}
    page = page or {}
    title, title_source = _own_title(title, page) if title or page else ("", "title")
    title_s, text_s = to_simplified(title), to_simplified(text)
    body_s = to_simplified(body) if body is not None else text_s
    identity = identify(title_s, body_s, user, page)
    year = detect_year(title_s, body_s)  # never the page's own dates (发布时间 is furniture, not body)
    genre = detect_genre(title_s) or detect_genre(text_s[:300])
    sources = dict(identity.source)
    if year:
        sources["year"] = "title" if detect_year(title_s, "") == year else "text"
    meta: dict[str, Any] = {"title": title, **identity.meta(), "year": year, "genre": genre}
    if title:
        sources["title"] = title_source
    else:
        meta["title"] = derived_report_title(meta["department"], year, genre)
        sources["title"] = "derived" if meta["title"] else ""
    meta.update(user)
    sources.update({key: "user" for key in user})
    meta["meta_source"] = {k: v for k, v in sources.items() if v}
    meta["meta_reason"] = identity.reason
    return meta
