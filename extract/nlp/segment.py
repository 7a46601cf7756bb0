"""The one jieba segmenter of the project, with the domain dictionary, configured once.

The spaCy tokenizer (spaCy's zh language calls the ``jieba`` module), the classifier's features
and the Whoosh analyzer all cut text through this module, so their tokens agree.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import logging
import marshal
import os
import sys
import threading
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import jieba

from extract.nlp import frequencies
from extract.paths import cache_dir, own_private_file, write_private_file
from extract.text.characters import to_simplified

USER_DICT = Path(__file__).parent / "data" / "userdict.txt"
_lock = threading.Lock()
_ready = False
_quick = False


def quick_start() -> None:
    """Have this process cut with the memory-mapped frequency table (``extract.nlp.frequencies``)
    instead of loading jieba's whole dictionary: for commands that cut a few short texts and tag
    none (the user dictionary's part-of-speech tags are not set up). Call it before the first cut;
    the first process to call it loads the dictionary and writes the table."""
    global _quick
    _quick = True


def segmenter() -> jieba.Tokenizer:
    """The shared jieba tokenizer (``jieba.dt``), initialized with our user dictionary."""
    global _ready
    if not _ready:
        with _lock:
            if not _ready:
                jieba.setLogLevel(logging.WARNING)
                jieba.dt.tmp_dir = str(cache_dir())
                jieba.dt.cache_file = "jieba.cache"
                stamp = _stamp() if _quick else ""
                table = frequencies.load_table(cache_dir(), stamp) if _quick else None
                if table is not None:
                    jieba.dt.FREQ, jieba.dt.total = table
                    jieba.dt.initialized = True
                else:
                    jieba.dt.initialize()
                    # words and their tags (jieba.posseg, imported only where tags are read, takes the
                    # tags over from jieba.dt on its first cut)
                    jieba.dt.load_userdict(str(USER_DICT))
                    if _quick:
                        frequencies.save_table(jieba.dt.FREQ, jieba.dt.total, cache_dir(), stamp)
                _ready = True
    return jieba.dt


def _dictionary_stamp() -> str:
    """jieba's version and its dictionary file's size and time: what its cached forms derive from."""
    with jieba.dt.get_dict_file() as dictionary:
        stat = os.stat(dictionary.name)
    return f"{jieba.__version__}-{stat.st_size}-{stat.st_mtime_ns}"


def _stamp() -> str:
    """``_dictionary_stamp`` and our user dictionary's content."""
    return f"{_dictionary_stamp()}-{hashlib.sha256(USER_DICT.read_bytes()).hexdigest()[:16]}"


def cut(text: str) -> list[str]:
    """Words of ``text`` (accurate mode, traditional script read as simplified)."""
    return [w for w in segmenter().cut(to_simplified(text), HMM=True) if w.strip()]


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for each word of the simplified text, whitespace left out."""
    simplified = to_simplified(text)
    return [
        (simplified[start:end], start, end)
        for _, start, end in segmenter().tokenize(simplified, HMM=True)
        if simplified[start:end].strip()
    ]


@lru_cache(maxsize=8192)
def tag_words(text: str) -> tuple[tuple[str, str], ...]:
    """(word, part-of-speech flag) pairs of a short text, for reading phrases around a figure;
    cached, as the same clauses (执行数, 项目支出) come back in report after report."""
    segmenter()
    return tuple((p.word, p.flag) for p in _posseg().dt.cut(text))


def _posseg() -> ModuleType:
    """``jieba.posseg``, imported only where tags are read, with its table of each dictionary word's
    tag read from the cache folder: importing it parses jieba's whole dictionary file for that
    table, a second of every process that tags. The table is cached, as a marshal file (plain
    strings, no code), after the first import; the module then imports with an empty dictionary
    file and takes the cached table."""
    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]
    cached = cache_dir() / f"jieba-tags-{_dictionary_stamp()}.marshal"
    table = _read_table(cached)
    if table is None:
        posseg = importlib.import_module("jieba.posseg")
        write_private_file(cached, lambda path: path.write_bytes(marshal.dumps(posseg.dt.word_tag_tab)))
        return posseg
    jieba.dt.get_dict_file = lambda: io.BytesIO()  # what posseg reads on import (instance attribute)
    try:
        posseg = importlib.import_module("jieba.posseg")
    finally:
        del jieba.dt.get_dict_file
    posseg.dt.word_tag_tab.update(table)
    return posseg


def _read_table(path: Path) -> dict[str, str] | None:
    if not own_private_file(path):
        return None
    try:
        table = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return table if isinstance(table, dict) and all(type(v) is str for v in table.values()) else None
