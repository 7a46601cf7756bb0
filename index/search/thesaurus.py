"""The domain thesaurus of ``data/thesaurus.txt``: query words, their related words and areas."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.areas.definitions import AREAS
from extract.paths import data_rows

THESAURUS_FILE = Path(__file__).parent / "data" / "thesaurus.txt"
DEPARTMENT_NAMES_FILE = Path(__file__).parent / "data" / "department_names.tsv"


@dataclass(frozen=True)
class Expansion:
    """What a query word also finds: related words and the work area it names (or None).
    A related word (华侨) finds the query words and the other related words of its group."""

    related: tuple[str, ...]
    area: str | None


@lru_cache(maxsize=1)
def _entries() -> dict[str, Expansion]:
    entries: dict[str, Expansion] = {}
    groups: list[tuple[list[str], list[str], str | None]] = []
    for area, heads, related in data_rows(THESAURUS_FILE):
        area_code = None if area == "-" else area
        groups.append((heads.split(), related.split(), area_code))
        for head in heads.split() + ([AREAS[area_code]] if area_code else []):
            entries[head] = Expansion(tuple(w for w in related.split() if w != head), area_code)
    for heads, related, area_code in groups:  # a related word finds its group, unless it heads one
        for word in related:
            if word not in entries:
                others = [w for w in heads + related if w != word]
                entries[word] = Expansion(tuple(dict.fromkeys(others)), area_code)
    for code, name in AREAS.items():
        entries.setdefault(code, Expansion((), code))
        entries.setdefault(name, Expansion((), code))
    return entries


def expand(word: str) -> Expansion | None:
    """The expansion of a query word, or None when the thesaurus does not know it."""
    return _entries().get(word)


def expansions_within(word: str) -> list[Expansion]:
    """The entries of every thesaurus word of two or more characters that ``word`` contains
    (对台工作 contains 对台; 港澳台工作 contains 港澳台)."""
    return [e for head, e in _entries().items() if len(head) >= 2 and head in word and head != word]


@lru_cache(maxsize=1)
def _department_names() -> dict[str, tuple[str, ...]]:
    return {short: tuple(full.split()) for short, full in data_rows(DEPARTMENT_NAMES_FILE)}


def department_forms(text: str) -> tuple[str, ...]:
    """What a department filter looks for in department names: the text itself and, where the text
    holds a known short name (工商联, 统战部), the same text with it written out (白云区工商联 →
    白云区工商业联合会), or, where it holds a full form, the same text with the short name
    (统一战线工作部 → 统战部)."""
    forms = [text]
    for short, fulls in _department_names().items():
        if short in text:
            forms.extend(text.replace(short, full) for full in fulls)
        forms.extend(text.replace(full, short) for full in fulls if full in text)
    return tuple(dict.fromkeys(forms))


def department_short_name(name: str) -> str:
    """A department's name with its known full forms written short (中共广州市荔湾区委员会统一战线工作部 →
    中共广州市荔湾区委员会统战部; 中国人民政治协商会议 → 中国人民政协), for labels where space is short."""
    for short, fulls in _department_names().items():
        for full in fulls:
            name = name.replace(full, short)
    return name
