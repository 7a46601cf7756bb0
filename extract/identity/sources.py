"""Whose report it is: the department and its region from every source, in order of trust.

user (a sidecar or ``--jsonl`` fields) › page (a web page's own fields, ``meta["page"]``) › field
(部门名称/单位名称/填报单位/预算单位) › title › text (the signature, 「XX是……」, names in the opening).
A value that does not read as an organisation name is no value; the first source that gives one
wins and is recorded as ``meta_source["department"]``. Nothing found: the department is empty and
``meta_reason["department"]`` says why.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from extract.identity.organisations import (
    OrganisationName,
    department_id,
    department_key,
    find_organisations,
    name_region,
    organisation_name,
)
from extract.identity.regions import (
    Mention,
    Region,
    division_table,
    find_places,
    province_short_names,
    region_of,
    resolve,
    with_town,
)

_FIELD = re.compile(r"(?:(?:部门|单位)(?:（单位）|\(单位\))?名称|填报单位|预算单位|申报单位|评价单位|实施单位)"
                    r"(?:[（(][盖公]章[）)])?[\s：:|]*([^\t\n：:，,。；;|]{2,60})")
_SUPERVISOR = re.compile(r"主管部门[\s：:|]*([^\t\n：:，,。；;|]{2,60})")
"""The department above the unit (a project table's 主管部门): whose report it is only when neither
the unit's own fields nor the title name one."""
_AS_SUBJECT = re.compile(r"^[（(]?(?:以下简称[^）)]*[）)])?"
                         r"(?:是|作为|为|系|隶属|主要职责|主要职能|内设|下设|设有|机关)")
_SELF = re.compile(r"本部门|本单位|我部|我办|我会|我委|我局|我单位|我院|我校|我中心")
OPENING = 1500
"""Characters of the body read for names (its fields, its 「XX是……」 sentence, its first names)."""
SIGNATURE = 300
"""Characters at the end of the body where a signature (落款) stands."""


@dataclass
class Identity:
    """The department and region found, where each came from, and why one is missing."""

    department: str = ""
    name: OrganisationName | None = None
    region: Region = field(default_factory=Region)
    source: dict[str, str] = field(default_factory=dict)
    reason: dict[str, str] = field(default_factory=dict)

    def meta(self) -> dict[str, object]:
        """The metadata keys this identity sets."""
        return {"department": self.department or None,
                "department_id": department_id(self.name, self.region, self.department) if self.department else None,
                "region": self.region.name or None, "region_levels": self.region.to_dict()}


def _whole_name(value: str) -> OrganisationName | None:
    """A given value as an organisation name, its own parentheses (说明) aside."""
    return organisation_name(re.sub(r"[（(][^）)]*[）)]$", "", str(value or "").strip()))


def _field_name(text: str, pattern: re.Pattern[str] = _FIELD) -> OrganisationName | None:
    """The first field of a pattern in the opening whose value starts with an organisation name."""
    for match in pattern.finditer(text[:OPENING]):
        names = find_organisations(match.group(1))
        if names and names[0].start == 0:
            return names[0]
    return None


_REPORT_WORDS = re.compile(r"(?:19|20)\d{2}|报告|说明|情况|公开|决算|预算|绩效|自评|目标|评价")
"""What a report's title holds besides a name: a line that is only a name (a site header, the
addressee of a letter, 某某局：) is no title to read the department from."""


_SITE_WORDS = re.compile(r".*(?:政府信息公开|信息公开|门户网站|网站|首页|当前位置|您的位置|>)")
"""Site furniture a title block may start with (某市人民政府 政府信息公开 市政协2023年度决算说明):
the title is what follows it."""


_PUBLISHER = re.compile(r"(?:发布机构|发布机关|发文机关|发布单位|所属机构|责任部门|主办单位|信息来源|来源|编辑|[>»›])"
                        r"[\s:：|]*$")
"""A page's label for who published it, or a breadcrumb's separator (首页 > 部门预决算 > 某局): the
name after it is the site's or its section's, not whose report it is."""
_TITLE_FOLLOW = re.compile(r"$|(?:19|20)\d{2}|[（(]|年度|关于|部门|单位|整体|项目|本级|决算|预算|绩效|财务|工作")
"""What follows the name a title is about (某局2022年度…, 某局部门决算, 某局（汇总）); a name followed
by another name (a breadcrumb's last item, a site's name before the report's) is not it."""
ADDRESSEE_MAX = 30
"""Characters at most in a title that ends with a colon for it to be an addressee (某某局：)."""


def _published(text: str, name: OrganisationName) -> bool:
    """True when a page's publisher label stands right before a name (发布机构：某区卫生健康委)."""
    return bool(_PUBLISHER.search(text[max(0, name.start - 8):name.start]))


def without_site_part(title: str) -> str:
    """A title block without the site furniture it opens with (某市人民政府 政府信息公开 市政协2023年度决算说明
    → 市政协2023年度决算说明), when what follows still reads as a report's title."""
    rest = _SITE_WORDS.sub("", title)
    return rest if _REPORT_WORDS.search(rest) else title


def _title_name(title: str) -> OrganisationName | None:
    if (not _REPORT_WORDS.search(title)
            or len(title.strip()) <= ADDRESSEE_MAX and title.rstrip().endswith(("：", ":"))):
        return None
    title = without_site_part(title)
    compact = re.sub(r"\s", "", title)
    names = [n for n in find_organisations(compact) if not _published(compact, n) and not _quoted(compact, n.start)
             and _TITLE_FOLLOW.match(compact, n.end)]
    placed = [n for n in names if n.has_place]
    return (placed or names or [None])[0]


_QUOTES = {"《": "》", "（": "）", "(": ")", "“": "”", "〔": "〕", "[": "]"}
_NEAR = 80
"""Characters before a name searched for the quotation or parenthesis it may stand in."""


def _quoted(text: str, at: int) -> bool:
    """True when a position lies inside 《》, parentheses or quotes: a cited document's issuer
    (《中共某省委关于……》), another name of the unit before (（区侨联）), a short name (“县委统战部”)."""
    before = text[max(0, at - _NEAR):at]
    return any(before.rfind(opening) > before.rfind(closing) for opening, closing in _QUOTES.items())


_AUTHORITY = re.compile(r"(?:经|据|根据|按照|依据|受|向|报|由|会同|配合|协助|联合)$")
_ISSUED = re.compile(r"^(?:关于|印发|下发|批复|发布|转发|文件|批准|赋权|授权|同意|委托)")


def _cited(text: str, name: OrganisationName) -> bool:
    """True when a name stands for someone other than the reporter: quoted, the authority of an
    act (经……批准, 根据……), or the issuer of a document (……关于, ……印发)."""
    return (_quoted(text, name.start) or bool(_AUTHORITY.search(text[max(0, name.start - 2):name.start]))
            or bool(_ISSUED.match(text[name.end:name.end + 2])) or _published(text, name))


def _opens_sentence(opening: str, name: OrganisationName) -> bool:
    """True when the opening makes a name its subject: 「XX是……」, 「XX主要职责」, or 本部门/我办 near it."""
    return bool(_AS_SUBJECT.match(opening[name.end:name.end + 40])
                or _SELF.search(opening[max(0, name.start - 40):name.end + 40]))


def _text_name(body: str) -> tuple[OrganisationName | None, str]:
    """A name the body gives itself: its signature, a sentence it opens (「XX是……」, 本部门), else the
    one name its opening repeats most. Empty with the reason when none is certain."""
    tail_start = max(len(body) // 2, len(body) - SIGNATURE)  # a short text's first lines are no signature
    for name in reversed(find_organisations(body[tail_start:])):
        line_start = body.rfind("\n", 0, tail_start + name.start) + 1
        line_end = body.find("\n", tail_start + name.end)
        line = body[line_start:line_end if line_end >= 0 else len(body)].strip()
        if line == name.text and name.has_place:
            return name, ""
    opening = body[:OPENING]
    names = [n for n in find_organisations(opening) if not _cited(opening, n)]
    for name in names:
        if name.has_place and _opens_sentence(opening, name):
            return name, ""
    placed = [n for n in names if n.has_place]
    if not placed:
        return _level_name(names, body)
    counts = Counter(department_key(n) for n in placed)
    (top, top_count), *rest = counts.most_common()  # ties: the first named
    if rest and rest[0][1] == top_count and top_count == 1 and len(rest) > 1:
        return None, "its opening names several organisations, each once"
    return max((n for n in placed if department_key(n) == top), key=lambda n: len(n.text)), ""


LEVEL_NAME_REPEATS = 2
"""Times at least an opening that names organisations only by their level (区政协) repeats one for it
to be whose report it is (placed then by the division of that level the opening names most)."""


def _level_name(names: list[OrganisationName], body: str) -> tuple[OrganisationName | None, str]:
    """The name an opening gives only by its level (区政协 … 区政协): the one it opens a sentence with
    (「区政协是……」, 本会) or repeats most, when the opening also names the one division of that level
    it stands in; else none, with the reason."""
    if not names:
        return None, "no organisation name in its fields, title or opening"
    opening = body[:OPENING]
    subject = [n for n in names if _opens_sentence(opening, n)]
    counts = Counter(department_key(n) for n in names).most_common(2)
    leading = (counts[0][0] if counts[0][1] >= LEVEL_NAME_REPEATS and (len(counts) == 1 or counts[0][1] > counts[1][1])
               else None)
    candidates = subject or [n for n in names if department_key(n) == leading]
    for name in candidates:
        if not _region_of_level(name.tokens[0].text, body).is_empty():
            return name, ""
    return None, ("its opening names organisations only by their level (区政协, 市工商联), none placed by "
                  "the divisions it names")


def _completed(name: OrganisationName, body: str) -> OrganisationName:
    """A name without its place (区委统战部) completed by the fuller one the text gives (中共蔡甸区委统战部)."""
    if name.has_place:
        return name
    key = department_key(name)
    fuller = [n for n in find_organisations(body[:OPENING]) if n.has_place and department_key(n) == key]
    return max(fuller, key=lambda n: len(n.text)) if fuller else name


_LEVELS = {"省": ("province",), "市": ("city", "county"), "州": ("city",), "县": ("county",), "区": ("county",),
           "旗": ("county",)}
"""The division levels a name's own level (区 of 区政协, 市委 of 市委统战部) may stand for."""


def _region_of_level(level: str, body: str) -> Region:
    """The region of a name that gives only its level (区政协): the one division of that level the
    opening names most, when one leads; else nothing."""
    table = division_table()
    levels = _LEVELS.get(level[:1], ())
    mentions = find_places(body[:OPENING], table)
    counts = Counter(m.codes[0] for m in mentions if len(m.codes) == 1 and table.by_code[m.codes[0]].level in levels)
    ranked = counts.most_common(2)
    if not ranked and levels == ("province",):  # 省民宗委 … 广东各地: the one province named by its short name
        named = {code for short, code in province_short_names().items() if short in body[:OPENING]}
        return table.region(named.pop()) if len(named) == 1 else Region()
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return Region()
    return table.region(ranked[0][0])


def _region_of_town(town: str, body: str) -> Region:
    """The region of a town named without its county (贾塘乡人民政府): the county the opening writes
    right before the same town (所属机构 海原县贾塘乡), when it does; else nothing."""
    table = division_table()
    opening = body[:OPENING]
    codes = {m.codes for m in find_places(opening, table) if opening.startswith(town, m.end)}
    return resolve([Mention(0, 0, codes.pop())], find_places(opening, table), table) if len(codes) == 1 else Region()


def identify(title: str, body: str, user: dict | None = None, page: dict | None = None) -> Identity:
    """The department and region of a report, each with its source.

    ``body`` is the report's text without site furniture; ``user`` the metadata the user gave,
    ``page`` the web page's own fields (``department``, ``title`` …), any of them missing."""
    user, page = user or {}, page or {}
    identity = Identity()
    given = str(user.get("department") or "").strip()
    if given:
        identity.department, identity.name, identity.source["department"] = given, _whole_name(given), "user"
    else:
        titled = _title_name(title)
        published = _whole_name(page.get("department") or "")
        if published and titled and department_key(published) != department_key(titled):
            published = None  # the site that published it (丰都县财政局), not whose report the title says it is
            identity.reason["page"] = "the page's publisher is not the department its title names"
        for source, name in (("page", published), ("field", _field_name(body)), ("title", titled),
                             ("field", _field_name(body, _SUPERVISOR))):
            if name:
                identity.source["department"] = source
                break
        else:
            name, reason = _text_name(body)
            if name:
                identity.source["department"] = "text"
            else:
                identity.reason["department"] = reason
        if name:
            name = _completed(name, body)
            identity.department, identity.name = name.text, name
    identity.region, identity.source["region"] = _region(identity, body, user)
    if identity.region.is_empty():
        identity.source.pop("region")
        identity.reason["region"] = ("its department names no place the division table holds"
                                     if identity.department else "no department to place")
    return identity


def _region(identity: Identity, body: str, user: dict) -> tuple[Region, str]:
    """The region, from the user's, else the department's name settled by the text's places."""
    if user.get("region"):
        region = region_of(str(user["region"]))
        if not region.is_empty():
            return region, "user"
    if identity.name and not identity.name.has_place:
        region = _region_of_level(identity.name.tokens[0].text, body)
        return region, "text"
    if identity.name and identity.name.tokens[0].kind == "town":
        town = identity.name.tokens[0].text
        region = with_town(_region_of_town(town, body), town)
        return (region, "text") if not region.is_empty() else (name_region(identity.name, body), "table")
    if identity.name:
        return name_region(identity.name, body), identity.source.get("department", "text")
    if identity.department:
        return region_of(identity.department, body), identity.source.get("department", "text")
    opening = body[:OPENING]  # a publisher (来源：某市某局) is no department but tells the place
    names = [n for n in find_organisations(opening) if not _cited(opening, n) or _published(opening, n)]
    codes = Counter(code for n in names if n.has_place and (code := name_region(n, body).code))
    if codes and codes.most_common(1)[0][1] * 2 > sum(codes.values()):  # most of its names are of one place
        return division_table().region(codes.most_common(1)[0][0]), "text"
    levels = Counter(n.tokens[0].text[:1] for n in names if not n.has_place)
    if levels:  # no department, but its opening says 区政协, 区工商联: the district it names most
        return _region_of_level(levels.most_common(1)[0][0], body), "text"
    return _region_named_most(opening), "text"


def _region_named_most(opening: str) -> Region:
    """The one division an opening without organisation names names twice or more and more often
    than all others together (a news page: 太湖县 … 太湖县); else nothing."""
    table = division_table()
    counts = Counter(m.codes[0] for m in find_places(opening, table) if len(m.codes) == 1)
    ranked = counts.most_common(1)
    if ranked and ranked[0][1] >= 2 and ranked[0][1] * 2 > sum(counts.values()):
        return table.region(ranked[0][0])
    return Region()
