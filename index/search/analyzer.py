"""Whoosh analyzers on the project's jieba segmenter.

``words``: the accurate-mode words with ordinal positions, so phrase queries work.
``pieces``: each word split into its finest dictionary pieces (侨务工作 → 侨务 | 工作): 侨务 then
matches 侨务工作, while 务工 (a sub-word no reading of 侨务工作 contains) does not. Punctuation has
no pieces.
Both read traditional script as simplified and keep digits; there is no stemming or stop list.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import lru_cache

from whoosh.analysis import Composable, LowercaseFilter, Token, Tokenizer

from extract.nlp.segment import segmenter, tokenize


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


_known_words: dict[str, tuple[tuple[str, int, int], ...]] = {}


def remember_words(words: dict[str, tuple[tuple[str, int, int], ...]]) -> None:
    """Words of texts about to be indexed, as ``passage_words`` gives them, already cut by the
    extraction pipeline (``extract.nlp.pipeline.cut_words``), so the index writer does not cut them again."""
    _known_words.update(words)


def forget_words() -> None:
    """Drop the remembered words that were not used."""
    _known_words.clear()


QUOTED_TERM = re.compile(r"[“\"‘'「『]([\u3400-\u9fff]{1,8})[”\"’'」』]")
"""A short term in quotation marks (“三公”经费, “两个健康”): analyzed as if unquoted, so the quoted
and the unquoted spellings give the same words at index and at query time."""


def passage_words(text: str) -> tuple[tuple[str, int, int], ...]:
    """The segmenter's words of a text as the index analyzes it: (word, start, end); quotation
    marks around a short term (``QUOTED_TERM``) left out of the cut, offsets still the text's."""
    if not QUOTED_TERM.search(text):
        return tuple(tokenize(text))
    marks = {i for match in QUOTED_TERM.finditer(text) for i in (match.start(), match.end() - 1)}
    kept = [i for i in range(len(text)) if i not in marks]
    bare = "".join(text[i] for i in kept)
    return tuple((word, kept[s], kept[e - 1] + 1) for word, s, e in tokenize(bare))


@lru_cache(maxsize=64)
def _words(value: str) -> tuple[tuple[str, int, int], ...]:
    """The segmenter's words of a value; cached because the words and the pieces field of a
    passage analyze the same text one after the other."""
    known = _known_words.pop(value, None)
    return known if known is not None and not QUOTED_TERM.search(value) else passage_words(value)


@lru_cache(maxsize=200_000)
def piece_runs(word: str) -> tuple[tuple[str, int, int, int], ...]:
    """(token, first piece, start, end): the word's pieces and every longer run of adjacent pieces
    (统一战线工作 → 统一, 战线, 工作, 统一战线, 战线工作, 统一战线工作), so a query word that is a
    run of pieces matches with one term lookup instead of a phrase; cached, as words come back."""
    pieces = fine_pieces(word)
    runs = [(p, i, s, e) for i, (p, s, e) in enumerate(pieces)]
    for length in range(2, len(pieces) + 1):
        for i in range(len(pieces) - length + 1):
            start, end = pieces[i][1], pieces[i + length - 1][2]
            runs.append((word[start:end], i, start, end))
    return tuple(runs)


_WORDLIKE = re.compile(r"\w")


class WhooshJiebaTokenizer(Tokenizer):
    """Tokens of the shared segmenter; ``fine`` gives each word's pieces, every run of pieces
    inside a word, and each pair of adjacent pieces across words.

    With runs and pairs, a query of one or two pieces is one term lookup and a longer one an AND
    of its pairs, never a phrase (which Whoosh checks passage by passage). Positions count
    words (or pieces); a run or pair sits at the position of its first piece.
    """

    def __init__(self, fine: bool = False) -> None:
        self.fine = fine

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WhooshJiebaTokenizer) and other.fine == self.fine

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize_: bool = True, mode: str = "", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for text, pos, start, end in _terms(value, self.fine):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


def _terms(value: str, fine: bool) -> Iterator[tuple[str, int, int, int]]:
    """(text, position, start, end) of each token ``WhooshJiebaTokenizer`` makes of ``value``,
    before lower-casing; positions and characters counted from 0."""
    pos = 0
    last: tuple[str, int, int] | None = None  # the previous word's last piece: text, pos, start
    for word, start, end in _words(value):
        if not fine:
            yield word, pos, start, end
            pos += 1
            continue
        if not _WORDLIKE.search(word):
            last = None  # punctuation: no term of its own, and no pair across it
            pos += 1
            continue
        pieces = fine_pieces(word)
        first = pieces[0][0]
        if last is not None and _WORDLIKE.match(first) and _WORDLIKE.match(last[0]):
            yield last[0] + first, last[1], last[2], start + pieces[0][2]
        for text, index, s, e in piece_runs(word):
            yield text, pos + index, start + s, start + e
        tail = pieces[-1]
        last = (tail[0], pos + len(pieces) - 1, start + tail[1])
        pos += len(pieces)


def term_positions(value: str, fine: bool = False) -> dict[str, list[int]]:
    """Each term the analyzer (``words_analyzer``, or ``pieces_analyzer`` when ``fine``) makes of
    ``value``, lower-cased, with its positions in order: what a Whoosh format makes of the tokens,
    without a token object per term."""
    found: dict[str, list[int]] = {}
    for text, pos, _, _ in _terms(value, fine):
        found.setdefault(text.lower(), []).append(pos)
    return found


def words_analyzer() -> Composable:
    """Accurate-mode words, lower-cased."""
    return WhooshJiebaTokenizer() | LowercaseFilter()


def pieces_analyzer() -> Composable:
    """Dictionary pieces of every word, lower-cased."""
    return WhooshJiebaTokenizer(fine=True) | LowercaseFilter()


def analyze(text: str, fine: bool = False) -> list[str]:
    """The words of ``text`` as the index holds them, or (``fine``) their pieces in order."""
    words = [t.text for t in words_analyzer()(text)]
    if not fine:
        return words
    return [piece for word in words for piece, _, _ in fine_pieces(word)]
