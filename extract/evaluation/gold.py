"""A gold folder in the dev-set format: ``docs/ID.txt``, ``docs/ID.meta.json``, ``gold/ID.json``.

Gold entities carry no offsets; they are matched on a key of label and value (MONEY in 元, COUNT
with its measure word, a 万 or 亿 before the measure word folded into the value), in document order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from extract.errors import JixiaoError
from extract.figures.units import BIG_MULTIPLIERS, YUAN_FACTOR
from extract.text.characters import to_simplified


@dataclass
class GoldDocument:
    """One document of a gold folder: its text as harvested, metadata, entities and passages."""

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    entities: list[dict] = field(default_factory=list)
    passages: list[dict] = field(default_factory=list)


def read_gold(folder: Path) -> list[GoldDocument]:
    """Every document of a gold folder, by id; a JixiaoError names what is missing."""
    folder = Path(folder)
    docs_dir, gold_dir = folder / "docs", folder / "gold"
    if not docs_dir.is_dir() or not gold_dir.is_dir():
        raise JixiaoError(f"{folder}: not a gold folder (needs docs/ and gold/)")
    documents = []
    for path in sorted(docs_dir.glob("*.txt")):
        gold_path = gold_dir / f"{path.stem}.json"
        if not gold_path.exists():
            continue
        meta_path = docs_dir / f"{path.stem}.meta.json"
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        documents.append(GoldDocument(
            id=path.stem, text=path.read_text(encoding="utf-8"),
            meta=json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {},
            entities=gold.get("entities", []), passages=gold.get("passages", [])))
    if not documents:
        raise JixiaoError(f"{folder}: no documents with gold labels")
    return documents


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return None


def entity_key(label: str, value: Any, unit: str | None) -> tuple:
    """The key two entities share when they state the same figure."""
    unit = to_simplified(unit or "").strip()
    if label == "DATE":
        return (label, str(value))
    number = _decimal(value)
    if number is None:
        return (label, str(value), unit)
    if label == "MONEY":
        factor = YUAN_FACTOR.get(unit) or YUAN_FACTOR.get(unit + "元") or 1
        return (label, (number * factor).normalize())
    if label == "COUNT" and len(unit) > 1 and unit[0] in BIG_MULTIPLIERS:
        number, unit = (number * BIG_MULTIPLIERS[unit[0]]).normalize(), unit[1:]
    return (label, number) if label == "PERCENT" else (label, number, unit)
