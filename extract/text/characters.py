"""Characters: full-width folding, traditional → simplified script, and the same-length view.

Two foldings live here and nowhere else:

- ``fold_characters`` prepares raw text for layout: radical code points that PDF fonts print for
  ideographs (⼈ for 人) become the ideographs, full-width digits, letters and signs become
  ASCII, odd spaces become plain ones, zero-width characters go, line endings become ``\\n``.
  It may change the length of the text.
- ``same_length_view`` is what figure patterns and highlighting run on: the same fold restricted
  to one character for one character, then simplified script, so an offset in the view is an
  offset in the text printed.
"""

from __future__ import annotations

import re
import threading
import warnings
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from extract.errors import InputWarning
from extract.paths import data_rows

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""The ideographs as the body of a regex character class (``rf"[{CJK}]"``): Extension A, the
unified block and the compatibility ideographs. The one spelling of "a Chinese character"."""
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201f\u2014\u2026\u00b7\u2022"
"""Chinese punctuation and quotes as a character-class body: ideographic and full-width signs."""

RADICALS_FILE = Path(__file__).parent / "data" / "radicals.tsv"
"""Kangxi radicals, CJK radical supplement and compatibility ideographs → unified ideographs."""


def _radicals() -> dict[str, str]:
    """What a PDF's radical or compatibility code point stands for (⼈ → 人, ⺠ → 民, 﨎 → 﨎)."""
    return {char: target for _, char, _, target, _ in data_rows(RADICALS_FILE)}


_SAME_LENGTH: dict[str, str] = _radicals()
_SAME_LENGTH.update({chr(0xFF10 + i): str(i) for i in range(10)})
_SAME_LENGTH.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_SAME_LENGTH.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
_SAME_LENGTH.update({"％": "%", "．": ".", "\u3000": " "})
"""One character for one character: radicals, full-width digits, letters, % and . and the
ideographic space."""

INVISIBLE = "".join(map(chr, [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065),
                              0xFEFF, 0x00AD, 0x180E]))
"""Format and bidirectional controls, soft hyphen, Mongolian vowel separator: they print nothing,
yet inside ``1\u200c288.68`` they would cut a number in two. Layout drops them everywhere."""
NUMBER_SPACES = "\u00a0\u202f\u2009"
"""No-break, narrow no-break and thin spaces: thousands separators inside a number (1\u202f288)."""

_FOR_LAYOUT: dict[str, str] = {**_SAME_LENGTH, "\u3000": "  ", "\u00a0": " ", "\u2002": " ", "\u2003": " ",
                               "\u2009": " ", "\u202f": " ", **dict.fromkeys(INVISIBLE, "")}
"""What layout folds besides: an ideographic space counts as two (an indent), invisible ones go."""
_SPACE_IN_NUMBER = re.compile(rf"(?<=\d)(?<!\d{{4}})[{NUMBER_SPACES}](?=\d{{3}}(?!\d))")
"""One odd space between groups of three digits (1\u00a0288.68): a thousands separator, which goes.
Two (padding between table cells) or other groupings stay spaces."""
_HIDDEN_IN_NUMBER = re.compile(rf"(?<=[\d.,])[{INVISIBLE}]+(?=[\d.,%])|{_SPACE_IN_NUMBER.pattern}")
"""What layout removes from inside numbers, counted for the warning."""

_SAME_LENGTH_TABLE = str.maketrans(_SAME_LENGTH)
_LAYOUT_TABLE = str.maketrans(_FOR_LAYOUT)


def _any_of(chars: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds any one of ``chars`` (and any character beyond the Basic Multilingual
    Plane when one of them is: a class of those is a slow list for ``re``, a class of the others a
    bitmap). A scan for it costs a few nanoseconds a character, ``str.translate`` about a hundred,
    so a text that holds none is returned as it is."""
    chars = set(chars)
    basic = "".join(sorted(re.escape(c) for c in chars if ord(c) <= 0xFFFF))
    astral = any(ord(c) > 0xFFFF for c in chars)
    return re.compile("|".join([f"[{basic}]"] * bool(basic) + ["[\U00010000-\U0010FFFF]"] * astral))


_SAME_LENGTH_CHARS = _any_of(_SAME_LENGTH)
_LAYOUT_CHARS = _any_of(_FOR_LAYOUT)


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_READING_AID = re.compile(rf"(?<=[{CJK}])[ \n]?[（(](?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）]")
"""The pinyin that script-converter sites print after a character: 績(jī)效 (a PDF may wrap before it)."""


_CJK_SPACE = re.compile(rf"(?<=[{CJK}{CJK_PUNCT}])[ \t]+|[ \t]+(?=[{CJK}{CJK_PUNCT}])")


def remove_stray_spaces(text: str) -> str:
    """Drop spaces next to Chinese characters or punctuation; keep those between Latin words."""
    return _CJK_SPACE.sub("", text).strip() if " " in text or "\t" in text else text.strip()


def fold_characters(text: str) -> str:
    """Full-width digits, letters, % and spaces to ASCII; zero-width characters and the pinyin
    readings of converter sites (績(jī)效) dropped; line endings to ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(space in text for space in NUMBER_SPACES):
        text = _SPACE_IN_NUMBER.sub("", text)
    text = text.translate(_LAYOUT_TABLE) if _LAYOUT_CHARS.search(text) else text
    return _READING_AID.sub("", text) if "(" in text or "（" in text else text


def hidden_in_numbers(text: str) -> int:
    """At how many places invisible characters or odd spaces stand between the digits of a number
    in ``text`` (``fold_characters`` removes them; a reader should know the file held them)."""
    return sum(1 for _ in _HIDDEN_IN_NUMBER.finditer(_same_length_folded(text)))


def warn_hidden_characters(text: str, source: str) -> None:
    """An InputWarning naming ``source`` when numbers of its text hold invisible characters."""
    count = hidden_in_numbers(text)
    if count:
        warnings.warn(f"{source}: invisible characters or odd spaces (format, bidi, no-break) at {count} "
                      "place(s) between the digits of numbers; removed, so the numbers read whole",
                      InputWarning, stacklevel=2)


class _SimplifiedTable(dict):
    """``str.translate`` table filled on demand through OpenCC's API: each character is converted
    once, and kept only when OpenCC turns it into exactly one other character.

    ``changing``: a pattern finding the characters that convert, when OpenCC's dictionary files
    name its candidates (the single characters its t2s dictionaries hold: no other character can
    convert); those are converted at once. None when the files are not where they were: then
    every text is translated."""

    def __init__(self) -> None:
        super().__init__()
        import opencc

        self._converter = opencc.OpenCC("t2s")
        self._lock = threading.Lock()
        candidates = _dictionary_characters(Path(opencc.__file__).parent / "dictionary")
        for char in candidates:
            self[ord(char)]  # noqa: B018  (converted through __missing__)
        changing = [chr(code) for code, target in self.items() if target != code]
        self.changing = _any_of(changing) if candidates else None

    def __missing__(self, code: int) -> int | None:
        char = chr(code)
        if code < 0x3400:  # below the CJK blocks nothing is traditional
            target = None
        else:
            with self._lock:
                converted = self._converter.convert(char)
            target = ord(converted) if len(converted) == 1 and converted != char else None
        self[code] = target if target is not None else code
        return self[code]


T2S_DICTIONARIES = ("TSCharacters.txt", "TSPhrases.txt")
"""OpenCC's t2s dictionaries (its config ``t2s.json``): a line is a traditional key, a tab, targets."""


def _dictionary_characters(folder: Path) -> set[str]:
    """The one-character keys of OpenCC's t2s dictionaries in ``folder``; empty when one is missing."""
    keys: set[str] = set()
    for name in T2S_DICTIONARIES:
        try:
            lines = (folder / name).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return set()
        keys.update(key for key in (line.strip().split("\t", 1)[0] for line in lines) if len(key) == 1)
    return keys


@lru_cache(maxsize=1)
def _simplified_table() -> _SimplifiedTable:
    return _SimplifiedTable()


def to_simplified(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones; same length."""
    table = _simplified_table()
    if table.changing is not None and not table.changing.search(text):
        return text
    return text.translate(table)


def _same_length_folded(text: str) -> str:
    """``text`` with radicals and full-width digits, letters and signs folded, character for character."""
    return text.translate(_SAME_LENGTH_TABLE) if _SAME_LENGTH_CHARS.search(text) else text


def same_length_view(text: str) -> str:
    """The text figure patterns run on: full-width folded and simplified, character for character."""
    return to_simplified(_same_length_folded(text))


_LATIN_SPACES = re.compile(r"(?<=[\d“”‘’])[ \t]+(?=\S)|(?<=\S)[ \t]+(?=[\d“”‘’])")


def without_latin_spaces(text: str) -> str:
    """``text`` without the spaces an office PDF prints around digits and quotes set in a Latin
    font (财政拨款 2010 年决算, 2019 市级)."""
    return _LATIN_SPACES.sub("", text) if " " in text or "\t" in text else text
