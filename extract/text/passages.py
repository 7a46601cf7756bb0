"""Passages of a normalized report: paragraphs and table rows with their section path."""

from __future__ import annotations

import re

from extract.records import Passage
from extract.text.blocks import Block
from extract.text.lines import is_header_row
from extract.text.vocabulary import HEADING_LEVELS

_LEVELS = [re.compile("^" + pattern) for pattern in HEADING_LEVELS]


def heading_level(text: str) -> int:
    """The depth of a heading by its marker: 一、 is 1, （一） 2, 1. 3, （1） 5; unnumbered 6."""
    for level, pattern in enumerate(_LEVELS):
        if pattern.match(text):
            return level
    return len(_LEVELS)


def passages_from_blocks(doc_id: str, blocks: list[Block]) -> tuple[str, list[Passage]]:
    """The normalized text made of ``blocks`` and its passages with offsets into it; each table
    row knows its table's header row (``Passage.header``: the last header row above it with only
    table rows and headings between)."""
    parts: list[str] = []
    passages: list[Passage] = []
    stack: list[tuple[int, str]] = []
    offset = 0
    header = ""
    for block in blocks:
        start = offset
        parts.append(block.text)
        offset += len(block.text) + 1
        if block.kind == "heading":
            level = heading_level(block.text)
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, block.text))
        elif block.kind in ("paragraph", "table_row", "furniture"):
            if block.kind != "table_row":
                header = ""
            elif is_header_row(block.text.split("\t")):
                header = block.text
            passages.append(Passage(
                header=header,
                id=f"{doc_id}:{len(passages):04d}",
                text=block.text,
                start=start,
                end=start + len(block.text),
                section=[title for _, title in stack],
                kind=block.kind,
            ))
    return "\n".join(parts), passages


def block_starts(blocks: list[Block]) -> list[int]:
    """The offset of each block in the normalized text ``passages_from_blocks`` makes."""
    starts, offset = [], 0
    for block in blocks:
        starts.append(offset)
        offset += len(block.text) + 1
    return starts
