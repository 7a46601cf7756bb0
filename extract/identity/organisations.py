"""Organisation names recognised by their shape: places, prefixes and connectors, then a body.

A name is read left to right as ``LEAD* BODY``: a lead is a division name (丰都县), a prefix (中共,
中国人民政治协商会议, 中国民主同盟), a connector after them (委, 委员会, 人民政府) or a committee named by
its level alone (区委); the body is one of the catalogue's (统一战线工作部, 工商业联合会) or a short run
of words ending in an organisation suffix (数据发展中心). The words are data
(``data/organisations.tsv``). Whatever does not read so (a heading, a fund, site furniture, a
fragment) is no organisation name.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extract.identity.regions import (
    DivisionTable,
    Mention,
    Region,
    division_table,
    find_places,
    resolve,
    town_table,
    two_character_names,
    with_town,
)
from extract.paths import data_rows

ORGANISATIONS_FILE = Path(__file__).parent / "data" / "organisations.tsv"
GENERIC_BODY_MAX = 10
"""Characters at most in a body the catalogue lacks (行政服务中心, 数据发展中心)."""
_SESSION = re.compile(r"第[一二三四五六七八九十〇零\d]{1,4}届")
"""A committee's session (第十二届): part of how a CPPCC or party committee is written, not of its key."""
_NOT_AN_END = {"社": "会区"}
"""A suffix followed by one of these characters ends no name (经济社会, 社区)."""
_JOINED_SUFFIXES = ("局", "厅", "委员会")
"""The suffixes of a body whose name joins two fields with 和 (自然资源和规划局)."""
TOWN_BODY_MAX = 6
"""Characters at most in a town's unit the catalogue lacks (卫生院, 财经所, 便民服务中心)."""
_HAN = re.compile(r"[\u4e00-\u9fff]")
_UNKNOWN_PLACE = re.compile(r"(?:某{1,2}|(?!自治)[\u4e00-\u9fff]{2})[市州县旗]|某{1,2}区")
_UNKNOWN_START = re.compile(f"(?={_UNKNOWN_PLACE.pattern})")
"""Every position (overlapping) where a place the table lacks may start."""
_NOT_IN_PLACE = set("并抄送获请报经按据对向与及和各全本该其我在是为的了于由至等")
"""Characters of sentences, not of place names: 并抄送州财政局 names no place."""
"""A place the division table lacks (a renamed county, 某县), taken only at a word's start and right
before a connector, a body or a CPPCC or party prefix."""
_WORD_END = re.compile(r"(?:[^\u4e00-\u9fff]|年度|年|的|和|及|与|为|在|对|是|于|由|经|至|向|部分)$")
"""What may stand right before a name that starts with an unknown place or its level alone (部分:
the 第一部分 of a heading run into it)."""
_LEVEL_CHARS = "省市州县区旗"
"""A level written alone before a body (区政协, 市工商联): a name that lacks its place."""
_SHARED_OFFICES = frozenset({"台办", "外办", "侨办", "外侨办", "港澳办"})
"""Offices a party committee and a government share (two plates, one office): one department whether
named under 中共某县委 or 某县人民政府."""
_OFFICE_TAIL = ("办公室", "办公厅", "机关")
"""What a CPPCC or party committee's budget unit adds to its name: one department with it."""
_TOWN = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:镇|乡|街道|苏木)")
"""A town below the county (新开镇, 苏家垱乡, 枫桥湖街道): the division table stops at counties, so a
town is read by its shape, and counts only before a connector or a body (镇人民政府, 街道办事处, 乡卫生院)."""
_TOWN_START = re.compile(r"(?=[\u4e00-\u9fff]{2,4}(?:镇|乡|街道|苏木))")
_ZONE = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:经济技术开发区|经济开发区|高新技术产业开发区|高新技术产业园区|高新区"
                   r"|工业园区|工业集中区|产业园区|开发区|新区|园区)(?=管理委员会|管委会|党工委|工委)")
"""A development zone named before its committee (调兵山经济开发区管理委员会, 云阳工业园区管委会): a
county's 派出机构, placed by the county its stem names (调兵山 → 调兵山市)."""
_ZONE_START = re.compile(rf"(?={_ZONE.pattern})")
_TOWN_END = re.compile(r"(?:\d|\s|$|[（(]汇总|年度|概况|部门|单位|本级|决算|预算|整体)")
"""What may follow a town after its county for the town to be the whole name (某县某镇2022年度)."""
_NOT_IN_TOWN = ("乡镇", "城乡", "城镇", "乡村", "村镇", "镇街")
"""Words that hold 镇 or 乡 but name no town (各乡镇, 城乡建设)."""
_NOT_IN_TOWN_CHARS = _NOT_IN_PLACE | set("第部分")
_LEVEL_INSIDE = re.compile(r"[省州县区旗]|.市")
"""A level inside a town's stem shows a county cut (闻县前山镇 of 徐闻县前山镇): no town (市桥 may start one)."""


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The organisation words by kind, each with its canonical form."""

    words: dict[str, dict[str, str]]
    by_first: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Per kind, per first character, the words longest first."""

    def longest(self, kind: str, text: str, at: int) -> tuple[str, str] | None:
        """The longest word of a kind at a position, with its canonical form."""
        for word in self.by_first.get(kind, {}).get(text[at:at + 1], ()):
            if text.startswith(word, at):
                return word, self.words[kind][word]
        return None


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The organisation vocabulary, read once per process."""
    words: dict[str, dict[str, str]] = {}
    for row in data_rows(ORGANISATIONS_FILE):
        kind, word = row[0], row[1]
        words.setdefault(kind, {})[word] = row[2] if len(row) > 2 else word
    by_first: dict[str, dict[str, list[str]]] = {}
    for kind, entries in words.items():
        for word in sorted(entries, key=len, reverse=True):
            by_first.setdefault(kind, {}).setdefault(word[0], []).append(word)
    return Vocabulary(words, by_first)


@dataclass(frozen=True)
class Token:
    """One part of a name: its kind (place, town, zone, prefix, cppcc, party, connector, level, body),
    text and canonical form (the division code for a place)."""

    kind: str
    text: str
    canonical: str


@dataclass(frozen=True)
class OrganisationName:
    """An organisation name found in a text: where it is and the parts it reads as."""

    start: int
    end: int
    tokens: tuple[Token, ...]

    @property
    def text(self) -> str:
        """The name as written."""
        return "".join(t.text for t in self.tokens)

    @property
    def has_place(self) -> bool:
        """True when the name says where (丰都县委统战部), not only its level (区委统战部)."""
        return (any(t.kind in ("place", "town", "zone") for t in self.tokens)
                or self.tokens[0].text in ("国家", "中华人民共和国"))


def _lead(text: str, at: int, tokens: list[Token], places: dict[int, tuple[int, tuple[str, ...]]],
          vocab: Vocabulary) -> Token | None:
    """The lead token at a position, or None."""
    if tokens and tokens[-1].canonical == "政府":  # X市人民政府 | Y市财政局: two names
        return None
    if at in places and not _ZONE.match(text, at):
        end, codes = places[at]
        return Token("place", text[at:end], ",".join(codes))
    local = _local(text, at, tokens, places, vocab)
    if local:
        return local
    session = _SESSION.match(text, at) if tokens and tokens[-1].kind in ("place", "cppcc", "party") else None
    if session and vocab.longest("connector", text, session.end()):  # 政协某县第十二届委员会: one body
        return Token("connector", session.group(), "")
    unknown = _UNKNOWN_PLACE.match(text, at) if not tokens or tokens[-1].kind != "place" else None
    if unknown and (set(unknown.group()) & _NOT_IN_PLACE
                    or any(stop in unknown.group() for stop in vocab.words.get("stop", {}))):
        unknown = None
    if unknown and not (tokens or _at_word_start(text, at)):
        unknown = None
    if unknown and any(vocab.longest(kind, text, unknown.end()) for kind in ("connector", "body", "cppcc", "party")):
        return Token("place", unknown.group(), "")  # a county the table lacks (a new or renamed one)
    short = _short_place(text, at, tokens, vocab)
    if short:
        return short
    for kind in ("cppcc", "party", "prefix"):
        found = vocab.longest(kind, text, at)
        if found:
            return Token(kind, *found)
    level = vocab.longest("level", text, at)
    if tokens:
        found = level or vocab.longest("connector", text, at)  # 忠县县委: the level after the place
        if found and not (found[0] == "委" and text.startswith("委员", at) and not text.startswith("委员会", at)):
            return Token("connector", *found)
    elif level is not None:
        return Token("level", *level)
    elif (text[at:at + 1] in _LEVEL_CHARS and _at_word_start(text, at)
          and any(vocab.longest(kind, text, at + 1) for kind in ("cppcc", "body"))):
        return Token("level", text[at], "")  # 区政协, 市工商联, 县侨联: the level alone
    return None


def _short_place(text: str, at: int, tokens: list[Token], vocab: Vocabulary) -> Token | None:
    """A two-character county (南县, 忠县) at a word's start right before a body of the catalogue
    (南县住房和城乡建设局): the table counts it alone only before 委 or 人民政府."""
    codes = division_table().by_name.get(text[at:at + 2], ()) if not tokens and _at_word_start(text, at) else ()
    if codes and vocab.longest("body", text, at + 2):
        return Token("place", text[at:at + 2], ",".join(codes))
    return None


def _local(text: str, at: int, tokens: list[Token], places: dict[int, tuple[int, tuple[str, ...]]],
           vocab: Vocabulary) -> Token | None:
    """A town or a development zone at a position: right after a place or at a word's start, its
    stem free of sentence characters and of places, and a connector or a body after it (镇人民政府,
    开发区管委会); a zone only when its stem names its county (调兵山, not 工业)."""
    if tokens and tokens[-1].kind != "place" or not tokens and not _at_word_start(text, at):
        return None
    zone = _ZONE.match(text, at)
    if zone and not set(zone.group(1)) & _NOT_IN_PLACE and (find_places(zone.group(1))
                                                            or _zone_county(zone.group(), division_table())):
        return Token("zone", zone.group(), zone.group())
    town = _TOWN.match(text, at)
    if (not town or set(town.group(1)) & _NOT_IN_TOWN_CHARS or _LEVEL_INSIDE.search(town.group(1))
            or any(at < start < town.end() for start in places)
            or any(w in text[town.start():town.end() + 1] for w in _NOT_IN_TOWN)
            or any(stop in town.group(1) for stop in vocab.words.get("stop", {}))):
        return None
    end = town.end()
    generic = _generic_body(text, end, vocab) if tokens else None  # 某县某乡卫生院, not 深化镇街商会
    if (any(vocab.longest(kind, text, end) for kind in ("connector", "body"))
            or generic and len(generic.text) <= TOWN_BODY_MAX):
        return Token("town", town.group(), town.group())
    if tokens and _TOWN_END.match(text, end):  # 西畴县西洒镇2022年度部门决算: the town's own report
        return Token("town", town.group(), town.group())
    return None


_NO_START = "度年的和及与为在对是于由经至向"
"""Characters no name starts with (2022年度某县…: the name starts after 度)."""


def _at_word_start(text: str, at: int) -> bool:
    """True when nothing that may be a place's first characters stands right before a position."""
    return at == 0 or bool(_WORD_END.search(text[max(0, at - 2):at]))


def _generic_body(text: str, at: int, vocab: Vocabulary) -> Token | None:
    """A body the catalogue lacks: a few characters ending in an organisation suffix, no stop word."""
    stops, after = vocab.words.get("stop", {}), vocab.words.get("after", {})
    suffixes = sorted(vocab.words.get("suffix", {}), key=len, reverse=True)
    for end in range(at + 1, min(len(text), at + GENERIC_BODY_MAX) + 1):
        piece = text[at:end]
        if (not _HAN.fullmatch(piece[-1]) or any(s in piece.replace("和", "", 1) for s in stops)
                or _lead_words().search(piece) or piece.startswith("和")):
            return None
        if len(piece) < 2:
            continue
        if find_places(piece):  # 文山市人民政府文山市财政局: the place starts another name
            return None
        suffix = next((s for s in suffixes if piece.endswith(s)), None)
        if suffix and "和" in piece and suffix not in _JOINED_SUFFIXES:
            continue  # 文化广播电视和旅游局: an office of two fields; never 某局和某中心
        if suffix and end < len(text) and text[end] in _NOT_AN_END.get(suffix, ""):
            continue
        if suffix and len(piece) > len(suffix) and (end >= len(text) or text[end] not in after):
            return Token("body", piece, piece)
    return None


def _closing(tokens: list[Token]) -> int:
    """How many lead tokens close a name without a body: 政协X委员会, 中共X县委, 民盟X市委, X县人民政府."""
    kinds = {t.kind for t in tokens}
    last = tokens[-1]
    if last.kind == "connector" and last.text == "委员会" and kinds & {"cppcc", "party", "prefix"}:
        return len(tokens)
    if last.kind == "connector" and last.canonical == "委" and kinds & {"prefix", "party"} and "place" in kinds:
        return len(tokens)  # 中共某县委, 民盟某市委, 共青团某县委
    if last.kind == "connector" and last.canonical == "政府" and kinds & {"place", "town"}:
        return len(tokens)
    if last.kind == "town" and "place" in kinds:
        return len(tokens)
    if last.kind == "cppcc" and any(t.kind == "place" and t.canonical for t in tokens):
        return len(tokens)  # 府谷县政协: the county's CPPCC committee (a county the table holds)
    if last.kind == "cppcc" and len(tokens) == 2 and tokens[0].kind == "level":
        return len(tokens)  # 区政协: a CPPCC committee named by its level alone
    return 0


def read_name(text: str, at: int, places: dict[int, tuple[int, tuple[str, ...]]] | None = None,
              vocab: Vocabulary | None = None) -> OrganisationName | None:
    """The organisation name that starts at a position, or None."""
    vocab = vocab or vocabulary()
    places = _place_spans(text) if places is None else places
    tokens: list[Token] = []
    position = at
    while position < len(text):
        body = vocab.longest("body", text, position) if tokens else None
        if body and not (position in places and places[position][0] - position > len(body[0])):
            tokens.append(Token("body", *body))
            end = position + len(body[0])
            tail = next((t for t in _OFFICE_TAIL if text.startswith(t, end) and body[0] != t), None)
            if tail:  # 人大常委会办公室, 政协机关: the unit that reports
                tokens.append(Token("body", tail, tail))
                end += len(tail)
            return OrganisationName(at, end, tuple(tokens))
        lead = _lead(text, position, tokens, places, vocab)
        if lead is None:
            break
        tokens.append(lead)
        position += len(lead.text)
    unknown_place = any(t.kind == "place" and not t.canonical for t in tokens)
    if not tokens or (unknown_place and not {t.kind for t in tokens} & {"cppcc", "party"}):
        return None  # a place the table lacks only with a body of the catalogue (某县民族宗教事务局)
    generic = _generic_body(text, position, vocab)
    if generic:
        tokens.append(generic)
        return OrganisationName(at, position + len(generic.text), tuple(tokens))
    closing = _closing(tokens)
    if closing:
        return OrganisationName(at, position, tuple(tokens[:closing]))
    return None


def _place_spans(text: str, table: DivisionTable | None = None) -> dict[int, tuple[int, tuple[str, ...]]]:
    return {m.start: (m.end, m.codes) for m in find_places(text, table)}


def find_organisations(text: str) -> list[OrganisationName]:
    """Every organisation name in a text, in order, none inside another."""
    vocab = vocabulary()
    places = _place_spans(text)
    leads = {m.start() for m in _lead_words(lone_levels=True).finditer(text)}
    unknown = {m.start() for pattern in (_UNKNOWN_START, _TOWN_START, _ZONE_START) for m in pattern.finditer(text)
               if text[m.start()] not in _NO_START and _at_word_start(text, m.start())}
    two = two_character_names()
    short = {i for i in range(len(text) - 1) if text[i:i + 2] in two and _at_word_start(text, i)}
    starts = sorted(set(places) | unknown | leads | short)
    found: list[OrganisationName] = []
    for start in starts:
        if found and start < found[-1].end:
            continue
        name = read_name(text, start, places, vocab)
        if name and found and _joint(found[-1], name):
            found[-1] = OrganisationName(found[-1].start, name.end, found[-1].tokens + name.tokens)
        elif name:
            found.append(name)
    return found


def _joint(first: OrganisationName, second: OrganisationName) -> bool:
    """True when two names written back to back are one unit's (中共某市纪律检查委员会某市监察委员会:
    bodies of one place that report together), not a government and one of its offices."""
    places = [[t.canonical for t in n.tokens if t.kind == "place"] for n in (first, second)]
    return (second.start == first.end and bool(places[0]) and places[0][-1:] == places[1][-1:]
            and first.tokens[-1].kind == "body" and second.tokens[-1].kind == "body")


@lru_cache(maxsize=2)
def _lead_words(lone_levels: bool = False) -> re.Pattern[str]:
    """Where a name without a place may start: its prefix or its level (中共, 政协, 区委; with
    ``lone_levels`` also 区 of 区政协)."""
    vocab = vocabulary()
    words = [w for kind in ("cppcc", "party", "prefix", "level") for w in vocab.words.get(kind, {})]
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True))
                      + (f"|[{_LEVEL_CHARS}]" if lone_levels else ""))


def organisation_name(value: str) -> OrganisationName | None:
    """The value read as one whole organisation name (spaces dropped), or None when it is not one."""
    compact = re.sub(r"\s", "", value or "")
    name = read_name(compact, 0) if compact else None
    return name if name and name.end == len(compact) else None


def name_region(name: OrganisationName, context: str = "") -> Region:
    """The region a name's places point at, settled by the places of ``context`` when ambiguous."""
    table = division_table()
    mentions = [m for m in find_places(name.text, table)]
    if not mentions:  # a two-character county read before its body (南县住房和城乡建设局), a zone's county
        mentions = [Mention(0, 0, tuple(t.canonical.split(",")))
                    for t in name.tokens if t.kind == "place" and t.canonical]
        mentions += [m for t in name.tokens if t.kind == "zone" for m in _zone_county(t.text, table)]
    town = next((t.text for t in name.tokens if t.kind == "town"), "")
    if not mentions and town in town_table():  # 下桥镇人民政府: the counties that hold a town so named
        mentions = [Mention(0, 0, town_table()[town])]
    region = resolve(mentions, find_places(context[:3000], table) if context else [], table)
    return with_town(region, town) if town else region


def _zone_county(zone: str, table: DivisionTable) -> list[Mention]:
    """The division a zone's stem names without its level (调兵山 of 调兵山经济开发区 → 调兵山市;
    重庆云阳 → 云阳县): the first tail of the stem that with 市, 县 or 区 is one division's name."""
    stem = _ZONE.match(zone + "管委会")
    text = stem.group(1) if stem else zone
    for start in range(len(text) - 1):
        for level in "市县区旗":
            codes = table.by_name.get(text[start:] + level, ())
            if len(codes) == 1:
                return [Mention(0, len(zone), codes)]
    return []


def department_key(name: OrganisationName) -> str:
    """What stays the same across a department's names: its parts' canonical forms without places
    and without 中共 (统战部 = 统一战线工作部, 侨联 = 归国华侨联合会, 政协…委员会(办公室) = 政协)."""
    parts = [t.canonical for t in name.tokens if t.kind not in ("place",) and t.canonical not in ("中国共产党", "中共")]
    if parts and parts[-1] in _SHARED_OFFICES:
        parts = parts[-1:]
    if name.tokens[0].kind in ("cppcc", "party") or any(t.kind in ("cppcc", "party") for t in name.tokens):
        parts = [p for p in parts if p not in ("委", *_OFFICE_TAIL)]
    return "".join(parts)


def department_id(name: OrganisationName | None, region: Region, written: str = "") -> str:
    """A stable id for a department: its region's code and a digest of its key (the name as written
    when it does not read as an organisation name)."""
    key = department_key(name) if name else re.sub(r"\s", "", written)
    if not key:
        return ""
    digest = hashlib.blake2b(f"{region.code}|{key}".encode(), digest_size=4).hexdigest()
    return f"{region.code or '000000'}-{digest}"
