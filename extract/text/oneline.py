"""Reports that arrive as one line: split where a reader would split them, furniture kept apart.

A scraped web page or a document-sharing site often gives a whole report as one line (or a few
very long ones), paragraphs run together with at most a space between them. A long line is cut
before each numbered heading or item (一、 （一） 1. （1） 第一部分), before an enumeration (一是)
only where a space sets it apart (一是…；二是… run on is one paragraph), after a sentence end that a
space follows, and around site furniture (breadcrumbs, 发布时间, 字号, 打印本页 …), which is kept
apart from the body: never a title or a department, still read for its dates. A sharing site's
page that opens mid-sentence after its number ("2、") continues the page before.
Short lines are left to the layout rules of ``blocks``. A table whose cells ran together with
nothing between them is cut into its rows by ``split_run_rows`` (a pass of ``lines``).
"""

from __future__ import annotations

import re

from extract.text.characters import CJK, to_simplified, without_latin_spaces
from extract.text.vocabulary import (
    BOILERPLATE_LINE,
    BREADCRUMB,
    GENRE_WORDS,
    ITEM_NUMBERS,
    SHARING_LINE,
    SITE_FIELD,
    SITE_FOOTER,
    SITE_WORDS,
)

LONG_LINE = 160
"""A line longer than this is read as several paragraphs run together."""

_ITEM = "(?:第[一二三四五六七八九十]+部分|" + "|".join(ITEM_NUMBERS) + r"|[*＊]\s*[.、．])"
"""What opens a heading or an item (``vocabulary.ITEM_NUMBERS``; 第一部分 whole, where the heading
levels read 第一部 and leave 分 as the heading's text), or a bullet (*.)."""
_ENUMERATION = r"[一二三四五六七八九十]是"
"""一是…；二是…: an enumeration inside a paragraph, cut from it only where a space stands before."""
_CUT = re.compile(
    rf"(?<=[。！？!?；;：:”」』）)\s])\s*(?={_ITEM})"          # before a numbered heading or item
    rf"|(?<=[。！？!?；;：:])\s+(?={_ENUMERATION})"             # before 一是 that a space sets apart
    rf"|(?<=[。！？!?])\s+(?=\S)"                              # a sentence end and a space
    rf"|\s+(?={SITE_FIELD}\s*[:：【\[])"                       # before a furniture field
    rf"|\s+(?=[【\[]?(?:{SITE_WORDS})[】\]]?(?:\s|$))|(?<=[】\]])\s+(?=[【\[])"  # around furniture words
    rf"|\s+(?={SITE_FOOTER})"                                 # the site's own footer
    rf"|\s+(?=[\[【]\s*{SITE_FIELD}\s*[\]】])"  # a box of fields: [ 索引号 ] | … |
)
_FURNITURE = re.compile(rf"{SITE_FIELD}\s*[\]】]?\s*[:：|【\[]|{SITE_WORDS}|首页\s*[>›»]")
_FURNITURE_TOKENS = re.compile(rf"{SITE_FIELD}\s*[:：]?|{SITE_WORDS}|\d+(?:\.\d+)?\s*(?:KB|MB|金币)")
"""What a short line of furniture is made of; a line that is little else is furniture."""
_BOX_FIELD = re.compile(rf"^[\[【]\s*{SITE_FIELD}\s*[\]】]\s*\|[^|]*\|(?:\s*\|)?")
_PLACE_FIELD = re.compile(r"^\s*(?:您(?:当前|现在|所在)的位置|当前位置|当前页面)\s*[:：]\s*")
_HEADING_THEN_TEXT = re.compile(rf"^({_ITEM}\s?[^\s。；;，,：:]{{1,18}})\s+(?=.{{5}})")
_TITLE_FIRST = re.compile(rf"^(.{{4,100}}?{GENRE_WORDS}(?:\s*[（(]\s*\d{{4}}\s*年度?\s*[)）])?)\s+(?=\S)")
"""A one-line page that opens with its title: the title ends at the first genre word and a space."""
_TITLE_THEN_HEADING = re.compile(rf"({GENRE_WORDS})[ \t]*(?=[一二三四五六七八九十]、|第一部分|[（(]一[)）])")
"""A title run into the first heading: 某部门2022年度绩效自评报告一、基本情况."""
_PAGE_MARK = re.compile(r"\s[—–-]\s*\d{1,4}\s*[—–-](?=\s|$)"
                        r"|\s?第\s*\d+\s*页\s*[,，]\s*共\s*\d+\s*页")
_FILE_NAME = re.compile(r"^(.+?)\.(?:pdf|docx?|xlsx?|wps)(?:\1\.(?:pdf|docx?|xlsx?|wps))*$", re.IGNORECASE)
_FIELD_VALUE = re.compile(rf"^\s*{SITE_FIELD}\s*[:：]\s*(?:{SITE_FIELD}\s*[:：]\s*)*"  # 来源:作者:日期: 2023-08-04
                          r"(?:\|[^|]*|\[[^\]]*\]|【[^】]*】|\S+(?:\s\d{1,2}:\d{2}(?::\d{2})?)?)")
"""A page field and its value: up to the next | in a row of cells (索引号: | 1134… /2022-00014 |), else
a bracketed value, else one word (with its time of day)."""

_FIELD_WITH_VALUE = re.compile(rf"(?:^|(?<=[\s|]))(?:{SITE_FIELD})\s*[:：|]?\s+(?=\S)")
"""A page field with its value after a space (索引号 0152…  发布机构 某县财政局): two or more on a short
line make it a row of the page's fields."""
_FIELD_ALONE = re.compile(rf"(?:{SITE_FIELD})\s*[:：]")
"""A page field whose value the page prints on the next line (来源: / 区发改局)."""
FIELD_VALUE_MAX = 30
"""Characters at most in the line under a lone page field for it to be that field's value."""
_CLOSE_BUTTON = re.compile(r"[xX✕]")
"""A close button left alone on its line (the ``x`` of a dismissed banner; not ×, a table's "no" cell)."""
_CRUMB_TAIL = re.compile(r"(?:\s*[>›»]\s*[^\s>›»。，；,;]{1,20}){2,}\s*")
"""The rest of a breadcrumb cut after its 首页 (> 专题 > 部门预决算 > 统战部): furniture too."""
_PAGE_NUMBER = re.compile(r"\s*\d{1,3}、")
"""A sharing site's page number: each page of the file opens with it (2、…)."""
_MID_WORD_END = re.compile(rf"[{CJK}]\s*$")
_RUN_ON = 40
"""A piece of text longer than this (or holding a comma) that ends mid-sentence is no heading."""


def _cut(line: str) -> list[str]:
    """``line`` split where ``_CUT`` matches its simplified view (so 發布時間 cuts as 发布时间 does)."""
    pieces, start = [], 0
    for match in _CUT.finditer(to_simplified(line)):
        piece = line[start:match.start()]
        if _PAGE_NUMBER.match(line, match.end()) and _MID_WORD_END.search(piece) \
                and (len(piece) > _RUN_ON or re.search(r"[，,]", piece)):
            continue  # …国家机关工作 2、人员的申诉: a sharing site's page number inside a sentence
        pieces.append(piece)
        start = match.end()
    return pieces + [line[start:]]


def _pieces(line: str, titled: bool = True) -> list[str]:
    """A long line cut into the paragraphs, headings and furniture it runs together; unless
    ``titled``, the first piece of text that opens with a title gives the title a line of its own."""
    pieces: list[str] = []
    for piece in _cut(line):
        piece = piece.strip(" |")
        view = to_simplified(piece)
        if not piece or re.fullmatch(r"[-•·*]+", piece):
            continue  # nothing, or the bullet of a list of furniture fields (- 索引号: …)
        place = _PLACE_FIELD.match(view)
        if place:  # 您现在的位置: then a breadcrumb
            pieces.append(piece[:place.end()].strip())
            piece, view = piece[place.end():], view[place.end():]
        crumbs = BREADCRUMB.match(view)
        if crumbs and re.search(r"首页|位置", view[:crumbs.end()] + (pieces[-1] if pieces else "")):
            piece, view = piece[crumbs.end():].strip(), view[crumbs.end():].strip()  # 首页 > … > 绩效评价
        if re.match(SITE_FOOTER, view):
            break  # 主办单位, 版权所有 …: the rest of the line is the site's footer
        heading = _HEADING_THEN_TEXT.match(view)
        if heading:  # 二、部门整体支出情况 2022年度全年预算数…: the heading, then its paragraph
            pieces.append(piece[:heading.end(1)])
            piece, view = piece[heading.end():], view[heading.end():]
        field = _FIELD_VALUE.match(view) or _BOX_FIELD.match(view)
        if field and field.end() < len(piece):  # 来源:县侨联 then more text
            pieces.append(piece[:field.end()])
            piece = piece[field.end():].strip(" |")
            view = to_simplified(piece)
        furniture = is_boilerplate(piece)
        title = None if titled or furniture else _TITLE_FIRST.match(view)
        if title:  # 某县委党校2022年度部门整体支出绩效自评报告 填报日期:…
            pieces.append(piece[:title.end(1)])
            piece = piece[title.end():]
        titled = titled or not furniture
        if piece:
            pieces.append(piece)
    return pieces


def is_boilerplate(line: str) -> bool:
    """True for a line of site furniture: a breadcrumb, a 发布时间 field, a 打印本页 button, or a
    short line made only of such words."""
    text = to_simplified(line.strip())
    if not text:
        return False
    if BOILERPLATE_LINE.match(text) or SHARING_LINE.search(text):
        return True
    if len(text) < 80 and (BREADCRUMB.fullmatch(without_latin_spaces(text)) or _CRUMB_TAIL.fullmatch(text)
                           or len(_FIELD_WITH_VALUE.findall(text)) >= 2 or _CLOSE_BUTTON.fullmatch(text)):
        return True
    if len(text) >= 60:
        return False
    rest = _FURNITURE_TOKENS.sub("", text)
    return rest != text and len(re.findall(rf"[{CJK}]", rest)) < 3


def unflatten(text: str) -> tuple[list[str], list[str]]:
    """The lines of ``text`` with each long line cut into its paragraphs, and the furniture lines
    (breadcrumbs, 发布时间 …) kept apart: (body lines, furniture lines)."""
    out: list[str] = []
    furniture: list[str] = []
    awaiting_value = False  # the last line was a page field without its value (来源:)
    for line in _join_pages(_TITLE_THEN_HEADING.sub(r"\1\n", text).split("\n")):
        if len(line.strip()) > LONG_LINE or _FURNITURE.search(to_simplified(line)):
            pieces = _pieces(_PAGE_MARK.sub(" ", line), titled=bool(out))
        else:
            pieces = [line]
        for piece in pieces:
            name = _FILE_NAME.match(piece.strip())
            if name:  # "…部门决算.pdf" (repeated), as document-sharing sites title a file
                piece = name.group(1)
            if not piece.strip():
                out.append(piece)
                continue
            value_below = (awaiting_value and len(piece.strip()) <= FIELD_VALUE_MAX  # 来源: / 区发改局
                           and not re.search(GENRE_WORDS, to_simplified(piece)))  # never a title below it
            boilerplate = is_boilerplate(piece)
            (furniture if boilerplate or value_below else out).append(piece)
            awaiting_value = (boilerplate and piece.strip() == line.strip()  # the field was its line, alone
                              and bool(_FIELD_ALONE.fullmatch(to_simplified(piece.strip()))))
    return out, furniture


def _join_pages(lines: list[str]) -> list[str]:
    """Document-sharing sites print a file a page a line, each page opening with its number
    ("2、"): a page that opens mid-sentence continues the long line before it."""
    out: list[str] = []
    previous = None  # where the last line with text is in out
    for line in lines:
        if previous is not None and _PAGE_NUMBER.match(line) and len(out[previous]) > LONG_LINE \
                and _MID_WORD_END.search(out[previous]):
            out[previous] = out[previous].rstrip() + line.strip()
            del out[previous + 1:]
            continue
        if line.strip():
            previous = len(out)
        out.append(line)
    return out


# Tables whose cells ran together on one line, split back into their rows. A document-sharing site
# or a careless copy gives a self-evaluation or targets table as one run of text with neither tabs
# nor spaces between its cells (…预算执行率%100%98%1010资金使用合规性合规合规55…): read as one
# passage, every row of it gets the union of all the rows' areas. Each row is an indicator's name
# and its figures, so a row ends where a figure is directly followed by the next indicator's name
# (four Chinese characters or more, not a unit or a date's 年/月; or a total, 合计). Only a clause
# that holds several figures is cut (a sentence with a figure in it is left whole); each piece
# becomes a line of its own, and a block of its own (``lines``): its cells cannot be told apart,
# so it is read as a line without sentence punctuation (a row of numbers, ``is_row_of_numbers``).
MIN_RUN_CHARS = 40
"""A line shorter than this is left to the other layout rules."""
MIN_FIGURES = 3
"""A clause is a run of table cells when it holds at least this many figures (dates aside)."""

_CLAUSE_END = re.compile(r"(?<=[，。；！？,;!?])")
"""Where a clause of running text ends (the enumeration comma 、 does not end one)."""
_NOT_DATE = re.compile(r"\d[\d.,]*%?(?![\d.,]*[年月日号])")
"""A figure that is not part of a date."""
_NOT_A_NAME = "万元亿千百%余多个件次人名家项场期条篇对批所户份宗起届座支位张台辆套册年月日号季度周天分倍"
"""Characters that go on with a figure (a unit, a date, a ratio) rather than open a new row."""
_YES_NO = "是否"
"""A one-character cell after a row's figures (是否核心指标, 是否达标): it ends that row."""
_ROW_END = re.compile(rf"(?:(?<=\d)|(?<=\d%))([{_YES_NO}]?)(?=[“\"‘]?[{CJK}]{{4}}|[合小总]计)")


def _cuts(clause: str) -> list[int]:
    """Where the rows of a run of cells end inside ``clause`` (offsets after each row's end)."""
    found = []
    for match in _ROW_END.finditer(clause):
        start = match.end()
        if match.group(1) == "" and clause[start] in _NOT_A_NAME:
            continue
        if start < len(clause):
            found.append(start)
    return found


def split_run_rows(text: str) -> list[str]:
    """The rows of a line whose table cells ran together (``[text]`` when it is no such line):
    every clause holding ``MIN_FIGURES`` figures or more is cut where a row ends, and starts a
    line of its own; the text before it (a sentence, a title) stays one line."""
    if len(text) < MIN_RUN_CHARS or "\t" in text or len(_NOT_DATE.findall(text)) < MIN_FIGURES:
        return [text]
    pieces: list[str] = []
    rest = ""  # text not yet given a line: prose, or a clause's last row going on
    for clause in _CLAUSE_END.split(text):
        cuts = _cuts(clause) if len(_NOT_DATE.findall(clause)) >= MIN_FIGURES else []
        if not cuts:
            rest += clause
            continue
        if rest.strip():
            pieces.append(rest)
        bounds = [0, *cuts, len(clause)]
        rows = [clause[a:b] for a, b in zip(bounds, bounds[1:])]
        pieces.extend(rows[:-1])
        rest = rows[-1]
    if rest.strip():
        pieces.append(rest)
    return pieces if len(pieces) > 1 else [text]

