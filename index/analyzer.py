"""Whoosh analyzers on the project's jieba segmenter.

``words``: the accurate-mode words with ordinal positions, so phrase queries work.
``pieces``: each word split into its finest dictionary pieces (侨务工作 → 侨务 | 工作), with ordinal
positions: 侨务 then matches 侨务工作, while 务工 (a sub-word no reading of 侨务工作 contains) does not.
Both read traditional script as simplified and keep digits; there is no stemming or stop list.
"""

from __future__ import annotations

import math
from functools import lru_cache

from whoosh.analysis import Composable, LowercaseFilter, Token, Tokenizer

from extract.segment import segmenter, tokenize


@lru_cache(maxsize=200_000)
def fine_pieces(word: str) -> tuple[tuple[str, int, int], ...]:
    """The finest split of ``word`` into dictionary words, fewest single characters first."""
    if len(word) <= 2:
        return ((word, 0, len(word)),)
    freq = segmenter().FREQ
    n = len(word)
    best: list[tuple[int, int, float, list[tuple[int, int]]]] = \
        [(0, 0, 0.0, [])] + [(n + 1, 0, 0.0, [])] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - 4), end):
            piece = word[start:end]
            if end - start == n:
                continue  # the word itself is no piece of it
            if end - start > 1 and not freq.get(piece):
                continue
            singles, pieces, rarity, path = best[start]
            candidate = (singles + (end - start == 1), pieces - 1,
                         rarity - math.log(freq.get(piece) or 1), path + [(start, end)])
            if candidate[:3] < best[end][:3]:
                best[end] = candidate
    path = best[n][3]
    if not path or all(e - s == 1 for s, e in path):
        return ((word, 0, n),)
    return tuple((word[s:e], s, e) for s, e in path)


class JiebaTokenizer(Tokenizer):
    """Tokens of the shared segmenter; ``fine`` splits each word into its dictionary pieces."""

    def __init__(self, fine: bool = False) -> None:
        self.fine = fine

    def __eq__(self, other: object) -> bool:
        return isinstance(other, JiebaTokenizer) and other.fine == self.fine

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize_: bool = True, mode: str = "", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for word, start, end in tokenize(value):
            pieces = fine_pieces(word) if self.fine else ((word, 0, end - start),)
            for piece, s, e in pieces:
                token.text = piece
                token.boost = 1.0
                token.stopped = False
                if keeporiginal:
                    token.original = piece
                if positions:
                    token.pos = pos
                if chars:
                    token.startchar = start_char + start + s
                    token.endchar = start_char + start + e
                pos += 1
                yield token


def words_analyzer() -> Composable:
    """Accurate-mode words, lower-cased."""
    return JiebaTokenizer() | LowercaseFilter()


def pieces_analyzer() -> Composable:
    """Dictionary pieces of every word, lower-cased."""
    return JiebaTokenizer(fine=True) | LowercaseFilter()


def analyze(text: str, fine: bool = False) -> list[str]:
    """The terms the index holds for ``text`` in the words (or pieces) field."""
    analyzer = pieces_analyzer() if fine else words_analyzer()
    return [t.text for t in analyzer(text)]
