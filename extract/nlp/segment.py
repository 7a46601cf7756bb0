"""The one jieba segmenter of the project, with the domain dictionary, configured once.

The spaCy tokenizer (spaCy's zh language calls the ``jieba`` module), the classifier's features
and the Whoosh analyzer all cut text through this module, so their tokens agree.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from pathlib import Path

import jieba

from extract.paths import cache_dir
from extract.text.characters import to_simplified

USER_DICT = Path(__file__).parent / "data" / "userdict.txt"
_lock = threading.Lock()
_ready = False


def segmenter() -> jieba.Tokenizer:
    """The shared jieba tokenizer (``jieba.dt``), initialized with our user dictionary."""
    global _ready
    if not _ready:
        with _lock:
            if not _ready:
                jieba.setLogLevel(logging.WARNING)
                jieba.dt.tmp_dir = str(cache_dir())
                jieba.dt.cache_file = "jieba.cache"
                jieba.dt.initialize()
                # words and their tags (jieba.posseg, imported only where tags are read, takes the
                # tags over from jieba.dt on its first cut)
                jieba.dt.load_userdict(str(USER_DICT))
                _ready = True
    return jieba.dt


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
    import jieba.posseg  # a second or so to import: only the commands that tag figures need it

    segmenter()
    return tuple((p.word, p.flag) for p in jieba.posseg.dt.cut(text))
