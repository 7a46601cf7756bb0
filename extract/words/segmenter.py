"""The one jieba segmenter of the project, with the domain dictionary, configured once.

``load_segmenter`` makes a ``Segmenter``: jieba's dictionary and ours, loaded into a
``jieba.Tokenizer`` of its own (jieba's module-wide ``jieba.dt`` is left alone), and the
part-of-speech table ``jieba.posseg`` would read. ``segmenter`` is the process's shared one. The
spaCy tokenizer, the classifier's features and the Whoosh analyzer all cut through it, so their
words agree; words and their tags come from one cut (``Segmenter.cut_tagged``).

The cut is jieba's accurate mode with its HMM for unknown runs, word for word (tested on every
line of the seed reports): the same dictionary route, computed in one backward pass instead of
jieba's DAG dict and its generator of tuples (0.6 of jieba's time), the unknown runs left to
jieba's own ``finalseg``. Tags are ``jieba.posseg``'s for dictionary words; a word only the HMM
finds is tagged as posseg tags what it cannot read (x), numbers m, Latin eng.

A segmenter that loads jieba's whole dictionary (not ``quick``) cuts through ``rjieba`` (jieba-rs,
the same algorithm and the same dictionary in Rust, about 15 times quicker than our Python route),
our user dictionary added to it. jieba-rs reads a run without ideographs in an unknown stretch
differently ("2021-2025" whole, where jieba's ``finalseg`` cuts 2021 | - | 2025); such pieces are
cut again as ``finalseg`` cuts them (``_jieba_pieces``); and it reads more code points as
ideographs than jieba does, so a text holding one of those takes the Python route. The words are
then jieba's, tested against the Python route and jieba itself on the seed reports and on
generated text (docs/speed.md).
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import marshal
import os
import re
import threading
from collections.abc import Mapping
from functools import lru_cache
from math import log
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import jieba
from jieba import finalseg

from extract.paths import cache_dir, own_private_file, write_private_file
from extract.text.characters import to_simplified
from extract.words import frequencies

if TYPE_CHECKING:
    import rjieba

USER_DICT = Path(__file__).parent / "data" / "userdict.txt"
UNKNOWN_TAG = "x"
"""posseg's tag of what is no dictionary word (punctuation, spaces, symbols)."""
_HAN = jieba.re_han_default
"""A run jieba cuts with its dictionary (ideographs, Latin letters, digits and a few signs)."""
_SKIP = jieba.re_skip_default
_NUMBER = re.compile(r"[.0-9]+%?")
_LATIN = re.compile(r"[a-zA-Z0-9]+")
_HAN_WORD = re.compile("[\u4E00-\u9FD5]+")
"""What posseg's HMM reads (its ``re_han_detail``)."""
_HAN_CHAR = re.compile("[\u4E00-\u9FD5]")
_HMM_SKIP = finalseg.re_skip
"""How jieba's HMM cuts what is no ideograph in an unknown stretch (``[a-zA-Z0-9]+(?:\\.\\d+)?%?``)."""
_BEYOND_JIEBA = re.compile("[\u3400-\u4DBF\u9FD6-\u9FFF\uF900-\uFAFF]|[\U00010000-\U0010FFFF]")
"""Ideographs jieba-rs reads as such and jieba does not (Extension A, the end of the unified block,
the compatibility ideographs, every plane beyond the first): a text holding one takes the Python route."""


class Segmenter:
    """jieba's accurate-mode cut over one frequency table, with part-of-speech tags.

    freq, total: jieba's prefix dictionary (word → count, 0 for a prefix only) and its total, our
    user dictionary included; tags: word → posseg tag, read on first use by ``tag_table``;
    fast: a ``rjieba.Jieba`` holding the same dictionary, which then does the cutting."""

    def __init__(self, freq: Mapping[str, int], total: int, tags: TagTable,
                 fast: rjieba.Jieba | None = None) -> None:
        self.freq = freq
        self.total = total
        self._log_total = log(total)
        self._tags = tags
        self._fast = fast

    def cut(self, text: str) -> list[str]:
        """Every piece of ``text`` in order (spaces and line breaks too), as ``jieba.cut`` gives them."""
        if self._fast is not None and not _BEYOND_JIEBA.search(text):
            return self._jieba_pieces(self._fast.cut(text))
        return self.python_cut(text)

    def _jieba_pieces(self, pieces: list[str]) -> list[str]:
        """jieba-rs's pieces with those it reads unlike jieba cut again: a piece of several
        characters, no ideograph among them and no dictionary word, is an unknown stretch that
        jieba's ``finalseg`` cuts with ``_HMM_SKIP``."""
        out: list[str] = []
        get = self.freq.get
        for piece in pieces:
            if len(piece) > 1 and not "\u4e00" <= piece[0] <= "\u9fd5" and not _HAN_CHAR.search(piece) \
                    and not get(piece):
                out.extend(part for part in _HMM_SKIP.split(piece) if part)
            else:
                out.append(piece)
        return out

    def python_cut(self, text: str) -> list[str]:
        """``cut`` computed in Python on ``freq`` (what a quick segmenter cuts with)."""
        out: list[str] = []
        for block in _HAN.split(text):
            if not block:
                continue
            if _HAN.match(block):
                self._cut_run(block, out)
            else:
                for piece in _SKIP.split(block):
                    if _SKIP.match(piece):
                        out.append(piece)
                    else:
                        out.extend(piece)
        return out

    def cut_tagged(self, text: str) -> tuple[list[str], list[str]]:
        """``cut`` of ``text`` and each piece's part-of-speech tag."""
        pieces = self.cut(text)
        return pieces, [self.tag(piece) for piece in pieces]

    def tag(self, word: str) -> str:
        """The part-of-speech tag of one word of a cut: the dictionary's; for a number (with its
        %) m, Latin eng; for a word only the HMM found, the tag posseg's HMM gives its last character."""
        table = self._tags.get()
        found = table.get(word)
        if found is not None:
            return found
        if _NUMBER.fullmatch(word):
            return "m"
        if _LATIN.fullmatch(word):
            return "eng"
        return _hmm_tag(word) if _HAN_WORD.fullmatch(word) else UNKNOWN_TAG

    def words(self, text: str) -> list[str]:
        """Words of ``text`` (traditional script read as simplified), whitespace left out."""
        return [w for w in self.cut(to_simplified(text)) if w.strip()]

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """(word, start, end) for each word of the simplified text, whitespace left out."""
        out, position = [], 0
        for word in self.cut(to_simplified(text)):
            if word.strip():
                out.append((word, position, position + len(word)))
            position += len(word)
        return out

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """(word, tag) of each word of ``text`` as it is written (no script conversion)."""
        pieces, tags = self.cut_tagged(text)
        return list(zip(pieces, tags))

    def _cut_run(self, run: str, out: list[str]) -> None:
        """jieba's ``__cut_DAG`` of one run: the most probable dictionary route, single characters
        between dictionary words gathered and read by the HMM when they are no word together."""
        ends = self._route(run)
        start, position, n = -1, 0, len(run)
        while position < n:
            end = ends[position]
            if end - position == 1:
                if start < 0:
                    start = position
            else:
                if start >= 0:
                    self._singles(run[start:position], out)
                    start = -1
                out.append(run[position:end])
            position = end
        if start >= 0:
            self._singles(run[start:], out)

    def _route(self, run: str) -> list[int]:
        """Where the word starting at each character ends on jieba's best route (``calc`` over
        ``get_DAG``, the same sums in the same order, ties to the longer word)."""
        get, log_total, n = self.freq.get, self._log_total, len(run)
        score = [0.0] * (n + 1)
        ends = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            best, best_end, i, fragment = None, k + 1, k, run[k]
            while True:
                count = get(fragment)
                if count is None:
                    break
                if count:
                    s = log(count) - log_total + score[i + 1]
                    if best is None or s >= best:
                        best, best_end = s, i + 1
                i += 1
                if i >= n:
                    break
                fragment = run[k:i + 1]
            score[k] = best if best is not None else log(1) - log_total + score[k + 1]
            ends[k] = best_end
        return ends

    def _singles(self, buffer: str, out: list[str]) -> None:
        if len(buffer) == 1:
            out.append(buffer)
        elif not self.freq.get(buffer):
            out.extend(finalseg.cut(buffer))
        else:
            out.extend(buffer)


@lru_cache(maxsize=4096)
def _hmm_tag(word: str) -> str:
    """The tag posseg's HMM gives the last character of ``word`` (the head of a Chinese phrase):
    how ``jieba.posseg`` tags a run its dictionary lacks."""
    viterbi, states, start, transitions, emissions = _posseg_model()
    _, route = viterbi(word, states, start, transitions, emissions)
    return route[-1][1]


@lru_cache(maxsize=1)
def _posseg_model() -> tuple:
    """posseg's HMM (its viterbi and probability tables), read from jieba's files by path:
    importing ``jieba.posseg`` itself would parse jieba's whole dictionary for its word-tag table."""
    folder = Path(jieba.__file__).parent / "posseg"

    def module(name: str) -> ModuleType:
        spec = importlib.util.spec_from_file_location(f"_jixiao_posseg_{name}", folder / f"{name}.py")
        loaded = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(loaded)
        return loaded

    return (module("viterbi").viterbi, module("char_state_tab").P, module("prob_start").P,
            module("prob_trans").P, module("prob_emit").P)


class TagTable:
    """posseg's word → tag table (jieba's dictionary, then ours), read once on first use: from a
    private marshal file in the cache folder (plain strings, no code) when there is one, else
    parsed from jieba's dictionary file (a second) and then kept there."""

    def __init__(self, dictionary: jieba.Tokenizer) -> None:
        self._dictionary = dictionary
        self._table: dict[str, str] | None = None
        self._lock = threading.Lock()

    def get(self) -> dict[str, str]:
        """The table."""
        if self._table is None:
            with self._lock:
                if self._table is None:
                    self._table = self._load()
        return self._table

    def _load(self) -> dict[str, str]:
        cached = cache_dir() / f"jieba-tags-{dictionary_stamp(self._dictionary)}.marshal"
        table = _read_table(cached)
        if table is None:
            table = {}
            with self._dictionary.get_dict_file() as lines:
                for line in lines:
                    fields = line.strip().decode("utf-8").split(" ")
                    if len(fields) == 3:
                        table[fields[0]] = fields[2]
            write_private_file(cached, lambda path: path.write_bytes(marshal.dumps(table)))
        return {**table, **_user_tags()}


def _user_tags() -> dict[str, str]:
    """Our user dictionary's tags (a line: word, count, tag)."""
    rows = (line.split() for line in USER_DICT.read_text(encoding="utf-8").splitlines())
    return {row[0]: row[2] for row in rows if len(row) >= 3}


def _read_table(path: Path) -> dict[str, str] | None:
    if not own_private_file(path):
        return None
    try:
        table = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return table if isinstance(table, dict) and all(type(v) is str for v in table.values()) else None


def dictionary_stamp(dictionary: jieba.Tokenizer) -> str:
    """jieba's version and its dictionary file's size and time: what its cached forms derive from."""
    with dictionary.get_dict_file() as lines:
        stat = os.stat(lines.name)
    return f"{jieba.__version__}-{stat.st_size}-{stat.st_mtime_ns}"


def _stamp(dictionary: jieba.Tokenizer) -> str:
    """``dictionary_stamp`` and our user dictionary's content."""
    return f"{dictionary_stamp(dictionary)}-{hashlib.sha256(USER_DICT.read_bytes()).hexdigest()[:16]}"


def load_segmenter(*, quick: bool = False) -> Segmenter:
    """A segmenter on jieba's dictionary and ours. ``quick``: answer the frequency lookups from
    the sorted, memory-mapped table of ``extract.words.frequencies`` instead of loading jieba's
    whole dictionary (1.3–1.9 s), for a process that cuts a few short texts; the first quick
    load of a dictionary loads it and writes the table."""
    jieba.setLogLevel(logging.WARNING)
    dictionary = jieba.Tokenizer()
    dictionary.tmp_dir, dictionary.cache_file = str(cache_dir()), "jieba.cache"
    stamp = _stamp(dictionary) if quick else ""
    table = frequencies.load_table(cache_dir(), stamp) if quick else None
    if table is not None:
        return Segmenter(table[0], table[1], TagTable(dictionary))
    dictionary.initialize()
    dictionary.load_userdict(str(USER_DICT))
    if quick:
        frequencies.save_table(dictionary.FREQ, dictionary.total, cache_dir(), stamp)
        return Segmenter(dictionary.FREQ, dictionary.total, TagTable(dictionary))
    return Segmenter(dictionary.FREQ, dictionary.total, TagTable(dictionary), fast_cutter())


def fast_cutter() -> rjieba.Jieba:
    """jieba-rs with jieba's dictionary (the one it ships: the same words and counts) and ours,
    each user word added with its count and tag as ``jieba.load_userdict`` adds it. Imported
    here: importing rjieba loads its dictionary (half a second), which a quick segmenter never needs."""
    import rjieba

    fast = rjieba.Jieba()
    for line in USER_DICT.read_text(encoding="utf-8").splitlines():
        if line.strip():
            word, count, tag = jieba.re_userdict.match(line.strip()).groups()
            fast.add_word(word, int(count) if count else None, tag.strip() if tag else None)
    return fast


_shared: list[Segmenter] = []
_shared_lock = threading.Lock()


def segmenter(*, quick: bool = False) -> Segmenter:
    """The process's segmenter, made by ``load_segmenter`` on the first call (``quick`` is passed
    to that call; later calls return the same one, which cuts the same words either way)."""
    if not _shared:
        with _shared_lock:
            if not _shared:
                _shared.append(load_segmenter(quick=quick))
    return _shared[0]
