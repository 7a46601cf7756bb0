"""What a figure measures: the indicator or noun phrase around it (SPEC "Entities", `what`)."""

from __future__ import annotations

import re

from extract.entities import view
from extract.records import Entity
from extract.segment import tag_words

_CLAUSE_BREAK = re.compile(r"[，。；：！？、,;:!?（）()《》“”\"\t\n]")
_LEADING_FILLER = ("共计", "累计", "合计", "总计", "共", "达到", "达", "为", "是", "约", "近",
                   "超过", "逾", "不少于", "不低于", "不足", "不到", "计", "的", "了", "分别")
_NOUN_FLAGS = ("n", "nr", "ns", "nt", "nz", "vn", "an", "ng", "j", "l", "s", "t", "x", "eng")
_STOP_FLAGS = ("v", "p", "c", "u", "uj", "ul", "d", "r", "m", "q", "f", "vg", "ad")
_CATEGORY_CELLS = re.compile(
    r"^(产出指标|效益指标|满意度指标|数量指标|质量指标|时效指标|成本指标|社会效益|经济效益|"
    r"生态效益|可持续影响|一级指标|二级指标|三级指标|合计|小计|总计|其中)$")
_RATE_HINTS = {"完成预算": "预算完成率", "预算执行": "预算执行率"}


def _noun_phrase_before(text: str) -> str | None:
    """The trailing noun phrase of a clause: '累计共接待境内港澳台同胞' → '境内港澳台同胞'."""
    words = tag_words(text)
    while words and (words[-1][0] in _LEADING_FILLER or words[-1][1] in ("uj", "ul", "d", "p")):
        words.pop()
    if not words:
        return None
    nouns: list[str] = []
    for word, flag in reversed(words):
        if flag.startswith(_NOUN_FLAGS) and not flag.startswith(_STOP_FLAGS[1:]):
            nouns.insert(0, word)
        elif flag == "v" and nouns and len(nouns) == 1 and word in ("培训", "调研", "服务", "接待"):
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
    for word, flag in tag_words(text):
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


def what_in_table_row(cells: list[str], cell_index: int) -> str | None:
    """The indicator of a figure in a table row: the nearest text cell to its left."""
    for cell in reversed(cells[:cell_index]):
        if _CATEGORY_CELLS.match(cell) or re.fullmatch(r"[\d.,%]+[^\s]{0,3}", cell):
            continue
        if re.search(r"[\u4e00-\u9fff]", cell):
            return cell
    return None


def infer_what(text: str, entities: list[Entity]) -> None:
    """Set ``what`` on each non-DATE entity of ``text`` from the words around it."""
    v = view(text)
    cell_starts = [0] + [m.end() for m in re.finditer("\t", v)]
    cells = v.split("\t")
    floor = 0
    for ent in entities:
        if ent.label == "DATE":
            continue
        cell_index = max(i for i, s in enumerate(cell_starts) if s <= ent.start)
        cell_text = cells[cell_index]
        only_figure = len(cells) > 1 and len(re.sub(r"\s", "", cell_text)) <= len(ent.text) + 4
        if only_figure:
            ent.what = what_in_table_row(cells, cell_index)
            floor = ent.end
            continue
        cell_floor = max(floor, cell_starts[cell_index])
        before = _clause_before(v, ent.start, cell_floor)
        what = None
        if ent.label == "COUNT":
            what = _noun_phrase_after(_clause_after(v, ent.end))
        if what is None and before:
            what = _noun_phrase_before(before)
            for hint, name in _RATE_HINTS.items():
                if ent.label == "PERCENT" and before.endswith((hint, hint + "的")):
                    what = name
        if what is None and ent.label != "COUNT":
            what = _noun_phrase_after(_clause_after(v, ent.end))
        ent.what = what
        floor = ent.end
