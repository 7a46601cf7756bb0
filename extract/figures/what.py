"""What a figure measures: the indicator or noun phrase around it (SPEC "Entities", `what`)."""

from __future__ import annotations

import bisect
import re

from extract.figures.indicators import names_nothing
from extract.nlp.segment import tag_words
from extract.records import Entity
from extract.text.characters import same_length_view
from extract.text.vocabulary import INDICATOR_NOTE, INDICATOR_UNIT, TABLE_NOTE_CELL

_CLAUSE_BREAK = re.compile(r"[，。；：！？、,;:!?《》“”\"\t]|[（(](?![\u4e00-\u9fff]{1,3}[)）])"
                           r"|(?<![（(][\u4e00-\u9fff])(?<![（(][\u4e00-\u9fff]{2})(?<![（(][\u4e00-\u9fff]{3})[)）]")
"""Where a clause ends; a short bracket inside a name (因公出国（境）费) is no break."""
_SENTENCE_BREAK = re.compile(r"[。；！？;!?\t]")
_TRAILING_FILLER = re.compile(
    r"(不低于|不少于|不超过|不高于|不足|不到|超过|低于|高于|达到|达|为|是|约|近|将近|共计|共|合计|累计|"
    r"(?:发展|增加|增长|扩大|上升|下降|减少)(?:到|至)|每[人户月年天次]|人均|户均|"
    r"总计|计|保持在|保持|控制在|控制|稳定在|提高到|提高至|提升至|提升到|增至|增长到|在|有|的|了|分别|"
    r"已|均|逾|≥|≤|>|<|≧|≦)$")
_INDICATOR_END = re.compile(r"(率|数|额|量|费|金|积分|得分|比例|占比|规模|面积|预算|决算|支出|收入|结余|结转|安排|执行|"
                            r"人员|干部|职工)$")
_NAME_WORDS = 7
"""Words an indicator's name holds at most (政府性|基金|预算|财政|拨款|支出 is one name)."""
_ORDINAL_HEAD = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,3}[)）、.]")
"""The number of a list item run into a name: (一)因公出国(境)费支出."""
_JOINING = ("和", "及", "与")
"""Conjunctions inside one indicator's name (结转和结余, 购置及运行维护费)."""
_NOUN_FLAGS = ("n", "nr", "ns", "nt", "nz", "vn", "an", "ng", "j", "l", "s", "t", "x", "eng")
_PHRASE_STOP_FLAGS = ("p", "c", "u", "r", "d", "q", "w")
_BENEFITS = "社会效益|经济效益|生态效益|可持续影响"
_CATEGORY = rf"(?:产出|效益|满意度|服务对象满意度|数量|质量|时效|成本|{_BENEFITS})"
"""The categories of a self-evaluation table's indicators (产出指标, 数量指标 …), without 指标."""
_CATEGORY_CELLS = re.compile(rf"^(?:{_CATEGORY}指标|{_BENEFITS}|[一二三]级指标|小计|其中)$")
_FIGURE_CELL = re.compile(r"\d")
_INDICATOR_NOTES = re.compile(rf"{INDICATOR_UNIT}?{INDICATOR_NOTE}+$"
                              rf"|(?<=[率数额量费金])(?:{INDICATOR_UNIT}|%|％)$")
"""A unit or the kind of indicator run into the indicator's cell (预算完成率%定量指标, 培训次数次定量),
or a unit alone after an indicator's name (培训次数次, 宣传品数量份)."""
_MONEY_NOUNS = ("款", "费", "金")
"""One-character nouns of money that jieba may tag otherwise (分红款, 补助金)."""
_PHRASE_STOP_WORDS = ("是", "否", "为", "指标", "定量指标", "定性指标")
"""Words an indicator never opens with, although jieba tags them as verbs or nouns."""


def _trim(clause: str) -> str:
    """The clause without the qualifier and linking words right before a figure, short of leaving
    less than two characters (收、支总计均为 → 支总计: the total is the name itself)."""
    previous = None
    clause = clause.strip()
    while clause and clause != previous:
        previous = clause
        clause = _INDICATOR_NOTES.sub("", _TRAILING_FILLER.sub("", clause)).strip()
        if len(clause) < 2 <= len(previous):
            return previous
    return clause


def _noun_phrase_before(text: str) -> str | None:
    """What the clause before a figure names: '累计共接待境内港澳台同胞' → '境内港澳台同胞',
    '宗教活动场所消防设施配备率达' → the whole indicator."""
    clause = _trim(re.sub(r"\s", "", text))
    if not clause:
        return None
    words = tag_words(clause)
    if _INDICATOR_END.search(clause):
        taken: list[str] = []
        for word, flag in reversed(words):
            joined = word in _JOINING and len(taken) <= 3  # 结转和结余, 公务用车购置及运行维护费
            if taken and not joined and (flag.startswith(_PHRASE_STOP_FLAGS) or word in _PHRASE_STOP_WORDS
                          or sum(1 for w in taken if w not in "()（）") >= _NAME_WORDS
                          or any(ch.isdigit() for ch in word)):
                break
            taken.insert(0, word)
        return _ORDINAL_HEAD.sub("", "".join(taken))
    nouns: list[str] = []
    for word, flag in reversed(words):
        head_verb = not nouns and flag == "v" and len(word) >= 2  # 生活补助, 补贴: a verb used as a noun
        short = nouns and len("".join(nouns)) < 2 and not flag.startswith(_PHRASE_STOP_FLAGS)
        if flag.startswith(_NOUN_FLAGS) or word in _MONEY_NOUNS or head_verb or short:
            nouns.insert(0, word)
        else:
            break
    if nouns:
        return "".join(nouns)
    word, flag = words[-1]
    return word if flag.startswith("v") and len(word) >= 2 else None


def _noun_phrase_after(text: str) -> str | None:
    """The leading noun phrase after a count: '企业家参加' → '企业家'."""
    nouns: list[str] = []
    for word, flag in tag_words(re.sub(r"\s", "", text)):
        if flag.startswith(_NOUN_FLAGS) or (nouns and flag == "vn"):
            nouns.append(word)
        else:
            break
    phrase = "".join(nouns)
    return phrase if len(phrase) >= 2 else None


def _clause_before(v: str, start: int, floor: int) -> str:
    left = v[floor:start]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(left)), default=0)
    return left[cut:].strip()


def _clause_after(v: str, end: int) -> str:
    right = v[end:end + 20]
    match = _CLAUSE_BREAK.search(right)
    return right[: match.start()] if match else right


_INDICATOR_NUMBER = re.compile(rf"^(?:{_CATEGORY}指标)*(?:指标\s*\d{{1,2}}\s*[:：.、]?\s*)?")
"""指标1：… as self-evaluation tables number their indicators, after the categories a row printed a
cell a line runs into it (产出指标数量指标指标1：…)."""


def indicator_name(cell: str) -> str:
    """An indicator cell without its number and the notes run into it: '指标1：预算完成率%定量指标'
    → '预算完成率'."""
    name = _INDICATOR_NUMBER.sub("", cell.strip())
    trimmed = _INDICATOR_NOTES.sub("", name)
    return trimmed if len(trimmed) >= 2 else name


def cell_starts(row: str) -> list[int]:
    """Where each tab-separated cell of a row starts."""
    return [0] + [m.end() for m in re.finditer("\t", row)]


def cell_of(starts: list[int], offset: int) -> int:
    """The index of the cell (``cell_starts``) holding ``offset``."""
    return bisect.bisect_right(starts, offset) - 1


def what_in_table_row(cells: list[str], cell_index: int) -> str | None:
    """The indicator of a figure in a table row: the nearest text cell to its left that is not a
    category (产出指标), a unit or the kind of indicator."""
    for cell in reversed(cells[:cell_index]):
        if _CATEGORY_CELLS.match(cell) or TABLE_NOTE_CELL.match(cell) \
                or (_FIGURE_CELL.search(cell) and len(cell) <= 10):
            continue
        if re.search(r"[\u4e00-\u9fff]", cell):
            return indicator_name(cell)
    return None


def _as_written(text: str, v: str, phrase: str | None, near: int) -> str | None:
    """The phrase as the original text writes it (traditional script stays traditional)."""
    if not phrase:
        return phrase
    at = v.rfind(phrase, 0, near)
    if at < 0:
        at = v.find(phrase, near)
    return text[at:at + len(phrase)] if at >= 0 else phrase


_NAMING = re.compile(r"[\u4e00-\u9fff]{2}")
"""A `what` names something with two Chinese characters at least, never only marks ('页/')."""


def _count_of(ent: Entity) -> str | None:
    """A count the words around name nothing for is a number of its measure word: 共9页 → 页数."""
    unit = (ent.unit or "")[-1:]
    return f"{unit}数" if re.fullmatch(r"[\u4e00-\u9fff]", unit) else None


def infer_what(text: str, entities: list[Entity]) -> None:
    """Set ``what`` on each non-DATE entity of ``text`` from the words around it."""
    v = same_length_view(text)
    starts = cell_starts(v)
    cells = v.split("\t")
    floor = 0
    previous: Entity | None = None
    for ent in entities:
        if ent.label == "DATE":
            floor = max(floor, ent.end)  # "2023年三公经费预算数…": the year is no part of what follows
            continue
        cell_index = cell_of(starts, ent.start)
        cell_text = cells[cell_index]
        only_figure = len(cells) > 1 and len(re.sub(r"\s", "", cell_text)) <= len(ent.text) + 4
        if only_figure:
            ent.what = _as_written(text, v, what_in_table_row(cells, cell_index), ent.start)
            floor = ent.end
            previous = ent
            continue
        cell_floor = max(floor, starts[cell_index])
        before = _clause_before(v, ent.start, cell_floor)
        colon = re.search(r"[:：]\s*$", v[cell_floor:ent.start])
        if not before and colon:  # 全年预算数：1110.36万元: the label before the colon
            before = _clause_before(v, cell_floor + colon.start(), starts[cell_index])
        what = None
        if ent.label == "COUNT":
            what = _noun_phrase_after(_clause_after(v, ent.end))
        if what is None and before:
            what = _noun_phrase_before(before)
        if what is None and previous is not None and previous.what \
                and not _SENTENCE_BREAK.search(v[previous.end:ent.start]) \
                and len(_trim(re.sub(r"[，、,]|占比?|其中", "", v[previous.end:ent.start]))) <= 1:
            ent.what = previous.what  # "11批120人次", "633.18万元，占70.54%": the same thing again
            floor, previous = ent.end, ent
            continue
        if what is None and ent.label != "COUNT":
            what = _noun_phrase_after(_clause_after(v, ent.end))
        if ent.label == "COUNT" and not (what and _NAMING.search(what)) \
                and re.search(r"(?:^|[^\u4e00-\u9fff])(?:共有?|合计|总计)\s*$", v[cell_floor:ent.start]):
            what = _count_of(ent)  # 第1页/共9页: a total that nothing before names
        ent.what = None if names_nothing(what) else _as_written(text, v, what, ent.start)
        floor = ent.end
        previous = ent
