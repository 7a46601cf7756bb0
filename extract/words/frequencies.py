"""The segmenter's word frequencies as a sorted, memory-mapped table, for a quick start.

``jieba.initialize`` reads its whole prefix dictionary (half a million entries) into a dict: about a
second and a half of every process that cuts text. A process that cuts a few short texts
(``jixiao search``: the query and its related words) looks up a few hundred of those entries. The
table holds every entry as the segmenter has it once our user dictionary is loaded; ``Lookup``
answers jieba's ``in``, ``[]`` and ``get`` from it by binary search and remembers what it found, so
the same words are cut (tested). A process that cuts many texts is quicker with the dict itself.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from extract.paths import own_private_file, write_private_file


class Lookup(dict):
    """jieba's ``FREQ`` dict, its entries read from the sorted ``keys`` and their ``counts`` on first use."""

    def __init__(self, keys: np.ndarray, counts: np.ndarray) -> None:
        super().__init__()
        self._keys, self._counts = keys, counts
        self._width = keys.dtype.itemsize // 4  # characters of a numpy unicode string
        self._absent: set[str] = set()

    def _find(self, word: str) -> int | None:
        if dict.__contains__(self, word):
            return dict.__getitem__(self, word)
        if not word or len(word) > self._width or word in self._absent:
            return None
        i = int(np.searchsorted(self._keys, word))
        if i < len(self._keys) and self._keys[i] == word:
            count = int(self._counts[i])
            dict.__setitem__(self, word, count)
            return count
        self._absent.add(word)
        return None

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._find(word) is not None

    def __getitem__(self, word: str) -> int:
        count = self._find(word)
        if count is None:
            raise KeyError(word)
        return count

    def get(self, word: str, default: int | None = None) -> int | None:
        """The count of ``word``, or ``default`` when the dictionary lacks it."""
        count = self._find(word)
        return default if count is None else count


def _paths(folder: Path, stamp: str) -> tuple[Path, Path]:
    return folder / f"jieba-freq-{stamp}.keys.npy", folder / f"jieba-freq-{stamp}.counts.npy"


def save_table(freq: dict[str, int], total: int, folder: Path, stamp: str) -> None:
    """Write ``freq`` (and jieba's ``total``, after the counts) as the table of ``stamp``."""
    words = sorted(freq)
    keys = np.array(words, dtype=f"U{max(map(len, words), default=1)}")
    counts = np.array([freq[w] for w in words] + [total], dtype=np.int64)
    keys_path, counts_path = _paths(folder, stamp)
    write_private_file(counts_path, lambda path: np.save(path, counts))
    write_private_file(keys_path, lambda path: np.save(path, keys))


def load_table(folder: Path, stamp: str) -> tuple[Lookup, int] | None:
    """The table of ``stamp`` and jieba's ``total``; None when missing, not ours alone, or unreadable."""
    keys_path, counts_path = _paths(folder, stamp)
    if not (own_private_file(keys_path) and own_private_file(counts_path)):
        return None
    try:
        keys = np.load(keys_path, mmap_mode="r", allow_pickle=False)
        counts = np.load(counts_path, mmap_mode="r", allow_pickle=False)
    except (OSError, ValueError):
        return None
    if keys.dtype.kind != "U" or counts.dtype != np.int64 or len(counts) != len(keys) + 1:
        return None
    return Lookup(keys, counts[:-1]), int(counts[-1])
