"""Traditional → simplified Chinese, character by character, so offsets stay valid."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_EXTRA = {"僑": "侨", "統": "统", "戰": "战", "預": "预", "與": "与", "萬": "万", "億": "亿"}


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """One simplified character for each traditional one (OpenCC's character table)."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and len(parts[0]) == 1:
            target = parts[1].split(" ")[0]
            if len(target) == 1 and target != parts[0]:
                table[ord(parts[0])] = target
    table.update({ord(k): v for k, v in _EXTRA.items()})
    return table


def to_simplified(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones; same length."""
    return text.translate(_table())

