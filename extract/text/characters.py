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
from functools import lru_cache
from pathlib import Path

from extract.errors import InputWarning
from extract.paths import data_rows

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


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_READING_AID = re.compile(rf"(?<=[\u4e00-\u9fff])[ \n]?[（(](?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）]")
"""The pinyin that script-converter sites print after a character: 績(jī)效 (a PDF may wrap before it)."""


def fold_characters(text: str) -> str:
    """Full-width digits, letters, % and spaces to ASCII; zero-width characters and the pinyin
    readings of converter sites (績(jī)效) dropped; line endings to ``\\n``."""
    text = _SPACE_IN_NUMBER.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _READING_AID.sub("", text.translate(_LAYOUT_TABLE))


def hidden_in_numbers(text: str) -> int:
    """At how many places invisible characters or odd spaces stand between the digits of a number
    in ``text`` (``fold_characters`` removes them; a reader should know the file held them)."""
    return sum(1 for _ in _HIDDEN_IN_NUMBER.finditer(text.translate(_SAME_LENGTH_TABLE)))


def warn_hidden_characters(text: str, source: str) -> None:
    """An InputWarning naming ``source`` when numbers of its text hold invisible characters."""
    count = hidden_in_numbers(text)
    if count:
        warnings.warn(f"{source}: invisible characters or odd spaces (format, bidi, no-break) at {count} "
                      "place(s) between the digits of numbers; removed, so the numbers read whole",
                      InputWarning, stacklevel=2)


class _SimplifiedTable(dict):
    """``str.translate`` table filled on demand through OpenCC's API: each character is converted
    once, and kept only when OpenCC turns it into exactly one other character."""

    def __init__(self) -> None:
        super().__init__()
        import opencc

        self._converter = opencc.OpenCC("t2s")
        self._lock = threading.Lock()

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


@lru_cache(maxsize=1)
def _simplified_table() -> _SimplifiedTable:
    return _SimplifiedTable()


def to_simplified(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones; same length."""
    return text.translate(_simplified_table())


def same_length_view(text: str) -> str:
    """The text figure patterns run on: full-width folded and simplified, character for character."""
    return to_simplified(text.translate(_SAME_LENGTH_TABLE))


_LATIN_SPACES = re.compile(r"(?<=[\d“”‘’])[ \t]+(?=\S)|(?<=\S)[ \t]+(?=[\d“”‘’])")


def without_latin_spaces(text: str) -> str:
    """``text`` without the spaces an office PDF prints around digits and quotes set in a Latin
    font (财政拨款 2010 年决算, 2019 市级)."""
    return _LATIN_SPACES.sub("", text)
