"""What a figure measures: the indicator or noun phrase around it (SPEC "Entities", `what`)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from extract.figures.indicators import names_nothing
from extract.records import Entity
from extract.text.characters import CJK, same_length_view
from extract.text.vocabulary import INDICATOR_NOTE, INDICATOR_UNIT, TABLE_NOTE_CELL

_CLAUSE_BREAK = re.compile(rf"[，。；：！？、,;:!?《》“”\"\t]|[（(](?![{CJK}]{{1,3}}[)）])"
                           rf"|(?<![（(][{CJK}])(?<![（(][{CJK}]{{2}})(?<![（(][{CJK}]{{3}})[)）]")
"""Where a clause ends; a short bracket inside a name (因公出国（境）费) is no break."""
_QUOTED = rf"[“\"「][{CJK}]{{1,6}}[”\"」]"
"""A short quoted term: “三公”, 「两个健康」."""
_QUOTED_TERM = re.compile(rf"{_QUOTED}(?=[{CJK}])")
"""A short quoted term run into the word after it: “三公”经费, “两个健康”活动 (a name, not two clauses)."""
_SENTENCE_BREAK = re.compile(r"[。；！？;!?\t]")
_TRAILING_FILLER = re.compile(
    r"(不低于|不少于|不超过|不高于|不足|不到|超过|低于|高于|达到|达|为|是|约|近|将近|共计|共|累计|"
    r"(?<!收入)(?<!支出)(?<!收支)合计|"
    r"(?:发展|增加|增长|扩大|上升|下降|减少)(?:到|至)|每[人户月年天次]|人均|户均|"
    r"(?<!收入)(?<!支出)(?<!收支)(?<![收支]、)总计|(?<!合|总)计|保持在|保持|控制在|控制|稳定在|提高到|提高至|提升至|提升到|增至|增长到|在|有|的|了|分别|"
    r"已|均|各是|各为|各|逾|≥|≤|>=|<=|>|<|=|＝|≧|≦|仅仅|仅|只有|只|才|高达|多达|总共|一共|都|也|"
    r"较高|较好|良好|明显|显著|较大|较快|较低|较小)$")
_INDICATOR_END = re.compile(r"(率|数|额|量|费|金|(?<!年)度|积分|得分|比例|占比|增幅|降幅|幅度|规模|面积|预算|决算|"
                            r"支出|收入|结余|结转|安排|执行|合计|总计|调整后|"
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
_SIGNS = re.compile(r"[^\w()（）]+")
"""A word of signs only (the dot of 1.项目支出): no part of an indicator's name."""
_ACTION_HEADS = ("安排", "下达", "拨付", "投入", "落实", "争取", "筹集", "使用", "支付", "发放", "收到", "获得",
                 "申请", "兑现", "含", "包括", "包含")
"""Verbs before a name that act on what it names (下达专项经费20万元) or list it as a part of
something (含行政工勤编制1人): no part of the name."""
_ACTING_HEADS = ("单位", "人员", "群众", "企业", "机构", "学员", "代表", "委员", "对象", "部门", "家庭", "户")
"""Nouns that a verb before them makes into who acts or is served (承办单位, 参训人员, 受益群众,
帮扶对象): a count's noun phrase after it opens with that verb."""
_MONEY_NOUNS = ("款", "费", "金")
"""One-character nouns of money that jieba may tag otherwise (分红款, 补助金)."""
_PHRASE_STOP_WORDS = ("是", "否", "为", "指标", "定量指标", "定性指标")
"""Words an indicator never opens with, although jieba tags them as verbs or nouns."""
_NAME_WORDS_TAGGED_OTHERWISE = ("其他", "其它", "收入", "支出", "结余", "结转", "拨款", "补助", "预算", "决算",
                                "执行", "采购", "接待")
"""Words of budget lines' names (其他收入, 收入总计, 公务接待批次) that jieba tags as pronouns or verbs."""
_YEAR_HEADS = ("本", "上", "全", "当")
"""The first character of 本年, 上年 … when jieba cut it from a word that opens with 年 (本|年收入)."""
_BASELINE = re.compile(r"(?:^年度|(?:^|同比|比|较|与)(?:上年度?|去年|上年同期|去年同期|同期|上一年度?))(?:相比)?"
                       r"(?=[增减下上提降扩压缩节])")
"""The year a change is measured against, run into the change (比上年下降 → 下降; 年度增加, the rest
of 同比上年度增加 after its 上 was cut off): no part of what changed."""


_WHITESPACE = re.compile(r"\s")
UNKNOWN_TAG = "x"
"""The tag of a piece of a word (a clause that ends inside a word): read as a noun, as jieba
tags what its dictionary lacks."""


@dataclass(frozen=True)
class TaggedText:
    """The words of a text as its one cut gave them (the pipeline's tokens): where each starts,
    the text's length, and the segmenter's part-of-speech tag of a word (a dictionary lookup,
    made only for the words read)."""

    starts: list[int]
    length: int
    tag: Callable[[str], str]

    def words(self, view: str, start: int, end: int, limit: int | None = None) -> list[tuple[str, str]]:
        """(word, tag) of ``view[start:end]`` without its whitespace, cut after ``limit``
        characters; a word the span cuts keeps the part inside it, tagged ``UNKNOWN_TAG``."""
        limit = end - start if limit is None else limit
        out: list[tuple[str, str]] = []
        taken = 0
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        for i in range(first, len(self.starts)):
            token_start = self.starts[i]
            if token_start >= end or taken >= limit:
                break
            token_end = self.starts[i + 1] if i + 1 < len(self.starts) else self.length
            a, b = max(token_start, start), min(token_end, end)
            piece = _WHITESPACE.sub("", view[a:b])[:limit - taken]
            if not piece:
                continue
            whole = (a, b) == (token_start, token_end) and len(piece) == b - a
            out.append((piece, self.tag(piece) if whole else UNKNOWN_TAG))
            taken += len(piece)
        return self._rejoined(out)

    def _rejoined(self, words: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The words with a last piece of one character (the span cut a word: 得|分为 → 得|分)
        joined to the one-character word before it (得分), tagged as that word."""
        if len(words) >= 2 and words[-1][1] == UNKNOWN_TAG and len(words[-1][0]) == 1 \
                and len(words[-2][0]) == 1 and re.fullmatch(rf"[{CJK}]{{2}}", words[-2][0] + words[-1][0]):
            joined = words[-2][0] + words[-1][0]
            return words[:-2] + [(joined, self.tag(joined))]
        return words


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


def _without_baseline(phrase: str) -> str:
    """The phrase without the year its change is measured against (收入较去年同期增长幅度 →
    收入增长幅度), unless that leaves less than two characters."""
    cut = _BASELINE.sub("", phrase)
    return cut if len(cut) >= 2 else phrase


def _noun_phrase_before(tagged: TaggedText, view: str, span: tuple[int, int]) -> str | None:
    """What the clause ``view[span]`` before a figure names: '累计共接待境内港澳台同胞' →
    '境内港澳台同胞', '宗教活动场所消防设施配备率达' → the whole indicator."""
    clause = _trim(re.sub(r"\s", "", view[span[0]:span[1]]))
    if not clause:
        return None
    words = _quoted_terms_joined(tagged.words(view, span[0], span[1], len(clause)))
    if _INDICATOR_END.search(clause):
        taken: list[str] = []
        for word, flag in reversed(words):
            joined = word in _JOINING and len(taken) <= 3  # 结转和结余, 公务用车购置及运行维护费
            own = word in _NAME_WORDS_TAGGED_OTHERWISE or (word in _YEAR_HEADS and taken[:1] and taken[0][0] == "年")
            if taken and not joined and not own and (flag.startswith(_PHRASE_STOP_FLAGS) or word in _PHRASE_STOP_WORDS
                                         or word in _ACTION_HEADS and len("".join(taken)) >= 2
                                         or sum(1 for w in taken if w not in "()（）") >= _NAME_WORDS
                                         or any(ch.isdigit() for ch in word) or _SIGNS.fullmatch(word)):
                break
            taken.insert(0, word)
        return _without_baseline(_ORDINAL_HEAD.sub("", "".join(taken)))
    nouns: list[str] = []
    for word, flag in reversed(words):
        head_verb = not nouns and flag == "v" and len(word) >= 2  # 生活补助, 补贴: a verb used as a noun
        short = nouns and len("".join(nouns)) < 2 and (flag == "p" or not flag.startswith(_PHRASE_STOP_FLAGS))
        prefix = nouns and flag == "h"  # 非|流动资产, 非|税收入: a prefix belongs to its noun
        if flag.startswith(_NOUN_FLAGS) or word in _MONEY_NOUNS or word in _NAME_WORDS_TAGGED_OTHERWISE \
                or head_verb or short or prefix:
            nouns.insert(0, word)
        else:
            break
    if nouns:
        return _without_baseline("".join(nouns))
    return None  # a bare verb (形成, 建设, 发布) names nothing


def _quoted_terms_joined(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The words with a short quoted term and its quotes as one noun (“|三公|” → “三公”), so that
    the name it opens (“三公”经费) is read whole."""
    out: list[tuple[str, str]] = []
    for word, flag in words:
        if len(out) >= 2 and re.fullmatch(_QUOTED, out[-2][0] + out[-1][0] + word):
            out[-2:] = [(out[-2][0] + out[-1][0] + word, "n")]
        else:
            out.append((word, flag))
    return out


def _noun_phrase_after(tagged: TaggedText, view: str, span: tuple[int, int]) -> str | None:
    """The leading noun phrase of the clause ``view[span]`` after a count: '企业家参加' → '企业家'."""
    nouns: list[str] = []
    words = tagged.words(view, *span)
    for i, (word, flag) in enumerate(words):
        if not nouns and flag == "v" and i + 1 < len(words) and words[i + 1][0] in _ACTING_HEADS:
            nouns = [word, words[i + 1][0]]  # 承办|单位(办理): who acts, and nothing after it
            break
        if flag.startswith(_NOUN_FLAGS) or (nouns and flag == "vn"):
            nouns.append(word)
        else:
            break
    phrase = "".join(nouns)
    return phrase if len(phrase) >= 2 else None


def _clause_before(view: str, start: int, floor: int) -> tuple[int, int]:
    """The span of the clause between ``floor`` and a figure at ``start``, spaces at its ends out; a
    short quoted term run into the word after it (“三公”经费) is inside the clause, not its start."""
    left = _QUOTED_TERM.sub(lambda m: "q" * len(m.group()), view[floor:start])
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(left)), default=0)
    clause = left[cut:]
    first = floor + cut + len(clause) - len(clause.lstrip())
    return first, max(first, start - (len(clause) - len(clause.rstrip())))


def _clause_after(view: str, end: int) -> tuple[int, int]:
    """The span of the clause (20 characters at most) after a figure that ends at ``end``."""
    match = _CLAUSE_BREAK.search(view, end, end + 20)
    return end, match.start() if match else min(end + 20, len(view))


_INDICATOR_NUMBER = re.compile(rf"^(?:{_CATEGORY}指标)*(?:指标\s*\d{{1,2}}\s*[:：.、]?\s*)?(?:其中\s*[:：]?\s*)?")
"""指标1：… as self-evaluation tables number their indicators, after the categories a row printed a
cell a line runs into it (产出指标数量指标指标1：…); 其中： of a row that is part of the one above."""


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


_TWO_SIDED_TOTAL = re.compile(r"^\s*(总\s*计|合\s*计)\s*$")
_SIDES = ("收入", "支出")
"""The two sides of a 决算 table printed side by side (收入支出决算总表: income left, spending
right): a row 总计 … 总计 … holds 收入总计, then 支出总计."""


def what_in_table_row(cells: list[str], cell_index: int) -> str | None:
    """The indicator of a figure in a table row: the nearest text cell to its left that is not a
    category (产出指标), a unit or the kind of indicator."""
    for at in range(cell_index - 1, -1, -1):
        cell = cells[at]
        if _CATEGORY_CELLS.match(cell) or TABLE_NOTE_CELL.match(cell) \
                or (_FIGURE_CELL.search(cell) and len(cell) <= 10):
            continue
        if re.search(rf"[{CJK}]", cell):
            return _side_of_total(cells, at) or indicator_name(cell)
    return None


def _side_of_total(cells: list[str], at: int) -> str | None:
    """收入总计 or 支出总计 for the total cell ``at`` of a row that holds the same total twice."""
    totals = [i for i, cell in enumerate(cells) if _TWO_SIDED_TOTAL.match(cell)]
    if len(totals) != 2 or at not in totals or len({re.sub(r"\s", "", cells[i]) for i in totals}) != 1:
        return None
    return _SIDES[totals.index(at)] + re.sub(r"\s", "", cells[at])


def _as_written(text: str, view: str, phrase: str | None, near: int) -> str | None:
    """The phrase as the original text writes it (traditional script stays traditional)."""
    if not phrase:
        return phrase
    at = view.rfind(phrase, 0, near)
    if at < 0:
        at = view.find(phrase, near)
    return text[at:at + len(phrase)] if at >= 0 else phrase


_NAMING = re.compile(rf"[{CJK}]{{2}}")
"""A `what` names something with two Chinese characters at least, never only marks ('页/')."""


def _count_of(ent: Entity) -> str | None:
    """A count the words around name nothing for is a number of its measure word: 共9页 → 页数."""
    unit = (ent.unit or "")[-1:]
    return f"{unit}数" if re.fullmatch(rf"[{CJK}]", unit) else None


def infer_what(text: str, entities: list[Entity], tagged: TaggedText) -> None:
    """Set ``what`` on each non-DATE entity of ``text`` from the words around it; ``tagged``:
    the text's words and their tags, from the one cut the pipeline made of it."""
    view = same_length_view(text)
    starts = cell_starts(view)
    cells = view.split("\t")
    floor = 0
    previous: Entity | None = None
    for ent in entities:
        if ent.label == "DATE":
            floor = max(floor, ent.end)  # "2023年三公经费预算数…": the year is no part of what follows
            continue
        cell_index = cell_of(starts, ent.start)
        cell_start = starts[cell_index]
        if len(cells) > 1 and len(re.sub(r"\s", "", cells[cell_index])) <= len(ent.text) + 4:
            ent.what = _as_written(text, view, what_in_table_row(cells, cell_index), ent.start)  # a cell
        else:
            what = _what_named(view, ent, max(floor, cell_start), cell_start, tagged)
            if what is None and _repeats_previous(view, ent, previous):
                ent.what = previous.what  # "11批120人次", "633.18万元，占70.54%": the same thing again
            else:
                what = _what_otherwise(view, ent, what, max(floor, cell_start), tagged)
                ent.what = None if names_nothing(what) else _as_written(text, view, what, ent.start)
        floor, previous = ent.end, ent


def _what_named(view: str, ent: Entity, floor: int, cell_start: int, tagged: TaggedText) -> str | None:
    """What the words around a figure in running text name: for a count the noun phrase after it
    (企业家参加), else the phrase before it (the label before a colon: 全年预算数：1110.36万元)."""
    if ent.label == "COUNT":
        after = _noun_phrase_after(tagged, view, _clause_after(view, ent.end))
        if after is not None:
            return after
    title = _TITLE_BEFORE.search(view, floor, ent.start)
    if title:
        return title.group(1)  # 编印《统战工作简报》12期: the publication counted
    before = _clause_before(view, ent.start, floor)
    colon = re.search(r"[:：]\s*$", view[floor:ent.start])
    if before[0] == before[1] and colon:
        before = _clause_before(view, floor + colon.start(), cell_start)
    if before[0] == before[1]:
        return None
    what = _noun_phrase_before(tagged, view, before)
    if what in _LINKING_VERBS:
        what = None  # 达到95%: the verb names nothing
    if what is None and ent.label != "COUNT" and _trim(view[before[0]:before[1]]) in ("", *_LINKING_VERBS):
        what = _measure_of_clause_before(tagged, view, before[0], floor)
    return what


_LINKING_VERBS = ("达到", "达", "为", "是", "超过", "占", "约")
"""Verbs that link a figure to its subject and name nothing themselves."""
_TITLE_BEFORE = re.compile(r"《([^《》]{2,20})》\s*$")
"""A title in 《》 right before a figure."""


def _measure_of_clause_before(tagged: TaggedText, view: str, start: int, floor: int) -> str | None:
    """For a figure whose own clause holds only a linking word (预算执行率较高，达98%), the measure
    the clause before names, when it names one (a word such as 率, 数, 额 ends it)."""
    comma = re.search(r"[，,]\s*$", view[floor:start])
    if comma is None:
        return None
    span = _clause_before(view, floor + comma.start(), floor)
    what = _noun_phrase_before(tagged, view, span) if span[0] < span[1] else None
    return what if what and _INDICATOR_END.search(what) else None


def _repeats_previous(view: str, ent: Entity, previous: Entity | None) -> bool:
    """A figure right after another of the same sentence with nothing between that names (11批120人次)."""
    if previous is None or not previous.what:
        return False
    between = view[previous.end:ent.start]
    return not _SENTENCE_BREAK.search(between) and len(_trim(re.sub(r"[，、,]|占比?|其中", "", between))) <= 1


def _what_otherwise(view: str, ent: Entity, what: str | None, floor: int, tagged: TaggedText) -> str | None:
    """``what`` as named, else the phrase after the figure (not for a count); a count that names
    nothing after a word of totals (共9页) counts its unit."""
    if what is None and ent.label != "COUNT":
        what = _noun_phrase_after(tagged, view, _clause_after(view, ent.end))
    if ent.label == "COUNT" and not (what and _NAMING.search(what)) \
            and re.search(rf"(?:^|[^{CJK}])(?:共有?|合计|总计)\s*$", view[floor:ent.start]):
        what = _count_of(ent)  # 第1页/共9页: a total that nothing before names
    return what
