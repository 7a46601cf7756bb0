"""Region as a hierarchy: province › city › county, with the national division code.

The division table (``data/divisions.tsv``: code and name of every province, prefecture and county)
is matched on whole names only, leftmost-longest, so a region is never a cut name (昌宁县, never
构昌宁县). A name several divisions share (朝阳区, 白云区, 通州区) is settled by the other places the
same text names; when nothing settles it, only the level its candidates share is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extract.paths import data_rows

DIVISIONS_FILE = Path(__file__).parent / "data" / "divisions.tsv"
TOWNS_FILE = Path(__file__).parent / "data" / "towns.tsv"
MUNICIPALITIES = ("11", "12", "31", "50")
"""Province codes of the four municipalities: their counties sit right under the province."""
NATIONS_FILE = Path(__file__).parent / "data" / "nations.txt"
_SHORT_PROVINCE = re.compile(r"^(内蒙古|广西|西藏|宁夏|新疆|香港|澳门)")
_LONE_AFTER = re.compile(r"(?:县?委|区委|人民政府|政协)")
"""What may follow a two-character name (南县, 城区) for it to count without its parent before it:
县委, 区人民政府, 县政协."""


@dataclass(frozen=True)
class Division:
    """One administrative division: its six-digit code and its name."""

    code: str
    name: str

    @property
    def level(self) -> str:
        """province, city or county."""
        if self.code.endswith("0000"):
            return "province"
        return "city" if self.code.endswith("00") else "county"


@dataclass(frozen=True)
class Region:
    """A region as far as it is certain: names at each level and the lowest level's code."""

    province: str = ""
    city: str = ""
    county: str = ""
    code: str = ""
    town: str = ""
    """The town (镇, 乡, 街道) under the county when the name gives one the town table holds there;
    not part of ``name`` (the facets stop at counties)."""

    def to_dict(self) -> dict[str, str]:
        """The hierarchy as stored in a document's meta (``region_levels``)."""
        levels = {"province": self.province, "city": self.city, "county": self.county, "code": self.code}
        return {**levels, "town": self.town} if self.town else levels

    @property
    def name(self) -> str:
        """The names joined, province first (广东省广州市荔湾区), or empty."""
        return "".join(dict.fromkeys(p for p in (self.province, self.city, self.county) if p))

    def is_empty(self) -> bool:
        """True when no level is known."""
        return not self.code


@lru_cache(maxsize=1)
def _autonomy() -> re.Pattern[str]:
    """The nationalities and 自治 inside an autonomous division's name (回族彝族自治 in 寻甸回族彝族自治县)."""
    nations = sorted((row[0].removesuffix("族") for row in data_rows(NATIONS_FILE)), key=len, reverse=True)
    return re.compile(rf"(?:(?:{'|'.join(nations)})族?)+自治(?=[州县旗])")


def _short_names(division: Division) -> list[str]:
    """The other names a division is written with: 文山州 for 文山壮族苗族自治州, 广西 for 广西壮族自治区."""
    names = []
    short = _autonomy().sub("", division.name)
    if short != division.name and len(short) >= 3:
        names.append(short)  # 文山州, 长阳县
    province = _SHORT_PROVINCE.match(division.name) if division.level == "province" else None
    if province:
        names.append(province.group(1))
    return names


@dataclass(frozen=True, eq=False)
class DivisionTable:
    """Every division by code, and the codes each written name may stand for."""

    by_code: dict[str, Division]
    by_name: dict[str, tuple[str, ...]]
    longest: int
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """For the first two characters of names, the lengths of the names that start with them, longest first."""

    def parent(self, code: str) -> Division | None:
        """The division right above one (a municipality's county: the municipality)."""
        for parent_code in (code[:4] + "00", code[:2] + "0000"):
            if parent_code != code and parent_code in self.by_code:
                return self.by_code[parent_code]
        return None

    def region(self, code: str) -> Region:
        """The full hierarchy above and at one division."""
        levels = {"province": "", "city": "", "county": ""}
        division: Division | None = self.by_code[code]
        while division is not None:
            levels[division.level] = division.name
            division = self.parent(division.code)
        return Region(code=code, **levels)


@lru_cache(maxsize=1)
def division_table() -> DivisionTable:
    """The division table, read once per process."""
    rows = [Division(code, name) for code, name in data_rows(DIVISIONS_FILE)]
    by_code: dict[str, Division] = {}
    for division in rows:
        by_code.setdefault(division.code, division)  # the current name first; older names after it
    by_name: dict[str, list[str]] = {}
    for division in rows:
        for name in (division.name, *_short_names(division)):
            if division.code not in by_name.get(name, ()):
                by_name.setdefault(name, []).append(division.code)
    lengths: dict[str, set[int]] = {}
    for name in by_name:
        lengths.setdefault(name[:2], set()).add(len(name))
    return DivisionTable(by_code, {k: tuple(v) for k, v in by_name.items()}, max(map(len, by_name)),
                         {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()})


@lru_cache(maxsize=1)
def province_short_names() -> dict[str, str]:
    """Each province's name without its level (广东 of 广东省, 北京 of 北京市, 广西 of 广西壮族自治区) with its
    code: read only where a body names its level alone (省民宗委), since 湖南 and 河南 hide in other words."""
    names: dict[str, str] = {}
    for code, division in division_table().by_code.items():
        if division.level == "province":
            short = _SHORT_PROVINCE.match(division.name)
            names[short.group(1) if short else re.sub(r"(?:省|市)$", "", division.name)] = code
    return names


@lru_cache(maxsize=1)
def two_character_names() -> frozenset[str]:
    """The division names of two characters (南县, 忠县): common words elsewhere, so read only in context."""
    return frozenset(name for name in division_table().by_name if len(name) == 2)


@lru_cache(maxsize=1)
def town_table() -> dict[str, tuple[str, ...]]:
    """Every town name with the codes of the counties that hold one so named, read once per process."""
    towns: dict[str, list[str]] = {}
    for code, names in data_rows(TOWNS_FILE):
        for town in names.split(" "):
            towns.setdefault(town, []).append(code)
    return {town: tuple(codes) for town, codes in towns.items()}


def with_town(region: Region, town: str) -> Region:
    """The region with its town when the town table holds the town under the region's county."""
    if region.county and region.code in town_table().get(town, ()):
        return Region(region.province, region.city, region.county, region.code, town)
    return region


@dataclass(frozen=True)
class Mention:
    """A division name found in a text: where, and the codes it may stand for."""

    start: int
    end: int
    codes: tuple[str, ...]


def find_places(text: str, table: DivisionTable | None = None) -> list[Mention]:
    """Every whole division name in a text, leftmost-longest. A two-character name (南县, 城区) counts
    only right after its parent or before 委/人民政府/政协, as it is otherwise a common word."""
    return list(_places(text, table or division_table()))


@lru_cache(maxsize=256)
def _places(text: str, table: DivisionTable) -> tuple[Mention, ...]:
    """``find_places``, remembered: a report's opening is read for names and places several times."""
    found: list[Mention] = []
    i = 0
    while i < len(text):
        for length in table.lengths.get(text[i:i + 2], ()):
            codes = table.by_name.get(text[i:i + length])
            if codes and (length > 2 or _lone_name_counts(text, i + length, codes, found)):
                found.append(Mention(i, i + length, codes))
                i += length
                break
        else:
            i += 1
    return tuple(found)


def _lone_name_counts(text: str, end: int, codes: tuple[str, ...], found: list[Mention]) -> bool:
    if end < len(text) and _LONE_AFTER.match(text, end):
        return True
    if not found or found[-1].end != end - 2:
        return False
    return any(_related(code, above) for code in codes for above in found[-1].codes)


def _related(a: str, b: str) -> bool:
    """True when one code lies under the other (or they are the same division)."""
    a_root, b_root = a.rstrip("0") or a, b.rstrip("0") or b
    return a_root.startswith(b_root) or b_root.startswith(a_root) or a == b


def _common_level(codes: tuple[str, ...], table: DivisionTable) -> str:
    """The code of the lowest division all candidates lie under, or empty."""
    for prefix_length in (4, 2):
        prefixes = {c[:prefix_length] for c in codes}
        if len(prefixes) == 1:
            code = codes[0][:prefix_length].ljust(6, "0")
            if code in table.by_code:
                return code
    return ""


def resolve(mentions: list[Mention], context: list[Mention] | None = None,
            table: DivisionTable | None = None) -> Region:
    """The region the mentions of a name point at: the lowest division named, each ambiguous name
    settled by the other mentions and then by ``context`` (the places the rest of the text names),
    kept at the level its candidates share when neither settles it."""
    table = table or division_table()
    if not mentions:
        return Region()
    others = [m for m in (context or []) if len(m.codes) == 1]
    chosen = ""
    for mention in sorted(mentions, key=lambda m: -_depth(m.codes[0])):
        best = _settled(mention.codes, mentions, others)
        if best:
            chosen = best
            break
        common = _common_level(mention.codes, table)
        if common and (not chosen or _depth(common) > _depth(chosen)):
            chosen = common
    return table.region(chosen) if chosen else Region()


def _depth(code: str) -> int:
    return 3 if not code.endswith("00") else 2 if not code.endswith("0000") else 1


def _settled(codes: tuple[str, ...], mentions: list[Mention], others: list[Mention]) -> str:
    """The one candidate the other mentions agree with (same name first, then the whole text)."""
    if len(codes) == 1:
        return codes[0]
    for pool in (mentions, others):
        support = {c: sum(any(_related(c, o) for o in m.codes) for m in pool if m.codes != codes) for c in codes}
        top = max(support.values())
        winners = [c for c, n in support.items() if n == top]
        if top and len(winners) == 1:
            return winners[0]
    return ""


def region_of(name: str, text: str = "") -> Region:
    """The region of a department's name, completed or settled by the places its text names."""
    table = division_table()
    return resolve(find_places(name, table), find_places(text[:3000], table) if text else [], table)
